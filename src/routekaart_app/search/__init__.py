"""Search over the content: SQLite FTS5, Dutch-aware, no Qt. Built in memory, or opened from the
image the content snapshot writes (`prebuilt`).

- case and diacritics do not matter ("geinventariseerd" finds "geïnventariseerd"),
- every word is matched as a prefix while typing,
- abbreviations and synonyms from `content.yaml` and each item's `aliases` are expanded, and so
  are the word forms listed there (slaan, slaat, geslagen),
- the last part of a compound is indexed too, with a low weight ("mishandeling" finds
  "Kindermishandeling"),
- titles and aliases rank above body text,
- a word that matches nothing is tried once more as the closest known word (typos),
- Dutch function words and question verbs ("de", "door", "niet", "moet" ...) are left out of a
  longer query, a number
  matches only as a whole word ("stap 5" is not "stap 50"),
- when no item holds every word, the items holding the most of them come first (a whole
  question such as "moeder durft niet te praten" still finds something),
- items whose title holds more of the words rank higher; a word that is a whole title word
  (a municipality's name) counts extra.
"""

from __future__ import annotations

import bisect
import difflib
import json
import re
import sqlite3
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..content.store import ContentStore

__all__ = ["Document", "Hit", "SearchIndex", "normalize", "plain_text"]

_WORD = re.compile(r"[^\W_]+(?:\+\+)?", re.UNICODE)
# A link target is at most 500 characters on one line: unbounded, "](" repeated is quadratic.
_MD_NOISE = re.compile(r"\]\([^)\n]{0,500}\)|[*_`>#\[\]|]+")


#: Dutch function words: left out of a query that has other words (they match everywhere).
STOP_WORDS = frozenset(
    "de het een en of van voor door met bij op aan in uit om te tot dat die dit deze er is zijn was "
    "wordt worden heeft hebben niet geen wel ook nog al naar over als dan maar want hoe wat wie waar "
    "mijn zijn haar hun ik je u hij zij we wij ze mij me hem s t "
    # question words and verbs any question has ("wat moet ik doen als ...")
    "moet moeten kan kunnen mag mogen wil willen zou doe doen doet maak maken ga gaan welke wanneer waarom".split()
)


