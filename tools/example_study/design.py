"""Study design: the five repositories and their mix of threads, ground-truth shares of the codes,
reporter associations and the planted special issues."""

from __future__ import annotations

from dataclasses import dataclass

from tools.example_study.constants import ORG


@dataclass(frozen=True)
class RepoPlan:
    """Size and shape of one fictional repository."""

    name: str
    size: int
    defects: int
    prs: int
    created: str
    merge_style: str  # "squash" or "merge"
    pr_mix: dict[str, int]

    @property
    def full(self) -> str:
        """`owner/name`."""
        return f"{ORG}/{self.name}"


REPO_PLANS = (
    RepoPlan(
        "yolo-reimpl",
        110,
        79,
        21,
        "2021-02-08T09:14:27Z",
        "squash",
        {"dependabot": 1, "misc": 2, "feature": 1, "unmerged": 1, "open_fix": 1},
    ),
    RepoPlan(
        "detr-port",
        95,
        68,
        18,
        "2021-05-17T15:02:11Z",
        "merge",
        {"dependabot": 1, "misc": 1, "feature": 1, "unmerged": 1, "open_fix": 1},
    ),
    RepoPlan(
        "maskrcnn-lite",
        80,
        57,
        15,
        "2021-09-03T07:45:50Z",
        "merge",
        {"dependabot": 1, "misc": 1, "feature": 1, "unmerged": 1, "open_fix": 0},
    ),
    RepoPlan(
        "vit-replica",
        70,
        50,
        14,
        "2022-01-20T11:30:05Z",
        "squash",
        {"dependabot": 0, "misc": 1, "feature": 1, "unmerged": 0, "open_fix": 1},
    ),
    RepoPlan(
        "deeplab-tf2",
        65,
        46,
        13,
        "2021-03-29T18:21:40Z",
        "merge",
        {"dependabot": 1, "misc": 1, "feature": 1, "unmerged": 0, "open_fix": 0},
    ),
)
PLANS = {p.name: p for p in REPO_PLANS}
# Cross-repository fixes: (PR's repository, issue's repository, PR also fixes a local issue)
CROSS_FIXES = (("maskrcnn-lite", "yolo-reimpl", True), ("vit-replica", "detr-port", False))

LEAF_SHARES = {
    "env_api": 0.25,
    "env_version": 0.09,
    "env_hardware": 0.07,
    "env_build": 0.04,
    "data_preprocessing": 0.06,
    "data_loading": 0.05,
    "data_annotation": 0.03,
    "model_architecture": 0.06,
    "model_weights": 0.05,
    "model_op": 0.03,
    "train_config": 0.05,
    "train_optimization": 0.06,
    "train_distributed": 0.03,
    "eval_metric": 0.05,
    "deploy_export": 0.05,
    "deploy_inference": 0.03,
}
PARENT = {
    leaf: top
    for top, leaves in {
        "environment": ("env_api", "env_version", "env_hardware", "env_build"),
        "data": ("data_preprocessing", "data_loading", "data_annotation"),
        "model": ("model_architecture", "model_weights", "model_op"),
        "training": ("train_config", "train_optimization", "train_distributed"),
        "eval_deploy": ("eval_metric", "deploy_export", "deploy_inference"),
    }.items()
    for leaf in leaves
}
REPORTER_SHARES = {"re_user": 0.58, "contributor": 0.22, "maintainer": 0.20}
ASSOCIATION_GIVEN_REPORTER = {
    "re_user": {"NONE": 0.80, "FIRST_TIME_CONTRIBUTOR": 0.12, "CONTRIBUTOR": 0.08},
    "contributor": {
        "CONTRIBUTOR": 0.75,
        "FIRST_TIME_CONTRIBUTOR": 0.10,
        "NONE": 0.10,
        "COLLABORATOR": 0.05,
    },
    "maintainer": {"MEMBER": 0.55, "OWNER": 0.20, "COLLABORATOR": 0.20, "CONTRIBUTOR": 0.05},
}

# Special issues planted for edge cases: (repo, scenario key, kind)
SPECIALS = (
    ("yolo-reimpl", "amp_nan", "equals_title"),
    ("yolo-reimpl", "empty_annotations", "emoji_title"),
    ("detr-port", "state_dict_keys", "null_body"),
    ("maskrcnn-lite", "amp_nan", "huge_body"),
    ("vit-replica", "oom_default_config", "chinese"),
    ("deeplab-tf2", "tflite_flex", "japanese"),
)
