"""newsdex: passage search over news archives.

Read raw articles (scraped text, JSON / JSON Lines, saved HTML pages,
gzipped or not) into normalized dicts, index them, and search for the
passages that answer a question::

    import newsdex

    reader = newsdex.read("archive/")          # iterator of article dicts
    articles = list(reader)
    reader.rejections                          # what was rejected, and why

    index = newsdex.Index.create("my-index")   # or Index.open / Index.in_memory
    index.add(articles)                        # or index.add("archive/")
    for hit in index.search("North Korea artillery shells Russia", after="2022-01-01"):
        print(hit.score, hit.outlet, hit.highlighted)
        for t in newsdex.extract(hit.text, title=hit.title, outlet=hit.outlet):
            print(t["supplier"], "->", t["recipient"], t["item"], t["status"])
    for row in index.deals("North Korea", status="denied"):   # who arms whom
        print(row["supplier"], "->", row["recipient"], row["passages"], row["evidence"]["title"])

The work runs in Rust (the newsdex library) with the GIL released.
``newsdex.spark`` holds the distributed ingestion job for Apache Spark.
"""

from ._newsdex import (
    ArticleError,
    Hit,
    Index,
    NewsdexError,
    NotAnIndexError,
    QueryWarning,
    Reader,
    WriterLockedError,
    __version__,
    extract,
    passages,
    read,
)

__all__ = [
    "ArticleError",
    "Hit",
    "Index",
    "NewsdexError",
    "NotAnIndexError",
    "QueryWarning",
    "Reader",
    "WriterLockedError",
    "__version__",
    "extract",
    "passages",
    "read",
]
