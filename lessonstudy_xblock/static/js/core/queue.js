/* LessonStudyQueue: writes that must never be lost (observation entries, reflection posts).
 *
 * Each write stays in localStorage (keys per block and user) until a later read of the server
 * shows it stored, and is sent with the same body, so the same client_id, however often it takes.
 *   const queue = LessonStudyQueue({key, url(handler), csrf(), exclusive(task), onChange(),
 *                                   onStored(item, data), onIdle() (time to read back)});
 *   queue.add(handler, body); queue.items(); queue.remove(id); queue.now();
 *   queue.confirm(storedIds, {group_id, cycle}, readAt);  // after get_state: the ids confirmed
 * An item is {id: client_id, handler, body, state, tries, next, error, field, at}; its state is
 * "waiting" (sent at `next`), "stored" (answered 2xx, not read back yet) or "refused" (a 4xx with
 * the server's message: not sent again unless the person edits it). Sent again after no answer
 * in 15 s, a network error, a 5xx or an answer that is not JSON, with back-off (2 s doubling to
 * 60 s); after a 429's Retry-After; at once when the browser is back online or the page is shown
 * again; on the next page load. exclusive() runs one request at a time per block (Web Locks).
 * Requests go through LessonStudy.http.request (core/http.js), with its one Retry-After policy.
 */
