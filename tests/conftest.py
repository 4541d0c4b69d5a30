"""Settings for the whole test suite.

Hypothesis's per-example deadline is a timing assertion; timings are measured in ``bench/``,
never asserted in tests, and a shared machine (or a first call that imports a module on first
use) makes it fail without a fault in the code.
"""

from hypothesis import settings

settings.register_profile("ketacover", deadline=None)
settings.load_profile("ketacover")
