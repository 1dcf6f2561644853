"""Calling the blocks' handlers through the xblock-sdk workbench runtime, as several users.

Each call builds a fresh ``WorkbenchRuntime`` for its user and a fresh block
instance, like one HTTP request does, and goes through ``runtime.handle`` so
the runtime saves fields exactly as it does when serving.
"""

import json

import webob
from workbench.runtime import WorkbenchRuntime

from tests.support.events import PublishedEvents


class WorkbenchCourse:
    """One block parsed into the workbench's store."""

    def __init__(self, xml):
        self.usage_id = WorkbenchRuntime("staff_author").parse_xml_string(xml)
        self.published = PublishedEvents()

    def block(self, user):
        """The block as ``user`` sees it (a fresh runtime, as in a new request)."""
        runtime = self.published.attach(WorkbenchRuntime(user))
        return runtime.get_block(self.usage_id)

    def raw(self, user, handler, body, method="POST"):
        """``(status, parsed JSON or None, response)`` for a request with a raw body."""
        block = self.block(user)
        request = webob.Request.blank("/", method=method, body=body if isinstance(body, bytes) else body.encode())
        request.content_type = "application/json"
        response = block.runtime.handle(block, handler, request)
        try:
            data = json.loads(response.body)
        except ValueError:
            data = None
        return response.status_code, data, response

    def call(self, user, handler, payload=None):
        """``(status, JSON answer)`` of a handler request with a JSON body."""
        status, data, _response = self.raw(user, handler, json.dumps(payload or {}))
        return status, data

    def ok(self, user, handler, payload=None):
        """The answer of a request that must succeed."""
        status, data = self.call(user, handler, payload)
        assert status == 200, (handler, user, status, data)
        return data
