#!/usr/bin/env python3
"""Whole-process times of uptake's commands with and without its class archive (docs/performance.md), alternating,
median (range) of N each, as a Markdown table.

Usage: python3 docs/startup-times.py [N]  (from the repository; default 5)
Records 100 short runs of from-the-edges.conf into a journal in a temporary folder of its own, times the commands
on it, and removes the folder at the end."""
import os, statistics, subprocess, sys, tempfile, time

n = int(sys.argv[1]) if len(sys.argv) > 1 else 5
with tempfile.TemporaryDirectory(prefix="uptake-startup-") as scratch:
    db = f"jdbc:h2:file:{scratch}/journal"
    subprocess.run(["./uptake", "run", "simulations/from-the-edges.conf", "--replications", "100", "--set", "ticks=5",
                    "--db", db, "--out", f"{scratch}/out", "--quiet"], check=True, stdout=subprocess.DEVNULL)
    last_run = subprocess.run(["./uptake", "runs", "--db", db], capture_output=True, text=True,
                              check=True).stdout.splitlines()[-1].split()[0]
    commands = {
        "`uptake --help`": lambda k: ["./uptake", "--help"],
        "`uptake runs` (100 runs)": lambda k: ["./uptake", "runs", "--db", db],
        "`uptake show RUN`": lambda k: ["./uptake", "show", last_run, "--db", db],
        "`uptake explain RUN 1`": lambda k: ["./uptake", "explain", last_run, "1", "--db", db],
        "`uptake run simulations/executive-mandate.conf`": lambda k: [
            "./uptake", "run", "simulations/executive-mandate.conf", "--db", f"jdbc:h2:file:{scratch}/run{k}/journal",
            "--out", f"{scratch}/run{k}/out", "--quiet"],
    }
    print("| command | with the archive | without (`UPTAKE_CDS=off`) | ratio |")
    print("|---|---|---|---|")
    k = 0
    for name, command in commands.items():
        times = {"on": [], "off": []}
        for i in range(n):
            for mode in (["on", "off"] if i % 2 == 0 else ["off", "on"]):
                k += 1
                start = time.perf_counter()
                subprocess.run(command(k), env=dict(os.environ, UPTAKE_CDS=mode), check=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                times[mode].append(time.perf_counter() - start)
        on, off = statistics.median(times["on"]), statistics.median(times["off"])
        print(f"| {name} | {on:.2f} s ({min(times['on']):.2f}–{max(times['on']):.2f}) | "
              f"{off:.2f} s ({min(times['off']):.2f}–{max(times['off']):.2f}) | {on / off:.2f} |", flush=True)
