"""The data layer: each file read once, checked against its schema, never shared mutable;
a damaged file is one line naming the file, the line and the column."""

import os
import re
import subprocess
import sys

import pandas as pd
import pytest

from aaas import cli, datastore, location
from aaas.errors import DataFileError, InputError
from aaas.models import parameters


def test_every_data_file_has_a_schema_and_every_schema_a_file():
    files = {p.name for p in (datastore.ROOT / "data").glob("*.csv")}
    assert files == set(datastore.SCHEMAS)
    for name in files:
        assert len(datastore.table(name)) > 0


def test_callers_cannot_change_what_others_read():
    df = datastore.published()
    df.loc[0, "value"] = -1.0
    df["nouvelle"] = 1
    again = datastore.published()
    assert again.loc[0, "value"] != -1.0 and "nouvelle" not in again.columns


def test_tables_are_read_once(monkeypatch):
    datastore.clear_cache()
    datastore.lignes()
    calls = []
    monkeypatch.setattr(datastore, "_read", lambda name, schema: calls.append(name))
    datastore.lignes()
    assert calls == []
    datastore.clear_cache()


def test_scale_bands_are_read_only():
    bornes, taux, fixes = datastore.bareme_tranches("2021", "4")
    assert list(taux) == [0.575, 0.323, 0.387]
    with pytest.raises(ValueError):
        taux[0] = 1.0


def test_a_missing_column_is_named(data_copy):
    text = (data_copy / "lignes.csv").read_text(encoding="utf-8").replace(",echelle,", ",scale,", 1)
    (data_copy / "lignes.csv").write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match="lignes.csv : colonnes manquantes : echelle"):
        datastore.lignes()


def test_a_missing_file_is_an_input_error(data_copy):
    (data_copy / "porteurs.csv").unlink()
    with pytest.raises(InputError, match="introuvable"):
        datastore.porteurs()


def test_a_non_numeric_cell_is_named(data_copy):
    text = (data_copy / "mutualisation.csv").read_text(encoding="utf-8").replace(",1,", ",un,", 1)
    (data_copy / "mutualisation.csv").write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match="ligne 2, colonne « part_mutualisee » : 'un' n'est pas un nombre"):
        datastore.mutualisation()


def _damage(folder, name: str, old: str, new: str) -> None:
    """Replace the first match of the regular expression ``old`` (a line of the file)."""
    p = folder / name
    text = p.read_text(encoding="utf-8")
    damaged = re.sub(old, new, text, count=1, flags=re.M)
    assert damaged != text, (name, old)
    p.write_text(damaged, encoding="utf-8")


def _duplicate_line(folder, name: str, line: int) -> None:
    p = folder / name
    lines = p.read_text(encoding="utf-8").split("\n")
    lines.insert(line, lines[line - 1])
    p.write_text("\n".join(lines), encoding="utf-8")


