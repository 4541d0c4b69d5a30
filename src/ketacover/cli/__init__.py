"""The ``ketacover`` command line: case files in, readable tables or ``--json`` out.

Commands live in small modules named after what they show; each imports the core engines and the
case-file loader only when it runs, so ``ketacover --help`` starts fast. Errors ketacover raises
on purpose end as one line on standard error and exit status 2; the console script is
``ketacover.cli:main``.
"""

from ketacover.cli.app import app, main

__all__ = ["app", "main"]
