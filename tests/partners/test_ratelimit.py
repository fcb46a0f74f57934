"""The window of a rate limit. That limits hold across processes is shown by
`tests/cms/test_scale_out.py`, with two gunicorn servers and one Redis."""

from partners import ratelimit


def test_retry_after_counts_to_the_end_of_the_window(monkeypatch):
    monkeypatch.setattr(ratelimit, "clock", lambda: 1_800_000_000.0 + 42.5)
    decision = ratelimit.rate_limit_hit("test", limit=1)
    assert decision.allowed
    assert decision.retry_after == 18
    assert not ratelimit.rate_limit_hit("test", limit=1).allowed
