"""The mobile apps: which blocks they show, and what their web view needs.

Follows ``lms/djangoapps/course_api/blocks/transformers/student_view.py``
(``StudentViewTransformer.collect``): a block reaches the apps as
``student_view_multi_device`` only when ``student_view`` carries
``@XBlock.supports("multi_device")``; otherwise the apps show "open in browser".
The apps then load ``student_view`` in a web view (``render_xblock``), with touch
and no mouse: nothing may appear only on hover.
"""

import re
from pathlib import Path

import pytest

from lessonstudy_xblock.cycle import CycleBlock
from lessonstudy_xblock.workshop import WorkshopBlock
from tests.platform.mixins import platform_block

CSS_DIR = Path(__file__).resolve().parents[2] / "lessonstudy_xblock" / "static" / "css"
#: What a :hover rule may change: how a control looks, never whether it is there.
LOOKS = {"background", "background-color", "color", "text-decoration", "border-color", "stroke",
         "fill", "outline", "box-shadow", "cursor"}


def student_view_multi_device(block):
    """What ``StudentViewTransformer.collect`` stores for a block."""
    return block.has_support(getattr(block.__class__, "student_view", None), "multi_device")


@pytest.mark.parametrize("block_class,block_type", [(CycleBlock, "lessonstudy_cycle"),
                                                    (WorkshopBlock, "lessonstudy_workshop")])
def test_the_mobile_apps_show_both_blocks(block_class, block_type):
    assert student_view_multi_device(platform_block(block_class, block_type)) is True


def hover_rules():
    """``(file, selector, declarations)`` of every CSS rule whose selector uses ``:hover``."""
    for path in sorted(CSS_DIR.glob("*.css")):
        text = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.S)
        for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", text):
            if ":hover" in selector:
                yield path.name, " ".join(selector.split()), body


def test_nothing_appears_only_on_hover():
    found = list(hover_rules())
    assert found, "the stylesheets have hover rules to check"
    for name, selector, body in found:
        properties = {part.split(":", 1)[0].strip().lower() for part in body.split(";") if ":" in part}
        assert properties <= LOOKS, f"{name}: {selector} changes {sorted(properties - LOOKS)} on hover"


def test_no_stylesheet_fixes_a_width_wider_than_a_phone():
    for path in sorted(CSS_DIR.glob("*.css")):
        for match in re.finditer(r"(?<![-\w])(width|min-width)\s*:\s*(\d+)px", path.read_text(encoding="utf-8")):
            assert int(match.group(2)) <= 360, f"{path.name}: {match.group(0)}"
