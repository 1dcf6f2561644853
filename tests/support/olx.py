"""Exporting a block to OLX text and importing OLX text into a fresh in-memory runtime."""

from lxml import etree
from xblock.fields import ScopeIds
from xblock.runtime import DictKeyValueStore, KvsFieldData
from xblock.test.tools import TestRuntime

from lessonstudy_xblock import olx


def export(block):
    """The block's OLX, as a course export writes it."""
    node = etree.Element("root")
    block.add_xml_to_node(node)
    return olx.to_text(node)


def import_text(block_class, block_type, text):
    """Import into a fresh in-memory runtime, as a course import does."""
    runtime = TestRuntime(services={"field-data": KvsFieldData(DictKeyValueStore())})
    keys = ScopeIds("staff_author", block_type, "def-olx", "usage-olx")
    return block_class.parse_xml(olx.parse_text(text), runtime, keys)
