"""Text bank for the synthetic GitHub issues of the example study.

Everything here is invented for the studykit example data set: the repositories, the people and
the reports are fictional. Each defect *scenario* belongs to one ground-truth leaf code of the
`defect_type` dimension and carries the other ground-truth codes (symptoms, root causes,
discovery stages) that a careful rater would assign to a report written from it.

Placeholders in braces (`{torch}`, `{when}`, ...) are filled per thread by the generator's text
steps (`issues`, `pulls`, `discussion`); literal braces are doubled.
"""

# The text bank is multilingual on purpose (CJK punctuation, box-drawing characters of pip).
# ruff: noqa: RUF001

from __future__ import annotations

from dataclasses import dataclass, field

# --------------------------------------------------------------------------------------------
# Repositories
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RepoText:
    """Fixed descriptive facts of one fictional repository."""

    name: str
    framework: str  # "torch" or "tf"
    pkg: str
    description: str
    metric: str
    dataset: str
    variants: tuple[tuple[str, float, int], ...]  # (variant, paper metric, paper fps)
    configs: tuple[str, ...]
    topics: tuple[str, ...]
    area: tuple[str, ...]  # code areas used in comments and commits


REPO_TEXTS: dict[str, RepoText] = {
    "yolo-reimpl": RepoText(
        name="yolo-reimpl",
        framework="torch",
        pkg="yolo",
        description=(
            "SYNTHETIC EXAMPLE DATA (fictional): a PyTorch re-implementation of a YOLO-family "
            "one-stage object detector."
        ),
        metric="box mAP@0.5:0.95",
        dataset="COCO val2017",
        variants=(("yolo-s", 37.4, 156), ("yolo-m", 44.6, 99), ("yolo-l", 48.2, 67)),
        configs=("configs/yolo_s_coco.yaml", "configs/yolo_m_coco.yaml", "configs/yolo_l_voc.yaml"),
        topics=("object-detection", "yolo", "pytorch", "reimplementation"),
        area=("anchor assignment", "mosaic augmentation", "the detection head", "the EMA code"),
    ),
    "detr-port": RepoText(
        name="detr-port",
        framework="tf",
        pkg="detr_tf",
        description=(
            "SYNTHETIC EXAMPLE DATA (fictional): a port of the DETR detection transformer from "
            "PyTorch to TensorFlow 2 / Keras, with converted reference weights."
        ),
        metric="box AP",
        dataset="COCO val2017",
        variants=(("detr-r50", 42.0, 28), ("detr-r101", 43.5, 20), ("detr-dc5-r50", 43.3, 12)),
        configs=("configs/detr_r50.yaml", "configs/detr_r101.yaml", "configs/detr_dc5_r50.yaml"),
        topics=("detr", "transformer", "tensorflow", "keras", "port"),
        area=("the Hungarian matcher", "the weight converter", "the transformer decoder"),
    ),
    "maskrcnn-lite": RepoText(
        name="maskrcnn-lite",
        framework="torch",
        pkg="mrcnn",
        description=(
            "SYNTHETIC EXAMPLE DATA (fictional): a small, readable Mask R-CNN re-implementation "
            "with ONNX and TensorRT export."
        ),
        metric="mask AP",
        dataset="COCO val2017",
        variants=(
            ("maskrcnn-r50-fpn", 34.7, 19),
            ("maskrcnn-r101-fpn", 36.1, 15),
            ("maskrcnn-mbv3-lite", 29.2, 41),
        ),
        configs=("configs/r50_fpn_1x.yaml", "configs/r101_fpn_3x.yaml", "configs/mbv3_lite.yaml"),
        topics=("instance-segmentation", "mask-rcnn", "onnx", "tensorrt", "pytorch"),
        area=("RoIAlign", "the RPN", "the ONNX exporter", "the mask head"),
    ),
    "vit-replica": RepoText(
        name="vit-replica",
        framework="torch",
        pkg="vitr",
        description=(
            "SYNTHETIC EXAMPLE DATA (fictional): replicating Vision Transformer ImageNet results "
            "in PyTorch, including conversion of the original JAX checkpoints."
        ),
        metric="top-1 accuracy",
        dataset="ImageNet-1k val",
        variants=(("vit-s16", 79.8, 980), ("vit-b16", 81.8, 290), ("vit-l16", 84.2, 95)),
        configs=("configs/vit_s16_i1k.yaml", "configs/vit_b16_i1k.yaml", "configs/vit_l16_ft.yaml"),
        topics=("vision-transformer", "imagenet", "reproduction", "pytorch"),
        area=("the checkpoint converter", "position embeddings", "the augmentation pipeline"),
    ),
    "deeplab-tf2": RepoText(
        name="deeplab-tf2",
        framework="tf",
        pkg="deeplab",
        description=(
            "SYNTHETIC EXAMPLE DATA (fictional): DeepLabv3+ semantic segmentation re-engineered "
            "for TensorFlow 2 from the original TF1 research code."
        ),
        metric="mIoU",
        dataset="Pascal VOC 2012 val",
        variants=(
            ("xception65", 79.6, 9),
            ("mobilenetv2", 72.1, 37),
            ("resnet101", 77.2, 12),
        ),
        configs=(
            "configs/voc_xception65.yaml",
            "configs/voc_mnv2.yaml",
            "configs/cityscapes_r101.yaml",
        ),
        topics=("semantic-segmentation", "deeplab", "tensorflow2", "tflite"),
        area=("ASPP", "the tf.data pipeline", "the TFLite exporter", "the mIoU metric"),
    ),
}


# --------------------------------------------------------------------------------------------
# Defect scenarios
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scenario:
    """One kind of defect report, with the ground truth a careful rater would give it."""

    key: str
    leaf: str
    titles: tuple[str, ...]
    stories: tuple[str, ...]
    fix: str
    symptoms: tuple[str, ...]
    roots: dict[str, float]
    stages: dict[str, float]
    alt_type: str
    alt_root: str
    optional: dict[str, float] = field(default_factory=dict)
    error: str | dict[str, str] | None = None
    frame: tuple[str, str, str] | None = None
    family: str = "train"
    fw: str = "any"
    only: tuple[str, ...] = ()
    since: str | None = None
    fixed: dict[str, str] = field(default_factory=dict)
    ambiguous: float = 0.3
    workaround: str = ""


S = Scenario