#: (file, line pattern, replacement, the message expected): one per kind of damage.
DAMAGES = [
    (
        "parameters.csv",
        r"^tarif_consultation_mg,25,",
        "tarif_consultation_mg,vingt,",
        "parameters.csv, ligne 3, colonne « value » : nombre attendu (le paramètre n'a pas de choix) (lu : 'vingt')",
    ),
    (
        "errata.csv",
        r"^E03,",
        "E02,",
        "errata.csv, ligne 4, colonne « id » : 'E02' en double (déjà ligne 3)",
    ),
    (
        "errata.csv",
        r"^(E04,[^,]*,consultations_inclusion,)Nb de patients sans MT",
        r"\1Nb de patient sans MT",
        "errata.csv, ligne 5, colonnes « tableau, label » : ('consultations_inclusion', 'Nb de patient sans MT') "
        "absent de la colonne « tableau, label » de published.csv",
    ),
    (
        "conventions.csv",
        r"corrige,heures_secretariat_par_seance,",
        "corrige,heures_secretariat_par_seanc,",
        "conventions.csv, ligne 4, colonne « parametre » : 'heures_secretariat_par_seanc' absent de la colonne "
        "« name » de parameters.csv ; vouliez-vous dire 'heures_secretariat_par_seance' ?",
    ),
    (
        "conventions.csv",
        r",E08,,",
        ",E99,,",
        "conventions.csv, ligne 4, colonne « erratum » : 'E99' absent de la colonne « id » de errata.csv",
    ),
    (
        "published.csv",
        r"^mediateur,2.2.2.2,Charges salariales,0.22,%,0.01,=,",
        "mediateur,2.2.2.2,Charges salariales,0.22,%,0.01,≈,",
        "published.csv, ligne 3, colonne « comparaison » : valeurs acceptées : '=', '<', '>', '-' (lu : '≈')",
    ),
    (
        "published.csv",
        r"^mediateur,2.2.2.2,Salaire mensuel net,",
        "mediateurs,2.2.2.2,Salaire mensuel net,",
        "published.csv, ligne 2, colonne « tableau » : 'mediateurs' absent de la colonne « tableau » de tableaux.csv",
    ),
    (
        "composantes.csv",
        r"^cout_interpretariat,interpretariat,",
        "cout_interpretariat,interpretaria,",
        "composantes.csv, ligne 3, colonne « ligne » : 'interpretaria' absent de la colonne « ligne » de lignes.csv",
    ),
    (
        "lignes.csv",
        r"^mediateur,relais,",
        "mediateur,relai,",
        "lignes.csv, ligne 2, colonne « mission » : 'relai' absent de la colonne « mission » de missions.csv",
    ),
    (
        "mutualisation.csv",
        r"^association_patients,ateliers,1,",
        "association_patients,atelier,1,",
        "mutualisation.csv, ligne 2, colonne « ligne » : 'atelier' absent de la colonne « ligne » de lignes.csv",
    ),
    (
        "mutualisation.csv",
        r"^association_patients,ateliers,1,",
        "association_patients,ateliers,1.5,",
        "mutualisation.csv, ligne 2, colonne « part_mutualisee » : nombre de 0 à 1 attendu",
    ),
    (
        "variantes.csv",
        r",jours_ouvres_an,251,",
        ",jours_ouvre_an,251,",
        "variantes.csv, ligne 2, colonne « parametre » : 'jours_ouvre_an' absent de la colonne « name » "
        "de parameters.csv",
    ),
    (
        "bareme_kilometrique.csv",
        r"^2018,3,5000,20000,",
        "2018,3,6000,20000,",
        "bareme_kilometrique.csv, ligne 3, colonne « km_min » : trois tranches contiguës par année et puissance",
    ),
    (
        "errata.csv",
        r",aucune,non,",
        ",aucun,non,",
        "errata.csv, ligne 2, colonne « valeur_reportee » : valeurs acceptées : 'aucune', 'imprimee', 'recalculee'",
    ),
    (
        "parameters.csv",
        r"^(population_bassin,20000,hab\.,)relais,",
        r"\1relai,",
        "parameters.csv, ligne 10, colonne « mission » : 'relai' absent de la colonne « mission » de missions.csv",
    ),
    (
        "parameters.csv",
        r"^(annee_bareme,.*)2018\|2019\|",
        r"\g<1>2017|2019|",
        "parameters.csv, ligne 5, colonne « choices » : '2017' absent de la colonne « annee_revenus » "
        "de bareme_kilometrique.csv",
    ),
    (
        "tableaux.csv",
        r"^mediateur,2.2.2.2,Poste médiateur santé,relais",
        "mediateur,2.2.2.2,Poste médiateur santé,relai",
        "tableaux.csv, ligne 2, colonne « mission » : 'relai' absent de la colonne « mission » de missions.csv",
    ),
]


@pytest.mark.parametrize("name,old,new,message", DAMAGES, ids=[f"{d[0]}:{i}" for i, d in enumerate(DAMAGES)])
def test_a_damaged_file_is_one_line_naming_file_line_and_column(data_copy, name, old, new, message):
    _damage(data_copy, name, old, new)
    with pytest.raises(DataFileError) as caught:
        datastore.validate_all()
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_a_duplicated_figure_is_refused(data_copy):
    _duplicate_line(data_copy, "published.csv", 4)
    with pytest.raises(DataFileError, match=r"published.csv, ligne 5, colonnes « tableau, label » : .* en double"):
        datastore.published()


