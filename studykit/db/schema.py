"""The study database's tables, in SQLAlchemy Core; the same schema on SQLite and PostgreSQL.

Timestamps are ISO-8601 UTC text (`2024-03-01T12:00:00Z`) so that every backend stores and
exports them identically; lists and mappings are JSON.
"""

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

meta = Table(
    "studykit_meta",
    metadata,
    Column("key", Text, primary_key=True),
    Column("value", Text, nullable=False),
)

repositories = Table(
    "repositories",
    metadata,
    Column("full_name", Text, primary_key=True),
    Column("id", BigInteger),
    Column("owner", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("description", Text),
    Column("html_url", Text),
    Column("default_branch", Text),
    Column("language", Text),
    Column("stars", Integer),
    Column("forks", Integer),
    Column("open_issues", Integer),
    Column("created_at", Text),
    Column("updated_at", Text),
    Column("pushed_at", Text),
)

issues = Table(
    "issues",
    metadata,
    Column("repository", Text, primary_key=True),
    Column("number", Integer, primary_key=True),
    Column("id", BigInteger),
    Column("is_pull_request", Boolean, nullable=False),
    Column("title", Text),
    Column("body", Text),
    Column("state", Text),
    Column("state_reason", Text),
    Column("author", Text),
    Column("author_association", Text),
    Column("labels", JSON, nullable=False),
    Column("comments", Integer),
    Column("created_at", Text),
    Column("updated_at", Text),
    Column("closed_at", Text),
    Column("html_url", Text),
)

comments = Table(
    "comments",
    metadata,
    Column("id", BigInteger, primary_key=True),
    Column("repository", Text, nullable=False, index=True),
    Column("issue_number", Integer, nullable=False),
    Column("author", Text),
    Column("author_association", Text),
    Column("body", Text),
    Column("created_at", Text),
    Column("updated_at", Text),
    Column("html_url", Text),
)

events = Table(
    "events",
    metadata,
    Column("id", BigInteger, primary_key=True),
    Column("repository", Text, nullable=False, index=True),
    Column("issue_number", Integer, nullable=False),
    Column("event", Text, nullable=False),
    Column("actor", Text),
    Column("commit_id", Text),
    Column("label", Text),
    Column("created_at", Text),
)

pull_requests = Table(
    "pull_requests",
    metadata,
    Column("repository", Text, primary_key=True),
    Column("number", Integer, primary_key=True),
    Column("id", BigInteger),
    Column("title", Text),
    Column("body", Text),
    Column("state", Text),
    Column("author", Text),
    Column("author_association", Text),
    Column("merged_at", Text),
    Column("merge_commit_sha", Text),
    Column("created_at", Text),
    Column("updated_at", Text),
    Column("closed_at", Text),
    Column("html_url", Text),
)

review_comments = Table(
    "review_comments",
    metadata,
    Column("id", BigInteger, primary_key=True),
    Column("repository", Text, nullable=False, index=True),
    Column("pull_number", Integer, nullable=False),
    Column("in_reply_to_id", BigInteger),
    Column("author", Text),
    Column("author_association", Text),
    Column("path", Text),
    Column("commit_id", Text),
    Column("body", Text),
    Column("created_at", Text),
    Column("updated_at", Text),
    Column("html_url", Text),
)

commits = Table(
    "commits",
    metadata,
    Column("repository", Text, primary_key=True),
    Column("sha", Text, primary_key=True),
    Column("message", Text),
    Column("author", Text),
    Column("authored_at", Text),
    Column("committer", Text),
    Column("committed_at", Text),
    Column("html_url", Text),
)

items = Table(
    "items",
    metadata,
    Column("id", Text, primary_key=True),
    Column("kind", Text, nullable=False),
    Column("source", Text),
    Column("repository", Text),
    Column("issue_number", Integer),
    Column("link", Text),
    Column("title", Text),
    Column("text", Text),
    Column("created_at", Text),
    Column("meta", JSON, nullable=False),
)

samples = Table(
    "samples",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False, unique=True),
    Column("size", Integer, nullable=False),
    Column("population", Integer, nullable=False),
    Column("strata", Text),
    Column("seed", Integer, nullable=False),
    Column("filter", JSON, nullable=False),
    Column("method", Text, nullable=False),
    Column("created_at", Text, nullable=False),
)

