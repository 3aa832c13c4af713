"""Spark driver script of newsdex's distributed ingestion job.

    spark-submit --master spark://HOST:7077 examples/spark/ingest.py \
        --out /shared/news-normalized /shared/archive/

Every executor needs the `newsdex` wheel (see the README, "Ingesting on
Apache Spark"). The job itself lives in `newsdex.spark`; `--help` lists its
options.
"""

import sys

from newsdex.spark import main

if __name__ == "__main__":
    sys.exit(main())
