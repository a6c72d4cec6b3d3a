"""`nkus search`: every record of a dataset, searched with SQLite's full-text engine and ranked.

Each record becomes one document of an in-memory FTS5 table whose tokenizer (`unicode61
remove_diacritics 2`) ignores case, accents and punctuation, so `Kim Jong-un` and `Kim Jong Un`
are the same three words. The query is folded as `--search` folds it (`nkus.fold`): each word
also matches its British spellings (`denuclearization` finds `denuclearisation`), an actor's name
or alias also finds its other names ("Chairman Kim" finds "Kim Jong Un"), and a word the data does
not hold is replaced by the nearest one it does (rapidfuzz), with a note saying so. Records that
hold the words as a phrase come first, then records holding them all; within each, by FTS5's
bm25 relevance, the `score`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice, product

from nkus.errors import UsageError
from nkus.filters import actor_names, name_table, suggest
from nkus.fold import spellings, words
from nkus.model import Dataset
from nkus.query import source_by
from nkus.rows import Row

RECORD_TYPES = ("event", "summit", "agreement", "claim", "source", "actor", "objective", "publisher", "tag")
SEARCH_FIELDS = ("id", "type", "title", "date", "score", "matched", "snippet")
# The indexed columns of a document, and how much a match in each weighs (bm25 column weights).
COLUMNS = {"title": 8.0, "text": 2.0, "quote": 2.0, "place": 3.0, "names": 3.0, "tags": 3.0, "ids": 4.0}
MARK = ("«", "»")  # around the matched words in `snippet`
NEAR = 0.75  # similarity (rapidfuzz OSA, 0-1) a word of the data needs to stand in for a word it lacks
_MAX_PHRASES = 32  # spellings multiply: a phrase of many words is tried in this many spellings at most

Document = tuple[str, str, str | None, dict[str, str]]  # id, type, date, text per column


def search(
    ds: Dataset, text: str, types: Iterable[str] = (), limit: int | None = None, notes: list[str] | None = None
) -> list[Row]:
    """The records matching `text`, best first, as rows of `SEARCH_FIELDS`. `notes` gets a line for
    each word the data does not hold and the word searched for instead."""
    wanted = _types(types)
    if limit is not None and limit < 0:
        raise UsageError(f"--limit must be 0 or more, not {limit}")
    typed = words(text)
    if not typed:
        raise UsageError(f"nothing to search for in '{text}': give a word")
    db = _database(documents(ds))
    try:
        typed = _known(db, typed, notes)
        alternatives = [alt.split() for alt in name_table(_actor_keys(ds)).get(" ".join(typed), (" ".join(typed),))]
        every = " OR ".join(f"({_all_words(alt)})" for alt in alternatives)
        phrases = " OR ".join(_phrases(alternatives))
        in_phrase = {rid for (rid,) in db.execute("SELECT rid FROM docs WHERE docs MATCH ?", (phrases,))}
        found = _matches(db, every)
    finally:
        db.close()
    found = [r for r in found if not wanted or r["type"] in wanted]
    found.sort(key=lambda r: (r["id"] not in in_phrase, -r["score"], RECORD_TYPES.index(r["type"]), r["id"]))
    return found[:limit] if limit is not None else found


def _types(types: Iterable[str]) -> set[str]:
    wanted = {t.strip().lower() for t in types}
    for t in sorted(wanted - set(RECORD_TYPES)):
        raise UsageError(f"unknown record type '{t}'{suggest(t, RECORD_TYPES)} (types: {', '.join(RECORD_TYPES)})")
    return wanted


def _database(docs: Iterable[Document]) -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
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
    return len(w) >= 4


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


def _matches(db: sqlite3.Connection, query: str) -> list[Row]:
    marks = ", ".join(f"highlight(docs, {3 + i}, char(1), char(2))" for i in range(len(COLUMNS)))
    weights = ", ".join(["0", "0", "0", *(str(w) for w in COLUMNS.values())])
    sql = (
        f"SELECT rid, type, date, title, bm25(docs, {weights}), snippet(docs, -1, ?, ?, '…', 16), {marks} "
        "FROM docs WHERE docs MATCH ? ORDER BY rank"
    )
    out = []
    for rid, kind, date, title, rank, snippet, *marked in db.execute(sql, (*MARK, query)):
        matched = [name for name, text in zip(COLUMNS, marked, strict=True) if "\x01" in text]
        values = {"id": rid, "type": kind, "title": title, "date": date, "score": round(-rank, 3)}
        out.append(Row({**values, "matched": matched, "snippet": snippet}, {"score": f"{-rank:.1f}"}))
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
            "names": source_by(ds, c.source), "ids": c.id,
        }  # fmt: skip
    for src in ds.sources.values():
        via = ds.publishers[src.via].name if src.via in ds.publishers else ""
        yield src.id, "source", src.date, {
            "title": src.title, "text": src.note, "names": join(src.author, ds.publishers[src.publisher].name, via),
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
