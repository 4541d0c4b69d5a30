import subprocess
import sys
from pathlib import Path

import pytest

from ketacover.core.lazy import lazy_exports


def _loaded_after(statement: str, modules: tuple[str, ...]) -> list[str]:
    code = f"import sys\n{statement}\nprint([m for m in {modules!r} if m in sys.modules])"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return eval(result.stdout.strip())  # a list of module names printed by the child


def test_one_name_of_the_cost_math_loads_neither_the_comparison_nor_the_coverage_engine():
    loaded = _loaded_after(
        "from ketacover.core.costs import CostInputError",
        ("ketacover.core.costs.comparison", "ketacover.core.coverage.engine"),
    )
    assert loaded == []


def test_the_deadline_package_loads_a_module_only_when_one_of_its_names_is_read():
    loaded = _loaded_after(
        "import ketacover.core.deadlines as d; d.add_business_days",
        ("ketacover.core.deadlines.business_days", "ketacover.core.deadlines.case"),
    )
    assert loaded == ["ketacover.core.deadlines.business_days"]


def test_names_read_from_a_lazy_package_are_the_submodules_own_objects():
    from ketacover.core import coverage
    from ketacover.core.coverage import engine

    assert coverage.assess is engine.assess
    assert "assess" in dir(coverage)


def test_an_unknown_name_of_a_lazy_package_is_an_attribute_error():
    from ketacover.core import costs

    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        costs.nothing_here  # noqa: B018


def test_lazy_exports_keep_a_name_once_it_is_read(monkeypatch):
    import types

    package = types.ModuleType("ketacover_lazy_probe")
    monkeypatch.setitem(sys.modules, "ketacover_lazy_probe", package)
    monkeypatch.setitem(sys.modules, "ketacover_lazy_probe.part", types.ModuleType("part"))
    sys.modules["ketacover_lazy_probe.part"].value = 42  # type: ignore[attr-defined]
    getter, lister = lazy_exports("ketacover_lazy_probe", {"part": ("value",)})
    assert getter("value") == 42
    assert package.__dict__["value"] == 42
    assert "value" in lister()


def test_validating_a_case_file_loads_no_engine():
    example = Path(__file__).parents[2] / "examples" / "esketamine-ready-ppo.yaml"
    loaded = _loaded_after(
        f"from ketacover.interop.casefile import load_case\nload_case({str(example)!r})",
        (
            "ketacover.core.coverage.engine",
            "ketacover.core.costs.comparison",
            "ketacover.core.deadlines.case",
        ),
    )
    assert loaded == []


LAZY_PACKAGES = (
    "ketacover.core.costs",
    "ketacover.core.coverage",
    "ketacover.core.deadlines",
    "ketacover.core.model",
)


@pytest.mark.parametrize("package", LAZY_PACKAGES)
def test_every_name_a_lazy_package_exports_can_be_read(package):
    import importlib

    module = importlib.import_module(package)
    for name in module.__all__:
        assert getattr(module, name) is not None, name


@pytest.mark.parametrize("package", LAZY_PACKAGES)
def test_a_lazy_package_loads_each_name_from_the_module_its_type_imports_name(package):
    import ast
    import importlib

    module = importlib.import_module(package)
    tree = ast.parse(Path(module.__file__).read_text())
    typed: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            for statement in node.body:
                assert isinstance(statement, ast.ImportFrom)
                for alias in statement.names:
                    typed[alias.asname or alias.name] = statement.module
    assert typed
    for name, source in typed.items():
        value = getattr(module, name)
        owner = getattr(value, "__module__", None)
        if owner is not None and owner.startswith("ketacover"):
            # classes and functions name the module that defines them
            assert importlib.import_module(source).__dict__[name] is value
        assert name in module.__all__ or name in dir(module)
