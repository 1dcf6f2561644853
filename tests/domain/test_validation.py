"""Request fields are checked one way everywhere: the value cleaned, or a refusal naming the field."""

import pytest

from lessonstudy_xblock.domain import validation as check
from lessonstudy_xblock.domain.errors import Invalid, TooLarge
from lessonstudy_xblock.domain.participants import ParticipantIndex


def refusal(function, *args, **kwargs):
    with pytest.raises((Invalid, TooLarge)) as raised:
        function(*args, **kwargs)
    return raised.value


def test_text_is_stripped_bounded_and_storable():
    assert check.text({"t": "  hi  "}, "t", 10) == "hi"
    assert check.text({}, "t", 10) == ""
    assert check.text({"t": " a "}, "t", 10, strip=False) == " a "
    assert refusal(check.text, {"t": 5}, "t", 10).render() == "t must be text."
    assert isinstance(refusal(check.text, {"t": "x" * 11}, "t", 10), TooLarge)
    assert refusal(check.text, {"t": "a\x00b"}, "t", 10).render() == "t contains a character that cannot be stored."
    assert refusal(check.text, {"t": "\ud800"}, "t", 10).field == "t"
    assert refusal(check.text, {"t": "  "}, "t", 10, required=True).render() == "t is required."
    assert check.require_object({"a": 1}) == {"a": 1}
    assert refusal(check.require_object, [1]).render() == "The request must be a JSON object."


def test_numbers_ids_lists_links_and_flags():
    assert check.number({"w": 2}, "w", 0, 100) == 2.0
    assert check.number({"w": None}, "w", 0, 100) is None
    assert refusal(check.number, {"w": True}, "w", 0, 100).render() == "w must be a number."
    assert refusal(check.number, {"w": float("nan")}, "w", 0, 100).render() == "w must be a number."
    assert refusal(check.number, {"w": 101}, "w", 0, 100).render() == "w must be between 0 and 100."
    assert check.client_id({"client_id": "abcd-1234"}) == "abcd-1234"
    assert refusal(check.client_id, {"client_id": "short"}).field == "client_id"
    assert check.item_id({}, "g", required=False) is None
    assert refusal(check.item_id, {}, "g").render() == "g is required."
    assert refusal(check.item_id, {"g": "a b"}, "g").render() == "g is not a valid id."
    assert check.id_list({"c": ["a", "b", "a"]}, "c", 5) == ["a", "b"]
    assert check.id_list({}, "c", 5) == []
    assert refusal(check.id_list, {"c": "a"}, "c", 5).render() == "c must be a list of ids."
    assert refusal(check.id_list, {"c": ["a b"]}, "c", 5).render() == "c must be a list of ids."
    assert isinstance(refusal(check.id_list, {"c": list("abcdef")}, "c", 5), TooLarge)
    assert check.url({"u": "https://example.org/x"}, "u", 100) == "https://example.org/x"
    assert refusal(check.url, {"u": "javascript:alert(1)"}, "u", 100).field == "u"
    assert check.boolean({}, "b") is False
    assert refusal(check.boolean, {"b": "yes"}, "b").render() == "b must be true or false."


def test_choice_and_integer():
    assert check.choice({"r": "observer"}, "r", ("observer", "moderator")) == "observer"
    assert refusal(check.choice, {"r": "king"}, "r", ("observer",)).field == "r"
    assert check.integer({"m": 12}, "m", 0, 600) == 12
    assert refusal(check.integer, {"m": 12.5}, "m", 0, 600).field == "m"
    assert refusal(check.integer, {"m": 601}, "m", 0, 600).field == "m"


def test_the_workshop_participant_list_is_compact_sorted_and_rebuilds_from_damage():
    index = ParticipantIndex.loads('["rina","budi"]')
    assert index.names == ["budi", "rina"]
    assert index.ensure("sari") is True and index.ensure("sari") is False and index.changed
    assert index.dumps() == '["budi","rina","sari"]'
    assert ParticipantIndex.loads("not json").names == []
    assert ParticipantIndex.loads('{"a": 1}').names == []
    assert ParticipantIndex.loads('["ok", 5]').names == ["ok"]
