"""The command line's parser, in French: one shared set of scenario options for every
command, argparse's own messages translated, and no heavy import (``aaas --help`` and
``aaas --version`` load neither NumPy nor pandas).
"""

from __future__ import annotations

import argparse
import unicodedata
from collections.abc import Callable

from .. import __version__, inputs
from ..errors import ChoiceError, InputError, cite
from ..sensitivity import limits

#: Output formats of ``tables`` and ``compare`` (``csv-fr``: « ; » and decimal comma, for
#: a French spreadsheet); ``params`` adds ``yaml`` (a complete scenario file).
FORMATS = ("text", "csv", "csv-fr", "json", "markdown")
#: The conventions (kept equal to ``aaas.models.conventions.CONVENTIONS`` by a test).
CONVENTIONS = ("rapport", "corrige", "actualise")
#: Longest message of the parser (the values it echoes are shortened before).
MESSAGE_MAX = 500

#: argparse's messages, translated (argparse reads its ``_`` at each call).
FRANCAIS = {
    "usage: ": "utilisation : ",
    "positional arguments": "arguments",
    "options": "options",
    "show this help message and exit": "affiche cette aide et quitte",
    "the following arguments are required: %s": "arguments obligatoires manquants : %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "valeur inconnue %(value)r ; valeurs acceptées : %(choices)s"
    ),
    "invalid %(type)s value: %(value)r": "valeur %(value)r invalide (%(type)s attendu)",
    "unrecognized arguments: %s": "arguments inconnus : %s",
    "expected one argument": "une valeur est attendue",
    "expected at most one argument": "au plus une valeur est attendue",
    "expected at least one argument": "au moins une valeur est attendue",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s : %(message)s",
    "ambiguous option: %(option)s could match %(matches)s": "option ambiguë : %(option)s (%(matches)s)",
    "not allowed with argument %s": "incompatible avec %s",
    "one of the arguments %s is required": "l'un des arguments %s est obligatoire",
    "ignored explicit argument %r": "argument %r ignoré",
    "unexpected option string: %s": "option inattendue : %s",
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
}
argparse._ = lambda text: FRANCAIS.get(text, text)


class Parser(argparse.ArgumentParser):
    """An argparse parser whose errors are :class:`~aaas.errors.ChoiceError` (one line,
    exit 2) and whose help is in French."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self.add_argument("-h", "--help", action="help", help="affiche cette aide et quitte")

    def error(self, message):
        raise ChoiceError(cite(message, MESSAGE_MAX))

    def _check_value(self, action, value):
        """argparse's check of a choice, echoing the value shortened."""
        if action.choices is not None and value not in action.choices:
            choices = ", ".join(map(repr, action.choices))
            raise argparse.ArgumentError(
                action, f"valeur inconnue '{cite(str(value))}' ; valeurs acceptées : {choices}"
            )

    def parse_args(self, args=None, namespace=None):
        """argparse's, the unknown arguments echoed shortened."""
        parsed, extra = self.parse_known_args(args, namespace)
        if extra:
            self.error(f"arguments inconnus : {' '.join(cite(a) for a in extra)}")
        return parsed


def sans_accents(text: str) -> str:
    """``text`` without its accents (« corrigé » → « corrige »).

    >>> sans_accents("corrigé")
    'corrige'
    """
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def convention(text: str) -> str:
    """A convention name as typed (accents accepted)."""
    name = sans_accents(text.strip()).lower()
    if name not in CONVENTIONS:
        raise argparse.ArgumentTypeError(
            f"convention inconnue '{cite(text)}' ; valeurs acceptées : {', '.join(CONVENTIONS)}"
        )
    return name


