"""In Indonesian, the pages the JavaScript builds show no English UI string.

Checked against the catalog (``tests/i18n/english.py``), not a hand list:
every visible text node and accessible name inside the block, in every tab,
is compared with the English source strings that have an Indonesian
translation. Content authored in English (a workshop preset in English,
group names) is not a msgid and so is not flagged.
"""

import secrets
import uuid

import pytest
from playwright.sync_api import expect

from lessonstudy_xblock.presets import workshop_presets
from tests.i18n.english import english_among, english_ui_strings

CYCLE = "lessonstudy_cycle.0"

#: Every text node inside ``selector`` that is rendered, and the accessible attributes.
VISIBLE_TEXTS = """(selector) => {
  const root = document.querySelector(selector);
  const texts = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, parent = node.parentElement;
    if (!node.textContent.trim() || !parent || parent.closest("script, style, template")) continue;
    if (parent.closest("[hidden]") || (parent.checkVisibility && !parent.checkVisibility())) continue;
    texts.push(node.textContent);
  }
  for (const element of root.querySelectorAll("[aria-label], [title], [placeholder], [alt]")) {
    for (const name of ["aria-label", "title", "placeholder", "alt"]) {
      if (element.getAttribute(name)) texts.push(element.getAttribute(name));
    }
  }
  return texts;
}"""


def ok(client, handler, payload):
    status, data, _seconds = client.call_until_stored(handler, payload)
    assert status == 200, (handler, status, data)
    return data


def seed_cycle(api, story):
    """A group in See with a model teacher, an observer, an observation and a finding."""
    staff, model, observer = f"staff_id{story}", f"guru_id{story}", f"pengamat_id{story}"
    as_user = lambda user: api(CYCLE, user)  # noqa: E731
    group = ok(as_user(staff), "create_group", {"name": f"Kelompok {story}", "school": "SMPN 1 Malang"})["group"]
    for user, role in ((model, "model_teacher"), (observer, "observer")):
        ok(as_user(user), "join_group", {"join_code": group["join_code"]})
        ok(as_user(user), "set_role", {"role": role, "focal": "K3" if role == "observer" else ""})
    ok(as_user(model), "set_phase", {"phase": "do"})
    entry = ok(as_user(observer), "add_observation", {
        "client_id": uuid.uuid4().hex, "kind": "note", "focus": "learning_started",
        "evidence": "S07 menjelaskan mengapa 1/2 lebih besar dari 1/3.", "target": "K3", "minute": 12,
    })["observation"]
    ok(as_user(model), "set_phase", {"phase": "see"})
    ok(as_user(observer), "post_reflection", {
        "client_id": uuid.uuid4().hex, "kind": "finding", "cites": [entry["id"]],
        "text": "Kelompok 3 mulai belajar ketika S07 menjelaskan kepada temannya."})
    return staff, model, observer


def texts_of_every_tab(page, selector):
    """The visible texts of the block, with each of its tabs opened in turn."""
    texts = page.evaluate(VISIBLE_TEXTS, selector)
    tabs = page.locator(f"{selector} [role=tab]")
    for index in range(tabs.count()):
        tabs.nth(index).click()
        expect(tabs.nth(index)).to_have_attribute("aria-selected", "true")
        expect(page.locator(f"{selector} [role=tabpanel]:not([hidden])").first).to_be_visible()
        texts += page.evaluate(VISIBLE_TEXTS, selector)
    return texts


@pytest.mark.browser
def test_cycle_and_workshop_pages_show_no_english_ui_string_in_indonesian(people, api):
    english = english_ui_strings()
    story = secrets.token_hex(3)
    staff, model, observer = seed_cycle(api, story)
    shown = {}

    for student in (observer, model, f"sendiri_id{story}", staff):
        page = people.open(student, CYCLE, language="id")
        page.locator(".lessonstudy-cycle .ls-root *").first.wait_for()
        page.wait_for_load_state("networkidle")
        shown[f"cycle as {student}"] = texts_of_every_tab(page, ".lessonstudy-cycle")
        assert page.script_errors == []

    scenario = f"lessonstudy_workshop.{workshop_presets().index(('observing_open_class', 'en'))}"
    for student in (f"peserta_id{story}", f"staff_ws{story}"):
        page = people.open(student, scenario, language="id")
        page.locator(".lsw-step-title").wait_for()
        page.wait_for_function("document.querySelector('.lsw-step-title').textContent.length > 0")
        if student.startswith("staff"):
            page.locator(".lsw-report *").first.wait_for()
        shown[f"workshop as {student}"] = page.evaluate(VISIBLE_TEXTS, ".lessonstudy-workshop")
        assert page.script_errors == []

    english_shown = {view: english_among(texts, english) for view, texts in shown.items()}
    assert english_shown == {view: [] for view in shown}
    everything = " ".join(" ".join(texts) for texts in shown.values())
    for indonesian in ("Perencanaan", "Pelaksanaan", "Refleksi", "guru model", "Tandai langkah selesai"):
        assert indonesian in everything
