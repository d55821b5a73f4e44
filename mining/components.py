"""Which deep-learning component a changed file belongs to, by path rules; the first match wins.

A pattern without `/` is matched against the file name (`test_*.py`); one with `/` against
the whole path, where `**/` stands for any number of folders (none included) and `*` for any
characters within one folder. Matching ignores case. Files no rule matches are `other`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

OTHER = "other"

DEFAULT_RULES: dict[str, tuple[str, ...]] = {
    "tests": (
        "**/tests/**", "**/test/**", "**/testing/**", "test_*.py", "*_test.py", "conftest.py",
    ),
    "docs": (
        "**/docs/**", "**/doc/**", "**/tutorials/**", "*.md", "*.rst", "LICENSE*", "CITATION*",
    ),
    "environment": (
        "requirements*.txt", "**/requirements/**", "setup.py", "setup.cfg", "pyproject.toml",
        "environment*.yml", "environment*.yaml", "conda*.yml", "Dockerfile*", "*.dockerfile",
        "**/docker/**", "Pipfile", "Pipfile.lock", "poetry.lock", "MANIFEST.in", "tox.ini",
        "Makefile", "CMakeLists.txt", "*.cmake", "**/.github/**", ".travis.yml",
        "**/.circleci/**", "hubconf.py",
    ),
    "configuration": (
        "**/configs/**", "**/config/**", "*.yaml", "*.yml", "*.json", "*.cfg", "*.ini",
        "*.toml", "*config*.py", "*settings*.py", "*hparams*", "args.py", "arguments.py",
        "opts.py", "options.py", "*_args.py", "*_options.py",
    ),
    "data_pipeline": (
        "**/data/**", "**/datasets/**", "**/dataset/**", "**/dataloaders/**",
        "**/pipelines/**", "*dataset*.py", "*dataloader*.py", "*data_loader*.py",
        "transforms.py", "*_transforms.py", "transform.py", "*_transform.py", "*augment*.py",
        "*preprocess*.py", "*sampler*.py", "*tokeniz*.py", "*collate*.py",
    ),
    "training_loop": (
        "**/engine/**", "**/training/**", "**/trainers/**", "**/losses/**", "**/solver/**",
        "**/callbacks/**", "**/metrics/**", "train*.py", "*_train.py", "*trainer*.py",
        "finetune*.py", "*optim*.py", "*loss*.py", "*scheduler*.py", "*solver*.py",
        "*callback*.py", "eval*.py", "*evaluat*.py", "*metric*.py",
    ),
    "model": (
        "**/models/**", "**/model/**", "**/modeling/**", "**/modules/**", "**/layers/**",
        "**/networks/**", "**/nets/**", "**/backbones/**", "**/backbone/**", "**/heads/**",
        "**/necks/**", "**/arch/**", "**/architectures/**", "model*.py", "*_model.py",
        "*models.py", "*network*.py", "*net.py", "*layer*.py", "*backbone*.py",
        "*attention*.py", "*transformer*.py", "*encoder*.py", "*decoder*.py",
    ),
}  # fmt: skip


class ComponentRules:
    """Ordered path rules: component name to glob patterns; `classify` returns the first hit."""

    def __init__(self, rules: Mapping[str, Sequence[str]]) -> None:
        self.rules = [(name, [glob_regex(p) for p in patterns]) for name, patterns in rules.items()]

    def classify(self, path: str) -> str:
        """The component of a repository-relative path, or `other`."""
        name = path.rsplit("/", 1)[-1]
        for component, patterns in self.rules:
            for pattern, whole in patterns:
                if pattern.fullmatch(path if whole else name):
                    return component
        return OTHER


@lru_cache(maxsize=1024)
def glob_regex(pattern: str) -> tuple[re.Pattern[str], bool]:
    """A pattern's regex and whether it is matched against the whole path (it has a `/`)."""
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out), re.IGNORECASE), "/" in pattern
