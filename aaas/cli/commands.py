"""The commands of the command line.  Heavy libraries are imported inside each command,
so that ``aaas --help`` stays instant."""

from __future__ import annotations

from ..errors import ChoiceError, cite


def _scenario(args, convention: str | None = None):
    """The scenario of the shared options (validated before anything is computed)."""
    from ..models import scenario as scenarios

    conv = convention or args.convention or "rapport"
    return scenarios.resolve(args.scenario, scenarios.parse_assignments(args.sets), conv)


def cmd_params(args) -> tuple[str, int]:
    """``aaas params``: a convention's parameter set, with the scenario's values on top
    (or a complete scenario file)."""
    from ..models import scenario as scenarios
    from ..present import parameters as parameters_view

    if args.format == "yaml" and args.cherche is not None:
        raise ChoiceError("--cherche ne sert pas avec --format yaml (un fichier de scénario complet)")
    scenario = _scenario(args)
    if args.format == "yaml":
        origin = f"aaas params --convention {scenario.convention}" + (" (scénario modifié)" if scenario.changed else "")
        return scenarios.scenario_yaml(scenario.values, origin), 0
    return parameters_view.render_parameters(scenario, args.format, args.cherche), 0


def cmd_quantites(args) -> tuple[str, int]:
    """``aaas quantites``: the dictionary of parameters and computed quantities, with their
    value in the scenario (``--cherche MOT``: those whose name or label contains MOT)."""
    from ..present import quantites

    scenario = _scenario(args)
    return quantites.render_quantites(scenario, args.format, args.cherche), 0


def cmd_tables(args) -> tuple[str, int]:
    """``aaas tables``: the report's tables recomputed for a scenario."""
    from ..checks import tables
    from ..checks.evaluation import Evaluation
    from ..present import render

    scenario = _scenario(args)
    if args.list:
        return "\n".join(f"{r.tableau:28s} {r.section:8s} {r.titre}" for r in tables.listing()), 0
    if args.name and args.table and args.name != args.table:
        raise ChoiceError(
            f"deux tableaux demandés ('{cite(args.name)}' et --table '{cite(args.table)}') : n'en donner qu'un"
        )
    name = args.table or args.name
    if name:
        tables.check_table(name)
    _check_out(args)
    ev = Evaluation(scenario, scenario.convention)
    baseline = args.baseline or ("defaut" if scenario.changed else "rapport")
    chosen = [name] if name else tables.ids()
    if args.format == "xlsx":
        from ..present import classeur

        return f"Classeur écrit : {classeur.write_workbook(ev, chosen, args.out, baseline)}", 0
    return render.render_tables(ev, chosen, args.format, baseline), 0


def _check_out(args) -> None:
    """``--out`` goes with ``--format xlsx`` and names a place a workbook may be written."""
    if args.format == "xlsx" and not args.out:
        raise ChoiceError("--format xlsx demande --out FICHIER.xlsx")
    if args.out and args.format != "xlsx":
        raise ChoiceError("--out ne sert qu'avec --format xlsx (sinon, rediriger la sortie : > fichier)")
    if args.out:
        from ..present import classeur

        classeur.check_destination(args.out)


def cmd_compare(args) -> tuple[str, int]:
    """``aaas compare A B``: two scenarios side by side (lines, missions, total)."""
    from ..checks import compare
    from ..present import comparaison

    base = _scenario(args)
    a, b = (compare.operand(x, base) for x in (args.a, args.b))
    return comparaison.render_comparison(compare.compare(a, b), a, b, args.format), 0


def cmd_check(args) -> tuple[str, int]:
    """``aaas check``: every gap to the report explained (both conventions, or the one given)."""
    from ..models import parameters
    from ..present import verification

    parameters.validate_data()  # every data file against its schema, every value against its bounds
    scenario = _scenario(args)
    return verification.check(scenario, [args.convention] if args.convention else None)


def cmd_build(args) -> tuple[str, int]:
    """``aaas build``: the book for a scenario.  Interrupted, it stops its children and
    leaves its output folder whole before it ends (:func:`aaas.cli.interrupts.unwind`)."""
    from .. import location
    from ..errors import InputError

    if not location.in_checkout():  # the notebooks and the book's pages are in the repository only
        raise InputError("aaas build construit le livre depuis un clone du dépôt (notebooks/, book/) : lancez-le là")
    from ..models import scenario as scenarios
    from ..publish import build
    from . import interrupts

    interrupts.unwind()
    index = build.build_book(
        scenario_file=args.scenario,
        overrides=scenarios.parse_assignments(args.sets),
        convention=args.convention or "rapport",
        out=args.out,
        jobs=args.jobs,
        pdf=args.pdf,
    )
    pdf = f"\nPDF : {build.pdf_path(index)}" if build.pdf_path(index).is_file() else ""
    return f"Livre construit : {index}{pdf}", 0


