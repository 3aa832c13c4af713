"""What a search costs from Python next to the same search from Rust.

Runs every topic title of a topics file as a default search (limit 10, two
passages per article, expansion and highlights) on the same index, REPS
times, alternating the Rust example (`examples/search_timing.rs`) and this
process ROUNDS times, and prints the means and their ratio. The bindings'
target: at most 10 % more than Rust.

    cargo build --release --example search_timing
    python python/bench/overhead.py INDEX ../shared/eval/topics-dev.json [REPS] [ROUNDS]
"""

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

import newsdex

REPO = Path(__file__).resolve().parents[2]


def python_mean_us(index, queries, reps):
    for q in queries:  # warm-up, as the Rust side does
        index.search(q)
    started = time.perf_counter()
    hits = 0
    for _ in range(reps):
        for q in queries:
            hits += len(index.search(q))
    return (time.perf_counter() - started) * 1e6 / (reps * len(queries))


def rust_mean_us(index_dir, topics, reps):
    binary = REPO / "target" / "release" / "examples" / "search_timing"
    out = subprocess.run([str(binary), str(index_dir), str(topics), str(reps)],
                         check=True, capture_output=True).stdout
    return json.loads(out)["mean_us"]


def main():
    index_dir, topics = sys.argv[1], sys.argv[2]
    reps = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    queries = [t["title"] for t in json.loads(Path(topics).read_text())]
    index = newsdex.Index.open(index_dir)
    rust, python = [], []
    for _ in range(rounds):
        rust.append(rust_mean_us(index_dir, topics, reps))
        python.append(python_mean_us(index, queries, reps))
    r, p = statistics.median(rust), statistics.median(python)
    print(json.dumps({
        "queries": len(queries), "reps": reps, "rounds": rounds,
        "rust_us": [round(x, 1) for x in rust], "python_us": [round(x, 1) for x in python],
        "rust_median_us": round(r, 1), "python_median_us": round(p, 1),
        "python_over_rust": round(p / r, 3),
    }, indent=1))


if __name__ == "__main__":
    main()
