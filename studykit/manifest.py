"""The study manifest (`study.toml`): typed settings for every stage, validated on load."""

from __future__ import annotations

import difflib
import re
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from coding.errors import CodingInputError
from coding.file_limits import MAX_DOCUMENT_BYTES, check_size
from mining.components import DEFAULT_RULES
from studykit.errors import ManifestError
from studykit.replication.specs import CheckSpec, ImportSpec

DEFAULT_MANIFEST = "study.toml"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StudySection(_Section):
    """[study]: what the study is called, where its database lives and where studykit keeps
    what it can rebuild (the screening features)."""

    name: str
    description: str = ""
    database: str = "sqlite:///study.sqlite"
    cache: str = "cache"


class GithubSection(_Section):
    """[github]: the repositories to mine and where their raw responses are archived."""

    repositories: list[str] = Field(default_factory=list)
    archive: str = "archive"
    api_url: str = "https://api.github.com"
    clones: str = "clones"
    clone_url: str = "https://github.com/{repository}.git"
    review_comments: bool = False
    api: Literal["rest", "graphql"] = "rest"

    @field_validator("repositories")
    @classmethod
    def _owner_slash_name(cls, value: list[str]) -> list[str]:
        for repo in value:
            if repo.count("/") != 1 or not all(repo.split("/")):
                raise ValueError(f"{repo!r} is not of the form OWNER/REPO")
        return value


class FilterSection(_Section):
    """[filter]: which mined issues become items of the study."""

    state: Literal["open", "closed", "all"] = "all"
    pull_requests: bool = False
    labels: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    match: Literal["any", "all"] = "any"
    exclude_labels: list[str] = Field(default_factory=list)
    created_after: str | None = None
    created_before: str | None = None
    require_fix: bool = False


class ComponentsSection(_Section):
    """[components]: path globs giving each changed file its DL component; first match wins."""

    tests: list[str] = Field(default_factory=lambda: list(DEFAULT_RULES["tests"]))
    docs: list[str] = Field(default_factory=lambda: list(DEFAULT_RULES["docs"]))
    environment: list[str] = Field(default_factory=lambda: list(DEFAULT_RULES["environment"]))
    configuration: list[str] = Field(default_factory=lambda: list(DEFAULT_RULES["configuration"]))
    data_pipeline: list[str] = Field(default_factory=lambda: list(DEFAULT_RULES["data_pipeline"]))
    training_loop: list[str] = Field(default_factory=lambda: list(DEFAULT_RULES["training_loop"]))
    model: list[str] = Field(default_factory=lambda: list(DEFAULT_RULES["model"]))


class SamplingSection(_Section):
    """[sampling]: how many items to draw, stratified by which field, with which seed."""

    size: int | Literal["all", "auto"] = "all"
    strata: str | None = None
    seed: int = 0
    confidence: float = Field(default=0.95, gt=0, lt=1)
    margin: float = Field(default=0.05, gt=0, lt=1)


class CodingSection(_Section):
    """[coding]: the codebook and the people who code with it."""

    codebook: str | None = None
    raters: list[str] = Field(default_factory=list)
    rounds: list[str] = Field(default_factory=list)
    sheets: str = "sheets"


class InterviewsSection(_Section):
    """[interviews]: participants, transcripts and their codebook."""

    participants: str | None = None
    roster: str | None = None
    transcripts: list[str] = Field(default_factory=list)
    codebook: str | None = None
    round: str = "interviews"


class SurveySection(_Section):
    """[survey]: a survey export and how its columns map to questions."""

    responses: str | None = None
    respondent: str | None = None
    likert: list[str] = Field(default_factory=list)
    groups: list[str] = Field(default_factory=list)
    open_ended: list[str] = Field(default_factory=list)
    scale: list[str] = Field(
        default_factory=lambda: [
            "Strongly disagree",
            "Disagree",
            "Neither agree nor disagree",
            "Agree",
            "Strongly agree",
        ],
        min_length=2,
    )
    compare: list[str] = Field(default_factory=list)

    @field_validator("compare")
    @classmethod
    def _two_groups(cls, value: list[str]) -> list[str]:
        if value and len(value) != 2:
            raise ValueError("compare names two groups, e.g. ['Researcher', 'ML engineer']")
        return value


