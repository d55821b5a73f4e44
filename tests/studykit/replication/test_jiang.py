"""Jiang et al. (EMSE 2024): every number of ATTRIBUTION.md, every cell of Figures 5-10."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from coding import check_inflation
from coding.errors import CodingInputError
from coding.item_import import table_items
from coding.label_import import LabelSpec, table_labels
from coding.label_map import LabelCoder
from coding.tables import read_table
from coding.transcripts import read_transcript
from studykit import Study
from studykit.labelling.agreement import pooled_kappa
from studykit.labelling.codebooks import study_codebook
from studykit.replication.checks import run_checks
from studykit.replication.importing import import_package
from tests.support.reproduction import imported, shared_or_skip

pytestmark = pytest.mark.shared

NAME = "jiang-emse24"
FIGURES = {
    "Fig 5": ("project_type", "manifestation"),
    "Fig 6": ("reporter", "manifestation"),
    "Fig 7": ("dl_stage", "manifestation"),
    "Fig 8": ("dl_stage", "defect_type"),
    "Fig 9": ("dl_stage", "symptom"),
    "Fig 10": ("dl_stage", "root_cause"),
}


@pytest.fixture(scope="module")
def study(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Study]:
    yield from imported(NAME, tmp_path_factory.mktemp(NAME))


def defect_study() -> Path:
    return shared_or_skip(NAME) / "Defect-study"


def labels(study: Study, dimension: str) -> pd.Series:
    frame = study.table("consensus")
    frame = frame[(frame["dimension"] == dimension) & (frame["round"] == "final")]
    return frame.set_index("item_id")["code"]


def test_every_reported_number_is_reproduced(study: Study) -> None:
    results = {r.name: r for r in run_checks(study)}
    assert all(r.equal for r in results.values()), [r for r in results.values() if not r.equal]
    shown = {name.split(" (")[0]: r.reproduced for name, r in results.items()}
    assert shown["Defects reported by re-users"] == "58.3% (203 of 348)"
    assert shown["Reproducibility defects found during training"] == "68.4% (26 of 38)"
    assert shown["Environment defects that are interface defects"] == "87.9% (138 of 157)"
    assert shown["Environment defects caused by API defects"] == "46.5% (73 of 157)"
    assert shown["Repositories"] == "27" and shown["Defects studied"] == "348"
    pooled = [r.reproduced for name, r in results.items() if name.startswith("Pooled")]
    assert pooled == ["0.458", "0.794", "0.699"]


def pivot(sheet: str) -> pd.DataFrame:
    """A pivot table of Defect_Analysis.xlsx: the block under 'Row Labels' up to 'Grand Total'."""
    book = load_workbook(defect_study() / "Defect_Analysis.xlsx", read_only=True, data_only=True)
    rows = [list(r) for r in book[sheet].iter_rows(values_only=True)]
    book.close()
    top, left = next((i, r.index("Row Labels")) for i, r in enumerate(rows) if "Row Labels" in r)
    header = rows[top][left:]
    width = header.index("Grand Total") + 1
    body = []
    for row in rows[top + 1 :]:
        body.append(row[left : left + width])
        if row[left] == "Grand Total":
            break
    return pd.DataFrame(body, columns=header[:width]).set_index("Row Labels")


@pytest.mark.parametrize("sheet", list(FIGURES))
def test_every_cell_of_the_figure_pivots(study: Study, sheet: str) -> None:
    rows, columns = FIGURES[sheet]
    codebook = study_codebook(study)
    expected = pivot(sheet)
    ours = pd.crosstab(labels(study, rows), labels(study, columns), margins=True,
                       margins_name="Grand Total")  # fmt: skip

    def code(dimension: str, label: str) -> str:
        if label == "Grand Total":
            return label
        found = codebook.dimension(dimension).resolve(label)
        assert found is not None, f"{sheet}: {label!r} is no {dimension} label"
        return found

    cells = 0
    for row_label, values in expected.iterrows():
        for column_label, count in values.items():
            at = code(rows, str(row_label)), code(columns, str(column_label))
            got = ours.reindex(index=[at[0]], columns=[at[1]], fill_value=0).iat[0, 0]
            assert int(got) == count, (sheet, row_label, column_label)
            cells += 1
    assert cells == expected.size


def test_labels_compare_case_and_whitespace_insensitively(study: Study) -> None:
    raw = read_table(defect_study() / "CV_Reengineeirng_Defects.csv").frame
    assert set(raw["Part of Implementation"]) >= {"Data pipeline", "Data Pipeline"}
    assert (labels(study, "dl_stage") == "data_pipeline").sum() == 68
    assert (labels(study, "symptom") == "crash").sum() == 219  # 'Crash' 208 + 'crash' 11


def test_the_figures_renamed_labels_map_onto_the_papers_wording(study: Study) -> None:
    counts = labels(study, "symptom").value_counts()
    assert counts["accuracy_below_expectations"] == 50  # "Bad Performance (lower accuracy)"
    assert counts["speed_below_expectations"] == 15  # "Bad Performance (lower speed)"
    assert counts["numerical_error"] == 14  # "Numerical Instability"
    assert labels(study, "defect_type").value_counts()["data"] == 14  # "Data structure"


def test_the_misspelt_file_name_is_read_as_it_is() -> None:
    assert (defect_study() / "CV_Reengineeirng_Defects.csv").is_file()


def test_the_shifted_columns_of_the_screened_issues_are_named_explicitly() -> None:
    table = read_table(defect_study() / "Non_Reengineering_Defects.csv")
    frame = table.frame
    assert len(frame) == 93 and (frame["Repo type"] == frame["Issue #"]).all()
    found = table_items(table, item_prefix="screened-", columns={"created_at": "Time Slot/d"})
    first = found.items.iloc[0]
    assert first["created_at"] == "2018-08-28T07:35:27Z"
    assert first["repository"] == "chenyuntc/simple-faster-rcnn-pytorch"


def test_kappa_sheets_are_keyed_by_issue_number_only() -> None:
    path = defect_study() / "Cohen's Kappa Calculation.xlsx"
    table = read_table(path, sheet="Final1")
    spec = LabelSpec(columns=(("dl_stage", "DL Stage"),), rater="r1", item="Issue #")
    with pytest.raises(CodingInputError, match="not unique: use --item @row"):
        table_labels(table, spec, LabelCoder.build())
    pilot = read_table(path, sheet="Pilot1"), read_table(path, sheet="Pilot2")
    assert [len(t.frame) for t in pilot] == [13, 13]
    assert pilot[0].frame["Issue #"].tolist() == pilot[1].frame["Issue #"].tolist()
    assert pilot[0].rows[:3] == [2, 6, 7] and pilot[1].rows[:3] == [2, 6, 8]


def test_the_published_kappas_are_inflated_by_pooling_and_the_row_index(study: Study) -> None:
    codings = study.table("codings")
    dims = ["dl_stage", "symptom", "defect_type", "root_cause", "manifestation"]
    published, pooled = [], []
    for round_name in ("1", "2", "3"):
        with_index = pooled_kappa(codings, round=round_name, dimensions=[*dims, "sheet_row"],
                                  lowercase=True)  # fmt: skip
        published.append(round(with_index, 3))
        pooled.append(round(pooled_kappa(codings, round=round_name, dimensions=dims,
                                         lowercase=True), 3))  # fmt: skip
    assert published == [0.458, 0.794, 0.699]
    assert pooled == [0.525, 0.749, 0.626]  # without the index, the pilot rises: its index
    # values differ where the two sheets' blank rows sit in different places
    frame = codings[codings["round"] == "3"]
    sheets = {
        rater: part.pivot(index="item_id", columns="dimension", values="code")
        for rater, part in frame.groupby("rater")
    }
    with warnings.catch_warnings(record=True):
        messages = check_inflation(sheets, columns=["sheet_row"])
    assert "like a row index" in messages[0]


def test_the_report_puts_kappa_per_dimension_beside_the_pooled_values(study: Study) -> None:
    from studykit.manifest import OutputSpec
    from studykit.report.model import ReportData
    from studykit.report.registry import BUILDERS

    spec = OutputSpec(name="pooled", kind="pooling", dimension="sheet_row")
    built = BUILDERS["pooling"](spec, ReportData.read(study.db, study_codebook(study)), False)
    assert built.table is not None
    table = built.table.set_index("round")
    assert table["DL stage"].tolist() == ["0.275", "0.342", "0.172"]
    assert table["Manifestation"].tolist() == ["0.852", "0.687", "0.671"]
    assert table["pooled (labels as written, lower-cased)"].tolist() == ["0.525", "0.749", "0.626"]
    assert table["pooled with sheet_row (as published)"].tolist() == ["0.458", "0.794", "0.699"]


def test_interview_transcripts_split_at_every_speaker_label() -> None:
    """All 11 transcripts: one turn per label line, whether or not blank lines separate them."""
    folder = shared_or_skip(NAME) / "Interview-study" / "Transcripts"
    label = re.compile(r"^\s*(Speaker ?\d+|Interviewer|Leader \d+)\s*:")
    files = sorted(folder.glob("*.txt"))
    assert len(files) == 11
    for path in files:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
        turns = read_transcript(path)
        assert len(turns) == sum(bool(label.match(line)) for line in lines) >= 29, path.name
        assert 2 <= len({t.speaker for t in turns}) <= 3, path.name
        assert not any(label.search(t.text) for t in turns), path.name


def test_a_second_import_of_the_package_changes_nothing_and_reports_the_case_merges(
    tmp_path: Path,
) -> None:
    """Importing the package again replaces each file's rows by the same rows; the final
    labels' spellings that differ only in case are merged and each merge is reported."""
    shared_or_skip(NAME)
    root = Path(__file__).resolve().parents[3]
    opened = Study.open(root / "data" / NAME / "study.toml", db=f"sqlite:///{tmp_path / 's.db'}")
    first = import_package(opened)
    counts = {t: len(opened.table(t)) for t in ("items", "codings", "consensus")}
    again = import_package(opened)
    assert all(p.change is not None and (p.change.added, p.change.changed, p.change.removed)
               == (0, 0, 0) for p in again)  # fmt: skip
    assert {t: len(opened.table(t)) for t in counts} == counts
    merges = [line for line in first[1].describe() if "merged symptom labels" in line]
    assert any("'Crash' (208 cell(s)), 'crash' (11 cell(s))" in line for line in merges)
    opened.close()