def normalize(text: str) -> str:
    """Lower case without diacritics: 'Geïnventariseerd' -> 'geinventariseerd'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def words(text: str) -> list[str]:
    return [w.rstrip("+") or w for w in _WORD.findall(normalize(text))]


def plain_text(markdown_text: str) -> str:
    """Markdown without link targets and markup characters (for the index and snippets)."""
    return _MD_NOISE.sub(" ", markdown_text or "")


@dataclass(frozen=True)
class Hit:
    id: str
    title: str
    kind: str
    score: float
    section: str = ""
    snippet: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Document:
    id: str
    title: str
    kind: str
    section: str
    aliases: str
    body: str


def _has_word(token: str, sorted_words: list[str]) -> bool:
    """Whether a word in `sorted_words` (sorted, unique) is `token` (a number) or starts with it."""
    at = bisect.bisect_left(sorted_words, token)
    if at == len(sorted_words):
        return False
    return sorted_words[at] == token if token.isdigit() else sorted_words[at].startswith(token)


def compound_parts(text_words: list[str], vocabulary: set[str]) -> set[str]:
    """The last part of each Dutch compound in a text, when that part is a known word of at least
    five letters: "kindermishandeling" -> "mishandeling", "partnergeweld" -> "geweld". Indexed
    with a low weight, so a query for the part also finds the compound."""
    parts = set()
    for word in set(text_words):
        for start in range(3, len(word) - 4):
            if word[start:] in vocabulary:
                parts.add(word[start:])
                break
    return parts


#: Bump when the index's tables or the way documents are made change: an older image is then stale.
SCHEMA = 1


def _create(db: sqlite3.Connection, documents: list[Document], synonyms: dict[str, list[str]] | None) -> None:
    """Fill an empty database with the index of `documents`: the FTS5 table, the vocabulary (for
    typo correction) and the normalised synonyms, all in SQLite so an image holds everything."""
    db.execute(
        "CREATE VIRTUAL TABLE docs USING fts5("
        "title, aliases, body, parts, id UNINDEXED, kind UNINDEXED, section UNINDEXED, wordlist UNINDEXED, "
        "tokenize=\"unicode61 remove_diacritics 2 tokenchars '+'\", prefix='1 2 3')"
    )
    db.execute("CREATE TABLE vocab(word TEXT PRIMARY KEY) WITHOUT ROWID")
    db.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID")
    texts = [words(f"{d.title} {d.aliases} {d.body}") for d in documents]
    vocabulary = {w for ws in texts for w in ws if len(w) > 2}
    db.executemany(
        "INSERT INTO docs(rowid, title, aliases, body, parts, id, kind, section, wordlist) VALUES (?,?,?,?,?,?,?,?,?)",
        [
            (n, d.title, d.aliases, d.body, " ".join(sorted(parts)), d.id, d.kind, d.section, " ".join(sorted(set(ws) | parts)))
            for n, (d, ws) in enumerate(zip(documents, texts, strict=True), start=1)
            for parts in [compound_parts(ws, vocabulary)]
        ],
    )
    # The weighted bm25 as FTS5's own rank: with `ORDER BY rank LIMIT n` FTS5 sorts the matches
    # itself and computes snippet() only for the n rows it returns. (A second MATCH query for
    # the snippets cost more than the search itself on large content: tens of ms.)
    db.execute(
        "INSERT INTO docs(docs, rank) VALUES('rank', ?)",
        ("bm25({}, {}, {}, {})".format(*map(float, SearchIndex.WEIGHTS)),),
    )
    db.executemany("INSERT INTO vocab(word) VALUES (?)", [(w,) for w in sorted(vocabulary)])
    expanded: dict[str, list[list[str]]] = {}
    for key, expansions in (synonyms or {}).items():
        key_words = " ".join(words(key))
        if key_words:
            expanded.setdefault(key_words, []).extend(words(e) for e in expansions if words(e))
    db.executemany(
        "INSERT INTO meta(key, value) VALUES (?, ?)",
        [("schema", str(SCHEMA)), ("count", str(len(documents))), ("synonyms", json.dumps(expanded))],
    )
    db.commit()  # FTS5 keeps new rows in a pending buffer until the commit


class SearchIndex:
    """An FTS5 index over the content, in SQLite: built in memory, or a prebuilt image (see
    `prebuilt`). Everything a query needs lives in the database; the Python side only caches the
    few rows each query looks at, so opening an image costs nothing per document."""

    #: bm25 weights for (title, aliases, body, compound parts)
    WEIGHTS = (10.0, 6.0, 1.0, 0.5)

    def __init__(
        self,
        documents: Iterable[Document] = (),
        synonyms: dict[str, list[str]] | None = None,
        *,
        db: sqlite3.Connection | None = None,
    ):
        if db is None:
            db = sqlite3.connect(":memory:", check_same_thread=False)
            _create(db, list(documents), synonyms)
        self._attach(db)
        #: Makes an in-memory index of the same content when an image turns out unreadable.
        self.rebuild: Callable[[], SearchIndex] | None = None

    def _attach(self, db: sqlite3.Connection) -> None:
        meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
        if meta.get("schema") != str(SCHEMA):
            raise sqlite3.DatabaseError(f"search index schema {meta.get('schema')!r}, expected {SCHEMA}")
        self._db = db
        self._count = int(meta["count"])
        self._synonyms: dict[str, list[list[str]]] = json.loads(meta["synonyms"])
        #: Per row, filled as queries meet it: (title, title words, alias phrases, alias words, section words).
        self._norm: dict[int, tuple[str, list[str], set[str], list[str], list[str]]] = {}
        self._word_cache: dict[int, list[str]] = {}

    # -- building --------------------------------------------------------------------------
    @staticmethod
    def documents(store: ContentStore) -> list[Document]:
        """The documents of a content store (pages, regions, municipalities), in store order."""
        documents = []
        for item in store.all_items():
            aliases = list(getattr(item, "aliases", []))
            if getattr(item, "kind", "") == "gemeente":
                mun = store.municipalities[item.id]
                aliases += [mun.region or "", mun.subregion, mun.local_team.name]
            documents.append(
                Document(
                    id=item.id,
                    title=item.title,
                    kind=item.kind,
                    section=store.section_of.get(item.id, ""),
                    aliases=" ; ".join(a for a in aliases if a),
                    # The section a page belongs to ("Meldcode") is part of what it is about.
                    body=plain_text("\n".join(t for t in [store.section_of.get(item.id, ""), *item.markdown_fields()] if t)),
                )
            )
        return documents

    @classmethod
    def build(cls, store: ContentStore) -> SearchIndex:
        """Index every item of a content store in memory."""
        synonyms: dict[str, list[str]] = {}
        for key, expansions in (store.meta.synonyms.items() if store.meta else ()):
            synonyms.setdefault(key, []).extend(list(expansions))
        for group in getattr(store.meta, "word_forms", None) or []:  # every form finds the others
            for form in group:
                synonyms.setdefault(form, []).extend(f for f in group if f != form)
        return cls(cls.documents(store), synonyms)

    def image(self) -> bytes:
        """The database as bytes (an SQLite file image), for `prebuilt.write_image`."""
        self._db.commit()
        self._db.execute("INSERT INTO docs(docs) VALUES('optimize')")  # one segment: smaller, faster
        self._db.commit()
        self._db.execute("VACUUM")
        return self._db.serialize()

    def __len__(self) -> int:
        return self._count

    # -- querying --------------------------------------------------------------------------
    def _term(self, word: str, prefix: bool) -> str:
        prefix = prefix and not word.isdigit()  # a number is a whole word: 5 is not 50
        options = [f'"{word}"*' if prefix else f'"{word}"']
        for expansion in self._synonyms.get(word, []):
            options.append('"' + " ".join(expansion) + '"' if len(expansion) > 1 else f'"{expansion[0]}"')
        return "(" + " OR ".join(options) + ")" if len(options) > 1 else options[0]

    def _match(self, tokens: list[str], joiner: str = " AND ") -> str:
        return joiner.join(self._term(t, prefix=True) for t in tokens)

    @staticmethod
    def _hits_word(token: str, candidates: list[str]) -> bool:
        if token.isdigit():
            return token in candidates
        return any(w.startswith(token) for w in candidates)

    def _run(self, tokens: list[str], limit: int, any_word: bool = False) -> list[Hit]:
        if not tokens:
            return []
        match = self._match(tokens, " OR " if any_word else " AND ")
        select = (
            "SELECT rowid, rank, snippet(docs, 2, '', '', ' … ', 12), id, title, kind, section, aliases, wordlist "
            "FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT ?"
        )
        try:
            rows = self._db.execute(select, (match, max(limit * 2, 30))).fetchall()
            if any_word:
                # Items with a word in their title or aliases, even when body text of many other
                # items matches better ("geslagen door vader" -> "Kindermishandeling").
                seen = {row[0] for row in rows}
                titled = self._db.execute(
                    select.replace("ORDER BY rank", "ORDER BY bm25(docs, 10.0, 6.0, 0.0, 4.0)"),
                    ("{title aliases parts} : (" + match + ")", 30),
                ).fetchall()
                rows += [row for row in titled if row[0] not in seen]
        except sqlite3.DatabaseError:
            if self.rebuild is not None:
                raise  # a prebuilt image: `search` falls back to an index built in memory
            return []  # a query FTS5 cannot parse: nothing found
        phrase = " ".join(tokens)
        ranked = []
        for row in rows:
            rank = row[1]
            title, title_words, alias_phrases, alias_words, section_words = self._normalised(row)
            score = -rank  # bm25: lower is better
            # Tiers: the whole title, a whole alias, a title that starts with the query, every
            # word in the title or aliases, then body text.
            if any_word and title and f" {title} " in f" {phrase} ":
                score += 150  # the query names this item outright ("… Delft", "Noordwijk …")
            if title == phrase:
                score += 1000
            elif phrase in alias_phrases:
                score += 800
            elif title.startswith(phrase):
                score += 500 + 10 / len(title_words)  # "Femicide" before "Femicide voorkomen"
            elif all(self._hits_word(t, title_words + alias_words + section_words) for t in tokens):
                score += 100
            # More of the words in the title ("meldcode stap 5" -> "Stap 5: ..."), and a word that
            # is a whole title word (a municipality's name) a little more.
            score += 12 * sum(self._hits_title(t, title_words) for t in tokens)
            score += 6 * sum(t in title_words for t in tokens)
            if any_word:  # no item holds every word: the items holding most of them first
                doc_words = self._doc_words(row)
                score += 50 * sum(_has_word(t, doc_words) or any(
                    _has_word(e[0], doc_words) for e in self._synonyms.get(t, []) if e) for t in tokens)
            ranked.append((round(score, 3), row[4].lower(), row))
        ranked.sort(key=lambda r: (-r[0], r[1]))
        return [
            Hit(row[3], row[4], row[5], score, row[6], (row[2] or "").strip())
            for score, _, row in ranked[:limit]
        ]

    def _hits_title(self, token: str, title_words: list[str]) -> bool:
        """The token, one of its one-word synonyms or word forms, starts a title word or ends a
        compound in it ("geslagen" -> "mishandeling" -> "Kindermishandeling")."""
        if self._hits_word(token, title_words):
            return True
        for expansion in self._synonyms.get(token, ()):
            if len(expansion) == 1:
                alt = expansion[0]
                if any(w.startswith(alt) or (len(alt) >= 5 and w.endswith(alt)) for w in title_words):
                    return True
        return False

    def _normalised(self, row: tuple) -> tuple[str, list[str], set[str], list[str], list[str]]:
        cached = self._norm.get(row[0])
        if cached is None:
            title = " ".join(words(row[4]))
            aliases = row[7] or ""
            alias_phrases = {" ".join(words(a)) for a in aliases.split(" ; ") if a}
            cached = self._norm[row[0]] = (title, title.split(), alias_phrases, words(aliases), words(row[6] or ""))
        return cached

    def _doc_words(self, row: tuple) -> list[str]:
        """The row's words (and compound parts), normalised, sorted and unique: made at build time."""
        cached = self._word_cache.get(row[0])
        if cached is None:
            cached = self._word_cache[row[0]] = (row[8] or "").split()
        return cached

    def search(self, query: str, limit: int = 20) -> list[Hit]:
        try:
            return self._search(query, limit)
        except sqlite3.DatabaseError:
            if self.rebuild is None:
                return []
        # The image is unreadable after all (SQLite found it corrupt): index the content in memory.
        fresh, self.rebuild = self.rebuild(), None
        self._attach(fresh._db)
        return self._search(query, limit)

    def _search(self, query: str, limit: int) -> list[Hit]:
        tokens = words(query)[:12]
        content_words = [t for t in tokens if t not in STOP_WORDS]
        if content_words:
            tokens = content_words
        # A one-letter word next to others ("rode v", half typed) starts nearly every word: as a
        # prefix it matches almost every item and makes the query cost the most while ranking
        # nothing. It counts again from its second letter (a number or abbreviation always counts).
        longer = [t for t in tokens if len(t) > 1 or t.isdigit() or t in self._synonyms]
        if longer:
            tokens = longer
        if len(tokens) < 2:
            return self._search_all(tokens, limit)
        # Several words: items holding all of them rank first, then those holding most; an item
        # the query names outright (a municipality) comes along even when it lacks the other words.
        return self._run(self._corrected(tokens), limit, any_word=True)

    def _corrected(self, tokens: list[str]) -> list[str]:
        out = []
        for token in tokens:
            if len(token) < 4 or token in self._synonyms or self._known_prefix(token):
                out.append(token)
                continue
            # Typo candidates: known words with the same first letter and about the same length.
            candidates = [
                w for (w,) in self._db.execute(
                    "SELECT word FROM vocab WHERE word >= ? AND word < ? AND length(word) BETWEEN ? AND ?",
                    (token[0], chr(ord(token[0]) + 1), len(token) - 2, len(token) + 2),
                )
            ]
            close = difflib.get_close_matches(token, candidates, n=1, cutoff=0.75)
            out.append(close[0] if close else token)
        return out

    def _search_all(self, tokens: list[str], limit: int) -> list[Hit]:
        hits = self._run(tokens, limit)
        if hits or not tokens:
            return hits
        # Nothing found: replace unknown words by the closest known word (typing errors).
        corrected = self._corrected(tokens)
        return self._run(corrected, limit) if corrected != tokens else []

    def _known_prefix(self, token: str) -> bool:
        """Whether some known word starts with `token` (the first word at or after it in order)."""
        row = self._db.execute("SELECT word FROM vocab WHERE word >= ? ORDER BY word LIMIT 1", (token,)).fetchone()
        return row is not None and row[0].startswith(token)
