"""The only HTML the blocks render unescaped: author-written rich text, cleaned with nh3."""

import nh3

ALLOWED_TAGS = {"p", "br", "h3", "h4", "ul", "ol", "li", "strong", "em", "b", "i", "u",
                "blockquote", "a", "code", "pre", "span"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}


def clean_html(html):
    """Author rich text with everything that could run as script removed."""
    if not html:
        return ""
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes=URL_SCHEMES, link_rel="noopener noreferrer")
