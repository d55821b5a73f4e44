"""Each item's text for the models: title, text and, for GitHub issues, labels and comments."""

from __future__ import annotations

import pandas as pd

from studykit.db import Database


def item_texts(db: Database) -> pd.DataFrame:
    """item_id, repository, text: an item's title and text, its issue's labels and comments."""
    items = db.read("items", columns=["id", "repository", "issue_number", "title", "text"])
    issues = db.read("issues", columns=["repository", "number", "labels"])
    comments = db.read("comments", columns=["repository", "issue_number", "body"])
    joined = (
        comments.dropna(subset=["body"])
        .groupby(["repository", "issue_number"])["body"]
        .agg("\n".join)
        .rename("comments")
        .reset_index()
    )
    issues["issue_labels"] = [" ".join(map(str, labels or [])) for labels in issues["labels"]]
    frame = items.merge(
        issues[["repository", "number", "issue_labels"]],
        left_on=["repository", "issue_number"],
        right_on=["repository", "number"],
        how="left",
    ).merge(joined, on=["repository", "issue_number"], how="left")
    columns = ["title", "text", "issue_labels", "comments"]
    parts = frame[columns].astype(object).fillna("").astype(str)
    text = parts.agg("\n".join, axis=1).str.strip()
    return pd.DataFrame(
        {"item_id": frame["id"], "repository": frame["repository"], "text": text}
    ).sort_values("item_id", ignore_index=True)
