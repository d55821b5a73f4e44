"""The [sampling] section goes to `mining.sampling.draw_sample` whole: each of its fields is a
parameter of the draw, and a stored sample's size is the sum over its strata."""

import inspect

from mining.sampling import draw_sample
from studykit.collect.sampling import SampleResult
from studykit.manifest import SamplingSection


def test_every_sampling_field_is_a_parameter_of_the_draw() -> None:
    assert set(SamplingSection.model_fields) <= set(inspect.signature(draw_sample).parameters)


def test_the_size_of_a_sample_is_the_sum_over_its_strata() -> None:
    assert SampleResult("main", 50, {"a/x": 8, "a/y": 2}).size == 10
