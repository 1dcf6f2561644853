"""The open class in a classroom, in real browsers: the Do tab on a phone with a dropping network.

Entries written while the network is gone are kept in the browser and stored exactly once when
it is back (also after the tab was closed); a refused entry is shown with the server's message
and not sent again; the lesson clock fills the minute and the plan step; the seating chart fills
the target; the lesson video gives entries their time and plays from it; See filters the entries
and shows them per seat; the plan's history compares cycle 1 with cycle 2.

A network that drops is made two ways: the browser context set offline (the browser's own
offline mode: every request fails at once), and ``page.route`` answering in place of the server
(a 400, a 429, a 503). The lesson video is a real media file served by ``page.route`` at an
https address (the workbench cannot reach YouTube): a two-minute WAV made here with ``wave``,
answered with byte ranges so the browser can seek in it. Chromium plays it in a ``<video>``
element like any video file; the address ends in ``.webm`` because the server accepts only
video file addresses.
"""

import io
import json
import re
import time
import wave

import pytest

from tests.browser.conftest import ARTIFACTS, axe_violations
from tests.browser.test_cycle_phone import (
    HIDE_WORKBENCH_DEBUG, PHONE, assert_no_horizontal_scroll, small_targets,
)
from tests.browser.test_cycle_support import (
    seat_button,
    BLOCK, SCENARIO, CycleGroup, assert_no_script_ran, block, expect, handler_response, ok, open_tab, ready,
    section_form, wait_saved,
)

VIDEO_URL = "https://video.test/lesson.webm"
WIDE = {"width": 1200, "height": 900}


# Set-up ---------------------------------------------------------------------------------------
def group_in_do(api, school="SD Negeri 3 Ende"):
    """A group in the Do phase: model teacher ``rina``, observer ``budi``."""
    group = CycleGroup(api, school=school)
    teacher = group.join("rina", "model_teacher")
    observer = group.join("budi", "observer")
    group.phase(teacher, "do")
    return group, teacher, observer


def seat_name(label, count):
    """A seat button's accessible name: its visible label and count ("S07, entries: 3")."""
    return re.compile(rf"^{label}\s?, entries: {count}$")


def observation_form(page):
    return block(page).locator("form.ls-observe")


def tap_focus(form, label):
    """Tap one of the large focus buttons (the touch surface of the Focus select)."""
    form.locator(".ls-toggle", has_text=re.compile("^✓?\\s*" + re.escape(label) + "$")).click()


def add_observation(page, focus_label, evidence, target=None, check_saved=False):
    form = observation_form(page)
    tap_focus(form, focus_label)
    if target is not None:
        form.get_by_label("Student or group").fill(target)
    form.get_by_label("Evidence").fill(evidence)
    form.get_by_role("button", name="Add observation").click()
    expect(form.get_by_label("Evidence")).to_have_value("")  # cleared at once, online or not
    if check_saved:
        wait_saved(form)
    return entry(page, evidence)


def entry(page, evidence):
    return block(page).locator(".ls-entry").filter(has_text=evidence)


def open_again(people, context, student, language="en"):
    """A new tab in the same browser (same storage) on the scenario page."""
    page = context.new_page()
    page.script_errors = []
    page.on("pageerror", lambda error: page.script_errors.append(str(error)))
    page.goto(f"{people.server}/scenario/{SCENARIO}/?student={student}")
    people.last_page = page
    return ready(page)


def stored(group, username, evidence=None):
    """The entries the server holds for the caller (all, or those with this evidence)."""
    entries = group.state(username)["observations"]
    return [e for e in entries if evidence is None or e.get("evidence") == evidence]


def client_ids_posted(context, handler):
    """Collects the client_id of every POST to ``handler`` in the browser context."""
    seen = []

    def note(request):
        if f"/{handler}/" in request.url and request.method == "POST":
            seen.append(json.loads(request.post_data)["client_id"])
    context.on("request", note)
    return seen


