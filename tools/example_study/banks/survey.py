"""Questions, answer options and open answers of the synthetic example survey.

The export imitates Google Forms: a `Timestamp` column, then one column per question with the
question text as header; a Likert grid becomes one column per row, `Grid title [row]`.
All answers are invented.
"""

from __future__ import annotations

Q_ROLE = "What is your current role?"
Q_EXPERIENCE = "How many years have you worked with deep learning?"
Q_ORG = "How large is your organisation?"
GRID = "How much do you agree with the following statements?"
Q_OPEN1 = "What is the hardest part of debugging a re-implemented deep learning model?"
Q_OPEN2 = "Which tool or feature would make re-engineering deep learning models easier for you?"

SCALE = ("Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree")

ITEMS = (
    "When a re-implemented model underperforms the paper, I usually find the cause within a week",
    "Existing debugging tools help me localise defects in deep learning code",
    "I trust model conversion tools (ONNX, TensorRT, TFLite) to preserve model behaviour",
    "Papers and reference code document enough detail to reproduce the reported results",
    "Framework and library updates frequently break my projects",
    "I write automated tests that compare my model against a reference implementation",
    "Explainability tools (e.g. saliency maps) help me find defects in vision models",
    "I would use a tool that compares a re-implementation layer by layer with the original",
)

ROLE_COUNTS = {
    "Researcher": 13,
    "ML engineer": 14,
    "Software engineer": 5,
    "Student": 6,
    "Team lead": 3,
    "Other": 1,
}

ROLE_GROUP = {
    "Researcher": "research",
    "Student": "research",
    "ML engineer": "engineering",
    "Software engineer": "engineering",
    "Team lead": "engineering",
    "Other": "engineering",
}

# Latent mean (1..5) per item and group. Items 3, 4 and 6 differ between the groups by design:
# engineers trust conversion tools less and test against references more; researchers find
# papers better documented.
ITEM_MEANS: tuple[dict[str, float], ...] = (
    {"research": 2.7, "engineering": 2.9},
    {"research": 2.3, "engineering": 2.3},
    {"research": 3.7, "engineering": 2.2},
    {"research": 3.4, "engineering": 2.1},
    {"research": 3.9, "engineering": 4.0},
    {"research": 2.1, "engineering": 3.8},
    {"research": 3.0, "engineering": 2.8},
    {"research": 4.1, "engineering": 4.3},
)

EXPERIENCE = {
    "research": {
        "Less than 1 year": 0.1,
        "1-3 years": 0.35,
        "3-5 years": 0.3,
        "5-10 years": 0.2,
        "More than 10 years": 0.05,
    },
    "engineering": {
        "Less than 1 year": 0.05,
        "1-3 years": 0.25,
        "3-5 years": 0.35,
        "5-10 years": 0.25,
        "More than 10 years": 0.1,
    },
}

ORG_SIZE = {
    "research": {
        "1-10 people": 0.15,
        "11-100 people": 0.45,
        "101-1000 people": 0.3,
        "More than 1000 people": 0.1,
    },
    "engineering": {
        "1-10 people": 0.15,
        "11-100 people": 0.25,
        "101-1000 people": 0.25,
        "More than 1000 people": 0.35,
    },
}

OPEN_HARDEST = (
    "Nothing crashes, the accuracy is just a bit lower and you have no idea where to look.",
    "Finding undocumented preprocessing steps.",
    "Each experiment takes a day, so bisecting is extremely slow.",
    "Telling seed noise apart from a real regression.",
    "The reference code and the paper disagree.",
    "Getting the original environment to install at all.",
    "Silent numerical differences between frameworks.",
    "Layer names never match, so comparing with the original is manual work.",
    "Mixed precision problems that only appear after hours of training.",
    "Knowing which of the many small differences actually matters.",
    "Data pipeline bugs, e.g. augmentations that do not transform the labels.",
    "Lack of a ground truth to compare against.",
    "Custom CUDA ops that no longer compile.",
    "Understanding the original authors' intent.",
    "The released checkpoint does not reproduce the README numbers.",
    "Limited GPU budget compared to the paper.",
    "Hyper-parameters that depend on the batch size and number of GPUs.",
    "Export to ONNX/TensorRT changes the outputs slightly.",
    "Evaluation scripts that compute the metric differently.",
    "No tests in research code.",
    "Dependency hell.",
    "Distributed training behaves differently from single GPU.",
    "Debugging on the edge device itself.",
    "Too many moving parts: data, model, training loop, hardware.",
    "Reproducing results that were reported as the best of several runs.",
    "Time pressure: the reproduction is never planned properly.",
    "Documentation of the original training recipe is incomplete.",
    "Quantisation drops accuracy for some classes only.",
    "Finding which layer causes a NaN.",
    "Version pins missing in requirements.txt.",
    "Explaining to managers why it takes so long.",
    "Non-determinism on GPUs.",
    "Nothing specific, everything takes longer than expected.",
    "Differences between image libraries (resize, colour order).",
    "Getting answers from maintainers of abandoned repositories.",
    "Label format conversions for our own datasets.",
    "Porting custom layers between PyTorch and TensorFlow.",
    "Debugging models I did not write myself.",
)

OPEN_TOOL = (
    "A layer-by-layer diff between my model and the reference.",
    "Automatic checks of my data pipeline before training starts.",
    "A compatibility table of framework, CUDA and driver versions.",
    "Reference inputs/outputs shipped with every paper.",
    "A conversion checker that predicts unsupported operators.",
    "Experiment tracking that also versions the data.",
    "Something like a linter for training configs.",
    "Better profilers for edge devices.",
    "Standard model cards with the full training recipe.",
    "Tools that explain *why* a prediction is wrong, not just where the model looks.",
    "Deterministic mode that is not ten times slower.",
    "Automatic bisection over commits with short training runs.",
    "A search over known issues across repositories.",
    "Tests that run a tiny training on CI.",
    "Per-class and per-slice evaluation out of the box.",
    "Containers published together with the code.",
    "A checklist for re-implementation projects.",
    "Notebook templates for comparing intermediate tensors.",
    "Better documentation of default values in frameworks.",
    "Unit tests for augmentations that check the labels too.",
    "Learning-rate scaling advice built into the trainer.",
    "Reproducibility reports from the conference.",
    "Quantisation debugging per layer.",
    "A way to pin and record every dependency automatically.",
    "Easier ONNX debugging.",
    "Shared benchmarks of re-implementations vs originals.",
    "Nothing, the tools are fine; the documentation is the problem.",
    "Visual diffs of predictions between two model versions.",
    "Automatic detection of silent accuracy regressions in CI.",
    "A migration guide for every framework release.",
    "Dataset validators for COCO/VOC style annotations.",
    "Traceability between paper sections and code.",
    "Model zoo checksums and training logs.",
    "Something that tells me whether a difference is within seed noise.",
)
