"""newsdex.Index on the sample corpus: add, search, filters, facets, stats, errors."""

import datetime
import json
import subprocess
import threading

import pytest

import newsdex
from conftest import REPO, SAMPLE, SAMPLE_DIRS, SEED_ID


@pytest.fixture(scope="module")
def sample_index(tmp_path_factory):
    """The sample corpus indexed on disk, and the summary of the add."""
    path = tmp_path_factory.mktemp("sample-index")
    index = newsdex.Index.create(path)
    summary = index.add([str(p) for p in SAMPLE_DIRS])
    return index, summary


def test_add_summary(sample_index):
    index, summary = sample_index
    assert summary["accepted"] == len(list(newsdex.read(SAMPLE_DIRS)))
    assert summary["rejected"] == 0 and summary["rejections"] == []
    # jsonl/articles.jsonl records 6 and 8 are the same story under two ids.
    assert len(summary["duplicates"]) == summary["duplicate_count"] == 1
    assert summary["added"] == summary["accepted"] - 1
    assert summary["index"] == {"articles": summary["added"], "passages": summary["passages"]}
    stats = index.stats()
    assert stats["articles"] == summary["added"]
    assert stats["passages"] == summary["passages"]
    assert stats["outlets"]["The Moscow Times"] >= 1
    assert stats["first_published"] < stats["last_published"]
    assert stats["size_on_disk"] > 0


def test_search_finds_the_seed_passage(sample_index):
    index, _ = sample_index
    hits = index.search("North Korea artillery shells Russia denies", per_article=1)
    seed = [h for h in hits if h.article_id == SEED_ID]
    assert seed, [h.article_id for h in hits]
    hit = seed[0]
    assert hit.outlet == "The Moscow Times" and hit.agency == "AFP"
    assert hit.published == "2022-11-07"
    assert hit.highlights and all(0 <= s < e <= len(hit.text.encode()) for s, e in hit.highlights)
    assert "«" in hit.highlighted and str(hit) == hit.highlighted
    assert repr(hit).startswith(f"<Hit {hit.rank} ")
    assert hit.to_dict()["article_id"] == SEED_ID
    assert hit.transfers == hit.to_dict()["transfers"]
    assert any(t["supplier"] == "North Korea" for h in hits for t in h.transfers)
    assert [h.rank for h in hits] == list(range(1, len(hits) + 1))
    assert hits == sorted(hits, key=lambda h: -h.score)


def test_search_equals_the_cli(sample_index, search_bin):
    index, _ = sample_index
    query = "DPRK weapons Moscow"
    out = subprocess.run(
        [str(search_bin), "query", "--index", str(index.path), "--json", "--limit", "8", query],
        check=True, capture_output=True, cwd=REPO,
    ).stdout.decode()
    cli = [json.loads(line) for line in out.splitlines()]
    ours = [h.to_dict() for h in index.search(query, limit=8)]
    assert [(h["article_id"], h["ordinal"]) for h in ours] == [
        (h["article_id"], h["ordinal"]) for h in cli
    ]
    assert [round(h["score"], 4) for h in ours] == [round(h["score"], 4) for h in cli]


def test_filters(sample_index):
    index, _ = sample_index
    nk = index.search("North Korea", outlets="NK News")
    assert nk and all(h.outlet == "NK News" for h in nk)
    afp = index.search("North Korea", agencies=["AFP"], limit=20)
    assert afp and all(h.agency == "AFP" for h in afp)
    dated = index.search("arms", after="2022-01-01", before=datetime.date(2022, 12, 31), limit=50)
    assert dated and all("2022-01-01" <= h.published[:10] <= "2022-12-31" for h in dated)
    old = index.search("arms", before="1990-01-01")
    assert old and all(h.published[:4] < "1990" for h in old)
    assert index.search("arms", outlets=["No Such Outlet"]) == []
    one = index.search("North Korea", per_article=1, limit=20)
    assert len({h.article_id for h in one}) == len(one)
    assert index.search("North Korea", limit=3, offset=3)[0].rank == 4


def test_expand_and_explain(sample_index):
    index, _ = sample_index
    expanded = index.search("DPRK munitions", explain=True)
    assert expanded[0].matched and expanded[0].features is not None
    assert {"term", "from", "weight"} <= set(expanded[0].matched[0])
    plain = index.search("DPRK munitions", expand=False)
    assert [h.article_id for h in plain] != [h.article_id for h in expanded]
    assert index.search("DPRK munitions")[0].matched == []


def test_facets(sample_index):
    index, _ = sample_index
    facets = index.facets("North Korea")
    assert set(facets) == {"by_outlet", "by_month"}
    counts = list(facets["by_outlet"].values())
    assert counts == sorted(counts, reverse=True) and sum(counts) > 3
    months = list(facets["by_month"])
    assert months == sorted(months) and all(len(m) == 7 for m in months)
    only = index.facets("North Korea", outlets="NK News")
    assert list(only["by_outlet"]) == ["NK News"]


def test_query_warnings_are_python_warnings(sample_index):
    index, _ = sample_index
    with pytest.warns(newsdex.QueryWarning):
        hits = index.search("arms after:sometime")
    assert hits


def test_bad_filter_values_raise(sample_index):
    index, _ = sample_index
    with pytest.raises(ValueError, match="after"):
        index.search("arms", after="11/07/2022")
    with pytest.raises(TypeError, match="outlets"):
        index.search("arms", outlets=[1, 2])


