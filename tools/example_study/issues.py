"""Issue titles, bodies (tracebacks, logs, environment blocks) and labels, from the text bank."""

from __future__ import annotations

import datetime as dt
import re

import numpy as np

from tools.example_study.banks import issues as tx
from tools.example_study.constants import KEYWORD_WORD
from tools.example_study.design import PARENT
from tools.example_study.helpers import draw, fill, pick, sha1, weighted
from tools.example_study.people import STALE_BOT
from tools.example_study.threads import Thread
from tools.example_study.versions import (
    CUDA_CHOICES,
    NUMPY,
    PILLOW,
    PYTHON,
    TENSORRT,
    TF,
    TORCH,
    gpu_at,
    os_at,
    release_at,
)


def issue_context(
    rng: np.random.Generator, repo: str, t: dt.datetime, scenario: tx.Scenario | None
) -> dict[str, str]:
    """All placeholder values for one issue, plausible for its repository and date."""
    rt = tx.REPO_TEXTS[repo]
    lag = scenario is None or scenario.since is None
    k = int(rng.integers(len(rt.variants)))
    variant, paper, fps = rt.variants[k]
    torch_row = release_at(rng, TORCH, t, lag)
    tf_row = release_at(rng, TF, t, lag)
    gpu, mem = gpu_at(rng, t)
    cuda = torch_row[3] if rt.framework == "torch" else tf_row[2]
    cls = int(rng.integers(3, 40))
    bs = int(pick(rng, (2, 4, 8, 16, 32)))
    img = int(pick(rng, (224, 384, 448) if repo == "vit-replica" else (512, 640, 800, 1024)))
    gap = float(rng.uniform(1.2, 7.5))
    got = paper - gap
    noise = rng.normal(0, 0.6, size=3)
    fw = "PyTorch" if rt.framework == "torch" else "TensorFlow"
    fw_ver = f"torch {torch_row[1]}" if rt.framework == "torch" else f"TensorFlow {tf_row[1]}"
    it_paper = float(rng.uniform(3.0, 9.0))
    config = rt.configs[k]
    ext = "pth" if rt.framework == "torch" else "h5"
    ctx = {
        "repo": repo,
        "pkg": rt.pkg,
        "variant": variant,
        "metric": rt.metric,
        "dataset": rt.dataset,
        "paper": f"{paper:.1f}",
        "got": f"{got:.1f}",
        "low": f"{float(rng.uniform(0.5, 12.0)):.1f}",
        "r1": f"{got + noise[0]:.1f}",
        "r2": f"{got + 1.4 + noise[1]:.1f}",
        "r3": f"{got - 0.9 + noise[2]:.1f}",
        "torch": torch_row[1],
        "tv": torch_row[2],
        "old_tv": pick(rng, ("0.11.3", "0.12.0")),
        "tf": tf_row[1],
        "cuda": cuda,
        "cuda_sys": pick(rng, [c for c in CUDA_CHOICES if c != cuda]),
        "python": release_at(rng, PYTHON, t, True)[1],
        "numpy": release_at(rng, NUMPY, t, lag)[1],
        "pillow": release_at(rng, PILLOW, t, lag)[1],
        "trt": release_at(rng, TENSORRT, t, True)[1],
        "gpu": gpu,
        "gpu_mem": str(mem),
        "ngpu": str(pick(rng, (2, 4, 8))),
        "os": os_at(rng, t),
        "bs": str(bs),
        "bs_gpu": str(pick(rng, (1, 2, 4))),
        "lr": pick(rng, ("0.01", "0.02", "1e-4", "2e-4")),
        "epoch": str(int(rng.integers(2, 90))),
        "cls": str(cls),
        "ch": str(cls + 5),
        "size": str(bs * 3 * (cls + 5) * 80 * 80 + 6400 * int(rng.integers(1, 9))),
        "img": str(img),
        "img2": str(pick(rng, (384, 480, 512))),
        "opset": str(pick(rng, (11, 12, 13))),
        "fps_paper": str(fps),
        "fps_got": str(max(1, int(fps * float(rng.uniform(0.15, 0.5))))),
        "it_paper": f"{it_paper:.1f}",
        "it_got": f"{it_paper * float(rng.uniform(0.15, 0.45)):.1f}",
        "slow": str(int(rng.integers(3, 8))),
        "diff": pick(rng, ("0.37", "0.041", "2.3e-3", "1.2", "8.6e-2")),
        "eps": "1e-5" if rt.framework == "torch" else "1e-3",
        "workers": str(pick(rng, (4, 8, 16))),
        "iters": str(int(rng.integers(200, 2000))),
        "frames": str(int(rng.integers(1500, 4000))),
        "cfg_epochs": str(pick(rng, (50, 100, 150))),
        "paper_epochs": str(pick(rng, (300, 500))),
        "acc": str(pick(rng, (2, 4, 8))),
        "fw": fw,
        "fw_ver": fw_ver,
        "area": pick(rng, rt.area),
        "gpu_days": str(int(rng.integers(8, 120))),
        "new_dataset": pick(rng, tx.NEW_DATASETS),
        "config": config,
        "train_cmd": f"python tools/train.py --config {config} --batch-size {bs}",
        "eval_cmd": f"python tools/eval.py --config {config} --weights {variant}.{ext}",
        "export_cmd": (
            f"python tools/export_onnx.py --weights {variant}.pth --opset {pick(rng, (11, 12, 13))}"
            if rt.framework == "torch"
            else f"python tools/export_tflite.py --saved-model exported/{variant}"
        ),
    }
    if scenario:
        ctx.update(scenario.fixed)
    return ctx


