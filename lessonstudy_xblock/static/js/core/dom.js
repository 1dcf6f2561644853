/* LessonStudy.dom: the one DOM builder of every view, and small pure helpers.
 *
 * Server data reaches the page only through textContent and attributes (h(), svg()), never as
 * HTML; links are made only for http(s) addresses (httpUrl). Every file of the blocks' JavaScript
 * extends one namespace, window.LessonStudy, and is a classic script (a fragment does not load
 * ES modules); the pure parts also run under `node --test` (tests/js/).
 */
(function (LS) {
  "use strict";

  const SVG_NS = "http://www.w3.org/2000/svg";
  const ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  function append(node, children) {
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.append(typeof child === "object" ? child : String(child));
    }
    return node;
  }

  /** An element: attrs set as attributes (`text` as textContent, `class`, `on*` as listeners,
   * `value` as a property; null, undefined and false are left out); strings among children
   * become text nodes. */
  function h(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "text") node.textContent = value;
      else if (key === "class") node.className = value;
      else if (key === "value") node.value = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    return append(node, children);
  }

  /** An SVG element; strings among children become text nodes. */
  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value !== null && value !== undefined) node.setAttribute(key, String(value));
    }
    return append(node, children);
  }

  /** The builder the workshop and Studio views were written with: ``make(tag, {className, on:
   * {event: fn}, ...}, [children])`` is h() with another spelling of classes and listeners. */
  function make(tag, props, children) {
    const attrs = {};
    for (const [key, value] of Object.entries(props || {})) {
      if (key === "className") attrs.class = value;
      else if (key === "on") Object.entries(value).forEach(([event, fn]) => { attrs["on" + event] = fn; });
      else attrs[key] = value;
    }
    return h(tag, attrs, children || []);
  }

  /** The block's DOM node from what the runtime passes to an init function (a node or jQuery). */
  function root(element) {
    return element && !element.querySelector && element[0] ? element[0] : element;
  }

  function randomId(length) {
    const bytes = new Uint8Array(length);
    globalThis.crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => ID_ALPHABET[b % ID_ALPHABET.length]).join("");
  }

  function clone(value) {
    return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
  }

  function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }

  /** Author guidance may be sanitised rich text: shown as its plain text. */
  function plainText(value) {
    if (!value) return "";
    if (!/[<&]/.test(value)) return value;
    return new DOMParser().parseFromString(value, "text/html").body.textContent || "";
  }

  /** The address when it is an http(s) URL, else null (no javascript:, data: ...). */
  function httpUrl(value) {
    try {
      const url = new URL(String(value || "").trim());
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (error) {
      return null;
    }
  }

  /** A text of at most `length` characters, ending with "…" when cut (nothing under 2). */
  function shorten(text, length) {
    const value = String(text || "");
    if (value.length <= length) return value;
    return length < 2 ? "" : value.slice(0, length - 1) + "…";
  }

  LS.dom = {h, svg, make, root, randomId, clone, sleep, plainText, httpUrl, shorten};
})(globalThis.LessonStudy = globalThis.LessonStudy || {});
