"""Names a command takes for a dimension or an item field, resolved the same way everywhere.

A name is a dimension (its consensus labels) or an item field (a column or meta key of the
items). A name that is both is refused unless written `dimension:NAME` or `field:NAME`. The
analysis stage gets item fields under the key `field:NAME` when a dimension has that name, so
that the stage, which tries item columns first, can never take one for the other.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from studykit.errors import StudykitError

DIMENSION_PREFIX = "dimension:"
FIELD_PREFIX = "field:"
NAMES_HELP = (
    "A name that is both a dimension and an item field must be written "
    "dimension:NAME or field:NAME."
)
Only = Literal["dimension", "field"] | None
_ONLY = {"dimension": " dimension", "field": "n item field"}


@dataclass(frozen=True)
class Name:
    """A resolved name: what it is, and the key the analysis stage knows it by."""

    name: str
    is_dimension: bool
    key: str

    def describe(self) -> str:
        """One line saying which of the two the name was taken as."""
        what = "dimension (consensus labels)" if self.is_dimension else "item field"
        return f"{self.name}: {what}"


@dataclass(frozen=True)
class Names:
    """The dimensions and item fields of a study, to resolve names against."""

    dimensions: frozenset[str]
    fields: frozenset[str]

    @classmethod
    def of(cls, dimensions: Iterable[str], items: pd.DataFrame) -> Names:
        """Dimensions given, fields the columns of `items` (as `item_fields` returns them)."""
        fields = {str(c) for c in items.columns if c != "item_id"}
        return cls(frozenset(dimensions), frozenset(fields))

    def resolve(self, text: str, *, where: str, only: Only = None) -> Name:
        """The dimension or field `text` names; refuse a name that is both, or neither.

        `only` says the place takes only a dimension or only a field: there a bare name is
        taken as that, and a name prefixed with the other kind is refused.
        """
        name = text.strip()
        if name.startswith((DIMENSION_PREFIX, FIELD_PREFIX)):
            is_dimension = name.startswith(DIMENSION_PREFIX)
            bare = name.split(":", 1)[1].strip()
            if only is not None and is_dimension != (only == "dimension"):
                raise StudykitError(f"{where}: {text!r} is not a{_ONLY[only]}; this takes one")
            return self._dimension(bare, where) if is_dimension else self._field(bare, where)
        if only == "dimension":
            return self._dimension(name, where)
        if only == "field":
            return self._field(name, where)
        if name in self.dimensions and name in self.fields:
            raise StudykitError(
                f"{where}: {name!r} is both a dimension and an item field; write "
                f"{DIMENSION_PREFIX}{name} (its consensus labels) or {FIELD_PREFIX}{name} "
                "(the items' own value)"
            )
        return self._dimension(name, where) if name in self.dimensions else self._field(name, where)

    def _dimension(self, name: str, where: str) -> Name:
        if name not in self.dimensions:
            known = ", ".join(sorted(self.dimensions)) or "none"
            raise StudykitError(f"{where}: no dimension {name!r}; the dimensions are: {known}")
        return Name(name, True, name)

    def _field(self, name: str, where: str) -> Name:
        if name not in self.fields and name in self.dimensions:
            raise StudykitError(f"{where}: {name!r} is a dimension, not an item field")
        if name not in self.fields:
            raise StudykitError(
                f"{where}: {name!r} is neither a dimension nor an item field; "
                f"dimensions: {', '.join(sorted(self.dimensions)) or 'none'}; "
                f"fields: {', '.join(sorted(self.fields)) or 'none'}"
            )
        return Name(name, False, f"{FIELD_PREFIX}{name}" if name in self.dimensions else name)

    def analysis_items(self, items: pd.DataFrame) -> pd.DataFrame:
        """`items` with every field named like a dimension renamed to `field:NAME`."""
        clash = {c: f"{FIELD_PREFIX}{c}" for c in items.columns if c in self.dimensions}
        return items.rename(columns=clash)
