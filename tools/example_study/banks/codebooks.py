"""Codebooks of the synthetic example study (docs/formats.md, "Codebook").

`defect_codebook("1")` is the pilot codebook, `defect_codebook("2")` the current one. Version 2
renamed `env_dependency` to `env_version`, split `perf_below_expectations` into
`accuracy_below_expectations` and `speed_below_expectations`, and added `reproducibility`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

Code = dict[str, Any]


def code(
    name: str,
    label: str,
    definition: str,
    include: str = "",
    exclude: str = "",
    children: list[Code] | None = None,
) -> Code:
    """Build one code entry, leaving out the optional fields that are empty."""
    entry: Code = {"code": name, "label": label, "definition": definition}
    if include:
        entry["include"] = include
    if exclude:
        entry["exclude"] = exclude
    if children:
        entry["children"] = children
    return entry


def environment_children(version: str) -> list[Code]:
    """Sub-codes of `environment`; v1 called the version code `env_dependency`."""
    version_code = "env_version" if version == "2" else "env_dependency"
    version_label = "Version mismatch" if version == "2" else "Dependency problem"
    return [
        code(
            "env_api",
            "API defect",
            "The code calls a library or framework API that was removed, renamed or changed "
            "its behaviour, or uses it against its documented contract.",
            include="Tracebacks at a removed attribute or argument; deprecations that became "
            "errors; silent behaviour changes of an API (e.g. torch.meshgrid indexing).",
            exclude="The fix is to install another version, not to change the calling code: "
            f"use {version_code}.",
        ),
        code(
            version_code,
            version_label,
            "Incompatible versions of libraries, drivers, CUDA or Python; missing, wrong or "
            "too loose version pins.",
            include="Binary incompatibilities, CUDA/cuDNN mismatches, results that change with "
            "the framework version.",
            exclude="A single API that changed and is fixed in the calling code: env_api.",
        ),
        code(
            "env_hardware",
            "Hardware and platform",
            "Limits or peculiarities of devices, operating systems or clusters: GPU memory, "
            "Apple MPS, Windows, NCCL, throughput of a given GPU.",
            exclude="Out-of-memory caused by a leak in our code: deploy_inference or the stage "
            "where the leak is.",
        ),
        code(
            "env_build",
            "Build and installation",
            "Compiling custom operators or installing the package fails.",
            include="nvcc/gcc/MSVC errors, setup.py failures, missing headers.",
            exclude=f"The build fails only because of a CUDA version mismatch: {version_code}.",
        ),
    ]


def defect_type_dimension(version: str) -> dict[str, Any]:
    """The hierarchical `defect_type` dimension; raters code the leaves."""
    return {
        "name": "defect_type",
        "title": "Defect type",
        "description": "Where in the re-engineering pipeline the defect lies. Code the most "
        "specific sub-code; use a top-level code only if the sub-type cannot be decided.",
        "multi_label": False,
        "scale": "nominal",
        "required": True,
        "codes": [
            code(
                "environment",
                "Environment",
                "The defect lies in the software or hardware environment the "
                "re-implementation runs in, not in the model code itself.",
                children=environment_children(version),
            ),
            code(
                "data",
                "Data",
                "The defect lies in the data pipeline: reading, transforming or "
                "interpreting data and labels.",
                children=[
                    code(
                        "data_preprocessing",
                        "Preprocessing",
                        "Transforms, normalisation, colour order, resizing, augmentation.",
                        exclude="The transform is only wrong at evaluation time because the "
                        "metric script applies it: eval_metric.",
                    ),
                    code(
                        "data_loading",
                        "Loading",
                        "Datasets, samplers, collate functions, workers, tf.data pipelines.",
                    ),
                    code(
                        "data_annotation",
                        "Annotation format",
                        "Label formats, category mappings and annotation conventions "
                        "(ignore labels, difficult flags, coordinate conventions).",
                    ),
                ],
            ),
            code(
                "model",
                "Model",
                "The defect lies in the network: its architecture, its weights or single "
                "operations.",
                children=[
                    code(
                        "model_architecture",
                        "Architecture",
                        "Layers, connections, shapes or architectural hyper-parameters differ "
                        "from the intended design.",
                    ),
                    code(
                        "model_weights",
                        "Weights and checkpoints",
                        "Checkpoints, weight conversion between frameworks, pretrained "
                        "initialisation.",
                    ),
                    code(
                        "model_op",
                        "Operation portability",
                        "A single DL operation behaves differently from the reference "
                        "framework (padding, RoIAlign, epsilons, custom kernels).",
                        exclude="The operation is missing in an export target: deploy_export.",
                    ),
                ],
            ),
            code(
                "training",
                "Training",
                "The defect lies in how the model is trained.",
                children=[
                    code(
                        "train_config",
                        "Configuration",
                        "Default configuration, hyper-parameters and schedules.",
                    ),
                    code(
                        "train_optimization",
                        "Optimisation",
                        "Losses, optimisers, mixed precision, EMA and other numerics of the "
                        "training loop.",
                    ),
                    code(
                        "train_distributed",
                        "Distributed",
                        "Multi-GPU and multi-node training or evaluation logic.",
                    ),
                ],
            ),
            code(
                "eval_deploy",
                "Evaluation and deployment",
                "The defect lies in measuring the model or in putting it into use.",
                children=[
                    code(
                        "eval_metric",
                        "Evaluation",
                        "Evaluation scripts and metric implementations.",
                    ),
                    code(
                        "deploy_export",
                        "Export and conversion",
                        "Export to ONNX, TensorRT, TFLite, SavedModel and similar targets.",
                    ),
                    code(
                        "deploy_inference",
                        "Inference",
                        "Inference, demo and serving code, including its speed.",
                    ),
                ],
            ),
        ],
    }


def symptom_dimension(version: str) -> dict[str, Any]:
    """The multi-label `symptom` dimension; v1 had one performance code and no reproducibility."""
    codes = [
        code(
            "crash",
            "Crash",
            "The program stops with an exception, a hang that has to be killed, or an "
            "out-of-memory error.",
        ),
        code(
            "wrong_output",
            "Wrong output",
            "The program runs but produces wrong predictions, shapes or numbers.",
            exclude="Outputs are correct but less accurate than published: "
            + ("accuracy_below_expectations." if version == "2" else "perf_below_expectations."),
        ),
    ]
    if version == "2":
        codes += [
            code(
                "accuracy_below_expectations",
                "Accuracy below expectations",
                "The model trains and predicts, but a quality metric is below the paper, the "
                "README or the reference implementation.",
            ),
            code(
                "speed_below_expectations",
                "Speed below expectations",
                "Training or inference is slower than published or expected.",
            ),
        ]
    else:
        codes.append(
            code(
                "perf_below_expectations",
                "Performance below expectations",
                "Accuracy or speed is below what the paper or README reports.",
            )
        )
    codes += [
        code(
            "numerical_error",
            "Numerical error",
            "NaN or Inf values, diverging or exploding losses.",
        ),
        code(
            "build_failure",
            "Build failure",
            "Installation or compilation fails.",
        ),
    ]
    if version == "2":
        codes.append(
            code(
                "reproducibility",
                "Reproducibility",
                "Results differ between runs, machines or framework versions, or published "
                "results cannot be reproduced.",
                include="Several runs with different numbers; released checkpoints that do not "
                "reach the published numbers.",
            )
        )
    return {
        "name": "symptom",
        "title": "Symptom",
        "description": "What the reporter observed. Give every symptom the report shows.",
        "multi_label": True,
        "scale": "nominal",
        "required": True,
        "codes": codes,
    }


def root_cause_dimension() -> dict[str, Any]:
    """The single-label `root_cause` dimension (same in v1 and v2)."""
    return {
        "name": "root_cause",
        "title": "Root cause",
        "description": "Why the defect happened, judged from the report, the discussion and "
        "the fix.",
        "multi_label": False,
        "scale": "nominal",
        "required": True,
        "codes": [
            code(
                "api_change",
                "Upstream API change",
                "A dependency removed, renamed or changed an API the code relies on.",
            ),
            code(
                "dependency_mismatch",
                "Incompatible dependencies",
                "Versions of dependencies, drivers or toolchains do not fit together.",
            ),
            code(
                "misconfiguration",
                "Misconfiguration",
                "Wrong or missing configuration values, defaults or hyper-parameters.",
            ),
            code(
                "implementation_error",
                "Implementation error",
                "A mistake in the re-implementation's logic.",
            ),
            code(
                "undocumented_assumption",
                "Undocumented assumption",
                "The paper or reference implementation relies on a detail that is not "
                "documented, and the re-implementation does it differently.",
            ),
            code(
                "data_format_mismatch",
                "Data format mismatch",
                "Data or annotations are in a different format than the code expects.",
            ),
            code(
                "numerical_instability",
                "Numerical instability",
                "Overflow, underflow or division by zero, often with reduced precision.",
            ),
            code(
                "platform_limitation",
                "Platform limitation",
                "The hardware, operating system or target runtime cannot do what the code "
                "needs (memory, unsupported operators).",
            ),
        ],
    }


def reporter_dimension() -> dict[str, Any]:
    """The single-label `reporter_type` dimension."""
    return {
        "name": "reporter_type",
        "title": "Reporter type",
        "description": "Who reported the defect, judged from the text and author_association.",
        "multi_label": False,
        "scale": "nominal",
        "required": True,
        "codes": [
            code(
                "re_user",
                "Re-user",
                "Someone using the re-implementation for their own work.",
                include="author_association NONE or FIRST_TIME_CONTRIBUTOR, unless the text "
                "shows otherwise.",
            ),
            code(
                "maintainer",
                "Maintainer",
                "A member of the team that owns the repository.",
                include="OWNER, MEMBER; COLLABORATOR when they triage or release.",
            ),
            code(
                "contributor",
                "Contributor",
                "Someone who contributes code but does not maintain the repository.",
            ),
        ],
    }


def stage_dimension() -> dict[str, Any]:
    """The ordinal `discovery_stage` dimension, codes in pipeline order."""
    stages = [
        ("environment_setup", "Environment setup", "Installing and setting up the project."),
        ("data_pipeline", "Data pipeline", "Preparing or loading data, before training."),
        ("modelling", "Modelling", "Building the model or loading and converting weights."),
        ("training", "Training", "While training or fine-tuning."),
        ("evaluation", "Evaluation", "While evaluating or validating a model."),
        ("deployment", "Deployment", "Exporting, serving or running the model in a product."),
    ]
    return {
        "name": "discovery_stage",
        "title": "Discovery stage",
        "description": "The pipeline stage in which the reporter noticed the defect (not "
        "where it lies).",
        "multi_label": False,
        "scale": "ordinal",
        "required": True,
        "codes": [code(name, label, definition) for name, label, definition in stages],
    }


CHANGELOG_V1 = {
    "version": "1",
    "date": dt.date(2025, 10, 6),
    "changes": "Initial codebook for the pilot (round 1, 60 defect reports).",
}

CHANGELOG_V2 = {
    "version": "2",
    "date": dt.date(2025, 11, 3),
    "changes": "After the pilot adjudication: renamed env_dependency to env_version (raters "
    "used it for version mismatches only, not for every dependency problem); split "
    "perf_below_expectations into accuracy_below_expectations and speed_below_expectations (one "
    "code hid two different problems, and slow-inference reports vanished in the accuracy "
    "gaps); added the symptom reproducibility for results that differ between runs or versions "
    "or from the published numbers (in the pilot these were forced into "
    "perf_below_expectations).",
}


def defect_codebook(version: str) -> dict[str, Any]:
    """The defect codebook as a YAML-ready mapping, version "1" (pilot) or "2" (current)."""
    return {
        "name": "DL re-engineering defects (synthetic example)",
        "version": version,
        "changelog": [CHANGELOG_V1] if version == "1" else [CHANGELOG_V1, CHANGELOG_V2],
        "dimensions": [
            defect_type_dimension(version),
            symptom_dimension(version),
            root_cause_dimension(),
            reporter_dimension(),
            stage_dimension(),
        ],
    }


def interview_codebook() -> dict[str, Any]:
    """The codebook for the interview transcripts: one multi-label `theme` dimension."""
    themes = [
        code(
            "model_operationalization",
            "Model operationalisation",
            "Turning a research model into something that runs in a product.",
            children=[
                code(
                    "deployment_targets",
                    "Deployment targets",
                    "Edge devices, mobile, servers and their constraints.",
                ),
                code(
                    "model_conversion",
                    "Model conversion",
                    "ONNX, TensorRT, TFLite and other conversions.",
                ),
                code(
                    "latency_budget",
                    "Latency budget",
                    "Speed and memory requirements of the product.",
                ),
            ],
        ),
        code(
            "performance_debugging",
            "Performance debugging",
            "Finding out why a model is less accurate or slower than expected.",
            children=[
                code("accuracy_gap", "Accuracy gap", "Metric below the paper or reference."),
                code(
                    "silent_errors",
                    "Silent errors",
                    "Defects that do not crash and only show in the numbers.",
                ),
                code(
                    "layer_comparison",
                    "Layer-by-layer comparison",
                    "Comparing intermediate outputs with a reference model.",
                ),
            ],
        ),
        code(
            "portability",
            "Portability of DL operations",
            "Operations that behave differently across frameworks, versions or hardware.",
            children=[
                code(
                    "unsupported_operations",
                    "Unsupported operations",
                    "An operation is missing in a framework or runtime.",
                ),
                code(
                    "numerical_differences",
                    "Numerical differences",
                    "Same operation, slightly different numbers.",
                ),
                code(
                    "framework_migration",
                    "Framework migration",
                    "Porting a model between frameworks.",
                ),
            ],
        ),
        code(
            "data_pipeline",
            "Customised data pipelines",
            "Data preparation that has to be rebuilt for a new domain or dataset.",
            children=[
                code(
                    "custom_preprocessing",
                    "Custom preprocessing",
                    "Domain-specific transforms and normalisation.",
                ),
                code(
                    "dataset_formats",
                    "Dataset formats",
                    "Converting labels and annotation formats.",
                ),
                code("data_validation", "Data validation", "Checking data before training."),
            ],
        ),
        code(
            "reproducibility",
            "Reproducing published results",
            "Getting the numbers of a paper or a reference implementation.",
            children=[
                code(
                    "missing_details",
                    "Missing details",
                    "Details the paper or code does not document.",
                ),
                code("nondeterminism", "Nondeterminism", "Run-to-run variance."),
                code("compute_cost", "Compute cost", "Not enough compute to run the full recipe."),
            ],
        ),
        code(
            "environment",
            "Environment and dependencies",
            "Versions, drivers, installation and hardware set-up.",
        ),
        code(
            "tooling_gaps",
            "Tooling gaps",
            "Tools practitioners miss or find lacking.",
            children=[
                code(
                    "validation_tools",
                    "Validation tools",
                    "Checking a re-implementation against a reference.",
                ),
                code(
                    "experiment_tracking",
                    "Experiment tracking",
                    "Keeping track of runs, configurations and results.",
                ),
                code(
                    "debugging_tools",
                    "Debugging tools",
                    "Debuggers, profilers and explainability tools.",
                ),
            ],
        ),
        code(
            "collaboration",
            "Collaboration and communication",
            "Working with upstream authors, maintainers and teammates.",
            children=[
                code(
                    "upstream_communication",
                    "Upstream communication",
                    "Issues, e-mails and discussions with original authors or maintainers.",
                ),
                code(
                    "knowledge_transfer",
                    "Knowledge transfer",
                    "Handing models and knowledge between research and engineering.",
                ),
            ],
        ),
    ]
    return {
        "name": "DL re-engineering interviews (synthetic example)",
        "version": "1",
        "changelog": [
            {
                "version": "1",
                "date": dt.date(2025, 9, 15),
                "changes": "Themes from the seed literature, refined after coding P01 and P02.",
            }
        ],
        "dimensions": [
            {
                "name": "theme",
                "title": "Theme",
                "description": "What a passage of a transcript talks about. Code every theme "
                "that applies.",
                "multi_label": True,
                "scale": "nominal",
                "required": True,
                "codes": themes,
            }
        ],
    }
