"""`python -m tools.workspace_screenshot`: the README's picture of the coding screen.

Loads the example study's sample into a temporary database, serves round 3, signs in as alice
in Debian's Chromium (Playwright), picks two codes with the keyboard and saves a PNG of the
screen to docs/images/workspace-coding-screen.png.
"""

from __future__ import annotations

import socket
import tempfile
import threading
import time
from pathlib import Path

import uvicorn
from typer.testing import CliRunner

from studykit.cli import app
from studykit.study import Study
from studykit.workspace.serve import prepare

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data" / "example"
TARGET = ROOT / "docs" / "images" / "workspace-coding-screen.png"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def main() -> None:
    """Write the screenshot."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'study.sqlite'}"
        for step in (["mine", "--replay", str(EXAMPLE / "archive")], ["sample"]):
            result = CliRunner().invoke(
                app, [*step, "--study", str(EXAMPLE / "study.toml"), "--db", url]
            )
            assert result.exit_code == 0, result.output
        study = Study.open(EXAMPLE / "study.toml", db=url)
        served = prepare(study, round="3")
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = uvicorn.Server(
            uvicorn.Config(served.app, port=port, log_level="warning", access_log=False)
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
            )
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(f"http://127.0.0.1:{port}/signin?token={served.tokens['alice']}")
            page.goto(f"http://127.0.0.1:{port}/items/7")
            for key in ("1", "6", "2", "Tab"):
                page.keyboard.press(key)
            page.wait_for_function("document.querySelector('#status').textContent.includes('✓')")
            page.hover("fieldset.dimension.active label.code >> nth=2")
            page.screenshot(path=str(TARGET))
            browser.close()
        server.should_exit = True
        thread.join()
        study.close()
    print(f"wrote {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