def compte(option: str, check: Callable[[int, str], int]) -> Callable[[str], int]:
    """The type of a count option: decimal digits (:func:`aaas.inputs.whole`), then
    ``check(n, option)`` — the same check as the Python API's (:mod:`aaas.sensitivity.limits`,
    :func:`aaas.inputs.count`): a count above its ceiling is refused with the figure and
    what it would cost.

    >>> compte("--draws", limits.tirages)("5000")
    5000
    >>> compte("--draws", limits.tirages)("0x10")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: '0x10' : un nombre entier est attendu (chiffres décimaux)
    """

    def parse(text: str) -> int:
        try:
            return check(inputs.whole(text), option)
        except (InputError, ValueError) as exc:  # argparse names the option itself
            raise argparse.ArgumentTypeError(str(exc).removeprefix(f"{option} : ")) from None

    parse.__name__ = "nombre entier"
    return parse


def entier_positif(high: int) -> Callable[[int, str], int]:
    """The check of a whole number from 1 to ``high`` (``--jobs``, ``--prune``)."""
    return lambda n, option: inputs.count(option, n, 1, high)


def scenario_options(p: argparse.ArgumentParser) -> None:
    """The options every command shares: ``--convention``, ``--set``, ``--scenario``."""
    p.add_argument(
        "--set",
        dest="sets",
        action="append",
        default=[],
        metavar="NOM=VALEUR",
        help="change une hypothèse (répétable), ex. --set population_bassin=50000",
    )
    p.add_argument("--scenario", metavar="FICHIER.yaml", help="fichier YAML nom: valeur")
    p.add_argument(
        "--convention",
        type=convention,
        default=None,
        metavar="CONVENTION",
        help="rapport (défaut : erreurs reportées comme dans le rapport), corrige (erreurs corrigées) "
        "ou actualise (corrigée, aux tarifs et règles de paie d'aujourd'hui)",
    )


def format_option(p: argparse.ArgumentParser, formats: tuple[str, ...] = FORMATS) -> None:
    """``--format``, one of ``formats``."""
    p.add_argument("--format", default="text", choices=formats, help=f"{', '.join(formats)} (défaut : text)")


def cherche_option(p: argparse.ArgumentParser, quoi: str) -> None:
    """``--cherche MOT``: a filter on names and labels (case and accents ignored)."""
    p.add_argument(
        "--cherche",
        metavar="MOT",
        help=f"n'affiche que {quoi} dont le nom ou le libellé contient chaque mot de MOT (majuscules et accents "
        "ignorés, ex. --cherche coordinateur) ; sans résultat, une ligne le dit (statut 0)",
    )


def build_parser(commands) -> Parser:
    """The parser; ``commands`` maps each command name to its function (see
    :mod:`aaas.cli.commands`)."""
    parser = Parser(
        prog="aaas",
        description="Surcoûts de l'Accompagnement à l'Autonomie en Santé : recalcul des tableaux du rapport.",
    )
    parser.add_argument(
        "--version", action="version", version=f"aaas {__version__}", help="affiche la version et quitte"
    )
    sub = parser.add_subparsers(
        dest="command", required=True, parser_class=Parser, title="commandes", metavar="COMMANDE"
    )
    _params(sub, commands)
    _tables(sub, commands)
    _compare(sub, commands)
    p = sub.add_parser("check", help="vérifie que chaque écart au rapport est expliqué par un erratum")
    scenario_options(p)
    p.set_defaults(func=commands["check"])
    _build(sub, commands)
    _variants(sub, commands)
    _sensitivity(sub, commands)
    _financements(sub, commands)
    _sec(sub, commands)
    _quantites(sub, commands)
    return parser


def _params(sub, commands) -> None:
    p = sub.add_parser("params", help="liste les hypothèses (valeur, unité, bornes, section, source)")
    cherche_option(p, "les hypothèses")
    scenario_options(p)
    format_option(p, (*FORMATS, "yaml"))
    p.set_defaults(func=commands["params"])


