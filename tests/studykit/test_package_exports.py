"""The lazily exported names of the stage packages resolve to their objects, never to modules."""

import importlib
import pkgutil
from types import ModuleType

import pytest

import analysis
import analysis.figures
import coding


@pytest.mark.parametrize("package", [analysis, analysis.figures, coding])
def test_every_export_is_an_object_even_after_importing_all_submodules(
    package: ModuleType,
) -> None:
    for info in pkgutil.walk_packages(package.__path__, prefix=f"{package.__name__}."):
        importlib.import_module(info.name)
    for name in package.__all__:
        value = getattr(package, name)
        assert not isinstance(value, ModuleType), name
