"""Search over the content: SQLite FTS5 in memory, Dutch-aware, no Qt.

- case and diacritics do not matter ("geinventariseerd" finds "geïnventariseerd"),
- every word is matched as a prefix while typing,
- abbreviations and synonyms from `content.yaml` and each item's `aliases` are expanded,
- titles and aliases rank above body text,
- a word that matches nothing is tried once more as the closest known word (typos),
- Dutch function words ("de", "door", "niet", "te" ...) are left out of a longer query, a number
  matches only as a whole word ("stap 5" is not "stap 50"),
- when no item holds every word, the items holding the most of them come first (a whole
  question such as "moeder durft niet te praten" still finds something),
- items whose title holds more of the words rank higher; a word that is a whole title word
  (a municipality's name) counts extra.
"""

from __future__ import annotations

import bisect
import difflib
import re
import sqlite3
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..content.store import ContentStore

__all__ = ["Hit", "SearchIndex", "normalize", "plain_text"]

_WORD = re.compile(r"[^\W_]+(?:\+\+)?", re.UNICODE)
# A link target is at most 500 characters on one line: unbounded, "](" repeated is quadratic.
_MD_NOISE = re.compile(r"\]\([^)\n]{0,500}\)|[*_`>#\[\]|]+")


#: Dutch function words: left out of a query that has other words (they match everywhere).
STOP_WORDS = frozenset(
    "de het een en of van voor door met bij op aan in uit om te tot dat die dit deze er is zijn was "
    "wordt worden heeft hebben niet geen wel ook nog al naar over als dan maar want hoe wat wie waar "
    "mijn zijn haar hun ik je u hij zij we wij ze mij me hem".split()
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


class SearchIndex:
    """An in-memory FTS5 index, built once per content store."""

    #: bm25 weights for (title, aliases, body)
    WEIGHTS = (10.0, 6.0, 1.0)

    def __init__(self, documents: Iterable[Document], synonyms: dict[str, list[str]] | None = None):
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._db.execute(
            "CREATE VIRTUAL TABLE docs USING fts5("
            "title, aliases, body, id UNINDEXED, kind UNINDEXED, section UNINDEXED, "
            "tokenize=\"unicode61 remove_diacritics 2 tokenchars '+'\", prefix='1 2 3')"
        )
        self._docs: list[Document] = list(documents)
        self._db.executemany(
            "INSERT INTO docs(rowid, title, aliases, body, id, kind, section) VALUES (?,?,?,?,?,?,?)",
            [
                (n, d.title, d.aliases, d.body, d.id, d.kind, d.section)
                for n, d in enumerate(self._docs, start=1)
            ],
        )
        # The weighted bm25 as FTS5's own rank: with `ORDER BY rank LIMIT n` FTS5 sorts the matches
        # itself and computes snippet() only for the n rows it returns. (A second MATCH query for
        # the snippets cost more than the search itself on large content: tens of ms.)
        self._db.execute(
            "INSERT INTO docs(docs, rank) VALUES('rank', ?)", ("bm25({}, {}, {})".format(*map(float, self.WEIGHTS)),)
        )
        self._synonyms: dict[str, list[list[str]]] = {}
        for key, expansions in (synonyms or {}).items():
            key_words = " ".join(words(key))
            if key_words:
                self._synonyms.setdefault(key_words, []).extend(words(e) for e in expansions if words(e))
        vocabulary: set[str] = set()
        for d in self._docs:
            vocabulary.update(w for w in words(f"{d.title} {d.aliases} {d.body}") if len(w) > 2)
        self._vocabulary = sorted(vocabulary)
        self._word_cache: dict[int, list[str]] = {}
        #: Typo candidates by first letter, so a correction compares against a small part only.
        self._by_initial: dict[str, list[str]] = {}
        for word in self._vocabulary:
            self._by_initial.setdefault(word[0], []).append(word)
        #: Normalised titles and aliases, computed once: (title, title words, alias phrases, alias words).
        self._norm = []
        for d in self._docs:
            alias_phrases = {" ".join(words(a)) for a in d.aliases.split(" ; ") if a}
            title = " ".join(words(d.title))
            self._norm.append((title, title.split(), alias_phrases, words(d.aliases)))

    # -- building --------------------------------------------------------------------------
    @classmethod
    def build(cls, store: ContentStore) -> SearchIndex:
        """Index every item of a content store (pages, regions, municipalities)."""
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
        synonyms = {word: list(others) for word, others in store.meta.synonyms.items()} if store.meta else {}
        return cls(documents, synonyms)

    def __len__(self) -> int:
        return len(self._docs)

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
        try:
            rows = self._db.execute(
                "SELECT rowid, rank, snippet(docs, 2, '', '', ' … ', 12) FROM docs WHERE docs MATCH ? "
                "ORDER BY rank LIMIT ?",
                (match, max(limit * 2, 30)),
            ).fetchall()
        except sqlite3.OperationalError:
            return []
        phrase = " ".join(tokens)
        snippets = {rowid: text.strip() for rowid, _, text in rows}
        ranked = []
        for rowid, rank, _ in rows:
            title, title_words, alias_phrases, alias_words = self._norm[rowid - 1]
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
            elif all(self._hits_word(t, title_words + alias_words + self._section_words(rowid)) for t in tokens):
                score += 100
            # More of the words in the title ("meldcode stap 5" -> "Stap 5: ..."), and a word that
            # is a whole title word (a municipality's name) a little more.
            score += 12 * sum(self._hits_word(t, title_words) for t in tokens)
            score += 6 * sum(t in title_words for t in tokens)
            if any_word:  # no item holds every word: the items holding most of them first
                doc_words = self._doc_words(rowid)
                score += 50 * sum(self._hits_word(t, doc_words) or any(
                    self._hits_word(e[0], doc_words) for e in self._synonyms.get(t, []) if e) for t in tokens)
            ranked.append((round(score, 3), rowid))
        ranked.sort(key=lambda r: (-r[0], self._docs[r[1] - 1].title.lower()))
        ranked = ranked[:limit]
        hits = []
        for score, rowid in ranked:
            doc = self._docs[rowid - 1]
            hits.append(Hit(doc.id, doc.title, doc.kind, score, doc.section, snippets.get(rowid, "")))
        return hits

    def _section_words(self, rowid: int) -> list[str]:
        return words(self._docs[rowid - 1].section)

    def _doc_words(self, rowid: int) -> list[str]:
        cached = self._word_cache.get(rowid)
        if cached is None:
            d = self._docs[rowid - 1]
            cached = self._word_cache[rowid] = words(f"{d.title} {d.aliases} {d.body}")
        return cached

    def search(self, query: str, limit: int = 20) -> list[Hit]:
        tokens = words(query)[:12]
        content_words = [t for t in tokens if t not in STOP_WORDS]
        if content_words:
            tokens = content_words
        if len(tokens) < 2:
            return self._search_all(tokens, limit)
        # Several words: items holding all of them rank first, then those holding most; an item
        # the query names outright (a municipality) comes along even when it lacks the other words.
        return self._run(self._corrected(tokens), limit, any_word=True)

    def _corrected(self, tokens: list[str]) -> list[str]:
        out = []
        for token in tokens:
            if len(token) < 4 or any(v.startswith(token) for v in self._vocabulary_near(token)):
                out.append(token)
                continue
            candidates = [w for w in self._by_initial.get(token[0], ()) if abs(len(w) - len(token)) <= 2]
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

    def _vocabulary_near(self, token: str) -> list[str]:
        start = bisect.bisect_left(self._vocabulary, token)
        return self._vocabulary[start : start + 1]
