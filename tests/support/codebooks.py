"""A small codebook for tests of sheets and consensus."""

from coding.codebook import Codebook, parse_codebook

CODEBOOK_DATA = {
    "name": "test",
    "version": "1",
    "dimensions": [
        {
            "name": "defect_type",
            "title": "Defect type",
            "codes": [
                {
                    "code": "environment",
                    "label": "Environment",
                    "children": [
                        {"code": "env_api", "label": "API defect"},
                        {"code": "env_version", "label": "Version mismatch"},
                    ],
                },
                {"code": "model", "label": "Model"},
                {"code": "training", "label": "Training"},
            ],
        },
        {
            "name": "symptom",
            "multi_label": True,
            "codes": [{"code": "crash"}, {"code": "wrong_output"}, {"code": "slow"}],
        },
        {
            "name": "stage",
            "scale": "ordinal",
            "required": False,
            "codes": [{"code": "data"}, {"code": "training"}, {"code": "deployment"}],
        },
    ],
}


def small_codebook() -> Codebook:
    return parse_codebook(CODEBOOK_DATA, source="test.yaml")
