"""How search text is normalised, so that a search forgives how a name or a word is written.

`fold` turns text into lowercase words separated by single spaces: diacritics dropped (Chŏng ->
chong), hyphens, dashes, apostrophes and other punctuation made spaces (Kim Jong-un -> kim jong
un, O'Brien -> o brien: words as SQLite's unicode61 tokenizer splits them), and British spellings made American (defence ->
defense, denuclearisation -> denuclearization, programme -> program). Both the text searched and
the query are folded, so a test on folded text (`needle`) finds a name however it is hyphenated,
spaced, cased or accented. `spellings` goes the other way, for an engine that indexes the text as
written (`nkus.search`): every spelling a folded word may have in the data.

No imports at module level: the repeated timeline query folds its `--search` text
(`unicodedata` is loaded only for text that is not ASCII).
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any

# Words whose British and American spellings differ other than by the -ise/-yse endings below.
_BRITISH = {
    "defence": "defense", "offence": "offense", "licence": "license", "pretence": "pretense",
    "programme": "program", "centre": "center", "metre": "meter", "kilometre": "kilometer",
    "theatre": "theater", "dialogue": "dialog", "catalogue": "catalog", "judgement": "judgment",
    "grey": "gray", "sceptic": "skeptic", "sceptical": "skeptical", "scepticism": "skepticism",
    "manoeuvre": "maneuver", "ageing": "aging", "fulfil": "fulfill", "enrol": "enroll",
    "travelled": "traveled", "travelling": "traveling", "traveller": "traveler", "cancelled": "canceled",
    "cancelling": "canceling", "labelled": "labeled", "labelling": "labeling", "modelled": "modeled",
    "modelling": "modeling", "fuelled": "fueled", "fuelling": "fueling", "signalled": "signaled",
    "signalling": "signaling", "counsellor": "counselor", "jewellery": "jewelry", "tonne": "ton",
    "honour": "honor", "labour": "labor", "favour": "favor", "favourable": "favorable", "behaviour": "behavior",
    "neighbour": "neighbor", "rumour": "rumor", "armour": "armor", "vigour": "vigor", "endeavour": "endeavor",
    "harbour": "harbor", "colour": "color", "rigour": "rigor", "valour": "valor", "humour": "humor",
    "flavour": "flavor", "clamour": "clamor", "saviour": "savior", "ardour": "ardor", "fervour": "fervor",
}  # fmt: skip
# Endings that differ (-isation/-ization, -ise/-ize, -yse/-yze), on words long enough to have one.
_ENDINGS = (
    ("isations", "izations"), ("isation", "ization"), ("ising", "izing"), ("ised", "ized"), ("ises", "izes"),
    ("iser", "izer"), ("isers", "izers"), ("ise", "ize"), ("ysing", "yzing"), ("ysed", "yzed"), ("yses", "yzes"), ("yse", "yze"),
)  # fmt: skip
_MIN_ENDING_WORD = 6  # `rise`, `wise`, `raise` keep their s
# A searched word of this many letters or more also finds the longer words it starts (`denuc`
# finds `denuclearization`); a shorter one only itself (`ri` is Ri, never the ri of `during`).
PREFIX_MIN = 4


def _with_inflections(words: dict[str, str]) -> dict[str, str]:
    """`words` with their plurals, and the -our words' other forms (honoured, favourable …)."""
    out = dict(words)
    for british, american in words.items():
        if not british.endswith(("ed", "ing", "ll", "ery")):
            out.setdefault(british + "s", american + "s")
        if british.endswith("our"):
            for tail in ("ed", "ing", "able", "ably", "ite", "ites"):
                out.setdefault(british + tail, american + tail)
    return out


BRITISH = _with_inflections(_BRITISH)
_AMERICAN: dict[str, list[str]] = {}
for _b, _a in BRITISH.items():
    _AMERICAN.setdefault(_a, []).append(_b)