SCENARIOS: tuple[Scenario, ...] = (
    # ---------------------------------------------------------------- environment > env_api
    S(
        key="torch_six",
        leaf="env_api",
        fw="torch",
        since="2023-03-15",
        titles=(
            "ModuleNotFoundError: No module named 'torch._six' with PyTorch {torch}",
            "Import error after upgrading to PyTorch 2",
            "torch._six removed -> cannot import {pkg}",
        ),
        stories=(
            "After upgrading to PyTorch {torch} nothing starts any more. `{pkg}/utils/misc.py` "
            "still imports `string_classes` from `torch._six`, which seems to be gone in 2.x. "
            "It fails {when}.",
            "The import of `torch._six` fails {when}. I am on a fresh environment with torch "
            "{torch}; with 1.13 the same commit works.",
        ),
        error="ModuleNotFoundError: No module named 'torch._six'",
        frame=("{pkg}/utils/misc.py", "<module>", "from torch._six import string_classes"),
        family="import",
        fix="replace torch._six imports removed in PyTorch 2.0",
        symptoms=("crash",),
        roots={"api_change": 0.85, "dependency_mismatch": 0.15},
        stages={"environment_setup": 0.7, "training": 0.3},
        alt_type="env_version",
        alt_root="dependency_mismatch",
        ambiguous=0.5,
        workaround="replacing `string_classes` with `str`",
    ),
    S(
        key="numpy_int",
        leaf="env_api",
        since="2022-12-18",
        titles=(
            "AttributeError: module 'numpy' has no attribute 'int'",
            "np.int removed in numpy {numpy}, dataset code breaks",
            "Data preparation script broken with new numpy",
        ),
        stories=(
            "With numpy {numpy} the code uses `np.int` in `{pkg}/data/transforms.py`, which was "
            "deprecated and is now removed. The error comes up {when}.",
            "Getting an AttributeError {when}. Looks like the aliases `np.int` / `np.float` are "
            "gone in recent numpy releases (I have {numpy}).",
        ),
        error="AttributeError: module 'numpy' has no attribute 'int'.\n`np.int` was a deprecated "
        "alias for the builtin `int`. To avoid this error in existing code, use `int` by itself.",
        frame=("{pkg}/data/transforms.py", "__call__", "boxes = boxes.astype(np.int)"),
        family="data",
        fix="stop using the removed np.int and np.float aliases",
        symptoms=("crash",),
        roots={"api_change": 0.9, "dependency_mismatch": 0.1},
        stages={"data_pipeline": 0.6, "environment_setup": 0.25, "training": 0.15},
        alt_type="env_version",
        alt_root="dependency_mismatch",
        ambiguous=0.4,
        workaround="pinning `numpy<1.24`",
    ),
    S(
        key="pil_antialias",
        leaf="env_api",
        since="2023-07-01",
        titles=(
            "AttributeError: module 'PIL.Image' has no attribute 'ANTIALIAS'",
            "Pillow 10 breaks the resize transform",
        ),
        stories=(
            "Pillow 10 removed `Image.ANTIALIAS`, and the resize transform still uses it. The "
            "script stops {when}.",
            "I installed the requirements without pins and got Pillow {pillow}. The resize in "
            "`{pkg}/data/transforms.py` uses `Image.ANTIALIAS` and the run dies {when}.",
        ),
        error="AttributeError: module 'PIL.Image' has no attribute 'ANTIALIAS'",
        frame=("{pkg}/data/transforms.py", "resize", "img = img.resize(size, Image.ANTIALIAS)"),
        family="data",
        fix="use Image.Resampling.LANCZOS instead of the removed ANTIALIAS constant",
        symptoms=("crash",),
        roots={"api_change": 0.85, "dependency_mismatch": 0.15},
        stages={"data_pipeline": 0.7, "environment_setup": 0.3},
        alt_type="data_preprocessing",
        alt_root="dependency_mismatch",
        workaround="installing `pillow<10`",
    ),
    S(
        key="meshgrid_indexing",
        leaf="env_api",
        fw="torch",
        since="2021-10-21",
        titles=(
            "Anchors transposed for non-square inputs after torch.meshgrid change",
            "Boxes are wrong on {img}x{img2} images (torch.meshgrid indexing)",
        ),
        stories=(
            "There is a `UserWarning: torch.meshgrid: in an upcoming release, it will be required "
            "to pass the indexing argument` and on non-square images ({img}x{img2}) the predicted "
            "boxes are shifted, as if x and y of the anchor grid were swapped. Square images look "
            "fine. I noticed it {when}.",
            "The grid in `{pkg}/models/anchors.py` is built with `torch.meshgrid(ys, xs)` without "
            "`indexing=`. With torch {torch} and rectangular inputs the outputs are wrong: boxes "
            "land in the wrong place. Seen {when}.",
        ),
        fix="pass indexing='ij' to torch.meshgrid in the anchor generator",
        symptoms=("wrong_output",),
        optional={"accuracy_below_expectations": 0.4},
        roots={"api_change": 0.7, "implementation_error": 0.3},
        stages={"evaluation": 0.6, "training": 0.25, "deployment": 0.15},
        alt_type="model_architecture",
        alt_root="implementation_error",
        only=("yolo-reimpl", "maskrcnn-lite"),
        ambiguous=0.5,
    ),
    S(
        key="torch_load_weights_only",
        leaf="env_api",
        fw="torch",
        since="2025-01-29",
        titles=(
            "UnpicklingError: Weights only load failed on released checkpoints",
            "torch {torch}: cannot load the checkpoints from the model zoo",
        ),
        stories=(
            "Since PyTorch 2.6 `torch.load` defaults to `weights_only=True`, and the released "
            "checkpoints contain the argparse namespace, so loading fails {when}.",
            "Loading `{variant}.pth` breaks {when} with torch {torch}. The same file loads with "
            "torch 2.5.",
        ),
        error="_pickle.UnpicklingError: Weights only load failed. This file can still be loaded, "
        "to do so you have two options, do those steps only if you trust the source of the "
        "checkpoint.\n\t(1) In PyTorch 2.6, we changed the default value of the `weights_only` "
        "argument in `torch.load` from `False` to `True`.\n\tWeightsUnpickler error: Unsupported "
        "global: GLOBAL argparse.Namespace was not an allowed global by default.",
        frame=(
            "{pkg}/utils/checkpoint.py",
            "load_checkpoint",
            "ckpt = torch.load(path, map_location='cpu')",
        ),
        family="model",
        fix="load checkpoints with weights_only=False and strip the args namespace from new ones",
        symptoms=("crash",),
        roots={"api_change": 0.9, "undocumented_assumption": 0.1},
        stages={"modelling": 0.5, "evaluation": 0.3, "deployment": 0.2},
        alt_type="model_weights",
        alt_root="dependency_mismatch",
        ambiguous=0.45,
        workaround="passing `weights_only=False`",
    ),
    S(
        key="amp_api",
        leaf="env_api",
        fw="torch",
        since="2024-07-24",
        titles=(
            "FutureWarning flood and crash: torch.cuda.amp.GradScaler deprecated",
            "--amp training stops with torch {torch}",
        ),
        stories=(
            "With `--amp` the trainer creates `torch.cuda.amp.GradScaler(enabled=True, "
            "device='cuda')`, which mixes the old and new AMP APIs. On torch {torch} this throws "
            "{when}.",
        ),
        error="TypeError: GradScaler.__init__() got an unexpected keyword argument 'device'",
        frame=(
            "{pkg}/engine/trainer.py",
            "__init__",
            "self.scaler = torch.cuda.amp.GradScaler(enabled=amp, device='cuda')",
        ),
        family="train",
        fix="move mixed precision to the torch.amp API",
        symptoms=("crash",),
        roots={"api_change": 1.0},
        stages={"training": 1.0},
        alt_type="env_version",
        alt_root="dependency_mismatch",
    ),
    S(
        key="keras_optimizer_decay",
        leaf="env_api",
        fw="tf",
        since="2022-11-18",
        titles=(
            "ValueError: decay is deprecated in the new Keras optimizer",
            "Training script broken on TensorFlow {tf} (optimizer decay argument)",
        ),
        stories=(
            "`build_optimizer()` passes `decay=` to `tf.keras.optimizers.AdamW`. Since TF 2.11 "
            "the new optimizers reject it and the run aborts {when}.",
            "On TensorFlow {tf} the optimizer cannot be created {when}. Using "
            "`tf.keras.optimizers.legacy.Adam` works, so it is the optimizer API change.",
        ),
        error="ValueError: decay is deprecated in the new Keras optimizer, please check the "
        "docstring for valid arguments, or use the legacy optimizer, e.g., "
        "tf.keras.optimizers.legacy.AdamW.",
        frame=(
            "{pkg}/train/optim.py",
            "build_optimizer",
            "return tf.keras.optimizers.AdamW(learning_rate=lr, decay=wd)",
        ),
        family="train",
        fix="replace the removed decay argument with a LearningRateSchedule",
        symptoms=("crash",),
        roots={"api_change": 0.9, "dependency_mismatch": 0.1},
        stages={"training": 0.8, "environment_setup": 0.2},
        alt_type="env_version",
        alt_root="dependency_mismatch",
        ambiguous=0.4,
    ),
    S(
        key="keras3",
        leaf="env_api",
        fw="tf",
        since="2024-03-08",
        titles=(
            "KerasTensor cannot be used as input to a TensorFlow function (TF {tf})",
            "Model does not build with Keras 3",
        ),
        stories=(
            "TensorFlow {tf} ships Keras 3, and the model code calls `tf.image.resize` and "
            "`tf.einsum` directly on symbolic Keras tensors. Building the model fails {when}.",
            "Fresh install pulled TF {tf} + Keras 3. Model construction fails {when}; setting "
            "`TF_USE_LEGACY_KERAS=1` with tf-keras installed avoids it.",
        ),
        error="ValueError: A KerasTensor cannot be used as input to a TensorFlow function. A "
        "KerasTensor is a symbolic placeholder for a shape and dtype, used when constructing Keras "
        "Functional models or Keras Functions.",
        frame=("{pkg}/models/decoder.py", "call", "x = tf.image.resize(x, size)"),
        family="model",
        fix="wrap raw TensorFlow ops in Keras layers for Keras 3",
        symptoms=("crash",),
        roots={"api_change": 0.8, "dependency_mismatch": 0.2},
        stages={"modelling": 0.6, "environment_setup": 0.4},
        alt_type="env_version",
        alt_root="dependency_mismatch",
        ambiguous=0.45,
        workaround="setting `TF_USE_LEGACY_KERAS=1`",
    ),
    S(
        key="tf_resize_align_corners",
        leaf="env_api",
        fw="tf",
        titles=(
            "TypeError: resize() got an unexpected keyword argument 'align_corners'",
            "TF1 leftovers: image resize call does not work in TF2",
        ),
        stories=(
            "`{pkg}/ops/upsample.py` still calls `tf.image.resize(..., align_corners=True)` from "
            "the TF1 code base. In TF2 the argument does not exist, so the forward pass breaks "
            "{when}.",
        ),
        error="TypeError: resize() got an unexpected keyword argument 'align_corners'",
        frame=(
            "{pkg}/ops/upsample.py",
            "bilinear",
            "return tf.image.resize(x, size, align_corners=True)",
        ),
        family="model",
        fix="port the bilinear upsampling to the TF2 resize API",
        symptoms=("crash",),
        roots={"api_change": 0.75, "implementation_error": 0.25},
        stages={"modelling": 0.6, "training": 0.4},
        alt_type="model_op",
        alt_root="implementation_error",
        ambiguous=0.45,
    ),
    S(
        key="tv_weights_enum",
        leaf="env_api",
        fw="torch",
        since="2022-06-28",
        titles=(
            "Backbone weights silently not loaded: `pretrained=True` ignored",
            "UserWarning about 'pretrained' and then very low {metric}",
        ),
        stories=(
            "The backbone is built with `resnet50(pretrained=True)`. On torchvision {tv} this "
            "only warns, and with our wrapper the keyword gets swallowed, so the backbone starts "
            "from random weights. {metric} ends at {got} instead of about {paper}. I found it "
            "{when}.",
        ),
        fix="use the torchvision weights enum for backbone initialisation",
        symptoms=("accuracy_below_expectations",),
        roots={"api_change": 0.7, "implementation_error": 0.3},
        stages={"training": 0.5, "evaluation": 0.5},
        alt_type="model_weights",
        alt_root="implementation_error",
        only=("maskrcnn-lite", "yolo-reimpl"),
        ambiguous=0.55,
    ),
    # ------------------------------------------------------------ environment > env_version
    S(
        key="cuda_build_mismatch",
        leaf="env_version",
        fw="torch",
        titles=(
            "The detected CUDA version mismatches the version used to compile PyTorch",
            "CUDA version mismatch when installing the custom ops",
            "setup.py develop fails: CUDA {cuda_sys} vs {cuda}",
        ),
        stories=(
            "`python setup.py develop` fails {when}. The system has CUDA {cuda_sys} but the "
            "torch wheel was built with {cuda}.",
            "I followed INSTALL.md in a new conda env. Building the NMS extension stops with a "
            "CUDA version mismatch ({cuda_sys} on the machine, {cuda} in torch).",
        ),
        error="RuntimeError:\nThe detected CUDA version ({cuda_sys}) mismatches the version that "
        "was used to compile\nPyTorch ({cuda}). Please make sure to use the same CUDA versions.",
        family="build",
        fix="document matching CUDA toolkits and check the version before building",
        symptoms=("build_failure",),
        roots={"dependency_mismatch": 0.9, "platform_limitation": 0.1},
        stages={"environment_setup": 1.0},
        alt_type="env_build",
        alt_root="platform_limitation",
        ambiguous=0.45,
        workaround="installing the matching `cudatoolkit` from conda",
    ),
    S(
        key="tv_too_old",
        leaf="env_version",
        fw="torch",
        since="2022-06-28",
        titles=(
            "TypeError: __init__() got an unexpected keyword argument 'weights'",
            "Cannot build backbone with torchvision {old_tv}",
        ),
        stories=(
            "The README says torch>=1.8 is fine, but with torchvision {old_tv} the backbone call "
            "`resnet50(weights=ResNet50_Weights.IMAGENET1K_V2)` fails {when}. The `weights=` API "
            "only exists from 0.13.",
        ),
        error="TypeError: __init__() got an unexpected keyword argument 'weights'",
        frame=(
            "{pkg}/models/backbone.py",
            "build_backbone",
            "net = resnet50(weights=ResNet50_Weights.IMAGENET1K_V2)",
        ),
        family="model",
        fix="raise the minimum torchvision version to 0.13 in setup.py",
        symptoms=("crash",),
        roots={"dependency_mismatch": 0.8, "api_change": 0.2},
        stages={"modelling": 0.6, "environment_setup": 0.4},
        alt_type="env_api",
        alt_root="api_change",
        ambiguous=0.6,
    ),
    S(
        key="protobuf4",
        leaf="env_version",
        since="2022-05-26",
        titles=(
            "TypeError: Descriptors cannot be created directly",
            "protobuf 4 breaks import of {pkg}",
        ),
        stories=(
            "Importing the package fails {when}. pip installed protobuf 4.21 together with "
            "tensorboard; downgrading protobuf to 3.20.x makes the error go away.",
        ),
        error="TypeError: Descriptors cannot be created directly.\nIf this call came from a "
        "_pb2.py file, your generated code is out of date and must be regenerated with "
        "protoc >= 3.19.0.",
        family="import",
        frame=(
            "{pkg}/utils/logging.py",
            "<module>",
            "from tensorboard.compat.proto import event_pb2",
        ),
        fix="pin protobuf below 4 until the tensorboard requirement is updated",
        symptoms=("crash",),
        roots={"dependency_mismatch": 1.0},
        stages={"environment_setup": 0.85, "training": 0.15},
        alt_type="env_api",
        alt_root="api_change",
        ambiguous=0.4,
        workaround="`pip install protobuf==3.20.3`",
    ),
    S(
        key="numpy2_abi",
        leaf="env_version",
        since="2024-06-16",
        titles=(
            "A module that was compiled using NumPy 1.x cannot be run in NumPy {numpy}",
            "pycocotools import error with numpy 2",
        ),
        stories=(
            "After a fresh install numpy {numpy} got pulled in, but the pycocotools wheel was "
            "built against numpy 1.x. The import fails {when}.",
        ),
        error="ValueError: numpy.dtype size changed, may indicate binary incompatibility. "
        "Expected 96 from C header, got 88 from PyObject",
        family="import",
        frame=("{pkg}/evaluation/coco.py", "<module>", "from pycocotools.cocoeval import COCOeval"),
        fix="pin numpy<2 until pycocotools ships numpy 2 wheels",
        symptoms=("crash",),
        roots={"dependency_mismatch": 1.0},
        stages={"environment_setup": 0.6, "evaluation": 0.4},
        alt_type="env_api",
        alt_root="api_change",
        ambiguous=0.4,
        workaround="`pip install 'numpy<2'`",
    ),
    S(
        key="cudnn_missing",
        leaf="env_version",
        fw="tf",
        titles=(
            "Training extremely slow, GPU not used "
            "(Could not load dynamic library 'libcudnn.so.8')",
            "TensorFlow {tf} does not see the GPU",
        ),
        stories=(
            "Training runs at {it_got} it/s; the README mentions around {it_paper} it/s on a "
            "{gpu}. The log shows `Could not load dynamic library 'libcudnn.so.8'` and then TF "
            "silently falls back to the CPU. TF {tf}, CUDA {cuda_sys} on the machine.",
        ),
        fix="document the CUDA/cuDNN versions required by each TensorFlow release",
        symptoms=("speed_below_expectations",),
        roots={"dependency_mismatch": 0.85, "platform_limitation": 0.15},
        stages={"training": 0.6, "environment_setup": 0.4},
        alt_type="env_hardware",
        alt_root="platform_limitation",
        ambiguous=0.5,
    ),
    S(
        key="pycocotools_py312",
        leaf="env_version",
        since="2023-10-02",
        fixed={"python": "3.12.1"},
        titles=(
            "pip install fails on Python 3.12: building wheel for pycocotools",
            "Installation does not work with Python {python}",
        ),
        stories=(
            "`pip install -r requirements.txt` stops {when}. The pinned pycocotools version has "
            "no wheel for Python {python} and compiling it fails.",
        ),
        error="error: subprocess-exited-with-error\n\n  × Building wheel for pycocotools "
        "(pyproject.toml) did not run successfully.\n  │ exit code: 1\n  ╰─> [38 lines of output]\n"
        "      pycocotools/_mask.c:6:10: fatal error: Python.h: No such file or directory",
        family="pip",
        fix="unpin pycocotools so that Python 3.12 wheels are used",
        symptoms=("build_failure",),
        roots={"dependency_mismatch": 0.9, "platform_limitation": 0.1},
        stages={"environment_setup": 1.0},
        alt_type="env_build",
        alt_root="platform_limitation",
        ambiguous=0.5,
    ),
    S(
        key="results_differ_versions",
        leaf="env_version",
        titles=(
            "{metric} differs between {fw} versions",
            "Different results with {fw_ver} vs the versions in the README",
        ),
        stories=(
            "Evaluating the same checkpoint gives {metric} {paper} with the versions listed in "
            "the README but {got} with {fw_ver}. Nothing else changed; I noticed it {when}.",
            "We upgraded our cluster to {fw_ver} and re-ran the evaluation of the released "
            "`{variant}` checkpoint: {got} instead of {paper}. With the old image it is {paper} "
            "again.",
        ),
        fix="pin the framework versions used for the published numbers",
        symptoms=("accuracy_below_expectations", "reproducibility"),
        roots={"dependency_mismatch": 0.7, "undocumented_assumption": 0.3},
        stages={"training": 0.65, "evaluation": 0.35},
        alt_type="env_api",
        alt_root="undocumented_assumption",
        ambiguous=0.6,
    ),
    # ----------------------------------------------------------- environment > env_hardware
    S(
        key="oom_default_config",
        leaf="env_hardware",
        titles=(
            "CUDA out of memory with the default config on a {gpu}",
            "OOM when training {variant} (batch size {bs})",
            "Out of memory on {gpu_mem} GB GPU",
        ),
        stories=(
            "Training with the default config crashes with out of memory {when}. My GPU is a "
            "{gpu} with {gpu_mem} GB; the config assumes a 32 GB card.",
            "I cannot train `{variant}` on a {gpu}: OOM as soon as the first large batch "
            "arrives. Batch size {bs}, image size {img}.",
        ),
        error={
            "torch": "torch.cuda.OutOfMemoryError: CUDA out of memory. Tried to allocate 1.56 GiB "
            "(GPU 0; {gpu_mem}.00 GiB total capacity; 9.87 GiB already allocated; 1.02 GiB free; "
            "10.12 GiB reserved in total by PyTorch)",
            "tf": "tensorflow.python.framework.errors_impl.ResourceExhaustedError: OOM when "
            "allocating tensor with shape[{bs},256,{img},{img}] and type float on "
            "/job:localhost/replica:0/task:0/device:GPU:0 by allocator GPU_0_bfc",
        },
        family="train",
        fix="document memory requirements and add a small-GPU config",
        symptoms=("crash",),
        roots={"platform_limitation": 0.7, "misconfiguration": 0.3},
        stages={"training": 1.0},
        alt_type="train_config",
        alt_root="misconfiguration",
        ambiguous=0.45,
        workaround="halving the batch size and the learning rate",
    ),
    S(
        key="mps_nms",
        leaf="env_hardware",
        fw="torch",
        fixed={"os": "macOS 14.2 (Apple M2 Pro)", "gpu": "Apple M2 Pro (MPS)"},
        since="2022-05-18",
        titles=(
            "NotImplementedError: torchvision::nms not implemented for the MPS device",
            "Does not run on Apple Silicon (MPS)",
        ),
        stories=(
            "On a MacBook with an M2 Pro I use `--device mps`. Inference stops {when} because "
            "`torchvision.ops.nms` has no MPS kernel.",
        ),
        error="NotImplementedError: The operator 'torchvision::nms' is not currently implemented "
        "for the MPS device. If you want this op to be added in priority during the prototype "
        "phase of this feature, please comment on https://github.com/pytorch/pytorch/issues/77764.",
        frame=(
            "{pkg}/models/postprocess.py",
            "batched_nms",
            "keep = torchvision.ops.nms(boxes, scores, iou_thr)",
        ),
        family="eval",
        fix="fall back to CPU NMS on the MPS device",
        symptoms=("crash",),
        roots={"platform_limitation": 1.0},
        stages={"evaluation": 0.5, "deployment": 0.5},
        alt_type="env_api",
        alt_root="dependency_mismatch",
        only=("yolo-reimpl", "maskrcnn-lite"),
        workaround="setting `PYTORCH_ENABLE_MPS_FALLBACK=1`",
    ),
    S(
        key="windows_workers",
        leaf="env_hardware",
        fw="torch",
        fixed={"os": "Windows 11"},
        titles=(
            "OSError: [WinError 1455] The paging file is too small",
            "Windows: dataloader workers crash",
        ),
        stories=(
            "On Windows 11 with `num_workers={workers}` the run dies {when}. Each worker "
            "re-imports torch and the CUDA DLLs, and Windows runs out of paging file.",
        ),
        error="OSError: [WinError 1455] The paging file is too small for this operation to "
        'complete. Error loading "C:\\Users\\user\\miniconda3\\envs\\cv\\lib\\site-packages\\torch'
        '\\lib\\cudnn_adv_infer64_8.dll" or one of its dependencies.',
        family="data",
        fix="default to fewer dataloader workers on Windows",
        symptoms=("crash",),
        roots={"platform_limitation": 1.0},
        stages={"data_pipeline": 0.5, "training": 0.5},
        alt_type="data_loading",
        alt_root="misconfiguration",
        ambiguous=0.45,
        workaround="`--workers 0`",
    ),
    S(
        key="nccl_hang",
        leaf="env_hardware",
        titles=(
            "Multi-GPU training hangs on {ngpu}x {gpu} (NCCL)",
            "NCCL error on multi-node training",
        ),
        stories=(
            "Single GPU works. With {ngpu} GPUs the job hangs {when} and after 30 minutes NCCL "
            "reports a timeout. The machines have no InfiniBand, only Ethernet.",
        ),
        error={
            "torch": "RuntimeError: NCCL communicator was aborted on rank 1. Original reason for "
            "failure was: [Rank 1] Watchdog caught collective operation timeout: "
            "WorkNCCL(SeqNum=2, OpType=ALLREDUCE, Timeout(ms)=1800000) ran for 1800323 "
            "milliseconds before timing out.",
            "tf": "tensorflow.python.framework.errors_impl.InternalError: NCCL: unhandled system "
            "error\n\t [[{{node CollectiveReduceV2}}]]",
        },
        family="train",
        fix="document NCCL settings for machines without InfiniBand",
        symptoms=("crash",),
        roots={"platform_limitation": 0.8, "misconfiguration": 0.2},
        stages={"training": 1.0},
        alt_type="train_distributed",
        alt_root="misconfiguration",
        ambiguous=0.5,
        workaround="exporting `NCCL_IB_DISABLE=1` and `NCCL_P2P_DISABLE=1`",
    ),
    S(
        key="t4_slow_fp32",
        leaf="env_hardware",
        titles=(
            "Training is {slow}x slower on {gpu} than expected",
            "Very slow training on {gpu}",
        ),
        stories=(
            "On a {gpu} training runs at {it_got} it/s, the README table reports {it_paper} it/s "
            "for a V100. The GPU sits at 40% utilisation {when}.",
        ),
        fix="add a note about expected throughput on consumer GPUs",
        symptoms=("speed_below_expectations",),
        roots={"platform_limitation": 0.6, "misconfiguration": 0.4},
        stages={"training": 1.0},
        alt_type="deploy_inference",
        alt_root="misconfiguration",
        ambiguous=0.4,
    ),
    # --------------------------------------------------------------- environment > env_build
    S(
        key="thc_removed",
        leaf="env_build",
        fw="torch",
        since="2022-03-10",
        titles=(
            "fatal error: THC/THC.h: No such file or directory",
            "Custom CUDA ops do not compile with torch {torch}",
        ),
        stories=(
            "Building the `{pkg}._C` extension fails {when}. The kernels include `THC/THC.h`, "
            "which was removed in PyTorch 1.11.",
        ),
        error="{pkg}/csrc/cuda/deform_conv_cuda.cu:4:10: fatal error: THC/THC.h: No such file or "
        "directory\n    4 | #include <THC/THC.h>\n      |          ^~~~~~~~~~~",
        family="build",
        fix="port the CUDA kernels from THC to ATen",
        symptoms=("build_failure",),
        roots={"api_change": 0.8, "dependency_mismatch": 0.2},
        stages={"environment_setup": 1.0},
        alt_type="env_api",
        alt_root="dependency_mismatch",
        ambiguous=0.5,
        workaround="staying on torch 1.10",
    ),
    S(
        key="msvc_ninja",
        leaf="env_build",
        fw="torch",
        fixed={"os": "Windows 10"},
        titles=(
            "ninja: build stopped: subcommand failed (Windows, MSVC)",
            "Cannot compile the extension on Windows",
        ),
        stories=(
            "On Windows 10 with Visual Studio 2022 Build Tools the extension build fails {when}. "
            "nvcc complains about the host compiler version.",
        ),
        error="C:/Program Files/NVIDIA GPU Computing Toolkit/CUDA/v{cuda_sys}/include/crt/"
        "host_config.h(160): fatal error C1189: #error:  -- unsupported Microsoft Visual Studio "
        "version! Only the versions between 2017 and 2019 (inclusive) are supported!\n"
        "ninja: build stopped: subcommand failed.",
        family="build",
        fix="add a pure-PyTorch fallback for the custom op on Windows",
        symptoms=("build_failure",),
        roots={"platform_limitation": 0.8, "dependency_mismatch": 0.2},
        stages={"environment_setup": 1.0},
        alt_type="env_hardware",
        alt_root="dependency_mismatch",
        ambiguous=0.4,
    ),
    S(
        key="tf_custom_op_symbol",
        leaf="env_build",
        fw="tf",
        titles=(
            "undefined symbol when loading the compiled custom op",
            "tensorflow.python.framework.errors_impl.NotFoundError: undefined symbol",
        ),
        stories=(
            "I compiled `{pkg}/ops/_correlation.so` with the provided Makefile and TF {tf}. "
            "Loading it fails {when}. The Makefile hard-codes `-D_GLIBCXX_USE_CXX11_ABI=0`.",
        ),
        error="tensorflow.python.framework.errors_impl.NotFoundError: {pkg}/ops/_correlation.so: "
        "undefined symbol: _ZN10tensorflow15OpKernelContext10input_dtypeEN4absl12lts_2023080211"
        "string_viewEPNS_8DataTypeE",
        family="import",
        frame=("{pkg}/ops/__init__.py", "<module>", "_lib = tf.load_op_library(_SO_PATH)"),
        fix="read compile and link flags from tf.sysconfig in the Makefile",
        symptoms=("crash", "build_failure"),
        roots={"dependency_mismatch": 0.7, "platform_limitation": 0.3},
        stages={"environment_setup": 0.8, "modelling": 0.2},
        alt_type="env_version",
        alt_root="platform_limitation",
        ambiguous=0.5,
    ),
    # ----------------------------------------------------------- data > data_preprocessing
    S(
        key="normalisation_range",
        leaf="data_preprocessing",
        titles=(
            "{metric} {got} instead of {paper}: normalisation applied twice?",
            "Wrong input normalisation in the eval transform",
        ),
        stories=(
            "The eval transform divides by 255 and then subtracts the ImageNet mean given in "
            "0-255 units. With the released `{variant}` weights I get {metric} {got} instead of "
            "{paper} reported in the paper. Found {when}.",
            "Evaluating the released checkpoint gives {metric} {got} (paper: {paper}). The input "
            "tensors after the transform have values around -120, so the mean/std look like "
            "they are in the wrong range.",
        ),
        fix="normalise inputs with mean and std in the 0-1 range",
        symptoms=("accuracy_below_expectations",),
        roots={"implementation_error": 0.7, "undocumented_assumption": 0.3},
        stages={"evaluation": 0.7, "training": 0.3},
        alt_type="eval_metric",
        alt_root="undocumented_assumption",
        ambiguous=0.35,
    ),
    S(
        key="bgr_rgb",
        leaf="data_preprocessing",
        titles=(
            "BGR vs RGB: converted weights expect RGB input",
            "Lower {metric} with OpenCV loader ({got} vs {paper})",
        ),
        stories=(
            "Images are read with `cv2.imread` (BGR) but the converted reference weights were "
            "trained on RGB. {metric} is {got} instead of {paper}. Swapping channels fixes it. "
            "I noticed it {when}.",
        ),
        fix="convert OpenCV images to RGB before normalisation",
        symptoms=("accuracy_below_expectations",),
        roots={"undocumented_assumption": 0.6, "implementation_error": 0.4},
        stages={"evaluation": 0.7, "deployment": 0.3},
        alt_type="model_weights",
        alt_root="implementation_error",
        ambiguous=0.5,
    ),
    S(
        key="letterbox_shift",
        leaf="data_preprocessing",
        titles=(
            "Predicted boxes shifted after letterbox resize",
            "Boxes are offset on images that are not {img}x{img}",
        ),
        stories=(
            "The letterbox padding is added on the right/bottom in our code but the "
            "postprocessing removes it as if it were centred. Boxes are shifted by half the "
            "padding. Visible {when}.",
        ),
        fix="use the same letterbox offsets in preprocessing and postprocessing",
        symptoms=("wrong_output",),
        optional={"accuracy_below_expectations": 0.5},
        roots={"implementation_error": 0.85, "undocumented_assumption": 0.15},
        stages={"evaluation": 0.5, "deployment": 0.5},
        alt_type="deploy_inference",
        alt_root="undocumented_assumption",
        only=("yolo-reimpl", "maskrcnn-lite", "detr-port"),
        ambiguous=0.45,
    ),
    S(
        key="mosaic_degenerate",
        leaf="data_preprocessing",
        titles=(
            "Loss becomes NaN with mosaic augmentation",
            "nan loss: degenerate boxes after random crop",
        ),
        stories=(
            "With mosaic / random crop enabled, some targets end up with zero width after "
            "clipping and the box loss turns into NaN {when}. Disabling the augmentation avoids "
            "it.",
        ),
        fix="drop boxes with zero area after crop and mosaic",
        symptoms=("numerical_error",),
        optional={"crash": 0.3},
        roots={"implementation_error": 0.8, "numerical_instability": 0.2},
        stages={"training": 0.9, "data_pipeline": 0.1},
        alt_type="train_optimization",
        alt_root="numerical_instability",
        ambiguous=0.55,
    ),
    S(
        key="crop_pct",
        leaf="data_preprocessing",
        titles=(
            "Eval resize/crop differs from the reference (top-1 {got} vs {paper})",
            "center crop ratio 0.875 vs 0.9",
        ),
        stories=(
            "The reference evaluation resizes to 248 and centre-crops 224 (crop ratio 0.9); this "
            "repo uses 256/224. With the converted weights I get {got} top-1 instead of {paper}. "
            "Found {when}.",
        ),
        fix="use the reference resize and crop ratio in the eval transform",
        symptoms=("accuracy_below_expectations",),
        optional={"reproducibility": 0.2},
        roots={"undocumented_assumption": 0.8, "implementation_error": 0.2},
        stages={"evaluation": 1.0},
        alt_type="eval_metric",
        alt_root="implementation_error",
        only=("vit-replica",),
        ambiguous=0.55,
    ),
    # ------------------------------------------------------------------ data > data_loading
    S(
        key="collate_variable_boxes",
        leaf="data_loading",
        titles=(
            "RuntimeError: stack expects each tensor to be equal size",
            "Dataloader fails with custom dataset (different number of boxes)",
        ),
        stories=(
            "With my own dataset the default collate function tries to stack the targets, which "
            "have different numbers of boxes per image. It fails {when}.",
        ),
        error={
            "torch": "RuntimeError: stack expects each tensor to be equal size, but got [3, 5] at "
            "entry 0 and [7, 5] at entry 1",
            "tf": "tensorflow.python.framework.errors_impl.InvalidArgumentError: Cannot batch "
            "tensors with different shapes in component 1. First element had shape [3,4] and "
            "element 1 had shape [7,4].",
        },
        family="data",
        fix="pad or list-collate targets with a variable number of boxes",
        symptoms=("crash",),
        roots={"implementation_error": 0.7, "data_format_mismatch": 0.3},
        stages={"data_pipeline": 0.6, "training": 0.4},
        alt_type="data_annotation",
        alt_root="data_format_mismatch",
        only=("yolo-reimpl", "maskrcnn-lite", "detr-port"),
        ambiguous=0.4,
    ),
    S(
        key="worker_seed",
        leaf="data_loading",
        fw="torch",
        titles=(
            "All dataloader workers produce the same augmentations",
            "Same random crops in every worker, results not reproducible",
        ),
        stories=(
            "numpy's RNG is not re-seeded in the dataloader workers, so all {workers} workers "
            "produce identical random augmentations. Runs also differ a lot between restarts: "
            "seeds 0/1/2 gave {r1}, {r2} and {r3}. Found {when}.",
        ),
        fix="seed numpy and random in worker_init_fn",
        symptoms=("reproducibility",),
        optional={"accuracy_below_expectations": 0.5},
        roots={"implementation_error": 0.6, "undocumented_assumption": 0.4},
        stages={"training": 0.85, "data_pipeline": 0.15},
        alt_type="data_preprocessing",
        alt_root="undocumented_assumption",
        ambiguous=0.45,
    ),
    S(
        key="empty_annotations",
        leaf="data_loading",
        titles=(
            "IndexError on images without annotations",
            "Crash when an image has no objects",
        ),
        stories=(
            "About 2% of my images have no objects. The loader indexes `targets[0]` "
            "unconditionally and the run dies {when}.",
        ),
        error={
            "torch": "IndexError: index 0 is out of bounds for dimension 0 with size 0",
            "tf": "tensorflow.python.framework.errors_impl.InvalidArgumentError: slice index 0 "
            "of dimension 0 out of bounds. [Op:StridedSlice]",
        },
        family="data",
        fix="handle images without annotations in the loader",
        symptoms=("crash",),
        roots={"data_format_mismatch": 0.5, "implementation_error": 0.5},
        stages={"data_pipeline": 0.5, "training": 0.5},
        alt_type="data_annotation",
        alt_root="data_format_mismatch",
        ambiguous=0.4,
    ),
    S(
        key="tfdata_slow",
        leaf="data_loading",
        fw="tf",
        titles=(
            "Input pipeline is the bottleneck ({it_got} it/s)",
            "tf.data pipeline very slow, GPU idle",
        ),
        stories=(
            "The profiler shows the GPU idle most of the time {when}. The tf.data pipeline has "
            "no `.prefetch()` and decodes JPEGs with `num_parallel_calls=None`. I get {it_got} "
            "it/s, the README says {it_paper}.",
        ),
        fix="parallelise decoding and prefetch in the tf.data pipeline",
        symptoms=("speed_below_expectations",),
        roots={"misconfiguration": 0.5, "implementation_error": 0.5},
        stages={"training": 0.8, "data_pipeline": 0.2},
        alt_type="train_config",
        alt_root="misconfiguration",
        ambiguous=0.35,
    ),
    # --------------------------------------------------------------- data > data_annotation
    S(
        key="coco_category_ids",
        leaf="data_annotation",
        titles=(
            "Class names wrong: COCO category ids are not contiguous",
            "Predicted labels shifted by a few classes",
        ),
        stories=(
            "COCO category ids go from 1 to 90 with gaps, but the label map assumes 0..79. All "
            "classes after id 11 are shifted, e.g. cats are shown as dogs. Found {when}.",
        ),
        fix="map non-contiguous COCO category ids to contiguous labels",
        symptoms=("wrong_output",),
        optional={"accuracy_below_expectations": 0.4},
        roots={"data_format_mismatch": 0.8, "implementation_error": 0.2},
        stages={"evaluation": 0.6, "deployment": 0.4},
        alt_type="eval_metric",
        alt_root="implementation_error",
        only=("yolo-reimpl", "maskrcnn-lite", "detr-port"),
        ambiguous=0.45,
    ),
    S(
        key="yolo_txt_absolute",
        leaf="data_annotation",
        titles=(
            "Loss does not decrease on my custom dataset",
            "Custom labels: absolute vs normalised box coordinates",
        ),
        stories=(
            "I converted my dataset ({cls} classes) to the txt label format but wrote absolute "
            "pixel coordinates. The loader expects normalised xywh and silently clips everything, "
            "so the loss stays flat and {metric} is {low}. Noticed {when}.",
        ),
        fix="validate that label coordinates are normalised when loading",
        symptoms=("accuracy_below_expectations",),
        optional={"wrong_output": 0.3},
        roots={"data_format_mismatch": 0.85, "undocumented_assumption": 0.15},
        stages={"training": 0.6, "data_pipeline": 0.4},
        alt_type="data_loading",
        alt_root="undocumented_assumption",
        only=("yolo-reimpl",),
        ambiguous=0.4,
    ),
    S(
        key="ignore_index",
        leaf="data_annotation",
        titles=(
            "Training aborts: label value 255 out of range",
            "void label 255 in VOC masks handled as a class",
        ),
        stories=(
            "The VOC masks use 255 for void pixels, but the loss is called without the ignore "
            "index, so labels go out of range {when}.",
        ),
        error="tensorflow.python.framework.errors_impl.InvalidArgumentError: Received a label "
        "value of 255 which is outside the valid range of [0, 21).  Label values: 0 0 0 15 15 255",
        family="train",
        fix="mask out the void label 255 in the loss",
        symptoms=("crash",),
        roots={"data_format_mismatch": 0.8, "implementation_error": 0.2},
        stages={"training": 0.9, "data_pipeline": 0.1},
        alt_type="train_optimization",
        alt_root="implementation_error",
        only=("deeplab-tf2",),
        ambiguous=0.45,
    ),
    S(
        key="voc_difficult",
        leaf="data_annotation",
        titles=("VOC 'difficult' flag ignored, {metric} lower than reported",),
        stories=(
            "The VOC parser keeps objects marked `difficult` as normal ground truth, while the "
            "official protocol ignores them. That explains {got} vs {paper}. Found {when}.",
        ),
        fix="ignore difficult objects as the VOC protocol does",
        symptoms=("accuracy_below_expectations",),
        roots={"undocumented_assumption": 0.6, "data_format_mismatch": 0.4},
        stages={"evaluation": 1.0},
        alt_type="eval_metric",
        alt_root="data_format_mismatch",
        only=("yolo-reimpl", "deeplab-tf2"),
        ambiguous=0.55,
    ),
    S(
        key="in21k_mapping",
        leaf="data_annotation",
        titles=(
            "Wrong classes after fine-tuning from the ImageNet-21k checkpoint",
            "21k-to-1k label mapping file is off by one",
        ),
        stories=(
            "`data/in21k_to_in1k.txt` starts at index 1 while the loader assumes 0-based "
            "indices, so every predicted class is the neighbour of the right one. Top-1 is "
            "{low} {when}.",
        ),
        fix="use 0-based indices in the 21k-to-1k label mapping",
        symptoms=("wrong_output",),
        optional={"accuracy_below_expectations": 0.5},
        roots={"data_format_mismatch": 0.7, "implementation_error": 0.3},
        stages={"evaluation": 0.6, "training": 0.4},
        alt_type="eval_metric",
        alt_root="implementation_error",
        only=("vit-replica",),
        ambiguous=0.45,
    ),
    # ------------------------------------------------------------ model > model_architecture
    S(
        key="missing_bn_neck",
        leaf="model_architecture",
        titles=(
            "{metric} {got} instead of {paper} reported in the paper",
            "Cannot reach the paper {metric} with {variant}",
            "Gap to the paper: {got} vs {paper}",
        ),
        stories=(
            "I trained `{variant}` with the default config for the full schedule and get "
            "{metric} {got} instead of {paper} reported in the paper. Comparing with the paper, "
            "the neck seems to be missing the BatchNorm + activation after the lateral 1x1 convs.",
            "After training from scratch I get {got} {metric}, the paper reports {paper}. I "
            "checked the architecture against the paper's figure 2 and the neck blocks differ "
            "(no normalisation after the upsampling path). Found {when}.",
        ),
        fix="add the missing normalisation layers to the neck",
        symptoms=("accuracy_below_expectations",),
        optional={"reproducibility": 0.3},
        roots={"undocumented_assumption": 0.55, "implementation_error": 0.45},
        stages={"evaluation": 0.55, "training": 0.45},
        alt_type="train_config",
        alt_root="implementation_error",
        ambiguous=0.55,
    ),
    S(
        key="head_num_classes",
        leaf="model_architecture",
        titles=(
            "Shape mismatch in head when num_classes != 80",
            "RuntimeError: shape '[{bs}, 3, {ch}, 80, 80]' is invalid",
        ),
        stories=(
            "With `num_classes: {cls}` in the config the head still reshapes with 85 channels "
            "(80 classes + 5). It fails {when}.",
        ),
        error="RuntimeError: shape '[{bs}, 3, 85, 80, 80]' is invalid for input of size {size}",
        frame=("{pkg}/models/head.py", "forward", "x = x.view(bs, self.na, self.no, ny, nx)"),
        family="train",
        fix="derive the head output channels from num_classes",
        symptoms=("crash",),
        roots={"implementation_error": 0.9, "misconfiguration": 0.1},
        stages={"modelling": 0.5, "training": 0.5},
        alt_type="train_config",
        alt_root="misconfiguration",
        only=("yolo-reimpl",),
        ambiguous=0.35,
    ),
    S(
        key="pos_embed_interp",
        leaf="model_architecture",
        titles=(
            "Position embedding not interpolated for {img}px inputs",
            "Accuracy collapses at higher resolution",
        ),
        stories=(
            "Fine-tuning at {img}px: the position embeddings are cropped instead of "
            "interpolated, so {metric} drops to {got} (expected around {paper}). Found {when}.",
        ),
        fix="interpolate position embeddings bicubically for new input sizes",
        symptoms=("accuracy_below_expectations",),
        optional={"wrong_output": 0.3},
        roots={"implementation_error": 0.8, "undocumented_assumption": 0.2},
        stages={"evaluation": 0.5, "training": 0.5},
        alt_type="model_weights",
        alt_root="undocumented_assumption",
        only=("vit-replica", "detr-port"),
        ambiguous=0.45,
    ),
    S(
        key="aspp_rates",
        leaf="model_architecture",
        titles=(
            "ASPP dilation rates wrong for output stride 8",
            "{metric} {got} instead of {paper} with output_stride=8",
        ),
        stories=(
            "With `output_stride: 8` the ASPP rates stay at (6, 12, 18); the original code "
            "doubles them to (12, 24, 36). {metric} is {got}, the paper reports {paper}.",
        ),
        fix="scale ASPP atrous rates with the output stride",
        symptoms=("accuracy_below_expectations",),
        roots={"undocumented_assumption": 0.6, "implementation_error": 0.4},
        stages={"evaluation": 0.6, "training": 0.4},
        alt_type="train_config",
        alt_root="misconfiguration",
        only=("deeplab-tf2",),
        ambiguous=0.5,
    ),
    S(
        key="droppath_eval",
        leaf="model_architecture",
        titles=(
            "Eval results change between runs of the same checkpoint",
            "Stochastic depth active in eval mode",
        ),
        stories=(
            "Evaluating the same checkpoint three times gives {r1}, {r2} and {r3}. DropPath "
            "checks a module attribute instead of `self.training`, so it stays active {when}.",
        ),
        fix="disable stochastic depth outside training",
        symptoms=("reproducibility", "wrong_output"),
        roots={"implementation_error": 1.0},
        stages={"evaluation": 0.5, "training": 0.5},
        alt_type="eval_metric",
        alt_root="implementation_error",
        only=("vit-replica", "detr-port"),
        ambiguous=0.4,
    ),
    S(
        key="frozen_bn_train",
        leaf="model_architecture",
        titles=(
            "FrozenBatchNorm not frozen: statistics drift with small batches",
            "{metric} drops when fine-tuning with batch size {bs}",
        ),
        stories=(
            "The backbone should use frozen BN as in the reference, but `FrozenBatchNorm2d` is "
            "only used when `norm: FrozenBN` is spelled exactly like that, otherwise regular BN "
            "updates its statistics with {bs} images per GPU. I get {got} vs {paper}.",
        ),
        fix="use frozen batch norm in the backbone by default",
        symptoms=("accuracy_below_expectations",),
        optional={"reproducibility": 0.3},
        roots={"implementation_error": 0.6, "misconfiguration": 0.4},
        stages={"training": 0.7, "evaluation": 0.3},
        alt_type="train_config",
        alt_root="misconfiguration",
        only=("maskrcnn-lite", "detr-port"),
        ambiguous=0.55,
    ),
    # ----------------------------------------------------------------- model > model_weights
    S(
        key="state_dict_keys",
        leaf="model_weights",
        titles=(
            "Error(s) in loading state_dict: missing and unexpected keys",
            "Cannot load the official checkpoint into {variant}",
            "size mismatch for head weights when loading pretrained model",
        ),
        stories=(
            "Loading the converted official checkpoint fails {when}. The key names differ "
            "(`neck.lateral` vs `fpn.inner_blocks`) and the class head has 81 outputs in the file.",
        ),
        error={
            "torch": "RuntimeError: Error(s) in loading state_dict for Detector:\n\tMissing key(s) "
            'in state_dict: "neck.lateral.0.weight", "neck.lateral.0.bias".\n\tUnexpected '
            'key(s) in state_dict: "fpn.inner_blocks.0.weight".\n\tsize mismatch for '
            "head.cls_logits.weight: copying a param with shape torch.Size([81, 256]) from "
            "checkpoint, the shape in current model is torch.Size([{cls}, 256]).",
            "tf": "ValueError: Layer count mismatch when loading weights from file. Model expected "
            "214 layers, found 212 saved layers.",
        },
        family="model",
        fix="map the reference checkpoint keys in the converter",
        symptoms=("crash",),
        roots={"implementation_error": 0.6, "data_format_mismatch": 0.4},
        stages={"modelling": 0.8, "evaluation": 0.2},
        alt_type="model_architecture",
        alt_root="data_format_mismatch",
        ambiguous=0.4,
    ),
    S(
        key="jax_kernel_transpose",
        leaf="model_weights",
        titles=(
            "Converted JAX checkpoint gives ~0.1% top-1",
            "convert_jax.py: conv kernels not transposed",
        ),
        stories=(
            "After converting the original `.npz` checkpoint with `tools/convert_jax.py`, the "
            "model predicts one class for everything (top-1 0.1%). The patch embedding kernel is "
            "HWIO in JAX and is copied without transposing to OIHW. Found {when}.",
        ),
        fix="transpose JAX conv kernels to OIHW in the converter",
        symptoms=("wrong_output",),
        optional={"accuracy_below_expectations": 0.5},
        roots={"implementation_error": 0.7, "undocumented_assumption": 0.3},
        stages={"modelling": 0.5, "evaluation": 0.5},
        alt_type="model_op",
        alt_root="undocumented_assumption",
        only=("vit-replica", "detr-port"),
        ambiguous=0.5,
    ),
    S(
        key="zoo_checkpoint_low",
        leaf="model_weights",
        titles=(
            "Released {variant} checkpoint: {got} {metric}, README says {paper}",
            "Model zoo numbers not reproducible",
        ),
        stories=(
            "Evaluating the released `{variant}` checkpoint with the provided command gives "
            "{metric} {got}; the README table says {paper}. Is the uploaded file the right one?",
            "I downloaded `{variant}` from the release page and ran `{eval_cmd}`: {got} instead "
            "of {paper}. Two colleagues get the same number.",
        ),
        fix="re-upload the correct checkpoint and add checksums to the model zoo",
        symptoms=("accuracy_below_expectations",),
        optional={"reproducibility": 0.3},
        roots={"undocumented_assumption": 0.6, "implementation_error": 0.4},
        stages={"evaluation": 1.0},
        alt_type="eval_metric",
        alt_root="implementation_error",
        ambiguous=0.5,
    ),
    S(
        key="strict_false",
        leaf="model_weights",
        fw="torch",
        titles=(
            "Pretrained weights silently not loaded (strict=False)",
            "Fine-tuning starts from scratch although --pretrained is set",
        ),
        stories=(
            "`load_pretrained` uses `strict=False` and the checkpoint keys all carry a `module.` "
            "prefix, so nothing matches and nothing is loaded. Training starts from random "
            "weights and ends at {metric} {got}. Found {when}.",
        ),
        fix="strip DataParallel prefixes and report unmatched keys when loading",
        symptoms=("accuracy_below_expectations",),
        roots={"implementation_error": 0.9, "misconfiguration": 0.1},
        stages={"training": 0.7, "evaluation": 0.3},
        alt_type="train_config",
        alt_root="misconfiguration",
        ambiguous=0.4,
    ),
    # ---------------------------------------------------------------------- model > model_op
    S(
        key="roi_align_aligned",
        leaf="model_op",
        titles=(
            "RoIAlign aligned=False differs from the reference",
            "Half-pixel offset in RoIAlign costs ~1 {metric}",
        ),
        stories=(
            "The reference uses `aligned=True` (half-pixel offset) in RoIAlign; this repo "
            "calls the op with the default `aligned=False`. The masks are shifted by half a "
            "pixel and {metric} is {got} vs {paper}. Found {when}.",
        ),
        fix="use aligned RoIAlign as in the reference implementation",
        symptoms=("accuracy_below_expectations",),
        optional={"wrong_output": 0.3},
        roots={"undocumented_assumption": 0.7, "implementation_error": 0.3},
        stages={"evaluation": 0.7, "training": 0.3},
        alt_type="model_architecture",
        alt_root="implementation_error",
        only=("maskrcnn-lite",),
        ambiguous=0.5,
    ),
    S(
        key="same_padding",
        leaf="model_op",
        fw="tf",
        titles=(
            "Outputs differ from the PyTorch reference (padding='same' vs explicit padding)",
            "Feature maps shifted by one pixel compared to the original model",
        ),
        stories=(
            "I compared intermediate features of the port and the PyTorch reference with the "
            "same converted weights: after the first strided conv they are shifted by one pixel. "
            "TF's `padding='same'` pads asymmetrically (more on the bottom/right), PyTorch pads "
            "symmetrically. Max abs diff of the logits is {diff}.",
        ),
        fix="use explicit symmetric padding before strided convolutions",
        symptoms=("wrong_output",),
        optional={"accuracy_below_expectations": 0.5},
        roots={"undocumented_assumption": 0.7, "implementation_error": 0.3},
        stages={"modelling": 0.7, "evaluation": 0.3},
        alt_type="model_architecture",
        alt_root="implementation_error",
        ambiguous=0.5,
    ),
    S(
        key="layernorm_eps",
        leaf="model_op",
        titles=(
            "Logits differ from the reference model (LayerNorm epsilon)",
            "Small numerical mismatch with the original implementation",
        ),
        stories=(
            "With identical weights and input, the logits differ from the reference by up to "
            "{diff}. The reference uses LayerNorm eps=1e-6, the {fw} default here is "
            "{eps}. Found {when} while checking the conversion layer by layer.",
        ),
        fix="match the LayerNorm epsilon of the reference",
        symptoms=("wrong_output",),
        roots={"undocumented_assumption": 0.8, "implementation_error": 0.2},
        stages={"modelling": 0.8, "evaluation": 0.2},
        alt_type="model_weights",
        alt_root="implementation_error",
        only=("vit-replica", "detr-port"),
        ambiguous=0.45,
    ),
    S(
        key="upsample_mode",
        leaf="model_op",
        titles=(
            "Upsampling differs from the reference (nearest vs bilinear)",
            "Feature pyramid outputs do not match the original implementation",
        ),
        stories=(
            "The reference upsamples in the neck with nearest-neighbour interpolation; this repo "
            "uses bilinear with `align_corners=True`. With identical converted weights the "
            "outputs differ from the reference (max abs diff {diff}) and {metric} is {got} "
            "instead of {paper}. Found {when}.",
        ),
        fix="use nearest-neighbour upsampling in the neck like the reference",
        symptoms=("accuracy_below_expectations",),
        optional={"wrong_output": 0.4},
        roots={"undocumented_assumption": 0.6, "implementation_error": 0.4},
        stages={"modelling": 0.4, "evaluation": 0.6},
        alt_type="model_architecture",
        alt_root="implementation_error",
        ambiguous=0.5,
    ),
    S(
        key="deform_attn_fp16",
        leaf="model_op",
        titles=(
            "NaN in the custom attention op under fp16",
            "Custom op overflows with mixed precision",
        ),
        stories=(
            "With mixed precision the custom attention kernel overflows in fp16: the softmax "
            "logits exceed 65504 and the outputs become NaN {when}. In fp32 it is fine.",
        ),
        fix="compute the custom attention softmax in fp32",
        symptoms=("numerical_error",),
        roots={"numerical_instability": 0.8, "platform_limitation": 0.2},
        stages={"training": 0.8, "evaluation": 0.2},
        alt_type="train_optimization",
        alt_root="platform_limitation",
        only=("detr-port", "maskrcnn-lite", "vit-replica"),
        ambiguous=0.5,
    ),
    # --------------------------------------------------------------- training > train_config
    S(
        key="lr_not_scaled",
        leaf="train_config",
        titles=(
            "Training diverges with 1 GPU and the default learning rate",
            "lr={lr} too high for batch size {bs}?",
        ),
        stories=(
            "The default config assumes 8 GPUs x 8 images, but the learning rate is not scaled "
            "when I train on 1 GPU with batch size {bs}. The loss explodes after about "
            "{iters} iterations.",
            "The README says to use the default config. On a single GPU with batch size {bs} "
            "and lr={lr} the loss goes up {when}; the paper used a batch of 64.",
        ),
        fix="scale the learning rate linearly with the total batch size",
        symptoms=("numerical_error",),
        optional={"accuracy_below_expectations": 0.4},
        roots={"misconfiguration": 0.8, "undocumented_assumption": 0.2},
        stages={"training": 1.0},
        alt_type="train_optimization",
        alt_root="undocumented_assumption",
        ambiguous=0.5,
    ),
    S(
        key="schedule_mismatch",
        leaf="train_config",
        titles=(
            "Config uses {cfg_epochs} epochs but the paper trains for {paper_epochs}",
            "Cannot reproduce {paper}: schedule in config differs from paper",
        ),
        stories=(
            "The shipped config trains for {cfg_epochs} epochs without warmup, the paper "
            "reports {paper_epochs} epochs with 3 warmup epochs. I get {got} instead of "
            "{paper}. Found {when}.",
        ),
        fix="align the default schedule with the paper and document it",
        symptoms=("accuracy_below_expectations", "reproducibility"),
        roots={"misconfiguration": 0.6, "undocumented_assumption": 0.4},
        stages={"training": 0.7, "evaluation": 0.3},
        alt_type="model_architecture",
        alt_root="undocumented_assumption",
        ambiguous=0.5,
    ),
    S(
        key="config_key_typo",
        leaf="train_config",
        titles=(
            "weight decay in config has no effect",
            "Config key silently ignored (weight_deacy)",
        ),
        stories=(
            "`{config}` spells the key `weight_deacy`, and the config loader ignores unknown "
            "keys, so training runs without weight decay. {metric} ends at {got} instead of "
            "{paper}.",
        ),
        fix="reject unknown configuration keys",
        symptoms=("accuracy_below_expectations",),
        roots={"misconfiguration": 0.9, "implementation_error": 0.1},
        stages={"training": 0.8, "evaluation": 0.2},
        alt_type="train_optimization",
        alt_root="implementation_error",
        ambiguous=0.35,
    ),
    S(
        key="old_config_keyerror",
        leaf="train_config",
        titles=(
            "KeyError: 'MODEL.NUM_CLASSES' with configs from v0.2",
            "Old configs do not work after the config refactoring",
        ),
        stories=(
            "My config from an older release fails {when}. The config schema changed and there "
            "is no migration or clear message.",
        ),
        error="KeyError: 'MODEL.NUM_CLASSES'",
        frame=("{pkg}/config/loader.py", "build_cfg", "num_classes = cfg['MODEL.NUM_CLASSES']"),
        family="train",
        fix="migrate old configuration keys with a deprecation warning",
        symptoms=("crash",),
        roots={"misconfiguration": 0.6, "api_change": 0.4},
        stages={"training": 0.6, "environment_setup": 0.4},
        alt_type="env_api",
        alt_root="api_change",
        ambiguous=0.5,
    ),
    # --------------------------------------------------------- training > train_optimization
    S(
        key="amp_nan",
        leaf="train_optimization",
        titles=(
            "Loss becomes NaN after {epoch} epochs with AMP",
            "nan loss with --amp",
            "NaN in box loss during training",
        ),
        stories=(
            "With `--amp` the loss becomes NaN after about {epoch} epochs. Without AMP it trains "
            "but is slow. The GIoU term divides by the union area, which can be 0 in fp16.",
            "Training `{variant}` with mixed precision: everything looks normal, then the loss "
            "jumps to NaN {when}. Reproducible with seed 0.",
        ),
        fix="add an epsilon to the GIoU union and compute the loss in fp32",
        symptoms=("numerical_error",),
        roots={"numerical_instability": 0.85, "implementation_error": 0.15},
        stages={"training": 1.0},
        alt_type="model_op",
        alt_root="implementation_error",
        ambiguous=0.35,
    ),
    S(
        key="ema_not_updated",
        leaf="train_optimization",
        titles=(
            "EMA model is never updated",
            "Validation uses EMA weights that stay at initialisation",
        ),
        stories=(
            "The EMA update is called before `optimizer.step()` with decay 0.9999 from step 0, "
            "and when resuming the EMA is not restored. Validation on the EMA weights gives "
            "{metric} {low}, the raw model {got}. Found {when}.",
        ),
        fix="update the EMA after the optimizer step and restore it on resume",
        symptoms=("accuracy_below_expectations",),
        optional={"reproducibility": 0.3},
        roots={"implementation_error": 1.0},
        stages={"training": 0.6, "evaluation": 0.4},
        alt_type="eval_metric",
        alt_root="implementation_error",
        ambiguous=0.4,
    ),
    S(
        key="hungarian_costs",
        leaf="train_optimization",
        titles=(
            "Matcher cost weights differ from the paper, slow convergence",
            "Training converges much slower than the reference",
        ),
        stories=(
            "The Hungarian matcher uses cost_class=2, cost_bbox=1, cost_giou=5 while the "
            "reference uses 1/5/2. After {epoch} epochs I am at {got} AP; the reference log is "
            "at {paper} at that point. Found {when}.",
        ),
        fix="use the reference matcher cost weights",
        symptoms=("accuracy_below_expectations", "reproducibility"),
        roots={"implementation_error": 0.6, "undocumented_assumption": 0.4},
        stages={"training": 1.0},
        alt_type="train_config",
        alt_root="misconfiguration",
        only=("detr-port",),
        ambiguous=0.5,
    ),
    S(
        key="grad_accum",
        leaf="train_optimization",
        titles=(
            "Gradient accumulation does not divide the loss",
            "--accumulate {acc} makes training diverge",
        ),
        stories=(
            "With `--accumulate {acc}` the loss is not divided by the number of accumulation "
            "steps, so the effective learning rate is {acc}x larger and the loss becomes NaN "
            "{when}.",
        ),
        fix="divide the loss by the number of accumulation steps",
        symptoms=("numerical_error",),
        roots={"implementation_error": 0.9, "misconfiguration": 0.1},
        stages={"training": 1.0},
        alt_type="train_config",
        alt_root="misconfiguration",
        ambiguous=0.4,
    ),
    S(
        key="nondeterministic",
        leaf="train_optimization",
        titles=(
            "Large run-to-run variance even with a fixed seed",
            "Results not reproducible: {r1} / {r2} / {r3}",
        ),
        stories=(
            "I trained `{variant}` three times with `--seed 0` on the same machine and got "
            "{metric} {r1}, {r2} and {r3}. `cudnn.benchmark` is on and some ops are "
            "nondeterministic. Which variance should we expect?",
        ),
        fix="add a deterministic mode and document expected run-to-run variance",
        symptoms=("reproducibility",),
        roots={"undocumented_assumption": 0.5, "platform_limitation": 0.3, "misconfiguration": 0.2},
        stages={"training": 0.9, "evaluation": 0.1},
        alt_type="env_hardware",
        alt_root="platform_limitation",
        ambiguous=0.55,
    ),
    S(
        key="bn_weight_decay",
        leaf="train_optimization",
        titles=(
            "Weight decay applied to norm and bias parameters",
            "Lower {metric} than reference: weight decay on LayerNorm/bias",
        ),
        stories=(
            "The optimizer applies weight decay to all parameters, including norm layers, "
            "biases and position embeddings; the reference excludes them. I end at {got} vs "
            "{paper}.",
        ),
        fix="exclude norm, bias and embedding parameters from weight decay",
        symptoms=("accuracy_below_expectations",),
        optional={"reproducibility": 0.3},
        roots={"undocumented_assumption": 0.5, "implementation_error": 0.5},
        stages={"training": 0.7, "evaluation": 0.3},
        alt_type="train_config",
        alt_root="misconfiguration",
        ambiguous=0.5,
    ),
    # ---------------------------------------------------------- training > train_distributed
    S(
        key="ddp_unused",
        leaf="train_distributed",
        fw="torch",
        titles=(
            "Expected to have finished reduction in the prior iteration (DDP)",
            "DDP training fails with auxiliary head disabled",
        ),
        stories=(
            "With {ngpu} GPUs and the auxiliary head disabled, DDP complains about parameters "
            "that did not receive gradients {when}.",
        ),
        error="RuntimeError: Expected to have finished reduction in the prior iteration before "
        "starting a new one. This error indicates that your module has parameters that were not "
        "used in producing loss. You can enable unused parameter detection by passing the keyword "
        "argument `find_unused_parameters=True` to `torch.nn.parallel.DistributedDataParallel`",
        family="train",
        fix="only build the auxiliary head when it is enabled",
        symptoms=("crash",),
        roots={"implementation_error": 0.8, "misconfiguration": 0.2},
        stages={"training": 1.0},
        alt_type="env_hardware",
        alt_root="misconfiguration",
        ambiguous=0.35,
    ),
    S(
        key="syncbn",
        leaf="train_distributed",
        titles=(
            "Multi-GPU training gives lower {metric} than single GPU",
            "SyncBN not enabled with {ngpu} GPUs",
        ),
        stories=(
            "With {ngpu} GPUs and {bs_gpu} images per GPU, batch norm statistics are computed "
            "per GPU because SyncBN is not enabled. {metric} is {got} and varies a lot between "
            "runs ({r1}, {r2}).",
        ),
        fix="enable synchronised batch norm for multi-GPU training",
        symptoms=("accuracy_below_expectations", "reproducibility"),
        roots={"misconfiguration": 0.6, "undocumented_assumption": 0.4},
        stages={"training": 1.0},
        alt_type="train_config",
        alt_root="undocumented_assumption",
        ambiguous=0.5,
    ),
    S(
        key="dist_eval_duplicates",
        leaf="train_distributed",
        titles=(
            "Distributed evaluation counts some images twice",
            "{metric} differs between 1 and {ngpu} GPU evaluation",
        ),
        stories=(
            "DistributedSampler pads the dataset so that every rank gets the same number of "
            "images, and the gathered predictions are not de-duplicated. {metric} with {ngpu} "
            "GPUs is {got}, with 1 GPU {paper}.",
        ),
        fix="de-duplicate gathered predictions in distributed evaluation",
        symptoms=("wrong_output",),
        roots={"implementation_error": 1.0},
        stages={"evaluation": 0.8, "training": 0.2},
        alt_type="eval_metric",
        alt_root="implementation_error",
        ambiguous=0.55,
    ),
    S(
        key="mirrored_loss_scale",
        leaf="train_distributed",
        fw="tf",
        titles=(
            "MirroredStrategy: loss not scaled by global batch size",
            "Training with {ngpu} GPUs diverges, one GPU is fine",
        ),
        stories=(
            "Inside `strategy.run` the loss is averaged per replica and then summed across "
            "replicas, so the gradients are {ngpu}x too large. The loss becomes NaN {when}.",
        ),
        fix="reduce the loss with the global batch size under MirroredStrategy",
        symptoms=("numerical_error",),
        optional={"accuracy_below_expectations": 0.3},
        roots={"implementation_error": 0.8, "undocumented_assumption": 0.2},
        stages={"training": 1.0},
        alt_type="train_optimization",
        alt_root="undocumented_assumption",
        ambiguous=0.45,
    ),
    # ------------------------------------------------------ evaluation/deployment > eval_metric
    S(
        key="coco_maxdets",
        leaf="eval_metric",
        titles=(
            "Own mAP implementation disagrees with pycocotools",
            "Reported {metric} higher than the official evaluation",
        ),
        stories=(
            "The built-in evaluator keeps up to 300 detections per image and interpolates "
            "precision differently; pycocotools on the same predictions gives {got} while the "
            "repo prints {paper}. Found {when}.",
        ),
        fix="evaluate with pycocotools by default",
        symptoms=("wrong_output",),
        roots={"implementation_error": 0.7, "undocumented_assumption": 0.3},
        stages={"evaluation": 1.0},
        alt_type="data_annotation",
        alt_root="undocumented_assumption",
        only=("yolo-reimpl", "maskrcnn-lite", "detr-port"),
        ambiguous=0.45,
    ),
    S(
        key="miou_batch_mean",
        leaf="eval_metric",
        titles=(
            "mIoU computed as mean over batches",
            "mIoU printed during training is higher than the final evaluation",
        ),
        stories=(
            "`MeanIoU` is reset every batch and the per-batch values are averaged, instead of "
            "accumulating one confusion matrix. The printed mIoU is {paper}, the correct value "
            "is {got}. Found {when}.",
        ),
        fix="accumulate a global confusion matrix for mIoU",
        symptoms=("wrong_output",),
        roots={"implementation_error": 1.0},
        stages={"evaluation": 0.7, "training": 0.3},
        alt_type="train_distributed",
        alt_root="undocumented_assumption",
        only=("deeplab-tf2",),
        ambiguous=0.4,
    ),
    S(
        key="eval_keyerror_segm",
        leaf="eval_metric",
        titles=(
            "KeyError: 'segmentation' when evaluating a box-only dataset",
            "Eval script requires masks",
        ),
        stories=(
            "My dataset only has boxes. The evaluation script always runs the segm evaluation "
            "and fails {when}.",
        ),
        error="KeyError: 'segmentation'",
        frame=(
            "{pkg}/evaluation/coco_eval.py",
            "prepare",
            "rles = [ann['segmentation'] for ann in anns]",
        ),
        family="eval",
        fix="skip mask evaluation when the dataset has no masks",
        symptoms=("crash",),
        roots={"data_format_mismatch": 0.6, "implementation_error": 0.4},
        stages={"evaluation": 1.0},
        alt_type="data_annotation",
        alt_root="implementation_error",
        only=("maskrcnn-lite",),
        ambiguous=0.5,
    ),
    S(
        key="topk_label_offset",
        leaf="eval_metric",
        titles=(
            "Accuracy computed against shifted labels",
            "Top-1 in eval log is lower than the training log suggests",
        ),
        stories=(
            "The validation loader uses the synset order of the train folder, but the label "
            "file of the val set is in the original ILSVRC order. Top-1 is {low} {when} while "
            "the predictions look right on sample images.",
        ),
        fix="use one class index mapping for train and val",
        symptoms=("wrong_output",),
        optional={"accuracy_below_expectations": 0.5},
        roots={"data_format_mismatch": 0.6, "implementation_error": 0.4},
        stages={"evaluation": 1.0},
        alt_type="data_annotation",
        alt_root="data_format_mismatch",
        only=("vit-replica",),
        ambiguous=0.5,
    ),
    S(
        key="eval_flip_tta",
        leaf="eval_metric",
        titles=(
            "Eval script uses test-time augmentation by default",
            "Eval numbers not comparable to the paper (flip TTA on)",
        ),
        stories=(
            "The eval script turns on flip + multi-scale testing by default, so the printed "
            "{metric} ({paper}) is not the single-scale number of the paper; single scale gives "
            "{got}. Found {when}.",
        ),
        fix="turn test-time augmentation off by default in evaluation",
        symptoms=("wrong_output",),
        optional={"reproducibility": 0.3},
        roots={"misconfiguration": 0.6, "undocumented_assumption": 0.4},
        stages={"evaluation": 1.0},
        alt_type="train_config",
        alt_root="undocumented_assumption",
        only=("deeplab-tf2", "yolo-reimpl"),
        ambiguous=0.5,
    ),
    # ---------------------------------------------------- evaluation/deployment > deploy_export
    S(
        key="onnx_grid_sampler",
        leaf="deploy_export",
        fw="torch",
        titles=(
            "ONNX export fails: Unsupported: ONNX export of operator grid_sampler",
            "Cannot export to ONNX with opset {opset}",
            "export_onnx.py error with grid_sample",
        ),
        stories=(
            "`{export_cmd}` fails because `grid_sample` has no ONNX symbolic before opset 16. "
            "Our runtime only supports opset {opset}.",
        ),
        error="torch.onnx.errors.SymbolicValueError: Unsupported: ONNX export of operator "
        "grid_sampler, opset {opset} does not support it. Please try opset version 16.",
        family="export",
        fix="export grid_sample with opset 16 or a decomposed fallback",
        symptoms=("crash",),
        roots={"platform_limitation": 0.8, "api_change": 0.2},
        stages={"deployment": 1.0},
        alt_type="model_op",
        alt_root="api_change",
        ambiguous=0.45,
    ),
    S(
        key="onnx_output_diff",
        leaf="deploy_export",
        fw="torch",
        titles=(
            "ONNX model outputs differ from PyTorch (max abs diff {diff})",
            "Exported model gives different boxes in onnxruntime",
        ),
        stories=(
            "The exported model runs in onnxruntime but the outputs differ from PyTorch by up to "
            "{diff}. The `Resize` op is exported with `coordinate_transformation_mode="
            "asymmetric` while PyTorch uses align_corners=False semantics.",
        ),
        fix="export upsampling with half_pixel coordinate transformation",
        symptoms=("wrong_output",),
        roots={"platform_limitation": 0.5, "implementation_error": 0.5},
        stages={"deployment": 1.0},
        alt_type="model_op",
        alt_root="implementation_error",
        ambiguous=0.5,
    ),
    S(
        key="trt_int64",
        leaf="deploy_export",
        titles=(
            "TensorRT engine build fails on INT64 weights",
            "trtexec cannot build engine from exported model",
        ),
        stories=(
            "Building a TensorRT {trt} engine from the exported model fails {when}. The model "
            "has INT64 constants from the shape computations.",
        ),
        error="[E] [TRT] ModelImporter.cpp:768: While parsing node number 312 [TopK -> "
        '"topk_out"]:\n[E] [TRT] ModelImporter.cpp:771: input: "scores"\n[E] Assertion '
        'failed: (inputs.at(1).is_weights()) && "This version of TensorRT only supports input K '
        'as an initializer."',
        family="trt",
        fix="make top-k static in the exported graph for TensorRT",
        symptoms=("build_failure",),
        optional={"crash": 0.3},
        roots={"platform_limitation": 0.85, "dependency_mismatch": 0.15},
        stages={"deployment": 1.0},
        alt_type="env_version",
        alt_root="dependency_mismatch",
        only=("maskrcnn-lite", "yolo-reimpl", "deeplab-tf2", "detr-port"),
        ambiguous=0.45,
    ),
    S(
        key="tflite_flex",
        leaf="deploy_export",
        fw="tf",
        titles=(
            "TFLite conversion: op is neither a custom op nor a flex op",
            "Cannot convert model to TFLite",
        ),
        stories=(
            "`{export_cmd}` fails in the TFLite converter. We need a pure builtin-ops model for "
            "an Android device.",
        ),
        error="ConverterError: <unknown>:0: error: loc(\"ResizeBilinear\"): 'tf.ResizeBilinear' "
        "op is neither a custom op nor a flex op\n<unknown>:0: note: see current operation: "
        '%312 = "tf.ResizeBilinear"(%311, %cst_4) {{align_corners = true, half_pixel_centers = '
        "false}}",
        family="export",
        fix="export bilinear resize with TFLite builtin-compatible attributes",
        symptoms=("crash",),
        roots={"platform_limitation": 0.85, "implementation_error": 0.15},
        stages={"deployment": 1.0},
        alt_type="model_op",
        alt_root="implementation_error",
        ambiguous=0.45,
    ),
    S(
        key="savedmodel_dynamic",
        leaf="deploy_export",
        fw="tf",
        titles=(
            "SavedModel export fails with dynamic input shape",
            "ValueError: Cannot convert a partially known TensorShape",
        ),
        stories=(
            "Exporting a SavedModel with `input_shape=[None, None, 3]` fails {when}; the "
            "positional encoding converts the shape to a Python list.",
        ),
        error="ValueError: Cannot convert a partially known TensorShape (None, None, None, 256) to "
        "a Tensor.",
        family="export",
        fix="compute positional encodings from dynamic shapes in the exported graph",
        symptoms=("crash",),
        roots={"implementation_error": 0.6, "platform_limitation": 0.4},
        stages={"deployment": 1.0},
        alt_type="model_architecture",
        alt_root="platform_limitation",
        ambiguous=0.4,
    ),
    # ------------------------------------------------- evaluation/deployment > deploy_inference
    S(
        key="fps_below",
        leaf="deploy_inference",
        titles=(
            "Inference speed {fps_got} FPS, README claims {fps_paper} FPS",
            "Much slower inference than reported",
        ),
        stories=(
            "Running `demo.py` on a {gpu} I get {fps_got} FPS for `{variant}`; the README claims "
            "{fps_paper} FPS. The demo runs in fp32, does not fuse conv+BN and includes image "
            "decoding in the timing.",
        ),
        fix="fuse conv+BN and time inference like the benchmark in the README",
        symptoms=("speed_below_expectations",),
        roots={"misconfiguration": 0.5, "undocumented_assumption": 0.5},
        stages={"deployment": 1.0},
        alt_type="env_hardware",
        alt_root="platform_limitation",
        ambiguous=0.5,
    ),
    S(
        key="batch_vs_single",
        leaf="deploy_inference",
        titles=(
            "Batched inference gives different results than single images",
            "Predictions depend on batch composition",
        ),
        stories=(
            "When running inference on batches of images of different sizes, images are padded "
            "to the largest one and the padding is not masked. The same image gives different "
            "predictions alone and in a batch. Found {when}.",
        ),
        fix="mask padded regions in batched inference",
        symptoms=("wrong_output",),
        roots={"implementation_error": 0.9, "undocumented_assumption": 0.1},
        stages={"deployment": 0.7, "evaluation": 0.3},
        alt_type="data_preprocessing",
        alt_root="undocumented_assumption",
        ambiguous=0.45,
    ),
    S(
        key="video_leak",
        leaf="deploy_inference",
        titles=(
            "Memory grows during video inference until out of memory",
            "Memory leak in demo.py on long videos",
        ),
        stories=(
            "Running `demo.py` on a 2-hour video, GPU memory grows with every frame and the "
            "process dies after about {frames} frames. The outputs are appended to a list "
            "without being moved to the CPU.",
        ),
        error={
            "torch": "torch.cuda.OutOfMemoryError: CUDA out of memory. Tried to allocate 20.00 "
            "MiB (GPU 0; {gpu_mem}.00 GiB total capacity)",
            "tf": "tensorflow.python.framework.errors_impl.ResourceExhaustedError: OOM when "
            "allocating tensor with shape[1,256,64,64] and type float",
        },
        family="demo",
        fix="release per-frame outputs in the video demo",
        symptoms=("crash",),
        optional={"speed_below_expectations": 0.3},
        roots={"implementation_error": 0.8, "platform_limitation": 0.2},
        stages={"deployment": 1.0},
        alt_type="env_hardware",
        alt_root="platform_limitation",
        ambiguous=0.4,
    ),
)


