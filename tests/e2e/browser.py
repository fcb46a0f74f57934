"""What the browser tests share: Debian's Chromium driven by Playwright. A test module sets
`pytestmark = REQUIRES_BROWSER`, so that it skips, saying why, where either is missing."""

import os
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / ".ci-artifacts"

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    expect = sync_playwright = None

REQUIRES_BROWSER = [
    pytest.mark.skipif(sync_playwright is None, reason="Playwright n'est pas installé"),
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM),
        reason=f"Chromium est absent ({CHROMIUM}) : apt-get install chromium",
    ),
]


@contextmanager
def chromium(monkeypatch):
    """A running Chromium. Playwright's sync API runs an event loop in this thread; the
    test's own database calls are synchronous and safe."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        try:
            yield browser
        finally:
            browser.close()


def admin_login(page, base: str, username: str, password: str | None = None) -> None:
    """Log in to the admin through its own form, as `username` (a demo account unless
    `password` is given), and wait for the dashboard."""
    if password is None:
        from home.demo.accounts import DEMO_PASSWORD as password
    page.context.clear_cookies()
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/admin/")