def _tables(sub, commands) -> None:
    p = sub.add_parser("tables", help="recalcule les tableaux du rapport")
    p.add_argument("name", nargs="?", metavar="TABLEAU", help="un tableau (voir la liste avec --list)")
    p.add_argument("--table", metavar="TABLEAU", help="un tableau, par son identifiant")
    p.add_argument("--list", action="store_true", help="liste les tableaux")
    p.add_argument(
        "--baseline",
        choices=("rapport", "defaut"),
        default=None,
        help="ce à quoi l'écart est mesuré : le chiffre imprimé (rapport) ou le recalcul par défaut "
        "de la convention (defaut) ; par défaut : rapport, ou defaut si le scénario change un paramètre",
    )
    format_option(p, (*FORMATS, "xlsx"))
    p.add_argument("--out", metavar="FICHIER.xlsx", help="avec --format xlsx : le classeur à écrire")
    scenario_options(p)
    p.set_defaults(func=commands["tables"])


def _compare(sub, commands) -> None:
    p = sub.add_parser("compare", help="compare deux scénarios ligne à ligne (missions, total)")
    for side in ("A", "B"):
        p.add_argument(
            side.lower(),
            metavar=side,
            help="une convention (rapport, corrige, actualise), un fichier de scénario "
            "YAML, ou des affectations nom=valeur séparées par des virgules",
        )
    format_option(p)
    scenario_options(p)
    p.set_defaults(func=commands["compare"])


def _build(sub, commands) -> None:
    p = sub.add_parser("build", help="exécute les notebooks et construit le livre HTML")
    scenario_options(p)
    p.add_argument("--out", metavar="DOSSIER", help="dossier de sortie du livre")
    p.add_argument(
        "--jobs",
        type=compte("--jobs", entier_positif(inputs.JOBS_MAX)),
        default=None,
        metavar="N",
        help=f"notebooks exécutés en parallèle (de 1 à {inputs.JOBS_MAX})",
    )
    pdf = p.add_mutually_exclusive_group()
    pdf.add_argument(
        "--pdf",
        action="store_const",
        const=True,
        default=None,
        help="exige le PDF du livre entier (aaas.pdf, par Chromium) ; par défaut, il est écrit si Chromium est présent",
    )
    pdf.add_argument("--sans-pdf", dest="pdf", action="store_const", const=False, help="ne produit pas le PDF")
    p.set_defaults(func=commands["build"])


def _variants(sub, commands) -> None:
    p = sub.add_parser("variants", help="liste les livres de variantes construits (nom, paramètres, date, taille)")
    p.add_argument(
        "--prune",
        type=compte("--prune", entier_positif(inputs.GARDER_MAX)),
        metavar="N",
        help="ne garde que les N variantes les plus récentes (de 1 à 100\u202f000)",
    )
    p.set_defaults(func=commands["variants"])


ANALYSES = ("oneway", "tornado", "structural", "scenarios", "montecarlo", "sobol", "scale", "twoway")


def _sensitivity(sub, commands) -> None:
    p = sub.add_parser(
        "sensitivity", help="analyses de sensibilité (un à un, tornade, structurelle, Monte Carlo, Sobol, échelle)"
    )
    p.add_argument("analyse", choices=ANALYSES, metavar="ANALYSE", help=", ".join(ANALYSES))
    p.add_argument(
        "--draws",
        type=compte("--draws", limits.tirages),
        default=10_000,
        metavar="N",
        help="tirages Monte Carlo (10\u202f000 ; au plus 10\u202f000\u202f000 : environ 0,5\u00a0Gio et 30\u00a0s)",
    )
    p.add_argument(
        "--seed",
        type=compte("--seed", limits.graine),
        default=1,
        metavar="S",
        help="graine des tirages, un entier de 0 à 2^32 − 1 = 4\u202f294\u202f967\u202f295 (1)",
    )
    p.add_argument(
        "--base-samples",
        type=compte("--base-samples", limits.echantillon),
        default=1024,
        metavar="N",
        help="échantillon de base de Sobol, une puissance de 2 (1\u202f024 ; au plus 2^18 = 262\u202f144 : "
        "environ 1,8\u00a0Gio et 7\u00a0min)",
    )
    p.add_argument("--correle", action="store_true", help="Monte Carlo : variations corrélées (même territoire)")
    p.add_argument(
        "--parametres",
        metavar="A,B",
        default="population_bassin,taux_recours_mg",
        help="twoway : les deux paramètres de la grille ; scale : le paramètre de la courbe",
    )
    _sensitivity_outputs(p)
    format_option(p)
    scenario_options(p)
    p.set_defaults(func=commands["sensitivity"])