# --------------------------------------------------------------------------------------------
# Discovery-stage phrases (ground truth `discovery_stage` shows in the text)
# --------------------------------------------------------------------------------------------

WHEN: dict[str, tuple[str, ...]] = {
    "environment_setup": (
        "right after a fresh install (`pip install -r requirements.txt`)",
        "when running the quick-start command from the README in a new environment",
        "while setting up a new conda environment",
    ),
    "data_pipeline": (
        "when iterating over the dataset with `python tools/browse_dataset.py {config}`",
        "as soon as the dataloader starts",
        "while converting my dataset with `tools/convert_dataset.py`",
    ),
    "modelling": (
        "when building the model",
        "when loading the pretrained weights",
        "while comparing my model with the reference layer by layer",
    ),
    "training": (
        "during training with `{train_cmd}`",
        "after {epoch} epochs of training",
        "when I start training on {ngpu} GPUs",
    ),
    "evaluation": (
        "when running `{eval_cmd}`",
        "during validation at the end of epoch {epoch}",
        "when evaluating the released checkpoint",
    ),
    "deployment": (
        "when exporting the model with `{export_cmd}`",
        "when running the exported model in our inference service",
        "when running `demo.py` on a video",
    ),
}

# --------------------------------------------------------------------------------------------
# Openers by ground-truth reporter type
# --------------------------------------------------------------------------------------------

