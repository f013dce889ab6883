#!/usr/bin/env python3
"""The disk's own commit latency, outside Followup and PostgreSQL.

    python3 bench/fsync-probe.py DIRECTORY SECONDS

Every 20 ms, writes 8 kB over the start of a scratch file of its own in DIRECTORY and waits for fdatasync, which is
what a durable commit waits for (PostgreSQL flushes its WAL the same way). Prints one line: how many flushes, their
p50, p99 and longest, and the share of the time spent in flushes over 50 ms. A touch's commit cannot be faster than its flush, so a
run whose probe shows long flushes says the disk, not Followup, set the tail (docs/benchmarks.md).
"""
import os
import sys
import tempfile
import time


def main():
    directory, seconds = sys.argv[1], float(sys.argv[2])
    # A file of its own, so that two probes in one directory (a run stopped while its probe went on) never share one.
    descriptor, path = tempfile.mkstemp(prefix="fsync-probe-", suffix=".dat", dir=directory)
    block = os.urandom(8192)
    latencies = []
    try:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            started = time.perf_counter()
            os.pwrite(descriptor, block, 0)
            os.fdatasync(descriptor)
            latencies.append((time.perf_counter() - started) * 1000)
            time.sleep(0.02)
    finally:
        os.close(descriptor)
        os.unlink(path)
    latencies.sort()
    count = len(latencies)
    long_share = sum(value for value in latencies if value > 50) / (seconds * 1000)
    print(
        f"{count} flushes, p50 {latencies[count // 2]:.2f} ms, p99 {latencies[min(count - 1, int(count * 0.99))]:.1f} ms,"
        f" longest {latencies[-1]:.0f} ms, {long_share:.1%} of the time in flushes over 50 ms"
    )


if __name__ == "__main__":
    main()