def test_transfer_filters_and_hit_transfers(sample_index):
    index, _ = sample_index
    hits = index.search("artillery", supplier="DPRK", recipient="Russia", status="denied", limit=50)
    assert any(h.article_id == SEED_ID for h in hits), [h.article_id for h in hits]
    for hit in hits:
        assert any(
            t["supplier"] == "North Korea" and t["recipient"] == "Russia" and t["status"] == "denied"
            for t in hit.transfers
        ), hit.transfers
        assert hit.to_dict()["transfers"] == hit.transfers
    span = hits[0].transfers[0]["span"]
    assert 0 <= span["start"] < span["end"] <= len(hits[0].text.encode())
    either = index.search("North Korea", status=["denied", "alleged"], limit=50)
    assert either and all(
        any(t["status"] in ("denied", "alleged") for t in h.transfers) for h in either
    )
    assert index.facets("arms", party="Russia")["by_outlet"]
    with pytest.raises(ValueError, match="status"):
        index.search("arms", status="rumoured")
    with pytest.raises(TypeError, match="supplier"):
        index.search("arms", supplier=[1])


def test_deals_has_the_seeds_denial(sample_index):
    index, _ = sample_index
    rows = index.deals()
    nk = next(r for r in rows if r["supplier"] == "North Korea" and r["recipient"] == "Russia")
    denied = next(s for s in nk["statuses"] if s["status"] == "denied")
    assert denied["passages"] >= 1
    assert "North Korea" in [c["party"] for c in denied["claimed_by"]]
    assert denied["evidence"]["article_id"] == SEED_ID
    alleged = next(s for s in nk["statuses"] if s["status"] == "alleged")
    assert "United States" in [c["party"] for c in alleged["claimed_by"]]
    assert nk["first"] <= nk["last"] and nk["items"] and "timeline" not in nk
    evidence = nk["evidence"]
    assert 0 <= evidence["span"]["start"] < evidence["span"]["end"] <= len(evidence["text"].encode())
    assert [r["articles"] for r in rows] == sorted((r["articles"] for r in rows), reverse=True)
    assert index.deals(limit=1) == rows[:1]
    only = index.deals(supplier="Pyongyang", status="denied")
    assert only and all(r["supplier"] == "North Korea" for r in only)
    assert all(s["status"] == "denied" for r in only for s in r["statuses"])
    monthly = index.deals("North Korea", by_month=True)
    row = next(r for r in monthly if r["supplier"] == "North Korea" and r["recipient"] == "Russia")
    assert "2022-11" in [m["month"] for m in row["timeline"]]
    assert index.deals(before="1980-01-01") == []
    with pytest.warns(newsdex.QueryWarning):
        index.deals("arms after:sometime")


def test_deals_equal_the_cli(sample_index, search_bin):
    index, _ = sample_index
    out = subprocess.run(
        [str(search_bin), "deals", "--index", str(index.path), "--json", "--by", "month"],
        check=True, capture_output=True, cwd=REPO,
    ).stdout.decode("utf-8")
    assert index.deals(by_month=True) == [json.loads(line) for line in out.splitlines()]


def test_add_dicts_and_upsert():
    index = newsdex.Index.in_memory()
    articles = list(newsdex.read(SAMPLE / "text"))
    first = index.add(articles)
    assert first["added"] == len(articles) and first["replaced"] == 0
    # The same articles again replace themselves: nothing new.
    again = index.add(iter(articles))
    assert (again["added"], again["replaced"]) == (0, len(articles))
    assert index.stats()["articles"] == len(articles)
    # Raw records are normalized like a line of a .jsonl file; bad ones rejected.
    raw = index.add(
        [
            {"id": "raw-1", "headline": "Envoys meet", "text": "Talks on drones went on.",
             "date": "2023-05-01T10:00:00+02:00", "url": "https://www.reuters.com/x?utm_source=a"},
            {"foo": "bar"},
            {"id": "n", "paragraphs": 3},
        ]
    )
    assert raw["added"] == 1
    assert [r["reason"] for r in raw["rejections"]] == ["empty", "invalid-article"]
    assert [r["record"] for r in raw["rejections"]] == [2, 3]
    (hit,) = index.search("drones talks", outlets="Reuters")
    assert (hit.article_id, hit.published) == ("raw-1", "2023-05-01T08:00:00Z")
    assert hit.url == "https://www.reuters.com/x"


def test_index_errors(tmp_path):
    with pytest.raises(newsdex.NotAnIndexError, match="not a newsdex index|no such directory"):
        newsdex.Index.open(tmp_path / "nothing")
    (tmp_path / "junk").mkdir()
    with pytest.raises(newsdex.NotAnIndexError):
        newsdex.Index.open(tmp_path / "junk")
    index = newsdex.Index.create(tmp_path / "idx")
    with pytest.raises(FileNotFoundError):
        index.add("no/such/file.jsonl")
    with pytest.raises(TypeError, match="got int"):
        index.add(42)
    with pytest.raises(TypeError):
        index.add([{"title": "T", "body": "B"}, 42])
    assert index.stats()["articles"] == 0  # nothing committed when add raises

    def nested():
        yield {"title": "T", "body": "B"}
        index.add({"title": "U", "body": "C"})  # while the outer add holds the writer

    with pytest.raises(newsdex.WriterLockedError):
        index.add(nested())
    assert issubclass(newsdex.WriterLockedError, newsdex.NewsdexError)
    reopened = newsdex.Index.open(tmp_path / "idx")
    assert reopened.stats()["articles"] == 0
    assert repr(reopened).startswith("<newsdex.Index ")


def test_concurrent_searches_agree(sample_index):
    index, _ = sample_index
    expected = [h.to_dict() for h in index.search("Iran drones Russia")]
    results = []

    def work():
        for _ in range(20):
            results.append([h.to_dict() for h in index.search("Iran drones Russia")])

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 80 and all(r == expected for r in results)