def cmd_variants(args) -> tuple[str, int]:
    """``aaas variants [--prune N]``: the variant books built, most recently used first;
    ``--prune N`` keeps the N most recently used (and their cached notebooks)."""
    from .. import fmt
    from ..publish import variants

    if args.prune:
        cached = variants.prune_cache(None, args.prune)  # first: a refused cache stops before any removal
        removed = variants.prune(None, args.prune) + cached
        lines = [f"supprimé : {p}" for p in removed]
        return "\n".join([*lines, f"{len(removed)} élément(s) supprimé(s) ; {args.prune} variante(s) gardée(s)"]), 0
    rows = variants.list_variants(None)
    if not rows:
        return "Aucune variante construite (aaas build --scenario FICHIER.yaml en construit une).", 0
    lines = []
    for v in rows:
        changes = ", ".join(f"{k} = {fmt.brut(x)}" for k, x in v["parameters"].items()) or "aucun"
        date = (v["date"] or v["used"])[:16].replace("T", " ")
        lines.append(
            f"{v['name']}  construite le {date}  {fmt.nombre(v['size'] / 1e6, 1)} Mo  {v['path']}\n"
            f"    convention {v['convention'] or 'rapport'} ; paramètres modifiés : {changes}"
        )
    return "\n".join(lines), 0


def cmd_sensitivity(args) -> tuple[str, int]:
    """``aaas sensitivity ANALYSE``: one of the sensitivity analyses, as a tidy table."""
    import sys

    from ..present import exports, sensitivity
    from ..sensitivity import analyses

    scenario = _scenario(args)
    draws_out = _draws_out(args)
    progress = _progress if sys.stderr.isatty() else None
    prov = exports.provenance_of(scenario, scenario.convention)
    options = {
        "sortie": args.sortie, "draws": args.draws, "seed": args.seed, "correle": args.correle,
        "base_samples": args.base_samples, "parametres": args.parametres, "progress": progress,
    }  # fmt: skip
    if draws_out is None:
        df, title = analyses.run(args.analyse, scenario, **options)
    else:
        from . import interrupts

        interrupts.unwind()  # an interruption unwinds, so that the draws file is removed whole
        draws_prov = {**prov, "graine": args.seed, "tirages": "correles" if args.correle else "independants"}
        with sensitivity.DrawsWriter(draws_out, draws_prov) as writer:
            df, title = analyses.run(args.analyse, scenario, on_chunk=writer.write, **options)
        title += f" ; tirages écrits dans {draws_out}"
    return sensitivity.render_frame(df, args.format, prov, title), 0


def _draws_out(args):
    """``--draws-out``'s path, checked before any draw (montecarlo only, at most
    :data:`~aaas.sensitivity.limits.TIRAGES_GARDES_MAX` draws), or None."""
    if not args.draws_out:
        return None
    from ..present import sensitivity
    from ..sensitivity import limits

    if args.analyse != "montecarlo":
        raise ChoiceError(f"--draws-out ne sert qu'avec l'analyse montecarlo (pas {args.analyse})")
    limits.tirages_ecrits(args.draws)
    return sensitivity.check_draws_path(args.draws_out)


def _progress(done: int, total: int) -> None:
    import sys

    sys.stderr.write(f"\r  tirages évalués : {done} / {total}" + ("\n" if done == total else ""))


def cmd_financements(args) -> tuple[str, int]:
    """``aaas financements``: the funding programmes that can fund a mission for a public."""
    from ..atlas import financements
    from ..present import financements as rendu

    df = financements.programmes(mission=args.mission, public=args.public, incertains=args.incertains)
    return rendu.render_programmes(df, args.format, {"mission": args.mission, "public": args.public}), 0


def cmd_sec(args) -> tuple[str, int]:
    """``aaas sec``: the four dotations of a participative SEC, their rules and the total,
    on the SEC parameter set with ``--set``/``--scenario`` on top."""
    from ..models import scenario as scenarios
    from ..models import sec
    from ..present import sec as rendu

    resolved = sec.resolve_sec(args.scenario, scenarios.parse_assignments(args.sets))
    options = {
        "file_active_mg": args.file_active_mg,
        "taux_pauvrete": args.taux_pauvrete,
        "psychologue_etp": args.psychologue,
        "base_pauvrete": args.base_pauvrete,
        "montee_en_charge": args.montee_en_charge,
    }
    result = sec.dotations(**sec.arguments(options, resolved["entrees"]), parametres=resolved["valeurs"])
    result["parametres_modifies"] = resolved["modifies"]
    result["fichier_scenario"] = resolved["fichier_scenario"]
    return rendu.render_sec(result, args.format), 0


COMMANDS = {
    "params": cmd_params,
    "tables": cmd_tables,
    "compare": cmd_compare,
    "check": cmd_check,
    "build": cmd_build,
    "variants": cmd_variants,
    "sensitivity": cmd_sensitivity,
    "financements": cmd_financements,
    "sec": cmd_sec,
    "quantites": cmd_quantites,
}