FRAMES = {
    "train": (
        ("tools/train.py", "<module>", "main(args)"),
        ("tools/train.py", "main", "trainer.train()"),
        ("{pkg}/engine/trainer.py", "train", "self.train_one_epoch(epoch)"),
        ("{pkg}/engine/trainer.py", "train_one_epoch", "loss_dict = self.model(images, targets)"),
    ),
    "data": (
        ("tools/train.py", "main", "trainer.train()"),
        (
            "{pkg}/engine/trainer.py",
            "train_one_epoch",
            "for i, (images, targets) in enumerate(self.loader):",
        ),
        ("{pkg}/data/dataset.py", "__getitem__", "img, target = self.transforms(img, target)"),
    ),
    "eval": (
        ("tools/eval.py", "<module>", "main(args)"),
        ("tools/eval.py", "main", "results = evaluate(model, loader, cfg)"),
        ("{pkg}/evaluation/evaluator.py", "evaluate", "outputs = postprocess(model(images))"),
    ),
    "model": (
        ("tools/train.py", "main", "model = build_model(cfg)"),
        ("{pkg}/models/builder.py", "build_model", "model.load_pretrained(cfg.weights)"),
    ),
    "import": (
        ("tools/train.py", "<module>", "from {pkg}.engine import Trainer"),
        ("{pkg}/engine/__init__.py", "<module>", "from .trainer import Trainer"),
        ("{pkg}/engine/trainer.py", "<module>", "from {pkg}.utils import misc"),
    ),
    "export": (
        ("tools/export.py", "<module>", "main()"),
        ("tools/export.py", "main", "export(model, args)"),
    ),
    "demo": (
        ("demo.py", "<module>", "main()"),
        ("demo.py", "main", "outputs.append(model(frame))"),
    ),
}
LIB_FRAMES = {
    "torch": ("torch/nn/modules/module.py", "_call_impl", "return forward_call(*args, **kwargs)"),
    "tf": (
        "keras/src/utils/traceback_utils.py",
        "error_handler",
        "raise e.with_traceback(filtered_tb) from None",
    ),
}


