"""Representative quotes per theme, with participant ids, as Markdown and LaTeX.

A quote is a coded segment. Per theme, the picks favour segments that are about that theme
alone (fewest other themes), of a readable length, from as many different participants as
possible; ties go to the earlier segment id, so the choice is deterministic.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from analysis._checks import require_columns
from analysis._labels import display_label
from analysis.table_writers import escape_latex

QUOTE_COLUMNS = ["theme", "participant_id", "segment_id", "quote"]


def shorten(text: str, max_words: int) -> str:
    """The text cut after `max_words` words, at a sentence end when one is near, with [...]."""
    words = text.split()
    if len(words) <= max_words:
        return text
    cut = " ".join(words[:max_words])
    end = max(cut.rfind(". "), cut.rfind("? "), cut.rfind("! "))
    return (cut[: end + 1] if end > len(cut) // 2 else cut) + " [...]"


def pick_quotes(
    segments: pd.DataFrame,
    labels: pd.DataFrame,
    *,
    per_theme: int = 3,
    min_words: int = 12,
    max_words: int = 60,
    order: list[str] | None = None,
) -> pd.DataFrame:
    """Up to `per_theme` quotes per theme (code in `labels`), one per participant first."""
    require_columns(segments, ["segment_id", "participant_id", "text"], name="segments")
    require_columns(labels, ["segment_id", "code"], name="labels")
    themes_of = labels.groupby("segment_id")["code"].nunique()
    text = segments.set_index("segment_id")
    rows = []
    used = set(pd.unique(labels["code"]))
    for theme in [t for t in (order or sorted(used)) if t in used]:
        ids = sorted(set(labels.loc[labels["code"] == theme, "segment_id"]) & set(text.index))
        candidates = pd.DataFrame(
            {
                "segment_id": ids,
                "participant_id": [text.at[i, "participant_id"] for i in ids],
                "others": [int(themes_of[i]) - 1 for i in ids],
                "words": [len(str(text.at[i, "text"]).split()) for i in ids],
            }
        )
        candidates["short"] = candidates["words"] < min_words
        ranked = candidates.sort_values(["short", "others", "segment_id"]).copy()
        ranked["turn"] = ranked.groupby("participant_id").cumcount()
        for record in (
            ranked.sort_values(["turn", "short", "others", "segment_id"])
            .head(per_theme)
            .itertuples()
        ):
            rows.append(
                {
                    "theme": theme,
                    "participant_id": record.participant_id,
                    "segment_id": record.segment_id,
                    "quote": shorten(str(text.at[record.segment_id, "text"]), max_words),
                }
            )
    return pd.DataFrame(rows, columns=QUOTE_COLUMNS)


def quotes_markdown(
    quotes: pd.DataFrame, *, labels: Mapping[str, str] | None = None, level: int = 2
) -> str:
    """The quotes as Markdown: a section (heading of `level`) per theme, block quotes with ids."""
    lines = []
    for theme, group in quotes.groupby("theme", sort=False):
        lines += [f"{'#' * level} {display_label(theme, labels)}", ""]
        for row in group.itertuples(index=False):
            lines += [f"> {row.quote}", ">", f"> — {row.participant_id} ({row.segment_id})", ""]
    return "\n".join(lines).rstrip() + "\n"


def quotes_latex(quotes: pd.DataFrame, *, labels: Mapping[str, str] | None = None) -> str:
    """The quotes as LaTeX: a \\paragraph per theme, each quote in a quote environment."""
    lines = []
    for theme, group in quotes.groupby("theme", sort=False):
        lines += [rf"\paragraph{{{escape_latex(display_label(theme, labels))}}}", ""]
        for row in group.itertuples(index=False):
            lines += [
                r"\begin{quote}",
                rf"``{escape_latex(str(row.quote))}''",
                rf"\hfill --- {escape_latex(str(row.participant_id))}",
                r"\end{quote}",
                "",
            ]
    return "\n".join(lines).rstrip() + "\n"
