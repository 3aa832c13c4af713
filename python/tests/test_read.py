"""newsdex.read and newsdex.passages on the sample corpus, against `search normalize`."""

import gzip
import json

import pytest

import newsdex
from conftest import SAMPLE, SAMPLE_DIRS, SEED_ID, normalize


def test_read_yields_what_search_normalize_prints(search_bin):
    reader = newsdex.read([str(p) for p in SAMPLE_DIRS])
    articles = list(reader)
    assert articles == normalize(search_bin, SAMPLE_DIRS)
    assert reader.accepted == len(articles) > 30
    assert reader.rejections == []
    seed = next(a for a in articles if a["id"] == SEED_ID)
    assert seed["outlet"] == "The Moscow Times"
    assert seed["agency"] == "AFP"
    assert seed["published"] == "2022-11-07"
    assert seed["paragraphs"][0] == {
        "kind": "caption",
        "text": seed["paragraphs"][0]["text"],
        "credit": "TASS",
    }


def test_rejections_say_where_and_why():
    reader = newsdex.read(SAMPLE / "bad")  # a pathlib.Path works too
    articles = list(reader)
    by_reason = {(r["reason"], r["path"].rsplit("/", 1)[-1], r["line"]) for r in reader.rejections}
    assert by_reason == {
        ("invalid-json", "mixed.jsonl", 2),
        ("empty", "mixed.jsonl", 4),
        ("unknown-format", "notes.xyz", None),
    }
    assert all(r["message"] for r in reader.rejections)
    # The other records of the same file are kept; the Latin-1 file with a warning.
    assert len([a for a in articles if a["source"]["path"].endswith("mixed.jsonl")]) == 3
    latin1 = next(a for a in articles if a["source"]["path"].endswith("latin1-pele.txt"))
    assert latin1["warnings"] == ["invalid UTF-8 decoded lossily"]
    assert "rejected" in repr(reader)


def test_gzipped_json_lines_and_json_arrays(tmp_path):
    path = tmp_path / "two.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write(json.dumps({"id": "a", "title": "T", "body": "One.\n\nTwo."}) + "\n")
        f.write(json.dumps({"id": "b", "headline": "U", "maintext": "Three."}) + "\n")
    articles = list(newsdex.read(path))
    assert [a["id"] for a in articles] == ["a", "b"]
    assert [p["text"] for p in articles[0]["paragraphs"]] == ["One.", "Two."]
    assert articles[1]["source"] == {"path": str(path), "line": 2, "record": 2}


def test_passages_match_search_normalize(search_bin):
    seed_file = SAMPLE / "text" / f"{SEED_ID}.txt"
    (article,) = newsdex.read(seed_file)
    expected = normalize(search_bin, [seed_file], passages=True)
    assert newsdex.passages(article) == expected
    assert {p["kind"] for p in expected} == {"caption", "body", "heading"}
    text = "\n\n".join(p["text"] for p in article["paragraphs"])
    for p in expected:
        assert text.encode()[p["span"]["start"] : p["span"]["end"]].decode() == p["text"]


def test_passages_of_a_raw_record_and_sizes():
    raw = {"title": "Talks", "body": "First paragraph here.\n\nSecond one.", "id": "r1"}
    assert [p["text"] for p in newsdex.passages(raw)] == ["First paragraph here.", "Second one."]
    merged = newsdex.passages(raw, min_chars=100)
    assert [p["text"] for p in merged] == ["First paragraph here.\n\nSecond one."]


def test_bad_arguments_raise():
    with pytest.raises(FileNotFoundError, match="no-such-dir"):
        newsdex.read("no-such-dir")
    with pytest.raises(TypeError):
        newsdex.read(42)
    with pytest.raises(newsdex.ArticleError, match="no title and no body"):
        newsdex.passages({"foo": "bar"})
    with pytest.raises(newsdex.ArticleError, match="not a normalized article"):
        newsdex.passages({"id": "x", "paragraphs": "not a list"})
    with pytest.raises(ValueError):
        newsdex.passages({"title": "T"}, max_chars=0)
    assert issubclass(newsdex.ArticleError, newsdex.NewsdexError)


def test_extract_transfers():
    text = "U.S. officials say North Korea is covertly supplying Russia with artillery shells."
    (t,) = newsdex.extract(text, outlet="Reuters", published="2022-11-02")
    assert (t["supplier"], t["recipient"], t["item"], t["status"], t["claimed_by"]) == (
        "North Korea", "Russia", "artillery and ammunition", "alleged", "United States",
    )
    evidence = text.encode()[t["span"]["start"] : t["span"]["end"]].decode()
    assert "supplying" in evidence
    assert newsdex.extract("Argentina won the World Cup final.") == []
    # The seed's denial, read with its article's context.
    seed = next(a for a in newsdex.read(SAMPLE / "text" / "000_fd4d41a332000427.txt"))
    found = [
        t
        for p in newsdex.passages(seed)
        for t in newsdex.extract(p["text"], title=seed["title"], outlet=seed["outlet"],
                                 published=seed["published"])
    ]
    assert any(t["status"] == "denied" and t["supplier"] == "North Korea" for t in found), found
