"""Recording what a block publishes, while the runtime still handles it as usual."""


class PublishedEvents:
    """Wraps ``runtime.publish`` of runtimes created for a course and keeps every event."""

    def __init__(self):
        self.events = []

    def attach(self, runtime):
        original = runtime.publish

        def publish(block, event_type, event_data):
            self.events.append((event_type, event_data))
            return original(block, event_type, event_data)

        runtime.publish = publish
        return runtime

    def of_type(self, event_type):
        return [data for kind, data in self.events if kind == event_type]
