"""The Spark job on a local standalone cluster (a master and two workers from
the pyspark wheel, on loopback), checked against `search normalize`.

Needs Java 17+ and pyspark (`.ci/run` installs pyspark; `pip install
./python[spark]`); skips only when Java is missing, or ../shared is absent.
Takes about a minute and a half.
"""

import contextlib
import gzip
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import REPO, SAMPLE, dev_corpus, normalize

pytestmark = pytest.mark.spark

WORKERS = 2
#: How long the cluster may take to come up.
STARTUP_SECONDS = 120
#: How long one job may take before the test fails.
JOB_SECONDS = 600


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def spark_env(tmp: Path) -> dict:
    import pyspark

    env = dict(os.environ)
    env.update(
        SPARK_HOME=str(Path(pyspark.__file__).parent),
        SPARK_LOCAL_IP="127.0.0.1",
        SPARK_LOCAL_HOSTNAME="localhost",
        SPARK_LOG_DIR=str(tmp / "logs"),
        SPARK_LOCAL_DIRS=str(tmp / "local"),
        SPARK_WORKER_DIR=str(tmp / "work"),
        PYSPARK_PYTHON=sys.executable,  # has newsdex installed: the executors' environment
        PYSPARK_DRIVER_PYTHON=sys.executable,
    )
    return env


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """A standalone master and two 1-core workers; stopped afterwards, always."""
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip("Java is not installed: the Spark cluster test needs Java 17+")
    try:
        import pyspark  # noqa: F401
    except ImportError:
        pytest.fail("pyspark is not installed: pip install './python[spark]' (CI does)")
    tmp = tmp_path_factory.mktemp("spark")
    env = spark_env(tmp)
    spark_class = str(Path(env["SPARK_HOME"]) / "bin" / "spark-class")
    port, ui = free_port(), free_port()
    master_url = f"spark://127.0.0.1:{port}"
    commands = [
        [spark_class, "org.apache.spark.deploy.master.Master",
         "--host", "127.0.0.1", "--port", str(port), "--webui-port", str(ui)],
    ] + [
        [spark_class, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
         "--cores", "1", "--memory", "1g", "--webui-port", str(free_port()),
         "--work-dir", str(tmp / f"work{i}"), master_url]
        for i in range(WORKERS)
    ]
    processes = []
    logs = []
    try:
        for i, command in enumerate(commands):
            log = open(tmp / f"daemon{i}.log", "wb")
            logs.append(log)
            processes.append(
                subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT,
                                 stdin=subprocess.DEVNULL, start_new_session=True)
            )
        wait_for_workers(ui, processes, tmp)
        yield master_url, env, tmp
    finally:
        stop(processes)
        for log in logs:
            log.close()


