from catalogue.search.text import fold, terms, words


def test_accents_and_case_are_folded():
    assert fold("Comptabilité ÉTÉ") == "comptabilite ete"


def test_plural_and_accentless_words_share_their_stem():
    assert terms("associations") == terms("association")
    assert terms("comptabilite") == terms("Comptabilité")
    assert terms("données personnelles") == terms("donnee personnelle")


def test_stop_words_and_tags_are_dropped():
    assert words("<p>Le registre <b>des</b> traitements</p>") == ["registre", "traitements"]
