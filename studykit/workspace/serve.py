"""Start the workspace: choose the served round, issue sign-in links, run uvicorn."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from sqlalchemy import select
from starlette.applications import Starlette

from coding.sheets import is_round, nfc, round_problem
from studykit.collect.clones import clone_path
from studykit.db import schema
from studykit.errors import StudykitError
from studykit.interviews.reads import refuse_open_findings
from studykit.labelling.codebooks import kind_codebook
from studykit.labelling.sheet_order import ModelOrder, model_queue
from studykit.labelling.sheets import declared_rounds
from studykit.study import Study
from studykit.workspace.app import create_app
from studykit.workspace.auth import COORDINATOR, Person, Tokens
from studykit.workspace.store import Round, queue_items
from studykit.workspace.suggestions import load_suggestions


@dataclass(frozen=True)
class Served:
    """A ready app with the sign-in token of each person (to print once, then forget)."""

    app: Starlette
    round: Round
    tokens: dict[str, str]


def prepare(
    study: Study,
    *,
    round: str | None = None,
    kind: str | None = None,
    suggestions: Sequence[str] = (),
    order: ModelOrder | None = None,
) -> Served:
    """The workspace app of `round` (default: see `default_round`) and its sign-in tokens; with
    `suggestions`, those dimensions' code suggestions (after a rater's own choice); with
    `order`, the queue is the next unscreened items in the screening model's order."""
    raters = [nfc(r) for r in study.manifest.coding.raters]
    if not raters:
        raise StudykitError(f"{study.manifest.path}: [coding] raters is empty: name the raters")
    if COORDINATOR in raters:
        raise StudykitError(
            f"{study.manifest.path}: a rater is named {COORDINATOR!r}, the workspace's name for "
            "the coordinator: rename that rater"
        )
    study.db.check_integrity()
    name = nfc(round) if round is not None else default_round(study, kind)
    declared = declared_rounds(study)
    if not is_round(name, declared):
        raise StudykitError(f"--round: {round_problem(name, declared)}")
    items = queue_items(study.db, kind=kind)
    if not items:
        what = f"items of kind {kind!r}" if kind else "sampled items"
        raise StudykitError(f"the study has no {what} to code: run `studykit sample` first")
    if kind == "segment":
        refuse_open_findings(study.db, items)
    if order is not None:
        items = model_queue(study.db, items, order)
    mirrors = partial(clone_path, study.manifest)
    served = Round(study.db, name, kind_codebook(study, kind), items, mirrors)
    suggested = None
    if suggestions:
        cache = study.manifest.cache
        suggested = load_suggestions(study.db, served.codebook, suggestions, cache=cache)
    tokens = Tokens()
    issued = {person: tokens.issue(Person(person)) for person in raters}
    issued[COORDINATOR] = tokens.issue(Person(COORDINATOR, coordinator=True))
    return Served(create_app(study, served, raters, tokens, suggested), served, issued)


def default_round(study: Study, kind: str | None) -> str:
    """The last round [coding] rounds declares, else the highest round coded so far, else "1"."""
    if study.manifest.coding.rounds and kind is None:
        return nfc(study.manifest.coding.rounds[-1])
    column = schema.items.c.kind
    of_kind = select(schema.items.c.id).where(column == kind if kind else column != "segment")
    with study.db.begin() as conn:
        rounds = conn.execute(
            select(schema.codings.c.round).where(schema.codings.c.item_id.in_(of_kind)).distinct()
        ).scalars()
        numbers = [int(r) for r in rounds if r.isdigit()]
    return str(max(numbers)) if numbers else "1"


def sign_in_links(served: Served, base: str) -> list[tuple[str, str]]:
    """Each person's sign-in link on the server at `base` (e.g. http://127.0.0.1:8000)."""
    return [(person, f"{base}/signin?token={token}") for person, token in served.tokens.items()]