# Punctuation, dashes, quotes and apostrophes become spaces.
_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\t\n\r\f\v"
_ASCII_SEPARATORS = bytes(32 if chr(b) in _PUNCTUATION else b for b in range(256))
_SEPARATORS = {ord(c): 32 for c in _PUNCTUATION}
_SEPARATORS.update(
    {ord(c): 32 for c in "\u00a0\u2010\u2011\u2012\u2013\u2014\u2015\u2018\u2019\u201c\u201d\u2212\u02bc"}
)


def _plain(text: str) -> str:
    """`text` without diacritics (compatibility-decomposed, combining marks dropped)."""
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


_SEEN: dict[str, str] = {}  # words repeat: each is folded once, and then only looked up
_MAX_SEEN = 200_000


def word(w: str) -> str:
    """One lowercase word in its American spelling."""
    seen = _SEEN.get(w)
    if seen is None:
        seen = _american(w)
        if len(_SEEN) < _MAX_SEEN:
            _SEEN[w] = seen
    return seen


def _american(w: str) -> str:
    american = BRITISH.get(w)
    if american is not None:
        return american
    if len(w) >= _MIN_ENDING_WORD and ("is" in w or "ys" in w):
        for british, american in _ENDINGS:
            if w.endswith(british):
                return w[: -len(british)] + american
    return w


def words(text: str) -> list[str]:
    """The folded words of `text` (see the module's docstring)."""
    if text.isascii():  # bytes.translate is several times quicker than str.translate
        split = text.encode().translate(_ASCII_SEPARATORS).decode().lower().split()
    else:
        split = _plain(text).translate(_SEPARATORS).casefold().split()
    try:  # the usual case, a loop in C: every word has been seen
        return list(map(_SEEN.__getitem__, split))
    except KeyError:
        if len(_SEEN) >= _MAX_SEEN:
            return list(map(word, split))
    for w in set(split).difference(_SEEN):
        _SEEN[w] = _american(w)
    return list(map(_SEEN.__getitem__, split))


def fold(text: str) -> str:
    """`text` as folded words separated by single spaces."""
    return " ".join(words(text))


def spellings(folded: str) -> list[str]:
    """Every way a folded word may be spelt in the data: itself first, then its British forms."""
    out = [folded, *_AMERICAN.get(folded, ())]
    if len(folded) >= _MIN_ENDING_WORD:
        for british, american in _ENDINGS:
            if folded.endswith(american):
                out.append(folded[: -len(american)] + british)
                break
    return out


def needle(folded: str) -> str:
    """What a folded query is looked for as, in a folded text with a space at each end: its words
    whole and in a row, the last one also as the start of a longer word (`PREFIX_MIN`)."""
    last = folded.rsplit(" ", 1)[-1]
    return f" {folded} " if len(last) < PREFIX_MIN else f" {folded}"


def tables(alphabet: Iterable[str]) -> dict[str, Any]:
    """How a query is folded, as data for a reader without Python (the page's script, which only
    looks these up): `chars`, every character of the Basic Multilingual Plane whose folding is
    made of `alphabet` and spaces, grouped by that folding (whitespace as a space); `words`, the
    British spellings; `endings`, the British and American endings, tried in order on a word of
    at least `shortest` characters; `prefix`, as in `needle`. A character outside `chars` folds to something no text made
    of `alphabet` holds."""
    import re

    keep = {*alphabet, " "}
    chars = [chr(c) for c in range(1, 0x10000) if not 0xD800 <= c < 0xE000]
    # Folded as one text, the characters kept apart by NUL: a character nothing decomposes into or
    # reorders across, so each part is that character's folding (case, accents and punctuation are
    # decided one character at a time). `\s` is the whitespace `str.split` splits at.
    folded = re.sub(r"\s", " ", _plain("\x00".join(chars)).translate(_SEPARATORS).casefold())
    grouped: dict[str, str] = {}
    for c, part in zip(chars, folded.split("\x00"), strict=True):
        if keep.issuperset(part):
            grouped[part] = grouped.get(part, "") + c
    return {
        "chars": grouped, "words": BRITISH, "endings": _ENDINGS, "shortest": _MIN_ENDING_WORD, "prefix": PREFIX_MIN,
    }  # fmt: skip
