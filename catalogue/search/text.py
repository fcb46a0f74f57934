"""Text to search terms, the same way for the pages indexed and for the queries typed:
lower case, accents folded, stop words dropped, French stems (Snowball). Doing it in
Python, not in the database, is what makes SQLite and PostgreSQL agree."""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

from django.utils.html import strip_tags

WORD = re.compile(r"[a-z0-9]+")

# Words too common to tell pages apart. Folded, as they are compared after folding.
STOP_WORDS = frozenset(
    """a au aux avec ce ces d dans de des du elle en et eux il je l la le
    les leur lui m ma mais me meme mes moi mon n ne nos notre nous on ou par pas
    pour qu que qui s sa se ses son sur t ta te tes toi ton tu un une vos votre vous c y est sont etre""".split()  # noqa: SIM905 - a word list reads better as prose
)
TERM_LENGTH = 64

_stemmer = snowballstemmer.stemmer("french")


def fold(text: str) -> str:
    """Lower case without accents: « Comptabilité » → « comptabilite »."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    # Folded before stemming, so that a word typed without its accents gets the same stem.
    return _stemmer.stemWord(word)[:TERM_LENGTH]


def words(text: str) -> list[str]:
    """The folded words of a text that are not stop words, in order."""
    return [word for word in WORD.findall(fold(strip_tags(text))) if word not in STOP_WORDS]


def terms(text: str) -> list[str]:
    """The terms of a text, in order, repeated as they occur. HTML tags are dropped."""
    return [stem(word) for word in words(text)]
