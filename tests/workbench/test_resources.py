"""The blocks' static files reach the browser by URL, cached between page views."""

import pytest

from tests.support.pages import resource_urls

#: What a rendered fragment may carry inline: its init data (the budget of the platform issue).
INLINE_BUDGET = 5 * 1024


@pytest.fixture
def workbench(db):  # pylint: disable=unused-argument
    from workbench.runtime_util import reset_global_state  # pylint: disable=import-outside-toplevel

    reset_global_state()


def block_fragment(page):
    start = page.index('<div class="preview student_view">')
    return page[start:page.index("</section>", start)]


@pytest.mark.parametrize("scenario,student", [("lessonstudy_cycle.0", "guru_rina"),
                                              ("lessonstudy_cycle.0", "staff_ana"),
                                              ("lessonstudy_workshop.0", "guru_rina")])
@pytest.mark.parametrize("language", ["en", "id"])
def test_views_name_their_files_by_url_and_inline_only_init_data(client, workbench, scenario, student, language):  # pylint: disable=unused-argument,redefined-outer-name
    page = client.get(f"/scenario/{scenario}/", {"student": student}, HTTP_ACCEPT_LANGUAGE=language)
    text = page.content.decode("utf-8")
    urls = resource_urls(text)
    assert any(url.endswith(".js") for url in urls) and any(url.endswith(".css") for url in urls)
    assert any("/static/dist/i18n/id/" in url for url in urls) == (language == "id")
    assert len(block_fragment(text).encode("utf-8")) <= INLINE_BUDGET
    assert "function LessonStudy" not in text, "no block script is inlined"


def test_a_block_file_is_cached_and_revalidated(client, workbench):  # pylint: disable=unused-argument,redefined-outer-name
    url = "/resource/lessonstudy_cycle/static/dist/cycle.js"
    first = client.get(url)
    assert first.status_code == 200
    assert "max-age=" in first["Cache-Control"] and first["ETag"]
    assert first["Content-Type"].startswith("text/javascript")
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""


@pytest.mark.parametrize("path", ["lessonstudy_xblock/cycle.py", "static/../cycle.py", "templates/cycle.html",
                                  "static/js/../../cycle.py"])
def test_only_files_under_static_are_served(client, workbench, path):  # pylint: disable=unused-argument,redefined-outer-name
    assert client.get(f"/resource/lessonstudy_cycle/{path}").status_code == 404


def test_workbench_pages_set_a_viewport_for_phones(client, workbench):  # pylint: disable=unused-argument,redefined-outer-name
    page = client.get("/scenario/lessonstudy_cycle.0/", {"student": "guru_rina"}).content.decode("utf-8")
    assert page.count('name="viewport"') == 1
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page


@pytest.mark.parametrize("language", ["en", "id"])
def test_staff_load_the_facilitator_code_only_when_its_tab_opens(client, workbench, language):  # pylint: disable=unused-argument,redefined-outer-name
    import json  # pylint: disable=import-outside-toplevel
    import re  # pylint: disable=import-outside-toplevel

    page = client.get("/scenario/lessonstudy_cycle.0/", {"student": "staff_ana"},
                      HTTP_ACCEPT_LANGUAGE=language).content.decode("utf-8")
    assert not any("facilitator" in url for url in resource_urls(page))
    init = json.loads(re.search(r'<script type="json/xblock-args"[^>]*>(.*?)</script>', page, re.S).group(1))
    later = init["facilitator_assets"]
    assert [url.rsplit("/", 1)[1] for url in later["css"] + later["js"]] == (
        ["facilitator.css", "facilitator.js"] if language == "en" else ["facilitator.css", "facilitator.js",
                                                                       "facilitator.js"])
    for url in later["css"] + later["js"]:
        assert client.get(url).status_code == 200
    learner = client.get("/scenario/lessonstudy_cycle.0/", {"student": "guru_rina"}).content.decode("utf-8")
    assert "facilitator_assets" not in learner