def start_clock(page, minutes_ago):
    """Start the lesson clock, then move its start ``minutes_ago`` back (as if started then)."""
    find_key = "Object.keys(localStorage).find((k) => k.startsWith('lessonstudy-clock:')) || null"
    if page.evaluate(find_key) is None:
        block(page).locator("button[id$='-clock']").click()  # Start lesson clock
    page.wait_for_function(find_key)
    page.evaluate("(ago) => localStorage.setItem(" + find_key + ", String(Date.now() - ago * 60000))", minutes_ago)
    page.reload()
    ready(page)


def shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"classroom-{name}.png"), full_page=True)


# The offline queue ----------------------------------------------------------------------------
@pytest.mark.browser
def test_entries_made_offline_are_kept_after_the_tab_closes_and_stored_once_when_online(people, api):
    group, _teacher, observer = group_in_do(api)
    page = ready(people.open(observer, SCENARIO))
    context = page.context
    posted = client_ids_posted(context, "add_observation")
    context.set_offline(True)
    texts = [f"Offline entry {n} of {group.tag}: S0{n} folded the strip." for n in (1, 2, 3)]
    for number, text in enumerate(texts, start=1):
        item = add_observation(page, "Learning started", text, target=f"S0{number}")
        expect(item.locator(".ls-badge")).to_have_text("Waiting to send")
    queue_line = block(page).locator(".ls-queue [role=status]")
    expect(queue_line).to_contain_text("Entries waiting to send: 3.")
    expect(observation_form(page).get_by_role("status")).to_contain_text("kept in this browser")
    shot(page, "offline-waiting-1200")
    assert stored(group, observer) == []

    # The tab is closed while offline; the observer opens the workspace again once online.
    page.close()
    context.set_offline(False)
    page = open_again(people, context, observer)
    for text in texts:
        expect(entry(page, text).locator(".ls-badge")).to_have_text("Sent")  # read back from the server
    expect(block(page).locator(".ls-queue [role=status]")).to_be_empty()
    for text in texts:
        assert len(stored(group, observer, text)) == 1, text
    sent_ids = {e["client_id"] for e in stored(group, observer)}
    assert sent_ids <= set(posted)

    # Offline again in the open tab: the entry waits, and goes when the browser is back online.
    context.set_offline(True)
    later = f"Offline entry 4 of {group.tag}: S04 asked for a second strip."
    item = add_observation(page, "Helping and collaboration", later, target="S04")
    expect(item.locator(".ls-badge")).to_have_text("Waiting to send")
    context.set_offline(False)
    expect(item.locator(".ls-badge")).to_have_text("Sent", timeout=30_000)
    assert len(stored(group, observer, later)) == 1
    for text in texts:
        assert len(stored(group, observer, text)) == 1, text
    assert_no_script_ran(page)


@pytest.mark.browser
def test_two_tabs_with_entries_waiting_store_each_once_sending_one_request_at_a_time(people, api):
    """Both tabs send from the same storage, one request at a time (Web Locks). A tab's copy of
    localStorage lags behind the other's writes, so an entry may be sent twice: stored once."""
    group, _teacher, observer = group_in_do(api)
    first = ready(people.open(observer, SCENARIO))
    context = first.context
    second = open_again(people, context, observer)
    answered, in_flight, overlaps = [], set(), []

    def started(request):
        if "/add_observation/" in request.url:
            if in_flight:
                overlaps.append(request.url)
            in_flight.add(request)

    def ended(request):
        in_flight.discard(request)

    def answer(response):
        if "/add_observation/" in response.url:
            answered.append(json.loads(response.request.post_data)["client_id"])
    context.set_offline(True)
    texts = []
    for number, page in enumerate((first, second, first, second), start=1):
        texts.append(f"Two tabs {group.tag}: entry {number}.")
        add_observation(page, "Helping and collaboration", texts[-1], target=f"S1{number}")
    context.on("request", started)
    context.on("requestfinished", ended)
    context.on("requestfailed", ended)
    context.on("response", answer)
    context.set_offline(False)
    for page in (first, second):
        expect(block(page).locator(".ls-queue [role=status]")).to_be_empty(timeout=30_000)
    for text in texts:
        assert len(stored(group, observer, text)) == 1, text
    assert len(set(answered)) == 4, answered
    assert overlaps == []
    assert_no_script_ran(first, second)


