// Unit tests of the core every view loads (static/js/core/), in Node: `node --test tests/js/`.
import {test} from "node:test";
import assert from "node:assert/strict";
import {loadCore, scriptedFetch} from "./browser.mjs";

test("interpolate fills named placeholders and leaves unknown ones", () => {
  const {LessonStudy} = loadCore();
  assert.equal(LessonStudy.i18n.interpolate("Step %(n)s of %(total)s", {n: 3, total: 7}), "Step 3 of 7");
  assert.equal(LessonStudy.i18n.interpolate("%(who)s helped %(whom)s", {who: "S07"}), "S07 helped %(whom)s");
});

test("gettext uses the view's catalog, falls back to English, and picks plural forms", () => {
  const core = loadCore();
  core.LessonStudyI18n = {id: {"Save": "Simpan", "%(count)s entry": ["%(count)s catatan"], "Empty": ""}};
  const id = core.LessonStudy.i18n.forView({language: "id"});
  assert.equal(id.gettext("Save"), "Simpan");
  assert.equal(id.gettext("Not translated"), "Not translated");
  assert.equal(id.gettext("Empty"), "Empty", "an empty translation shows the source");
  assert.equal(id.ngettext("%(count)s entry", "%(count)s entries", 5), "%(count)s catatan");
  const en = core.LessonStudy.i18n.forView({language: "en"});
  assert.equal(en.ngettext("%(count)s entry", "%(count)s entries", 1), "%(count)s entry");
  assert.equal(en.ngettext("%(count)s entry", "%(count)s entries", 2), "%(count)s entries");
  const inline = core.LessonStudy.i18n.forView({language: "id", catalog: {"Save": "Simpan!"}});
  assert.equal(inline.gettext("Save"), "Simpan!", "a catalog sent inline wins");
});

test("Retry-After: seconds or an HTTP date, one second when missing, never more than the cap", () => {
  const {LessonStudy} = loadCore();
  const {retryAfterMs, RETRY_AFTER_CAP} = LessonStudy.http;
  assert.equal(retryAfterMs("3"), 3000);
  assert.equal(retryAfterMs(""), 1000);
  assert.equal(retryAfterMs("soon"), 1000);
  assert.equal(retryAfterMs("100000"), RETRY_AFTER_CAP * 1000);
  const now = Date.parse("2026-12-05T10:00:00Z");
  assert.equal(retryAfterMs("Sat, 05 Dec 2026 10:00:05 GMT", now), 5000);
});

test("the CSRF token comes from the csrftoken cookie", () => {
  const {LessonStudy} = loadCore({cookie: "lang=id; csrftoken=abc%3D123; other=x"});
  assert.equal(LessonStudy.http.csrfToken(), "abc=123");
  assert.equal(LessonStudy.http.cookie("missing"), "");
});

test("a busy answer is sent again with the same body after its Retry-After", async () => {
  const scripted = scriptedFetch([[429, {error: "busy"}, {"Retry-After": "2"}], [429, {}, {}], [200, {ok: true}]]);
  const core = loadCore({fetch: scripted.fetch, cookie: "csrftoken=t0k"});
  const waits = [];
  const client = core.LessonStudy.http.client({url: (h) => "/handler/" + h, lockName: "x",
                                                wait: async (ms) => { waits.push(ms); }});
  const result = await client.send("add_observation", {client_id: "c-1", evidence: "S07 helps"});
  assert.equal(result.ok, true);
  assert.deepEqual(waits, [2000, 1000]);
  assert.equal(scripted.requests.length, 3);
  for (const request of scripted.requests) {
    assert.deepEqual(request.body, {client_id: "c-1", evidence: "S07 helps"});
    assert.equal(request.headers["X-CSRFToken"], "t0k");
  }
});

test("the client gives up after MAX_RETRIES busy answers and says the server is busy", async () => {
  const scripted = scriptedFetch([[429, {}, {"Retry-After": "1"}]]);
  const core = loadCore({fetch: scripted.fetch});
  const client = core.LessonStudy.http.client({url: (h) => h, lockName: "x", wait: async () => undefined});
  const result = await client.post("get_state", {});
  assert.equal(result.ok, false);
  assert.equal(result.status, 429);
  assert.equal(scripted.requests.length, core.LessonStudy.http.MAX_RETRIES + 1);
});

test("no answer, a 5xx and a refusal each say what happened", async () => {
  for (const [answers, status, text] of [
    [[[0]], 0, "The connection failed"],
    [[[502, undefined]], 502, "The server could not answer"],
    [[[409, {error: "The plan is locked.", field: "section_id"}]], 409, "The plan is locked."],
  ]) {
    const core = loadCore({fetch: scriptedFetch(answers).fetch});
    const client = core.LessonStudy.http.client({url: (h) => h, lockName: "x"});
    const result = await client.post("save_plan_section", {});
    assert.equal(result.ok, false);
    assert.equal(result.status, status);
    assert.ok(result.data.error.startsWith(text), result.data.error);
    await assert.rejects(client.sendOrFail("save_plan_section", {}), (error) => error.status === status);
  }
});

test("requests of one block run one at a time", async () => {
  const order = [];
  const core = loadCore();
  const client = core.LessonStudy.http.client({url: (h) => h, lockName: "x"});
  const slow = client.exclusive(async () => { order.push("a start"); await new Promise((r) => setTimeout(r, 20)); order.push("a end"); });
  const fast = client.exclusive(async () => { order.push("b"); });
  await Promise.all([slow, fast]);
  assert.deepEqual(order, ["a start", "a end", "b"]);
});

test("YouTube addresses give their id; other addresses none; times read as clocks", () => {
  const {LessonStudy} = loadCore();
  const {youtubeId, youtubeEmbed, hms} = LessonStudy.video;
  assert.equal(youtubeId("https://www.youtube.com/watch?v=dQw4w9WgXcQ"), "dQw4w9WgXcQ");
  assert.equal(youtubeId("https://youtu.be/dQw4w9WgXcQ?t=12"), "dQw4w9WgXcQ");
  assert.equal(youtubeId("https://example.org/lesson.mp4"), null);
  assert.equal(youtubeEmbed("abcdef", {start: 12}), "https://www.youtube-nocookie.com/embed/abcdef?start=12");
  assert.equal(hms(754), "12:34");
  assert.equal(hms(3723), "1:02:03");
});

test("only http(s) addresses become links; long texts are shortened", () => {
  const {LessonStudy} = loadCore();
  assert.equal(LessonStudy.dom.httpUrl(" https://example.org/a "), "https://example.org/a");
  assert.equal(LessonStudy.dom.httpUrl("javascript:alert(1)"), null);
  assert.equal(LessonStudy.dom.httpUrl("data:text/html,x"), null);
  assert.equal(LessonStudy.dom.shorten("Apersepsi dan motivasi", 10), "Apersepsi…");
  assert.equal(LessonStudy.dom.shorten("abc", 1), "");
  assert.equal(LessonStudy.dom.randomId(20).length, 20);
});
