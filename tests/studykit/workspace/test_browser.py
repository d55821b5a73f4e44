"""The workspace in a real browser (Debian's Chromium driven by Playwright): coding with the
keyboard only lands in `codings` as typed and `studykit agree` measures it; a rater's browser
shows no other rater's codes or notes until the close, then the disagreements with both, where
the raters record consensus; a hostile issue body stays inert; a closed round refuses the
browser's writes."""

from __future__ import annotations

import json
import random

import pandas as pd
import pytest
from sklearn.metrics import cohen_kappa_score
from typer.testing import CliRunner

from coding.codebook import Codebook, Dimension
from studykit.cli import app
from studykit.db import schema
from studykit.study import Study
from studykit.workspace.serve import Served
from studykit.workspace.store import close_round, save_codes, save_mark
from tests.support.paths import EXAMPLE
from tests.support.workspace import chromium, running, serve_round

ITEMS = 20
HOSTILE = (
    "Crash report\n\n<script>window.pwned = 'script'</script>\n\n"
    '<img src="x" onerror="window.pwned = \'onerror\'">\n\n'
    "<svg onload=\"window.pwned = 'svg'\"></svg>\n\n"
    "[a link](javascript:window.pwned='markdown-link')\n\n"
    "<a href=\"javascript:window.pwned='html-link'\">click me</a>\n"
)


@pytest.fixture(scope="module")
def served(study: Study) -> Served:
    return serve_round(study, "3")


def _digit_keys(number: int, count: int) -> list[str]:
    """Keys that pick code `number` of a dimension of `count` codes, as the help page says."""
    keys = list(str(number))
    return [*keys, "Enter"] if len(keys) == 1 and number * 10 <= count else keys


def _choices(
    codebook: Codebook, rng: random.Random, like: dict[str, list[int]] | None
) -> dict[str, list[int]]:
    """Code numbers (1-based) per dimension: mostly `like`'s, sometimes others."""
    chosen: dict[str, list[int]] = {}
    for dim in codebook.dimensions:
        if like is not None and rng.random() < 0.6:
            chosen[dim.name] = like[dim.name]
            continue
        count = len(dim.codes)
        many = rng.choice([1, 2]) if dim.multi_label else 1
        chosen[dim.name] = sorted(rng.sample(range(1, count + 1), many))
    return chosen


def _keys(codebook: Codebook, chosen: dict[str, list[int]]) -> list[str]:
    keys: list[str] = []
    for dim in codebook.dimensions:
        for number in chosen[dim.name]:
            keys += _digit_keys(number, len(dim.codes))
        if dim.multi_label:
            keys.append("Tab")
    return keys


def _code(dim: Dimension, number: int) -> str:
    return dim.codes[number - 1].code


def _code_by_keyboard(page: object, base: str, keys_per_item: list[list[str]]) -> None:
    for position, keys in enumerate(keys_per_item, start=1):
        page.wait_for_url(f"{base}/items/{position}")  # type: ignore[attr-defined]
        for key in keys:
            page.keyboard.press(key)  # type: ignore[attr-defined]
        page.keyboard.press("j")  # type: ignore[attr-defined]
    page.wait_for_url(f"{base}/items/{len(keys_per_item) + 1}")  # type: ignore[attr-defined]


