"""French agreement of nouns for the formatted texts (:mod:`aaas.fmt`): the plural of a noun
phrase and the singular of a plural word.  A foundation module: it imports nothing of the package.
"""

from __future__ import annotations

#: Words that end the part of a noun phrase that takes the plural (« heure de travail »).
_PREPOSITIONS = {"de", "du", "des", "d'", "à", "au", "aux", "en", "par", "pour", "sur", "avec", "sans"}


def pluriel(groupe: str) -> str:
    """The plural of a French noun phrase, word by word up to its first preposition
    (acronyms and words in -s, -x, -z stay; -al → -aux; -eau, -au, -eu → +x).

    >>> pluriel("véhicule"), pluriel("personne suivie"), pluriel("heure de travail")
    ('véhicules', 'personnes suivies', 'heures de travail')
    >>> pluriel("ETP"), pluriel("cheval fiscal"), pluriel("bureau"), pluriel("prix")
    ('ETP', 'chevaux fiscaux', 'bureaux', 'prix')
    """
    mots = groupe.split(" ")
    for i, mot in enumerate(mots):
        if mot.lower() in _PREPOSITIONS or mot.lower().startswith(("d'", "d’")):
            break
        mots[i] = _pluriel_mot(mot)
    return " ".join(mots)


def _pluriel_mot(mot: str) -> str:
    if not mot or mot.isupper() or not mot[-1].isalpha() or mot.endswith(("s", "x", "z")):
        return mot
    if mot.endswith("al"):
        return mot[:-2] + "aux"
    if mot.endswith(("eau", "au", "eu")):
        return mot + "x"
    return mot + "s"


#: Plural words that stay as they are in the singular.
_INVARIABLES = {"mois", "fois", "taux", "temps", "pas", "prix"}


def singulier(mot: str) -> str:
    """The singular of a plural French word (« véhicules » → « véhicule », « lieux » → « lieu »).

    >>> singulier("véhicules"), singulier("lieux"), singulier("mois"), singulier("CV")
    ('véhicule', 'lieu', 'mois', 'CV')
    """
    if mot.lower() in _INVARIABLES or not mot.isalpha() or mot.isupper():
        return mot
    if mot.endswith(("eaux", "ieux", "eux")):
        return mot[:-1]
    if mot.endswith("aux"):
        return mot[:-3] + "al"
    return mot[:-1] if mot.endswith("s") and not mot.endswith("ss") else mot
