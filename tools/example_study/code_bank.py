"""Text bank of the example repositories' files: the first version of each file and the lines
that later commits add, per kind of file and framework."""

from __future__ import annotations

from tools.example_study.banks.issues import RepoText

# Lines commits add, by kind of file; {a}, {b} are names, {n}, {m} numbers, {fn} a framework
# module (`nn`/`F` or `tf.keras.layers`/`tf`).
LINES: dict[str, tuple[str, ...]] = {
    "model": (
        "        x = self.{a}(x)",
        "        x = {act}(x)",
        "        self.{a} = {conv}",
        "        self.{b} = {norm}",
        "        if self.{a} is not None:",
        "            x = x + self.{b}(x)",
        "        return x",
        "        features.append(x)",
        "        x = {concat}",
        "    def {a}_forward(self, x):",
        "        # keep the reference implementation's channel order",
        "        out_channels = {n}",
        "        stride = {m}",
    ),
    "data": (
        "        image = self.{a}(image)",
        "        if len(boxes) == 0:",
        "            return image, {{'boxes': boxes, 'labels': labels}}",
        "        boxes = boxes.clip(0, self.size - 1)",
        "        scale = self.size / max(height, width)",
        "        image = image.astype('float32') / 255.0",
        "        mean, std = {mean}, {std}",
        "    def {a}(self, image, target):",
        "        labels = [self.class_ids[c] for c in target['categories']]",
        "        keep = (boxes[:, 2] > boxes[:, 0]) & (boxes[:, 3] > boxes[:, 1])",
        "        return self.{b}(image, target)",
    ),
    "train": (
        "    {a} = cfg.{a}",
        "    lr = cfg.lr * cfg.batch_size / {n}",
        "    for epoch in range(start_epoch, cfg.epochs):",
        "        loss = criterion(outputs, targets)",
        "        {backward}",
        "        if step % cfg.log_every == 0:",
        "            log.info('epoch %d step %d loss %.4f', epoch, step, float(loss))",
        "    warmup = min(1.0, (step + 1) / {n})",
        "    {clip}",
        "    ema.update(model)",
        "    save_checkpoint(model, optimizer, epoch, cfg.output_dir)",
    ),
    "config": (
        "lr: 0.0{m}",
        "batch_size: {n}",
        "epochs: {n}",
        "warmup_iters: {n}00",
        "weight_decay: 0.0005",
        "img_size: 640",
        "workers: {m}",
        "amp: true",
        "{a}: {n}",
    ),
    "env": (
        "{pkg}>={m}.{n}",
        "{pkg}<{m}",
        "pycocotools>=2.0.{m}",
        "opencv-python-headless>=4.{n}",
        "tqdm",
        "pyyaml>=6.0",
    ),
    "eval": (
        "    results = evaluator.summarize()",
        "    iou = intersection / (union + 1e-{m})",
        "    {a} = np.mean(per_class[valid])",
        "    if not detections:",
        "        return {{'{a}': 0.0}}",
        "    scores = scores[order[:{n}]]",
    ),
    "deploy": (
        "    dummy = {dummy}",
        "    opset = {n}",
        "    model.eval()",
        "    outputs = session.run(None, {{'images': batch}})",
        "    keep = {nms}",
        "    if args.half:",
        "        model = model.half()",
    ),
    "tests": (
        "def test_{a}():",
        "    model = build_model('{variant}')",
        "    out = model({dummy})",
        "    assert out.shape[-1] == {n}",
        "    assert not {isnan}(out).any()",
    ),
    "docs": (
        "| {variant} | {n}.{m} | {n}{m} |",
        "See `configs/` for the training settings of each model.",
        "Install with `pip install -e .` (Python 3.{m} or newer).",
        "Results are reported on a single GPU unless noted otherwise.",
    ),
    "other": (
        "def {a}(x, {b}=None):",
        "    if {b} is None:",
        "        return x",
        "    return {b}(x)",
        "log = logging.getLogger(__name__)",
        "    {a} = os.environ.get('{A}', '{n}')",
    ),
}

