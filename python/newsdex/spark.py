"""Distributed ingestion on Apache Spark: raw files in, normalized JSON Lines out.

The driver lists the input files (directories walked in name order, as
``search normalize`` walks them) and spreads them over the tasks; a file
larger than ``shard_mb`` is read by several tasks, each parsing every n-th
record (each task still decompresses the whole file, which is cheap next to
parsing). Each task runs newsdex's readers and normalizer (Rust, in the
``newsdex`` wheel every executor needs) inside ``mapPartitions``. The output
directory then holds:

- ``articles/`` (or ``passages/`` with ``--passages``; ``--transfers`` adds
  each passage's arms transfers, as ``newsdex.extract`` finds them, in a
  ``transfers`` field): ``part-*.jsonl.gz``
  (``.jsonl`` with ``--no-compress``), one normalized article (or passage)
  per line, exactly the lines ``search normalize`` prints, ready for
  ``search index --index DIR OUT/articles``; with ``--format parquet``,
  Parquet files instead (for Spark, pandas, DuckDB; ``search index`` does
  not read Parquet).
- ``rejections/``: ``part-*.jsonl``, every rejected record with its reason
  (``{"path", "line", "record", "reason", "message"}``), so nothing is lost
  silently.
- ``summary.json``: files, tasks, articles (or passages), rejections and
  the job's wall time in seconds (SparkSession start excluded).

Article ids do not depend on which task reads a file: they come from the
record's ``id``, the file stem, or hashes of the URL or the content.
Input paths must be readable at the same path on every executor (a shared
or mounted file system).

Run it with ``spark-submit examples/spark/ingest.py --out OUT INPUT...`` (see
the README), or ``python -m newsdex.spark`` for a local Spark.
"""

from __future__ import annotations

import argparse
import heapq
import json
import os
import re
import sys
import time
from dataclasses import dataclass
from typing import Iterable, Iterator, Optional, Sequence

import newsdex._newsdex as native

#: Files above this size (on disk, compressed or not) are read by several
#: tasks, one shard of their records each.
DEFAULT_SHARD_MB = 8

#: Extensions whose files hold many records and can be sharded.
_MULTI_RECORD = re.compile(r"\.(jsonl|ndjson|jsonlines|json)(\.gz)?$", re.IGNORECASE)


@dataclass(frozen=True)
class Task:
    """One unit of work: a shard of a file's records."""

    path: str
    walked: bool
    shard_index: int
    shard_count: int
    size: int


