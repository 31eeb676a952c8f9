#!/usr/bin/env python3
"""Whole-process times of uptake's commands (docs/performance.md), two ways alternating, median (range) of N each,
as a Markdown table: with and without its class archive, or (--jit) with the first JIT compiler only, as ./uptake
starts them, and with both.

Usage: python3 docs/startup-times.py [N] [--jit]  (from the repository; default N = 5)
Records 100 short runs of from-the-edges.conf into a journal in a temporary folder of its own, times the commands
on it, and removes the folder at the end."""
import os, statistics, subprocess, sys, tempfile, time

args = [a for a in sys.argv[1:] if a != "--jit"]
jit = "--jit" in sys.argv[1:]
n = int(args[0]) if args else 5
if jit:
    modes = {"first compiler only (as `./uptake` starts it)": {},
             "both (`UPTAKE_JAVA_OPTS=-XX:TieredStopAtLevel=4`)": {"UPTAKE_JAVA_OPTS": "-XX:TieredStopAtLevel=4"}}
else:
    modes = {"with the archive": {"UPTAKE_CDS": "on"}, "without (`UPTAKE_CDS=off`)": {"UPTAKE_CDS": "off"}}
with tempfile.TemporaryDirectory(prefix="uptake-startup-") as scratch:
    db = f"jdbc:h2:file:{scratch}/journal"
    subprocess.run(["./uptake", "run", "simulations/from-the-edges.conf", "--replications", "100", "--set", "ticks=5",
                    "--db", db, "--out", f"{scratch}/out", "--quiet"], check=True, stdout=subprocess.DEVNULL)
    last_run = subprocess.run(["./uptake", "runs", "--db", db], capture_output=True, text=True,
                              check=True).stdout.splitlines()[-1].split()[0]

    def fresh(k, *command):
        return ["./uptake", *command, "--db", f"jdbc:h2:file:{scratch}/run{k}/journal", "--out", f"{scratch}/run{k}/out",
                "--quiet"]

    commands = {
        "`uptake --help`": lambda k: ["./uptake", "--help"],
        "`uptake runs` (100 runs)": lambda k: ["./uptake", "runs", "--db", db],
        "`uptake show RUN`": lambda k: ["./uptake", "show", last_run, "--db", db],
        "`uptake explain RUN 1`": lambda k: ["./uptake", "explain", last_run, "1", "--db", db],
        "`uptake run simulations/executive-mandate.conf`": lambda k: fresh(k, "run", "simulations/executive-mandate.conf"),
    }
    if jit:
        commands["`uptake sweep simulations/sweeps/enthusiasts-and-dropout.conf`"] = lambda k: fresh(
            k, "sweep", "simulations/sweeps/enthusiasts-and-dropout.conf")
    (first, a), (second, b) = modes.items()
    print(f"| command | {first} | {second} | ratio |")
    print("|---|---|---|---|")
    k = 0
    for name, command in commands.items():
        times = {first: [], second: []}
        for i in range(n):
            for mode in ([first, second] if i % 2 == 0 else [second, first]):
                k += 1
                start = time.perf_counter()
                subprocess.run(command(k), env=dict(os.environ, **modes[mode]), check=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                times[mode].append(time.perf_counter() - start)
        x, y = statistics.median(times[first]), statistics.median(times[second])
        print(f"| {name} | {x:.2f} s ({min(times[first]):.2f}–{max(times[first]):.2f}) | "
              f"{y:.2f} s ({min(times[second]):.2f}–{max(times[second]):.2f}) | {x / y:.2f} |", flush=True)
