"""Manifest sections of a reproduction: [[imports]] (the options of `studykit import items|labels`)
and [[checks]] (numbers a paper reports, and how to recompute each from the study database)."""

from __future__ import annotations

import unicodedata
from typing import Any, Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, field_validator


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _text(value: object) -> object:
    return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else value


READ_OPTIONS = ("sheet", "header_row", "sep", "encoding", "skip", "footer")
"""The fields of an ImportSpec that `coding.tables.read_table` takes."""
ITEM_OPTIONS = ("item", "item_prefix", "columns", "kind", "constants")
"""The fields of an ImportSpec that `coding.item_import.table_items` takes (and `na`)."""


class ImportSpec(_Entry):
    """One [[imports]] entry: a file of items or labels and where its columns are."""

    what: Literal["items", "labels"]
    file: str
    sheet: str | None = None
    header_row: int | None = Field(default=None, ge=1)
    skip: int = Field(default=0, ge=0)
    footer: int = Field(default=0, ge=0)
    sep: str | None = None
    encoding: str | None = None
    item: str = "@row"
    item_prefix: str = ""
    na: list[str] = Field(default_factory=list)
    columns: dict[str, str] = Field(default_factory=dict)
    kind: str | None = None
    dimension: str | None = None
    dimensions: dict[str, str] = Field(default_factory=dict)
    raters: dict[str, str] = Field(default_factory=dict)
    long: list[str] = Field(default_factory=list)
    rater: str | None = None
    final: str | None = None
    round: str = "1"
    map: str | None = None
    case_sensitive: bool = False
    keep_unmapped: bool = False
    constants: dict[str, str] = Field(
        default_factory=dict,
        validation_alias=AliasChoices("set", "constants"),
        serialization_alias="set",
    )

    _as_text = field_validator("round", "sheet", mode="before")(_text)

    @field_validator("round")
    @classmethod
    def _composed_round(cls, value: str) -> str:
        """The round in Unicode composed form (NFC), as sheets and declared rounds are."""
        return unicodedata.normalize("NFC", value)

    def options(self, names: tuple[str, ...]) -> dict[str, Any]:
        """These fields by name, as keyword arguments of the stage function that takes them."""
        return {name: getattr(self, name) for name in names}

    @field_validator("constants", mode="before")
    @classmethod
    def _constants_text(cls, value: object) -> object:
        return {k: _text(v) for k, v in value.items()} if isinstance(value, dict) else value


Measure = Literal["share", "count", "distinct", "dimensions", "agreement", "pooled_agreement"]


class CheckSpec(_Entry):
    """One [[checks]] entry: a reported number and the query that recomputes it."""

    name: str
    measure: Measure = "share"
    reported: str = ""
    count: int | None = None
    of: int | None = None
    percent: int | float | None = None
    value: float | None = None
    decimals: int = Field(default=3, ge=0, le=6)
    dimension: str | None = None
    codes: list[str] = Field(default_factory=list)
    where: dict[str, str | list[str]] = Field(default_factory=dict)
    round: str | None = None
    field: str | None = None
    dimensions: list[str] = Field(default_factory=list)
    coefficient: str = "cohen_kappa"
    at_least: float = Field(default=0.5, ge=0, le=1)
    lowercase: bool = False

    _as_text = field_validator("round", mode="before")(_text)

    @field_validator("where", mode="before")
    @classmethod
    def _where_text(cls, value: object) -> object:
        if not isinstance(value, dict):
            return value
        return {
            k: [_text(x) for x in v] if isinstance(v, list) else _text(v) for k, v in value.items()
        }
