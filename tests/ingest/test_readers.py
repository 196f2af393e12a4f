import gzip
import io

import pytest

from tidings import load_config
from tidings.errors import InputError
from tidings.ingest.readers import read_file

CFG = load_config().ingest.model_copy(update={"max_bytes": 1_000_000})


def read(path, meta=None, cfg=CFG):
    return list(read_file(path, meta or {}, cfg).articles)


@pytest.mark.parametrize("encoding,text", [
    ("utf-8", "Лавров прибыл в Ереван для переговоров с Мирзояном."),
    ("utf-16", "Paschinjan traf Alijew in Brüssel."),
    ("utf-16-le", "Paschinjan traf Alijew in Brüssel."),
    ("cp1251", "Министр иностранных дел России Сергей Лавров прибыл в Ереван для переговоров "
               "с армянским коллегой Араратом Мирзояном."),
    ("cp1254", "Dışişleri Bakanı Hakan Fidan, Azerbaycanlı mevkidaşı Ceyhun Bayramov ile "
               "görüştü ve iki ülke arasındaki ilişkileri değerlendirdi."),
    ("latin-1", "Le ministre a rencontré son homologue arménien à Erevan."),
])
def test_text_in_common_encodings_is_decoded(tmp_path, encoding, text):
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode(encoding))
    assert read(path)[0].raw == text


@pytest.mark.parametrize("name,data,code", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\n ", "empty"),
    ("doc.pdf", b"%PDF-1.4 binary", "unsupported"),
    ("doc.txt", b"%PDF-1.4 a PDF under another name", "unsupported"),
    ("bin.txt", b"abc\x00\x01\x02" * 10, "binary"),
    ("bad.txt.gz", b"\x1f\x8b\x08 not really gzip", "corrupt"),
    ("cut.txt.gz", gzip.compress(b"Lavrov met Mirzoyan in Moscow." * 50, mtime=0)[:40], "corrupt"),
    ("notes.xml", b"<?xml version='1.0'?><notes><n>x</n></notes>", "unsupported"),
])
def test_bad_inputs_raise_with_a_reason_code(tmp_path, name, data, code):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as err:
        read(path)
    assert err.value.code == code and name in str(err.value)


def test_oversized_file_is_refused_without_being_read(tmp_path):
    path = tmp_path / "big.txt"
    with path.open("wb") as fh:
        fh.truncate(50 * 2**20)  # a sparse 50 MB file
    with pytest.raises(InputError, match="too_large"):
        read(path, cfg=load_config().ingest)


def test_gzip_that_inflates_past_the_limit_is_refused(tmp_path):
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"a" * 2_000_000))
    with pytest.raises(InputError, match="decompressed"):
        read(path)


def test_gzip_text_is_read_and_named_without_its_extensions(tmp_path):
    path = tmp_path / "a.txt.gz"
    path.write_bytes(gzip.compress(b"Putin met Erdogan in Sochi."))
    article = read(path)[0]
    assert article.raw == "Putin met Erdogan in Sochi." and article.id == "a"


def test_id_is_the_file_name_and_meta_applies(tmp_path):
    path = tmp_path / "001_abc.txt"
    path.write_text("Text.")
    article = read(path, {"published": "2019-09", "site": "example.de", "lang": "de"})[0]
    assert article.id == "001_abc" and article.published_source == "sidecar"
    assert article.published.granularity == "month" and article.site == "example.de"


def test_html_without_a_known_suffix_is_recognised(tmp_path):
    path = tmp_path / "page"
    path.write_text("<!DOCTYPE html><html><body><p>Text</p></body></html>")
    assert read(path)[0].raw_format == "html"