@pytest.mark.parametrize(
    "content,message",
    [
        ("", "errata.csv : fichier vide (la ligne d'en-tête manque)"),
        (
            "id,section,tableau,label,valeur_imprimee,valeur_recalculee,valeur_reportee,modifie_total,explication\n",
            "errata.csv : aucune ligne de données",
        ),
        ("id,section\nE01,2.2\n", "errata.csv : colonnes manquantes : tableau, label"),
    ],
)
def test_an_empty_file_is_named(data_copy, content, message):
    (data_copy / "errata.csv").write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError, match=re.escape(message)):
        datastore.errata()


def test_an_unknown_column_is_named(data_copy):
    _damage(
        data_copy,
        "lignes.csv",
        r"^ligne,mission,libelle,echelle,section$",
        "ligne,mission,libelle,echelle,section,note",
    )
    with pytest.raises(DataFileError, match="lignes.csv : colonnes inconnues : note"):
        datastore.lignes()


def test_the_folder_is_checked_as_a_whole_on_first_read(data_copy):
    """A convention naming an unknown erratum fails any read of the folder, errata.csv's too."""
    _damage(data_copy, "conventions.csv", r",E08,,", ",E99,,")
    for accessor in (datastore.conventions, datastore.errata):
        with pytest.raises(DataFileError, match="conventions.csv, ligne 4, colonne « erratum » : 'E99'"):
            accessor()


@pytest.mark.parametrize(
    "old,new,message",
    [
        (
            r"^(mediateur,2.2.2.2,Salaire mensuel net,.*)$",
            r"\1,en trop",
            "published.csv, ligne 2 : 11 cellules pour 10",
        ),
        (r"^(mediateur,2.2.2.2,Charges salariales),.*$", r"\1", "published.csv, ligne 3 : 3 cellules pour 10"),
    ],
)
def test_a_row_with_too_many_or_too_few_cells_is_named(data_copy, old, new, message):
    _damage(data_copy, "published.csv", old, new)
    with pytest.raises(DataFileError, match=re.escape(message)):
        datastore.published()


def test_a_cell_of_the_wrong_type_is_named_before_the_row_checks_it_breaks(data_copy):
    _damage(data_copy, "bareme_kilometrique.csv", r"^2018,3,5000,", "2018,3,cinq mille,")
    with pytest.raises(DataFileError) as caught:
        datastore.bareme()
    assert str(caught.value) == (
        "bareme_kilometrique.csv, ligne 3, colonne « km_min » : 'cinq mille' n'est pas un nombre (ex. 12.5)"
    )


def test_line_numbers_count_cells_that_span_lines(data_copy):
    """A quoted cell over two lines: the next rows are one line further down."""
    _damage(
        data_copy, "lignes.csv", r"^mediateur,relais,Poste de médiateur,", 'mediateur,relais,"Poste de\nmédiateur",'
    )
    _damage(
        data_copy,
        "lignes.csv",
        r"^interpretariat,relais,Recours à l'interprétariat,habitants,",
        "interpretariat,relais,Recours à l'interprétariat,habitant,",
    )
    with pytest.raises(DataFileError, match="lignes.csv, ligne 4, colonne « echelle »"):
        datastore.lignes()
    assert datastore.line("lignes.csv", 0) == 2 and datastore.line("lignes.csv", 1) == 4