sample_items = Table(
    "sample_items",
    metadata,
    Column("sample_id", Integer, ForeignKey("samples.id"), primary_key=True),
    Column("item_id", Text, ForeignKey("items.id"), primary_key=True),
    Column("stratum", Text),
)

codings = Table(
    "codings",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("item_id", Text, ForeignKey("items.id"), nullable=False, index=True),
    Column("rater", Text, nullable=False),
    Column("dimension", Text, nullable=False),
    Column("code", Text, nullable=False),
    Column("round", Text, nullable=False),
    Column("coded_at", Text, nullable=False),
    Column("note", Text),
    Column("source", Text),
    Column("codebook", Text),
    Column("suggestion_visible", Boolean),
    UniqueConstraint("item_id", "rater", "dimension", "round", "code"),
)
"""`suggestion_visible`: whether a model's suggestion was shown to the rater when the coding was
made (the workspace, a sheet with a suggestion column); NULL where nobody knows (codings made
before schema version 9, imported replication packages, QDA projects)."""

codebooks = Table(
    "codebooks",
    metadata,
    Column("content_hash", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("version", Text),
    Column("source", Text),
    Column("document", Text, nullable=False),
    Column("stored_at", Text, nullable=False),
)

codebook_changes = Table(
    "codebook_changes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("operation", Text, nullable=False),
    Column("dimension", Text, nullable=False),
    Column("codes_from", JSON, nullable=False),
    Column("codes_to", JSON, nullable=False),
    Column("codings_changed", Integer, nullable=False),
    Column("consensus_changed", Integer, nullable=False),
    Column("codebook_before", Text, nullable=False),
    Column("codebook_after", Text, nullable=False),
    Column("note", Text),
    Column("applied_at", Text, nullable=False),
)

consensus = Table(
    "consensus",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("item_id", Text, ForeignKey("items.id"), nullable=False, index=True),
    Column("dimension", Text, nullable=False),
    Column("code", Text, nullable=False),
    Column("round", Text, nullable=False),
    Column("method", Text, nullable=False),
    Column("rationale", Text),
    Column("decided_at", Text, nullable=False),
    Column("decided_by", Text),  # who recorded it in the workspace; NULL from `consensus`
    UniqueConstraint("item_id", "dimension", "code"),
)

participants = Table(
    "participants",
    metadata,
    Column("id", Text, primary_key=True),
    Column("role", Text),
    Column("experience_years", Float),
    Column("org_size", Text),
    Column("domain", Text),
    Column("attributes", JSON, nullable=False),
)

transcripts = Table(
    "transcripts",
    metadata,
    Column("id", Text, primary_key=True),
    Column("participant_id", Text, ForeignKey("participants.id")),
    Column("source_file", Text, nullable=False),
    Column("format", Text, nullable=False),
    Column("imported_at", Text, nullable=False),
)

segments = Table(
    "segments",
    metadata,
    Column("id", Text, primary_key=True),
    Column("transcript_id", Text, ForeignKey("transcripts.id"), nullable=False, index=True),
    Column("seq", Integer, nullable=False),
    Column("speaker", Text),
    Column("start_seconds", Float),
    Column("end_seconds", Float),
    Column("text", Text, nullable=False),
)

survey_responses = Table(
    "survey_responses",
    metadata,
    Column("respondent_id", Text, primary_key=True),
    Column("question", Text, primary_key=True),
    Column("answer", Text),
)

mining_state = Table(
    "mining_state",
    metadata,
    Column("repository", Text, primary_key=True),
    Column("resource", Text, primary_key=True),
    Column("state", JSON, nullable=False),
    Column("updated_at", Text, nullable=False),
)

cross_references = Table(
    "cross_references",
    metadata,
    Column("repository", Text, primary_key=True),
    Column("issue_number", Integer, primary_key=True),
    Column("source_repository", Text, primary_key=True),
    Column("source_number", Integer, primary_key=True),
    Column("source_is_pull_request", Boolean, nullable=False),
    Column("source_merged_at", Text),
    Column("source_state", Text),
    Column("created_at", Text),
)

fix_links = Table(
    "fix_links",
    metadata,
    Column("repository", Text, primary_key=True),
    Column("issue_number", Integer, primary_key=True),
    Column("kind", Text, primary_key=True),
    Column("fix_repository", Text, primary_key=True),
    Column("target", Text, primary_key=True),
    Column("evidence", Text, primary_key=True),
)

commit_files = Table(
    "commit_files",
    metadata,
    Column("repository", Text, primary_key=True),
    Column("sha", Text, primary_key=True),
    Column("path", Text, primary_key=True),
    Column("old_path", Text),
    Column("change_type", Text, nullable=False),
    Column("added_lines", Integer, nullable=False),
    Column("deleted_lines", Integer, nullable=False),
    Column("component", Text, nullable=False),
)

survey_questions = Table(
    "survey_questions",
    metadata,
    Column("id", Text, primary_key=True),
    Column("position", Integer, nullable=False),
    Column("kind", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("label", Text, nullable=False),
    Column("scale", JSON, nullable=False),
)

pii_findings = Table(
    "pii_findings",
    metadata,
    Column("segment_id", Text, ForeignKey("segments.id"), primary_key=True),
    Column("start", Integer, primary_key=True),
    Column("end", Integer, nullable=False),
    Column("kind", Text, nullable=False),
    Column("status", Text, nullable=False),
)

imports = Table(
    "imports",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", Text, nullable=False),
    Column("target", Text, nullable=False),
    Column("options", JSON, nullable=False),
    Column("counts", JSON, nullable=False),
    Column("stored", JSON, nullable=False),
    Column("imported_at", Text, nullable=False),
)

technique_runs = Table(
    "technique_runs",
    metadata,
    Column("metric", Text, primary_key=True),
    Column("technique", Text, primary_key=True),
    Column("subject", Text, primary_key=True),
    Column("factors", Text, primary_key=True),
    Column("run", Text, primary_key=True),
    Column("value", Float, nullable=False),
    Column("higher_is_better", Boolean, nullable=False),
    Column("source", Text, nullable=False),
    Column("source_row", Integer, nullable=False),
    Column("imported_at", Text, nullable=False),
)

workspace_rounds = Table(
    "workspace_rounds",
    metadata,
    Column("round", Text, primary_key=True),
    Column("closed_at", Text, nullable=False),
    Column("closed_by", Text, nullable=False),
)

workspace_marks = Table(
    "workspace_marks",
    metadata,
    Column("item_id", Text, ForeignKey("items.id"), primary_key=True),
    Column("rater", Text, primary_key=True),
    Column("round", Text, primary_key=True),
    Column("note", Text, nullable=False),
    Column("unsure", Boolean, nullable=False),
    Column("updated_at", Text, nullable=False),
)

CODINGS_BY_RATER = Index(
    "ix_codings_rater_round_item",
    codings.c.rater,
    codings.c.round,
    codings.c.item_id,
    codings.c.dimension,
)
"""A rater's codings of a round by item and dimension: the workspace reads its progress so."""


screening_served = Table(
    "screening_served",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("item_id", Text, ForeignKey("items.id"), nullable=False, index=True),
    Column("dimension", Text, nullable=False),
    Column("rater", Text),
    Column("served_by", Text, nullable=False),
    Column("rank", Integer, nullable=False),
    Column("score", Float),
    Column("model", Text),
    Column("served_at", Text, nullable=False),
)

token_budgets = Table(
    "token_budgets",
    metadata,
    Column("fingerprint", Text, primary_key=True),
    Column("resource", Text, primary_key=True),
    Column("source", Text, nullable=False),
    Column("host", Text, nullable=False),
    Column("remaining", Integer),
    Column("limit", Integer),
    Column("reset_at", Text),
    Column("seen_at", Text, nullable=False),
)
"""The rate limit each worker's token had left when GitHub last answered it, by fingerprint
(a SHA-256 prefix; the token itself is never stored) and rate-limit resource (core, graphql);
`source` names where the token came from (environment variable and position)."""

DATA_TABLES = tuple(t for t in metadata.sorted_tables if t.name != meta.name)
