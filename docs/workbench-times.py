#!/usr/bin/env python3
"""The workbench's speed (docs/guide-workbench.md, docs/performance.md): page load, and from the click to the first
and the last week on a run's stream, on a warm server, for executive-mandate.conf (600 people, 104 weeks).

Usage: python3 docs/workbench-times.py [RUNS [JDBC_URL]]  (from the repository; default 5 runs, a fresh H2 file)
Starts ./uptake serve on port 8097 with its journal and workspace in a temporary folder of its own, makes 2 warm-up
runs, then RUNS measured ones, and prints the medians; the folder is removed at the end."""
import json, re, statistics, subprocess, sys, tempfile, time, urllib.request

runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
with tempfile.TemporaryDirectory(prefix="uptake-times-") as scratch:
    db = sys.argv[2] if len(sys.argv) > 2 else f"jdbc:h2:file:{scratch}/journal"
    server = subprocess.Popen(["./uptake", "serve", "--port", "8097", "--workspace", f"{scratch}/workspace", "--db", db],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    token = None
    for line in server.stdout:
        m = re.search(r"token=(\S+)", line)
        if m:
            token = m.group(1)
            break
    if token is None:
        sys.exit("uptake serve did not start (is port 8097 free?)")
    base = "http://127.0.0.1:8097"
    headers = {"X-Uptake-Token": token}

    def run():
        start = time.perf_counter()
        request = urllib.request.Request(base + "/api/runs", headers=dict(headers, **{"Content-Type": "application/json"}),
                                         data=json.dumps({"scenario": "executive-mandate.conf"}).encode())
        run_id = json.loads(urllib.request.urlopen(request).read())["runId"]
        stream = urllib.request.urlopen(f"{base}/api/runs/{run_id}/events?token={token}")
        first, event = None, None
        for raw in stream:
            line = raw.decode().rstrip("\n")
            if line.startswith("event:"):
                event = line[6:]
            elif line == "":
                if event == "week" and first is None:
                    first = time.perf_counter() - start
                if event == "end":
                    return first, time.perf_counter() - start
                event = None

    def load():
        start = time.perf_counter()
        for path in ["/", "/static/app.js", "/static/setup.js", "/static/app.css",
                     "/webjars/uplot/1.6.30/dist/uPlot.iife.min.js", "/api/scenarios"]:
            urllib.request.urlopen(urllib.request.Request(base + path, headers=headers)).read()
        return time.perf_counter() - start

    try:
        for _ in range(2):
            run()
            load()
        timed = [run() for _ in range(runs)]
        loads = [load() for _ in range(5)]
    finally:
        server.terminate()
        server.wait()
    first = sorted(t[0] for t in timed)
    last = sorted(t[1] for t in timed)
    print(f"page load: median {statistics.median(loads):.3f} s")
    print(f"click to first week: median {statistics.median(first):.3f} s ({first[0]:.3f}-{first[-1]:.3f})")
    print(f"click to last week: median {statistics.median(last):.3f} s ({last[0]:.3f}-{last[-1]:.3f})")