def test_two_raters_code_with_the_keyboard_and_agree_measures_what_they_typed(
    study: Study, served: Served
) -> None:
    codebook = served.round.codebook
    rng = random.Random(13)
    alice = [_choices(codebook, rng, None) for _ in range(ITEMS)]
    bob = [_choices(codebook, rng, a) for a in alice]
    with running(served) as base, chromium() as browser:
        for person, typed in (("alice", alice), ("bob", bob)):
            page = browser.new_page()
            page.goto(f"{base}/signin?token={served.tokens[person]}")
            page.keyboard.press("?")
            assert page.locator("#help").is_visible()
            page.keyboard.press("?")
            _code_by_keyboard(page, base, [_keys(codebook, c) for c in typed])
            page.close()

    items = served.round.items[:ITEMS]
    expected = {
        (item, person, dim.name, _code(dim, n))
        for person, typed in (("alice", alice), ("bob", bob))
        for item, chosen in zip(items, typed, strict=True)
        for dim in codebook.dimensions
        for n in chosen[dim.name]
    }
    stored = study.db.read("codings")
    stored = stored[stored["round"] == "3"]
    assert (
        set(
            zip(
                stored["item_id"], stored["rater"], stored["dimension"], stored["code"], strict=True
            )
        )
        == expected
    )
    assert set(stored["source"]) == {"workspace"}
    assert set(stored["codebook"]) == {codebook.content_hash}

    result = CliRunner().invoke(
        app,
        ["agree", "--study", str(EXAMPLE / "study.toml"), "--db", str(study.db.url),
         "--round", "3", "--format", "json", "--n-boot", "50"],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    table = pd.DataFrame(json.loads(result.stdout))
    for dim in codebook.dimensions:
        if dim.multi_label:
            continue
        a = [_code(dim, c[dim.name][0]) for c in alice]
        b = [_code(dim, c[dim.name][0]) for c in bob]
        rows = table[(table["dimension"] == dim.name) & (table["variant"].isin(["unweighted"]))]
        percent = rows[rows["coefficient"] == "percent_agreement"]["estimate"].item()
        kappa = rows[rows["coefficient"] == "cohen_kappa"]["estimate"].item()
        assert percent == pytest.approx(sum(x == y for x, y in zip(a, b, strict=True)) / ITEMS)
        assert kappa == pytest.approx(cohen_kappa_score(a, b))


def test_a_raters_browser_shows_no_other_raters_codes_until_the_close(study: Study) -> None:
    served = serve_round(study, "14")
    first = served.round.items[0]
    secret = "bob-private-note-93c1"
    save_codes(served.round, "bob", first, "defect_type", ["env_version"])
    save_codes(served.round, "bob", first, "symptom", ["crash"])
    save_mark(served.round, "bob", first, note=secret, unsure=True)
    save_codes(served.round, "alice", first, "defect_type", ["env_api"])
    with running(served) as base, chromium() as browser:
        page = browser.new_page()
        page.goto(f"{base}/signin?token={served.tokens['alice']}")
        page.goto(f"{base}/items/1")
        checked = page.locator("input:checked")
        assert [checked.nth(n).get_attribute("value") for n in range(checked.count())] == [
            "env_api"
        ]
        answer = page.evaluate("fetch('/api/items/1').then(r => r.json())")
        assert answer["codes"] == {"defect_type": ["env_api"]} and answer["note"] == ""
        assert answer["unsure"] is False
        for path in ("/items/1", "/queue", "/queue?show=notes", "/queue?show=unsure"):
            assert page.goto(f"{base}{path}").status == 200, path
            assert secret not in page.content(), path
        assert page.goto(f"{base}/disagreements").status == 403
        assert secret not in page.content() and page.locator("tr.disagreement").count() == 0

        close_round(served.round, ["alice", "bob"], "coordinator")
        page.goto(f"{base}/disagreements")
        row = page.locator(f'tr.disagreement[data-dimension="defect_type"][data-item="{first}"]')
        assert "env_api" in row.inner_text() and "env_version" in row.inner_text()
        assert secret in page.content()  # notes show once the round is closed
        row.locator("select").select_option("env_version")
        row.locator("input.rationale").fill("we agreed: the pinned version")
        row.locator("button.record").click()
        page.wait_for_function("document.querySelector('.saved-mark').textContent.includes('✓')")
    stored = study.db.read("consensus")
    stored = stored[stored["round"] == "14"]
    assert stored[["item_id", "code", "rationale", "decided_by"]].values.tolist() == [
        [first, "env_version", "we agreed: the pinned version", "alice"]
    ]


def test_a_hostile_issue_body_stays_inert(study: Study, served: Served) -> None:
    last = served.round.items[-1]
    with study.db.begin() as conn:
        conn.execute(schema.items.update().where(schema.items.c.id == last).values(text=HOSTILE))
    with running(served) as base, chromium() as browser:
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(f"{base}/signin?token={served.tokens['alice']}")
        page.goto(f"{base}/items/{len(served.round.items)}")
        page.get_by_text("click me").click()
        page.wait_for_timeout(200)
        assert page.evaluate("window.pwned") is None
        assert dialogs == []
        body = page.locator("#body")
        assert body.locator("script, img, svg, [onerror], [onload]").count() == 0
        assert body.locator("a[href^='javascript']").count() == 0
        assert "Crash report" in body.inner_text()


def test_a_closed_round_refuses_the_browsers_writes(study: Study) -> None:
    served = serve_round(study, "4")
    with running(served) as base, chromium() as browser:
        page = browser.new_page()
        page.goto(f"{base}/signin?token={served.tokens['alice']}")
        page.wait_for_url(f"{base}/items/1")
        close_round(served.round, ["alice", "bob"], "coordinator")
        page.keyboard.press("1")
        page.keyboard.press("Enter")
        page.wait_for_function(
            "document.getElementById('status').textContent.includes('not saved')"
        )
        assert "closed" in page.inner_text("#status")
    stored = study.db.read("codings")
    assert stored[stored["round"] == "4"].empty


def test_the_coordinator_closes_the_round_and_records_consensus_in_the_browser(
    study: Study,
) -> None:
    served = serve_round(study, "13")
    first, second = served.round.items[:2]
    save_codes(served.round, "alice", first, "defect_type", ["env_api"])
    save_codes(served.round, "bob", first, "defect_type", ["env_version"])
    save_codes(served.round, "alice", second, "defect_type", ["env_api"])
    save_codes(served.round, "bob", second, "defect_type", ["env_api"])
    with running(served) as base, chromium() as browser:
        page = browser.new_page()
        page.goto(f"{base}/signin?token={served.tokens['coordinator']}")
        page.wait_for_url(f"{base}/coordinator")
        assert page.inner_text("#progress-table").count("0 of 300") == 2  # nobody coded it all
        assert "percent_agreement" in page.inner_text("#agreement")
        page.click("#close-round")
        page.wait_for_selector("#round-state.closed")
        page.goto(f"{base}/disagreements")
        rows = page.locator("tr.disagreement")
        assert rows.count() == 1
        row = rows.first
        assert row.get_attribute("data-item") == first
        row.locator("select").select_option("env_version")
        row.locator("input.rationale").fill("pinned CUDA version fixed it")
        row.locator("button.record").click()
        page.wait_for_function("document.querySelector('.saved-mark').textContent.includes('✓')")
    stored = study.db.read("consensus")
    stored = stored[stored["round"] == "13"]
    assert stored[["item_id", "code", "method", "rationale"]].values.tolist() == [
        [first, "env_version", "adjudicated", "pinned CUDA version fixed it"]
    ]
