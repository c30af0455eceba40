"""Benchmarks of the whole pipeline on synthetic archives: see benchmarks/README.md."""