def test_jsonl_records_become_articles_and_a_bad_line_is_reported_alone(tmp_path):
    path = tmp_path / "crawl.jsonl"
    path.write_text('{"url": "https://x.am/1", "title": "T", "maintext": "Body one.", '
                    '"date_publish": "2024-04-22 10:00:00", "language": "en", '
                    '"authors": ["A. Writer"]}\n\n'
                    '{broken\n'
                    '{"id": "r2", "text": "Body two."}\n')
    reading = read_file(path, {}, CFG)
    arts = list(reading.articles)
    assert [a.id for a in arts] == ["crawl-1", "r2"]
    assert arts[0].published.granularity == "day" and arts[0].published_source == "record"
    assert arts[0].url == "https://x.am/1" and arts[0].author == "A. Writer"
    assert [(p.code, p.source.rsplit("#", 1)[-1]) for p in reading.problems] == [
        ("malformed", "3")]


def _warc(records) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    for uri, status, ctype, body in records:
        http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                      http_headers=http))
    return out.getvalue()


RU_PAGE = ("<html><head><title>Визит в Баку</title></head><body><article><p>Министр "
           "прибыл в Баку для переговоров.</p></article></body></html>")


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_html_responses_become_articles(tmp_path, name):
    data = _warc([
        ("https://news.example/a", "200 OK", "text/html; charset=windows-1251",
         RU_PAGE.encode("cp1251")),
        ("https://news.example/logo.png", "200 OK", "image/png", b"\x89PNG..."),
        ("https://news.example/gone", "404 Not Found", "text/html", b"<html>gone</html>"),
    ])
    path = tmp_path / name
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    arts = read(path)
    assert len(arts) == 1
    assert arts[0].raw == RU_PAGE and arts[0].raw_format == "html"
    assert arts[0].url == "https://news.example/a" and arts[0].site == "news.example"
    assert arts[0].id == "crawl-1" and arts[0].provenance["captured"]


def test_damaged_warc_keeps_the_records_before_the_damage(tmp_path):
    good = _warc([("https://news.example/a", "200 OK", "text/html", RU_PAGE.encode())])
    path = tmp_path / "cut.warc"
    path.write_bytes(good + b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 999\r\n\r\nxx")
    reading = read_file(path, {}, CFG)
    assert len(list(reading.articles)) == 1
    assert [p.code for p in reading.problems] == ["corrupt"]


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Kavkaz Wire</title><link>https://kavkaz-wire.example/</link>
<language>en</language>
<item><title>Lavrov meets Mirzoyan - Kavkaz Wire</title>
<link>https://kavkaz-wire.example/lavrov-mirzoyan</link>
<dc:creator>Jane Roe</dc:creator>
<pubDate>Tue, 16 May 2023 09:30:00 GMT</pubDate>
<description>Short summary.</description>
<content:encoded><![CDATA[<p>Russian Foreign Minister Sergey Lavrov met Armenian Foreign
Minister Ararat Mirzoyan in Moscow.</p><p>They discussed the border.</p>]]></content:encoded>
</item>
<item><title>Empty</title><link>https://kavkaz-wire.example/empty</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Depesche</title>
<link href="https://depesche.example/"/><id>urn:x</id><updated>2023-05-16T10:00:00Z</updated>
<entry><title>Lawrow trifft Mirzojan</title><id>urn:x:1</id>
<link href="https://depesche.example/lawrow"/><updated>2023-05-16T10:00:00Z</updated>
<author><name>Max Muster</name></author>
<summary type="html">&lt;p&gt;Der russische Außenminister traf seinen armenischen
Amtskollegen.&lt;/p&gt;</summary></entry></feed>"""


@pytest.mark.parametrize("name,feed", [("wire.rss", RSS), ("wire.xml", RSS), ("d.atom", ATOM)])
def test_feed_entries_become_articles(tmp_path, name, feed):
    path = tmp_path / name
    path.write_text(feed, encoding="utf-8")
    arts = read(path)
    assert len(arts) == 1  # the entry without text is left out
    a = arts[0]
    assert a.published.iso() == "2023-05-16" and a.published_source == "feed"
    assert a.url.startswith("https://") and a.id.split("-", 1)[0] in a.url
    assert a.author in ("Jane Roe", "Max Muster") and a.title
    assert "Lavrov" in a.raw or "Außenminister" in a.raw
    if "rss" in name or "xml" in name:
        assert a.raw.count("\n\n") == 1  # two paragraphs from the HTML content
