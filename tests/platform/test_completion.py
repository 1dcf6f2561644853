"""Completion as the platform decides it, with the platform's own package (``edx-completion``).

``completion/services.py: CompletionService.can_mark_block_complete_on_view`` is what the LMS asks
before it marks a block complete after a few seconds of viewing (the ``publish_completion``
handler of ``lms/djangoapps/lms_xblock/mixin.py`` and the Learning MFE's view tracking). For both
blocks it must say no: their completion follows their own rules (all required steps; the rule of
the participant's role) and is published by the blocks.
"""

import pytest

from lessonstudy_xblock.cycle import CycleBlock
from lessonstudy_xblock.workshop import WorkshopBlock
from tests.platform.mixins import platform_block

completion_services = pytest.importorskip("completion.services", reason="edx-completion is a test requirement")


@pytest.mark.parametrize("block_class,block_type", [(CycleBlock, "lessonstudy_cycle"),
                                                    (WorkshopBlock, "lessonstudy_workshop")])
@pytest.mark.parametrize("weight", [0, 2.0])
def test_the_lms_never_marks_a_block_complete_for_viewing_it(block_class, block_type, weight):
    block = platform_block(block_class, block_type)
    if weight and "weight" in block.fields:
        block.weight = weight
    service = completion_services.CompletionService(user=None, context_key=None)
    assert service.can_mark_block_complete_on_view(block) is False


def test_the_blocks_publish_completion_themselves():
    from xblock.completable import XBlockCompletionMode  # pylint: disable=import-outside-toplevel

    for block_class in (CycleBlock, WorkshopBlock):
        assert block_class.has_custom_completion is True
        assert XBlockCompletionMode.get_mode(block_class) == XBlockCompletionMode.COMPLETABLE
