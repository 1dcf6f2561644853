"""Lesson Study XBlocks: the cycle workspace and the workshop module."""

from .cycle import CycleBlock
from .workshop import WorkshopBlock

__all__ = ["CycleBlock", "WorkshopBlock"]