def traceback(
    rng: np.random.Generator, scenario: tx.Scenario, ctx: dict[str, str], error: str
) -> str:
    """A Python traceback that ends in the scenario's exception."""
    fw = tx.REPO_TEXTS[ctx["repo"]].framework
    windows = ctx["os"].startswith("Windows")
    root = pick(
        rng, ("/workspace/{repo}", "/home/user/code/{repo}", "/content/{repo}", "/data/src/{repo}")
    )
    site = f"/opt/conda/lib/python{ctx['python'].rsplit('.', 1)[0]}/site-packages"
    if windows:
        root, site = (
            "C:\\Users\\user\\projects\\{repo}",
            "C:\\Users\\user\\miniconda3\\envs\\cv\\lib\\site-packages",
        )
    frames = list(FRAMES.get(scenario.family, FRAMES["train"]))
    if scenario.frame:
        frames.append(scenario.frame)
    lines = ["Traceback (most recent call last):"]
    for path, func, code in frames:
        full = fill(root + "/" + path, ctx)
        if windows:
            full = full.replace("/", "\\")
        lines.append(f'  File "{full}", line {int(rng.integers(20, 480))}, in {func}')
        lines.append("    " + fill(code, ctx))
    if scenario.family in ("train", "eval", "model") and not scenario.frame:
        path, func, code = LIB_FRAMES[fw]
        lines.append(f'  File "{site}/{path}", line {int(rng.integers(900, 1600))}, in {func}')
        lines.append(f"    {code}")
    lines.append(error)
    return "\n".join(lines)


def build_log(
    rng: np.random.Generator, scenario: tx.Scenario, ctx: dict[str, str], error: str
) -> str:
    """Output of a failing build (`setup.py`, `pip`, `trtexec`) that ends in the error."""
    pkg = ctx["pkg"]
    if scenario.family == "pip":
        head = [
            "Collecting pycocotools==2.0.4 (from -r requirements.txt (line "
            f"{int(rng.integers(3, 9))}))",
            "  Using cached pycocotools-2.0.4.tar.gz (106 kB)",
            "  Installing build dependencies ... done",
            "Building wheels for collected packages: pycocotools",
        ]
    elif scenario.family == "trt":
        head = [
            f"&&&& RUNNING TensorRT.trtexec [TensorRT v{ctx['trt'].replace('.', '')}] # trtexec "
            f"--onnx={ctx['variant']}.onnx --saveEngine={ctx['variant']}.engine --fp16",
            "[I] Start parsing network model.",
            "[I] [TRT] ----------------------------------------------------------------",
            f"[I] [TRT] Input filename:   {ctx['variant']}.onnx",
            "[I] [TRT] ONNX IR version:  0.0.8",
        ]
    else:
        head = [
            "running build_ext",
            f"building '{pkg}._C' extension",
            f"/usr/local/cuda/bin/nvcc -I{pkg}/csrc -I/opt/conda/include/python{ctx['python'][:4]} "
            f"-c {pkg}/csrc/cuda/nms_kernel.cu "
            f"-o build/temp.linux-x86_64-cpython/{pkg}/csrc/cuda/nms_kernel.o "
            "-D__CUDA_NO_HALF_OPERATORS__ --expt-relaxed-constexpr -O3 -std=c++17",
        ]
    return "\n".join([*head, error])


def loss_log(rng: np.random.Generator, ctx: dict[str, str], lines: int, start: dt.datetime) -> str:
    """Training log lines whose loss ends in NaN."""
    out = []
    t = start
    total = int(rng.integers(3000, 8000))
    epoch = int(ctx["epoch"])
    loss = float(rng.uniform(2.0, 4.0))
    nan_from = max(lines - int(rng.integers(2, 6)), 1)
    for i in range(lines):
        t += dt.timedelta(seconds=float(rng.uniform(20, 60)))
        it = (i * 50) % total + 50
        if i and it == 50:
            epoch += 1
        loss = max(0.3, loss * float(rng.uniform(0.985, 1.01)))
        lb, lc = loss * 0.45, loss * 0.55
        head = f"{t:%Y-%m-%d %H:%M:%S},{int(rng.integers(0, 999)):03d} - INFO - "
        head += f"Epoch [{epoch}][{it}/{total}]  lr: {float(ctx['lr']):.3e}  "
        if i >= nan_from:
            out.append(head + f"loss: nan  loss_box: nan  loss_cls: {lc:.4f}  grad_norm: inf")
        else:
            norm, memory = float(rng.uniform(1, 40)), int(rng.integers(6000, 14000))
            out.append(
                head + f"loss: {loss:.4f}  loss_box: {lb:.4f}  loss_cls: {lc:.4f}  "
                f"grad_norm: {norm:.2f}  memory: {memory}"
            )
    return "\n".join(out)


