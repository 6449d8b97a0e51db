"""Benchmarks: ``make bench`` runs every ``bench/bench_*.py`` and writes bench/results.json.

A benchmark is a module named ``bench_<name>.py`` with a ``run()`` function that
returns a list of measurements, each a dict ``{"metric": str, "value": number,
"unit": str}``. An optional module docstring describes it (its first line goes to
results.json) and an optional ``TIME_LIMIT`` (seconds, at most 120) bounds it.
Each benchmark runs in its own process, so it may set environment variables and
start servers freely; load is generated on 127.0.0.1 only. See bench/harness.py.
"""
