"""Reproducible edition of the AAAS extra-cost report: formulas, data, reconciliation."""

__version__ = "0.1.0"
