"""Bundled demo data and its reproducible build (``python -m data.build``)."""
