"""Benchmarks: `python -m benchmarks` (index build and ask() latency); `python -m benchmarks.app_bench` (the app)."""
