import doctest
import importlib

import pytest

MODULES = ["amounts", "share", "reimbursement", "tax", "payment_plan"]


@pytest.mark.parametrize("name", MODULES)
def test_the_examples_in_the_docstrings_hold(name: str):
    module = importlib.import_module(f"ketacover.core.costs.{name}")
    result = doctest.testmod(module)
    assert result.attempted > 0
    assert result.failed == 0
