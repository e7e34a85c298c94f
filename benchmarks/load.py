"""Load benchmark of the web service (not a test): concurrent clients post an article to /v1/code.

    python benchmarks/load.py [--text ../shared/data/dev/seed.txt] [--clients 8] [--seconds 30] [--workers 1]

Starts ``chronik serve`` (uvicorn, a subprocess, an empty in-memory store) on a free port of 127.0.0.1,
waits until it answers, lets ``--clients`` threads post the article (with its date, 2015-03-05) to
/v1/code for ``--seconds`` seconds, each over its own keep-alive connection and each waiting for its
answer before the next request (a closed loop), then stops the server. Prints requests/s, the latency
percentiles (p50, p95, p99, max), the coding time the server reports (elapsed_ms), the CPU time the
server spent per request (independent of what else runs on the machine), non-200 answers and connection
errors. Only this machine is contacted.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "dev" / "seed.txt"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_ready(port: int, proc: subprocess.Popen[bytes], timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server ended with exit code {proc.returncode}")
        try:
            con = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            con.request("GET", "/v1/health")
            if con.getresponse().status == 200:
                con.close()
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit("the server did not start")


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of a process and its children (the coding processes), from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(stat.parent.name) == pid or int(fields[1]) == pid:  # fields[1]: the parent's pid
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--text", type=Path, default=SEED, help="the article to post (default: the seed article)")
    parser.add_argument("--date", default="2015-03-05")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=1, help="chronik serve --workers")
    parser.add_argument("--warm", type=int, default=3, help="untimed requests per server process first")
    args = parser.parse_args()

    body = json.dumps({"text": args.text.read_text(encoding="utf-8"), "date": args.date}).encode()
    port = free_port()
    env = dict(os.environ, CHRONIK_TOKEN="")
    proc = subprocess.Popen([sys.executable, "-m", "chronik", "serve", "--port", str(port), "--workers",
                             str(args.workers)], env=env)
    try:
        wait_ready(port, proc)
        headers = {"Content-Type": "application/json"}
        for _ in range(args.warm * args.workers):
            con = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            con.request("POST", "/v1/code", body, headers)
            con.getresponse().read()
            con.close()

        latencies: list[float] = []
        coding: list[float] = []
        statuses: dict[int, int] = {}
        errors: list[str] = []
        lock = threading.Lock()
        stop = time.monotonic() + args.seconds

        def client() -> None:
            con = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            while time.monotonic() < stop:
                t0 = time.perf_counter()
                try:
                    con.request("POST", "/v1/code", body, headers)
                    response = con.getresponse()
                    data = response.read()
                except OSError as exc:
                    with lock:
                        errors.append(f"{type(exc).__name__}: {exc}")
                    con.close()
                    con = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                    continue
                elapsed = time.perf_counter() - t0
                with lock:
                    latencies.append(elapsed)
                    statuses[response.status] = statuses.get(response.status, 0) + 1
                    if response.status == 200:
                        coding.append(json.loads(data)["elapsed_ms"])
            con.close()

        cpu_before = cpu_seconds(proc.pid)
        started = time.perf_counter()
        threads = [threading.Thread(target=client) for _ in range(args.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - started
        cpu = cpu_seconds(proc.pid) - cpu_before
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()

    n = len(latencies)
    ms = [x * 1000 for x in latencies]
    failed = sum(v for k, v in statuses.items() if k != 200) + len(errors)
    print(f"{args.clients} clients, {args.workers} coding process(es), {wall:.1f} s, article of "
          f"{len(body)} bytes")
    print(f"requests: {n} ({n / wall:.1f}/s); non-200 or failed: {failed} {statuses} {errors[:3]}")
    if ms:
        print(f"latency ms: p50 {percentile(ms, 50):.0f}, p95 {percentile(ms, 95):.0f}, "
              f"p99 {percentile(ms, 99):.0f}, max {max(ms):.0f}, mean {statistics.mean(ms):.0f}")
    if coding:
        print(f"coding time in the server (elapsed_ms): p50 {percentile(coding, 50):.0f}, "
              f"p95 {percentile(coding, 95):.0f}")
    if n:
        print(f"server CPU time per request (server and coding processes): {cpu / n * 1000:.1f} ms; "
              f"machine load average now {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
