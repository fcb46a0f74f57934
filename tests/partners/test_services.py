from datetime import timedelta

from partners.services import retry_delay


def test_the_delay_doubles_after_each_failure(settings):
    settings.WEBHOOK_RETRY_SECONDS = 60
    assert [retry_delay(n) for n in (1, 2, 3, 4)] == [
        timedelta(minutes=1),
        timedelta(minutes=2),
        timedelta(minutes=4),
        timedelta(minutes=8),
    ]
