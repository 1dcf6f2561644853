"""The static files a view needs, added to its fragment by URL so browsers cache them.

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

from xblock.utils.resources import ResourceLoader

loader = ResourceLoader(__name__)


def resource_url(block, path):
    """The URL of one of the package's static files, or None when the runtime has none."""
    try:
        return block.runtime.local_resource_url(block, path)
    except NotImplementedError:
        return None


def add_assets(block, fragment, css=(), js=()):
    """Add the view's stylesheets and scripts, the catalog of the learner's language first."""
    for path in css:
        url = resource_url(block, path)
        if url:
            fragment.add_css_url(url)
        else:
            fragment.add_css(loader.load_unicode(path))
    catalog = block.js_catalog_path()
    for path in ([catalog] if catalog else []) + list(js):
        url = resource_url(block, path)
        if url:
            fragment.add_javascript_url(url)
        else:
            fragment.add_javascript(loader.load_unicode(path))
    return fragment
