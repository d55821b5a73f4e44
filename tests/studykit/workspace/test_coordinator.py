"""The coordinator's views over HTTP: progress per rater, the round's agreement as `studykit
agree` gives it, closing the round, and consensus recorded with its rationale."""

from __future__ import annotations

import json

import httpx
import pandas as pd
from typer.testing import CliRunner

from studykit.cli import app
from studykit.study import Study
from studykit.workspace.serve import Served
from tests.support.paths import EXAMPLE
from tests.support.workspace import running, serve_round, signed_in, write_headers


def _code_item(client: httpx.Client, served: Served, person: str, position: int, pick: int) -> None:
    """Give the item code number `pick` (1-based, within range) in every dimension."""
    for dim in served.round.codebook.dimensions:
        code = dim.codes[min(pick, len(dim.codes)) - 1].code
        answer = client.post(
            f"/api/items/{position}/codes",
            json={"dimension": dim.name, "codes": [code]},
            headers=write_headers(served, person),
        )
        assert answer.status_code == 200, answer.text


def test_only_the_coordinator_sees_the_overview_and_closes_the_round(study: Study) -> None:
    served = serve_round(study, "11")
    with running(served) as base, signed_in(base, served, "alice") as alice:
        for path in ("/coordinator", "/coordinator/agreement", "/disagreements"):
            assert alice.get(path).status_code == 403, path
        refused = alice.post("/api/round/close", json={}, headers=write_headers(served, "alice"))
        assert refused.status_code == 403
    assert study.db.read("workspace_rounds").query("round == '11'").empty


def test_progress_agreement_close_and_consensus(study: Study) -> None:
    served = serve_round(study, "12")
    with (
        running(served) as base,
        signed_in(base, served, "alice") as alice,
        signed_in(base, served, "bob") as bob,
        signed_in(base, served, "coordinator") as coordinator,
    ):
        for position in range(1, 9):
            _code_item(alice, served, "alice", position, 1 + position % 3)
        for position in range(1, 7):
            _code_item(bob, served, "bob", position, 1 + position % 2)
        overview = coordinator.get("/coordinator")
        assert overview.status_code == 200
        assert "8 of 300" in overview.text and "6 of 300" in overview.text

        fragment = coordinator.get("/coordinator/agreement").text
        result = CliRunner().invoke(
            app,
            ["agree", "--study", str(EXAMPLE / "study.toml"), "--db", str(study.db.url),
             "--round", "12", "--format", "json"],
        )  # fmt: skip
        assert result.exit_code == 0, result.stderr
        table = pd.DataFrame(json.loads(result.stdout))
        assert len(table) > 0
        for row in table.itertuples():
            shown = f"[{row.ci_low:.3f}, {row.ci_high:.3f}]"
            assert f"{row.estimate:.3f}</td><td>{shown}" in fragment, row

        assert bob.get("/disagreements").status_code == 403
        closing = coordinator.post(
            "/api/round/close", json={}, headers=write_headers(served, "coordinator")
        )
        assert closing.json() == {"closed": True, "now": True}
        again = coordinator.post(
            "/api/round/close", json={}, headers=write_headers(served, "coordinator")
        )
        assert again.json() == {"closed": True, "now": False}

        view = coordinator.get("/disagreements")
        assert view.status_code == 200
        assert bob.get("/disagreements").status_code == 200
        item = served.round.items[1]  # alice gave code 3, bob code 1
        same = served.round.items[0]  # both gave code 2
        assert f'data-item="{item}" data-dimension="defect_type"' in view.text
        assert f'data-item="{same}"' not in view.text

        def decide(**body: object) -> httpx.Response:
            return coordinator.post(
                "/api/consensus", json=body, headers=write_headers(served, "coordinator")
            )

        assert (
            decide(item=item, dimension="defect_type", codes=["env_api"], rationale="").status_code
            == 400
        )
        assert (
            decide(item=item, dimension="defect_type", codes=["nope"], rationale="r").status_code
            == 400
        )
        assert (
            decide(item=same, dimension="defect_type", codes=["env_api"], rationale="r").status_code
            == 400
        )
        ok = decide(
            item=item,
            dimension="defect_type",
            codes=["env_api"],
            rationale="the traceback names a removed API",
        )
        assert ok.status_code == 200
    stored = study.db.read("consensus")
    mine = stored[(stored["round"] == "12")]
    assert mine[
        ["item_id", "dimension", "code", "method", "rationale", "decided_by"]
    ].values.tolist() == [
        [
            item,
            "defect_type",
            "env_api",
            "adjudicated",
            "the traceback names a removed API",
            "coordinator",
        ]
    ]


