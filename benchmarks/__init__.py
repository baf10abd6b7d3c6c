"""The benchmark harness of issue 7: a synthetic corpus at any size, each workload beside its floor.

Run ``python -m benchmarks --help``; docs/performance.md explains the workloads and their floors.
"""
