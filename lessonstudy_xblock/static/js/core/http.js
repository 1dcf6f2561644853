/* LessonStudy.http: the one HTTP client of every view.
 *
 * Every request is a JSON POST to a block handler with the CSRF token of the page's cookie
 * (X-CSRFToken, as the LMS's handler view checks for session users), one at a time per block in
 * a page and, with the Web Locks API, across the browser's tabs, so a person's own requests never
 * wait on each other's lock on the server. One 429 policy: a busy answer is sent again, the same
 * body, after its Retry-After (seconds or an HTTP date, 1 s when missing), never waiting more than
 * RETRY_AFTER_CAP seconds at a time and giving up after MAX_RETRIES busy answers.
 */
(function (LS) {
  "use strict";

  const RETRY_AFTER_CAP = 30;  // seconds
  const MAX_RETRIES = 20;

  /** A cookie's value, or "". */
  function cookie(name, cookies) {
    const text = cookies === undefined ? (globalThis.document ? document.cookie : "") : cookies;
    for (const part of text ? text.split(";") : []) {
      const [key, ...rest] = part.trim().split("=");
      if (key === name) return decodeURIComponent(rest.join("="));
    }
    return "";
  }

  function csrfToken() {
    return cookie("csrftoken");
  }

  /** Milliseconds to wait after a 429, from its Retry-After header value. */
  function retryAfterMs(value, now) {
    const text = String(value || "").trim();
    let seconds = /^\d+(\.\d+)?$/.test(text) ? Number(text) : (Date.parse(text) - (now || Date.now())) / 1000;
    if (!(seconds > 0)) seconds = 1;
    return 1000 * Math.min(RETRY_AFTER_CAP, seconds);
  }

  /** One POST of JSON: {status (0: no answer), data (the JSON object, or null), wait (ms after a
   * 429)}. Never throws: offline, a timeout or a dropped connection is status 0. */
  async function request(url, body, options) {
    const opts = options || {};
    const controller = opts.timeout && globalThis.AbortController ? new AbortController() : null;
    const clock = controller && setTimeout(() => controller.abort(), opts.timeout);
    try {
      const response = await fetch(url, {
        method: "POST", credentials: "same-origin", body: JSON.stringify(body || {}), keepalive: Boolean(opts.keepalive),
        signal: controller && controller.signal,
        headers: {"Content-Type": "application/json", "Accept": "application/json",
                  "X-CSRFToken": opts.csrf === undefined ? csrfToken() : opts.csrf},
      });
      let data = null;
      try {
        data = await response.json();
      } catch (error) {
        data = null;
      }
      return {status: response.status, data: data && typeof data === "object" ? data : null,
              wait: response.status === 429 ? retryAfterMs(response.headers.get("Retry-After")) : 0};
    } catch (error) {
      return {status: 0, data: null, wait: 0};
    } finally {
      if (clock) clearTimeout(clock);
    }
  }

  /** A client for one block: `url(handler)` makes a handler's address, `lockName` names the
   * block for Web Locks, `gettext` translates the messages of failures without an answer.
   *   exclusive(task)          runs task() alone (this page, and other tabs with Web Locks)
   *   post(handler, body)      -> {ok, status, data} (data.error says why when not ok); 429s waited out
   *   send(handler, body)      exclusive(post)
   *   sendOrFail(handler, body, {keepalive}) -> the answer's JSON, or rejects with fail()'s Error
   */
  function client(options) {
    const gettext = options.gettext || ((text) => text);
    const wait = options.wait || ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    const locks = globalThis.navigator && globalThis.navigator.locks;
    let chain = Promise.resolve();

    function exclusive(task) {
      const run = () => (locks && locks.request ? locks.request(options.lockName, task) : task());
      const result = chain.then(run, run);
      chain = result.catch(() => undefined);
      return result;
    }

    async function post(handler, body, requestOptions) {
      for (let attempt = 0; ; attempt += 1) {
        const answer = await request(options.url(handler), body, requestOptions);
        if (answer.status === 429 && attempt < MAX_RETRIES) {
          await wait(answer.wait);
          continue;
        }
        if (answer.status === 429) {
          return refusal(429, gettext("The server is busy. Try again in a moment."));
        }
        if (!answer.status) {
          return refusal(0, gettext("The connection failed. What you wrote is kept here: try again when you are online."));
        }
        if (answer.status >= 500 || !answer.data) {
          return refusal(answer.status, gettext("The server could not answer. What you wrote is kept here: try again in a moment."));
        }
        return {ok: answer.status >= 200 && answer.status < 300, status: answer.status, data: answer.data};
      }
    }

    function send(handler, body) {
      return exclusive(() => post(handler, body));
    }

    async function sendOrFail(handler, body, sendOptions) {
      const result = await exclusive(() => post(handler, body, {keepalive: sendOptions && sendOptions.keepalive}));
      if (!result.ok) throw fail(result.data.error || gettext("The server could not save this. Try again."), result.status, result.data);
      return result.data;
    }

    return {exclusive, post, send, sendOrFail, lockName: options.lockName};
  }

  function refusal(status, message) {
    return {ok: false, status, data: {error: message}};
  }

  /** An Error with the server's `field`, the HTTP `status` (0: no answer) and the answer `data`. */
  function fail(message, status, data) {
    const error = new Error(message);
    error.field = data && data.field;
    error.status = status;
    error.data = data || {};
    return error;
  }

  LS.http = {cookie, csrfToken, retryAfterMs, request, client, fail, RETRY_AFTER_CAP, MAX_RETRIES};
})(globalThis.LessonStudy = globalThis.LessonStudy || {});
