"""`nkus search`: every record of a dataset, searched with SQLite's full-text engine and ranked.

Each record becomes one document of an in-memory FTS5 table whose tokenizer (`unicode61
remove_diacritics 2`) ignores case, accents and punctuation, so `Kim Jong-un` and `Kim Jong Un`
are the same three words. The query is folded as `--search` folds it (`nkus.fold`): each word
also matches its British spellings (`denuclearization` finds `denuclearisation`), an actor's name
or alias also finds its other names ("Chairman Kim" finds "Kim Jong Un"), and a word the data does
not hold is replaced by the nearest one it does (rapidfuzz), with a note saying so. Records that
hold the words as a phrase come first, then records holding them all; within each, by FTS5's
bm25 relevance, the `score`.

The FTS database is made once per dataset: kept with a loaded dataset, and for the command line
in a file beside the timeline index (`<index>.fts`), used while the dataset files and the code are
those it was made from (as the index is).
"""

from __future__ import annotations

import marshal
import os
import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice, product

from nkus.errors import UsageError
from nkus.filters import actor_names, check_limit, name_table
from nkus.fold import PREFIX_MIN, spellings, words
from nkus.model import Dataset
from nkus.names import unknown
from nkus.query import credit

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NamedTuple

    from nkus.location import Where
else:
    from nkus.tuples import NamedTuple

RECORD_TYPES = ("event", "summit", "agreement", "claim", "source", "actor", "objective", "publisher", "tag")
# The indexed columns of a document, and how much a match in each weighs (bm25 column weights).
COLUMNS = {"title": 8.0, "text": 2.0, "quote": 2.0, "place": 3.0, "names": 3.0, "tags": 3.0, "ids": 4.0}
MARK = ("«", "»")  # around the matched words in `snippet`
NEAR = 0.75  # similarity (rapidfuzz OSA, 0-1) a word of the data needs to stand in for a word it lacks
_MAX_PHRASES = 32  # spellings multiply: a phrase of many words is tried in this many spellings at most

Document = tuple[str, str, str | None, dict[str, str]]  # id, type, date, text per column


class Hit(NamedTuple):
    """A record that holds the words: `matched` names the columns that do, `snippet` shows where
    (the words between the MARK characters)."""

    id: str
    type: str
    title: str
    date: str | None
    score: float
    matched: tuple[str, ...]
    snippet: str


def search(
    ds: Dataset, text: str, types: Iterable[str] = (), limit: int | None = None, notes: list[str] | None = None
) -> list[Hit]:
    """The records of a loaded dataset matching `text`, best first. `notes` gets a line for each
    word the data does not hold and the word searched for instead."""
    db = ds.cache.get("search")
    if db is None:
        db = ds.cache["search"] = _database(":memory:", ds)
    return _search(db, text, types, limit, notes)


def search_at(
    roots: Where, text: str, types: Iterable[str] = (), limit: int | None = None, notes: list[str] | None = None
) -> list[Hit]:
    """`search` over the dataset at `roots`, from its cached database (made when missing or stale)."""
    db = _cached(roots)
    try:
        return _search(db, text, types, limit, notes)
    finally:
        db.close()


def _search(
    db: sqlite3.Connection, text: str, types: Iterable[str], limit: int | None, notes: list[str] | None
) -> list[Hit]:
    wanted = _types(types)
    check_limit(limit)
    typed = _bounded(words(text))
    if not typed:
        raise UsageError(f"nothing to search for in '{text[:80]}': give a word")
    actors = marshal.loads(db.execute("SELECT value FROM meta WHERE key = 'actors'").fetchone()[0])
    typed = _known(db, typed, notes)
    alternatives = [alt.split() for alt in name_table(actors).get(" ".join(typed), (" ".join(typed),))]
    every = " OR ".join(f"({_all_words(alt)})" for alt in alternatives)
    phrases = " OR ".join(_phrases(alternatives))
    in_phrase = {rid for (rid,) in db.execute("SELECT rid FROM docs WHERE docs MATCH ?", (phrases,))}
    found = [h for h in _matches(db, every) if not wanted or h.type in wanted]
    found.sort(key=lambda h: (h.id not in in_phrase, -h.score, RECORD_TYPES.index(h.type), h.id))
    return found[:limit] if limit is not None else found


# Words too common to tell records apart: dropped from a query of several words.
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "in",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "that",
        "the",
        "this",
        "to",
        "was",
        "were",
        "will",
        "with",
    ]
)
MAX_WORDS = 12  # a longer query is cut: each word multiplies the phrases tried


