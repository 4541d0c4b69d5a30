"""Package exports that load their module on first use (PEP 562, module ``__getattr__``).

A package such as :mod:`ketacover.core.costs` names its public classes and functions in its
``__init__``; importing them all there would load every engine of the package for any one name
(the case-file checks need one exception class of the cost math, not the coverage engine behind
the comparison). With :func:`lazy_exports` the package imports a submodule only when one of its
names is first read, and the names stay importable from the package as before. Type checkers read
the same names from an ``if TYPE_CHECKING:`` block of imports beside the call.

Authority: PEP 562, "Module __getattr__ and __dir__".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module


def lazy_exports(
    package: str, exports: Mapping[str, tuple[str, ...]]
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of ``package``, whose ``exports`` map each submodule
    (relative name, such as ``"amounts"``) to the names it gives the package.

    A name is imported from its submodule when first read and then kept in the package's
    namespace, so later reads cost nothing; an unknown name raises :class:`AttributeError` as a
    plain module would.
    """
    where = {name: module for module, names in exports.items() for name in names}
    space = import_module(package).__dict__

    def attribute(name: str) -> object:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(f"{package}.{module}"), name)
        space[name] = value
        return value

    def names() -> list[str]:
        return sorted(set(space) | set(where))

    return attribute, names