NAMES = (
    "stem", "neck", "head", "proj", "fuse", "attn", "mlp", "norm", "drop", "pool", "upsample",
    "decoder", "encoder", "anchor", "matcher", "scale", "resize", "flip", "mosaic", "crop",
)  # fmt: skip

FRAMEWORK: dict[str, dict[str, str]] = {
    "torch": {
        "import": "import torch\nfrom torch import nn\nfrom torch.nn import functional as F",
        "act": "F.silu",
        "conv": "nn.Conv2d({n}, {n}, kernel_size=3, padding=1)",
        "norm": "nn.BatchNorm2d({n})",
        "concat": "torch.cat(features, dim=1)",
        "backward": "scaler.scale(loss).backward()",
        "clip": "torch.nn.utils.clip_grad_norm_(model.parameters(), 10.0)",
        "dummy": "torch.zeros(1, 3, 640, 640)",
        "nms": "torchvision.ops.nms(boxes, scores, 0.65)",
        "isnan": "torch.isnan",
        "mean": "(0.485, 0.456, 0.406)",
        "std": "(0.229, 0.224, 0.225)",
        "pkg": "torch",
        "base": "nn.Module",
        "init": "super().__init__()",
    },
    "tf": {
        "import": "import tensorflow as tf",
        "act": "tf.nn.relu",
        "conv": "tf.keras.layers.Conv2D({n}, 3, padding='same')",
        "norm": "tf.keras.layers.BatchNormalization()",
        "concat": "tf.concat(features, axis=-1)",
        "backward": "grads = tape.gradient(loss, model.trainable_variables)",
        "clip": "grads, _ = tf.clip_by_global_norm(grads, 10.0)",
        "dummy": "tf.zeros((1, 512, 512, 3))",
        "nms": "tf.image.non_max_suppression(boxes, scores, 100)",
        "isnan": "tf.math.is_nan",
        "mean": "(127.5, 127.5, 127.5)",
        "std": "(127.5, 127.5, 127.5)",
        "pkg": "tensorflow",
        "base": "tf.keras.Model",
        "init": "super().__init__()",
    },
}


def layout(text: RepoText) -> dict[str, str]:
    """Path of each kind of file in a repository: model, layers, data, train, eval, deploy..."""
    pkg = text.pkg
    return {
        "model": f"{pkg}/model.py",
        "layers": f"{pkg}/layers/blocks.py",
        "attention": f"{pkg}/layers/attention.py",
        "data": f"{pkg}/data/dataset.py",
        "transforms": f"{pkg}/data/transforms.py",
        "train": "train.py",
        "loss": f"{pkg}/losses.py",
        "eval": "evaluate.py",
        "deploy": "export.py",
        "infer": "predict.py",
        "compat": f"{pkg}/utils/compat.py",
        "device": f"{pkg}/utils/device.py",
        "config": text.configs[0],
        "requirements": "requirements.txt",
        "setup": "setup.py",
        "docker": "docker/Dockerfile",
        "tests": "tests/test_model.py",
        "readme": "README.md",
        "ci": ".github/workflows/ci.yml",
    }


# The kind of lines (LINES key) each file of the layout takes.
LINE_KIND = {
    "model": "model", "layers": "model", "attention": "model", "data": "data",
    "transforms": "data", "train": "train", "loss": "train", "eval": "eval", "deploy": "deploy",
    "infer": "deploy", "compat": "other", "device": "other", "config": "config",
    "requirements": "env", "setup": "env", "docker": "env", "tests": "tests", "readme": "docs",
    "ci": "config",
}  # fmt: skip

# Which files a fix of each defect type changes: the first always, the others sometimes.
FIX_FILES: dict[str, tuple[str, ...]] = {
    "env_api": ("compat", "layers", "data", "train"),
    "env_version": ("requirements", "setup", "readme"),
    "env_hardware": ("device", "train", "readme"),
    "env_build": ("setup", "docker", "requirements"),
    "data_preprocessing": ("transforms", "data", "tests"),
    "data_loading": ("data", "config", "tests"),
    "data_annotation": ("data", "transforms"),
    "model_architecture": ("model", "layers", "attention", "tests"),
    "model_weights": ("model", "layers", "readme"),
    "model_op": ("layers", "attention", "tests"),
    "train_config": ("config", "train"),
    "train_optimization": ("train", "loss", "config"),
    "train_distributed": ("train", "device"),
    "eval_metric": ("eval", "tests"),
    "deploy_export": ("deploy", "model", "tests"),
    "deploy_inference": ("infer", "transforms", "deploy"),
}

