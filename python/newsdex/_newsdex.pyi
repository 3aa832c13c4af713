"""Type stubs of the native module newsdex._newsdex (see the docstrings there)."""

import datetime
import os
import pathlib
from collections.abc import Iterable, Iterator
from typing import Any, Optional, Union

__version__: str

StrPath = Union[str, "os.PathLike[str]"]
Day = Union[datetime.date, str]
Names = Union[str, Iterable[str], None]
Article = dict[str, Any]
"""A normalized article: id, title, published, outlet, agency, authors, url,
paragraphs (kind, section, text, credit), source (path, line, record), warnings."""
Rejection = dict[str, Any]
"""A rejected record: path, line, record, reason, message."""
Deal = dict[str, Any]
"""A who-arms-whom row: supplier, recipient, passages, articles, statuses
(status, passages, articles, claimed_by, evidence), items, first, last,
outlets, evidence (article_id, title, outlet, published, url, text, span,
status, claimed_by) and, with by_month, timeline (month, passages, articles)."""

class NewsdexError(Exception):
    """Base class of the errors newsdex raises; the message is the library's."""

class NotAnIndexError(NewsdexError):
    """The directory is missing, cannot be opened, or holds no newsdex index."""

class WriterLockedError(NewsdexError):
    """Another writer (in this or another process) holds the index's lock."""

class ArticleError(NewsdexError):
    """An article or record could not be used."""

class QueryWarning(UserWarning):
    """Part of a query was not understood; the search went on without it."""

class Reader(Iterator[Article]):
    """Normalized articles in input order; rejected records go to `rejections`."""

    @property
    def rejections(self) -> list[Rejection]: ...
    @property
    def accepted(self) -> int: ...
    def __iter__(self) -> "Reader": ...
    def __next__(self) -> Article: ...

def read(path_or_paths: Union[StrPath, Iterable[StrPath]]) -> Reader:
    """Reads articles from files or directories (walked in name order)."""

def passages(article: Article, *, max_chars: int = 600, min_chars: int = 0) -> list[dict[str, Any]]:
    """Cuts an article into passages: article_id, ordinal, section, kind, text, span."""

def extract(
    text: str,
    *,
    title: Optional[str] = None,
    outlet: Optional[str] = None,
    published: Optional[str] = None,
) -> list[dict[str, Any]]:
    """Arms transfers a passage mentions: supplier, recipient, item, status, claimed_by, span."""

def list_inputs(paths: Union[StrPath, Iterable[StrPath]]) -> tuple[list[tuple[str, bool]], list[Rejection]]:
    """The files below paths in reading order, as (path, walked), and walk errors (Spark driver)."""

def read_input(path: StrPath, walked: bool, shard_index: int = 0, shard_count: int = 1) -> Reader:
    """A reader of one listed file, taking one shard of its records (Spark tasks)."""

class Hit:
    """One ranked passage with its article's metadata."""

    @property
    def rank(self) -> int: ...
    @property
    def score(self) -> float: ...
    @property
    def article_id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def outlet(self) -> Optional[str]: ...
    @property
    def agency(self) -> Optional[str]: ...
    @property
    def published(self) -> Optional[str]: ...
    @property
    def url(self) -> Optional[str]: ...
    @property
    def section(self) -> Optional[str]: ...
    @property
    def kind(self) -> str: ...
    @property
    def ordinal(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def highlights(self) -> list[tuple[int, int]]: ...
    @property
    def highlighted(self) -> str: ...
    @property
    def also_in(self) -> list[dict[str, Any]]: ...
    @property
    def transfers(self) -> list[dict[str, Any]]: ...
    @property
    def matched(self) -> list[dict[str, Any]]: ...
    @property
    def features(self) -> Optional[dict[str, float]]: ...
    def to_dict(self) -> dict[str, Any]: ...

class Index:
    """A passage index of news articles, on disk or in memory."""

    @staticmethod
    def create(path: StrPath, *, memory_mb: int = 256, threads: Optional[int] = None) -> "Index": ...
    @staticmethod
    def open(path: StrPath, *, memory_mb: int = 256, threads: Optional[int] = None) -> "Index": ...
    @staticmethod
    def in_memory(*, memory_mb: int = 256, threads: Optional[int] = None) -> "Index": ...
    @property
    def path(self) -> Optional[pathlib.Path]: ...
    def add(self, source: Union[StrPath, Article, Iterable[Union[StrPath, Article]]]) -> dict[str, Any]: ...
    def search(
        self,
        q: str,
        after: Optional[Day] = None,
        before: Optional[Day] = None,
        outlets: Names = None,
        agencies: Names = None,
        limit: int = 10,
        per_article: int = 2,
        expand: bool = True,
        explain: bool = False,
        offset: int = 0,
        supplier: Names = None,
        recipient: Names = None,
        party: Names = None,
        status: Names = None,
    ) -> list[Hit]:
        """Ranked passages; supplier/recipient/party/status filter by arms transfer."""
    def facets(
        self,
        q: str,
        after: Optional[Day] = None,
        before: Optional[Day] = None,
        outlets: Names = None,
        agencies: Names = None,
        expand: bool = True,
        supplier: Names = None,
        recipient: Names = None,
        party: Names = None,
        status: Names = None,
    ) -> dict[str, dict[str, int]]: ...
    def deals(
        self,
        q: Optional[str] = None,
        after: Optional[Day] = None,
        before: Optional[Day] = None,
        outlets: Names = None,
        agencies: Names = None,
        supplier: Names = None,
        recipient: Names = None,
        party: Names = None,
        status: Names = None,
        expand: bool = True,
        by_month: bool = False,
        limit: int = 0,
    ) -> list[Deal]:
        """Who arms whom: one row per supplier -> recipient, most articles first."""
    def stats(self) -> dict[str, Any]: ...
