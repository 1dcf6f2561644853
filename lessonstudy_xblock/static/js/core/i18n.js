/* LessonStudy.i18n: gettext over the JavaScript catalog of the view's language.
 *
 * The catalog files (static/dist/i18n/<lang>/<bundle>.js, see lessonstudy_xblock/i18n.py) add
 * their entries to LessonStudy's global catalogs: window.LessonStudyI18n[<lang>] = {msgid:
 * translation or [plural forms]}. A view's init data names its language (init.language); a
 * catalog sent inline (init.catalog) is used as it is.
 */
(function (LS) {
  "use strict";

  /** "Step %(n)s" with {n: 3}: "Step 3" (unknown names are left as they are). */
  function interpolate(format, values) {
    return String(format).replace(/%\((\w+)\)s/g, (match, key) => (key in values ? String(values[key]) : match));
  }

  /** The catalog of a view's language. */
  function catalogFor(init) {
    if (!init) return {};
    return init.catalog || (globalThis.LessonStudyI18n || {})[init.language] || {};
  }

  /** {gettext, ngettext, interpolate, language} over a catalog ({English: translation}); a missing
   * entry shows the English source. Plurals: English's rule, or the one form of Indonesian. */
  function translator(catalog, language) {
    const entries = catalog || {};
    const gettext = (text) => (typeof entries[text] === "string" && entries[text] ? entries[text] : text);
    const ngettext = (singular, plural, count) => {
      const forms = entries[singular];
      if (!Array.isArray(forms) || !forms.length) return count === 1 ? singular : plural;
      return forms[forms.length === 1 ? 0 : (count === 1 ? 0 : 1)];
    };
    return {gettext, ngettext, interpolate, language: language || "en"};
  }

  /** The translator of a view from its init data. */
  function forView(init) {
    return translator(catalogFor(init), init && init.language);
  }

  LS.i18n = {interpolate, catalogFor, translator, forView};
})(globalThis.LessonStudy = globalThis.LessonStudy || {});
