"""argmap: map, check and evaluate arguments written as YAML."""

__version__ = "0.1.0"
