"""ketacover: gets ketamine and esketamine treatment paid for.

The package has three rings. ``ketacover.core`` is the pure domain (no I/O, no clock, no
framework); ``ketacover.interop`` and ``ketacover.render`` adapt outside formats; ``ketacover.cli``
(and later the web app) are thin edges. Imports point inward only.
"""

__version__ = "0.1.0"