def plan_tasks(inputs: Sequence[str], shard_mb: float) -> tuple[list[Task], list[dict]]:
    """The tasks for ``inputs`` and the rejections met while walking them."""
    files, rejections = native.list_inputs(list(inputs))
    shard_bytes = max(1, int(shard_mb * 1_000_000))
    tasks = []
    for path, walked in files:
        try:
            size = os.path.getsize(path)
        except OSError:
            size = 0  # the task reports why it cannot read the file
        shards = 1
        if _MULTI_RECORD.search(path):
            shards = max(1, -(-size // shard_bytes))
        for index in range(shards):
            tasks.append(Task(path, walked, index, shards, size // shards))
    return tasks, rejections


def balance(tasks: Sequence[Task], partitions: int) -> list[list[Task]]:
    """Tasks grouped into ``partitions`` groups of about equal bytes
    (largest first onto the lightest group), each group in input order."""
    partitions = max(1, min(partitions, len(tasks)))
    heap = [(0, i) for i in range(partitions)]
    groups: list[list[tuple[int, Task]]] = [[] for _ in range(partitions)]
    order = sorted(range(len(tasks)), key=lambda i: -tasks[i].size)
    for i in order:
        load, g = heapq.heappop(heap)
        groups[g].append((i, tasks[i]))
        heapq.heappush(heap, (load + max(tasks[i].size, 1), g))
    return [[t for _, t in sorted(g, key=lambda p: p[0])] for g in groups if g]


def process(
    groups: Iterable[list[Task]], passages: bool, transfers: bool = False
) -> Iterator[tuple[str, str]]:
    """Runs in the executors: ``("a", line)`` per article (or passage) and
    ``("r", line)`` per rejection."""
    output = "json"
    if passages:
        output = "passages-transfers-json" if transfers else "passages-json"
    for group in groups:
        for task in group:
            reader = native.read_input(
                task.path, task.walked, task.shard_index, task.shard_count, output
            )
            for item in reader:
                if passages:
                    for line in item:
                        yield ("a", line)
                else:
                    yield ("a", item)
            for rejection in reader.rejections:
                yield ("r", json.dumps(rejection, ensure_ascii=False))


def run(
    spark,
    inputs: Sequence[str],
    out: str,
    *,
    passages: bool = False,
    transfers: bool = False,
    fmt: str = "jsonl",
    compress: bool = True,
    shard_mb: float = DEFAULT_SHARD_MB,
    partitions: Optional[int] = None,
) -> dict:
    """Runs the job on ``spark`` (a SparkSession); returns the summary that
    is also written to ``OUT/summary.json``."""
    from pyspark import StorageLevel

    if fmt not in ("jsonl", "parquet"):
        raise ValueError(f"fmt: expected 'jsonl' or 'parquet', not {fmt!r}")
    if transfers and not passages:
        raise ValueError("transfers are extracted per passage: set passages=True too")
    started = time.monotonic()
    sc = spark.sparkContext
    tasks, walk_rejections = plan_tasks(inputs, shard_mb)
    partitions = partitions or max(1, sc.defaultParallelism * 2)
    groups = balance(tasks, partitions)
    kind = "passages" if passages else "articles"
    tagged = (
        sc.parallelize(groups, max(1, len(groups)))
        .mapPartitions(lambda it: process(it, passages, transfers))
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    try:
        records = tagged.filter(lambda t: t[0] == "a").map(lambda t: t[1])
        rejected = tagged.filter(lambda t: t[0] == "r").map(lambda t: t[1])
        early = sc.parallelize([json.dumps(r, ensure_ascii=False) for r in walk_rejections], 1)
        rejected = rejected.union(early).coalesce(max(1, len(groups)))
        _write_lines(spark, records, f"{out}/{kind}", fmt, compress, passages)
        _write_lines(spark, rejected, f"{out}/rejections", "jsonl", False, passages)
        counts = tagged.map(lambda t: (t[0], 1)).reduceByKey(lambda a, b: a + b).collectAsMap()
    finally:
        tagged.unpersist()
    summary = {
        "inputs": list(inputs),
        "files": len({t.path for t in tasks}),
        "tasks": len(tasks),
        "partitions": len(groups),
        kind: counts.get("a", 0),
        "rejections": counts.get("r", 0) + len(walk_rejections),
        "format": fmt,
        "seconds": round(time.monotonic() - started, 3),
    }
    _write_text(spark, f"{out}/summary.json", json.dumps(summary, indent=2) + "\n")
    return summary


def _write_lines(spark, lines, path: str, fmt: str, compress: bool, passages: bool) -> None:
    """Writes an RDD of JSON lines as JSON Lines (part files renamed to an
    extension ``search index`` reads) or as Parquet."""
    if fmt == "parquet":
        from pyspark.sql.functions import col, from_json

        article_schema, passage_schema = _schemas()
        schema = passage_schema if passages else article_schema
        df = spark.createDataFrame(lines.map(lambda line: (line,)), "value string")
        df = df.select(from_json(col("value"), schema).alias("r")).select("r.*")
        df.write.mode("errorifexists").parquet(path)
        _tidy(spark, path, None)
        return
    codec = "org.apache.hadoop.io.compress.GzipCodec" if compress else None
    lines.saveAsTextFile(path, compressionCodecClass=codec)
    _tidy(spark, path, ".jsonl.gz" if compress else ".jsonl")


def _tidy(spark, path: str, extension: Optional[str]) -> None:
    """Renames ``part-NNNNN[.gz]`` to ``part-NNNNN<extension>`` and removes the
    committer's marker and checksum files, which ``search index`` would
    report as files of unknown type. Uses Hadoop's FileSystem API, so it
    works on HDFS and object stores as on local disks."""
    jvm = spark.sparkContext._jvm
    hpath = jvm.org.apache.hadoop.fs.Path(path)
    fs = _file_system(spark, hpath)
    for status in fs.listStatus(hpath):
        p = status.getPath()
        name = p.getName()
        if name == "_SUCCESS" or name.endswith(".crc"):
            fs.delete(p, False)
        elif extension and name.startswith("part-"):
            stem = re.sub(r"\.gz$", "", name)
            fs.rename(p, jvm.org.apache.hadoop.fs.Path(hpath, stem + extension))


def _file_system(spark, hpath):
    """The Hadoop file system of ``hpath``; on local disks the raw one, which
    neither hides nor writes ``.crc`` checksum files."""
    jvm = spark.sparkContext._jvm
    fs = hpath.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    checksummed = jvm.java.lang.Class.forName("org.apache.hadoop.fs.ChecksumFileSystem")
    return fs.getRawFileSystem() if checksummed.isInstance(fs) else fs


def _write_text(spark, path: str, text: str) -> None:
    hpath = spark.sparkContext._jvm.org.apache.hadoop.fs.Path(path)
    fs = _file_system(spark, hpath)
    stream = fs.create(hpath, True)
    try:
        stream.write(bytearray(text.encode("utf-8")))
    finally:
        stream.close()


def _schemas():
    """The Spark schemas of an article and a passage (the JSON of `search normalize`)."""
    from pyspark.sql.types import (
        ArrayType,
        LongType,
        StringType,
        StructField,
        StructType,
    )

    s = lambda name: StructField(name, StringType())  # noqa: E731
    paragraph = StructType([s("kind"), s("section"), s("text"), s("credit")])
    source = StructType([s("path"), StructField("line", LongType()), StructField("record", LongType())])
    article = StructType(
        [
            s("id"),
            s("title"),
            s("published"),
            s("outlet"),
            s("agency"),
            StructField("authors", ArrayType(StringType())),
            s("url"),
            StructField("paragraphs", ArrayType(paragraph)),
            StructField("source", source),
            StructField("warnings", ArrayType(StringType())),
        ]
    )
    span = StructType([StructField("start", LongType()), StructField("end", LongType())])
    transfer = StructType(
        [s("supplier"), s("recipient"), s("item"), s("status"), s("claimed_by"),
         StructField("span", span)]
    )
    passage = StructType(
        [
            s("article_id"),
            StructField("ordinal", LongType()),
            s("section"),
            s("kind"),
            s("text"),
            StructField("span", span),
            StructField("transfers", ArrayType(transfer)),
        ]
    )
    return article, passage


def main(argv: Optional[Sequence[str]] = None) -> int:
    """``spark-submit examples/spark/ingest.py --out OUT INPUT...``"""
    parser = argparse.ArgumentParser(
        prog="newsdex.spark",
        description="Normalize news files on Spark into JSON Lines for `search index`.",
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="files or directories")
    parser.add_argument("--out", required=True, help="output directory (must not exist)")
    parser.add_argument("--passages", action="store_true", help="write passages, not articles")
    parser.add_argument(
        "--transfers",
        action="store_true",
        help="with --passages: each passage's arms transfers (supplier, recipient, item, status)",
    )
    parser.add_argument("--format", choices=("jsonl", "parquet"), default="jsonl")
    parser.add_argument("--no-compress", action="store_true", help="plain .jsonl parts")
    parser.add_argument(
        "--shard-mb",
        type=float,
        default=DEFAULT_SHARD_MB,
        help=f"files larger than this are read by several tasks (default {DEFAULT_SHARD_MB})",
    )
    parser.add_argument("--partitions", type=int, help="tasks (default: 2 x default parallelism)")
    args = parser.parse_args(argv)
    if args.transfers and not args.passages:
        parser.error("--transfers needs --passages (transfers are found per passage)")

    from pyspark import SparkConf
    from pyspark.sql import SparkSession

    conf = SparkConf()  # holds what spark-submit was given
    if not conf.contains("spark.executorEnv.RAYON_NUM_THREADS"):
        # As many parsing threads per task as the task has cores: Spark
        # already runs one task per core.
        conf.set("spark.executorEnv.RAYON_NUM_THREADS", conf.get("spark.task.cpus", "1"))
    spark = SparkSession.builder.appName("newsdex-ingest").config(conf=conf).getOrCreate()
    try:
        summary = run(
            spark,
            args.inputs,
            args.out,
            passages=args.passages,
            transfers=args.transfers,
            fmt=args.format,
            compress=not args.no_compress,
            shard_mb=args.shard_mb,
            partitions=args.partitions,
        )
    finally:
        spark.stop()
    json.dump(summary, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