@pytest.mark.parametrize(
    "name,old,new,message",
    [
        (
            "parameters.csv",
            r"^file_active,100,",
            "file_active,2.5,",
            "parameters.csv, ligne 44, colonne « value » : paramètre 'file_active' : 2,5 n'est pas un nombre entier",
        ),
        (
            "conventions.csv",
            r",heures_secretariat_par_seance,2.5,",
            ",heures_secretariat_par_seance,25,",
            "conventions.csv, ligne 4, colonne « valeur » : paramètre 'heures_secretariat_par_seance' : "
            "25 est hors bornes",
        ),
        (
            "variantes.csv",
            r",jours_ouvres_an,251,",
            ",jours_ouvres_an,deux cents,",
            "variantes.csv, ligne 2, colonne « valeur » : paramètre 'jours_ouvres_an' : "
            "'deux cents' n'est pas un nombre",
        ),
    ],
)
def test_a_value_the_files_give_a_parameter_is_validated_like_a_users(data_copy, name, old, new, message):
    _damage(data_copy, name, old, new)
    with pytest.raises(DataFileError, match=re.escape(message)):
        parameters.validate_data()


def test_the_command_line_reports_a_damaged_file_on_one_line(data_copy, capsys):
    """Text in a number column of parameters.csv: exit 2, one line on stderr, no traceback."""
    _damage(data_copy, "parameters.csv", r"^tarif_consultation_mg,25,", "tarif_consultation_mg,vingt,")
    assert cli.main(["check"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert err.startswith("aaas : erreur : parameters.csv, ligne 3, colonne « value »")


def test_the_data_files_are_valid():
    datastore.validate_all(force=True)  # pandera, whatever the stamp says
    parameters.validate_data()


def test_a_stamped_folder_reads_the_same_tables_without_pandera(monkeypatch):
    datastore.validate_all(force=True)
    checked = {name: datastore.table(name) for name in datastore.SCHEMAS}
    datastore.clear_cache()
    monkeypatch.setattr(datastore, "_validate_folder", lambda: pytest.fail("the stamp was not trusted"))
    for name, df in checked.items():
        pd.testing.assert_frame_equal(datastore.table(name), df)
    datastore.clear_cache()


def test_a_command_on_a_stamped_folder_does_not_import_pandera():
    datastore.validate_all(force=True)  # writes the stamp
    code = "import sys; from aaas import cli; cli.main(['params']); sys.exit('pandera' in sys.modules)"
    env = {**os.environ, "PYTHONPATH": str(datastore.ROOT)}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode()


# --- where the data and the stamps are ---------------------------------------------------


def test_the_checkout_reads_its_own_data_and_stamps_in_its_build_folder(monkeypatch):
    monkeypatch.delenv(datastore.DATA_ENV, raising=False)
    assert datastore.data_dir() == datastore.ROOT / "data"
    assert datastore.stamps_dir() == datastore.ROOT / "_build" / "cache" / "data"


def test_an_installed_package_reads_its_packaged_data_and_stamps_in_the_users_cache(monkeypatch, tmp_path):
    """Outside a checkout (``ROOT`` is then site-packages): the data shipped as ``aaas/_data``,
    the stamps under ``$XDG_CACHE_HOME/aaas/data``, never the installation."""
    site = tmp_path / "site-packages"
    site.mkdir()
    monkeypatch.setattr(datastore, "ROOT", site)
    monkeypatch.delenv(datastore.DATA_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert datastore.data_dir() == location.PACKAGE / "_data"
    assert datastore.stamps_dir() == tmp_path / "cache" / "aaas" / "data"


def test_aaas_data_dir_is_the_users_folder_even_when_installed(monkeypatch, tmp_path):
    monkeypatch.setattr(datastore, "ROOT", tmp_path)
    monkeypatch.setenv(datastore.DATA_ENV, str(tmp_path / "mes_donnees"))
    assert datastore.data_dir() == tmp_path / "mes_donnees"


def test_a_stamp_that_cannot_be_written_is_not_an_error(data_copy, monkeypatch, tmp_path):
    """A read-only cache (or none): the folder is checked each time, the command still runs."""
    blocked = tmp_path / "fichier"
    blocked.write_text("pas un dossier", encoding="utf-8")
    monkeypatch.setattr(datastore, "stamps_dir", lambda: blocked / "data")
    datastore.validate_all(force=True)
    assert len(datastore.parameters()) > 0
    datastore.clear_cache()