OPENERS: dict[str, tuple[str, ...]] = {
    "re_user": (
        "Hi, thanks for sharing this implementation!",
        "Hello, I am using this repo for my master's project.",
        "Hi all, we are trying to use {variant} on our own data at work.",
        "Thanks for the great work.",
        "Hi, I'm new to computer vision, sorry if this is a basic question.",
        "Hello! I am trying to reproduce the results from the paper with this code.",
        "",
        "",
    ),
    "contributor": (
        "While working on the export PR I noticed this.",
        "Found this while adding tests for {area}.",
        "I hit this while rebasing my branch on main.",
        "Noticed this while benchmarking for the docs.",
        "",
    ),
    "maintainer": (
        "Tracking issue.",
        "Found while preparing the next release.",
        "Note to self / for the next release:",
        "Reported by a user on the discussion forum, copying here.",
        "",
    ),
}

CLOSERS: tuple[str, ...] = (
    "Any idea what is going on?",
    "Thanks in advance!",
    "Happy to provide more info.",
    "Is this a known problem?",
    "Thanks!",
    "",
    "",
)

# --------------------------------------------------------------------------------------------
# Feature requests and questions (must not contain defect keywords)
# --------------------------------------------------------------------------------------------

FEATURES: tuple[tuple[str, str], ...] = (
    (
        "Support for exporting to CoreML",
        "It would be great to have an export script for CoreML so that {variant} can run on "
        "iOS devices. Is this planned?",
    ),
    (
        "Add a Colab notebook for inference",
        "A small notebook that downloads `{variant}` and runs it on a few images would make it "
        "much easier to try the model.",
    ),
    (
        "Provide pretrained weights for {variant}",
        "The model zoo only lists some variants. Could you also upload the weights for "
        "`{variant}`? Training it ourselves takes about {gpu_days} GPU-days.",
    ),
    (
        "Log learning rate and {metric} to TensorBoard",
        "Currently only the loss is logged. Logging the learning rate and the validation "
        "{metric} would help to compare runs.",
    ),
    (
        "Add a Dockerfile",
        "A Dockerfile with the tested versions would save a lot of setup time for new users.",
    ),
    (
        "Make the data root configurable via an environment variable",
        "We keep datasets on a shared volume. An environment variable like `DATA_ROOT` would "
        "be handy so we do not have to edit every config.",
    ),
    (
        "Support for {new_dataset}",
        "Are there plans to add configs for {new_dataset}? I could help with the dataset class.",
    ),
    (
        "Add a model card with training details",
        "For our internal review we need the training data, schedule and hardware for each "
        "released checkpoint. A model card per checkpoint would be great.",
    ),
    (
        "Benchmark table for more GPUs",
        "It would be useful to have throughput numbers for common GPUs such as the {gpu}.",
    ),
    (
        "Option to freeze the backbone",
        "For small datasets it would be useful to freeze the backbone for the first epochs. "
        "Could this be a config option?",
    ),
    (
        "Weights & Biases integration",
        "Would you accept a PR that adds optional experiment tracking with W&B?",
    ),
    (
        "Publish the package on PyPI",
        "Installing from source works, but a PyPI package would make it easier to depend on "
        "this project.",
    ),
)

