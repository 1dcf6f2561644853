// ESLint (make quality): the blocks' JavaScript is plain classic scripts, one namespace
// (window.LessonStudy), no framework and no bundler; this catches undefined names and mistakes.
const browser = Object.fromEntries([
  "window", "document", "navigator", "globalThis", "console", "fetch", "setTimeout", "clearTimeout",
  "setInterval", "clearInterval", "requestAnimationFrame", "localStorage", "URL", "URLSearchParams", "Blob",
  "AbortController", "CustomEvent", "Event", "Node", "DOMParser", "Intl", "CSS", "FormData", "HTMLElement",
  "MutationObserver", "MouseEvent", "KeyboardEvent", "getComputedStyle", "matchMedia", "print", "location", "history", "performance",
].map((name) => [name, "readonly"]));

export default [
  {
    files: ["lessonstudy_xblock/static/js/**/*.js", "tests/js/**/*.js"],
    languageOptions: {ecmaVersion: 2022, sourceType: "script", globals: {...browser, $: "readonly", jQuery: "readonly"}},
    rules: {
      "no-undef": "error",
      "no-unused-vars": ["error", {vars: "local", args: "none", caughtErrors: "none"}],
      "no-redeclare": "error",
      "no-shadow-restricted-names": "error",
      "eqeqeq": ["error", "smart"],
      "no-var": "error",
      "prefer-const": "error",
    },
  },
  {files: ["tests/js/**/*.js"], languageOptions: {sourceType: "module", globals: {process: "readonly"}}},
];