def environment_block(rng: np.random.Generator, ctx: dict[str, str], style: str) -> str:
    """The environment section of a report, in one of the ways users write it."""
    torch_fw = tx.REPO_TEXTS[ctx["repo"]].framework == "torch"
    if style == "template":
        fw_line = (
            f"- PyTorch: {ctx['torch']} (CUDA {ctx['cuda']})"
            if torch_fw
            else f"- TensorFlow: {ctx['tf']}"
        )
        return "\n".join(
            [
                f"- OS: {ctx['os']}",
                f"- Python: {ctx['python']}",
                fw_line,
                f"- GPU: {ctx['ngpu'] if rng.random() < 0.3 else 1}x {ctx['gpu']}",
            ]
        )
    if style == "collect_env" and torch_fw:
        return "\n".join(
            [
                "```",
                f"PyTorch version: {ctx['torch']}+cu{ctx['cuda'].replace('.', '')}",
                "Is debug build: False",
                f"CUDA used to build PyTorch: {ctx['cuda']}",
                f"OS: {ctx['os']}",
                f"Python version: {ctx['python']} (64-bit runtime)",
                f"GPU models and configuration: GPU 0: NVIDIA {ctx['gpu']}",
                "Versions of relevant libraries:",
                f"[pip3] numpy=={ctx['numpy']}",
                f"[pip3] torch=={ctx['torch']}",
                f"[pip3] torchvision=={ctx['tv']}",
                "```",
            ]
        )
    fw = f"torch {ctx['torch']}" if torch_fw else f"TensorFlow {ctx['tf']}"
    return f"{fw}, CUDA {ctx['cuda']}, Python {ctx['python']}, {ctx['gpu']}, {ctx['os']}"


FALLBACK_ERROR = {
    "torch": "RuntimeError: Function 'SmoothL1LossBackward0' returned nan values in its 0th "
    "output.",
    "tf": "tensorflow.python.framework.errors_impl.InvalidArgumentError: Found Inf or NaN global "
    "norm. : Tensor had NaN values",
}
STAGE_COMMAND = {
    "environment_setup": "pip install -r requirements.txt && python setup.py develop",
    "data_pipeline": "python tools/browse_dataset.py {config}",
    "modelling": "{train_cmd}",
    "training": "{train_cmd}",
    "evaluation": "{eval_cmd}",
    "deployment": "{export_cmd}",
}
EXPECTED = {
    "crash": "It should run through.",
    "build_failure": "The package installs and builds.",
    "wrong_output": "Correct outputs, like the reference implementation.",
    "accuracy_below_expectations": "{metric} close to {paper}.",
    "speed_below_expectations": "Speed similar to the numbers in the README.",
    "numerical_error": "The loss decreases normally.",
    "reproducibility": "Similar numbers across runs and close to the published ones.",
}