QUESTIONS: tuple[tuple[str, str], ...] = (
    (
        "How to train on a custom dataset with {cls} classes?",
        "I have a dataset with {cls} classes in COCO format. Which parts of the config do I "
        "have to change? Is there a tutorial?",
    ),
    (
        "Which learning rate schedule was used for the released {variant}?",
        "The paper mentions cosine decay, the config uses step decay. Which one was used for "
        "the released checkpoint?",
    ),
    (
        "How many GPU hours to train {variant} from scratch?",
        "We want to plan our compute budget. How long did the full schedule take on your hardware?",
    ),
    (
        "Is commercial use allowed?",
        "The code is MIT, but what about the released weights? Which data were they trained on?",
    ),
    (
        "Difference to the official implementation?",
        "What are the main differences between this re-implementation and the official code? "
        "Is the training recipe the same?",
    ),
    (
        "How to visualise predictions on my own images?",
        "Is there a script that draws the predictions on an image and saves it?",
    ),
    (
        "Can I use a different input resolution?",
        "Can I use the pretrained weights with {img}px inputs, or do I have to fine-tune?",
    ),
    (
        "Plans for a JAX version?",
        "Just curious whether a JAX/Flax version is planned, since the original was written "
        "in JAX.",
    ),
    (
        "Which {metric} does the README table report?",
        "Are the numbers in the README single-scale? And on which split?",
    ),
    (
        "Recommended batch size for a single GPU?",
        "I only have one {gpu}. Which batch size and learning rate would you recommend?",
    ),
)

