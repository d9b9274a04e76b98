"""The chat app in a real browser: headless Chromium driven by Playwright; screenshots go to test-artifacts/.

Skipped (with how to install it) when Chromium or Playwright is missing, unless QA_REQUIRE_BROWSER=1 (as in
.ci/run), which makes a missing browser a failure. QA_CHROMIUM points at another Chromium binary.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

from qa.corpus import load_corpus
from qa.settings import ROOT, Settings

try:
    from test_app_api import AppServer
except ImportError:  # pytest --import-mode=importlib does not put tests/ on sys.path
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from test_app_api import AppServer

pytestmark = [pytest.mark.browser, pytest.mark.server]

CHROMIUM = Path(os.environ.get("QA_CHROMIUM", "/usr/bin/chromium"))
REQUIRED = os.environ.get("QA_REQUIRE_BROWSER", "").strip().lower() not in ("", "0", "false", "no")
INSTALL_HINT = (
    "install Chromium with `sudo apt-get install -y chromium` (Debian/Ubuntu) or set QA_CHROMIUM to a "
    "Chromium binary; Playwright's browser download is not used"
)
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = ROOT / "test-artifacts"
TIMEOUT_MS = 60_000
# Finds the on-screen position of the first "[n]" in the latest answer (to click it like a user would).
MARKER_POSITION = """(root, n) => {
  const bots = root.querySelectorAll('[data-testid="bot"]');
  const last = bots[bots.length - 1];
  const walker = document.createTreeWalker(last, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const i = node.textContent.indexOf('[' + n + ']');
    if (i >= 0) {
      node.parentElement.scrollIntoView({ block: 'center' });
      const range = document.createRange();
      range.setStart(node, i + 1);
      range.setEnd(node, i + 2);
      const box = range.getBoundingClientRect();
      return [box.x + box.width / 2, box.y + box.height / 2];
    }
  }
  return null;
}"""


def browser_problem() -> str | None:
    """Why the browser test cannot run here, or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright's Python package is not installed (pip install -e '.[dev]')"
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        return f"Chromium was not found at {CHROMIUM}"
    return None


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium (the Debian package), or a skip / failure naming what is missing."""
    problem = browser_problem()
    if problem:
        if REQUIRED:
            pytest.fail(f"QA_REQUIRE_BROWSER is set but {problem}; {INSTALL_HINT}", pytrace=False)
        pytest.skip(f"browser test skipped: {problem}; {INSTALL_HINT}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def server(browser, settings, tmp_path_factory):
    """The app on a free loopback port (started only when a browser is available)."""
    app = AppServer(settings.index_dir, tmp_path_factory.mktemp("app-browser") / "app.log")
    yield app
    app.stop()


@pytest.fixture
def page(browser, server):
    """A fresh page on the app; fails the test on any JavaScript error."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(server.url)
    page.locator("#question textarea").wait_for()
    yield page
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def ask(page, text: str, count: int):
    """Type `text`, press Enter and return the latest answer once `count` answers are shown."""
    box = page.locator("#question textarea")
    box.fill(text)
    box.press("Enter")
    return wait_answers(page, count)


def wait_answers(page, count: int):
    """The latest bot message, once there are `count` of them and nothing is pending."""
    bots = page.locator('#chat [data-testid="bot"]')
    page.wait_for_function(
        "n => document.querySelectorAll('#chat [data-testid=\"bot\"]').length >= n",
        arg=count,
        timeout=TIMEOUT_MS,
    )
    return bots.nth(count - 1)