(function (LS) {
  "use strict";

  const TIMEOUT = 15000;
  const FIRST_WAIT = 2000;
  const MAX_WAIT = 60000;

  function LessonStudyQueue(options) {
    // One localStorage key per item: tabs see each other's writes late (each keeps a copy of the
    // storage), so a whole list written by one tab could drop an item another tab just added.
    const prefix = options.key + ":";
    const exclusive = options.exclusive || ((task) => task());
    const hook = (name, ...args) => options[name] && options[name](...args);
    const sending = new Set();
    let memory = new Map();  // a copy; the only one once the browser refuses storage (private mode, full)
    let persistent = true;
    let timer = null;
    let running = false;
    let again = false;

    /** Every item, oldest first. */
    function read() {
      if (persistent) {
        try {
          const found = new Map();
          for (let i = 0; i < globalThis.localStorage.length; i += 1) {
            const name = globalThis.localStorage.key(i);
            const item = name && name.startsWith(prefix) ? JSON.parse(globalThis.localStorage.getItem(name)) : null;
            if (item && item.id) found.set(item.id, item);
          }
          memory = found;
        } catch (error) {
          persistent = false;
        }
      }
      return [...memory.values()].sort((a, b) => a.at - b.at);
    }

    function find(id) {
      return read().find((item) => item.id === id);
    }

    /** Store an item (null: forget the one with `id`), and tell the page. */
    function put(id, item) {
      if (item) memory.set(id, item);
      else memory.delete(id);
      try {
        if (persistent && item) globalThis.localStorage.setItem(prefix + id, JSON.stringify(item));
        else if (persistent) globalThis.localStorage.removeItem(prefix + id);
      } catch (error) {
        persistent = false;
      }
      hook("onChange");
    }

    function add(handler, body) {
      const old = find(body.client_id);
      put(body.client_id, {id: body.client_id, handler, body, state: "waiting", tries: 0, next: 0, at: old ? old.at : Date.now()});
      flush();
    }

    function remove(id) {
      put(id, null);
    }

    /** After a read of the server that began at `readAt`: drop what it shows stored (returned);
     * send again what an answer before that said was stored but the read of the same group and
     * cycle does not show (a write the server lost). */
    function confirm(storedIds, scope, readAt) {
      const confirmed = [];
      for (const item of read()) {
        const where = item.stored || {at: 0};
        if (storedIds.has(item.id)) {
          confirmed.push(item.id);
          put(item.id, null);
        } else if (item.state === "stored" && where.at < readAt) {  // a later answer: a later read tells
          if (where.group_id === scope.group_id && where.cycle === scope.cycle) {
            put(item.id, Object.assign(item, {state: "waiting", next: 0}));
          } else {
            put(item.id, null);  // answered as stored, and this read cannot show it: nothing to check
          }
        }
      }
      flush();
      return confirmed;
    }

    async function attempt(item) {
      const {status, data, wait} = await LS.http.request(options.url(item.handler), item.body,
                                                         {csrf: options.csrf(), timeout: TIMEOUT});
      if (status >= 200 && status < 300 && data) return {ok: true, data};
      if (status === 429) return {wait, status};
      if (status >= 400 && status < 500 && status !== 408 && data && data.error) {
        return {refused: true, status, error: data.error, field: data.field || null};
      }
      return {status};  // no answer, a 5xx, a proxy's or a login page: try again later
    }

    function record(item, outcome) {
      item.tries += 1;
      if (outcome.ok) {
        const saved = outcome.data.observation || outcome.data.post || {};
        Object.assign(item, {state: "stored", error: null, field: null,
                             stored: {group_id: saved.group_id, cycle: saved.cycle, at: Date.now()}});
      } else if (outcome.refused) {
        Object.assign(item, {state: "refused", error: outcome.error, field: outcome.field, status: outcome.status});
      } else {
        const wait = outcome.wait || Math.min(MAX_WAIT, FIRST_WAIT * 2 ** (item.tries - 1)) * (0.75 + Math.random() / 2);
        Object.assign(item, {next: Date.now() + wait, status: outcome.status});
      }
      return item;
    }

    /** Send what is due, oldest first; stop at the first that could not get through. */
    async function flush() {
      if (running) {
        again = true;
        return;
      }
      running = true;
      clearTimeout(timer);
      let stored = 0;
      try {
        do {
          again = false;
          for (;;) {
            const due = read().find((item) => item.state === "waiting" && !(item.next > Date.now()));
            if (!due) break;
            // Sent, and its outcome written, under the lock. Another tab may still see it waiting
            // (its copy of the storage lags) and send it again: the client_id makes that harmless.
            const outcome = await exclusive(async () => {
              const item = find(due.id);
              if (!item || item.state !== "waiting" || item.next > Date.now()) return {skip: true};  // another tab
              sending.add(item.id);
              hook("onChange");
              const result = await attempt(item);
              sending.delete(item.id);
              if (result.ok) hook("onStored", item, result.data);
              const now = find(item.id);
              if (now) put(item.id, record(now, result));
              return result;
            });
            if (outcome.skip) continue;
            if (outcome.ok) stored += 1;
            else if (!outcome.refused) break;
          }
        } while (again);
      } finally {
        running = false;
        schedule();
      }
      if (stored) hook("onIdle");
    }

    function schedule() {
      clearTimeout(timer);
      const times = read().filter((item) => item.state === "waiting").map((item) => item.next || 0);
      if (times.length) timer = setTimeout(flush, Math.max(0, Math.min(...times) - Date.now()));
    }

    /** Back online, or the page shown again: try now instead of waiting out the back-off. */
    function now() {
      for (const item of read()) {
        if (item.state === "waiting" && item.next > Date.now()) put(item.id, Object.assign(item, {next: 0}));
      }
      flush();
    }

    globalThis.addEventListener("online", now);
    document.addEventListener("visibilitychange", () => { if (document.visibilityState === "visible") now(); });
    globalThis.addEventListener("storage", (event) => {
      if (!event.key || event.key.startsWith(prefix)) {  // another tab: a read shows this one what it sent
        hook("onChange");
        hook("onIdle");
        schedule();
      }
    });

    return {
      add, remove, confirm, flush, now,
      items: () => read().map((item) => Object.assign({}, item, {sending: sending.has(item.id)})),
      persistent: () => persistent,
    };
  }

  LS.queue = LessonStudyQueue;
  globalThis.LessonStudyQueue = LessonStudyQueue;  // the name earlier versions used
})(globalThis.LessonStudy = globalThis.LessonStudy || {});
