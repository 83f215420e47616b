"""Measuring the brain: intent benchmarks and FAQ retrieval."""
