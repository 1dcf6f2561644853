// The offline queue (static/js/core/queue.js): nothing written is lost, nothing is stored twice.
import {test} from "node:test";
import assert from "node:assert/strict";
import {loadCore, memoryStorage, scriptedFetch} from "./browser.mjs";

function queueWith(answers, storage) {
  const scripted = scriptedFetch(answers);
  const core = loadCore({fetch: scripted.fetch, storage: storage || memoryStorage()});
  const events = {stored: [], idle: 0};
  const queue = core.LessonStudy.queue({
    key: "lessonstudy-queue:block:user", url: (handler) => "/handler/" + handler, csrf: () => "t",
    onStored: (item, data) => events.stored.push(data), onIdle: () => { events.idle += 1; },
  });
  return {queue, requests: scripted.requests, events, core};
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

test("an entry is sent once and kept until a read shows it stored", async () => {
  const {queue, requests, events} = queueWith([[200, {observation: {id: "o1", client_id: "c1", group_id: "g", cycle: 1}}]]);
  queue.add("add_observation", {client_id: "c1", evidence: "S07 helps S08"});
  await settle();
  assert.equal(requests.length, 1);
  assert.equal(queue.items()[0].state, "stored", "answered, not yet read back");
  assert.equal(events.stored.length, 1);
  const confirmed = queue.confirm(new Set(["c1"]), {group_id: "g", cycle: 1}, Date.now() + 1);
  assert.deepEqual([...confirmed], ["c1"]);
  assert.equal(queue.items().length, 0);
});

test("a failed send waits with its body in storage, and a new queue on the next page load sends it", async () => {
  const storage = memoryStorage();
  const first = queueWith([[0]], storage);
  first.queue.add("post_reflection", {client_id: "p1", kind: "finding", text: "S07 explained"});
  await settle();
  const [item] = first.queue.items();
  assert.equal(item.state, "waiting");
  assert.ok(item.next > Date.now(), "backed off");
  const second = queueWith([[200, {post: {id: "x", client_id: "p1"}}]], storage);
  second.queue.now();
  await settle();
  assert.equal(second.requests.length, 1);
  assert.deepEqual(second.requests[0].body, {client_id: "p1", kind: "finding", text: "S07 explained"});
});

test("a refusal keeps the server's message and is not sent again", async () => {
  const {queue, requests} = queueWith([[400, {error: "Evidence is required.", field: "evidence"}]]);
  queue.add("add_observation", {client_id: "c2", evidence: ""});
  await settle();
  queue.now();
  await settle();
  const [item] = queue.items();
  assert.equal(item.state, "refused");
  assert.equal(item.error, "Evidence is required.");
  assert.equal(item.field, "evidence");
  assert.equal(requests.length, 1);
});

test("a busy answer is sent again after its Retry-After, with the same client_id", async () => {
  const {queue, requests} = queueWith([[429, {error: "busy"}, {"Retry-After": "1"}],
                                       [200, {observation: {id: "o3", client_id: "c3"}}]]);
  queue.add("add_observation", {client_id: "c3", evidence: "e"});
  await settle();
  assert.equal(queue.items()[0].state, "waiting");
  await new Promise((resolve) => setTimeout(resolve, 1100));
  assert.equal(requests.length, 2);
  assert.equal(requests[1].body.client_id, "c3");
  assert.equal(queue.items()[0].state, "stored");
});
