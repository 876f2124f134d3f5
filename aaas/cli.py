"""Command line: ``aaas params | tables | check | build`` (also ``python -m aaas``).

Every input is validated before anything is computed or printed; a bad input prints one
line on stderr naming the parameter and its accepted range, and exits with status 2.
"""

from __future__ import annotations

import argparse
import re
import sys

from . import __version__, fmt
from .checks import reconcile, tables
from .checks.evaluation import Evaluation
from .errors import BuildError, ChoiceError, InputError
from .models import conventions
from .models import scenario as scenarios
from .present import render

EXIT_UNEXPLAINED = 1
PARAMS_FORMATS = (*render.FORMATS, "yaml")


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse's own errors: one line, exit 2
        choice = re.match(r"argument (\S+): invalid choice: '?([^' ]*)'? \(choose from (.*)\)", message)
        if choice:
            option, value, accepted = choice.groups()
            message = f"{option} : valeur inconnue '{value}' ; valeurs acceptées : {accepted.replace(chr(39), '')}"
        raise ChoiceError(re.sub(r"^argument (\S+): ", r"\1 : ", message))


def _convention(text: str) -> str:
    try:
        return conventions.check_convention(text)
    except ChoiceError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _scenario_options(p: argparse.ArgumentParser) -> None:
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
        default="rapport",
        type=_convention,
        help="rapport (défaut, erreurs reportées comme dans le rapport) ou corrige",
    )


def build_parser() -> argparse.ArgumentParser:
    """The parser of the four commands, each dispatching to its ``cmd_*`` function."""
    parser = _Parser(
        prog="aaas",
        description="Surcoûts de l'Accompagnement à l'Autonomie en Santé : recalcul des tableaux du rapport.",
    )
    parser.add_argument("--version", action="version", version=f"aaas {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("params", help="liste les hypothèses d'une convention (valeur, unité, bornes, section, source)")
    p.add_argument("--format", default="text", choices=PARAMS_FORMATS, help="yaml : un fichier de scénario complet")
    p.add_argument("--convention", default="rapport", type=_convention, help="le jeu de valeurs affiché")
    p.set_defaults(func=cmd_params)

    p = sub.add_parser("tables", help="recalcule les tableaux du rapport")
    p.add_argument("name", nargs="?", help="un tableau (voir la liste avec --list)")
    p.add_argument("--table", help="un tableau, par son identifiant")
    p.add_argument("--list", action="store_true", help="liste les tableaux")
    p.add_argument("--format", default="text", choices=render.FORMATS)
    _scenario_options(p)
    p.set_defaults(func=cmd_tables)

    p = sub.add_parser("check", help="vérifie que chaque écart au rapport est expliqué par un erratum")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("build", help="exécute les notebooks et construit le livre HTML")
    _scenario_options(p)
    p.add_argument("--out", help="dossier de sortie du livre")
    p.add_argument("--jobs", type=int, default=None, help="notebooks exécutés en parallèle")
    p.set_defaults(func=cmd_build)
    return parser


def _scenario(args) -> scenarios.Scenario:
    return scenarios.resolve(args.scenario, scenarios.parse_assignments(args.sets), args.convention)


def cmd_params(args) -> tuple[str, int]:
    """``aaas params``: a convention's parameter set (or a complete scenario file)."""
    if args.format == "yaml":
        values = conventions.defaults(args.convention)
        return scenarios.scenario_yaml(values, f"aaas params --convention {args.convention}"), 0
    return render.render_parametres(args.convention, args.format), 0


def cmd_tables(args) -> tuple[str, int]:
    """``aaas tables``: the report's tables recomputed for a scenario."""
    name = args.table or args.name
    if args.list:
        t = reconcile.tableaux()
        return "\n".join(f"{r.tableau:28s} {r.section:8s} {r.titre}" for r in t.itertuples(index=False)), 0
    if name:
        tables.check_table(name)
    ev = Evaluation(_scenario(args), args.convention)
    chosen = {name: ev.table(name)} if name else ev.tables()
    infos = {t: tables.info(t) for t in chosen}
    header = _header(ev) if args.format in {"text", "markdown"} else ""
    return render.render(chosen, infos, args.format, header), 0


def _header(ev: Evaluation) -> str:
    lines = [f"Convention : {conventions.LIBELLES[ev.convention]}"]
    if ev.scenario.changed:
        diffs = ", ".join(f"{k} = {fmt.brut(v)}" for k, v in ev.scenario.changed.items())
        lines.append(f"Scénario différent du rapport : {diffs}")
    return "\n".join(lines)


def cmd_check(args) -> tuple[str, int]:
    """``aaas check``: every gap to the report explained, both conventions."""
    lines, code = [], 0
    for convention in conventions.CONVENTIONS:
        rec = Evaluation(convention=convention).reconciliation
        summary = ", ".join(f"{v} {k}" for k, v in rec["statut"].value_counts().to_dict().items())
        lines.append(f"convention {convention} : {len(rec)} chiffres publiés — {summary}")
        for r in rec[rec["statut"] == reconcile.STATUTS["inexplique"]].itertuples(index=False):
            code = EXIT_UNEXPLAINED
            lines.append(
                f"  ÉCART INEXPLIQUÉ [{r.tableau}] {r.label} : imprimé {r.value:g}, recalculé {r.recalcule:.6g}"
            )
    for p in reconcile.errata_problems():
        code = EXIT_UNEXPLAINED
        lines.append(f"  ERRATUM INCOHÉRENT {p}")
    total, corr = Evaluation().total, Evaluation(convention="corrige").total
    lines.append(
        f"total convention rapport : {fmt.euros(total)} ; convention corrigée : {fmt.euros(corr)} "
        f"(écart {fmt.ecart(round(corr) - round(total), '€')})"
    )
    lines.append("vérification réussie" if code == 0 else "vérification ÉCHOUÉE")
    return "\n".join(lines), code


def cmd_build(args) -> tuple[str, int]:
    """``aaas build``: the book for a scenario."""
    from .publish import build  # the book's machinery is only needed here

    index = build.build_book(
        scenario_file=args.scenario,
        overrides=scenarios.parse_assignments(args.sets),
        convention=args.convention,
        out=args.out,
        jobs=args.jobs,
    )
    return f"Livre construit : {index}", 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status (0, 1 on failure, 2 on bad input)."""
    try:
        args = build_parser().parse_args(argv)
        out, code = args.func(args)
    except (InputError, BuildError) as exc:
        prefix = "erreur" if isinstance(exc, InputError) else "échec de la construction"
        print(f"aaas : {prefix} : {exc}", file=sys.stderr)
        return exc.exit_code
    sys.stdout.write(out + "\n")
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
