#!/usr/bin/env python3
"""Runs a command N times (a preparation command before each run, not timed) and prints
`name median_wall_seconds peak_rss_mib min_wall_seconds`.

Wall time comes from a monotonic clock around the process (microseconds, where GNU time's
%e has 10 ms steps); peak memory is the child's own maximum resident set size (wait4).

Usage: measure.py NAME RUNS PREPARE -- COMMAND...
"""
import os
import statistics
import subprocess
import sys
import time


def main() -> None:
    name, runs, prepare = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    command = sys.argv[sys.argv.index("--") + 1 :]
    walls, peak = [], 0
    for _ in range(runs):
        if prepare:
            subprocess.run(prepare, shell=True, check=True)
        start = time.perf_counter()
        child = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        _, status, usage = os.wait4(child.pid, 0)
        walls.append(time.perf_counter() - start)
        err = child.stderr.read().decode(errors="replace")
        child.stderr.close()
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"{name}: {' '.join(command)} failed:\n{err}")
        peak = max(peak, usage.ru_maxrss)  # KiB on Linux
    print(f"{name} {statistics.median(walls):.4f} {peak // 1024} {min(walls):.4f}")


if __name__ == "__main__":
    main()
