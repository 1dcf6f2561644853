// A small stand-in for the browser, enough to run the blocks' pure JavaScript under `node --test`:
// the core files are classic scripts that extend globalThis.LessonStudy, run here in a vm context.
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import {fileURLToPath} from "node:url";
import {webcrypto} from "node:crypto";

const JS = path.join(path.dirname(fileURLToPath(import.meta.url)), "../../lessonstudy_xblock/static/js");

/** localStorage over a Map (getItem, setItem, removeItem, key, length). */
export function memoryStorage() {
  const data = new Map();
  return {
    get length() { return data.size; },
    key: (i) => [...data.keys()][i] ?? null,
    getItem: (key) => (data.has(key) ? data.get(key) : null),
    setItem: (key, value) => { data.set(key, String(value)); },
    removeItem: (key) => { data.delete(key); },
  };
}

/** A fetch that answers from a list of [status, body, headers] (the last one repeats), recording
 * each request as {url, body (parsed), headers}. A status of 0 is a network failure. */
export function scriptedFetch(answers) {
  const requests = [];
  const fetch = async (url, init) => {
    requests.push({url, body: JSON.parse(init.body), headers: init.headers, keepalive: init.keepalive});
    const [status, body, headers] = answers[Math.min(requests.length - 1, answers.length - 1)];
    if (!status) throw new TypeError("Failed to fetch");
    return {
      status, ok: status >= 200 && status < 300,
      headers: {get: (name) => (headers || {})[name] ?? null},
      json: async () => { if (body === undefined) throw new SyntaxError("no JSON"); return body; },
    };
  };
  return {fetch, requests};
}

/** A context with the core loaded: {LessonStudy, window, ...}. Options: fetch, cookie, storage. */
export function loadCore(options = {}, files = ["core/dom.js", "core/i18n.js", "core/http.js", "core/queue.js",
                                                "core/video.js"]) {
  const listeners = {};
  const context = {
    console, setTimeout, clearTimeout, URL, URLSearchParams, AbortController, JSON, Math, Date, Promise,
    crypto: webcrypto,
    fetch: options.fetch || (async () => { throw new TypeError("offline"); }),
    localStorage: options.storage || memoryStorage(),
    navigator: {},
    document: {cookie: options.cookie || "", visibilityState: "visible", addEventListener: () => undefined},
    addEventListener: (name, fn) => { (listeners[name] = listeners[name] || []).push(fn); },
    dispatch: (name, event) => (listeners[name] || []).forEach((fn) => fn(event || {})),
  };
  context.globalThis = context;
  context.window = context;
  vm.createContext(context);
  for (const file of files) vm.runInContext(fs.readFileSync(path.join(JS, file), "utf8"), context, {filename: file});
  return context;
}
