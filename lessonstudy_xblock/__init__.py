"""Lesson Study XBlocks: the cycle workspace and the workshop module."""

from .cycle import CycleBlock

__all__ = ["CycleBlock"]
