"""Mine GitHub live into a study: tokens from the environment, a resumable miner per repository."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Literal, Unpack

from mining.client import FetchPolicy, GitHubClient, Sleep
from mining.errors import FetchError
from mining.graphql.client import GraphQLClient
from mining.graphql.miner import GraphQLRepositoryMiner
from mining.miner import MinerOptions, PageHook, RepositoryMiner, RepositoryReport
from mining.run_lock import mining_run
from mining.sink import MiningSink
from studykit.collect.sampling import issue_filter
from studykit.collect.sink import DatabaseSink
from studykit.errors import InputError
from studykit.study import Study

TOKEN_ENV = "GITHUB_TOKEN"
Api = Literal["rest", "graphql"]
BACKOFF_ENV = "STUDYKIT_MINING_BACKOFF"
SECONDARY_WAIT_ENV = "STUDYKIT_MINING_SECONDARY_WAIT"


def github_tokens(environ: Mapping[str, str] = os.environ) -> list[str]:
    """The tokens in GITHUB_TOKEN (several may be given, comma-separated)."""
    return [t.strip() for t in environ.get(TOKEN_ENV, "").split(",") if t.strip()]


def fetch_policy(environ: Mapping[str, str] = os.environ) -> FetchPolicy:
    """The retry policy, with the back-off base and secondary-limit wait from the environment."""
    default = FetchPolicy()
    return FetchPolicy(
        backoff_base=_seconds(environ, BACKOFF_ENV, default.backoff_base),
        secondary_wait=_seconds(environ, SECONDARY_WAIT_ENV, default.secondary_wait),
    )


def _seconds(environ: Mapping[str, str], name: str, default: float) -> float:
    if name not in environ:
        return default
    try:
        return float(environ[name])
    except ValueError:
        raise InputError(f"{name}={environ[name]!r} is not a number of seconds") from None


def mine_live(
    study: Study,
    repositories: Sequence[str],
    *,
    api_url: str,
    tokens: Sequence[str],
    sleep: Sleep | None = None,
    on_page: PageHook | None = None,
    policy: FetchPolicy | None = None,
    api: Api | None = None,
) -> list[RepositoryReport]:
    """Mine each repository into the study; a permanent failure is reported and the rest go on.

    `api` (default: the manifest's `[github] api`) picks REST or GraphQL; GraphQL needs a
    token. One run at a time per study: a second is refused, naming the run that holds the
    archive.
    """
    api = api or study.manifest.github.api
    if api == "graphql" and not tokens:
        raise InputError(f"the GraphQL API needs a token: set {TOKEN_ENV}, or mine with --api rest")
    chosen = policy or fetch_policy()
    client = GitHubClient(api_url, tokens, policy=chosen, sleep=sleep)
    sink = DatabaseSink(study.db)
    root = study.manifest.resolve(study.manifest.github.archive)
    options: MinerOptions = {
        "scope": issue_filter(study.manifest.filter),
        "on_page": on_page,
        "review_comments": study.manifest.github.review_comments,
    }
    reports = []
    with mining_run(root):
        study.db.check_integrity()
        for repository in repositories:
            rest = GitHubClient(api_url, tokens, policy=chosen, sleep=sleep)
            miner = make_miner(api, client, sink, root, repository, rest=rest, **options)
            reports.append(run_miner(miner))
    return reports


def make_miner(
    api: Api,
    client: GitHubClient,
    sink: MiningSink,
    root: Path,
    repository: str,
    *,
    rest: GitHubClient,
    **options: Unpack[MinerOptions],
) -> RepositoryMiner | GraphQLRepositoryMiner:
    """The miner of one repository through the chosen API (GraphQL takes review comments from
    `rest`, a client of its own for the REST budget)."""
    if api == "graphql":
        graphql = GraphQLClient(client)
        return GraphQLRepositoryMiner(client, graphql, sink, root, repository, rest=rest, **options)
    return RepositoryMiner(client, sink, root, repository, **options)


def run_miner(miner: RepositoryMiner | GraphQLRepositoryMiner) -> RepositoryReport:
    """Run a miner; a permanent failure (FetchError) is kept in its report, not raised."""
    try:
        return miner.run()
    except FetchError as exc:
        miner.report.error = str(exc)
        return miner.report
