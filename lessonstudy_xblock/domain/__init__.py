"""The rules of lesson study, in plain Python.

Nothing in this package imports XBlock, Django or anything web: every
function takes plain data (dicts, lists, strings) and returns plain data or
raises a :class:`~lessonstudy_xblock.domain.errors.DomainError`. The block
classes parse requests, call these rules and store what they return.
"""