def evidence(rng: np.random.Generator, t: Thread, story_template: str) -> list[str]:
    """Evidence blocks for the report's true symptoms (tracebacks, numbers, logs)."""
    sc, ctx = t.scenario, t.ctx
    assert sc is not None and t.truth is not None
    fw = tx.REPO_TEXTS[t.repo].framework
    blocks: list[str] = []
    error = sc.error[fw] if isinstance(sc.error, dict) else sc.error
    symptoms = t.truth.symptoms
    if error is None and "crash" in symptoms:
        error = FALLBACK_ERROR[fw]
    if error and ("crash" in symptoms or "build_failure" in symptoms):
        error = fill(error, ctx)
        if sc.family in ("build", "pip", "trt"):
            blocks.append("```\n" + build_log(rng, sc, ctx, error) + "\n```")
        else:
            blocks.append("```\n" + traceback(rng, sc, ctx, error) + "\n```")
    if "numerical_error" in symptoms:
        blocks.append(
            "```\n"
            + loss_log(rng, ctx, int(rng.integers(4, 9)), t.created - dt.timedelta(hours=5))
            + "\n```"
        )
    if "accuracy_below_expectations" in symptoms and not re.search(
        r"\{(got|low|r1)\}", story_template
    ):
        blocks.append(fill("I get {metric} {got} instead of {paper} reported in the paper.", ctx))
    if "speed_below_expectations" in symptoms and not re.search(
        r"\{(it_got|fps_got)\}", story_template
    ):
        blocks.append(
            fill("Throughput is {it_got} it/s, the README reports about {it_paper} it/s.", ctx)
        )
    if "reproducibility" in symptoms and "{r1}" not in story_template:
        blocks.append(fill("Three runs with seeds 0, 1 and 2 gave {r1}, {r2} and {r3}.", ctx))
    if "wrong_output" in symptoms and rng.random() < 0.4:
        uid = sha1(t.repo, t.created)[:8] + "-" + sha1(t.created)[:4] + "-4" + sha1(t.repo)[:3]
        blocks.append(f"![vis](https://github.com/user-attachments/assets/{uid}-a1b2c3d4e5f6)")
    return blocks


def defect_title(rng: np.random.Generator, t: Thread) -> str:
    """A title from the scenario, sometimes with the prefixes users like to add."""
    assert t.scenario is not None
    title = fill(pick(rng, t.scenario.titles), t.ctx)
    r = rng.random()
    if r < 0.12:
        title = "[Bug] " + title
    elif r < 0.17:
        title = "Bug: " + title
    elif r < 0.22:
        title = title[0].lower() + title[1:]
    return title


def defect_body(rng: np.random.Generator, t: Thread) -> str:
    """A defect report body written from the scenario and its ground truth."""
    sc, ctx, truth = t.scenario, t.ctx, t.truth
    assert sc is not None and truth is not None
    story_template = pick(rng, sc.stories)
    story = fill(story_template, ctx)
    opener = fill(pick(rng, tx.OPENERS[truth.reporter_type]), ctx)
    blocks = evidence(rng, t, story_template)
    style = weighted(rng, {"template": 0.45, "free": 0.4, "short": 0.15})
    command = fill(STAGE_COMMAND[truth.discovery_stage], ctx)
    if style == "template":
        expected = " ".join(fill(EXPECTED[s], ctx) for s in truth.symptoms[:2])
        parts = [
            "<!-- Please search existing issues before opening a new one. -->",
            "",
            "### Describe the bug",
            (opener + " " + story).strip(),
            "",
            "### To reproduce",
            f"1. `{command}`",
            "2. See the output below.",
            "",
        ]
        if blocks:
            parts += ["### Logs / evidence", *[b + "\n" for b in blocks]]
        parts += [
            "### Expected behavior",
            expected,
            "",
            "### Environment",
            environment_block(rng, ctx, "template"),
        ]
        body = "\n".join(parts)
    elif style == "free":
        parts = [
            (opener + " " + story).strip(),
            *blocks,
            environment_block(rng, ctx, pick(rng, ("inline", "collect_env"))),
            pick(rng, tx.CLOSERS),
        ]
        body = "\n\n".join(p for p in parts if p)
    else:
        body = "\n\n".join([story, *blocks])
    if style == "template" and rng.random() < 0.7:
        body = body.replace("\n", "\r\n")  # reports written in the web form use CRLF
    return body


