"""Code suggestions in the workspace never replace a rater: off by default; when on, a
dimension's suggestion reaches the rater (page, API, browser) only after their own choice;
every save records whether one was in view; no model label becomes a coding."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import httpx
import pytest
from sqlalchemy import text

from studykit.study import Study
from studykit.workspace.serve import Served, prepare
from tests.support.paths import EXAMPLE
from tests.support.workspace import chromium, running, serve_round, signed_in, write_headers

UNCODED = 40
DIMENSION = "defect_type"


@pytest.fixture(scope="module")
def study(example_copy: Callable[[], str]) -> Iterator[Study]:
    """The example study; the first 40 items of the queue lose their defect_type consensus."""
    loaded = Study.open(EXAMPLE / "study.toml", db=example_copy())
    with loaded.db.begin() as conn:
        conn.execute(
            text(
                "DELETE FROM consensus WHERE dimension = :d AND item_id IN "
                "(SELECT item_id FROM sample_items ORDER BY item_id LIMIT :n)"
            ),
            {"d": DIMENSION, "n": UNCODED},
        )
    yield loaded
    loaded.close()


@pytest.fixture(scope="module")
def suggesting(study: Study) -> Served:
    return prepare(study, round="21", suggestions=[DIMENSION])


def _save(
    client: httpx.Client, served: Served, person: str, position: int = 1, **body: object
) -> httpx.Response:
    return client.post(
        f"/api/items/{position}/codes", json=body, headers=write_headers(served, person)
    )


def _flags(study: Study, round: str, item: str | None = None) -> list[object]:
    codings = study.db.read("codings")
    mine = codings[(codings["round"] == round) & (codings["dimension"] == DIMENSION)]
    if item is not None:
        mine = mine[mine["item_id"] == item]
    return mine["suggestion_visible"].tolist()


def test_suggestions_are_off_by_default(study: Study) -> None:
    served = serve_round(study, "20")
    with running(served) as base, signed_in(base, served, "alice") as alice:
        assert alice.get(f"/api/items/1/suggestions/{DIMENSION}").status_code == 404
        assert 'class="suggestion"' not in alice.get("/items/1").text
        assert (
            _save(alice, served, "alice", 2, dimension=DIMENSION, codes=["env_api"]).status_code
            == 200
        )
        assert alice.get(f"/api/items/1/suggestions/{DIMENSION}").status_code == 404
    assert _flags(study, "20") == [False]


def test_a_suggestion_is_given_only_after_the_raters_own_choice(
    study: Study, suggesting: Served
) -> None:
    before = len(study.db.read("codings"))
    codes = set(suggesting.round.codebook.dimension(DIMENSION).names())
    with running(suggesting) as base, signed_in(base, suggesting, "bob") as bob:
        page = bob.get("/items/1").text
        assert 'data-suggests="true"' in page and "Suggested" not in page and "%" not in page
        early = bob.get(f"/api/items/1/suggestions/{DIMENSION}")
        assert early.status_code == 409 and "suggestions" not in early.json()
        # a code of another dimension is not a choice in this one
        assert (
            _save(bob, suggesting, "bob", dimension="symptom", codes=["crash"]).status_code == 200
        )
        assert bob.get(f"/api/items/1/suggestions/{DIMENSION}").status_code == 409
        assert (
            _save(bob, suggesting, "bob", dimension=DIMENSION, codes=["env_api"]).status_code == 200
        )
        answer = bob.get(f"/api/items/1/suggestions/{DIMENSION}").json()["suggestions"]
        assert len(answer) == 3 and {s["code"] for s in answer} <= codes
        shares = [s["probability"] for s in answer]
        assert shares == sorted(shares, reverse=True) and 0 < sum(shares) <= 1 + 1e-9
        # alice has chosen nothing: bob's choice does not open it for her
        with signed_in(base, suggesting, "alice") as alice:
            assert alice.get(f"/api/items/1/suggestions/{DIMENSION}").status_code == 409
        # an item with a consensus label gets none
        last = len(suggesting.round.items)
        save = bob.post(
            f"/api/items/{last}/codes",
            json={"dimension": DIMENSION, "codes": ["env_api"]},
            headers=write_headers(suggesting, "bob"),
        )
        assert save.status_code == 200
        assert bob.get(f"/api/items/{last}/suggestions/{DIMENSION}").json()["suggestions"] == []
    # serving and asking for suggestions stored only bob's own three codings
    assert len(study.db.read("codings")) == before + 3


def test_every_save_records_whether_a_suggestion_was_in_view(
    study: Study, suggesting: Served
) -> None:
    served, item = suggesting, suggesting.round.items[1]
    with running(served) as base, signed_in(base, served, "alice") as alice:
        assert (
            _save(alice, served, "alice", 2, dimension=DIMENSION, codes=["env_api"]).status_code
            == 200
        )
        assert _flags(study, "21", item) == [False]
        again = _save(
            alice,
            served,
            "alice",
            2,
            dimension=DIMENSION,
            codes=["env_version"],
            suggestion_visible=True,
        )
        assert again.status_code == 200
        assert _flags(study, "21", item) == [True]
        wrong = _save(
            alice,
            served,
            "alice",
            2,
            dimension=DIMENSION,
            codes=["env_api"],
            suggestion_visible="yes",
        )
        assert wrong.status_code == 400
    assert _flags(study, "21", item) == [True]


def test_an_unknown_suggestion_dimension_is_refused(study: Study) -> None:
    from studykit.errors import StudykitError

    with pytest.raises(StudykitError, match="--suggestions: defect not a dimension"):
        prepare(study, round="23", suggestions=["defect"])


def _wait_for(check: Callable[[], bool], seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def test_in_the_browser_a_suggestion_shows_only_after_the_raters_choice(
    study: Study, suggesting: Served
) -> None:
    served, item = suggesting, suggesting.round.items[4]
    with running(served) as base, chromium() as browser:
        page = browser.new_page()
        page.goto(f"{base}/signin?token={served.tokens['alice']}")
        page.goto(f"{base}/items/5")
        box = page.locator(f'fieldset[data-dimension="{DIMENSION}"] .suggestion')
        page.wait_for_load_state("networkidle")
        assert box.count() == 1 and not box.is_visible() and box.inner_text() == ""
        page.keyboard.press("1")
        page.keyboard.press("Enter")  # the rater's own choice: code 1 of defect_type
        box.wait_for(state="visible")
        assert box.inner_text().startswith("Suggested (after your choice): ")
        assert box.inner_text().count("%") == 3
        _wait_for(
            lambda: _flags(study, "21", item) == [False]
        )  # chosen before the suggestion showed
        # the rater changes their mind with the suggestion in view
        page.locator(f'fieldset[data-dimension="{DIMENSION}"] input').nth(2).check()
        _wait_for(lambda: _flags(study, "21", item) == [True])
        # reopened, the item shows the suggestion at once (the rater has chosen already)
        page.goto(f"{base}/items/5")
        box.wait_for(state="visible")
        page.goto(f"{base}/items/6")
        page.wait_for_load_state("networkidle")
        assert not page.locator(f'fieldset[data-dimension="{DIMENSION}"] .suggestion').is_visible()
    codings = study.db.read("codings")
    mine = codings[(codings["round"] == "21") & (codings["dimension"] == DIMENSION)]
    mine = mine[mine["item_id"] == item]
    third = served.round.codebook.dimension(DIMENSION).codes[2].code
    assert mine["code"].tolist() == [third]
