"""The labelled screening data of Humbatova et al. (ICSE 2020), read from ../shared/datasets.

Records: the Stack Overflow artefacts the authors analysed in their six labelling rounds
(Manual_Labelling/Analysed_Artifacts/round_N.xlsx, sheet "Round N All"), each with its title
from SO_init/*.csv (Windows-1252 text), joined by link. Relevant: the artefact is on the
round's "Relevant" sheet. Nothing is copied into the repository.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

PACKAGE = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "humbatova-icse20"
LABELLING = PACKAGE / "Manual_Labelling"


def stack_overflow_titles(labelling: Path = LABELLING) -> pd.DataFrame:
    """link, title, relevant (0/1), round: the analysed Stack Overflow artefacts."""
    titles = pd.concat(
        [pd.read_csv(path, encoding="cp1252") for path in sorted(labelling.glob("SO_init/*.csv"))]
    ).drop_duplicates("Link")
    rows = []
    for number in range(1, 7):
        sheets = pd.read_excel(
            labelling / "Analysed_Artifacts" / f"round_{number}.xlsx", sheet_name=None
        )
        relevant = set(sheets[f"Round {number} Relevant"]["Link"])
        for link in sheets[f"Round {number} All"]["Link"]:
            rows.append({"link": link, "relevant": int(link in relevant), "round": number})
    artefacts = pd.DataFrame(rows)
    artefacts = artefacts[artefacts["link"].str.contains("stackoverflow.com", regex=False)]
    joined = artefacts.merge(titles, left_on="link", right_on="Link", how="left")
    missing = int(joined["Title"].isna().sum())
    if missing:
        raise ValueError(f"{missing} analysed Stack Overflow artefacts have no title in SO_init")
    return joined.rename(columns={"Title": "title"})[["link", "title", "relevant", "round"]]
