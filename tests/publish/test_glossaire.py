"""The glossary is in alphabetical order, the French way (accents and case ignored)."""

import re
import unicodedata
from pathlib import Path

GLOSSAIRE = Path(__file__).resolve().parents[2] / "book" / "glossaire.md"


def cle(terme: str) -> str:
    sans_accents = unicodedata.normalize("NFD", terme)
    return "".join(c for c in sans_accents if not unicodedata.combining(c)).casefold()


def test_the_glossary_is_in_alphabetical_order():
    termes = re.findall(r"^([^\s:#(].*)\n:", GLOSSAIRE.read_text(encoding="utf-8"), flags=re.M)
    assert len(termes) > 20
    assert termes == sorted(termes, key=cle)
