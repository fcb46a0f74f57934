import io
import json
import logging

import pytest
import structlog


@pytest.fixture
def log_lines():
    """The lines the configured handler would write during the test, parsed as JSON, at
    INFO (the tests' LOG_LEVEL is WARNING): returns a function that reads them so far."""
    root = logging.getLogger()
    [configured] = [
        handler
        for handler in root.handlers
        if isinstance(handler.formatter, structlog.stdlib.ProcessorFormatter)
    ]
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(configured.formatter)
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
