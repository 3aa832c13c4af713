"""Shared fixtures: the sample corpus, ../shared, and the `search` binary."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "examples" / "data"
#: The sample corpus's article folders (the README beside them is no article).
SAMPLE_DIRS = [SAMPLE / "text", SAMPLE / "jsonl", SAMPLE / "html"]
SEED_ID = "000_fd4d41a332000427"


def shared_dir() -> Path:
    return Path(os.environ.get("NEWSDEX_SHARED", REPO.parent / "shared"))


def dev_corpus() -> list[Path]:
    """The development corpus files (../shared/eval/README.md)."""
    shared = shared_dir()
    return [
        shared / "corpora/reuters21578/articles.jsonl.gz",
        shared / "corpora/news2022/guardian-nyt-ukraine-2022.jsonl.gz",
        shared / "corpora/news2022/kcna-english-2024.jsonl.gz",
        shared / "corpora/news2022/whitehouse-briefing-room-2022-2024.jsonl.gz",
        shared / "seed/000_fd4d41a332000427.txt",
    ]


@pytest.fixture(scope="session")
def search_bin() -> Path:
    """The `search` example binary (built with cargo when missing)."""
    path = Path(os.environ.get("NEWSDEX_SEARCH_BIN", REPO / "target/release/examples/search"))
    if not path.exists():
        cargo = shutil.which("cargo")
        if cargo is None:
            pytest.skip("the search binary is not built and cargo is not installed")
        subprocess.run([cargo, "build", "--release", "--example", "search"], cwd=REPO, check=True)
    return path


def normalize(search_bin: Path, paths, passages: bool = False) -> list[dict]:
    """What `search normalize` prints for `paths`, parsed."""
    import json

    args = [str(search_bin), "normalize", *map(str, paths)] + (["--passages"] if passages else [])
    out = subprocess.run(args, check=True, capture_output=True, cwd=REPO).stdout
    return [json.loads(line) for line in out.decode("utf-8").splitlines()]
