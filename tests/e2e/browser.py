"""Debian's Chromium driven by Playwright, shared by the browser tests: they skip
themselves, saying why, where either is missing."""

import os

import pytest

CHROMIUM = "/usr/bin/chromium"

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None

REQUIRES_CHROMIUM = [
    pytest.mark.skipif(sync_playwright is None, reason="Playwright n'est pas installé"),
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM),
        reason=f"Chromium est absent ({CHROMIUM}) : apt-get install chromium",
    ),
]


def launch_chromium(playwright):
    return playwright.chromium.launch(
        executable_path=CHROMIUM,
        args=[
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    )
