"""`studykit import items|labels` and `studykit import`: another team's tables into the study
database, no code per dataset. Each file is read and checked first (studykit.replication.prepare),
then written in one transaction (studykit.replication.store); importing a file into the same target
again replaces what it stored. `import_study` runs the manifest's [[imports]] in order and its
[survey] export, all in one transaction."""

from __future__ import annotations

from pathlib import Path

from coding.sheets import is_round, nfc, round_problem
from studykit.db.locks import codings_key, consensus_key, serialise_writers
from studykit.errors import InputError, StudykitError
from studykit.labelling.codebooks import study_codebook_or_none
from studykit.labelling.sheets import declared_rounds
from studykit.replication.merges import merges_across
from studykit.replication.prepare import Prepared, prepare, target
from studykit.replication.records import prune_items
from studykit.replication.specs import ImportSpec
from studykit.replication.store import store
from studykit.study import Study
from studykit.survey.importing import SURVEY_SLICES, SurveySummary, prepare_survey


def import_one(study: Study, spec: ImportSpec, base: Path) -> Prepared:
    """Read, check and store one file of items or labels."""
    _check_round(study, spec, "--round")
    codebook = study_codebook_or_none(study)
    prepared = prepare(spec, base, codebook)
    with study.db.begin() as conn:
        serialise_writers(conn, *_slices(prepared))
        prepared.kept = prune_items(conn, store(conn, prepared, codebook))
    return prepared


def _check_round(study: Study, spec: ImportSpec, option: str) -> None:
    """Refuse labels for a round that is not one: a positive whole number or a declared name."""
    if spec.what != "labels":
        return
    declared = declared_rounds(study)
    if not is_round(nfc(spec.round), declared):
        raise InputError(f"{option}: {round_problem(spec.round, declared)}")


def _slices(prepared: Prepared) -> list[str]:
    """The writer keys of what an import replaces: items, and a labels import's raters' codings
    of its round and its dimensions' final labels (studykit.db.locks)."""
    if prepared.labels is None:
        return ["items"]
    codings, consensus = prepared.labels.codings, prepared.labels.consensus
    return [
        "items",
        *(codings_key(rater, prepared.spec.round) for rater in set(codings["rater"])),
        *(consensus_key(dimension) for dimension in set(consensus["dimension"])),
    ]


def import_package(study: Study) -> list[Prepared]:
    """Every [[imports]] entry of the manifest, read and checked first, stored in one go."""
    if not study.manifest.imports:
        raise StudykitError(f"{study.manifest.path}: the manifest has no [[imports]]")
    return import_study(study)[0]


def _refuse_same_target(study: Study, prepared: list[Prepared]) -> None:
    """Two entries that import one file into one target would replace each other: refuse."""
    first: dict[tuple[str, str], int] = {}
    for number, entry in enumerate(prepared, start=1):
        key = (entry.table.source, target(entry.spec))
        if key in first:
            raise InputError(
                f"{study.manifest.path}: [[imports]] #{first[key]} and #{number} both import "
                f"{key[0]} into {key[1]}: the second would replace the first; make them one "
                "entry (several raters, long pairs and a final column fit in one)"
            )
        first[key] = number


def import_study(study: Study) -> tuple[list[Prepared], SurveySummary | None]:
    """The manifest's [[imports]] and its [survey] export: all read and checked first, then
    stored in one transaction."""

    specs = study.manifest.imports
    has_survey = study.manifest.survey.responses is not None
    if not specs and not has_survey:
        raise StudykitError(
            f"{study.manifest.path}: nothing to import: the manifest has no [[imports]] and no "
            "[survey] responses"
        )
    codebook = study_codebook_or_none(study) if specs else None
    prepared = []
    for number, spec in enumerate(specs, start=1):
        try:
            _check_round(study, spec, "round")
            prepared.append(prepare(spec, study.root, codebook))
        except StudykitError as exc:
            raise InputError(f"{study.manifest.path}: [[imports]] #{number}: {exc}") from None
    _refuse_same_target(study, prepared)
    for merge in merges_across(prepared):
        for number in merge.entries:
            prepared[number].merged_across.append((merge.dimension, merge.code))
    survey = prepare_survey(study) if has_survey else None
    with study.db.begin() as conn:
        keys = [key for entry in prepared for key in _slices(entry)]
        serialise_writers(conn, *keys, *(SURVEY_SLICES if survey is not None else ()))
        gone = [store(conn, entry, codebook) for entry in prepared]
        kept = set(prune_items(conn, {i for ids in gone for i in ids}))
        summary = survey.store(conn) if survey is not None else None
    for entry, ids in zip(prepared, gone, strict=True):
        entry.kept = [i for i in ids if i in kept]
    return prepared, summary
