"""The two catalogues are complete and consistent with each other."""

import json
import re

import pytest

from lossviz import i18n

HAN = re.compile(r"[\u4e00-\u9fff]")


def test_both_languages_have_the_same_keys():
    en, zh = i18n.catalogue("en"), i18n.catalogue("zh")
    assert sorted(set(en) ^ set(zh)) == []


def test_placeholders_agree_between_languages():
    en, zh = i18n.catalogue("en"), i18n.catalogue("zh")
    mismatched = [k for k in en if i18n.placeholders(en[k]) != i18n.placeholders(zh[k])]
    assert mismatched == []


def test_english_catalogue_has_no_chinese_characters():
    assert [k for k, v in i18n.catalogue("en").items() if HAN.search(v)] == []


def test_chinese_catalogue_is_translated():
    # Entries that are pure symbols or numbers may be identical; prose may not.
    en, zh = i18n.catalogue("en"), i18n.catalogue("zh")
    untranslated = [k for k in en if en[k] == zh[k] and re.search(r"[A-Za-z]{4,}", en[k])]
    assert untranslated == []


def test_every_catalogue_file_is_valid_json_with_string_values():
    for path in i18n.LOCALES_DIR.glob("*/*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert all(isinstance(v, str) for v in data.values()), path


def test_missing_key_is_returned_as_itself():
    assert i18n.translate("nope.missing", "zh") == "nope.missing"


def test_unknown_language_is_a_value_error():
    with pytest.raises(ValueError, match="`lang` must be one of"):
        i18n.catalogue("fr")


def test_quiz_answers_and_option_counts_agree_between_languages():
    en, zh = i18n.catalogue("en"), i18n.catalogue("zh")
    for key in en:
        if key.endswith(".answer"):
            assert en[key] == zh[key], key
            options = key.replace(".answer", ".options")
            n = len(en[options].split("|"))
            assert n == len(zh[options].split("|")), options
            assert 1 <= int(en[key]) <= n, key