@pytest.mark.browser
def test_a_reflection_post_written_offline_is_sent_once_the_connection_is_back(people, api):
    group, teacher, observer = group_in_do(api)
    group.phase(teacher, "see")
    page = ready(people.open(observer, SCENARIO))
    form = block(page).locator("form.ls-post-form")
    page.context.set_offline(True)
    finding = f"Finding {group.tag}: the strips made equal parts visible."
    form.get_by_role("textbox").fill(finding)
    form.get_by_role("button", name="Post reflection").click()
    post = block(page).locator(".ls-post").filter(has_text=finding)
    expect(post.locator(".ls-badge")).to_have_text("Waiting to send")
    expect(block(page).locator(".ls-queue [role=status]")).to_contain_text("Posts waiting to send: 1.")
    page.context.set_offline(False)
    expect(post.locator(".ls-badge")).to_have_text("Sent", timeout=30_000)
    posts = [p for p in group.state(observer)["reflection"]["posts"] if p["text"] == finding]
    assert len(posts) == 1
    assert_no_script_ran(page)


@pytest.mark.browser
def test_a_refused_entry_shows_the_servers_message_is_not_sent_again_and_can_be_fixed(people, api):
    group, _teacher, observer = group_in_do(api)
    page = ready(people.open(observer, SCENARIO))
    calls = []
    message = "The evidence names a child. Use a seat code instead."

    def refuse_first(route):
        calls.append(json.loads(route.request.post_data)["client_id"])
        if len(calls) == 1:
            route.fulfill(status=400, json={"error": message, "field": "evidence"})
        else:
            route.continue_()

    page.route("**/add_observation/**", refuse_first)
    text = f"Refused {group.tag}: Andi could not fold the strip."
    item = add_observation(page, "Learning stalled or not learning", text, target="S09")
    expect(item.locator(".ls-badge")).to_have_text("Not sent")
    expect(item).to_contain_text(message)
    expect(observation_form(page).get_by_role("status")).to_have_text(message)
    # Not sent again: not after a while, not when the browser says it is online, not on reload.
    # Playwright's clock runs a minute of the page's timers at once instead of waiting for them.
    page.clock.install()
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.clock.run_for(60_000)
    assert len(calls) == 1
    page.reload()
    ready(page)
    item = entry(page, text)
    expect(item).to_contain_text(message)
    page.clock.run_for(60_000)
    assert len(calls) == 1
    assert stored(group, observer) == []

    # Edit and send again: the entry is back in the form, the message at the evidence.
    item.get_by_role("button", name="Edit and send again").click()
    form = observation_form(page)
    evidence = form.get_by_label("Evidence")
    expect(evidence).to_have_value(text)
    expect(evidence).to_have_attribute("aria-invalid", "true")
    expect(evidence).to_be_focused()
    expect(form.get_by_label("Focus")).to_have_value("learning_stalled")
    fixed = f"Refused {group.tag}: S09 could not fold the strip."
    evidence.fill(fixed)
    with handler_response(page, "add_observation"):
        form.get_by_role("button", name="Add observation").click()
    wait_saved(form)
    assert calls == [calls[0], calls[0]]  # the same client_id: stored once however often sent
    saved = stored(group, observer)
    assert [e["evidence"] for e in saved] == [fixed] and saved[0]["client_id"] == calls[0]

    # A refused entry can also be discarded.
    page.unroute("**/add_observation/**")
    page.route("**/add_observation/**", lambda route: route.fulfill(status=409, json={"error": "Not now."}))
    dropped = f"Discarded {group.tag}"
    item = add_observation(page, "Teacher support", dropped)
    expect(item).to_contain_text("Not now.")
    item.get_by_role("button", name="Discard").click()
    expect(entry(page, dropped)).to_have_count(0)
    assert_no_script_ran(page)


