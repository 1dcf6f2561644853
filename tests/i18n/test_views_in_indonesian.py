"""Every view of both blocks, served by the workbench with ``Accept-Language: id``, is Indonesian.

Checked against the catalog, not a hand list: no text node or accessible
attribute of the block's HTML equals an English source string that has an
Indonesian translation, and every string the block's JavaScript marks has an
Indonesian entry in the JavaScript catalog file the page loads by URL
(``static/dist/i18n/id/<bundle>.js``).
What the JavaScript then builds is checked in a real browser in
``tests/browser/test_indonesian_ui.py``.
"""

import io
import json

import pytest
from babel.messages.extract import extract as babel_extract
from lxml import html

from lessonstudy_xblock.presets import workshop_presets
from scripts import translations as tr
from tests.i18n.english import english_among, english_ui_strings, normalise
from tests.support.pages import js_catalog, loaded_scripts

ACCESSIBLE_ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")
ENGLISH = english_ui_strings()


class BlockPage:
    """A workbench page with one of our blocks, in parts."""

    def __init__(self, response, client):
        assert response.status_code == 200
        self.response, self.client = response, client
        self.tree = html.fromstring(response.content.decode("utf-8"))
        blocks = self.tree.xpath("//*[starts-with(@data-block-type, 'lessonstudy_')]")
        assert len(blocks) == 1
        self.block = blocks[0]

    def texts(self):
        """Every text node and accessible attribute value inside the block (no scripts, no styles)."""
        found = []
        for element in self.block.iter():
            if not isinstance(element.tag, str):
                continue
            if element.tag not in ("script", "style") and element.text and element.text.strip():
                found.append(element.text)
            if element.tail and element.tail.strip() and element is not self.block:
                found.append(element.tail)
            found += [element.get(name) for name in ACCESSIBLE_ATTRIBUTES if element.get(name)]
        return [" ".join(text.split()) for text in found]

    def init_args(self):
        """The JSON the block's JavaScript init function receives."""
        scripts = self.block.xpath(".//script[contains(@class, 'xblock_json_init_args')]")
        assert len(scripts) == 1
        return json.loads(scripts[0].text)

    def catalog(self):
        """``(language, entries)`` of the JavaScript catalog file the page loads."""
        return js_catalog(self.client, self.response.content.decode("utf-8"))

    def javascript_msgids(self):
        """The strings marked in the block's scripts (loaded by URL) and the page's inline ones."""
        msgids = set()
        sources = [script.text or "" for script in self.tree.xpath("//script[not(@src) and not(@type)]")]
        sources += loaded_scripts(self.client, self.response.content.decode("utf-8")).values()
        for source in sources:
            for _line, message, _comments, _context in babel_extract(
                    "javascript", io.BytesIO(source.encode("utf-8")), keywords=tr.JS_KEYWORDS):
                msgids.add(tr.singular(message))  # pylint: disable=protected-access
        return msgids


def assert_indonesian(page, expected_phrases=(), javascript=True):
    """No English UI string in the HTML; every JavaScript string has an Indonesian entry."""
    english = english_among(page.texts(), ENGLISH)
    assert english == [], f"English UI strings in the Indonesian view: {english}"
    shown = " ".join(page.texts())
    for phrase in expected_phrases:
        assert phrase in shown
    assert page.response.headers["Content-Language"] == "id"
    if not javascript:
        return
    args = page.init_args()
    assert args["language"] == "id", "Intl formats numbers and dates with init.language"
    language, catalog = page.catalog()
    assert language == "id", "the page loads the Indonesian catalog file"
    msgids = page.javascript_msgids()
    assert len(msgids) > 10, "the block's JavaScript is on the page"
    untranslated = sorted(m for m in msgids if not tr.untranslated_ok(m)
                          and (not catalog.get(m) or normalise(str(catalog[m])) == normalise(m)))
    assert untranslated == [], f"strings the JavaScript shows in English: {untranslated}"


def get(client, scenario, student, view=""):
    path = f"/scenario/{scenario}/" + (f"{view}/" if view else "")
    return BlockPage(client.get(path, {"student": student}, HTTP_ACCEPT_LANGUAGE="id"), client)


def post(client, page, handler, student, payload):
    usage = page.block.get("data-usage")
    response = client.post(f"/handler/{usage}/{handler}/?student={student}", json.dumps(payload),
                           content_type="application/json", HTTP_ACCEPT_LANGUAGE="id")
    return response.status_code, json.loads(response.content)


def workshop_scenario(preset="what_is_lesson_study", language="en"):
    return f"lessonstudy_workshop.{workshop_presets().index((preset, language))}"


