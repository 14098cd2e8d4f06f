#!/usr/bin/env python3
"""Latency of `dockcoach server` (a benchmark, not a test).

Starts the release binary as a language server, opens a 200-line Dockerfile (built from
examples/Dockerfile as scripts/bench-web.mjs builds it) and times, N times, from writing
an incremental `textDocument/didChange` to reading the `publishDiagnostics` for that
version. The debounce is set to 0 (initializationOptions.debounceMs), so the figure is
the server's own work: read, apply the edit, parse, lint, convert, write.

Usage: python3 scripts/bench-lsp.py [--runs N] [--bin PATH]
(builds target/release/dockcoach with cargo unless --bin is given)
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def dockerfile_200():
    with open(os.path.join(REPO, "examples", "Dockerfile"), encoding="utf-8") as f:
        base = [line for line in f.read().split("\n") if line.strip()]
    lines = ["FROM python:3.12-slim AS build"]
    i = 0
    while len(lines) < 200:
        line = base[(i % (len(base) - 1)) + 1]
        if line.lower().startswith("from"):
            lines.append(f"FROM python:3.1{i % 10} AS s{i}")
        else:
            lines.append(line.replace("/app", f"/app{i}", 1))
        i += 1
    return "\n".join(lines) + "\n"


class Server:
    def __init__(self, binary, cwd):
        self.proc = subprocess.Popen(
            [binary, "server"], cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        self.next_id = 0

    def send(self, message):
        body = json.dumps(message).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def recv(self):
        length = None
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError("the server closed its output")
            line = line.strip()
            if not line:
                break
            name, _, value = line.partition(b":")
            if name.lower() == b"content-length":
                length = int(value)
        return json.loads(self.proc.stdout.read(length))

    def request(self, method, params):
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        while True:
            message = self.recv()
            if message.get("id") == self.next_id and "method" not in message:
                return message

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def diagnostics(self, version):
        while True:
            message = self.recv()
            if (
                message.get("method") == "textDocument/publishDiagnostics"
                and message["params"].get("version") == version
            ):
                return message["params"]["diagnostics"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--bin")
    args = parser.parse_args()
    binary = os.path.abspath(args.bin) if args.bin else None
    if not binary:
        subprocess.run(
            ["cargo", "build", "--release", "-q", "-p", "dockcoach"], cwd=REPO, check=True
        )
        binary = os.path.join(REPO, "target", "release", "dockcoach")

    text = dockerfile_200()
    lines = text.split("\n")
    with tempfile.TemporaryDirectory() as root:
        uri = f"file://{root}/Dockerfile"
        server = Server(binary, root)
        server.request(
            "initialize",
            {
                "processId": None,
                "rootUri": f"file://{root}",
                "capabilities": {},
                "initializationOptions": {"debounceMs": 0},
            },
        )
        server.notify("initialized", {})
        server.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "dockerfile", "version": 1, "text": text}},
        )
        findings = len(server.diagnostics(1))
        times = []
        for run in range(args.runs):
            version = run + 2
            # Type (or delete) one character at the end of a line in the middle.
            line = 100
            character = len(lines[line])
            if run % 2 == 0:
                change = {
                    "range": {
                        "start": {"line": line, "character": character},
                        "end": {"line": line, "character": character},
                    },
                    "text": "x",
                }
            else:
                change = {
                    "range": {
                        "start": {"line": line, "character": character},
                        "end": {"line": line, "character": character + 1},
                    },
                    "text": "",
                }
            start = time.perf_counter()
            server.notify(
                "textDocument/didChange",
                {
                    "textDocument": {"uri": uri, "version": version},
                    "contentChanges": [change],
                },
            )
            server.diagnostics(version)
            times.append((time.perf_counter() - start) * 1000)
        server.request("shutdown", None)
        server.notify("exit", None)
        code = server.proc.wait(timeout=10)

    times.sort()
    p90 = times[int(len(times) * 0.9) - 1]
    print(
        f"dockcoach server, 200-line Dockerfile ({len(text)} bytes, {findings} findings), "
        f"didChange -> publishDiagnostics, debounce 0, {args.runs} runs:"
    )
    print(
        f"  median {statistics.median(times):.2f} ms, p90 {p90:.2f} ms, "
        f"min {times[0]:.2f} ms, max {times[-1]:.2f} ms (exit code {code})"
    )
    return 0 if code == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