def wait_for_workers(ui: int, processes, tmp: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        for p in processes:
            if p.poll() is not None:
                pytest.fail(f"a Spark daemon exited early; logs in {tmp}")
        with contextlib.suppress(OSError, ValueError):
            with urllib.request.urlopen(f"http://127.0.0.1:{ui}/json/", timeout=2) as r:
                state = json.load(r)
            if state.get("aliveworkers", 0) >= WORKERS:
                return
        time.sleep(1)
    pytest.fail(f"the Spark cluster did not come up in {STARTUP_SECONDS}s; logs in {tmp}")


def stop(processes) -> None:
    """SIGTERM each daemon's process group (the worker stops its executors),
    then SIGKILL whatever is left."""
    for p in processes:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(p.pid, signal.SIGTERM)
    deadline = time.monotonic() + 20
    for p in processes:
        with contextlib.suppress(subprocess.TimeoutExpired):
            p.wait(timeout=max(0.1, deadline - time.monotonic()))
    for p in processes:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(p.pid, signal.SIGKILL)
        p.wait()


def submit(cluster, out: Path, inputs, *extra) -> tuple[dict, float]:
    master_url, env, tmp = cluster
    spark_submit = str(Path(env["SPARK_HOME"]) / "bin" / "spark-submit")
    command = [
        spark_submit, "--master", master_url,
        "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
        "--conf", "spark.ui.enabled=false", "--executor-memory", "768m",
        str(REPO / "examples" / "spark" / "ingest.py"), "--out", str(out), *extra,
        *map(str, inputs),
    ]
    started = time.monotonic()
    done = subprocess.run(command, env=env, capture_output=True, timeout=JOB_SECONDS, cwd=REPO)
    seconds = time.monotonic() - started
    if done.returncode != 0:
        pytest.fail(f"spark-submit failed ({done.returncode}):\n{done.stderr.decode()[-4000:]}")
    print(f"\nspark job {' '.join(extra) or 'articles'}: {seconds:.1f}s wall (spark-submit)")
    for line in done.stderr.decode(errors="replace").splitlines():
        if "finished:" in line and " took " in line:
            print("  " + line.split("INFO ", 1)[-1])
    return json.loads(done.stdout.decode()), seconds


def read_parts(directory: Path) -> list[dict]:
    rows = []
    for part in sorted(directory.iterdir()):
        assert part.name.startswith("part-") and part.name.endswith((".jsonl", ".jsonl.gz")), part
        opener = gzip.open if part.name.endswith(".gz") else open
        with opener(part, "rt", encoding="utf-8") as f:
            rows.extend(json.loads(line) for line in f)
    return rows


def key(row: dict):
    source = row.get("source", {})
    return (row.get("id", row.get("article_id")), row.get("ordinal", 0),
            source.get("path", ""), source.get("line") or 0)


@pytest.fixture(scope="module")
def inputs():
    files = dev_corpus()
    missing = [f for f in files if not f.exists()]
    if missing:
        pytest.skip(f"../shared is absent (no {missing[0]}); set NEWSDEX_SHARED")
    # The sample's bad records too, so rejections travel through the cluster.
    return files + [SAMPLE / "bad"]


def test_articles_equal_search_normalize(cluster, inputs, search_bin, tmp_path):
    out = tmp_path / "out"
    summary, seconds = submit(cluster, out, inputs)
    started = time.monotonic()
    expected = normalize(search_bin, inputs)
    print(f"search normalize: {time.monotonic() - started:.1f}s wall; the Spark job "
          f"{summary['seconds']:.1f}s in the driver, {seconds:.1f}s with spark-submit")
    got = read_parts(out / "articles")
    assert summary["articles"] == len(got) == len(expected) > 20000
    assert sorted(got, key=key) == sorted(expected, key=key)
    assert summary["tasks"] > summary["files"]  # the large files were sharded

    report = tmp_path / "report.jsonl"
    subprocess.run([str(search_bin), "normalize", "--report", str(report), *map(str, inputs)],
                   check=True, capture_output=True, cwd=REPO)
    want = sorted((json.loads(line) for line in report.read_text().splitlines()), key=json.dumps)
    assert sorted(read_parts(out / "rejections"), key=json.dumps) == sorted(want, key=json.dumps)
    assert summary["rejections"] == len(want) >= 3
    assert json.loads((out / "summary.json").read_text()) == summary
    assert sorted(p.name for p in out.iterdir()) == ["articles", "rejections", "summary.json"]


def test_passages_equal_search_normalize(cluster, inputs, search_bin, tmp_path):
    out = tmp_path / "out"
    summary, _ = submit(cluster, out, inputs, "--passages", "--no-compress")
    expected = normalize(search_bin, inputs, passages=True)
    got = read_parts(out / "passages")
    assert summary["passages"] == len(got) == len(expected)
    assert sorted(got, key=key) == sorted(expected, key=key)


def test_parquet_and_api_in_local_mode(tmp_path, search_bin):
    """`newsdex.spark.run` called from Python, Parquet output, Spark in local mode."""
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip("Java is not installed: the Spark tests need Java 17+")
    from pyspark.sql import SparkSession

    from conftest import SAMPLE_DIRS
    from newsdex.spark import run

    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    # Local mode starts Python workers with `python3` from PATH unless told:
    # this interpreter is the one with newsdex installed.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (
        SparkSession.builder.master("local[2]").appName("newsdex-test")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .getOrCreate()
    )
    try:
        inputs = [str(p) for p in SAMPLE_DIRS] + [str(SAMPLE / "bad")]
        summary = run(spark, inputs, str(tmp_path / "out"), fmt="parquet", shard_mb=0.001)
        rows = [r.asDict(recursive=True) for r in spark.read.parquet(str(tmp_path / "out/articles")).collect()]
        with_transfers = run(spark, inputs, str(tmp_path / "passages"), passages=True,
                             transfers=True, compress=False)
    finally:
        spark.stop()
    expected = normalize(search_bin, inputs)
    assert summary["articles"] == len(rows) == len(expected)
    assert sorted(r["id"] for r in rows) == sorted(a["id"] for a in expected)
    seed = next(r for r in rows if r["id"] == "000_fd4d41a332000427")
    want = next(a for a in expected if a["id"] == seed["id"])
    assert seed["paragraphs"][0]["credit"] == "TASS" and seed["published"] == want["published"]
    assert [p["text"] for p in seed["paragraphs"]] == [p["text"] for p in want["paragraphs"]]
    assert summary["rejections"] == 3
    assert summary["tasks"] > summary["files"]  # the .jsonl files were cut into shards

    # Passages with their arms transfers: the passages of `search normalize
    # --passages`, each with the transfers newsdex.extract finds in it.
    lines = read_parts(tmp_path / "passages" / "passages")
    assert with_transfers["passages"] == len(lines)
    plain = [{k: v for k, v in p.items() if k != "transfers"} for p in lines]
    want = normalize(search_bin, inputs, passages=True)
    assert sorted(plain, key=key) == sorted(want, key=key)
    seed = [p for p in lines if p["article_id"] == "000_fd4d41a332000427"]
    assert any(t["status"] == "denied" and t["supplier"] == "North Korea"
               for p in seed for t in p["transfers"])
    found = {p["article_id"]: 0 for p in lines}
    for p in lines:
        found[p["article_id"]] += len(p["transfers"])
    assert 0 < sum(1 for n in found.values() if n) < len(found)
