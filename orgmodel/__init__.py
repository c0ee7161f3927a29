"""orgmodel: check organisation designs of Norwegian municipalities held as versioned YAML.

The engine is importable without the CLI::

    from orgmodel.api import check_paths
"""

__version__ = "0.1.0"
