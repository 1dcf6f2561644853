"""Hostile input the handlers and the OLX parser must refuse cleanly (issue 14, first part): each
test fails on the code before it."""

import pytest

from lessonstudy_xblock import olx
from lessonstudy_xblock.domain import validation as check
from lessonstudy_xblock.domain.errors import Invalid
from lessonstudy_xblock.spreadsheet import safe_cell
from lessonstudy_xblock.workshop import WorkshopBlock
from tests.support.lms_double import LmsCourse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("depth", [1100, 100_000])
@pytest.mark.parametrize("block", ["cycle", "workshop"])
def test_json_nested_deeper_than_the_parser_goes_is_a_400_not_a_500(depth, block):
    course = (LmsCourse() if block == "cycle"
              else LmsCourse(block_class=WorkshopBlock, block_type="lessonstudy_workshop"))
    handler = "get_state" if block == "cycle" else "get_progress"
    body = ('{"a":' + "[" * depth + "]" * depth + "}").encode("ascii")
    status, answer = course.call_bytes("guru_rina", handler, body)
    assert status < 500, answer
    if depth > 10_000:  # deeper than any JSON parser goes
        assert status == 400 and answer == {"error": "The request is not valid JSON."}


@pytest.mark.parametrize("name,check_id", [("client_id", check.client_id), ("section_id", None)])
def test_an_id_with_a_trailing_newline_is_refused(name, check_id):
    if check_id is not None:
        with pytest.raises(Invalid):
            check_id({name: "abcd-1234\n"})
    with pytest.raises(Invalid):
        check.item_id({"section_id": "objectives\n"}, "section_id")
    assert check.item_id({"section_id": "objectives"}, "section_id") == "objectives"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32"])
def test_a_dtd_is_refused_whatever_the_documents_encoding(encoding):
    text = ('<?xml version="1.0" encoding="%s"?>\n<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
            '<lessonstudy_workshop display_name="&b;&b;"/>' % encoding.upper().replace("-LE", "LE"))
    with pytest.raises(olx.OlxError, match="DTD or entities"):
        olx.parse_text(text.encode(encoding))


def test_an_oversized_olx_text_is_refused_before_parsing():
    with pytest.raises(olx.OlxError, match="too large"):
        olx.parse_text(b"<lessonstudy_workshop>" + b" " * (olx.MAX_OLX_BYTES + 1) + b"</lessonstudy_workshop>")


@pytest.mark.parametrize("cell", ["\u200b=HYPERLINK(\"x\")", "\ufeff+1", "\uff1dSUM(A1)", "\u2060@cmd"])
def test_csv_neutralises_formulas_behind_invisible_or_full_width_characters(cell):
    assert safe_cell(cell) == "'" + cell
    assert safe_cell("S07 helps S08") == "S07 helps S08"


@pytest.mark.parametrize("address", ['https://example.org/a".mp4', "https://example.org/<b>.mp4",
                                     "https://youtu.be/abcdefgh'onerror", "https://example.org/a b.mp4"])
def test_video_addresses_follow_the_one_web_address_rule(address):
    from lessonstudy_xblock.domain.workshop import clean_steps, is_video_url  # pylint: disable=import-outside-toplevel

    assert is_video_url(address) is False
    with pytest.raises(Invalid):
        clean_steps([{"id": "v", "kind": "video", "title": "Video", "video_url": address}])
    assert is_video_url("https://youtu.be/abcdefgh") and is_video_url("https://example.org/lesson.mp4")
    assert is_video_url("https://youtu.be/abcdefgh\n") is False
    course = LmsCourse()
    status, answer = course.call("staff_ana", "set_lesson_video", {"url": address, "group_id": "g-none"})
    assert status == 400 and answer["field"] == "url"


def handler_names(block_class):
    return sorted(name for name in dir(block_class)
                  if getattr(getattr(block_class, name, None), "_is_xblock_handler", False))


HOSTILE_BODIES = [
    b"", b"\xff\xfe{\x00}\x00", '{"a": "\ud800"}'.encode("utf-8", "surrogatepass"), b"\xc3\x28",
    b"[]", b"null", b"42", b'"text"', b'{"client_id": 1e999}', b'{"client_id": NaN}',
    ("[" * 5000 + "]" * 5000).encode(), b'{"section_id": {"$gt": ""}, "content": [[[[[]]]]]}',
    b'{"group_id": "../../etc", "role": null, "phase": [], "items": {"a": 1}}',
]


@pytest.mark.parametrize("block", ["cycle", "workshop"])
def test_every_handler_answers_every_hostile_body_without_a_500(block):
    course = (LmsCourse() if block == "cycle"
              else LmsCourse(block_class=WorkshopBlock, block_type="lessonstudy_workshop"))
    names = handler_names(course.block_class)
    assert len(names) >= (20 if block == "cycle" else 8)
    for name in names:
        for body in HOSTILE_BODIES:
            for user in ("guru_rina", "staff_ana"):
                status, _answer = course.call_bytes(user, name, body)
                assert status < 500, (name, body[:40], user)