def _bounded(typed: list[str]) -> list[str]:
    """The words of a query, each once, without stop words (unless there are only those), at most
    MAX_WORDS: a query of any length answers at once."""
    distinct = list(dict.fromkeys(typed))
    meaningful = [w for w in distinct if w not in STOP_WORDS] or distinct
    return meaningful[:MAX_WORDS]


def _types(types: Iterable[str]) -> set[str]:
    wanted = {t.strip().lower() for t in types}
    for t in sorted(wanted - set(RECORD_TYPES)):
        raise UsageError(unknown("record type", t, RECORD_TYPES, "types"))
    return wanted


def _cached(roots: Where) -> sqlite3.Connection:
    """The search database of the dataset at `roots`, from the cache when it was made from the
    same files by the same code; else made again (and kept, when the cache can be written)."""
    from nkus.cache import cache_file, fingerprint, layout_key
    from nkus.location import resolve_layers

    layers = resolve_layers(roots)
    path = cache_file(layers) + ".fts"
    expected = fingerprint(layers)
    if expected is not None and _intact(path):
        try:
            db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            row = db.execute("SELECT value FROM meta WHERE key = 'made from'").fetchone()
            if row is not None and marshal.loads(row[0]) == (layout_key(), expected):
                return db
            db.close()
        except (sqlite3.Error, ValueError, EOFError, TypeError):
            pass  # damaged, or made from other files or by other code: made again
    from nkus.gcpause import gc_paused
    from nkus.loader import from_records, validate

    with gc_paused():
        records = validate(layers)
        ds = from_records(records, Dataset)
    from nkus.atomic import replacing, replacing_path

    made_from = marshal.dumps((layout_key(), records.stamps))
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with replacing_path(path) as tmp:
            _database(tmp, ds, made_from).close()
            with open(tmp, "rb") as fh, replacing(path + ".crc", durable=False, special=False) as out:
                out.write(b"%08x" % zlib.crc32(fh.read()))
        return sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except (OSError, sqlite3.Error):  # only a cache: answered from memory instead
        return _database(":memory:", ds)


def _intact(path: str) -> bool:
    """Whether the kept database is a regular file whose bytes are those written (its checksum
    beside it, `<path>.crc`): a damaged one is made again, never answered from."""
    from nkus.cache import regular_file

    data, crc = regular_file(path), regular_file(path + ".crc")
    return data is not None and crc is not None and crc == b"%08x" % zlib.crc32(data)


def _database(where: str, ds: Dataset, made_from: bytes = b"") -> sqlite3.Connection:
    db = sqlite3.connect(where)
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB)")
    db.execute("INSERT INTO meta VALUES ('actors', ?), ('made from', ?)", (marshal.dumps(_actor_keys(ds)), made_from))
    docs = documents(ds)
    columns = ", ".join(COLUMNS)
    db.execute(
        f"CREATE VIRTUAL TABLE docs USING fts5(rid UNINDEXED, type UNINDEXED, date UNINDEXED, {columns}, "
        "tokenize = 'unicode61 remove_diacritics 2')"
    )
    db.execute("CREATE VIRTUAL TABLE terms USING fts5vocab(docs, row)")
    db.executemany(
        f"INSERT INTO docs VALUES (?, ?, ?, {', '.join('?' * len(COLUMNS))})",
        ((rid, kind, date, *(cols.get(c, "") for c in COLUMNS)) for rid, kind, date, cols in docs),
    )
    db.commit()
    return db


def _known(db: sqlite3.Connection, typed: list[str], notes: list[str] | None) -> list[str]:
    """`typed` with each word the data holds in no spelling (nor as the start of a word, for a
    word of four letters or more) replaced by the nearest word it holds, if one is near."""
    frequency = dict(db.execute("SELECT term, doc FROM terms"))
    vocabulary, held = list(frequency), set(frequency)
    out = []
    for w in typed:
        forms = spellings(w)
        if held.isdisjoint(forms) and not (_prefixed(w) and any(t.startswith(w) for t in vocabulary)):
            from rapidfuzz import process
            from rapidfuzz.distance import OSA

            # The nearest words (a swap of two letters counts as one edit), the most used first.
            near = process.extract(w, vocabulary, scorer=OSA.normalized_similarity, score_cutoff=NEAR, limit=20)
            if near:
                best = max(near, key=lambda m: (m[1], frequency[m[0]]))[0]
                if notes is not None:
                    notes.append(f"no '{w}' in the data; searched for '{best}'")
                w = best
        out.append(w)
    return out


def _prefixed(w: str) -> bool:
    return len(w) >= PREFIX_MIN


def _term(w: str, prefix: bool) -> str:
    return f'"{w}"' + ("*" if prefix and _prefixed(w) else "")