NEW_DATASETS = ("Objects365", "LVIS", "ADE20K", "Open Images", "BDD100K", "Mapillary Vistas")

# --------------------------------------------------------------------------------------------
# Comments
# --------------------------------------------------------------------------------------------

TRIAGE: tuple[str, ...] = (
    "Thanks for the report. Could you share the output of `python -m torch.utils.collect_env` "
    "(or `pip list`)?",
    "Which commit are you on? We changed {area} recently.",
    "Can you reproduce this with the default config and a clean environment?",
    "Thanks, I can reproduce this on {fw_ver}. Looking into it.",
    "This looks like a version problem. Could you try with the versions pinned in "
    "requirements.txt?",
    "Hmm, we never saw this on our side. Is this your own dataset?",
    "Thanks for the detailed report, this is very helpful.",
    "Could you post the full log, not only the last lines?",
    "Good catch. I think you are right about the cause.",
)

REPORTER_FOLLOWUP: tuple[str, ...] = (
    "Here is my environment: {fw_ver}, CUDA {cuda}, Python {python}, {gpu}.",
    "Yes, same behaviour with the default config.",
    "I'm on the latest main ({sha7}).",
    "Tried the pinned versions and it works now, but they are quite old.",
    "It's the standard {dataset}, no changes except the batch size ({bs}).",
    "I attached the full log: [train_log.txt](https://github.com/user-attachments/files/{att}/train_log.txt)",
    "Thanks for the quick answer! I will try that.",
    "Still happens after pulling the latest changes.",
    "Same with a fresh clone and a new environment.",
)

