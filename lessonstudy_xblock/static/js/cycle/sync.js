/* The offline queue of the cycle view: entries and posts kept in the browser until a read shows them
 * stored (core/queue.js does the sending), what each form and list says of them, and the read-back.
 *
 * Installed on the view's context by cycle/main.js (see cycle/context.js for what `ui` holds).
 */
(function (LS) {
  "use strict";

  LS.cycle = LS.cycle || {};

  LS.cycle.sync = function installSync(ui) {
    const {store} = ui;
    const {h} = LS.dom;
    const {button, element, exclusive, gettext, host, id, interpolate, post, runtime, setStatus, usage} = ui;

    /* The offline queue: entries and posts kept in the browser until a read shows them stored */

    let confirmTimer = null;
    const sentIds = new Set();  // waited in the queue, then seen stored: shown as "Sent"
    const watched = {};         // form key -> the client_id its status region reports on

    /** Remembered in this browser per block and user: undefined reads, null forgets. */
    function remember(name, value) {
      const key = "lessonstudy-" + name + ":" + usage + ":" + store.state.user.id;
      try {
        if (value === undefined) return window.localStorage.getItem(key);
        if (value === null) window.localStorage.removeItem(key);
        else window.localStorage.setItem(key, value);
      } catch (error) {
        // storage refused (private mode): remembered for this page only
      }
      return null;
    }

    function openQueue() {
      if (store.queue || !window.LessonStudyQueue) return;
      store.drafts.observation.target = store.drafts.observation.target || remember("target") || "";
      store.queue = window.LessonStudyQueue({
        key: "lessonstudy-queue:" + usage + ":" + store.state.user.id,
        url: (handler) => runtime.handlerUrl(element, handler),
        csrf: () => LS.http.csrfToken(),
        exclusive,
        onChange: () => {
          updateWatched();
          if (store.onQueueChange) store.onQueueChange();
        },
        onStored: (item, data) => {
          if (data.observation && store.state.observations) ui.addObservation(data.observation);
          if (data.post && store.state.reflection) ui.addPost(data.post);
        },
        onIdle: () => {
          clearTimeout(confirmTimer);
          confirmTimer = setTimeout(readBack, 2000);
        },
      });
    }

    /** get_state, with the time the request went out (under the lock, so after every write before it). */
    function readState() {
      let started = 0;
      return exclusive(() => {
        started = Date.now();
        return post("get_state", store.viewGroupId ? {group_id: store.viewGroupId} : {});
      }).then((result) => Object.assign(result, {started}));
    }

    /** The later read that confirms what the queue sent; redraws lists, not what is being typed. */
    async function readBack() {
      const result = await readState();
      if (!result.ok || !store.state.group || !result.data.group || result.data.group.id !== store.state.group.id) return;
      for (const key of ["observations", "observations_hidden", "reflection", "lesson"]) store.state[key] = result.data[key];
      confirmQueue(result.started);
      if (store.onQueueChange) store.onQueueChange();
    }

    function confirmQueue(readAt) {
      if (!store.queue) return;
      if (!store.state.group) {
        store.queue.flush();
        return;
      }
      const observations = store.state.observations || [];
      const seen = observations.concat((store.state.reflection || {}).posts || []).map((x) => x.client_id)
        .concat(observations.flatMap((entry) => (entry.additions || []).map((added) => added.client_id)));
      const scope = {group_id: store.state.group.id, cycle: store.state.cycle.number};
      for (const clientId of store.queue.confirm(new Set(seen), scope, readAt)) sentIds.add(clientId);
    }

    /** Queue a write and let the form's status region follow it. */
    function enqueue(handler, body, key) {
      const region = host.querySelector("#" + id("status", key));
      if (region) delete region.dataset.said;
      watched[key] = body.client_id;
      store.queue.add(handler, body);
      updateWatched();
    }

    function queued(handler) {
      return store.queue ? store.queue.items().filter((item) => item.handler === handler) : [];
    }

    function queueState(clientId, items) {
      if (sentIds.has(clientId)) return "sent";
      const item = items.find((x) => x.id === clientId);
      return item ? (item.sending ? "sending" : item.state) : null;
    }

    /** Until it is saved or refused; a message someone else put in the region ends the watch. */
    function updateWatched() {
      const items = store.queue ? store.queue.items() : [];
      for (const [key, clientId] of Object.entries(watched)) {
        const region = host.querySelector("#" + id("status", key));
        const item = items.find((x) => x.id === clientId);
        if (!region) continue;
        if (region.dataset.said && region.dataset.said !== region.textContent) {
          delete watched[key];
          continue;
        }
        let text = gettext("Not sent yet: it is kept in this browser and sent when the connection is back.");
        if (!item || item.state === "stored") text = gettext("Saved");
        else if (item.state === "refused") text = item.error;
        else if (item.sending || !item.tries) text = gettext("Saving...");
        setStatus(region, text, item && item.state === "refused");
        region.dataset.said = text;
        if (!item || item.state !== "waiting") delete watched[key];
      }
    }

    /** "3 entries waiting to send", what was refused, and a button to send now. */
    function queueLine(handler, waitingText) {
      const items = queued(handler);
      const waiting = items.filter((item) => item.state === "waiting").length;
      const refused = items.filter((item) => item.state === "refused").length;
      const parts = [];
      if (waiting) {
        parts.push(h("p", {}, interpolate(waitingText, {count: waiting}), " ",
          gettext("They are kept in this browser and sent when the connection is back."),
          store.queue.persistent() ? "" : " " + gettext("This browser cannot store them: keep this page open until they are sent.")));
      }
      if (refused) parts.push(h("p", {class: "ls-error", text: gettext("Some were not accepted: see the message beside each.")}));
      return [h("div", {role: "status"}, parts),
              waiting ? button(gettext("Send now"), () => store.queue.now(), {id: id("send-now", handler)}) : null];
    }

    /** What the queue says of an entry or a post, and for a refused one what to do. */
    function queueBadge(clientId, items, edit) {
      const where = queueState(clientId, items);
      if (!where) return null;
      const labels = {waiting: gettext("Waiting to send"), sending: gettext("Sending..."), refused: gettext("Not sent"),
                      stored: gettext("Checking that it is saved..."), sent: gettext("Sent")};
      const item = items.find((x) => x.id === clientId);
      return h("div", {class: "ls-queued ls-queued-" + where},
        h("p", {class: "ls-badge", text: labels[where]}),
        where === "refused" ? [
          h("p", {class: "ls-error", text: item.error}),
          h("div", {class: "ls-actions"},
            edit ? button(gettext("Edit and send again"), () => {
              store.queue.remove(clientId);
              edit(item);
            }) : null,
            button(gettext("Discard"), () => store.queue.remove(clientId)))] : null);
    }

    Object.assign(ui, {confirmQueue, enqueue, openQueue, queueBadge, queueLine, queueState, queued, readState, remember});
  };
})(window.LessonStudy = window.LessonStudy || {});
