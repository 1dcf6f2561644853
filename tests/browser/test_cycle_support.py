"""Helpers shared by the cycle workspace stories (this module holds no tests).

Set-up that is not the point of a story goes through the JSON handlers (``CycleGroup``);
everything a story is about is done in the browser, finding controls by role and the
names of PRODUCT.md §5.
"""

import re
import secrets

from playwright.sync_api import Expect

#: ``expect`` for these stories, waiting up to 15 s (Playwright's default is 5 s): on a busy
#: 2-core machine a handler's answer can take seconds. Its own instance, so the setting does
#: not change other modules' ``expect``.
expect = Expect()
expect.set_options(timeout=15_000)

SCENARIO = "lessonstudy_cycle.0"
BLOCK = ".lessonstudy-cycle"
#: A status saying its form's text is saved ("Saved", or the observe panel's "Saved: what").
SAVED = re.compile(r"^\s*Saved(:|\s*$)")


def tag():
    """A short random tag that makes this story's usernames and group names unique."""
    return secrets.token_hex(3)


def ok(result):
    """The JSON answer of a handler call that must have succeeded."""
    status, data, _elapsed = result
    assert status == 200, (status, data)
    return data


class CycleGroup:
    """A group set up through the handlers: a facilitator, members with roles."""

    def __init__(self, api, name=None, school="", staff=None, story=None, join_code=None,
                 scenario=SCENARIO):
        """A new group created by ``staff`` (by default a new facilitator) in ``scenario``; or,
        given a ``join_code``, the group ``staff`` created in the browser."""
        self.api = api
        self.scenario = scenario
        self.tag = story or tag()
        self.staff = staff or f"staff_{self.tag}"
        self.members = {}
        if join_code:
            groups = ok(self.call(self.staff, "get_state", {}))["groups"]
            group = next(g for g in groups if g["join_code"] == join_code)
        else:
            group = ok(self.call(self.staff, "create_group",
                                 {"name": name or f"Group {self.tag}", "school": school}))["group"]
        self.id, self.name, self.school = group["id"], group["name"], group["school"]
        self.join_code = group["join_code"]

    def client(self, username):
        return self.api(self.scenario, username)

    def user(self, short):
        """The username of a person of this story (``ani`` -> ``ani_3fa2c1``)."""
        return f"{short}_{self.tag}"

    def join(self, short, role=None, focal=""):
        """``short`` joins with the code and takes ``role``; returns the username."""
        username = self.user(short)
        ok(self.call(username, "join_group", {"join_code": self.join_code}))
        if role:
            ok(self.call(username, "set_role", {"role": role, "focal": focal}))
        self.members[short] = username
        return username

    def call(self, username, handler, payload):
        return self.client(username).call_until_stored(handler, payload)

    def state(self, username):
        payload = {"group_id": self.id} if username.startswith("staff") else {}
        return ok(self.call(username, "get_state", payload))

    def phase(self, username, phase):
        payload = {"phase": phase}
        if username.startswith("staff"):
            payload["group_id"] = self.id
        return ok(self.call(username, "set_phase", payload))

    def save_section(self, username, section_id, content):
        sections = self.state(username)["plan"]["sections"]
        base = next(s for s in sections if s["id"] == section_id)["revision"]
        return ok(self.call(username, "save_plan_section",
                            {"section_id": section_id, "content": content, "base_revision": base}))

    def observe(self, username, **fields):
        payload = {"client_id": "obs" + secrets.token_hex(8), "kind": "note"}
        payload.update(fields)
        return ok(self.call(username, "add_observation", payload))["observation"]

    def post(self, username, kind, text, **fields):
        payload = {"client_id": "pst" + secrets.token_hex(8), "kind": kind, "text": text}
        payload.update(fields)
        if username.startswith("staff"):
            payload["group_id"] = self.id
        return ok(self.call(username, "post_reflection", payload))["post"]


def ready(page):
    """Wait until the workspace has drawn itself after its first get_state."""
    page.locator(f"{BLOCK}:not([data-loading]) .ls-root > *").first.wait_for()
    return page


def block(page):
    """The cycle workspace on the page (the workbench around it echoes stored data too)."""
    return page.locator(BLOCK)


def section_form(page, title):
    """The form of one plan section, found by its heading."""
    return block(page).locator("form.ls-section").filter(
        has=page.get_by_role("heading", name=title, exact=True))


def seat_button(container, label):
    """The seat button of the chart in ``container`` whose visible label is ``label``."""
    return container.locator(".ls-seat-button").filter(
        has=container.page.locator(".ls-seat-text", has_text=re.compile(f"^{re.escape(label)}$")))


def wait_saved(container):
    """The status region inside ``container`` says Saved."""
    container.get_by_role("status").filter(has_text=SAVED).wait_for()


def handler_response(page, handler):
    """``with handler_response(page, "add_observation"):`` waits for that handler's answer."""
    return page.expect_response(lambda r: f"/{handler}/" in r.url and r.request.method == "POST")


def refresh(page):
    """Reload the workspace with its Refresh button and wait until it is drawn afresh."""
    old = block(page).locator(".ls-root > *").last.element_handle()
    with handler_response(page, "get_state"):
        block(page).get_by_role("button", name="Refresh workspace").click()
    page.wait_for_function("node => !node.isConnected", arg=old)


def open_tab(page, name):
    tab = block(page).get_by_role("tab", name=name, exact=True)
    tab.click()
    expect(tab).to_have_attribute("aria-selected", "true")


def cycle_line(page, number, phase):
    """Wait until the header says which cycle and phase the group is in."""
    expect(block(page).get_by_text(f"Cycle {number}, phase: {phase}", exact=True)).to_be_visible()


def is_focused(locator):
    return locator.evaluate("element => element === document.activeElement")


def tab_to(page, target, backwards=False, limit=150):
    """Press Tab (or Shift+Tab) until ``target`` has the keyboard focus."""
    target.wait_for()
    key = "Shift+Tab" if backwards else "Tab"
    for _press in range(limit):
        if is_focused(target):
            return
        page.keyboard.press(key)
    raise AssertionError(f"{key} never reached {target}")


def assert_no_script_ran(*pages):
    """No page error, no dialog and no probe set by an injected payload."""
    for page in pages:
        assert page.script_errors == [], page.script_errors
        assert page.evaluate("window.__pwned") is None, "an injected payload ran"


def facilitator_row(page, name, open_menu=True):
    """The Facilitator tab's row of a group, searched for by its name (so paging never hides it),
    with its actions menu open; works in any interface language."""
    root = block(page)
    search = root.locator("input[id$='fac-search']")
    search.wait_for()
    search.fill(name)
    row = root.locator(".lsf-groups > tbody > tr").filter(has=page.get_by_role("rowheader", name=name))
    if open_menu:
        row.locator("details.lsf-menu > summary").click()
    return row