def shot(page, name: str) -> Path:
    """Save a full-page screenshot to test-artifacts/."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=True)
    return path


def test_chat_answers_with_citations_sources_follow_ups_and_examples(page, server):
    from playwright.sync_api import expect

    expect(page).to_have_title(re.compile("Evidence QA"))
    panel = page.locator("#sources-panel")
    expect(panel).to_contain_text("Ask a question")

    # a question typed and sent with Enter: cited answer, evidence level, DOI links, sources panel filled
    answer = ask(page, "Is there evidence for tocilizumab in adults with CNO?", 1)
    expect(answer).to_contain_text(re.compile(r"\[1\]"))
    expect(answer).to_contain_text("Level of evidence")
    expect(answer).to_contain_text("References")
    assert answer.locator('a[href^="https://doi.org/"]').count() >= 1
    expect(panel).to_contain_text("For: Is there evidence for tocilizumab in adults with CNO?")
    expect(panel.locator("h4").first).to_contain_text("[1]")
    assert panel.locator("blockquote").count() >= 1
    assert panel.locator("mark").count() >= 3  # the question's words are highlighted
    marked = {m.lower() for m in panel.locator("mark").all_inner_texts()}
    assert "tocilizumab" in marked

    # clicking a marker brings its source into view in the panel
    flashed = panel.locator(".source-flash")
    for _ in range(3):  # Gradio may re-render the message right after it lands: locate the marker again
        position = page.locator("#chat").evaluate(MARKER_POSITION, 2)
        assert position, "no [2] marker in the answer"
        page.mouse.click(*position)
        try:
            expect(flashed).to_have_count(1, timeout=2000)
            break
        except AssertionError:
            continue
    expect(flashed).to_have_count(1)
    expect(flashed).to_contain_text("[2]")
    shot(page, "browser-chat-answer.png")

    # a follow-up is completed from the conversation and says which question it answered
    follow = ask(page, "and in children?", 2)
    expect(follow).to_contain_text("Answering: Is there evidence for tocilizumab in children with CNO?")
    expect(follow).to_contain_text(re.compile(r"\[1\]"))
    expect(panel).to_contain_text("For: Is there evidence for tocilizumab in children with CNO?")
    expect(panel).to_contain_text("pediatric")

    # an example question, clicked, is asked at once
    example = "What dose of tocilizumab was used?"
    page.locator("#examples").get_by_text(example, exact=True).click()
    dose = wait_answers(page, 3)
    expect(page.locator('#chat [data-testid="user"]').last).to_contain_text(example)
    expect(dose).to_contain_text("mg/kg")
    expect(panel).to_contain_text(f"For: {example}")

    # insufficient evidence looks different: a notice, no citations, no references
    notice = ask(page, "What is the best insulin regimen for type 2 diabetes?", 4)
    expect(notice.locator("blockquote")).to_contain_text("Insufficient evidence")
    expect(notice).not_to_contain_text("References")
    expect(notice).not_to_contain_text("[1]")
    expect(panel).to_contain_text("No sources cited")

    # bad input gets a friendly message and the app keeps serving
    expect(ask(page, "🙂🙂🙂", 5)).to_contain_text("Please check your question")
    expect(ask(page, "?" * 5000, 6)).to_contain_text("too long")
    expect(ask(page, "   ", 7)).to_contain_text("empty")
    expect(ask(page, "Did any patient get worse on tocilizumab?", 8)).to_contain_text(re.compile(r"\[1\]"))
    assert "Traceback" not in page.content()
    assert "Traceback" not in server.log()
    shot(page, "browser-chat.png")

    # a new chat forgets the conversation
    page.get_by_role("button", name="New chat").click()
    expect(page.locator('#chat [data-testid="bot"]')).to_have_count(0)
    expect(panel).to_contain_text("Ask a question")


def test_evidence_tab_lists_every_source_and_sorts(page):
    from playwright.sync_api import expect

    sources = load_corpus(Settings.from_env().corpus_dir)
    page.get_by_role("tab", name="Evidence").click()
    table = page.locator("#evidence-table")
    rows = table.locator(".virtual-row")
    expect(rows).to_have_count(len(sources))
    for source in sources:
        expect(table).to_contain_text(source.short_name)
        if source.doi:
            expect(rows.locator(f'a[href="https://doi.org/{source.doi}"]')).to_have_count(1)
    for header in (
        "Study",
        "Design",
        "N",
        "Population",
        "Conditions",
        "On tocilizumab",
        "Tocilizumab outcome",
        "DOI",
    ):
        expect(table.locator(f'thead th[title="{header}"]')).to_have_count(1)

    def years() -> list[str]:
        return rows.evaluate_all(
            "(rows) => rows.map(r => r.querySelectorAll('[role=gridcell], td')[1].innerText.trim())"
        )

    year = table.locator('thead th[title="Year"]')
    year.click()
    year.locator("button.cell-menu-button").click()
    page.get_by_role("menuitem", name="Sort descending").click()
    shown = [int(y) for y in years() if y]
    assert shown == sorted((s.year for s in sources if s.year), reverse=True)
    shot(page, "browser-evidence.png")
