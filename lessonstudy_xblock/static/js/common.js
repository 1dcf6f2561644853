/* LessonStudyCommon: what the learner views and the Studio editors of both blocks share.
 *
 * Vanilla JS, no build step. Added by the blocks' fragments before the files that use it;
 * loaded once per page, whatever the number of blocks on it.
 *
 *   const {root, gettext, interpolate, $, $$} = LessonStudyCommon.setup(element, init);
 *   // or the parts: LessonStudyCommon.i18n(catalog) -> {gettext, interpolate}; .root(element) -> the node
 *   const api = LessonStudyCommon.client(runtime, root, {gettext, lockName});
 *   api.send("handler", {...}, {keepalive: true}).then((data) => ...);
 *   LessonStudyCommon.make("button", {type: "button", className: "x", text: "Go", on: {click}}, [children]);
 *   LessonStudyCommon.csrfToken();
 */
(function (global) {
  "use strict";
  if (global.LessonStudyCommon) return;

  const MAX_ATTEMPTS = 20; // requests refused with 429 before giving up
  const MAX_RETRY_WAIT = 10; // seconds, whatever Retry-After says

  /* ``"Step %(n)s"`` with ``{n: 3}``: "Step 3" (unknown names are left as they are). */
  function interpolate(format, values) {
    return String(format).replace(/%\((\w+)\)s/g, (match, key) => (key in values ? String(values[key]) : match));
  }

  /* ``gettext`` over a JavaScript catalog ({English: translation}, see i18n.py), and ``interpolate``. */
  function i18n(catalog) {
    const entries = catalog || {};
    return {gettext: (s) => entries[s] || s, interpolate};
  }

  /* The block's DOM node from what the runtime passes to an init function (a node or a jQuery object). */
  function root(element) {
    return element && !element.querySelector && element[0] ? element[0] : element;
  }

  /* The catalog of the view's language: the static catalog file the view loads
   * (``window.LessonStudyI18n[init.language]``, see i18n.py), or one sent inline (``init.catalog``). */
  function catalogFor(init) {
    if (!init) return {};
    return init.catalog || (window.LessonStudyI18n || {})[init.language] || {};
  }

  /* What every init function starts with: the block's node, gettext and interpolate over the
   * catalog of the view's language, and ``$``/``$$`` to query inside the block. */
  function setup(element, init) {
    const node = root(element);
    return Object.assign(i18n(catalogFor(init)), {
      root: node,
      $: (selector) => node.querySelector(selector),
      $$: (selector) => Array.from(node.querySelectorAll(selector)),
    });
  }

  function csrfToken() {
    const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  /* An element from a tag, attributes ("text" for textContent, "className", "on" for listeners) and
   * children (nodes, or strings as text; null is skipped). Never innerHTML. */
  function make(tag, props, children) {
    const node = document.createElement(tag);
    Object.entries(props || {}).forEach(([key, value]) => {
      if (key === "text") node.textContent = value;
      else if (key === "className") node.className = value;
      else if (key === "on") Object.entries(value).forEach(([event, fn]) => node.addEventListener(event, fn));
      else if (value === true) node.setAttribute(key, "");
      else if (value !== false && value != null) node.setAttribute(key, value);
    });
    (children || []).forEach((child) => {
      if (child != null) node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  /* An Error with the server's ``field``, the HTTP ``status`` (0: no answer) and the parsed answer ``data``. */
  function failure(message, status, data) {
    const error = new Error(message);
    error.field = data && data.field;
    error.status = status;
    error.data = data || {};
    return error;
  }

  /* POST JSON to the block's handlers, one request at a time per block, across tabs too (Web Locks,
   * where the browser has them), so a user's own requests do not wait on each other's lock on the
   * server. A 429 is sent again, the same body, after its Retry-After; other refusals and network
   * failures reject with ``failure()``'s Error, its message the server's ``error`` when it sends one.
   *
   *   options: gettext (for the messages of failures without an answer), lockName (default
   *            "lessonstudy-" + the block's data-usage).
   *   send(handler, body, {keepalive}) -> Promise of the answer's JSON.
   */
  function client(runtime, element, options) {
    const opts = options || {};
    const node = root(element);
    const gettext = opts.gettext || ((s) => s);
    const lockName = opts.lockName || "lessonstudy-" + ((node.getAttribute && node.getAttribute("data-usage")) || "block");
    let queue = Promise.resolve();

    async function sendNow(handler, body, keepalive) {
      const payload = JSON.stringify(body || {});
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
        let response;
        try {
          response = await fetch(runtime.handlerUrl(node, handler), {
            method: "POST", credentials: "same-origin", keepalive,
            headers: {"Content-Type": "application/json", "X-CSRFToken": csrfToken()},
            body: payload,
          });
        } catch (error) {
          throw failure(gettext("The connection failed. Check your network and try again."), 0, null);
        }
        if (response.status === 429) {
          const wait = parseFloat(response.headers.get("Retry-After") || "1");
          await new Promise((resolve) => setTimeout(resolve, Math.min(wait, MAX_RETRY_WAIT) * 1000));
          continue;
        }
        let data = null;
        try { data = await response.json(); } catch (error) { data = null; }
        if (!response.ok) {
          throw failure((data && data.error) || gettext("The server could not save this. Try again."), response.status, data);
        }
        return data;
      }
      throw failure(gettext("The server is busy. Try again in a moment."), 429, null);
    }

    function send(handler, body, sendOptions) {
      const keepalive = Boolean(sendOptions && sendOptions.keepalive);
      const locks = global.navigator && global.navigator.locks;
      const run = () => (locks
        ? locks.request(lockName, () => sendNow(handler, body, keepalive))
        : sendNow(handler, body, keepalive));
      const result = queue.then(run, run);
      queue = result.catch(() => null);
      return result;
    }

    return {send, lockName};
  }

  global.LessonStudyCommon = {setup, i18n, interpolate, root, csrfToken, make, client, failure};
}(window));
