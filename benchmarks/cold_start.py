"""Benchmark how long a fresh interpreter takes to start yifeng: imports and ``--help``.

    python benchmarks/cold_start.py [--runs 30]

The floor, measured in the same run, is ``python -c "import attrs, cattrs"``: the two
packages yifeng's model is built on. Each case runs ``--runs`` times in a fresh
interpreter (wall time of the child, output discarded); the cases are interleaved in
rounds so machine noise hits them alike. A case's time is its median over rounds, its
ratio the median over rounds of its time divided by the floor's in the same round.
``yifeng --help`` runs what the ``yifeng`` console script runs (``from yifeng.cli import
main``). Bytecode is cached (in a temporary ``PYTHONPYCACHEPREFIX``, written by an untimed
first run) as pip caches it for an installed wheel, even under PYTHONDONTWRITEBYTECODE. Targets (issue 14): ``yifeng --help`` and ``import yifeng.model`` <= 1.5.

To see what a case spends its time on: ``python -X importtime -c "import yifeng.model"``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

_SCRIPT = "import sys; from yifeng.cli import main; sys.exit(main())"  # the console script's body
CASES: dict[str, list[str]] = {
    "floor: import attrs, cattrs": ["-c", "import attrs, cattrs"],
    "import yifeng": ["-c", "import yifeng"],
    "import yifeng.model": ["-c", "import yifeng.model"],
    "import yifeng.io": ["-c", "import yifeng.io"],
    "yifeng --help": ["-c", _SCRIPT, "--help"],
    "yifeng ledger report --help": ["-c", _SCRIPT, "ledger", "report", "--help"],
}
FLOOR = "floor: import attrs, cattrs"
TARGETS = {"import yifeng.model": 1.5, "yifeng --help": 1.5}


def run(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=env)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {"PYTHONPYCACHEPREFIX": cache}
        for case in CASES.values():  # writes the .pyc files and warms the file cache: not timed
            run(case, env)
        rounds = [{name: run(case, env) for name, case in CASES.items()} for _ in range(args.runs)]
    print(f"cold start: {args.runs} runs of each, interleaved, each in a fresh interpreter ({sys.executable})")
    for name in CASES:
        seconds = statistics.median(r[name] for r in rounds)
        ratio = statistics.median(r[name] / r[FLOOR] for r in rounds)
        line = f"  {name:<30} {seconds * 1000:6.0f} ms  ratio {ratio:4.2f}"
        if name in TARGETS:
            line += f"  target <= {TARGETS[name]}: {'meets' if ratio <= TARGETS[name] else 'MISSES'}"
        print(line)


if __name__ == "__main__":
    main()
