"""Which outputs of `studykit report` are current, judged against reports/manifest.json.

Each output is keyed by a hash of its spec, the data versions of the tables it reads, the
codebook file, the studykit version and a fingerprint of the code that builds it
(studykit.report.fingerprint). This module imports neither SQLAlchemy nor the analysis stage, so
that a run with nothing to rebuild stays quick.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from studykit import __version__
from studykit.manifest import Manifest, OutputSpec
from studykit.report.fingerprint import code_fingerprint

FIGURE_FORMATS = ("png", "pdf", "svg")
TABLE_FORMATS = ("md", "tex", "csv")
INDEX_FILES = ("index.md", "index.html")
RECORD_FILE = "manifest.json"
VERSIONS = "_data_versions"
INPUT_TABLES = {
    "distribution": ("consensus", "items"),
    "stacked": ("consensus", "items"),
    "crosstab": ("consensus", "items"),
    "agreement": ("codings",),
    "agreement_per_code": ("codings",),
    "timeline": ("items",),
    "pooling": ("codings",),
    "rounds": ("consensus", "items"),
    "shares": ("consensus",),
    **dict.fromkeys(
        ("saturation", "cooccurrence", "participants_by_theme", "quotes"),
        ("codings", "consensus", "segments", "transcripts", "participants", "pii_findings"),
    ),
    **dict.fromkeys(("likert", "likert_comparison"), ("survey_questions", "survey_responses")),
    **dict.fromkeys(("techniques", "technique_runs"), ("technique_runs",)),
    "fixes": (
        "consensus",
        "items",
        "issues",
        "pull_requests",
        "fix_links",
        "commits",
        "commit_files",
    ),
}
TECHNIQUE_KINDS = ("techniques", "technique_runs")
# kinds built without the study's codebook (a benchmark-only study has none)
CODEBOOK_FREE_KINDS = (
    "saturation",
    "cooccurrence",
    "participants_by_theme",
    "quotes",
    "likert",
    "likert_comparison",
    *TECHNIQUE_KINDS,
)


@dataclass(frozen=True)
class PlannedOutput:
    """One output of the report: its key, its files, and what the last run recorded of it."""

    spec: OutputSpec
    is_figure: bool
    key: str
    files: tuple[str, ...]
    recorded: dict[str, Any]
    fresh: bool

    @property
    def record_name(self) -> str:
        """Its name in reports/manifest.json ("figures/NAME" or "tables/NAME")."""
        return f"{'figures' if self.is_figure else 'tables'}/{self.spec.name}"


@dataclass(frozen=True)
class ReportPlan:
    """Every output of the manifest's [report] section, each marked fresh or to be built."""

    root: Path
    versions: dict[str, int]
    previous: dict[str, Any]
    outputs: tuple[PlannedOutput, ...]

    def up_to_date(self) -> bool:
        """True when no output, nor index.md/index.html, nor manifest.json needs writing."""
        if not all(output.fresh for output in self.outputs):
            return False
        kept = {output.record_name: output.recorded for output in self.outputs}
        return {**kept, VERSIONS: self.versions} == self.previous and all(
            (self.root / name).is_file() for name in INDEX_FILES
        )


def plan_report(manifest: Manifest, versions: dict[str, int], *, force: bool = False) -> ReportPlan:
    """Compare each output's key and files with the last run's record; nothing is written."""
    section = manifest.report
    root = manifest.resolve(section.output)
    codebook_hash = file_hash(manifest.resolve(manifest.coding.codebook or "codebook.yaml"))
    record_path = root / RECORD_FILE
    previous = json.loads(record_path.read_text()) if record_path.is_file() else {}
    outputs = []
    for spec, is_figure in [(s, True) for s in section.figures] + [
        (s, False) for s in section.tables
    ]:
        folder, formats = ("figures", FIGURE_FORMATS) if is_figure else ("tables", TABLE_FORMATS)
        files = tuple(f"{folder}/{spec.name}.{fmt}" for fmt in formats)
        settings = manifest.techniques.model_dump() if spec.kind in TECHNIQUE_KINDS else None
        key = output_key(spec, is_figure, codebook_hash, versions, code_fingerprint(), settings)
        recorded = previous.get(f"{folder}/{spec.name}", {})
        fresh = (
            not force
            and recorded.get("data_hash") == key
            and set(recorded.get("files", {})) == set(files)
            and all(file_hash(root / f) == recorded["files"][f] != "" for f in files)
        )
        outputs.append(PlannedOutput(spec, is_figure, key, files, recorded, fresh))
    return ReportPlan(root, versions, previous, tuple(outputs))


def output_key(
    spec: OutputSpec,
    is_figure: bool,
    codebook_hash: str,
    versions: dict[str, int],
    code: str,
    settings: dict[str, Any] | None = None,
) -> str:
    """The hash of everything an output is made from: `code` the fingerprint of what builds it,
    `settings` a manifest section it reads."""
    parts: dict[str, Any] = {
        "spec": spec.model_dump(),
        "figure": is_figure,
        "codebook": codebook_hash,
        "tables": {t: versions.get(t, 0) for t in INPUT_TABLES[spec.kind]},
        "studykit": __version__,
        "code": code,
    }
    if settings is not None:
        parts["settings"] = settings
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def file_hash(path: Path) -> str:
    """The SHA-256 of a file's bytes, or "" when there is no such file."""
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
