"""The domain core: case model, codes, coverage rules, deadlines and costs.

Pure Python. Nothing here reads the clock, the network, the disk (other than package data through
``importlib.resources``) or imports a web framework, renderer or parser library; an import-linter
contract in ``pyproject.toml`` keeps it so. Time and money come in as arguments.
"""