@pytest.mark.parametrize("student", ["guru_sinta", "staff_ana"])
def test_cycle_view_without_a_group_is_indonesian(client, workbench, student):
    page = get(client, "lessonstudy_cycle.0", student)
    assert_indonesian(page, ["Memuat ruang kerja..."])


def test_cycle_view_of_a_participant_in_a_group_is_indonesian(client, workbench):
    page = get(client, "lessonstudy_cycle.0", "staff_ana")
    status, answer = post(client, page, "create_group", "staff_ana", {"name": "SMPN 2 Batu", "school": "SMPN 2 Batu"})
    assert status == 200
    status, _answer = post(client, page, "join_group", "guru_rina", {"join_code": answer["group"]["join_code"]})
    assert status == 200

    page = get(client, "lessonstudy_cycle.0", "guru_rina")
    assert_indonesian(page, ["Memuat ruang kerja..."])


def test_cycle_studio_and_author_views_are_indonesian(client, workbench):
    assert_indonesian(get(client, "lessonstudy_cycle.0", "staff_ana", view="studio_view"))
    assert_indonesian(get(client, "lessonstudy_cycle.0", "staff_ana", view="author_view"), javascript=False)


def test_printable_program_report_is_indonesian(client, workbench):
    page = get(client, "lessonstudy_cycle.0", "staff_ana")
    status, answer = post(client, page, "create_group", "staff_ana",
                          {"name": "SMPN 3 Malang", "school": "SMPN 3 Malang"})
    assert status == 200
    post(client, page, "join_group", "guru_dewi", {"join_code": answer["group"]["join_code"]})
    usage = page.block.get("data-usage")
    response = client.get(f"/handler/{usage}/program_report/", {"student": "staff_ana"}, HTTP_ACCEPT_LANGUAGE="id")
    assert response.status_code == 200
    body = html.fromstring(response.content.decode("utf-8"))
    texts = [text for text in body.xpath("//body//text()[not(ancestor::script) and not(ancestor::style)]")
             if text.strip()]
    assert english_among(texts, ENGLISH) == []
    assert "Laporan program lesson study" in " ".join(texts)


def test_handler_answers_in_indonesian(client, workbench):
    page = get(client, "lessonstudy_cycle.0", "guru_tono")
    status, answer = post(client, page, "join_group", "guru_tono", {"join_code": "AB"})
    assert status == 400
    assert answer["error"] == "Kode bergabung terdiri atas 6 huruf dan angka."


@pytest.mark.parametrize("student", ["guru_rina", "staff_ana"])
@pytest.mark.parametrize("content_language", ["en", "id"])
def test_workshop_view_is_indonesian_whatever_the_content_language(client, workbench, student,
                                                                   content_language):
    page = get(client, workshop_scenario(language=content_language), student)
    expected = ["Memuat modul...", "Tandai langkah selesai"]
    if student.startswith("staff"):
        expected += ["Partisipasi", "Ekspor CSV"]
    assert_indonesian(page, expected)


def test_workshop_studio_view_is_indonesian(client, workbench):
    page = get(client, workshop_scenario(), "staff_ana", view="studio_view")
    assert_indonesian(page, ["Bahasa isi", "Simpan", "Batal"])


def test_english_stays_english(client, workbench):
    response = client.get(f"/scenario/{workshop_scenario()}/", {"student": "guru_rina"},
                          HTTP_ACCEPT_LANGUAGE="en")
    page = BlockPage(response, client)
    assert "Mark step done" in page.texts()
    assert page.catalog() == (None, {}), "English loads no catalog file"
    assert page.init_args()["language"] == "en"


def test_the_check_knows_the_english_ui_strings_but_not_the_kept_terms():
    assert ENGLISH[normalise("Mark step done")] == "Mark step done"
    assert normalise("moderator") not in ENGLISH


def test_the_interface_gets_its_labels_from_the_server_in_the_learners_language(client, workbench):
    page = get(client, "lessonstudy_cycle.0", "guru_tono")
    status, state = post(client, page, "get_state", "guru_tono", {})
    assert status == 200
    labels = state["labels"]
    assert set(labels) == {"phases", "post_kinds", "post_kind_options", "modes", "interactions", "interaction_verbs",
                           "turns", "verdicts"}
    assert list(labels["modes"]) == ["whole_class", "group_work", "pairs", "individual", "presentation", "other"]
    for group in labels.values():
        english = [text for text in group.values() if normalise(text) in ENGLISH and not tr.untranslated_ok(text)]
        assert english == [], f"English labels in the Indonesian state: {english}"
