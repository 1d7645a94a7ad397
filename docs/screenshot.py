"""Take a screenshot of an HTML page of argmap's in headless Chromium (run by `make docs`).

Usage: python docs/screenshot.py PAGE.html OUT.png [--select ID]

The page is opened from its file, with the browser that the tests use
(``tests/chromium.py``: no network, a fresh profile), in a window of 1400 × 860; with
``--select`` the statement ID is clicked first, so that the details panel shows it.
The PNG is not byte-stable from one run to the next, so no test compares it.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from chromium import BrowserMissing, start  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--select", metavar="ID", help="click this statement in the outline first")
    args = parser.parse_args()
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    with tempfile.TemporaryDirectory(prefix="argmap-screenshot-") as profile:
        try:
            driver = start(Path(profile), width=1400, height=860, logs=False)
        except BrowserMissing as exc:
            raise SystemExit(f"screenshot.py: {exc}")
        try:
            driver.get(args.page.resolve().as_uri())
            WebDriverWait(driver, 30).until(lambda d: d.execute_script("return document.documentElement.dataset.ready"))
            if args.select:
                entry = driver.find_element(
                    By.CSS_SELECTOR, f'#am-outline li[data-id="{args.select}"][data-kind="statement"] .am-head')
                driver.execute_script("arguments[0].click()", entry)
            driver.execute_script("document.activeElement.blur()")
            if not driver.save_screenshot(str(args.out)):
                raise SystemExit(f"screenshot.py: could not write {args.out}")
        finally:
            driver.quit()
    print(f"screenshot.py: wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