# Typical size (lines added) of a fix, by the first word of its defect type.
FIX_SIZE = {"env": 3.0, "data": 8.0, "model": 14.0, "train": 7.0, "eval": 6.0, "deploy": 10.0}

# The files a filler commit changes, by the first words of its message.
FILLER_FILES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Update README", ("readme",)),
    ("Add COCO evaluation", ("eval",)),
    ("Bump version", ("setup",)),
    ("Refactor", ("model", "layers")),
    ("docs:", ("readme",)),
    ("Add unit tests", ("tests",)),
    ("Clean up imports", ("train", "data", "model")),
    ("Add config", ("config",)),
    ("Update requirements", ("requirements",)),
    ("Improve logging", ("train",)),
    ("Add visualisation", ("infer",)),
    ("Minor typo", ("readme",)),
    ("Initial support for mixed precision", ("train", "config")),
    ("Move configs", ("config",)),
    ("Add LICENSE", ("readme",)),
    ("Speed up dataset", ("data",)),
)


def first_version(kind: str, text: RepoText) -> list[str]:
    """The lines of a file of the layout in the initial commit."""
    fw = FRAMEWORK[text.framework]
    pkg = text.pkg
    title = text.description.split(": ", 1)[-1]
    if kind == "readme":
        rows = [f"| {v} | {m} | {fps} |" for v, m, fps in text.variants]
        return [
            f"# {text.name}",
            "",
            "SYNTHETIC EXAMPLE DATA (fictional repository).",
            "",
            title,
            "",
            f"| model | {text.metric} | fps |",
            "|---|---:|---:|",
            *rows,
        ]
    if kind == "requirements":
        extra = (
            ["torch>=1.8", "torchvision>=0.9"] if text.framework == "torch" else ["tensorflow>=2.4"]
        )
        return [*extra, "numpy", "pycocotools", "pyyaml", "tqdm"]
    if kind == "setup":
        return [
            "from setuptools import find_packages, setup",
            "",
            f"setup(name={text.name!r}, version='0.1.0', packages=find_packages())",
        ]
    if kind == "docker":
        base = (
            "pytorch/pytorch:1.8.1-cuda11.1"
            if text.framework == "torch"
            else "tensorflow/tensorflow:2.4.1-gpu"
        )
        return [f"FROM {base}", "COPY . /workspace", "RUN pip install -e /workspace"]
    if kind == "config":
        return [f"model: {text.variants[0][0]}", "lr: 0.01", "batch_size: 16", "epochs: 300"]
    if kind == "ci":
        return [
            "name: ci",
            "on: [push, pull_request]",
            "jobs:",
            "  test:",
            "    runs-on: ubuntu-latest",
        ]
    if kind == "tests":
        return [f"from {pkg}.model import build_model", "", "", "def test_forward():",
                "    assert build_model('small') is not None"]  # fmt: skip
    header = [f'"""{kind.capitalize()} code of {text.name} (synthetic example)."""', ""]
    if kind in ("model", "layers", "attention"):
        cls = {"model": "Detector", "layers": "ConvBlock", "attention": "Attention"}[kind]
        return [
            *header,
            fw["import"],
            "",
            "",
            f"class {cls}({fw['base']}):",
            "    def __init__(self, channels):",
            f"        {fw['init']}",
            "        self.channels = channels",
            "",
            "    def forward(self, x):",
            "        return x",
        ]
    if kind in ("data", "transforms"):
        return [*header, "import numpy as np", "", "", "class Dataset:",
                "    def __init__(self, root, size=640):", "        self.root = root",
                "        self.size = size"]  # fmt: skip
    return [*header, fw["import"], "", "", f"def {kind}(cfg):", "    return cfg"]