ME_TOO: tuple[str, ...] = (
    "Same here with {fw_ver} on a {gpu}.",
    "+1, also seeing this.",
    "👍 same problem",
    "Any update on this?",
    "I worked around it by {workaround} for now.",
    "同样的问题，{fw_ver}，请问有解决办法吗？",
    "Same for me on {os}.",
    "Can confirm, happens on our cluster too.",
    "Thanks for looking into this 🙏",
)

RESOLVED_PR: tuple[str, ...] = (
    "Fixed in #{pr}. Thanks for reporting!",
    "Should be fixed by #{pr}; please pull main and reopen if it persists.",
    "#{pr} is merged, closing.",
    "This is addressed in #{pr} 🎉",
)

RESOLVED_CROSS: tuple[str, ...] = (
    "Fixed upstream in {xref}, which also closes this one.",
    "The fix landed in {xref}.",
)

RESOLVED_COMMIT: tuple[str, ...] = (
    "Fixed in {sha7}.",
    "Pushed a fix to main ({sha7}).",
    "Should be fixed on main now ({sha7}), thanks!",
)

RESOLVED_NOLINK: tuple[str, ...] = (
    "This works on main now, closing. Feel free to reopen.",
    "Closing, this was an environment problem on your side as far as I can tell.",
    "Works for me with the pinned versions; closing.",
    "Fixed in the latest release.",
    "Closing since the reporter confirmed it works now.",
)

