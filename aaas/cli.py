"""Command line: ``aaas params | tables | check | build`` (also ``python -m aaas``).

Every input is validated before anything is computed or printed; a bad input prints one
line on stderr naming the parameter and its accepted range, and exits with status 2.
"""

from __future__ import annotations

import argparse
import sys

from . import __version__, datastore, fmt
from .checks import reconcile, tables
from .errors import BuildError, ChoiceError, InputError
from .models import conventions
from .models import scenario as scenarios
from .present import render

EXIT_UNEXPLAINED = 1
EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse's own errors: one line, exit 2
        raise ChoiceError(message)


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
        "--convention", default="rapport", help="rapport (défaut, erreurs reportées comme dans le rapport) ou corrige"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="aaas",
        description="Surcoûts de l'Accompagnement à l'Autonomie en Santé : recalcul des tableaux du rapport.",
    )
    parser.add_argument("--version", action="version", version=f"aaas {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("params", help="liste les hypothèses d'une convention (valeur, unité, bornes, section, source)")
    p.add_argument("--format", default="text", help="text, csv, json, markdown ou yaml (un fichier de scénario)")
    p.add_argument("--convention", default="rapport", help="le jeu de valeurs affiché : rapport (défaut) ou corrige")

    p = sub.add_parser("tables", help="recalcule les tableaux du rapport")
    p.add_argument("name", nargs="?", help="un tableau (voir la liste avec --list)")
    p.add_argument("--table", help="un tableau, par son identifiant")
    p.add_argument("--list", action="store_true", help="liste les tableaux")
    p.add_argument("--format", default="text", help="text, csv, json ou markdown")
    _scenario_options(p)

    p = sub.add_parser("check", help="vérifie que chaque écart au rapport est expliqué par un erratum")

    p = sub.add_parser("build", help="exécute les notebooks et construit le livre HTML")
    _scenario_options(p)
    p.add_argument("--out", help="dossier de sortie du livre")
    p.add_argument("--jobs", type=int, default=None, help="notebooks exécutés en parallèle")
    return parser


def _check_format(form: str, accepted: tuple[str, ...] = render.FORMATS) -> str:
    if form not in accepted:
        raise ChoiceError(f"format inconnu '{form}' ; valeurs acceptées : {', '.join(accepted)}")
    return form


def _scenario(args) -> scenarios.Scenario:
    conventions.check_convention(args.convention)
    return scenarios.resolve(args.scenario, scenarios.parse_assignments(args.sets), args.convention)


PARAMS_FORMATS = (*render.FORMATS, "yaml")


def cmd_params(args) -> str:
    form = _check_format(args.format, PARAMS_FORMATS)
    convention = conventions.check_convention(args.convention)
    values = conventions.defaults(convention)
    if form == "yaml":
        return scenarios.scenario_yaml(values, f"aaas params --convention {convention}")
    df = datastore.parametres()
    df["value"] = [_g(values[n]) for n in df["name"]]
    diff = conventions.differences(convention).set_index("parametre")
    df.insert(2, "valeur_rapport", [_g(diff.loc[n, "rapport"]) if n in diff.index else "" for n in df["name"]])
    df.insert(3, "erratum", [diff.loc[n, "erratum"] if n in diff.index else "" for n in df["name"]])
    if form == "csv":
        return df.to_csv(index=False, lineterminator="\n").rstrip("\n")
    if form == "json":
        return df.to_json(orient="records", force_ascii=False, indent=2)
    if form == "markdown":
        lines = [
            "| paramètre | valeur | unité | bornes | section | libellé | source |",
            "|---|---|---|---|---|---|---|",
        ]
        for r in df.itertuples(index=False):
            lines.append(f"| `{r.name}` | {r.value} | {r.unit} | {_bounds(r)} | {r.section} | {r.label} | {r.source} |")
        return "\n".join(lines)
    out = [f"Convention : {conventions.LIBELLES[convention]}"]
    for r in df.itertuples(index=False):
        extra = f" (rapport : {r.valeur_rapport}, erratum {r.erratum})" if r.valeur_rapport else ""
        out.append(
            f"{r.name} = {r.value} {r.unit}{extra}\n    {r.label}\n    bornes : {_bounds(r)} ; "
            f"section {r.section} ; source : {r.source}"
        )
    return "\n".join(out)


def _bounds(r) -> str:
    if r.choices:
        return r.choices.replace("|", ", ")
    return f"[{r.min} ; {r.max}]"


def cmd_tables(args) -> str:
    form = _check_format(args.format)
    name = args.table or args.name
    if args.list:
        t = reconcile.tableaux()
        return "\n".join(f"{r.tableau:28s} {r.section:8s} {r.titre}" for r in t.itertuples(index=False))
    if name:
        tables.check_table(name)
    scenario = _scenario(args)
    every = tables.all_tables(scenario, args.convention)
    chosen = {name: every[name]} if name else every
    infos = {t: tables.info(t) for t in chosen}
    header = _header(scenario, args.convention) if form in {"text", "markdown"} else ""
    return render.render(chosen, infos, form, header)


def _header(scenario: scenarios.Scenario, convention: str) -> str:
    lines = [f"Convention : {conventions.LIBELLES[convention]}"]
    if scenario.changed:
        diffs = ", ".join(f"{k} = {fmt.brut(v)}" for k, v in scenario.changed.items())
        lines.append(f"Scénario différent du rapport : {diffs}")
    return "\n".join(lines)


def cmd_check(args) -> tuple[str, int]:
    lines, code = [], 0
    problems = reconcile.errata_problems()
    for convention in conventions.CONVENTIONS:
        rec = reconcile.reconcile(scenarios.resolve(convention=convention), convention)
        counts = rec["statut"].value_counts().to_dict()
        summary = ", ".join(f"{v} {k}" for k, v in counts.items())
        lines.append(f"convention {convention} : {len(rec)} chiffres publiés — {summary}")
        bad = rec[rec["statut"] == reconcile.STATUTS["inexplique"]]
        for r in bad.itertuples(index=False):
            code = EXIT_UNEXPLAINED
            lines.append(
                f"  ÉCART INEXPLIQUÉ [{r.tableau}] {r.label} : imprimé {r.value:g}, recalculé {r.recalcule:.6g}"
            )
    for p in problems:
        code = EXIT_UNEXPLAINED
        lines.append(f"  ERRATUM INCOHÉRENT {p}")
    total = conventions.compute("rapport")["total"]
    corr = conventions.compute("corrige")["total"]
    lines.append(
        f"total convention rapport : {fmt.euros(total)} ; convention corrigée : {fmt.euros(corr)} "
        f"(écart {fmt.ecart(round(corr) - round(total), '€')})"
    )
    lines.append("vérification réussie" if code == 0 else "vérification ÉCHOUÉE")
    return "\n".join(lines), code


def cmd_build(args) -> str:
    from .publish import build  # the book's machinery is only needed here

    index = build.build_book(
        scenario_file=args.scenario,
        overrides=scenarios.parse_assignments(args.sets),
        convention=args.convention,
        out=args.out,
        jobs=args.jobs,
    )
    return f"Livre construit : {index}"


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        if args.command == "params":
            out, code = cmd_params(args), 0
        elif args.command == "tables":
            out, code = cmd_tables(args), 0
        elif args.command == "check":
            out, code = cmd_check(args)
        else:
            out, code = cmd_build(args), 0
    except InputError as exc:
        print(f"aaas : erreur : {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BuildError as exc:
        print(f"aaas : échec de la construction : {exc}", file=sys.stderr)
        return 1
    sys.stdout.write(out + "\n")
    return code


def _g(v) -> str:
    """A value as a user would type it back, without loss (``repr`` of a float)."""
    if isinstance(v, str):
        return v
    v = float(v)
    return str(int(v)) if v.is_integer() else repr(v)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
