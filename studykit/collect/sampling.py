"""Turn mined issues into study items: filter, draw the sample, store it with seed and filter."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import delete, select

from mining.sampling import draw_sample
from mining.select import IssueFilter, select_issues
from studykit.clock import now_iso
from studykit.db import Database, records, schema, upsert
from studykit.db.locks import serialise_writers
from studykit.db.reads import fixed_issues, mined
from studykit.errors import StudykitError
from studykit.manifest import FilterSection, SamplingSection


@dataclass(frozen=True)
class SampleResult:
    """What `draw_items` stored."""

    name: str
    population: int
    per_stratum: dict[str, int]

    @property
    def size(self) -> int:
        """Items drawn: the sum over the strata."""
        return sum(self.per_stratum.values())


def issue_filter(section: FilterSection) -> IssueFilter:
    """The mining filter the manifest's [filter] section describes."""
    return IssueFilter(
        state=section.state,
        pull_requests=section.pull_requests,
        labels=tuple(section.labels),
        keywords=tuple(section.keywords),
        match=section.match,
        exclude_labels=tuple(section.exclude_labels),
        created_after=section.created_after,
        created_before=section.created_before,
        require_fix=section.require_fix,
    )


def issue_item_id(repository: str, number: int) -> str:
    """The item id of a GitHub issue: OWNER/REPO#NUMBER."""
    return f"{repository}#{number}"


def issues_as_items(issues: pd.DataFrame) -> pd.DataFrame:
    """Rows of the `items` table for GitHub issues."""
    return pd.DataFrame(
        {
            "id": [
                issue_item_id(r, n)
                for r, n in zip(issues["repository"], issues["number"], strict=True)
            ],
            "kind": "github_issue",
            "source": "github",
            "repository": issues["repository"].to_numpy(),
            "issue_number": issues["number"].astype(int).to_numpy(),
            "link": issues["html_url"].to_numpy(),
            "title": issues["title"].to_numpy(),
            "text": issues["body"].to_numpy(),
            "created_at": issues["created_at"].to_numpy(),
            "meta": [
                {"author_association": a, "labels": list(ls), "state": s}
                for a, ls, s in zip(
                    issues["author_association"], issues["labels"], issues["state"], strict=True
                )
            ],
        }
    )


def draw_items(
    db: Database,
    filter_section: FilterSection,
    sampling: SamplingSection,
    *,
    name: str = "main",
    replace: bool = False,
) -> SampleResult:
    """Filter the mined issues, draw the sample and store items, sample and membership."""
    issues = mined(db, "issues")
    if issues.empty:
        raise StudykitError("the study has no issues yet: run `studykit mine` first")
    spec = issue_filter(filter_section)
    try:
        population = select_issues(issues, spec, fixed=_fixed(db) if spec.require_fix else None)
        items = issues_as_items(population)
        picked = draw_sample(items, **dict(sampling))
    except ValueError as exc:
        raise StudykitError(f"cannot draw the sample: {exc}") from None
    method = "stratified" if sampling.strata else "simple"
    with db.begin() as conn:
        serialise_writers(conn, f"sample:{name}", "items")
        existing = conn.execute(
            select(schema.samples.c.id).where(schema.samples.c.name == name)
        ).scalar_one_or_none()
        if existing is not None:
            if not replace:
                raise StudykitError(
                    f"a sample named {name!r} exists already; pass --replace to draw it anew"
                )
            conn.execute(
                delete(schema.sample_items).where(schema.sample_items.c.sample_id == existing)
            )
            conn.execute(delete(schema.samples).where(schema.samples.c.id == existing))
        upsert(conn, schema.items, records(picked.drop(columns="stratum")))
        sample_id = conn.execute(
            schema.samples.insert().values(
                name=name,
                size=len(picked),
                population=len(items),
                strata=sampling.strata,
                seed=sampling.seed,
                filter=json.loads(json.dumps(spec.describe())) | {"size": str(sampling.size)},
                method=method,
                created_at=now_iso(),
            )
        ).inserted_primary_key
        assert sample_id is not None
        conn.execute(
            schema.sample_items.insert(),
            [
                {"sample_id": sample_id[0], "item_id": i, "stratum": s}
                for i, s in zip(picked["id"], picked["stratum"], strict=True)
            ],
        )
    per_stratum = picked["stratum"].fillna("all").value_counts().sort_index()
    return SampleResult(name, len(items), {str(k): int(v) for k, v in per_stratum.items()})


def _fixed(db: Database) -> set[tuple[str, int]] | None:
    links = fixed_issues(db)
    if links.empty:
        return None
    pairs = zip(links["repository"], links["issue_number"], strict=True)
    return {(str(r), int(n)) for r, n in pairs}
