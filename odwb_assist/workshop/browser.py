"""Open HTML outputs in a real headless browser: console errors, key content, a screenshot.

Uses Playwright's Python API driving the system's Chromium (Debian's ``chromium`` package, which
``make`` installs where it is missing); Playwright's own browser download is never used. Both are
optional: :func:`browser_available` tells whether the check can run here.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.errors import OdwbError

CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "chrome")
# Flags for a sandboxed, offline machine: no background traffic, no GPU, no first-run UI.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]


@dataclass
class PageCheck:
    """What the browser saw on one page."""

    url: str
    title: str = ""
    console_errors: list[str] = field(default_factory=list)
    missing_texts: list[str] = field(default_factory=list)
    screenshot: Path | None = None

    @property
    def ok(self) -> bool:
        return not self.console_errors and not self.missing_texts


def _page_name(target: str) -> str:
    """A short file name for a page: the file's stem, or the URL's last path segment."""
    if target.startswith("http"):
        from urllib.parse import urlparse

        segments = [part for part in urlparse(target).path.split("/") if part]
        return segments[-1] if segments else "accueil"
    return Path(target).stem


def chromium_path() -> str | None:
    explicit = os.environ.get("ODWB_CHROMIUM")
    if explicit and Path(explicit).exists():
        return explicit
    for name in CHROMIUM_CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def browser_available() -> bool:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return chromium_path() is not None


def _console_listener(check: PageCheck) -> Callable[[Any], None]:
    def listen(message: Any) -> None:
        if message.type == "error":
            check.console_errors.append(message.text)

    return listen


def _error_listener(check: PageCheck) -> Callable[[Any], None]:
    def listen(error: Any) -> None:
        check.console_errors.append(str(error))

    return listen


def check_pages(
    pages: Sequence[tuple[str | Path, Iterable[str]]],
    screenshot_dir: Path | None = None,
    *,
    width: int = 1280,
    height: int = 900,
) -> list[PageCheck]:
    """Load each page (a file path or an URL) with the texts it must show; screenshot it when asked."""
    if not browser_available():
        raise OdwbError(
            "Le contrôle dans un navigateur demande Chromium et Playwright : installez-les avec "
            "« make setup » (apt-get install chromium ; pip install playwright).",
            "The browser check needs Chromium and Playwright: install them with 'make setup'.",
        )
    from playwright.sync_api import sync_playwright

    results: list[PageCheck] = []
    if screenshot_dir is not None:
        screenshot_dir.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": width, "height": height})
            for target, texts in pages:
                url = Path(target).resolve().as_uri() if not str(target).startswith("http") else str(target)
                check = PageCheck(url=url)
                page = context.new_page()
                page.on("console", _console_listener(check))
                page.on("pageerror", _error_listener(check))
                page.goto(url, wait_until="load")
                check.title = page.title()
                body = page.inner_text("body")
                check.missing_texts = [text for text in texts if text not in body]
                if screenshot_dir is not None:
                    shot = screenshot_dir / f"{len(results) + 1:02d}-{_page_name(str(target))}.png"
                    page.screenshot(path=str(shot), full_page=True)
                    check.screenshot = shot
                page.close()
                results.append(check)
        finally:
            browser.close()
    return results
