"""The participation score as the grades app reads it.

Follows ``lms/djangoapps/grades/scores.py``: ``_block_types_possibly_scored`` keeps only block
types whose *class* has a truthy ``has_score`` (or children); ``GradesTransformer``
(``lms/djangoapps/grades/transformer.py``) then collects ``max_score()`` of each block whose
*instance* ``has_score``; ``weighted_score`` turns the raw points into the author's weight; the
``grade`` event (``xmodule/services.py: EventPublishingService``) carries ``value`` and
``max_value`` as raw points.
"""

from xblock.core import XBlock

from lessonstudy_xblock.cycle import CycleBlock
from lessonstudy_xblock.workshop import WorkshopBlock
from tests.platform.mixins import platform_block
from tests.support.seeding import move, seed_group
from tests.support.workbench_course import WorkbenchCourse


def block_types_possibly_scored():
    """``_block_types_possibly_scored()`` of ``lms/djangoapps/grades/scores.py``."""
    return frozenset(
        category for (category, xblock_class) in XBlock.load_classes() if (
            getattr(xblock_class, "has_score", False) or getattr(xblock_class, "has_children", False)
        )
    )


def collected_max_score(block):
    """What ``GradesTransformer._collect_max_scores`` stores for a block (None: not collected)."""
    return block.max_score() if getattr(block, "has_score", False) else None


def weighted_score(raw_earned, raw_possible, weight):
    """``weighted_score`` of ``lms/djangoapps/grades/scores.py``."""
    if weight is None or raw_possible == 0:
        return raw_earned, raw_possible
    return float(raw_earned) * weight / raw_possible, float(weight)


def test_the_grades_app_considers_the_cycle_workspace():
    assert "lessonstudy_cycle" in block_types_possibly_scored()


def test_the_workshop_module_gives_no_score():
    assert "lessonstudy_workshop" not in block_types_possibly_scored()
    assert not getattr(platform_block(WorkshopBlock, "lessonstudy_workshop"), "has_score", False)


def test_a_workspace_without_a_weight_has_no_score():
    block = platform_block(CycleBlock, "lessonstudy_cycle")
    assert block.has_score is False
    assert collected_max_score(block) is None


def test_a_weighted_workspace_is_worth_its_weight():
    block = platform_block(CycleBlock, "lessonstudy_cycle")
    block.weight = 3.0
    assert block.has_score is True
    assert collected_max_score(block) == 1.0
    assert weighted_score(1.0, collected_max_score(block), block.weight) == (3.0, 3.0)
    assert weighted_score(0.0, collected_max_score(block), block.weight) == (0.0, 3.0)


def test_the_grade_event_matches_max_score(db):  # pylint: disable=unused-argument
    course = WorkbenchCourse('<lessonstudy_cycle weight="3"/>')
    _group, users = seed_group(course)
    move(course, users[0], "do")
    move(course, users[0], "see")
    course.ok(users[5], "post_reflection", {"client_id": "closing-001", "kind": "closing", "text": "c"})
    (event,) = course.published.of_type("grade")
    max_score = course.block(users[5]).max_score()
    assert event == {"value": max_score, "max_value": max_score}
    assert weighted_score(event["value"], event["max_value"], 3.0) == (3.0, 3.0)
