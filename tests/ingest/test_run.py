import gzip

import pytest

from tidings import Context, load_config, open_store
from tidings.ingest.run import GRAPH_STALE, PARTIAL_FAILURE, ingest
from tidings.pipeline import stage

from .conftest import INGEST_STAGES

ARTICLE = ("Russian Foreign Minister Sergey Lavrov met his Armenian counterpart Ararat Mirzoyan "
           "in Moscow on Tuesday.\n\nThe two ministers discussed the situation in the region.")


def _folder(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Lavrov visits Yerevan\n\n" + ARTICLE)
    (folder / "meta.jsonl").write_text('{"file": "a.txt", "published": "2023-05-16", '
                                       '"site": "example.com", "lang": "en"}\n')
    return folder


def test_reingesting_changes_nothing(ingest_ctx, tmp_path):
    folder = _folder(tmp_path)
    first = ingest([folder], ingest_ctx)
    counts = ingest_ctx.store.counts()
    assert first.added == 1 and first.exit_code == 0
    again = ingest([folder], ingest_ctx)
    assert again.unchanged_inputs == 1 and again.added == 0 and again.processed == []
    assert ingest_ctx.store.counts() == counts


def test_only_a_new_file_is_processed_and_the_summary_names_it(ingest_ctx, tmp_path):
    folder = _folder(tmp_path)
    ingest([folder], ingest_ctx)
    (folder / "b.txt").write_text("Erdogan hosts Aliyev\n\nTurkish President Recep Tayyip "
                                  "Erdogan received Ilham Aliyev in Ankara on Monday.")
    report = ingest([folder], ingest_ctx)
    assert (report.inputs, report.unchanged_inputs, report.read, report.added) == (2, 1, 1, 1)
    assert "1 unchanged" in report.summary() and "read: b.txt" in report.summary()


def test_bad_files_are_named_and_everything_else_ingested(ingest_ctx, tmp_path):
    folder = _folder(tmp_path)
    (folder / "broken.txt.gz").write_bytes(gzip.compress(ARTICLE.encode())[:30])
    with (folder / "huge.txt").open("wb") as fh:
        fh.truncate(50 * 2**20)  # 50 MB (sparse), over ingest.max_bytes
    (folder / "empty.txt").write_bytes(b"")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    (folder / "noise.bin").write_bytes(bytes(range(256)) * 4)
    (folder / "ru.txt").write_bytes(
        "Лавров прибыл в Ереван\n\nМинистр иностранных дел России Сергей Лавров прибыл в "
        "Ереван для переговоров с армянским коллегой.".encode("cp1251"))
    report = ingest([folder], ingest_ctx)
    assert report.added == 2 and report.exit_code == PARTIAL_FAILURE
    reasons = {r.source.rsplit("/", 1)[-1]: r.code for r in report.rejected}
    assert reasons == {"broken.txt.gz": "corrupt", "huge.txt": "too_large", "empty.txt": "empty",
                       "scan.pdf": "unsupported", "noise.bin": "binary"}
    summary = report.summary()
    assert all(name in summary for name in reasons)
    assert "Ереван" in ingest_ctx.store.get_article("ru").text


def test_exact_copy_under_another_name_is_not_stored_twice(ingest_ctx, tmp_path):
    folder = _folder(tmp_path)
    (folder / "copy.txt").write_text((folder / "a.txt").read_text())
    report = ingest([folder], ingest_ctx)
    assert ingest_ctx.store.counts()["articles"] == 1
    assert report.added == 1


def test_a_malformed_record_is_reported_and_the_others_saved(ingest_ctx, tmp_path):
    path = tmp_path / "crawl.jsonl"
    path.write_text('{"id": "r1", "text": "Lavrov met Mirzoyan in Moscow on Tuesday."}\n'
                    '{not json\n'
                    '{"id": "r2", "text": "Aliyev received Erdogan in Baku on Monday."}\n')
    report = ingest([path], ingest_ctx)
    assert report.added == 2 and report.exit_code == PARTIAL_FAILURE
    assert [r.source.rsplit("/", 1)[-1] for r in report.rejected] == ["crawl.jsonl#2"]


class Crash(BaseException):
    """Stands for the process being killed (not an error a stage could catch)."""


@stage("test.crash_on_c.v1", requires=("text",))
def _crash_on_c(ctx):
    def run(article):
        if article.id == "c":
            raise Crash()
        return article

    return run


def test_a_crash_mid_ingest_loses_nothing(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    places = {"a": "Baku", "b": "Yerevan", "c": "Tbilisi", "d": "Ankara"}
    for name, place in places.items():
        (folder / f"{name}.txt").write_text(f"Talks in {place} ended on Monday.")
    url = str(tmp_path / "c.db")
    crashing = load_config(store={"url": url}, ingest={"batch_size": 1},
                           pipeline={"stages": [*INGEST_STAGES, "test.crash_on_c.v1"]})
    ctx = Context(crashing, open_store(url))
    with pytest.raises(Crash):
        ingest([folder], ctx)
    assert sorted(a.id for a in ctx.store.iter_articles()) == ["a", "b"]
    assert ctx.store.get_state(GRAPH_STALE) == "1"
    ctx.store.close()

    ctx = Context(crashing.replace(pipeline={"stages": INGEST_STAGES}), open_store(url))
    report = ingest([folder], ctx)
    assert (report.unchanged_inputs, report.read, report.added) == (2, 2, 2)
    assert sorted(a.id for a in ctx.store.iter_articles()) == ["a", "b", "c", "d"]
    assert report.graph and ctx.store.get_state(GRAPH_STALE) == "0"
    ctx.store.close()
