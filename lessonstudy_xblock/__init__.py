"""Lesson Study XBlocks: the cycle workspace and the workshop module."""

__version__ = "0.2.0"

from .cycle import CycleBlock  # noqa: E402  (the version is read by setup.py without importing)
from .workshop import WorkshopBlock

__all__ = ["CycleBlock", "WorkshopBlock"]
