"""The static files a view needs, added to its fragment by URL so browsers cache them.

Each view loads a few *bundles*: its scripts concatenated and minified into one file, its
stylesheets likewise (``static/dist/<bundle>.js|css``, built from the readable sources by
`make compile_assets`), and for a language other than English the JavaScript catalog of
the bundle's strings (``static/dist/i18n/<language>/<bundle>.js``, made by `make
compile_translations`), before the script that uses it.

``runtime.local_resource_url(block, "static/...")`` gives the URL: in the LMS
and Studio, ``xblock_local_resource_url`` points at the copy the platform's
static pipeline collected (``XBlockPipelineFinder`` collects each block
package's ``resources_dir``; hashed and cacheable in production), in the
workbench at its resource view, which serves files through XBlock's
``open_local_resource`` (only files under the class's ``public_dir``, here
``static/``). Scripts stay classic scripts: a fragment does not load ES modules.

A runtime that cannot make resource URLs (XBlock's bare ``Runtime``) gets the
files inlined instead, so the view still works there.
"""

import os

from xblock.utils.resources import ResourceLoader

loader = ResourceLoader(__name__)
PACKAGE_DIR = os.path.dirname(__file__)

#: The bundles: sources in the order they run. A view lists the bundles it needs.
BUNDLES = {
    # The core every view loads first: DOM builder, i18n, the one HTTP client, the offline queue, video.
    "core": {"js": ["static/js/core/dom.js", "static/js/core/i18n.js", "static/js/core/http.js",
                    "static/js/core/queue.js", "static/js/core/video.js", "static/js/core/views.js"]},
    "cycle": {"js": ["static/js/cycle/charts.js", "static/js/cycle/timeline.js",
                     "static/js/cycle/interaction_map.js", "static/js/cycle/store.js", "static/js/cycle/context.js",
                     "static/js/cycle/sync.js", "static/js/cycle/plan.js", "static/js/cycle/do.js",
                     "static/js/cycle/see.js", "static/js/cycle/main.js"],
              "css": ["static/css/cycle.css", "static/css/lesson_charts.css"]},
    "facilitator": {"js": ["static/js/cycle/facilitator.js"], "css": ["static/css/facilitator.css"]},
    "workshop": {"js": ["static/js/workshop/workshop.js"], "css": ["static/css/workshop.css"]},
    "studio": {"css": ["static/css/studio.css"]},
    "studio_editor": {"js": ["static/js/studio/editor.js"]},
    "cycle_studio": {"js": ["static/js/studio/cycle.js"]},
    "workshop_studio": {"js": ["static/js/studio/workshop.js"]},
}


def bundle_path(name, kind):
    """The package path of a bundle's built ``js`` or ``css`` file."""
    return f"static/dist/{name}.{kind}"


def catalog_path(name, language):
    """The package path of a bundle's JavaScript catalog in ``language``."""
    return f"static/dist/i18n/{language}/{name}.js"


def resource_url(block, path):
    """The URL of one of the package's static files, or None when the runtime has none."""
    try:
        return block.runtime.local_resource_url(block, path)
    except NotImplementedError:
        return None


def add_bundles(block, fragment, *names):
    """Add the bundles' stylesheets and scripts, each script after its catalog in the learner's
    language (English needs none)."""
    language = block.ui_language()
    for name in names:
        kinds = BUNDLES[name]
        if "css" in kinds:
            _add(block, fragment, bundle_path(name, "css"), "css")
        if "js" in kinds:
            catalog = catalog_path(name, language)
            if os.path.exists(os.path.join(PACKAGE_DIR, catalog)):
                _add(block, fragment, catalog, "js")
            _add(block, fragment, bundle_path(name, "js"), "js")
    return fragment


def bundle_urls(block, name):
    """``{"css": [url], "js": [catalog url, bundle url]}`` of one bundle, for a view that loads it
    later (the Facilitator tab when it opens); None where the runtime makes no resource URLs."""
    language = block.ui_language()
    kinds = BUNDLES[name]
    paths = {"css": [bundle_path(name, "css")] if "css" in kinds else [], "js": []}
    if "js" in kinds:
        catalog = catalog_path(name, language)
        if os.path.exists(os.path.join(PACKAGE_DIR, catalog)):
            paths["js"].append(catalog)
        paths["js"].append(bundle_path(name, "js"))
    urls = {kind: [resource_url(block, path) for path in found] for kind, found in paths.items()}
    if any(url is None for found in urls.values() for url in found):
        return None
    return urls


def _add(block, fragment, path, kind):
    """One file by URL, or inlined where the runtime makes no resource URLs."""
    add_url, add_text = ((fragment.add_css_url, fragment.add_css) if kind == "css"
                         else (fragment.add_javascript_url, fragment.add_javascript))
    url = resource_url(block, path)
    if url:
        add_url(url)
    else:
        add_text(loader.load_unicode(path))