def _all_words(alt: Sequence[str]) -> str:
    """An FTS5 query for documents holding every word, each in any spelling (or as a prefix)."""
    return " AND ".join("(" + " OR ".join(_term(s, True) for s in spellings(w)) + ")" for w in alt)


def _phrases(alternatives: Sequence[Sequence[str]]) -> Iterator[str]:
    """FTS5 phrases: the words one after the other, in each combination of spellings."""
    for alt in alternatives:
        for combo in islice(product(*(spellings(w) for w in alt)), _MAX_PHRASES):
            yield " + ".join(_term(w, i == len(combo) - 1) for i, w in enumerate(combo))


def _matches(db: sqlite3.Connection, query: str) -> list[Hit]:
    marks = ", ".join(f"highlight(docs, {3 + i}, char(1), char(2))" for i in range(len(COLUMNS)))
    weights = ", ".join(["0", "0", "0", *(str(w) for w in COLUMNS.values())])
    sql = (
        f"SELECT rid, type, date, title, bm25(docs, {weights}), snippet(docs, -1, ?, ?, '…', 16), {marks} "
        "FROM docs WHERE docs MATCH ? ORDER BY rank"
    )
    out = []
    for rid, kind, date, title, rank, snippet, *marked in db.execute(sql, (*MARK, query)):
        matched = [name for name, text in zip(COLUMNS, marked, strict=True) if "\x01" in text]
        out.append(Hit(rid, kind, title, date, round(-rank, 3), tuple(matched), snippet))
    return out


def _actor_keys(ds: Dataset) -> list[tuple[str, str, str, tuple[str, ...], str]]:
    return [(a.id, a.name, a.country, a.aliases, a.type) for a in ds.actors.values()]


def documents(ds: Dataset) -> Iterator[Document]:
    """Every record as a searchable document: its id, type, date and its text by column."""

    keys = {a[0]: a for a in _actor_keys(ds)}

    def names(ids: Iterable[str]) -> str:
        return " | ".join(n for i in ids if i in keys for n in actor_names(keys[i]))

    def join(*parts: str | None) -> str:
        return " | ".join(p for p in parts if p)

    for ev in ds.events:
        disputes = join(*(d.note for d in ev.disputes))
        yield ev.id, "event", ev.when.start.iso(), {
            "title": ev.title, "text": join(ev.summary, disputes), "place": ev.location, "names": names(ev.actors),
            "tags": " ".join(ev.tags), "ids": join(ev.id, ev.summit),
        }  # fmt: skip
    for s in ds.summits.values():
        verdicts = join(*(f"{v.by}: {v.summary}" for v in s.verdicts))
        delegates = join(*(n for group in s.delegations.values() for n in group))
        yield s.id, "summit", s.when.start.iso(), {
            "title": s.name, "text": join(s.outcome, s.aftermath, *s.agenda, verdicts),
            "quote": join(s.document_title, *s.provisions), "place": s.place,
            "names": join(names(s.principals), delegates), "ids": join(s.id, *s.aliases),
        }  # fmt: skip
    for a in ds.agreements.values():
        yield a.id, "agreement", a.when.start.iso(), {
            "title": a.name, "text": join(a.summary, a.fate, *(p.summary for p in a.provisions)),
            "quote": join(*(p.clause for p in a.provisions)), "place": a.place,
            "names": join(names(a.parties), *a.signatories), "ids": join(a.id, *a.aliases),
        }  # fmt: skip
    for c in ds.claims.values():
        yield c.id, "claim", ds.sources[c.source].date, {
            "title": c.summary, "quote": c.quote, "text": join(c.location, *(e.note for e in c.evidence)),
            "names": credit(ds, c.speaker, c.voice, c.source), "ids": c.id,
        }  # fmt: skip
    for src in ds.sources.values():
        via = ds.publishers[src.via].name if src.via in ds.publishers else ""
        yield src.id, "source", src.date, {
            "title": src.title, "text": src.note, "names": join(src.byline, ds.publishers[src.publisher].name, via),
            "ids": join(src.id, src.publisher),
        }  # fmt: skip
    for actor in ds.actors.values():
        yield actor.id, "actor", None, {
            "title": actor.name, "text": actor.role, "names": join(*actor.aliases), "place": actor.country,
            "ids": actor.id,
        }  # fmt: skip
    for o in ds.objectives.values():
        yield o.id, "objective", None, {"title": o.title, "text": o.summary, "ids": o.id}
    for p in ds.publishers.values():
        yield p.id, "publisher", None, {"title": p.name, "text": join(p.kind, p.note), "place": p.country, "ids": p.id}
    for t in ds.tags.values():
        yield t.id, "tag", None, {"title": t.id, "text": t.description, "ids": t.id}
