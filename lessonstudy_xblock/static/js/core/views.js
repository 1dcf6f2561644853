/* LessonStudyCommon: the workshop view and the Studio editors' entry to the core (dom, i18n, http).
 *
 *   const {root, gettext, interpolate, $, $$} = LessonStudyCommon.setup(element, init);
 *   const api = LessonStudyCommon.client(runtime, root, {gettext, lockName});
 *   api.send("handler", {...}, {keepalive: true}).then((data) => ...);  // rejects with http.fail()'s Error
 *   LessonStudyCommon.make("button", {type: "button", className: "x", text: "Go", on: {click}}, [children]);
 */
(function (LS) {
  "use strict";

  /** The block's node, gettext and interpolate in the view's language, and $/$$ inside the block. */
  function setup(element, init) {
    const node = LS.dom.root(element);
    return Object.assign(LS.i18n.forView(init), {
      root: node,
      $: (selector) => node.querySelector(selector),
      $$: (selector) => Array.from(node.querySelectorAll(selector)),
    });
  }

  /** The block's client (core/http.js): send(handler, body, {keepalive}) resolves the answer's JSON. */
  function client(runtime, element, options) {
    const opts = options || {};
    const node = LS.dom.root(element);
    const usage = (node.getAttribute && (node.getAttribute("data-usage-id") || node.getAttribute("data-usage"))) || "block";
    const http = LS.http.client({
      url: (handler) => runtime.handlerUrl(node, handler),
      lockName: opts.lockName || "lessonstudy-" + usage,
      gettext: opts.gettext,
    });
    return {send: http.sendOrFail, lockName: http.lockName};
  }

  globalThis.LessonStudyCommon = {
    setup, client, i18n: LS.i18n.translator, interpolate: LS.i18n.interpolate, root: LS.dom.root,
    csrfToken: LS.http.csrfToken, make: LS.dom.make, failure: (message, status, data) => LS.http.fail(message, status, data),
  };
})(globalThis.LessonStudy = globalThis.LessonStudy || {});
