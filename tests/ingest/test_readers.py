import gzip

import pytest

from tidings.errors import InputError
from tidings.ingest.readers import read_file

ENC = ("utf-8", "cp1251", "cp1254", "cp1252", "latin-1")


def read(path, meta=None):
    return read_file(path, meta or {}, 1_000_000, ENC)


@pytest.mark.parametrize("encoding,text", [
    ("utf-8", "Лавров прибыл в Ереван для переговоров с Мирзояном."),
    ("utf-16", "Paschinjan traf Alijew in Brüssel."),
    ("cp1251", "Министр иностранных дел России Сергей Лавров прибыл в Ереван для переговоров "
               "с армянским коллегой Араратом Мирзояном."),
    ("cp1254", "Dışişleri Bakanı Hakan Fidan, Azerbaycanlı mevkidaşı Ceyhun Bayramov ile "
               "görüştü ve iki ülke arasındaki ilişkileri değerlendirdi."),
])
def test_text_in_common_encodings_is_decoded(tmp_path, encoding, text):
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode(encoding))
    assert read(path)[0].raw == text


@pytest.mark.parametrize("name,data,code", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\n ", "empty"),
    ("doc.pdf", b"%PDF-1.4 binary", "unsupported"),
    ("bin.txt", b"abc\x00\x01\x02" * 10, "binary"),
    ("bad.txt.gz", b"\x1f\x8b\x08 not really gzip", "corrupt"),
])
def test_bad_inputs_raise_with_a_reason_code(tmp_path, name, data, code):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as err:
        read(path)
    assert err.value.code == code and name in str(err.value)


def test_oversized_file_is_refused_before_decoding(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 300_000)
    with pytest.raises(InputError, match="too_large"):
        read(path)


def test_gzip_text_is_read(tmp_path):
    path = tmp_path / "a.txt.gz"
    path.write_bytes(gzip.compress("Putin met Erdogan in Sochi.".encode()))
    assert read(path)[0].raw == "Putin met Erdogan in Sochi."


def test_id_is_the_file_name_and_meta_applies(tmp_path):
    path = tmp_path / "001_abc.txt"
    path.write_text("Text.")
    article = read(path, {"published": "2019-09", "site": "example.de", "lang": "de"})[0]
    assert article.id == "001_abc"
    assert article.published.granularity == "month" and article.site == "example.de"


def test_jsonl_records_become_articles_and_bad_lines_are_reported(tmp_path):
    path = tmp_path / "crawl.jsonl"
    path.write_text('{"url": "https://x.am/1", "title": "T", "maintext": "Body one.", '
                    '"date_publish": "2024-04-22 10:00:00", "language": "en"}\n\n'
                    '{"id": "r2", "text": "Body two."}\n')
    arts = read(path)
    assert [a.id for a in arts] == ["crawl-1", "r2"]
    assert arts[0].published.granularity == "day" and arts[0].url == "https://x.am/1"
    path.write_text('{"text": "ok"}\n{broken\n')
    with pytest.raises(InputError, match="line 2"):
        read(path)