@pytest.mark.browser
def test_a_busy_or_failing_server_gets_the_entry_again_after_retry_after_and_back_off(people, api):
    group, _teacher, observer = group_in_do(api)
    page = ready(people.open(observer, SCENARIO))
    times = []

    def busy_then_failing(route):
        times.append(time.monotonic())
        if len(times) == 1:
            route.fulfill(status=429, headers={"Retry-After": "2"}, json={"error": "Busy."})
        elif len(times) == 2:
            route.fulfill(status=503, body="<html>Service unavailable</html>", content_type="text/html")
        else:
            route.continue_()

    page.route("**/add_observation/**", busy_then_failing)
    text = f"Retried {group.tag}: S11 counted the pieces aloud."
    form = observation_form(page)
    item = add_observation(page, "Student talk (quote)", text)
    wait_saved(form)
    expect(item.locator(".ls-badge")).to_have_text("Sent")
    assert len(times) == 3
    assert times[1] - times[0] >= 1.9  # Retry-After: 2
    assert times[2] - times[1] >= 1.4  # back-off after a 503: 2 s, give or take a quarter
    assert len(stored(group, observer, text)) == 1
    assert_no_script_ran(page)


# Fast entry on a phone: seats, lesson clock, plan steps, modes, interactions ---------------------
@pytest.mark.browser
@pytest.mark.parametrize("language", ["en", "id"])
def test_the_do_tab_on_a_phone_fits_and_the_lesson_clock_times_every_kind_of_entry(people, api, language):
    group, _teacher, observer = group_in_do(api)
    page = ready(people.open(observer, SCENARIO, language=language, viewport=PHONE))
    start_clock(page, 15)
    page.add_style_tag(content=HIDE_WORKBENCH_DEBUG)
    panel = ".lessonstudy-cycle [role=tabpanel]:not([hidden])"
    assert_no_horizontal_scroll(page)
    assert small_targets(page, panel) == []
    form = observation_form(page)
    seats = block(page).locator(".ls-board")
    seat_button(seats, "S07").click()
    expect(seat_button(seats, "S07")).to_have_attribute("aria-pressed", "true")
    expect(form.locator("input[id$=obs-minute]")).to_have_value("15")
    shot(page, f"do-phone-360-{language}")
    if language != "en":
        assert_no_script_ran(page)
        return

    # A note on the chosen seat: the seat counts it, and is free again for the next entry.
    text = f"Seat {group.tag}: S07 explained halves with the strip."
    add_observation(page, "Learning started", text, check_saved=True)
    expect(seats.get_by_role("button", name=seat_name("S07", 1))).to_be_visible()
    expect(seat_button(seats, "S07")).to_have_attribute("aria-pressed", "false")

    # An interaction: two seats, a kind, add; the minute typed over the clock's.
    form.get_by_label("Lesson minute").fill("17")
    seat_button(seats, "S03").click()
    seat_button(seats, "S04").click()
    form.get_by_role("button", name="helped", exact=True).click()
    with handler_response(page, "add_observation"):
        form.get_by_role("button", name="Add interaction").click()
    wait_saved(form)
    # A change of lesson mode: one tap, timed by the clock again.
    with handler_response(page, "add_observation"):
        block(page).get_by_role("button", name="Group work").click()
    wait_saved(form)
    assert_no_horizontal_scroll(page)
    assert small_targets(page, panel) == []

    entries = stored(group, observer)
    pair = next(e for e in entries if e["kind"] == "interaction")
    assert (pair["from"], pair["to"], pair["interaction"], pair["minute"]) == ("S03", "S04", "helped", 17)
    assert (pair["from_seat"], pair["to_seat"]) == ("r1c3", "r1c4")
    mode = next(e for e in entries if e["kind"] == "mode")
    assert mode["mode"] == "group_work" and mode["step_id"] == "core" and mode["minute"] in (15, 16)
    note = next(e for e in entries if e["kind"] == "note")
    assert (note["target"], note["seat"], note["minute"], note["step_id"]) == ("S07", "r2c1", 15, "core")
    shot(page, "do-phone-360-en-after")
    assert_no_script_ran(page)


