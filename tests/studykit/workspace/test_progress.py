"""Progress per rater is held in memory and follows both the server's saves and other writers."""

from __future__ import annotations

from collections.abc import Callable

from studykit.db import insert, schema
from studykit.study import Study
from studykit.workspace.store import save_codes, save_mark
from tests.support.paths import EXAMPLE
from tests.support.workspace import serve_round


def test_progress_follows_own_saves_and_writes_by_anyone_else(
    example_copy: Callable[[], str],
) -> None:
    study = Study.open(EXAMPLE / "study.toml", db=example_copy())
    served = serve_round(study, "3")
    served_round = served.round
    first, second, third = served_round.items[:3]
    codebook = served_round.codebook

    def coded() -> set[str]:
        with study.db.begin() as conn:
            return served_round.progress.coded(conn, "alice")

    assert coded() == set()
    for dim in codebook.dimensions:
        save_codes(served_round, "alice", first, dim.name, [dim.codes[0].code])
    assert coded() == {first}
    save_codes(served_round, "alice", first, codebook.dimensions[0].name, [])
    assert coded() == set()
    save_codes(
        served_round,
        "alice",
        first,
        codebook.dimensions[0].name,
        [codebook.dimensions[0].codes[0].code],
    )
    save_mark(served_round, "alice", first, note="a note on every coding of the item")
    assert coded() == {first}
    with study.db.begin() as conn:  # as a sheet import or another server would
        insert(
            conn,
            schema.codings,
            [
                {"item_id": item, "rater": "alice", "round": "3", "dimension": dim.name,
                 "code": dim.codes[0].code, "coded_at": "2026-01-01T00:00:00Z"}
                for item in (second, third)
                for dim in codebook.dimensions
            ],
        )  # fmt: skip
    assert coded() == {first, second, third}
    study.close()
