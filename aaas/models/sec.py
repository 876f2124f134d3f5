"""The dotation model of the SEC participatives (article 51 experiment « Structures
d'exercice coordonné participatives », seed 001, « Financement de l'expérimentation »):
what a structure of a given file active MG and poverty rate receives.

The values are read from ``data/sec_parametres.csv``; the formulas are in
:mod:`aaas.formulas.sec`.  :func:`dotations` gives each dotation, its rule in French and the
total.  Dotation (b) has no base in the text: without ``base_pauvrete`` its amount is
``None`` (only its percentage is known) and the total leaves it out, saying so.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .. import datastore, fmt
from ..errors import ParameterError, cite
from ..formulas import sec as f
from .parameters import Parameter

#: What the texts leave undefined (said in every result).
NON_DEFINI = (
    "Dotation b : le texte donne un pourcentage (0 à +20 % selon le taux de pauvreté) sans dire à quel montant "
    "il s'applique ; son montant n'est calculé que si l'on fournit cette base (base_pauvrete).",
    "Dotation b : « Cette dotation est plafonnée », sans montant de plafond.",
    "Dotation b : pour les structures de l'expérimentation PEPS, seul le différentiel avec la modulation PEPS "
    "au taux de pauvreté est versé ; cette modulation n'est pas chiffrée.",
    "Montée en charge : la règle « file active prévisionnelle / 1 000 × 4 » n'est pas bornée par le barème "
    "par paliers (erratum S03).",
)


def valeurs() -> dict[str, float]:
    """The SEC values of ``data/sec_parametres.csv``, by name."""
    df = datastore.sec_parametres()
    return dict(zip(df["name"], df["value"].astype(float), strict=True))


def _borne(x) -> float | None:
    return None if x is None or (isinstance(x, float) and math.isnan(x)) or x == "" else float(x)


def parametres_sec() -> dict[str, Parameter]:
    """The SEC parameter set (``data/sec_parametres.csv``): each value with its unit, label,
    section, source and bounds (the columns ``min`` and ``max``)."""
    df = datastore.sec_parametres()
    return {
        r.name: Parameter(
            r.name, float(r.value), r.unit, "sec", r.section, r.label, r.source, _borne(r.min), _borne(r.max), None
        )
        for r in df.itertuples(index=False)
    }


#: The inputs of a structure that ``--set`` and a scenario file may also give, besides the
#: SEC parameter set (:func:`entrees`); ``montee_en_charge`` is 0 or 1.
ENTREES = ("file_active_mg", "taux_pauvrete", "psychologue_etp", "base_pauvrete", "montee_en_charge")


def resolve_sec(scenario_file: str | Path | None = None, overrides: Mapping[str, Any] | None = None) -> dict:
    """The SEC parameter set <- scenario file <- overrides (``--set``), each name and value
    validated as the cost model's are: an unknown name is refused with the nearest one, a
    value out of the bounds of ``data/sec_parametres.csv`` with the accepted range.

    Returns ``{"valeurs": the complete set, "modifies": the values that differ from the
    data, "entrees": the structure's inputs given (raw, checked by :func:`dotations`),
    "fichier_scenario": the file's name or None}``.

    >>> r = resolve_sec(overrides={"cout_etp": "60 000", "file_active_mg": "2500"})
    >>> r["modifies"], r["entrees"]
    ({'cout_etp': 60000.0}, {'file_active_mg': '2500'})
    >>> resolve_sec(overrides={"cout_etpp": "1"})
    Traceback (most recent call last):
    ...
    aaas.errors.ParameterError: paramètre SEC inconnu 'cout_etpp' ; vouliez-vous dire 'cout_etp' ?
    """
    from .scenario import load_scenario

    table = parametres_sec()
    base = {name: p.value for name, p in table.items()}
    layers = []
    if scenario_file:
        layers.append((f"scénario {Path(scenario_file).name}", load_scenario(scenario_file)))
    if overrides:
        layers.append(("--set", overrides))
    explicit: dict[str, Any] = {}
    entrees_: dict[str, Any] = {}
    for origin, layer in layers:
        for name, raw in layer.items():
            if name in ENTREES:
                entrees_[name] = raw
            else:
                explicit[name] = _lookup(table, name).validate(raw, origin)
    return {
        "valeurs": {**base, **explicit},
        "modifies": {k: v for k, v in explicit.items() if v != base[k]},
        "entrees": entrees_,
        "fichier_scenario": Path(scenario_file).name if scenario_file else None,
    }


#: The command line's option for each input (:func:`arguments`).
OPTIONS = {
    "file_active_mg": "--file-active-mg",
    "taux_pauvrete": "--taux-pauvrete",
    "psychologue_etp": "--psychologue",
    "base_pauvrete": "--base-pauvrete",
    "montee_en_charge": "--montee-en-charge",
}
#: What ``montee_en_charge`` accepts from ``--set`` or a scenario file.
OUI_NON = {"1": True, "oui": True, "true": True, "vrai": True, "0": False, "non": False, "false": False, "faux": False}


def arguments(options: Mapping[str, Any], entrees_: Mapping[str, Any]) -> dict[str, Any]:
    """The inputs of :func:`dotations` from the command line's options (None: not given)
    and the inputs of ``--set`` or a scenario file (:func:`resolve_sec`): each given
    once, the file active and the poverty rate required.

    >>> arguments({"file_active_mg": "2500"}, {"taux_pauvrete": "0,2", "montee_en_charge": "oui"})
    {'file_active_mg': '2500', 'taux_pauvrete': '0,2', 'montee_en_charge': True}
    >>> arguments({"file_active_mg": "2500"}, {"file_active_mg": "3000"})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    aaas.errors.ParameterError: paramètre 'file_active_mg' donné deux fois (--file-active-mg et --set ou scénario) ; ...
    """
    out: dict[str, Any] = {}
    for name in ENTREES:
        given = [v for v in (options.get(name), entrees_.get(name)) if v is not None]
        if len(given) == 2:
            raise ParameterError(
                f"paramètre '{name}' donné deux fois ({OPTIONS[name]} et --set ou scénario) ; une seule valeur"
            )
        if given:
            out[name] = _oui_non(given[0]) if name == "montee_en_charge" else given[0]
    for name in ("file_active_mg", "taux_pauvrete"):
        if name not in out:
            raise ParameterError(f"paramètre '{name}' manquant : {OPTIONS[name]} X ou --set {name}=X")
    return out


def _oui_non(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    value = OUI_NON.get(str(raw).strip().lower())
    if value is None:
        raise ParameterError(
            f"paramètre 'montee_en_charge' : valeur '{cite(str(raw))}' invalide ; valeurs acceptées : oui ou non"
        )
    return value


def _lookup(table: Mapping[str, Parameter], name: str) -> Parameter:
    if name in table:
        return table[name]
    near = difflib.get_close_matches(str(name), [*table, *ENTREES], n=1, cutoff=0.5)
    hint = f" ; vouliez-vous dire '{near[0]}' ?" if near else " ; voir data/sec_parametres.csv"
    raise ParameterError(f"paramètre SEC inconnu '{cite(str(name))}'{hint}")


def _entree(name: str, label: str, unit: str, lo: float | None, hi: float | None, entier: bool = False) -> Parameter:
    return Parameter(name, None, unit, "sec", "Financement 1)", label, "seed 001", lo, hi, None, entier=entier)


def entrees(v: dict[str, float], montee_en_charge: bool = False) -> dict[str, Parameter]:
    """The inputs of :func:`dotations` and their accepted ranges (from the data: the floor,
    the psychologist's ETP ceiling)."""
    plancher = 0.0 if montee_en_charge else v["file_active_plancher"]
    return {
        "file_active_mg": _entree("file_active_mg", "File active MG", "patients", plancher, None, entier=True),
        "taux_pauvrete": _entree("taux_pauvrete", "Taux de pauvreté du territoire", "part", 0.0, 1.0),
        "psychologue_etp": _entree("psychologue_etp", "ETP de psychologue", "ETP", 0.0, v["psychologue_etp_max"]),
        "base_pauvrete": _entree("base_pauvrete", "Base de la dotation b", "€/an", 0.0, None),
    }


def dotations(
    file_active_mg,
    taux_pauvrete,
    psychologue_etp=None,
    base_pauvrete=None,
    montee_en_charge: bool = False,
    parametres: Mapping[str, float] | None = None,
) -> dict[str, Any]:
    """Every dotation of a SEC participative (scalars), its rule and the total.

    Parameters
    ----------
    file_active_mg : float or str [patients]
        File active MG of the previous year (the 2022 forecast if ``montee_en_charge``), ≥ 1 000.
    taux_pauvrete : float or str [part]
        Poverty rate of the territory, 0 to 1 (« 20 % » or 0.20).
    psychologue_etp : float or str [ETP]
        Psychologist time of dotation (d), 0 to the ceiling (default: the ceiling, 1 ETP).
    base_pauvrete : float or str or None [€/an]
        What dotation (b)'s percentage applies to: undefined by the text, hence no default;
        None leaves (b)'s amount out of the total.
    montee_en_charge : bool
        Ramp-up phase (Financement 2)): ETP = file active / 1 000 × 4, no floor.
    parametres : mapping, optional
        The SEC set (default: ``data/sec_parametres.csv``; :func:`resolve_sec`).

    Raises ``aaas.errors.ParameterError`` naming the parameter and the accepted range.
    >>> dotations(2500, 0.20)["total"]  # 302 500 (a) + 57 000 (c) + 66 000 (d), b without base
    425500.0
    """
    v = dict(parametres) if parametres is not None else valeurs()
    x = _valider(v, file_active_mg, taux_pauvrete, psychologue_etp, base_pauvrete, montee_en_charge)
    n = x["file_active_mg"]
    dot = {
        "a_non_professionnels_sante": _dotation_a(v, n, montee_en_charge),
        "b_professionnels_sante": _dotation_b(v, x["taux_pauvrete"], x["base_pauvrete"]),
        "c_interpretariat": _dotation_c(v, n),
        "d_psychologue": _dotation_d(v, x["psychologue_etp"]),
    }
    total = float(sum(d["montant"] for d in dot.values() if d["montant"] is not None))
    plafond = f.plafond_formation(total, v["formation_part_max"])
    return {"entrees": x, "dotations": dot, "total": total, "total_inclut_b": x["base_pauvrete"] is not None,
            "plafond_formation": plafond, "non_defini": list(NON_DEFINI)}  # fmt: skip


def _valider(v, file_active_mg, taux_pauvrete, psychologue_etp, base_pauvrete, montee_en_charge) -> dict[str, Any]:
    """The inputs, validated (:class:`~aaas.errors.ParameterError` on the first bad one)."""
    spec = entrees(v, montee_en_charge)
    return {
        "file_active_mg": spec["file_active_mg"].validate(file_active_mg),
        "taux_pauvrete": spec["taux_pauvrete"].validate(taux_pauvrete),
        "psychologue_etp": spec["psychologue_etp"].validate(
            v["psychologue_etp_max"] if psychologue_etp is None else psychologue_etp
        ),
        "base_pauvrete": None if base_pauvrete is None else spec["base_pauvrete"].validate(base_pauvrete),
        "montee_en_charge": montee_en_charge,
    }


def _dotation_a(v: dict[str, float], n, montee_en_charge: bool) -> dict[str, Any]:
    if montee_en_charge:
        etp = f.etp_montee_en_charge(n, v["montee_en_charge_etp_par_1000"])
        par_1000 = fmt.brut(v["montee_en_charge_etp_par_1000"])
        regle = f"montée en charge : {fmt.brut(n)} / 1 000 × {par_1000} = {fmt.brut(etp)} ETP"
    else:
        etp = f.etp_non_professionnels_sante(
            n, *(v[k] for k in ("palier_1_debut", "palier_1_etp", "palier_1_pas")),
            *(v[k] for k in ("palier_2_debut", "palier_2_etp", "palier_2_pas", "etp_plafond")),
        )  # fmt: skip
        regle = f"{_palier(v, n)} = {fmt.brut(etp)} ETP"
    montant = f.dotation_non_professionnels_sante(etp, v["cout_etp"])
    return {
        "libelle": "Activités participatives des professionnels autres que de santé",
        "montant": montant,
        "etp": etp,
        "regle": f"{regle} × {fmt.euros(v['cout_etp'])} par ETP",
        "section": "Financement 1) a." if not montee_en_charge else "Financement 1) a. et 2)",
    }


def _palier(v: dict[str, float], n) -> str:
    b = {k: fmt.brut(v[k]) for k in v}
    if n < v["palier_2_debut"]:
        return f"{b['palier_1_etp']} + ({fmt.brut(n)} − {b['palier_1_debut']}) / {b['palier_1_pas']}"
    if n < v["palier_plafond_debut"]:
        return f"{b['palier_2_etp']} + ({fmt.brut(n)} − {b['palier_2_debut']}) / {b['palier_2_pas']}"
    return f"plafond au-delà de {b['palier_plafond_debut']} patients"


def _dotation_b(v: dict[str, float], t, base) -> dict[str, Any]:
    maj = f.majoration_pauvrete(t, v["taux_pauvrete_seuil"], v["taux_pauvrete_plein"], v["majoration_pauvrete_max"])
    regle = (
        f"taux de pauvreté {fmt.pourcent(t, 1)} : rien jusqu'à {fmt.pourcent(v['taux_pauvrete_seuil'])}, "
        f"linéaire jusqu'à +{fmt.pourcent(v['majoration_pauvrete_max'])} à {fmt.pourcent(v['taux_pauvrete_plein'])} "
        f"et au-delà : +{fmt.pourcent(maj, 1)}"
    )
    if base is None:
        montant, regle = None, f"{regle} d'une base que le texte ne définit pas (montant non calculé)"
    else:
        montant, regle = f.dotation_professionnels_sante(base, maj), f"{regle} × {fmt.euros(base)}"
    return {
        "libelle": "Démarche participative des professionnels de santé (modulation au taux de pauvreté)",
        "montant": montant,
        "majoration": maj,
        "regle": regle,
        "section": "Financement 1) b.",
    }


def _dotation_c(v: dict[str, float], n) -> dict[str, Any]:
    plafond = v["interpretariat_plafond_file_active"]
    montant = f.dotation_interpretariat(n, v["interpretariat_par_1000"], plafond)
    retenu = min(float(n), plafond)
    return {
        "libelle": "Recours à l'interprétariat professionnel",
        "montant": montant,
        "regle": f"{fmt.brut(retenu)} × {fmt.euros(v['interpretariat_par_1000'])} / 1 000 "
        f"(file active plafonnée à {fmt.brut(plafond)} patients)",
        "section": "Financement 1) c.",
    }


def _dotation_d(v: dict[str, float], psy) -> dict[str, Any]:
    montant = f.dotation_psychologue(
        psy, v["psychologue_cout_employeur"], v["psychologue_etp_max"], v["psychologue_plafond"]
    )
    return {
        "libelle": "Soutien psychologique (complément à la mesure Ségur)",
        "montant": montant,
        "regle": f"{fmt.brut(psy)} ETP × {fmt.euros(v['psychologue_cout_employeur'])}, plafond "
        f"{fmt.euros(v['psychologue_plafond'])} par structure, après accord de l'ARS",
        "section": "Financement 1) d.",
    }
