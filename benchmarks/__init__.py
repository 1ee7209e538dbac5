"""Benchmarks of the knowledge base: a synthetic corpus generator and `run.py`."""
