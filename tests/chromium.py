"""Headless Chromium under Selenium, for the browser tests and `docs/screenshot.py`.

The browser is started so that it can reach nothing: every host name resolves to
nothing (``--host-resolver-rules``), and the background services that would call
home (component updates, sync, networking at start-up) are off. Its profile is a
fresh folder the caller gives.
"""

from __future__ import annotations

import shutil
from pathlib import Path

CHROMIUM = ("/usr/bin/chromium", "chromium", "chromium-browser")
CHROMEDRIVER = ("/usr/bin/chromedriver", "chromedriver")
MISSING = ("headless Chromium and chromedriver are needed for this: run `make test`, which installs them "
           "(Debian/Ubuntu packages chromium and chromium-driver), or install them yourself")
FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", '--host-resolver-rules=MAP * ~NOTFOUND',
)


class BrowserMissing(RuntimeError):
    """Chromium or its driver is not installed."""


def program(names: tuple[str, ...]) -> str | None:
    """The first of ``names`` that is an executable (a path, or a name on PATH)."""
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    return None


def start(profile: Path, width: int = 1400, height: int = 900, logs: bool = True, dark: bool = False):
    """A new headless Chromium driven by Selenium, with its profile in ``profile``.

    With ``logs`` the browser's console (``driver.get_log("browser")``) and its
    network events (``driver.get_log("performance")``) are recorded. Raises
    :class:`BrowserMissing` when Chromium or chromedriver is not installed.
    """
    binary, driver_path = program(CHROMIUM), program(CHROMEDRIVER)
    if binary is None or driver_path is None:
        raise BrowserMissing(f"{'chromium' if binary is None else 'chromedriver'} not found: {MISSING}")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument(f"--window-size={width},{height}")
    if dark:
        options.add_argument("--force-dark-mode")
        options.add_argument("--blink-settings=preferredColorScheme=0")
    if logs:
        options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    return webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
