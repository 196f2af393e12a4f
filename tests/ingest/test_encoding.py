import pytest

from tidings.errors import InputError
from tidings.ingest.encoding import declared_charset, decode, plausibility, utf16_without_bom

ENC = ("utf-8", "cp1251", "cp1254", "cp1252", "latin-1")

TEXTS = {
    "en": "The minister’s visit – the first since 2020 – cost €5m, officials said.",
    "de": "Der Außenminister traf seinen Amtskollegen in Jerewan; es ging um Grenzfragen.",
    "fr": "Le ministre a rencontré son homologue à Erevan pour évoquer la sécurité régionale.",
    "ru": "Министр иностранных дел встретился с коллегой в Ереване и обсудил мирный договор.",
    "tr": "Dışişleri Bakanı, Azerbaycanlı mevkidaşı ile görüştü ve ilişkileri değerlendirdi.",
}
SHORT = {"de": "Gespräche über Südkaukasus", "fr": "Réunion à Bakou", "ru": "Встреча в Баку",
         "tr": "Bakü'de görüşme yapıldı", "en": "Talks in Baku – €5m"}
LEGACY = {"en": ["cp1252"], "de": ["cp1252", "latin-1"], "fr": ["cp1252", "latin-1"],
          "ru": ["cp1251"], "tr": ["cp1254"]}
CASES = [(lang, enc, text) for texts in (TEXTS, SHORT) for lang, text in texts.items()
         for enc in LEGACY[lang] + ["utf-8", "utf-16", "utf-16-le", "utf-16-be"]]


@pytest.mark.parametrize("lang,encoding,text", CASES)
def test_text_is_decoded_without_being_told_the_encoding(lang, encoding, text):
    assert decode(text.encode(encoding), "x", ENC) == text


@pytest.mark.parametrize("lang", sorted(TEXTS))
def test_the_right_decoding_looks_more_plausible_than_a_wrong_one(lang):
    text = TEXTS[lang]
    right = LEGACY[lang][0]
    data = text.encode(right)
    for wrong in ("cp1251", "cp1254", "cp1252", "latin-1"):
        if data.decode(wrong, "replace") != text:
            assert plausibility(text) > plausibility(data.decode(wrong, "replace"))


def test_utf16_without_a_bom_is_recognised_by_its_nul_bytes():
    assert utf16_without_bom(TEXTS["ru"].encode("utf-16-le")) == "utf-16-le"
    assert utf16_without_bom(TEXTS["de"].encode("utf-16-be")) == "utf-16-be"
    assert utf16_without_bom(TEXTS["de"].encode("utf-8")) is None


def test_declared_charset_is_used_when_the_bytes_are_not_utf8():
    html = '<html><head><meta charset="windows-1251"></head><body>Баку</body></html>'
    data = html.encode("cp1251")
    assert declared_charset(data) == "windows-1251"
    assert decode(data, "x", ("utf-8", "latin-1"), declared_charset(data)) == html


def test_a_stale_declaration_does_not_override_valid_utf8():
    html = '<html><head><meta charset="windows-1251"></head><body>Баку</body></html>'
    data = html.encode("utf-8")
    assert decode(data, "x", ENC, declared_charset(data)) == html


def test_bytes_that_are_text_in_no_encoding_are_reported():
    with pytest.raises(InputError) as err:
        decode(bytes(range(128, 256)) * 20 + b"\x81\x8d\x8f\x90\x9d" * 50, "noise.txt",
               ("utf-8", "cp1252"))
    assert err.value.code == "undecodable"