def _sensitivity_outputs(p: argparse.ArgumentParser) -> None:
    """``--sortie`` and ``--draws-out`` of ``aaas sensitivity``."""
    p.add_argument(
        "--sortie",
        default=None,
        metavar="QUANTITE",
        help="la seule quantité étudiée (par défaut : les quatre missions et le total ; total pour tornado et twoway)",
    )
    p.add_argument(
        "--draws-out",
        metavar="FICHIER",
        help="montecarlo : écrit chaque tirage (hypothèses tirées et sorties) dans FICHIER.csv "
        "(ou .parquet si pyarrow est installé), au plus 1\u202f000\u202f000 tirages",
    )


def _financements(sub, commands) -> None:
    p = sub.add_parser(
        "financements", help="les programmes de financement du rapport (section 4) par mission et public"
    )
    p.add_argument("--mission", metavar="MISSION", help="relais, pair_aidance, coordination ou participation")
    p.add_argument(
        "--public",
        metavar="PUBLIC",
        help="jeunes, personnes_agees, handicap_psychique, "
        "handicap_physique, public_precaire (precaire) ou professionnels",
    )
    p.add_argument(
        "--incertains",
        action="store_true",
        help="inclut les programmes dont la case n'est pas déterminable dans le texte du rapport",
    )
    format_option(p)
    p.set_defaults(func=commands["financements"])


def _sec(sub, commands) -> None:
    p = sub.add_parser("sec", help="les dotations d'une structure d'exercice coordonné participative (article 51)")
    p.add_argument("--file-active-mg", metavar="N", help="file active de médecine générale (≥ 1 000)")
    p.add_argument("--taux-pauvrete", metavar="X", help="taux de pauvreté du territoire (0,20 ou 20 %%)")
    p.add_argument("--psychologue", metavar="ETP", help="ETP de psychologue (0 à 1, défaut 1)")
    p.add_argument(
        "--base-pauvrete",
        default=None,
        metavar="EUROS",
        help="base à laquelle s'applique la majoration de pauvreté (le texte ne la définit pas)",
    )
    p.add_argument(
        "--montee-en-charge",
        action="store_const",
        const=True,
        help="règle de montée en charge d'une structure nouvelle",
    )
    p.add_argument(
        "--set",
        dest="sets",
        action="append",
        default=[],
        metavar="NOM=VALEUR",
        help="change une valeur de data/sec_parametres.csv (ex. --set cout_etp=60000) ou donne une entrée "
        "(file_active_mg, taux_pauvrete, psychologue_etp, base_pauvrete, montee_en_charge=oui) ; répétable",
    )
    p.add_argument(
        "--scenario",
        metavar="FICHIER.yaml",
        help="fichier YAML nom: valeur (mêmes noms que --set) ; les conventions du rapport "
        "(rapport, corrige, actualise) ne s'appliquent pas à ce modèle",
    )
    format_option(p)
    p.set_defaults(func=commands["sec"])


def _quantites(sub, commands) -> None:
    p = sub.add_parser(
        "quantites",
        help="le dictionnaire : chaque paramètre et chaque quantité calculée (libellé, unité, section, "
        "fonction, valeur dans le scénario)",
    )
    cherche_option(p, "les paramètres et quantités")
    format_option(p)
    scenario_options(p)
    p.set_defaults(func=commands["quantites"])