NOT_PLANNED: tuple[str, ...] = (
    "Closing as a duplicate of #{dup}.",
    "We are not going to support this setup, sorry. Closing.",
    "Closing as we could not reproduce it and there was no follow-up.",
)

STALE = (
    "This issue has been automatically marked as stale because it has not had recent "
    "activity. It will be closed if no further activity occurs. Thank you for your "
    "contributions."
)

RELATED: tuple[str, ...] = (
    "Maybe related to #{other}?",
    "Looks similar to #{other}.",
    "See also #{other}.",
)

REOPEN: tuple[str, ...] = (
    "Still happening with the latest main, reopening.",
    "Unfortunately this is back after the last release.",
)

FEATURE_REPLIES: tuple[str, ...] = (
    "Good idea, PRs are welcome!",
    "We plan to add this in the next release.",
    "+1, this would be very useful for us.",
    "I can take a stab at this next week.",
    "Not planned for now, but we would review a PR.",
    "Is there any progress on this?",
    "Thanks for the suggestion 👍",
    "We discussed this internally; it fits the roadmap.",
)

QUESTION_REPLIES: tuple[str, ...] = (
    "You can set `num_classes` in the config and train as usual; see the docs on custom datasets.",
    "The schedule is described in the docs; we used the one in the config.",
    "Thanks, that answers my question!",
    "There is a script for that in `tools/`, see `tools/visualize.py --help`.",
    "You will get the best results if you fine-tune at the new resolution.",
    "Thanks for the explanation 👍",
    "The README table is single-scale on the validation split.",
    "Same question here.",
)

PR_COMMENTS: tuple[str, ...] = (
    "LGTM, thanks!",
    "Could you add a unit test for this?",
    "Rebased on main.",
    "CI is green now.",
    "Nice catch. Can you also update the docs for {area}?",
    "@{maintainer} could you take a look?",
    "Thanks! Merging.",
    "I left a few small comments.",
    "Does this change the released numbers? If so, please update the README table.",
)

BOT_CI = "✅ All checks passed on Python {python} / {fw_ver}."

# --------------------------------------------------------------------------------------------
# Pull requests and commits
# --------------------------------------------------------------------------------------------

CLOSING_FORMS: tuple[str, ...] = (
    "Fixes #{n}",
    "fixes #{n}.",
    "This PR closes #{n}",
    "Resolves #{n}",
    "Fixed #{n}",
    "Closes: #{n}",
    "close #{n}",
    "resolve #{n}",
    "Closed #{n}",
    "- [x] fixes #{n}",
    "fix #{n}",
    "resolved #{n}",
)

NONCLOSING_FORMS: tuple[str, ...] = (
    "Related to #{n}.",
    "See #{n} for context.",
    "Follow-up to the discussion in #{n}.",
)

MISC_PRS: tuple[tuple[str, str], ...] = (
    ("Update README with model zoo table", "Adds the missing rows for the new checkpoints."),
    ("CI: test on Python 3.11", "Adds Python 3.11 to the test matrix."),
    ("docs: clarify dataset layout", "Explains the expected folder structure for custom data."),
    ("Refactor config loading", "Moves config parsing into one module. No behaviour change."),
    ("Add pre-commit hooks", "ruff + end-of-file fixer."),
    ("Speed up unit tests", "Uses tiny random images in the tests."),
)

DEPENDABOT = (
    "Bump pillow from 9.5.0 to 10.3.0",
    "Bumps [pillow](https://github.com/python-pillow/Pillow) from 9.5.0 to 10.3.0.\n\n"
    "Dependabot will resolve any conflicts with this PR as long as you don't alter it "
    "yourself.",
)

FILLER_COMMITS: tuple[str, ...] = (
    "Update README.md",
    "Add COCO evaluation script",
    "Bump version to {version}",
    "Refactor {area}",
    "docs: add model zoo table",
    "Add unit tests for box utilities",
    "Clean up imports",
    "Add config for {variant}",
    "Update requirements.txt",
    "Improve logging",
    "Add visualisation script",
    "Minor typo fixes",
    "Initial support for mixed precision",
    "Move configs to configs/",
    "Add LICENSE",
    "Speed up dataset indexing",
)

COMMIT_FIX_FORMS: tuple[str, ...] = (
    "fix: {fix} (#{n})",
    "Fix {fix} (#{n})",
    "{Fix} (#{n})",
    "fix {fix}, closes #{n}",
    "{Fix}\n\nFixes #{n}",
)

# --------------------------------------------------------------------------------------------
# Rater notes and adjudication rationales
# --------------------------------------------------------------------------------------------

NOTES_GENERIC: tuple[str, ...] = (
    "not sure about the stage, could also be evaluation",
    "borderline between API change and version pin",
    "reporter profile suggests a maintainer",
    "root cause guessed from the linked fix",
    "symptom unclear from the text",
    "could be a duplicate of another item",
    "long thread, coded from the first post",
)

RATIONALES: dict[str, tuple[str, ...]] = {
    "defect_type": (
        "Agreed on {consensus}: {definition}",
        "{consensus}, because the fix has to change the {label_lc} part; {other} describes where "
        "the symptom showed up.",
        "Discussed {other} vs {consensus}; the traceback and the fix point to {label_lc}.",
        "{consensus}: {other} would need a change in another part of the pipeline.",
    ),
    "symptom_dropped": (
        "{consensus}; {dropped} is not supported by the report.",
        "Kept only what the report shows ({consensus}); {dropped} was an inference.",
    ),
    "symptom_missed": (
        "The report shows {consensus}; one rater had missed {missed}.",
        "Agreed to code everything the reporter observed: {consensus}.",
    ),
    "root_cause": (
        "Agreed on {consensus}: {definition}",
        "The linked fix shows the cause: {consensus}. {other} describes the circumstances, not "
        "the cause.",
        "{consensus} after reading the maintainer's comment.",
    ),
    "re_user": (
        "The reporter uses the code for their own project (author_association {assoc}): re_user.",
        "author_association is {assoc} and the reporter asks how to use the code: re_user.",
    ),
    "maintainer": (
        "The reporter triages and releases in this repository ({assoc}): maintainer.",
        "author_association {assoc} and the report reads like a release note: maintainer.",
    ),
    "contributor": (
        "The reporter has merged pull requests but does not maintain the project ({assoc}): "
        "contributor.",
        "contributor: the report mentions the reporter's own branch or PR work.",
    ),
    "discovery_stage": (
        "The reporter hit it {stage_phrase}; {consensus}.",
        "Agreed on the stage at which the problem became visible: {consensus}.",
        "{consensus}: {definition}",
    ),
}


# --------------------------------------------------------------------------------------------
# Non-English reports (planted edge cases)
# --------------------------------------------------------------------------------------------

CHINESE_TITLE = "训练 {variant} 时显存不足 (CUDA out of memory)"
CHINESE_BODY = (
    "你好，感谢开源！\n\n我在单卡 {gpu}（{gpu_mem} GB 显存）上用默认配置训练 `{variant}`，"
    "第一个 batch 就报显存不足（out of memory）。batch size 为 {bs}，输入尺寸 {img}。\n\n"
    "```\ntorch.cuda.OutOfMemoryError: CUDA out of memory. Tried to allocate 1.56 GiB "
    "(GPU 0; {gpu_mem}.00 GiB total capacity)\n```\n\n环境：torch {torch}，CUDA {cuda}，"
    "Python {python}。\n\n请问在小显存的卡上应该怎么修改配置？谢谢！"
)
JAPANESE_TITLE = "TFLite 変換でエラーになります (ResizeBilinear)"
JAPANESE_BODY = (
    "`{export_cmd}` を実行すると TFLite への変換でエラーになります。\n\n```\nConverterError: "
    "<unknown>:0: error: loc(\"ResizeBilinear\"): 'tf.ResizeBilinear' op is neither a custom "
    "op nor a flex op\n```\n\nTensorFlow {tf}、Python {python} です。Android 端末で動かしたい"
    "ので、builtin ops だけで変換できると助かります。よろしくお願いします。"
)
