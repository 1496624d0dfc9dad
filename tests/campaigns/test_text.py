import pytest

from campaigns.text import alphabetical, folded


@pytest.mark.parametrize(
    ("language", "names", "in_order"),
    [
        ("be", ["Ірландыя", "Японія", "Аўстрыя", "Кітай", "Італія"], ["Аўстрыя", "Ірландыя", "Італія", "Кітай", "Японія"]),
        ("es", ["Bulgaria", "Bélgica", "Austria"], ["Austria", "Bélgica", "Bulgaria"]),
        ("fr", ["Russie", "République tchèque", "Émirats arabes unis", "Espagne"],
         ["Émirats arabes unis", "Espagne", "République tchèque", "Russie"]),
        ("pl", ["Łotwa", "Litwa", "Luksemburg", "Mali", "Żółw", "Zambia", "Źrebię"],
         ["Litwa", "Luksemburg", "Łotwa", "Mali", "Zambia", "Źrebię", "Żółw"]),
        ("be", ["Фінляндыя", "Ўзбярэжжа", "Уругвай"], ["Уругвай", "Ўзбярэжжа", "Фінляндыя"]),
    ],
)  # fmt: skip
def test_names_sort_by_their_alphabet_not_by_code_points(language, names, in_order):
    assert sorted(names, key=lambda name: alphabetical(name, language)) == in_order


def test_folding_and_sorting_read_the_same_letters():
    assert folded("Ірландыя") == "ірландыя"  # folding keeps the letter; only the sort puts it in its place
    assert alphabetical("Ёлка") < alphabetical("Жук")
