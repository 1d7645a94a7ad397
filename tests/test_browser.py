"""The HTML page in a real browser: headless Chromium driven by Selenium.

One browser serves the whole module (it takes a second or two to start). Each map of
arguments/ and a hostile map are rendered once to pages in a temporary folder and
opened from ``file://`` URLs: every statement is in the outline, clicking the thesis
explains it as `argmap evaluate --explain` does, the search hides what does not
match, focus zooms the diagram onto a statement and what is under it, nothing is
logged as an error, and nothing is requested but the page itself. The hostile map's
texts show as text and run nothing. Chromium and chromedriver must be installed
(`make test` installs them): without them these tests fail, they do not skip.

A screenshot of the flagship page is written to ``$ARGMAP_TEST_ARTIFACTS`` (default:
``test-artifacts/`` in the repository).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.cli import app
from argmap.textsafe import visible
from chromium import BrowserMissing, start
from conftest import REPO
from test_html_page import LONG_ID, hostile_map

MAPS = sorted((REPO / "arguments").glob("*.yaml"))
FLAGSHIP = REPO / "arguments" / "beijing-parade.yaml"
ERRORS = ("window.__errors = 0; window.addEventListener('error', () => { window.__errors += 1; }); "
          "window.addEventListener('unhandledrejection', () => { window.__errors += 1; });")
"""Counts the page's uncaught errors from before its first script runs (injected through DevTools)."""


def browser_or_fail(profile: Path):
    """A new browser, or the test fails (never skips) saying how to install one."""
    try:
        return start(profile)
    except BrowserMissing as exc:
        pytest.fail(str(exc), pytrace=False)


def test_without_chromium_the_tests_fail_and_say_to_run_make_test(monkeypatch, tmp_path):
    import chromium

    for setting in ("CHROMIUM", "CHROMEDRIVER"):
        with monkeypatch.context() as patch:
            patch.setattr(chromium, setting, (str(tmp_path / "nowhere"),))
            with pytest.raises(pytest.fail.Exception, match="run `make test`, which installs them"):
                browser_or_fail(tmp_path)


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    browser = browser_or_fail(tmp_path_factory.mktemp("chromium-profile"))
    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": ERRORS})
    browser.get("about:blank")  # leave the new-tab page, which loads Chromium's own resources
    yield browser
    browser.quit()


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """Each map's page as a file (the hostile map's under the key ``"hostile"``), rendered once."""
    folder = tmp_path_factory.mktemp("pages")
    runner = CliRunner()
    paths = {path.stem: path for path in MAPS}
    paths["hostile"] = hostile_map(folder)
    found = {}
    for name, path in paths.items():
        out = folder / f"{name}.html"
        result = runner.invoke(app, ["render", str(path), "-o", str(out)])
        assert result.exit_code == 0, result.output
        found[name] = (path, out)
    return found


