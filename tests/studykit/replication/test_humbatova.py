"""Humbatova et al. (ICSE 2020): every number of ATTRIBUTION.md, and each quirk it lists."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from coding.columns import find_column
from coding.errors import CodingInputError
from coding.label_import import LabelSpec, table_labels
from coding.label_map import LabelCoder, normalise_label
from coding.tables import read_table
from studykit import Study
from studykit.replication.checks import run_checks
from tests.support.reproduction import imported, shared_or_skip

pytestmark = pytest.mark.shared

NAME = "humbatova-icse20"


@pytest.fixture(scope="module")
def study(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Study]:
    yield from imported(NAME, tmp_path_factory.mktemp(NAME))


def labelling(round_number: int) -> Path:
    folder = shared_or_skip(NAME) / "Manual_Labelling" / "Analysed_Artifacts"
    return folder / f"round_{round_number}.xlsx"


def consensus(study: Study, dimension: str) -> pd.DataFrame:
    frame = study.table("consensus")
    return frame[frame["dimension"] == dimension]


def test_every_reported_number_is_reproduced(study: Study) -> None:
    results = run_checks(study)
    assert [r for r in results if not r.equal] == []
    found = {r.name: r.reproduced for r in results}
    assert found["Artefacts labelled"] == "1059"
    assert (found["Stack Overflow artefacts"], found["GitHub artefacts"]) == ("477", "582")
    conflicts = [found[f"Conflicts in round {r}"] for r in range(1, 7)]
    assert conflicts == ["3", "11", "8", "11", "31", "47"]
    relevant = [found[f"Relevant entries in round {r}"] for r in range(1, 7)]
    assert relevant == ["7", "16", "15", "22", "48", "50"]
    assert found["Interview codings"] == "297"
    assert (found["Interview codings accepted"], found["Interview codings rejected"]) == (
        "226",
        "19",
    )
    assert found["Distinct accepted interview tags"] == "50"
    assert found["Survey respondents"] == "21"
    assert found["Fault categories experienced by at least half of the respondents (of 15)"] == "13"


@pytest.mark.parametrize(
    ("round_number", "sheet", "wanted", "actual"),
    [
        (4, "All", "Conflict", "Conflicts"),
        (2, "All", "Conflicts", "Conflict"),
        (3, "All", "Final Tag", "FINAL TAG"),
        (4, "Relevant", "Final Tag", "Final tag"),
    ],
)
def test_column_names_drift_between_rounds(
    round_number: int, sheet: str, wanted: str, actual: str
) -> None:
    table = read_table(labelling(round_number), sheet=f"Round {round_number} {sheet}")
    assert find_column(list(table.frame.columns), wanted) == actual


def test_taxonomy_cat_and_taxonomy_category_are_one_column() -> None:
    first = read_table(labelling(1), sheet="Round 1 Relevant")
    later = read_table(labelling(2), sheet="Round 2 Relevant")
    assert find_column(list(first.frame.columns), "Taxonomy Cat") == "Taxonomy Category"
    assert find_column(list(later.frame.columns), "Taxonomy Category") == "Taxonomy Cat"


def test_round_2_has_evaluator2_but_no_tag2() -> None:
    table = read_table(labelling(2), sheet="Round 2 All")
    assert "Evaluator2" in table.frame.columns and "Tag2" not in table.frame.columns
    spec = LabelSpec(dimension="tag", long=(("Evaluator2", "Tag2"),), item="Link")
    with pytest.raises(CodingInputError, match=r"round_2\.xlsx \[Round 2 All\]: no column 'Tag2'"):
        table_labels(table, spec, LabelCoder.build())


def test_tags_are_free_text_compared_case_and_whitespace_insensitively(study: Study) -> None:
    codings = study.table("codings")
    tags = codings[codings["dimension"] == "tag"]
    assert tags["code"].nunique() > 200
    assert (tags["code"] == tags["code"].str.strip().str.casefold()).all()
    free = ~tags["code"].isin(["false_positive", "generic", "unclear"])  # the codebook's codes
    assert (tags["note"][free].map(normalise_label) == tags["code"][free]).all()


def test_the_dash_is_a_placeholder(study: Study) -> None:
    raw = read_table(labelling(6), sheet="Round 6 Relevant").frame
    assert (raw["Taxonomy Cat"] == "-").sum() == 2
    taxonomy = consensus(study, "taxonomy")
    assert "-" not in set(taxonomy["code"])
    assert len(taxonomy) == 158 - 9  # 9 relevant entries have no category
    assert set(taxonomy["code"]) <= {
        "model", "gpu_usage", "api", "tensors_inputs", "training",
        *(c for c in taxonomy["code"] if c.startswith("c")),
    }  # fmt: skip


def test_excel_dates_and_durations_are_read_as_text() -> None:
    stats = read_table(labelling(4), sheet="Stats", header_row=1)
    assert any("date/duration" in note for note in stats.notes)
    folder = shared_or_skip(NAME) / "Interviews"
    info = read_table(folder / "interview_participant_info.xlsx").frame
    assert info["Interview Length"].iloc[0] == "34:56:00"


def test_the_survey_export_has_an_id_row_and_totals_under_the_answers(study: Study) -> None:
    path = shared_or_skip(NAME) / "Survey" / "participant_info_and_responses.xlsx"
    raw = read_table(path).frame
    assert raw["ResponseId"].iloc[0].startswith('{"ImportId"')
    assert raw["ResponseId"].isna().sum() == 6
    answers = consensus(study, "survey_training_data")
    assert len(answers) == 19 and set(answers["code"]) == {"yes", "no"}  # 2 of 21 skipped it


def test_agreement_per_round_is_a_new_result(study: Study) -> None:
    from studykit.labelling.agreement import study_agreement
    from studykit.labelling.codebooks import study_codebook

    table, _ = study_agreement(
        study.table("codings"), study_codebook(study), dimensions=["initial_tag"], n_boot=1
    )
    alpha = table[table["coefficient"] == "krippendorff_alpha"].set_index("round")["estimate"]
    assert list(alpha.index) == ["1", "3", "4", "5", "6"]  # round 2 has no Tag2
    assert alpha.round(3).tolist() == [0.588, 0.394, 0.508, 0.542, 0.377]


def test_all_twenty_transcripts_become_segments(study: Study) -> None:
    """Every transcript imports; interview1-3 name their speakers only by font colour."""
    from studykit.interviews.importing import import_participants, import_transcripts

    import_participants(study)
    summaries = import_transcripts(study, [], redact_found=True)
    assert len(summaries) == 20
    segments = study.table("segments")
    speakers = segments.groupby("transcript_id")["speaker"].agg(set)
    for transcript, found in speakers.items():
        assert transcript in found and 3 <= len(found) <= 4, (transcript, found)
    for coloured in ("interview1", "interview2", "interview3"):
        assert speakers[coloured] == {coloured, "Interviewer1", "Interviewer2"}
    turns = segments[segments["transcript_id"] == "interview2"]
    assert len(turns) == 235 and turns["text"].str.len().min() > 0
