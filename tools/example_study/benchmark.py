"""A synthetic repair benchmark in a Ray-Tune-like layout: one CSV of trials per run.

benchmark/runs/<technique>/<subject>/run_<k>/trials.csv for the faulty model (the reference),
the developer's fix (the target), a random search (the baseline) and three fictional repair
techniques, on 12 faulty models (five re-engineering faults of the example repositories and
seven mutants), 10 runs each. A run of the faulty model or of the fix is one training (one
trial); a run of a repair technique is a search of 8 trials, and the usual reading is the test
accuracy of the trial with the best validation accuracy. As in "Repairing DNN Architecture: Are
We There Yet?", random search is hard to beat and no technique helps the largest models.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from scipy.stats import mannwhitneyu

RUNS = 10
TRIALS = 8
TECHNIQUES = ("faulty", "fix", "random", "tunefix", "archsearch", "rulerepair")
# Share of the gap between faulty and fix that a technique's typical trial recovers, on small
# and on large models; random search draws from the widest spread of configurations.
RECOVERY = {
    "random": (0.2, 0.0),
    "tunefix": (0.35, 0.03),
    "archsearch": (0.15, 0.0),
    "rulerepair": (0.03, 0.0),
}
TRIAL_SPREAD = {"random": 0.05, "tunefix": 0.03, "archsearch": 0.04, "rulerepair": 0.02}
# subject: (faulty accuracy, fixed accuracy, large model)
SUBJECTS = {
    "yolo-reimpl-lr-too-high": (0.41, 0.72, True),
    "detr-port-wrong-loss-weights": (0.38, 0.66, True),
    "deeplab-tf2-missing-softmax": (0.52, 0.78, False),
    "maskrcnn-lite-bad-init": (0.47, 0.70, True),
    "vit-replica-no-warmup": (0.55, 0.81, False),
    "lenet5-mnist-m01-relu-to-linear": (0.86, 0.99, False),
    "lenet5-mnist-m02-sgd-lr-1e-5": (0.71, 0.99, False),
    "cnn-cifar10-m03-dropout-0.9": (0.48, 0.79, False),
    "cnn-cifar10-m04-batch-size-2048": (0.57, 0.79, False),
    "mlp-reuters-m05-mse-loss": (0.66, 0.81, False),
    "resnet20-cifar10-m06-no-batch-norm": (0.74, 0.91, True),
    "vgg16-cifar100-m07-too-few-epochs": (0.39, 0.70, True),
}
HEADER = (
    "trial_id,config/lr,config/batch_size,config/optimizer,training_iteration,"
    "val_accuracy,test_accuracy,time_total_s"
)
OPTIMIZERS = ("adam", "sgd", "rmsprop")


def _trial(rng: np.random.Generator, trial_id: str, quality: float, iterations: int) -> str:
    lr = 10 ** rng.uniform(-5, -1)
    batch = int(2 ** rng.integers(4, 10))
    optimizer = OPTIMIZERS[int(rng.integers(len(OPTIMIZERS)))]
    val = float(np.clip(quality + rng.normal(0, 0.01), 0.0, 1.0))
    test = float(np.clip(val + rng.normal(-0.01, 0.012), 0.0, 1.0))
    seconds = iterations * rng.uniform(8, 40)
    return (
        f"{trial_id},{lr:.6g},{batch},{optimizer},{iterations},{val:.4f},{test:.4f},{seconds:.1f}"
    )


def _run(
    rng: np.random.Generator, technique: str, faulty: float, fixed: float, large: bool
) -> tuple[list[str], float]:
    """The trials of one run, and its value (test accuracy at the best validation accuracy)."""
    gap = fixed - faulty
    if technique in ("faulty", "fix"):
        mean, spread, trials = (faulty if technique == "faulty" else fixed), 0.015, 1
    else:
        small_share, large_share = RECOVERY[technique]
        spread, trials = TRIAL_SPREAD[technique], TRIALS
        # most configurations a search tries are worse than its best: the best of 8 trials
        # lands about at the technique's share of the gap
        mean = faulty + gap * (large_share if large else small_share) - 1.3 * spread
    run_level = rng.normal(0, 0.015)
    lines = []
    for _ in range(trials):
        quality = mean + run_level + rng.normal(0, spread)
        trial_id = f"{int(rng.integers(16**7, 16**8)):08x}"
        lines.append(_trial(rng, trial_id, quality, int(rng.integers(10, 60))))
    best = max(lines, key=lambda line: float(line.split(",")[5]))
    return lines, float(best.split(",")[6])


def write_benchmark(out: Path, rng: np.random.Generator) -> dict[str, int]:
    """benchmark/runs/...; returns on how many subjects each technique beats the faulty model
    (Mann-Whitney p < 0.05, higher median), a check of the design."""
    values: dict[tuple[str, str], list[float]] = {}
    for subject, (faulty, fixed, large) in SUBJECTS.items():
        for technique in TECHNIQUES:
            for run in range(RUNS):
                lines, value = _run(rng, technique, faulty, fixed, large)
                folder = out / "benchmark" / "runs" / technique / subject / f"run_{run}"
                folder.mkdir(parents=True, exist_ok=True)
                (folder / "trials.csv").write_text(
                    "\n".join([HEADER, *lines]) + "\n", encoding="utf-8", newline=""
                )
                values.setdefault((technique, subject), []).append(value)
    better = {}
    for technique in TECHNIQUES[2:]:
        better[technique] = int(
            sum(
                mannwhitneyu(values[(technique, s)], values[("faulty", s)]).pvalue < 0.05
                and np.median(values[(technique, s)]) > np.median(values[("faulty", s)])
                for s in SUBJECTS
            )
        )
    return better