def open_page(driver, page: Path) -> None:
    """Open ``page`` and wait until its script says it is ready; the logs start empty."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get("about:blank")
    driver.get_log("browser")
    driver.get_log("performance")
    driver.get(page.as_uri())
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.documentElement.dataset.ready"))


def view_box(driver) -> list[float]:
    return [float(v) for v in driver.execute_script(
        "return document.querySelector('#am-diagram svg').getAttribute('viewBox')").split()]


def explanation_lines(path: Path, item: str) -> list[str]:
    """The heading and the first step of `argmap evaluate PATH --explain ITEM`."""
    printed = CliRunner().invoke(app, ["evaluate", str(path), "--explain", item]).stdout.splitlines()
    start_at = next(index for index, line in enumerate(printed) if line.startswith("Why `"))
    return [printed[start_at], printed[start_at + 1].strip()]


def assert_quiet_and_offline(driver, page: Path) -> None:
    """No error was logged or thrown, and nothing but the page itself (or a data: URL) was requested."""
    severe = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    assert not severe, severe
    assert driver.execute_script("return window.__errors") == 0
    requested = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            requested.append(message["params"]["request"]["url"])
    assert page.as_uri() in requested
    assert all(url == page.as_uri() or url.startswith("data:") for url in requested), requested
    assert driver.execute_script("return performance.getEntriesByType('resource').length") == 0


NAMES = [path.stem for path in MAPS] + ["hostile"]


@pytest.mark.parametrize("name", NAMES)
def test_page_shows_every_statement_explains_searches_and_focuses(driver, pages, name):
    from selenium.webdriver.common.by import By

    path, page = pages[name]
    open_page(driver, page)
    data = json.loads(driver.execute_script("return document.getElementById('argmap-data').textContent"))
    shown = driver.execute_script(
        "return [...document.querySelectorAll('[role=treeitem][data-kind=statement]')]"
        ".filter(li => li.offsetParent !== null).map(li => li.dataset.id)")
    assert set(shown) == set(data["statements"])

    # Clicking the thesis in the outline shows its details and its explanation.
    thesis = data["thesis"]
    driver.find_element(By.CSS_SELECTOR, "#am-tree > li > .am-row .am-head").click()
    heading, first_step = explanation_lines(path, thesis)
    assert driver.find_element(By.CSS_SELECTOR, "#am-details .am-why").text == heading
    assert driver.find_element(By.CSS_SELECTOR, "#am-details .am-step").text == first_step
    assert driver.find_element(By.CSS_SELECTOR, "#am-details .am-d-text").text.split() == \
        visible(data["statements"][thesis]["text"]).split()

    # Clicking a node of the diagram shows that statement.
    other = next(item for item in data["statements"] if item != thesis)
    driver.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))",
                          driver.find_element(By.CSS_SELECTOR, f'#am-diagram g.am-node[data-id="{other}"]'))
    assert driver.find_element(By.CSS_SELECTOR, "#am-details h2 code").text == other
    assert driver.execute_script(
        "return document.querySelector('[aria-selected=true]').dataset.id") == other

    # The search hides what does not match (and is not above a match), and marks the matching nodes.
    query = other
    search = driver.find_element(By.ID, "am-search")
    search.send_keys(query)
    search.send_keys("\n")
    entries = driver.execute_script(
        "return [...document.querySelectorAll('[role=treeitem]')].map(li => [li.dataset.id, li.dataset.kind, "
        "li.offsetParent !== null, li.querySelector('.am-hit') !== null || li.classList.contains('am-hit')])")
    hits = {item for item, entry in data["statements"].items()
            if query.lower() in "\n".join([item, entry["text"], entry.get("source", ""), entry.get("by", ""),
                                           " ".join(entry.get("tags", [])), entry.get("quote", ""),
                                           entry.get("note", "")]).lower()}
    assert other in hits
    for item, kind, displayed, holds_hit in entries:
        if kind == "statement" and item in hits:
            assert displayed, item
        elif not holds_hit:
            assert not displayed, (item, kind)
    assert any(not displayed for *_, displayed, _ in entries)
    marked = driver.execute_script("return [...document.querySelectorAll('#am-diagram .am-hit')]"
                                   ".map(g => g.dataset.id)")
    assert set(marked) == {item for item in hits if item in data["statements"]}
    search.send_keys("\ue00c")  # Escape clears the search
    assert all(driver.execute_script("return [...document.querySelectorAll('[role=treeitem]')]"
                                     ".map(li => li.offsetParent !== null)"))

    # Focus zooms the diagram onto a statement and what is under it.
    target = driver.execute_script(
        "const all = [...document.querySelectorAll('#am-tree li[data-kind=statement][aria-expanded]')];"
        "return (all.find(li => li.parentElement.closest('[role=treeitem]')) || all[0] || "
        "document.querySelector('#am-tree li')).dataset.id")
    driver.execute_script("arguments[0].click()",
                          driver.find_element(By.CSS_SELECTOR, f'#am-tree li[data-id="{target}"] .am-head'))
    before = view_box(driver)
    driver.find_element(By.CSS_SELECTOR, "#am-details .am-focus").click()
    after = view_box(driver)
    assert after != before
    inside = driver.execute_script(
        "const node = document.querySelector(`#am-diagram g.am-node[data-id='${arguments[0]}']`)"
        ".getBoundingClientRect();"
        "const pane = document.getElementById('am-diagram').getBoundingClientRect();"
        "return node.left >= pane.left - 1 && node.right <= pane.right + 1 && node.top >= pane.top - 1 && "
        "node.bottom <= pane.bottom + 1", target)
    assert inside
    assert driver.execute_script("return document.querySelectorAll('#am-diagram .am-in-focus').length") >= 1
    driver.find_element(By.ID, "am-reset").click()
    assert view_box(driver) == before

    assert_quiet_and_offline(driver, page)


def test_clicking_an_argument_entry_shows_its_scheme_and_open_questions(driver, pages):
    from selenium.webdriver.common.by import By

    from argmap.checker import check_file
    from argmap.schemes import open_questions

    path, page = pages["beijing-parade"]
    ctx = check_file(path).context
    asks = [q.ask for q in open_questions(ctx, "staged-spectacle")]
    assert asks
    open_page(driver, page)
    driver.find_element(By.CSS_SELECTOR, '#am-tree li[data-kind=together][data-id="staged-spectacle"] .am-head').click()
    assert driver.find_element(By.CSS_SELECTOR, "#am-details h2 code").text == "staged-spectacle"
    fields = driver.execute_script("return [...document.querySelectorAll('#am-details dt')].map(dt => "
                                   "[dt.textContent, dt.nextElementSibling.textContent])")
    assert ["Scheme", "Argument from sign (sign)"] in fields
    assert driver.find_element(By.CSS_SELECTOR, "#am-details .am-questions-heading").text == "Open questions"
    shown = [li.text for li in driver.find_elements(By.CSS_SELECTOR, "#am-details .am-questions.am-open > li")]
    assert shown == asks
    assert not driver.find_elements(By.CSS_SELECTOR, "#am-details .am-answered")  # the flagship answers none
    assert_quiet_and_offline(driver, page)


def test_hostile_texts_show_as_text_and_run_nothing(driver, pages):
    path, page = pages["hostile"]
    open_page(driver, page)
    assert driver.execute_script("return document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert driver.execute_script("return typeof window.__pwned") == "undefined"
    assert driver.execute_script("return document.scripts.length") == 2
    data = json.loads(driver.execute_script("return document.getElementById('argmap-data').textContent"))
    from selenium.webdriver.common.by import By

    outline = driver.find_element(By.ID, "am-outline").text
    for item, entry in data["statements"].items():
        for word in entry["text"].split():
            assert word in outline, (item, word)
    for text in ("</script><script>window.__pwned=1</script>", "<img src=x onerror=window.__pwned=1>",
                 "source: javascript:alert(1)", "\\u202eevil", "<!-- comment -->", "]]>", "\"double\" 'single'"):
        assert text in outline, text
    assert driver.title == visible(data["title"])
    for item in data["statements"]:  # every statement's details open, the JavaScript-owned ids included
        driver.execute_script("arguments[0].click()", driver.find_element(
            By.CSS_SELECTOR, f'#am-outline li[data-id="{item}"][data-kind="statement"] .am-head'))
        assert driver.find_element(By.CSS_SELECTOR, "#am-details h2 code").text == item
        assert driver.find_element(By.CSS_SELECTOR, "#am-details .am-d-text").text.split() == \
            data["statements"][item]["text"].split()
    long_node = driver.find_element(By.CSS_SELECTOR, f'#am-diagram g.am-node[data-id="{LONG_ID}"]')
    driver.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", long_node)
    assert driver.find_element(By.CSS_SELECTOR, "#am-details h2 code").text == LONG_ID  # drawn under another name
    assert driver.execute_script("return typeof window.__pwned") == "undefined"
    assert_quiet_and_offline(driver, page)


def test_zoom_and_pan_by_wheel_drag_pinch_and_keys(driver, pages):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.actions.wheel_input import ScrollOrigin
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    _, page = pages["beijing-parade"]
    open_page(driver, page)
    pane = driver.find_element(By.ID, "am-diagram")
    home = view_box(driver)

    ActionChains(driver).scroll_from_origin(ScrollOrigin.from_element(pane), 0, -300).perform()
    wheeled = view_box(driver)
    assert wheeled[2] < home[2] * 0.9  # zoomed in

    ActionChains(driver).move_to_element(pane).click_and_hold().move_by_offset(120, 60).release().perform()
    dragged = view_box(driver)
    assert dragged[0] < wheeled[0] and dragged[1] < wheeled[1] and dragged[2] == pytest.approx(wheeled[2])

    rect = driver.execute_script("const r = arguments[0].getBoundingClientRect(); "
                                 "return [r.left + r.width / 2, r.top + r.height / 2]", pane)

    def touch(kind: str, points: list[tuple[float, float]]) -> None:
        driver.execute_cdp_cmd("Input.dispatchTouchEvent", {
            "type": kind, "touchPoints": [{"x": x, "y": y, "id": i} for i, (x, y) in enumerate(points)]})

    x, y = rect
    touch("touchStart", [(x - 40, y), (x + 40, y)])
    for step in range(1, 5):
        touch("touchMove", [(x - 40 - 20 * step, y), (x + 40 + 20 * step, y)])
    touch("touchEnd", [])
    pinched = view_box(driver)
    assert pinched[2] < dragged[2] * 0.6  # the fingers spread 2x: zoomed in about that much

    pane.send_keys("0")
    assert view_box(driver) == home
    pane.send_keys("+")
    assert view_box(driver)[2] == pytest.approx(home[2] / 1.25)
    pane.send_keys(Keys.ARROW_RIGHT)
    assert view_box(driver)[0] > home[0]
    pane.send_keys("-")
    pane.send_keys("-")
    assert view_box(driver)[2] > home[2]
    pane.send_keys("0")
    assert view_box(driver) == home
    assert_quiet_and_offline(driver, page)


def test_the_outline_is_a_tree_a_keyboard_walks(driver, pages):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    _, page = pages["beijing-parade"]
    open_page(driver, page)
    active = "return [document.activeElement.dataset.id, document.activeElement.getAttribute('aria-expanded')]"
    first = driver.find_element(By.CSS_SELECTOR, "#am-tree > li")
    assert first.get_attribute("role") == "treeitem" and first.get_attribute("tabindex") == "0"
    assert driver.find_element(By.ID, "am-tree").get_attribute("role") == "tree"
    assert first.find_element(By.XPATH, "./ul").get_attribute("role") == "group"
    first.send_keys(Keys.ARROW_DOWN)
    second = driver.execute_script(active)[0]
    assert second == driver.find_element(By.CSS_SELECTOR, "#am-tree > li > ul > li").get_attribute("data-id")
    assert driver.execute_script("return document.activeElement.tabIndex") == 0
    assert first.get_attribute("tabindex") == "-1"  # one tab stop: the entry with focus
    assert driver.execute_script(active) == [second, "true"]
    driver.switch_to.active_element.send_keys(Keys.ARROW_LEFT)  # an open entry closes
    assert driver.execute_script(active) == [second, "false"]
    driver.switch_to.active_element.send_keys(Keys.ARROW_RIGHT)  # and opens again
    assert driver.execute_script(active) == [second, "true"]
    driver.switch_to.active_element.send_keys(Keys.ARROW_LEFT)
    driver.switch_to.active_element.send_keys(Keys.ARROW_LEFT)  # a closed one goes to its parent
    assert driver.execute_script(active) == [first.get_attribute("data-id"), "true"]
    driver.switch_to.active_element.send_keys(Keys.ARROW_LEFT)  # which closes
    assert first.get_attribute("aria-expanded") == "false"
    assert not driver.find_element(By.CSS_SELECTOR, "#am-tree > li > ul > li").is_displayed()
    driver.switch_to.active_element.send_keys(Keys.ARROW_RIGHT)  # expand it again
    assert first.get_attribute("aria-expanded") == "true"
    driver.switch_to.active_element.send_keys(Keys.ARROW_RIGHT)  # into its first child
    assert driver.execute_script(active)[0] == second
    driver.switch_to.active_element.send_keys(Keys.ENTER)
    assert driver.find_element(By.CSS_SELECTOR, "#am-details h2 code").text == second
    assert driver.find_element(By.ID, "am-details").get_attribute("aria-live") == "polite"
    driver.switch_to.active_element.send_keys(Keys.END)
    last = driver.execute_script("const all = [...document.querySelectorAll('#am-tree [role=treeitem]')]"
                                 ".filter(li => li.offsetParent !== null); return all[all.length - 1].dataset.id")
    assert driver.execute_script(active)[0] == last
    assert_quiet_and_offline(driver, page)


def test_dark_scheme_and_print(driver, pages):
    from selenium.webdriver.common.by import By

    _, page = pages["beijing-parade"]
    open_page(driver, page)
    background = "return getComputedStyle(document.body).backgroundColor"
    try:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
            "features": [{"name": "prefers-color-scheme", "value": "light"}]})
        light = driver.execute_script(background)
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
            "features": [{"name": "prefers-color-scheme", "value": "dark"}]})
        dark = driver.execute_script(background)
        assert light == "rgb(255, 255, 255)" and dark != light
        assert driver.execute_script("return getComputedStyle(document.querySelector('#am-diagram svg')).filter") \
            != "none"  # the diagram, drawn on white, is turned dark

        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print", "features": []})
        assert not driver.find_element(By.CSS_SELECTOR, ".am-diagram-pane").is_displayed()
        assert not driver.find_element(By.ID, "am-details").is_displayed()  # nothing selected: nothing to print
        first = driver.find_element(By.CSS_SELECTOR, "#am-tree > li")
        driver.execute_script("arguments[0].setAttribute('aria-expanded', 'false')", first)
        assert driver.find_element(By.CSS_SELECTOR, "#am-tree > li > ul > li").is_displayed()  # printed expanded
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "", "features": []})
        driver.find_element(By.CSS_SELECTOR, "#am-tree > li > .am-row .am-head").click()
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print", "features": []})
        assert driver.find_element(By.ID, "am-details").is_displayed()  # the details of what is selected print
        printed = driver.execute_cdp_cmd("Page.printToPDF", {})["data"]
        assert len(printed) > 1000
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "", "features": []})
    assert_quiet_and_offline(driver, page)


def test_screenshot_of_the_flagship_page(driver, pages):
    _, page = pages["beijing-parade"]
    open_page(driver, page)
    folder = Path(os.environ.get("ARGMAP_TEST_ARTIFACTS") or REPO / "test-artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    shot = folder / "beijing-parade-page.png"
    assert driver.save_screenshot(str(shot))
    content = shot.read_bytes()
    assert content.startswith(b"\x89PNG\r\n\x1a\n") and len(content) > 10_000
    assert_quiet_and_offline(driver, page)
