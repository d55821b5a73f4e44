"""The report's agreement figure shows the coefficient the manifest names (`coefficient = ...`):
every name the agreement table produces is accepted, an unknown one is refused with the list."""

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pytest

from coding import COEFFICIENTS
from studykit.errors import ManifestError, StudykitError
from studykit.labelling.agreement import study_agreement
from studykit.manifest import OutputSpec, load_manifest
from studykit.study import Study
from tests.support.example_study import load_example

if TYPE_CHECKING:
    from studykit.report.model import Built

MANIFEST = """[study]
name = "coefficients"

[[report.figures]]
name = "agreement"
kind = "agreement"
coefficient = "{coefficient}"
"""


def manifest_with(tmp_path: Path, coefficient: str) -> Path:
    path = tmp_path / "study.toml"
    path.write_text(MANIFEST.format(coefficient=coefficient))
    return path


@pytest.mark.parametrize("coefficient", COEFFICIENTS)
def test_every_coefficient_of_the_agreement_table_is_accepted(
    tmp_path: Path, coefficient: str
) -> None:
    manifest = load_manifest(manifest_with(tmp_path, coefficient))
    assert manifest.report.figures[0].coefficient == coefficient


def test_an_unknown_coefficient_is_refused_with_the_valid_names(tmp_path: Path) -> None:
    path = manifest_with(tmp_path, "cohens_kappa")
    with pytest.raises(ManifestError) as caught:
        load_manifest(path)
    message = str(caught.value)
    assert str(path) in message and "[report] figures.0.coefficient" in message
    assert "'cohens_kappa'" in message
    assert all(name in message for name in COEFFICIENTS)


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Study:
    path = tmp_path_factory.mktemp("coefficient") / "study.sqlite"
    return load_example(f"sqlite:///{path}")


def build(example: Study, coefficient: str | None, dimension: str | None = None) -> "Built":
    from studykit.labelling.codebooks import report_codebook
    from studykit.report.model import ReportData
    from studykit.report.outputs.agreement import build_agreement

    spec = OutputSpec(
        name="agreement", kind="agreement", coefficient=coefficient, dimension=dimension
    )
    return build_agreement(spec, ReportData.read(example.db, report_codebook(example)), True)


def test_the_figure_shows_the_named_coefficient(example: Study) -> None:
    from studykit.labelling.codebooks import report_codebook

    table, _ = study_agreement(example.db.read("codings"), report_codebook(example))
    unweighted = table["variant"].isin(["unweighted", "nominal", "ordinal", "masi"])
    for coefficient, axis in [("cohen_kappa", "Cohen's \u03ba"), (None, "Krippendorff's \u03b1")]:
        ax = build(example, coefficient).figure.axes[0]
        assert ax.get_xlabel() == axis
        named = table[(table["coefficient"] == (coefficient or "krippendorff_alpha")) & unweighted]
        assert len(named) == len(named.drop_duplicates(["dimension", "round"])) >= 8
        dots = next(line for line in ax.lines if line.get_marker() == "o")
        assert np.allclose(sorted(dots.get_xdata()), sorted(named["estimate"]))


def test_a_coefficient_the_table_lacks_is_named_in_the_error(example: Study) -> None:
    # symptom is multi-label: percent agreement and alpha only, no Cohen's kappa
    with pytest.raises(StudykitError, match=r"no cohen_kappa in the agreement table \(it has "):
        build(example, "cohen_kappa", "symptom")
