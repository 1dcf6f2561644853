"""What a browser loads for a workbench page: the page, and the block files it names by URL."""

import json
import re

RESOURCE = re.compile(r"""(?:src|href)=['"](/resource/[^'"]+)['"]""")
CATALOG = re.compile(r"/static/dist/i18n/(\w+)/\w+\.js$")


def resource_urls(page):
    """The package resource URLs a page names (scripts and stylesheets), in order."""
    return RESOURCE.findall(page)


def fetch(client, url):
    """The text of a resource the workbench serves."""
    response = client.get(url)
    assert response.status_code == 200, url
    body = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    return body.decode("utf-8")


def loaded_text(client, page):
    """The page with every block resource it names appended, as a browser would have them."""
    return "\n".join([page] + [fetch(client, url) for url in resource_urls(page)])


def loaded_scripts(client, page):
    """``{url: text}`` of the block scripts a page loads by URL."""
    return {url: fetch(client, url) for url in resource_urls(page) if url.endswith(".js")}


def js_catalog(client, page):
    """``(language, entries)`` of the JavaScript catalog files a page loads, or (None, {})."""
    language, entries = None, {}
    for url in resource_urls(page):
        match = CATALOG.search(url)
        if match:
            language = match.group(1)
            entries.update(json.loads(fetch(client, url).splitlines()[2]))
    return language, entries