def special_texts(rng: np.random.Generator, t: Thread) -> tuple[str, str | None]:
    """Title and body for the planted edge cases."""
    ctx = t.ctx
    if t.special == "equals_title":
        return "=> loss becomes NaN after resuming with --amp", defect_body(rng, t)
    if t.special == "emoji_title":
        return "🐛 Crash when an image has no boxes 😢", defect_body(rng, t)
    if t.special == "null_body":
        return fill("Crash when loading the converted checkpoint into {variant}", ctx), None
    if t.special == "huge_body":
        log = loss_log(rng, ctx, 1310, t.created - dt.timedelta(days=2))
        body = fill(
            "Training `{variant}` with `--amp` on {ngpu}x {gpu}: the loss becomes NaN after "
            "a long time. Full log below, sorry for the length.\r\n\r\n```\r\n",
            ctx,
        )
        return fill(
            "Loss becomes NaN after {epoch} epochs with AMP (full log)", ctx
        ), body + log + "\r\n```\r\n"
    if t.special == "chinese":
        return fill(tx.CHINESE_TITLE, ctx), fill(tx.CHINESE_BODY, ctx)
    if t.special == "japanese":
        return tx.JAPANESE_TITLE, fill(tx.JAPANESE_BODY, ctx)
    raise ValueError(t.special)


def request_texts(
    rng: np.random.Generator, t: Thread, used: set[tuple[str, str]]
) -> tuple[str, str]:
    """Title and body of a feature request or question, not repeated within a repository."""
    bank = tx.FEATURES if t.kind == "feature" else tx.QUESTIONS
    title, body = draw(rng, bank, used, t.repo)
    return fill(title, t.ctx), fill(body, t.ctx)


def write_issue_texts(rng: np.random.Generator, threads: list[Thread]) -> None:
    """Fill in titles, bodies and labels of all issues (not pull requests)."""
    used: set[tuple[str, str]] = set()
    for t in threads:
        if t.kind == "pr":
            continue
        t.ctx = issue_context(rng, t.repo, t.created, t.scenario)
        if t.kind == "defect":
            assert t.truth is not None
            t.ctx["when"] = fill(pick(rng, tx.WHEN[t.truth.discovery_stage]), t.ctx)
            if t.special:
                t.title, t.body = special_texts(rng, t)
            else:
                t.title, t.body = defect_title(rng, t), defect_body(rng, t)
        else:
            t.title, t.body = request_texts(rng, t, used)
    label_issues(rng, threads)


def label_issues(rng: np.random.Generator, threads: list[Thread]) -> None:
    """Labels: most defects `bug` (+topic labels); some unlabelled defects that still contain a
    defect keyword as a whole word; `enhancement` / `question` on requests."""
    defects = [t for t in threads if t.kind == "defect"]
    eligible = [
        t for t in defects if not t.special and KEYWORD_WORD.search(f"{t.title}\n{t.body or ''}")
    ]
    n_unlabelled = round(0.2 * len(defects))
    unlabelled = {
        id(eligible[int(i)]) for i in rng.choice(len(eligible), size=n_unlabelled, replace=False)
    }
    for t in defects:
        assert t.truth is not None
        if id(t) in unlabelled:
            t.labels = []
            continue
        t.labels = ["bug"]
        if t.truth.defect_type == "deploy_export" and rng.random() < 0.7:
            t.labels.append("onnx" if tx.REPO_TEXTS[t.repo].framework == "torch" else "export")
        if PARENT[t.truth.defect_type] == "training" and rng.random() < 0.4:
            t.labels.append("training")
        if t.fate == "open" and rng.random() < 0.3:
            t.labels.append("needs-repro")
        if t.fate == "not_planned" and t.closer == STALE_BOT:
            t.labels.append("stale")
        if t.fate in ("pr", "open") and rng.random() < 0.08:
            t.labels.append("help wanted")
    relabel = [t for t in defects if "bug" in t.labels and not t.special]
    for i in rng.choice(len(relabel), size=4, replace=False):
        relabel[int(i)].relabel = True
    for t in threads:
        if t.kind == "feature":
            t.labels = ["enhancement"] + (["good first issue"] if rng.random() < 0.2 else [])
        elif t.kind == "question":
            t.labels = ["question"]