@pytest.mark.browser
def test_entries_made_while_the_lesson_clock_runs_land_under_the_plan_step_of_that_minute(people, api):
    group, teacher, observer = group_in_do(api)
    page = ready(people.open(observer, SCENARIO))
    form = observation_form(page)
    step = form.get_by_label("Plan step")
    plan = {  # the default plan: opening 0-10, core 10-60, closing 60-70
        4: ("opening", f"Clock {group.tag}: S02 read the task aloud."),
        15: ("core", f"Clock {group.tag}: S05 shaded one third of the strip."),
        64: ("closing", f"Clock {group.tag}: S08 summarised: one half is bigger."),
    }
    for minute, (step_id, text) in plan.items():
        start_clock(page, minute)
        expect(block(page).locator("[id$=clock-now]")).to_contain_text(f"Lesson clock: minute {minute}")
        expect(form.get_by_label("Lesson minute")).to_have_value(str(minute))
        expect(step).to_have_value(step_id)
        add_observation(page, "Learning started", text, check_saved=True)
    # The observer may choose another step, or none.
    step.select_option("")
    unplaced = f"Clock {group.tag}: the teacher changed the seating."
    add_observation(page, "Teacher support", unplaced, check_saved=True)

    comparison = group.state(observer)["lesson"]["comparison"]
    by_step = {s["id"]: s for s in comparison["steps"]}
    entries = {e["evidence"]: e for e in stored(group, observer)}
    for minute, (step_id, text) in plan.items():
        assert entries[text]["step_id"] == step_id and entries[text]["minute"] == minute
        assert entries[text]["id"] in [i for f in by_step[step_id]["focus"] for i in f["entries"]], step_id
        assert by_step[step_id]["count"] == 1
    assert entries[unplaced]["step_id"] is None and comparison["without_step"] == 1

    # See shows them under the steps (the comparison of cycle/charts.js), once the group is in See.
    group.phase(teacher, "see")
    page.reload()
    ready(page)
    open_tab(page, "See")
    for minute, (step_id, text) in plan.items():
        expect(block(page).get_by_text(text).first).to_be_attached()
    assert_no_script_ran(page)


