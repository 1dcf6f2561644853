"""OLX export, import and copy/paste keep the fields the platform adds to every block.

Follows the platform's paths: export is ``ModuleStoreRuntime.add_block_as_child_node``
(``xmodule/x_module.py``), which makes the element and calls ``block.add_xml_to_node``; import is
``XMLParsingModuleStoreRuntime.xblock_from_node`` (``xmodule/modulestore/xml.py``), which calls
``block_class.parse_xml(node, runtime, keys)`` on the class mixed with ``XBLOCK_MIXINS``; Studio's
copy and paste (``cms/djangoapps/contentstore/helpers.py``) serialises and parses the same way.
The mixed class here carries platform-like fields (:mod:`tests.platform.mixins`).
"""

import datetime

import pytest
from lxml import etree
from xblock.fields import ScopeIds

from lessonstudy_xblock import olx
from lessonstudy_xblock.cycle import CycleBlock
from lessonstudy_xblock.workshop import WorkshopBlock
from tests.platform.mixins import platform_block, platform_runtime

BLOCKS = [(CycleBlock, "lessonstudy_cycle"), (WorkshopBlock, "lessonstudy_workshop")]
DUE = datetime.datetime(2026, 8, 17, 23, 59, tzinfo=datetime.timezone.utc)


def exported(block):
    """``add_block_as_child_node``: a child element of the parent, filled by the block."""
    parent = etree.Element("vertical")
    child = etree.SubElement(parent, block.scope_ids.block_type, url_name="ws1")
    block.add_xml_to_node(child)
    return olx.to_text(child)


def imported(block_class, block_type, text):
    """``xblock_from_node``: the mixed class parses the element (the runtime popped
    ``xblock-family`` and read ``url_name``)."""
    runtime = platform_runtime()
    node = olx.parse_text(text)
    node.attrib.pop("xblock-family", None)
    mixed = runtime.mixologist.mix(block_class)
    return mixed.parse_xml(node, runtime, ScopeIds(None, block_type, "def-imported", "usage-imported"))


def hidden_and_restricted(block_class, block_type):
    block = platform_block(block_class, block_type)
    block.display_name = "Hidden from learners"
    block.visible_to_staff_only = True
    block.group_access = {"50": [1, 2]}
    block.due = DUE
    block.graded = True
    return block


@pytest.mark.parametrize("block_class,block_type", BLOCKS)
def test_export_writes_the_platforms_fields(block_class, block_type):
    text = exported(hidden_and_restricted(block_class, block_type))
    node = etree.fromstring(text)
    assert node.get("visible_to_staff_only") == "true"
    assert node.get("graded") == "true"
    assert "2026-08-17T23:59" in node.get("due", "")  # as XBlock writes a Date: JSON text
    assert "50" in node.get("group_access", "")


@pytest.mark.parametrize("block_class,block_type", BLOCKS)
def test_a_round_trip_keeps_hidden_content_hidden(block_class, block_type):
    again = imported(block_class, block_type, exported(hidden_and_restricted(block_class, block_type)))
    assert again.visible_to_staff_only is True
    assert again.group_access == {"50": [1, 2]}
    assert again.due == DUE
    assert again.graded is True
    assert again.display_name == "Hidden from learners"


@pytest.mark.parametrize("block_class,block_type", BLOCKS)
def test_a_round_trip_is_stable(block_class, block_type):
    first = exported(hidden_and_restricted(block_class, block_type))
    assert exported(imported(block_class, block_type, first)) == first


@pytest.mark.parametrize("block_class,block_type", BLOCKS)
def test_fields_left_at_their_default_are_not_written(block_class, block_type):
    node = etree.fromstring(exported(platform_block(block_class, block_type)))
    for name in ("visible_to_staff_only", "group_access", "due", "graded", "start"):
        assert node.get(name) is None, name


def test_user_state_never_goes_into_olx_and_is_never_read_from_it():
    block = platform_block(CycleBlock, "lessonstudy_cycle")
    block.journal = [{"id": "obs-1", "type": "observation"}]
    block.group_index = "secret-index"
    node = etree.fromstring(exported(block))
    assert node.get("journal") is None and node.get("group_index") is None
    node.set("journal", '[{"id": "forged"}]')
    again = imported(CycleBlock, "lessonstudy_cycle", olx.to_text(node))
    assert again.journal == []
