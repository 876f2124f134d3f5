"""French number formatting."""

from aaas import fmt

NB = "\u202f"
SP = "\u00a0"


def test_euros_and_numbers():
    assert fmt.euros(404564.66) == f"404{NB}565{SP}€"
    assert fmt.nombre(1.757, 1) == "1,8"
    assert fmt.nombre(-0.0) == "0"
    assert fmt.pourcent(0.5556) == f"56{SP}%"


def test_valeur_uses_the_printed_precision():
    assert fmt.valeur(0.002, "%", 0.001) == f"0,2{SP}%"
    assert fmt.valeur(1.757, "€/hab.", 0.1) == f"1,8{SP}€/hab."
    assert fmt.valeur(462, "nb") == "462"
    assert fmt.valeur_auto(227.5, "h") == f"227,5{SP}h"


def test_ecart_is_signed_and_empty_when_nil():
    assert fmt.ecart(-87.2, "€") == f"\u221287{SP}€"
    assert fmt.ecart(0.3, "€") == ""
    assert fmt.ecart(27, "€") == f"+27{SP}€"


def test_brut():
    assert fmt.brut(50000.0) == f"50{NB}000"
    assert fmt.brut(0.3) == "0,3"
    assert fmt.brut("2021") == "2021"


def test_a_value_as_typed_is_french():
    assert fmt.brut(404565) == "404\u202f565"
    assert fmt.brut(10833.33) == "10\u202f833,33"
    assert fmt.brut(0.13) == "0,13"
    assert fmt.brut("duree_longue") == "duree_longue"


def test_bounds_of_every_parameter_read_the_same_everywhere():
    from aaas.models import parameters

    for p in parameters.parameters().values():
        text = p.bounds()
        assert text in p.accepted()
        assert (" ou " in text) == p.categorical or len(p.choices or ()) == 1


def test_accord_plural_from_two():
    from aaas.fmt import INSECABLE, accord, pluriel

    assert accord(2.5, "véhicule") == f"2,5{INSECABLE}véhicules"
    assert accord(1, "département") == f"1{INSECABLE}département"
    assert accord(1.5, "véhicule") == f"1,5{INSECABLE}véhicule"
    assert accord(2, "ETP") == f"2{INSECABLE}ETP"
    assert accord(3, "chiffre", "chiffres") == f"3{INSECABLE}chiffres"
    assert pluriel("erreur sans effet") == "erreurs sans effet"
    assert pluriel("journal local") == "journaux locaux"
    assert pluriel("lieu d'accueil") == "lieux d'accueil"


def test_a_parameter_shows_the_unit_its_prose_does_not_write():
    assert fmt.parametre(1607, "h/an") == "1\u202f607\xa0h"
    assert fmt.parametre(1.5, "h/an/personne") == "1,5\xa0h"
    assert fmt.parametre(1400, "€/véhicule/an") == "1\u202f400\xa0€"
    assert fmt.parametre(15000, "€/an") == "15\u202f000\xa0€"
    assert fmt.parametre(0.1, "ETP pour la file active de référence") == "0,1\xa0ETP"
    assert fmt.parametre(40, "€/h") == "40\xa0€/h"
    assert fmt.parametre(55, "personnes/ETP") == "55"


def test_a_unit_agrees_with_its_value():
    assert fmt.avec_unite(1, "véhicules") == "1 véhicule"
    assert fmt.avec_unite(1, "lieux") == "1 lieu"
    assert fmt.avec_unite(1, "mois/an") == "1 mois/an"
    assert fmt.avec_unite(3, "véhicules") == "3 véhicules"