RUN_GROUPS = ("technique", "subject", "run")


class TechniquesSection(_Section):
    """[techniques]: the runs a technique comparison reads (`import runs`) and how it tests them.

    runs, pattern, value, at_max/at_min, columns, sheet and better are `import runs`' defaults
    (its options override them); the others are `analyze techniques`' and the report's. With
    no test, success/failure runs (0/1) get fisher (mcnemar if paired), others mann-whitney
    (wilcoxon if paired)."""

    runs: list[str] = Field(default_factory=list)
    pattern: str | None = None
    value: str | None = None
    at_max: str | None = None
    at_min: str | None = None
    columns: dict[str, str] = Field(default_factory=dict)
    sheet: str | None = None
    better: Literal["higher", "lower"] | None = None
    metric: str | None = None
    reference: str | None = None
    target: str | None = None
    baseline: str | None = None
    test: Literal["mann-whitney", "wilcoxon", "fisher", "mcnemar"] | None = None
    paired: bool = False
    correction: Literal["holm", "bh", "none"] = "holm"
    alpha: float = Field(default=0.05, gt=0, lt=1)

    @field_validator("runs", mode="before")
    @classmethod
    def _one_or_more(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value

    @field_validator("pattern")
    @classmethod
    def _run_pattern(cls, value: str | None) -> str | None:
        if value is None:
            return value
        try:
            groups = re.compile(value).groupindex
        except re.error as exc:
            raise ValueError(f"not a regular expression: {exc}") from None
        missing = [f"(?P<{name}>...)" for name in RUN_GROUPS if name not in groups]
        if missing:
            raise ValueError(f"needs the named group(s) {', '.join(missing)}")
        return value

    @model_validator(mode="after")
    def _one_reduction(self) -> TechniquesSection:
        if self.at_max is not None and self.at_min is not None:
            raise ValueError("at_max and at_min: give one of them, not both")
        if (self.at_max or self.at_min) is not None and self.value is None:
            raise ValueError("at_max/at_min need value (the column taken at that row)")
        if self.pattern is not None and self.columns:
            raise ValueError("pattern reads per-run files, columns long tables: give one of them")
        return self


OutputKind = Literal[
    "distribution",
    "stacked",
    "crosstab",
    "agreement",
    "agreement_per_code",
    "timeline",
    "saturation",
    "cooccurrence",
    "participants_by_theme",
    "likert",
    "likert_comparison",
    "quotes",
    "pooling",
    "rounds",
    "shares",
    "techniques",
    "technique_runs",
    "fixes",
]


class OutputSpec(_Section):
    """One figure or table of the report."""

    name: str
    kind: OutputKind
    dimension: str | None = None
    by: str | None = None
    rows: str | None = None
    columns: str | None = None
    round: str | None = None
    dimensions: list[str] = Field(default_factory=list)
    code: str | None = None
    title: str | None = None
    width: Literal["single", "double"] = "single"
    coefficient: str | None = None

    @field_validator("coefficient")
    @classmethod
    def _known_coefficient(cls, value: str | None) -> str | None:
        # lazy: reading a manifest (every command, --help) does not load the coefficients
        from coding.agreement_table import COEFFICIENTS

        if value is not None and value not in COEFFICIENTS:
            raise ValueError(f"not an agreement coefficient; one of {', '.join(COEFFICIENTS)}")
        return value


class ReportSection(_Section):
    """[report]: where the report goes and what it contains."""

    output: str = "reports"
    figures: list[OutputSpec] = Field(default_factory=list)
    tables: list[OutputSpec] = Field(default_factory=list)


class Manifest(_Section):
    """A parsed study manifest; `path` is the file it came from."""

    study: StudySection
    github: GithubSection = GithubSection()
    filter: FilterSection = FilterSection()
    components: ComponentsSection = ComponentsSection()
    sampling: SamplingSection = SamplingSection()
    coding: CodingSection = CodingSection()
    interviews: InterviewsSection = InterviewsSection()
    survey: SurveySection = SurveySection()
    techniques: TechniquesSection = TechniquesSection()
    report: ReportSection = ReportSection()
    imports: list[ImportSpec] = Field(default_factory=list)
    checks: list[CheckSpec] = Field(default_factory=list)
    path: Path = Path(DEFAULT_MANIFEST)

    @property
    def root(self) -> Path:
        """The folder that holds the manifest; relative paths in it start here."""
        return self.path.parent

    def resolve(self, relative: str) -> Path:
        """Turn a path written in the manifest into a path on disk."""
        return (self.root / relative).resolve()

    @property
    def cache(self) -> Path:
        """The folder of what studykit can rebuild ([study] cache), on disk."""
        return self.resolve(self.study.cache)


_FILE_KEYS = (
    ("coding", "codebook"),
    ("interviews", "participants"),
    ("interviews", "roster"),
    ("interviews", "codebook"),
    ("survey", "responses"),
)


def load_manifest(path: str | Path) -> Manifest:
    """Read and validate a study manifest, raising ManifestError that names file and key."""
    path = Path(path)
    if not path.is_file():
        raise ManifestError(f"{path}: no such study manifest (create one with `studykit init`)")
    try:
        check_size(path, MAX_DOCUMENT_BYTES, "a study manifest")
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except CodingInputError as exc:
        raise ManifestError(str(exc)) from None
    except tomllib.TOMLDecodeError as exc:
        raise ManifestError(f"{path}: not valid TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise ManifestError(f"{path}: not UTF-8 text: {exc}") from None
    except RecursionError:
        raise ManifestError(f"{path}: refused: values nested too deeply") from None
    try:
        manifest = Manifest.model_validate({**raw, "path": path.resolve()})
    except ValidationError as exc:
        raise ManifestError(_describe(path, raw, exc)) from None
    _check_files(manifest)
    return manifest


def _check_files(manifest: Manifest) -> None:
    for section, key in _FILE_KEYS:
        value = getattr(getattr(manifest, section), key)
        if value is not None and not manifest.resolve(value).is_file():
            raise ManifestError(
                f"{manifest.path}: [{section}] {key} = {value!r}: no such file "
                f"({manifest.resolve(value)})"
            )


def _describe(path: Path, raw: dict[str, Any], exc: ValidationError) -> str:
    problems = []
    for error in exc.errors():
        loc = [str(part) for part in error["loc"]]
        where = _location(loc, raw)
        if error["type"] == "extra_forbidden":
            kind = "section" if where.endswith("]") else "key"
            problems.append(f"{where}: unknown {kind}{_suggest(loc)}")
        elif error["type"] == "missing":
            problems.append(f"{where}: required key is missing")
        else:
            got = error.get("input")
            shown = f" (got {got!r})" if not isinstance(got, dict | list) else ""
            problems.append(f"{where}: {error['msg']}{shown}")
    return f"{path}: " + "; ".join(problems)


def _location(loc: list[str], raw: dict[str, Any]) -> str:
    if len(loc) == 1:
        is_section = loc[0] in Manifest.model_fields or isinstance(raw.get(loc[0]), dict)
        return f"[{loc[0]}]" if is_section else f"key {loc[0]!r}"
    section, *rest = loc
    return f"[{section}] {'.'.join(rest)}"


def _suggest(loc: list[str]) -> str:
    model: type[BaseModel] = Manifest
    for part in loc[:-1]:
        if part.isdigit():
            continue
        field = model.model_fields.get(part)
        annotation = getattr(field, "annotation", None)
        args = getattr(annotation, "__args__", ())
        nested = next((a for a in (annotation, *args) if isinstance(a, type)), None)
        if nested is None or not issubclass(nested, BaseModel):
            return ""
        model = nested
    fields = [f for f in model.model_fields if f != "path"]
    close = difflib.get_close_matches(loc[-1], fields, n=1)
    return f" (did you mean {close[0]!r}?)" if close else f" (known keys: {', '.join(fields)})"
