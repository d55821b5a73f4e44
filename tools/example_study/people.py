"""Accounts: invented logins, bots, and the maintainers, contributors and users of each
repository."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tools.example_study.constants import ORG
from tools.example_study.design import REPO_PLANS
from tools.example_study.helpers import pick


@dataclass(frozen=True)
class User:
    """A fictional GitHub account."""

    login: str
    id: int
    type: str = "User"


ADJECTIVES = (
    "quiet",
    "rapid",
    "tiny",
    "lazy",
    "brave",
    "fuzzy",
    "cosmic",
    "silent",
    "amber",
    "polar",
    "lunar",
    "rusty",
    "mellow",
    "sharp",
    "vivid",
    "sparse",
    "frozen",
    "shiny",
    "humble",
    "salty",
    "sleepy",
    "mighty",
    "clever",
    "dusty",
    "gentle",
    "wild",
)
NOUNS = (
    "otter",
    "tensor",
    "pixel",
    "kernel",
    "anchor",
    "voxel",
    "falcon",
    "lemur",
    "gradient",
    "badger",
    "photon",
    "sparrow",
    "matrix",
    "tiger",
    "octopus",
    "walrus",
    "raven",
    "heron",
    "conv",
    "batch",
    "koala",
    "bison",
    "lynx",
    "gecko",
    "ferret",
    "quokka",
    "stride",
)

STALE_BOT = User("synthetic-stale[bot]", 91230001, "Bot")
CI_BOT = User("synthetic-ci[bot]", 91230002, "Bot")
DEPENDABOT = User("dependabot[bot]", 49699333, "Bot")
WEB_FLOW = User("web-flow", 19864447)
ORG_USER = User(ORG, 90000001, "Organization")


def make_logins(rng: np.random.Generator, n: int) -> list[User]:
    """Generate n unique, obviously made-up GitHub logins with ids."""
    users: list[User] = []
    seen: set[str] = set()
    while len(users) < n:
        a, b = pick(rng, ADJECTIVES), pick(rng, NOUNS)
        form = int(rng.integers(5))
        login = [
            f"{a}-{b}",
            f"{a}{b}{int(rng.integers(10, 99))}",
            f"{b}_{a}",
            f"{b}{int(rng.integers(100, 999))}",
            f"{a}-{b}-cv",
        ][form]
        if login in seen:
            continue
        seen.add(login)
        users.append(User(login, int(rng.integers(1_000_000, 160_000_000))))
    return users


@dataclass
class People:
    """The accounts active in one repository, by author_association."""

    by_assoc: dict[str, list[User]]

    def maintainers(self) -> list[User]:
        """Accounts that triage, merge and close (OWNER, MEMBER, COLLABORATOR)."""
        return self.by_assoc["OWNER"] + self.by_assoc["MEMBER"] + self.by_assoc["COLLABORATOR"]

    def assoc(self, user: User) -> str:
        """The author_association of a user in this repository."""
        if user.type == "Bot":
            return "NONE"
        for name, users in self.by_assoc.items():
            if user in users:
                return name
        return "NONE"


def make_people(rng: np.random.Generator, pool: list[User]) -> dict[str, People]:
    """Assign accounts to repositories and roles; re-users may appear in several repositories."""
    people: dict[str, People] = {}
    order = rng.permutation(len(pool))
    cursor = 0

    def take(k: int) -> list[User]:
        nonlocal cursor
        chosen = [pool[int(i)] for i in order[cursor : cursor + k]]
        cursor += k
        return chosen

    core = {
        plan.name: {
            "OWNER": take(1),
            "MEMBER": take(2),
            "COLLABORATOR": take(2),
            "CONTRIBUTOR": take(8),
            "FIRST_TIME_CONTRIBUTOR": take(6),
        }
        for plan in REPO_PLANS
    }
    crowd = [pool[int(i)] for i in order[cursor:]]
    for plan in REPO_PLANS:
        idx = rng.choice(len(crowd), size=75, replace=False)
        core[plan.name]["NONE"] = [crowd[int(i)] for i in sorted(idx)]
        people[plan.name] = People(core[plan.name])
    return people