def test_after_the_close_the_raters_together_record_consensus_naming_who_recorded(
    study: Study,
) -> None:
    served = serve_round(study, "13")
    with (
        running(served) as base,
        signed_in(base, served, "alice") as alice,
        signed_in(base, served, "bob") as bob,
        signed_in(base, served, "coordinator") as coordinator,
    ):
        for position in (1, 2):
            _code_item(alice, served, "alice", position, 1)
            _code_item(bob, served, "bob", position, 2)
        item = served.round.items[0]
        body = {"item": item, "dimension": "defect_type", "codes": ["env_build"], "rationale": "r"}

        def record(client: httpx.Client, person: str, **changes: object) -> httpx.Response:
            return client.post(
                "/api/consensus", json=body | changes, headers=write_headers(served, person)
            )

        # before the close: no disagreements view, no consensus (and nothing of bob's shown)
        assert alice.get("/disagreements").status_code == 403
        assert record(alice, "alice").status_code == 409
        assert coordinator.post(
            "/api/round/close", json={}, headers=write_headers(served, "coordinator")
        ).json()["closed"]

        views = {person: client.get("/disagreements") for person, client in
                 (("alice", alice), ("bob", bob))}  # fmt: skip
        first = served.round.codebook.dimension("defect_type").codes
        for view in views.values():
            assert view.status_code == 200
            row = view.text.split(f'data-item="{item}" data-dimension="defect_type"')[1]
            row = row.split("</tr>")[0]
            assert f"<td>{first[0].code}</td><td>{first[1].code}</td>" in row  # alice's, bob's
            assert 'class="record"' in row
        assert record(alice, "alice", rationale=" ").status_code == 400
        assert record(alice, "bob").status_code == 403  # bob's CSRF token on alice's session
        assert record(alice, "alice").status_code == 200
        shown = bob.get("/disagreements").text
        assert "env_build (r; recorded by alice)" in shown
        assert record(bob, "bob", codes=["env_api"], rationale="we agreed: API").status_code == 200
    stored = study.db.read("consensus")
    mine = stored[stored["round"] == "13"]
    assert mine[["item_id", "dimension", "code", "rationale", "decided_by"]].values.tolist() == [
        [item, "defect_type", "env_api", "we agreed: API", "bob"]
    ]


def test_a_rater_who_did_not_code_the_round_does_not_record_its_consensus(study: Study) -> None:
    served = serve_round(study, "14")
    with (
        running(served) as base,
        signed_in(base, served, "alice") as alice,
        signed_in(base, served, "bob") as bob,
        signed_in(base, served, "coordinator") as coordinator,
    ):
        _code_item(alice, served, "alice", 1, 1)
        coordinator.post("/api/round/close", json={}, headers=write_headers(served, "coordinator"))
        view = bob.get("/disagreements")
        assert view.status_code == 200 and 'class="record"' not in view.text
        refused = bob.post(
            "/api/consensus",
            json={"item": served.round.items[0], "dimension": "defect_type",
                  "codes": ["env_api"], "rationale": "r"},
            headers=write_headers(served, "bob"),
        )  # fmt: skip
        assert refused.status_code == 403 and "coded round 14" in refused.json()["error"]
    assert study.db.read("consensus").query("round == '14'").empty
