#!/usr/bin/env python3
"""Times the commands of a benchmark, interleaved: in each of ROUNDS rounds every command runs
its share of times (a preparation command before each run, not timed). Interleaving makes the
ratios fair on a machine whose speed drifts: every command sees the same slow and fast moments.

Spec file, one command per line, tab-separated: name, runs per round, preparation (shell,
may be empty), command (shell). Prints `name median_wall_seconds peak_rss_mib min_wall` per
command. Wall time comes from a monotonic clock around the process (microseconds, where GNU
time's %e has 10 ms steps). Peak memory is that of the whole process tree: the larger of the
process's own maximum resident set (wait4, which also covers its children one at a time) and
the largest sum of the resident sets of the process and its descendants, sampled every 20 ms
while it runs (wel lays documents out in helper processes; a loop runs typst processes).

Usage: measure.py SPEC ROUNDS
"""
import os
import statistics
import subprocess
import sys
import threading
import time

PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024


def tree_rss_kib(root: int) -> int:
    """Sum of the resident sets of `root` and its descendants (KiB), from /proc."""
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        try:
            with open(f"/proc/{pid}/statm") as f:
                total += int(f.read().split()[1]) * PAGE_KIB
            for tid in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{tid}/children") as f:
                    stack.extend(int(c) for c in f.read().split())
        except (OSError, ValueError):
            continue
    return total


def sample_tree(root: int, done: threading.Event, peak: list[int]) -> None:
    while not done.wait(0.02):
        peak[0] = max(peak[0], tree_rss_kib(root))


def run_once(name: str, prepare: str, command: str) -> tuple[float, int]:
    if prepare:
        subprocess.run(prepare, shell=True, check=True)
    start = time.perf_counter()
    child = subprocess.Popen(
        ["/bin/sh", "-c", "exec " + command],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    done, tree_peak = threading.Event(), [0]
    sampler = threading.Thread(target=sample_tree, args=(child.pid, done, tree_peak))
    sampler.start()
    # Read what it says while it runs: a full pipe would stop it (a build of 1,160 SWVs says
    # over a megabyte), and the run would never end.
    err = child.stderr.read().decode(errors="replace")
    child.stderr.close()
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{name}: {command} failed:\n{err}")
    return wall, max(usage.ru_maxrss, tree_peak[0]) // 1024  # KiB -> MiB


def main() -> None:
    spec, rounds = sys.argv[1], int(sys.argv[2])
    commands = [line.rstrip("\n").split("\t") for line in open(spec) if line.strip()]
    walls = {c[0]: [] for c in commands}
    peaks = {c[0]: 0 for c in commands}
    for _ in range(rounds):
        for name, per_round, prepare, command in commands:
            for _ in range(int(per_round)):
                wall, peak = run_once(name, prepare, command)
                walls[name].append(wall)
                peaks[name] = max(peaks[name], peak)
    for name, *_ in commands:
        print(f"{name} {statistics.median(walls[name]):.4f} {peaks[name]} {min(walls[name]):.4f}")


if __name__ == "__main__":
    main()
