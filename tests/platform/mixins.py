"""Fields the platform mixes into every block, as its own mixin classes declare them.

The LMS and Studio build every block class with ``settings.XBLOCK_MIXINS``
(``openedx/envs/common.py``: ``LmsBlockMixin``, ``InheritanceMixin``,
``XModuleMixin``, ``EditInfoMixin``). These are a few of their authored fields,
declared as in ``lms/djangoapps/lms_xblock/mixin.py`` (``visible_to_staff_only``
there also in ``InheritanceMixin``, ``group_access``) and
``xmodule/modulestore/inheritance.py`` (``due``, ``start``, ``graded``): enough to
see whether OLX export, import and copy/paste keep what the platform adds.
"""

import datetime

from xblock.core import XBlockMixin
from xblock.fields import Boolean, Date, Dict, Scope, ScopeIds
from xblock.runtime import DictKeyValueStore, KvsFieldData
from xblock.test.tools import TestRuntime


class PlatformLikeMixin(XBlockMixin):
    """Authored fields every block has on an Open edX site."""

    visible_to_staff_only = Boolean(default=False, scope=Scope.settings)
    group_access = Dict(default={}, scope=Scope.settings)
    graded = Boolean(default=False, scope=Scope.settings)
    start = Date(default=datetime.datetime(2030, 1, 1, tzinfo=datetime.timezone.utc), scope=Scope.settings)
    due = Date(scope=Scope.settings)


def platform_runtime():
    """A runtime that mixes the platform-like fields into every block class, as the LMS does."""
    return TestRuntime(services={"field-data": KvsFieldData(DictKeyValueStore())},
                       mixins=(PlatformLikeMixin,))


def platform_block(block_class, block_type, runtime=None, usage="usage-platform"):
    """A block of ``block_class`` with the platform's mixins, on a fresh runtime."""
    runtime = runtime or platform_runtime()
    mixed = runtime.mixologist.mix(block_class)
    return runtime.construct_xblock_from_class(mixed, ScopeIds("author", block_type, "def-" + usage, usage))
