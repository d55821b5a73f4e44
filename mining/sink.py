"""What the miner needs from storage: rows and checkpoints written together, and read back.

studykit implements it over the study database (studykit/collect/sink.py); a test or another
tool may implement it over anything that commits a page's rows and checkpoints atomically.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

import pandas as pd

State = dict[str, Any]
"""A checkpoint: plain JSON-able data the miner alone interprets."""


class MiningSink(Protocol):
    """Storage for mined rows and per-resource checkpoints of each repository."""

    def load_state(self, repository: str) -> dict[str, State]:
        """Every checkpoint stored for a repository, by resource key."""
        ...

    def store(
        self,
        repository: str,
        table: str | None,
        rows: Sequence[Mapping[str, Any]],
        states: Mapping[str, State],
    ) -> None:
        """Upsert rows into `table` and replace the given checkpoints, all or nothing."""
        ...

    def read(self, table: str, repository: str) -> pd.DataFrame:
        """The stored rows of a table that belong to one repository."""
        ...