# The lesson video -----------------------------------------------------------------------------
def silent_wav(seconds=120, rate=8000):
    """A silent mono WAV: a real media file Chromium plays and seeks in a <video> element."""
    out = io.BytesIO()
    with wave.open(out, "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(1)
        sound.setframerate(rate)
        sound.writeframes(bytes([128]) * rate * seconds)
    return out.getvalue()


def serve_video(context, data):
    """Answer ``VIDEO_URL`` with byte ranges, as a file server does (the browser seeks with them)."""
    def answer(route):
        match = re.match(r"bytes=(\d+)-(\d*)", route.request.headers.get("range") or "")
        start = int(match.group(1)) if match else 0
        end = int(match.group(2)) if match and match.group(2) else len(data) - 1
        route.fulfill(status=206 if match else 200, body=data[start:end + 1], headers={
            "Content-Type": "video/webm", "Accept-Ranges": "bytes",
            "Content-Range": f"bytes {start}-{end}/{len(data)}"})
    context.route(VIDEO_URL, answer)


def video_time(page):
    return page.evaluate(f"document.querySelector('{BLOCK} video').currentTime")


@pytest.mark.browser
def test_an_entry_made_while_the_lesson_video_plays_carries_its_time_and_plays_from_there(people, api):
    group, _teacher, observer = group_in_do(api)
    page = people.open(observer, SCENARIO)
    serve_video(page.context, silent_wav())
    ready(page)
    # A member sets the lesson video in the Do tab.
    video_field = block(page).get_by_role("textbox", name="Lesson video")
    video_field.fill(VIDEO_URL)
    with handler_response(page, "set_lesson_video"):
        block(page).get_by_role("button", name="Save video").click()
    video = block(page).locator("video")
    expect(video).to_have_attribute("src", VIDEO_URL)
    page.wait_for_function(f"document.querySelector('{BLOCK} video').readyState >= 1")

    # The video plays from 1:15; an entry made now carries the video time.
    page.evaluate(f"""() => {{ const v = document.querySelector('{BLOCK} video');
        v.muted = true; v.currentTime = 75; return v.play(); }}""")
    page.wait_for_function(f"document.querySelector('{BLOCK} video').currentTime > 75.5")
    expect(block(page).locator("[id$=video-note]")).to_contain_text("Video time 1:1")
    before = video_time(page)
    text = f"Video {group.tag}: S12 pointed at the larger half."
    add_observation(page, "Learning started", text, target="S12", check_saved=True)
    after = video_time(page)
    saved = stored(group, observer, text)[0]
    assert before - 0.2 <= saved["video_time"] <= after + 0.2, (before, saved["video_time"], after)

    # The entry's time is a button that plays the video from there.
    page.evaluate(f"document.querySelector('{BLOCK} video').currentTime = 5")
    label = "Play from 1:%02d" % int(saved["video_time"] - 60)
    entry(page, text).get_by_role("button", name=label).click()
    page.wait_for_function(
        f"Math.abs(document.querySelector('{BLOCK} video').currentTime - {saved['video_time']}) < 1.5")
    assert page.evaluate(f"!document.querySelector('{BLOCK} video').paused")

    # The See tab's timeline asks the page's player with an event; the player takes it.
    taken = page.evaluate(f"""() => {{
        const event = new CustomEvent("lessonstudy:seek", {{bubbles: true, cancelable: true, detail: {{seconds: 30}}}});
        return !document.querySelector('{BLOCK}').dispatchEvent(event); }}""")
    assert taken
    page.wait_for_function(f"Math.abs(document.querySelector('{BLOCK} video').currentTime - 30) < 1.5")
    shot(page, "video-1200")
    assert_no_script_ran(page)


FAKE_YOUTUBE = """<!doctype html><title>player</title><script>
  // Answers like YouTube's embed speaks to a page with enablejsapi=1: "listening" starts the
  // infoDelivery messages; "command" messages (seekTo, playVideo) change the player.
  const player = {currentTime: 42.4, playerState: 1, commands: []};
  window.player = player;
  let page = null;
  const tell = () => page && page.postMessage(JSON.stringify({event: "infoDelivery", info: {
    currentTime: player.currentTime, playerState: player.playerState}}), "*");
  addEventListener("message", (event) => {
    const data = JSON.parse(event.data);
    page = event.source;
    if (data.event === "command") {
      player.commands.push([data.func, data.args]);
      if (data.func === "seekTo") player.currentTime = data.args[0];
    }
    tell();
  });
  setInterval(tell, 250);
</script>"""


@pytest.mark.browser
def test_a_youtube_lesson_video_is_spoken_to_with_postmessage(people, api):
    """The workbench cannot reach YouTube: a stand-in embed page answers the IFrame API's messages."""
    group, _teacher, observer = group_in_do(api)
    page = people.open(observer, SCENARIO)
    page.context.route("https://www.youtube-nocookie.com/embed/**",
                       lambda route: route.fulfill(status=200, body=FAKE_YOUTUBE, content_type="text/html"))
    ready(page)
    ok(group.call(observer, "set_lesson_video", {"url": "https://www.youtube.com/watch?v=LessonVid01"}))
    page.reload()
    ready(page)
    frame = block(page).locator("iframe")
    expect(frame).to_have_attribute("src", re.compile(r"^https://www\.youtube-nocookie\.com/embed/LessonVid01\?enablejsapi=1"))
    expect(frame).to_have_attribute("title", "Lesson video")
    expect(block(page).locator("[id$=video-note]")).to_contain_text("Video time 0:42")
    text = f"YouTube {group.tag}: S03 asked why the halves are equal."
    add_observation(page, "Learning started", text, check_saved=True)
    assert stored(group, observer, text)[0]["video_time"] == 42.4
    entry(page, text).get_by_role("button", name="Play from 0:42").click()
    player = next(f for f in page.frames if f.url.startswith("https://www.youtube-nocookie.com/"))
    player.wait_for_function("player.commands.some(([name]) => name === 'playVideo')")
    commands = player.evaluate("player.commands")
    assert ["seekTo", [42.4, True]] in commands and ["playVideo", []] in commands, commands
    assert_no_script_ran(page)


# See: filters, sorting and the seats ----------------------------------------------------------
@pytest.mark.browser
def test_see_filters_return_exactly_the_matching_entries_and_count_them_per_seat(people, api):
    group, teacher, observer = group_in_do(api)
    second = group.join("sari", "observer")
    entries = [
        (observer, "learning_started", "S07", 5, "A: S07 folded in three."),
        (observer, "learning_stalled", "S07", 20, "B: S07 waited for the teacher."),
        (observer, "learning_stalled", "S08", 22, "C: S08 gave up."),
        (second, "learning_started", "S08", 30, "D: S08 compared with S07."),
        (second, "misconception", "Group 2", 41, "E: Group 2 said 1/4 > 1/3."),
    ]
    for who, focus, target, minute, evidence in entries:
        group.observe(who, focus=focus, target=target, minute=minute, evidence=f"{evidence} {group.tag}")
    group.call(second, "add_observation", {"client_id": f"int{group.tag}pair01", "kind": "interaction",
                                            "from": "S09", "to": "S07", "interaction": "explained", "minute": 31})
    group.phase(teacher, "see")
    page = ready(people.open(observer, SCENARIO))
    open_tab(page, "See")
    section = block(page).locator(".ls-discussion")
    shown = section.locator("[role=status]")
    expect(shown).to_have_text("Showing 6 of 6 entries.")

    def check(expected):
        expect(shown).to_have_text(f"Showing {len(expected)} of 6 entries.")
        letters = sorted(re.search(r"Evidence: ([A-Z]):|S09 → S07", text).group(1) or "S09 → S07"
                         for text in section.locator(".ls-entry").all_inner_texts())
        assert letters == sorted(expected), letters

    section.get_by_label("Student or seat").select_option(label="S07")
    check(["A", "B", "S09 → S07"])
    section.get_by_label("Focus", exact=True).select_option("learning_stalled")
    check(["B"])
    section.get_by_label("Student or seat").select_option("")
    check(["B", "C"])
    section.get_by_label("Focus", exact=True).select_option("")
    sari = next(e["author"]["id"] for e in stored(group, observer) if e["evidence"].startswith("D:"))
    section.get_by_label("Observer").select_option(sari)
    check(["D", "E", "S09 → S07"])
    section.get_by_label("From minute").fill("31")
    check(["E", "S09 → S07"])
    section.get_by_label("To minute").fill("40")
    check(["S09 → S07"])
    section.get_by_label("Observer").select_option("")
    section.get_by_label("From minute").fill("")
    section.get_by_label("To minute").fill("21")
    check(["A", "B"])
    section.get_by_label("To minute").fill("")

    # The seats: counts per seat, darker where more; choosing a seat filters by it.
    heat = section.locator(".ls-heat")
    expect(heat.get_by_role("button", name=seat_name("S07", 3))).to_be_visible()
    expect(heat.get_by_role("button", name=seat_name("S08", 2))).to_be_visible()
    expect(heat.get_by_role("button", name=seat_name("S01", 0))).to_be_visible()
    heat.get_by_role("button", name=seat_name("S08", 2)).click()
    expect(section.get_by_label("Student or seat")).to_have_value("seat:r2c2")  # by the seat's id
    check(["C", "D"])
    expect(heat.get_by_role("button", name=seat_name("S08", 2))).to_have_attribute("aria-pressed", "true")
    # Sorted by observer, then minute.
    section.get_by_label("Student or seat").select_option("")
    section.get_by_label("Sort observations by").select_option("author")
    heads = section.locator(".ls-entry .ls-meta").filter(has_text=group.tag).all_inner_texts()
    names = [h.split(",")[0] for h in heads]
    assert names == sorted(names, key=str.lower), names
    shot(page, "see-filters-1200")
    assert_no_script_ran(page)


# Plan history --------------------------------------------------------------------------------
@pytest.mark.browser
def test_the_plan_of_cycle_2_compared_with_cycle_1_marks_an_inserted_and_a_deleted_sentence(people, api):
    group = CycleGroup(api, school="SMP Negeri 5 Kupang")
    teacher = group.join("rina", "model_teacher")
    observer = group.join("budi", "observer")
    kept, dropped, added = ("Students compare unit fractions.", "Students fold paper strips.",
                            "Students explain their reasoning to a partner.")
    group.save_section(teacher, "objectives", f"{kept} {dropped}")
    group.phase(teacher, "do")
    group.phase(teacher, "see")
    ok(group.call(teacher, "start_next_cycle", {"from_cycle": 1}))
    group.save_section(observer, "objectives", f"{kept} {added}")

    page = ready(people.open(observer, SCENARIO))
    tools = block(page).locator(".ls-section-tools").filter(
        has=page.locator("summary", has_text="Learning objectives"))
    tools.locator("summary", has_text="History").click()
    expect(tools.locator(".ls-revisions li")).to_have_count(2)
    expect(tools.locator(".ls-revisions li").first).to_contain_text(re.compile(f"Cycle 2: Budi {group.tag}", re.I))
    tools.get_by_role("button", name="Compare with previous cycle").click()
    diff = tools.locator(".ls-diff")
    expect(diff.locator("ins")).to_have_text(added)
    expect(diff.locator("del")).to_have_text(dropped)
    expect(diff.locator(".ls-diff-insert")).to_have_text(f"added: {added}")
    expect(diff.locator(".ls-diff-delete")).to_have_text(f"removed: {dropped}")
    expect(diff.locator(".ls-diff-equal")).to_have_text(kept)
    # Any two revisions: the selects are filled newest first, so the same comparison.
    tools.get_by_role("button", name="Compare", exact=True).click()
    expect(diff.locator("ins")).to_have_text(added)

    # A member comments on the section.
    note = f"Comment {group.tag}: say which fractions they compare."
    tools.locator("summary", has_text="Add a comment").click()
    comment = tools.locator("form.ls-comment-form")
    comment.get_by_label("Comment on Learning objectives").fill(note)
    with handler_response(page, "add_comment"):
        comment.get_by_role("button", name="Add comment").click()
    wait_saved(comment)
    expect(section_form(page, "Learning objectives").locator(".ls-comment")).to_contain_text(note)
    shot(page, "plan-history-1200")

    # Printed, the plan is its text: no editors, no buttons.
    page.emulate_media(media="print")
    printed = block(page).locator(".ls-print-plan")
    expect(printed).to_be_visible()
    expect(printed).to_contain_text(added)
    expect(block(page).locator("form.ls-section").first).to_be_hidden()
    expect(block(page).get_by_role("button", name="Print plan")).to_be_hidden()
    shot(page, "plan-print")
    page.emulate_media(media="screen")
    assert_no_script_ran(page)


# Accessibility ---------------------------------------------------------------------------------
@pytest.mark.browser
@pytest.mark.parametrize("language", ["en", "id"])
def test_the_do_tab_with_clock_and_seats_and_the_see_filters_pass_axe(people, api, language):
    group, teacher, observer = group_in_do(api)
    group.observe(observer, focus="helping", target="S03", minute=12, evidence="S03 helped S04.")
    page = ready(people.open(observer, SCENARIO, language=language))
    start_clock(page, 15)
    form = observation_form(page)
    form.locator("button[type=submit]").click()  # with its errors shown
    expect(form.locator("[aria-invalid=true]")).to_have_count(2)
    assert axe_violations(page, BLOCK) == []
    shot(page, f"do-1200-{language}")
    group.phase(teacher, "see")
    page.reload()
    ready(page)
    block(page).get_by_role("tab").nth(2).click()
    block(page).locator(".ls-discussion select").first.select_option(index=1)
    assert axe_violations(page, BLOCK) == []
    shot(page, f"see-1200-{language}")
    page.set_viewport_size(PHONE)
    page.add_style_tag(content=HIDE_WORKBENCH_DEBUG)
    assert_no_horizontal_scroll(page)
    shot(page, f"see-phone-360-{language}")
    assert_no_script_ran(page)
