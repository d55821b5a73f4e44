"""What a report output is built from (ReportData) and what it builds (Built)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd
from matplotlib.figure import Figure

from coding.codebook import Codebook
from studykit.db import Database, reads
from studykit.db.reads import consensus_labels, item_fields
from studykit.errors import StudykitError
from studykit.manifest import OutputSpec, TechniquesSection
from studykit.tabulate.names import DIMENSION_PREFIX, FIELD_PREFIX, Name, Only
from studykit.tabulate.tables import StudyTables

CODING_COLUMNS = ("id", "item_id", "rater", "dimension", "code", "round", "note")


@dataclass
class ReportData:
    """What every output is built from, read once per report (the labels when one needs them)."""

    db: Database
    book: Codebook | None
    agreement: dict[tuple[str | None, str | None], pd.DataFrame] = field(default_factory=dict)
    techniques: TechniquesSection = field(default_factory=TechniquesSection)

    @classmethod
    def read(
        cls,
        db: Database,
        codebook: Codebook | None,
        techniques: TechniquesSection | None = None,
    ) -> ReportData:
        """The report's inputs; `codebook` is None for a study without one (e.g. a benchmark)."""
        return cls(db, codebook, techniques=techniques or TechniquesSection())

    @property
    def codebook(self) -> Codebook:
        """The study's codebook; plan_report refuses an output that needs one when there is none."""
        if self.book is None:
            raise StudykitError("the study names no codebook ([coding] codebook)")
        return self.book

    @cached_property
    def tables(self) -> StudyTables:
        """Consensus labels and item fields; a field named like a dimension is `field:NAME`."""
        return StudyTables(self.codebook, consensus_labels(self.db), item_fields(self.db))

    @property
    def labels(self) -> pd.DataFrame:
        """Consensus labels in long form: item_id, dimension, code."""
        return self.tables.labels

    @property
    def items(self) -> pd.DataFrame:
        """Item fields by item_id, as the analysis stage takes them."""
        return self.tables.items

    @cached_property
    def codings(self) -> pd.DataFrame:
        """The codings an output may need, read when one first does."""
        return reads.codings(self.db, columns=CODING_COLUMNS)

    def rater_codings(self, spec: OutputSpec) -> pd.DataFrame:
        """The codings, or an error naming the output when there are none yet."""
        if self.codings.empty:
            raise StudykitError(
                f"report output {spec.name!r} ({spec.kind}) needs rater codings; the study has none"
            )
        return self.codings

    def code_labels(self) -> dict[str, str]:
        """Display labels of every code of every dimension."""
        return {code: label for d in self.codebook.dimensions for code, label in d.labels().items()}

    def resolve(self, spec: OutputSpec, name: str, *, only: Only = None) -> Name:
        """A dimension or field an output names, resolved as every command resolves names."""
        where = f"report output {spec.name!r}"
        return self.tables.names.resolve(name, where=where, only=only)


@dataclass
class Built:
    """A built output: a figure and/or a table, a caption and headline facts."""

    caption: str
    figure: Figure | None = None
    table: pd.DataFrame | None = None
    facts: list[str] = field(default_factory=list)
    documents: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def field_title(data: ReportData, name: str) -> str:
    bare = name.split(":", 1)[1] if name.startswith((DIMENSION_PREFIX, FIELD_PREFIX)) else name
    if not name.startswith(FIELD_PREFIX) and bare in data.codebook.names():
        return data.codebook.dimension(bare).title
    return bare.replace("_", " ").capitalize()


def dimension_of(spec: OutputSpec, data: ReportData) -> str:
    if spec.dimension is None:
        raise StudykitError(f"report output {spec.name!r} ({spec.kind}) needs a dimension")
    name = data.resolve(spec, spec.dimension, only="dimension").name
    data.codebook.dimension(name)
    return name


def table_only(spec: OutputSpec, as_figure: bool) -> None:
    if as_figure:
        raise StudykitError(f"report output {spec.name!r} ({spec.kind}) is a table, not a figure")
