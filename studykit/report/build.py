"""`studykit report`: every figure and table the manifest names, deterministic and incremental.

plan.py decides which outputs are current; this module builds the others, then writes
index.md, index.html and reports/manifest.json unless nothing at all changed.
"""

from __future__ import annotations

import csv
import html
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import analysis
from analysis import figures
from coding.codebook import Codebook
from coding.errors import CodingInputError
from studykit.db.reads import item_counts, row_count
from studykit.errors import StudykitError
from studykit.labelling.codebooks import report_codebook
from studykit.report.model import Built, ReportData
from studykit.report.plan import (
    CODEBOOK_FREE_KINDS,
    FIGURE_FORMATS,
    RECORD_FILE,
    VERSIONS,
    PlannedOutput,
    file_hash,
    plan_report,
)
from studykit.report.registry import BUILDERS
from studykit.study import Study


@dataclass(frozen=True)
class Entry:
    """One output of the report: where its files are and what it showed."""

    name: str
    kind: str
    is_figure: bool
    caption: str
    files: tuple[str, ...]
    facts: tuple[str, ...]
    built: bool
    error: str | None = None
    notes: tuple[str, ...] = ()


def build_report(
    study: Study, *, force: bool = False, advance: Callable[[str], None] | None = None
) -> list[Entry]:
    """Write every output of the manifest's [report] section; return what was built or kept."""
    plan = plan_report(study.manifest, study.db.table_versions(), force=force)
    root = plan.root
    root.mkdir(parents=True, exist_ok=True)
    data: ReportData | None = None
    entries: list[Entry] = []
    record: dict[str, object] = {}
    for output in plan.outputs:
        spec = output.spec
        if output.fresh:
            entry = Entry(
                spec.name,
                spec.kind,
                output.is_figure,
                output.recorded["caption"],
                output.files,
                tuple(output.recorded["facts"]),
                False,
            )
            record[output.record_name] = output.recorded
        else:
            data = data or ReportData.read(study.db, _codebook(study), study.manifest.techniques)
            entry = _build(output, data, root)
            if entry.error is None:
                record[output.record_name] = {
                    "data_hash": output.key,
                    "caption": entry.caption,
                    "facts": list(entry.facts),
                    "files": {f: file_hash(root / f) for f in output.files},
                }
        entries.append(entry)
        if advance:
            advance(spec.name)
    record[VERSIONS] = plan.versions
    if not plan.up_to_date():
        _write_index(root, study, entries)
        text = json.dumps(record, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        (root / RECORD_FILE).write_text(text)
    return entries


def _codebook(study: Study) -> Codebook | None:
    """The codebook the report's labels are read with, or None for a study without one."""
    manifest = study.manifest
    if manifest.coding.codebook is None and manifest.interviews.codebook is None:
        return None
    return report_codebook(study)


def _build(output: PlannedOutput, data: ReportData, root: Path) -> Entry:
    """Build and write one output; one that cannot be built leaves no file and names why."""

    spec = output.spec
    try:
        if data.book is None and spec.kind not in CODEBOOK_FREE_KINDS:
            raise StudykitError(
                f"report output {spec.name!r} ({spec.kind}) needs a codebook; the study names "
                "none: set [coding] codebook in the manifest"
            )
        built = BUILDERS[spec.kind](spec, data, output.is_figure)
    except (StudykitError, CodingInputError, ValueError) as exc:
        for name in output.files:
            (root / name).unlink(missing_ok=True)
        return Entry(spec.name, spec.kind, output.is_figure, "", (), (), False, error=str(exc))
    _write(built, root, spec.name, output.is_figure)
    return Entry(
        spec.name,
        spec.kind,
        output.is_figure,
        built.caption,
        output.files,
        tuple(built.facts),
        True,
        notes=tuple(built.notes),
    )


def _write(built: Built, root: Path, name: str, is_figure: bool) -> None:

    if is_figure:
        assert built.figure is not None
        figures.save_figure(built.figure, root / "figures" / name, formats=FIGURE_FORMATS)
        return
    assert built.table is not None
    folder = root / "tables"
    folder.mkdir(parents=True, exist_ok=True)
    table = built.table.map(lambda v: "" if v is None else str(v))
    analysis.to_markdown(table, path=folder / f"{name}.md")
    analysis.to_latex(
        table, caption=built.caption, label=f"tab:{name}", path=folder / f"{name}.tex"
    )
    analysis.to_csv(table, path=folder / f"{name}.csv")
    for suffix, text in built.documents.items():
        (folder / f"{name}.{suffix}").write_text(text, encoding="utf-8")


def _headline(study: Study, entries: list[Entry]) -> str:
    kinds = item_counts(study).itertuples(index=False)
    labels, codings = row_count(study, "consensus"), row_count(study, "codings")
    parts = [
        f"{count} {kind.replace('_', ' ')} {_plural(count, 'item')}"
        + (f" from {repositories} {_plural(repositories, 'repository')}" if repositories else "")
        for kind, count, repositories in kinds
    ]
    opening = (
        f"{', '.join(parts) or 'No items'}; {labels} consensus {_plural(labels, 'label')}, "
        f"{codings} {_plural(codings, 'coding')}."
    )
    facts = [fact for entry in entries if entry.error is None for fact in entry.facts]
    # a study of runs only (a benchmark) opens with its facts, not with "No items"
    shown = [opening] if parts or labels or codings or not facts else []
    return " ".join([*shown, *dict.fromkeys(facts)])


def _plural(count: int, noun: str) -> str:
    """`noun` for one, its plural otherwise (repository -> repositories)."""
    if count == 1:
        return noun
    return f"{noun[:-1]}ies" if noun.endswith("y") else f"{noun}s"


def _write_index(root: Path, study: Study, entries: list[Entry]) -> None:
    title = study.manifest.study.name
    headline = _headline(study, entries)
    md = [f"# {title}", "", headline, ""]
    body = [f"<h1>{html.escape(title)}</h1>", f"<p>{html.escape(headline)}</p>"]
    for heading, is_figure in (("Figures", True), ("Tables", False)):
        chosen = [e for e in entries if e.is_figure == is_figure and e.error is None]
        if not chosen:
            continue
        md += [f"## {heading}", ""]
        body.append(f"<h2>{heading}</h2>")
        for entry in chosen:
            md += [f"### {entry.caption}", ""]
            body.append(f"<h3>{html.escape(entry.caption)}</h3>")
            if is_figure:
                png = f"figures/{entry.name}.png"
                md += [
                    f"![{entry.caption}]({png})",
                    "",
                    f"[PDF](figures/{entry.name}.pdf) · [SVG](figures/{entry.name}.svg)",
                    "",
                ]
                body.append(f'<img src="{png}" alt="{html.escape(entry.caption)}" width="640">')
            else:
                table_md = (root / "tables" / f"{entry.name}.md").read_text(encoding="utf-8")
                md += [
                    table_md.rstrip(),
                    "",
                    f"[LaTeX](tables/{entry.name}.tex) · [CSV](tables/{entry.name}.csv)",
                    "",
                ]
                body.append(_html_table(root / "tables" / f"{entry.name}.csv"))
    failed = [e for e in entries if e.error is not None]
    if failed:
        md += ["## Not built", ""]
        md += [f"- {'figures' if e.is_figure else 'tables'}/{e.name}: {e.error}" for e in failed]
        body.append("<h2>Not built</h2>\n<ul>")
        body += [f"<li>{html.escape(e.name)}: {html.escape(e.error or '')}</li>" for e in failed]
        body.append("</ul>")
    (root / "index.md").write_text("\n".join(md).rstrip() + "\n", encoding="utf-8")
    page = (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title>"
        "<style>body{font-family:sans-serif;max-width:56em;margin:auto}"
        "table{border-collapse:collapse}td,th{padding:2px 8px;border-bottom:1px solid #ddd}"
        "</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n"
    )
    (root / "index.html").write_text(page, encoding="utf-8")


def _html_table(path: Path) -> str:
    """The CSV table as HTML, each cell as written (the apostrophe analysis.to_csv put in front
    of a formula-like cell taken off)."""
    with path.open(encoding="utf-8", newline="") as handle:
        header, *rows = [[_as_written(c) for c in row] for row in csv.reader(handle)]
    cells = ["<table>", "<tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in header) + "</tr>"]
    cells += ["<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows]
    return "\n".join([*cells, "</table>"])


def _as_written(cell: str) -> str:
    """A cell of a table CSV as the table held it (see analysis.table_writers.spreadsheet_cell)."""
    return cell[1:] if cell.startswith("'") else cell
