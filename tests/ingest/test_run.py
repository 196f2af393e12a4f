from tidings.ingest.run import PARTIAL_FAILURE, ingest

ARTICLE = ("Russian Foreign Minister Sergey Lavrov met his Armenian counterpart Ararat Mirzoyan "
           "in Moscow on Tuesday.\n\nThe two ministers discussed the situation in the region.")


def _folder(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Lavrov visits Yerevan\n\n" + ARTICLE)
    (folder / "meta.jsonl").write_text('{"file": "a.txt", "published": "2023-05-16", '
                                       '"site": "example.com", "lang": "en"}\n')
    return folder


def test_reingesting_changes_nothing(ctx, tmp_path):
    folder = _folder(tmp_path)
    first = ingest([folder], ctx)
    counts = ctx.store.counts()
    assert first.added == 1 and first.exit_code == 0
    again = ingest([folder], ctx)
    assert again.unchanged_inputs == 1 and again.added == 0
    assert ctx.store.counts() == counts


def test_only_a_new_file_is_processed(ctx, tmp_path):
    folder = _folder(tmp_path)
    ingest([folder], ctx)
    (folder / "b.txt").write_text("Erdogan hosts Aliyev\n\nTurkish President Recep Tayyip "
                                  "Erdogan received Ilham Aliyev in Ankara on Monday.")
    report = ingest([folder], ctx)
    assert (report.inputs, report.unchanged_inputs, report.read, report.added) == (2, 1, 1, 1)


def test_bad_files_are_named_and_the_rest_ingested(ctx, tmp_path):
    folder = _folder(tmp_path)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.7\x00\x01")
    (folder / "noise.bin").write_bytes(bytes(range(256)) * 4)
    report = ingest([folder], ctx)
    assert report.added == 1
    assert {r.source.rsplit("/", 1)[-1] for r in report.rejected} == {
        "empty.txt", "scan.pdf", "noise.bin"}
    assert report.exit_code == PARTIAL_FAILURE
    assert "scan.pdf" in report.summary()


def test_exact_copy_under_another_name_is_not_stored_twice(ctx, tmp_path):
    folder = _folder(tmp_path)
    (folder / "copy.txt").write_text((folder / "a.txt").read_text())
    report = ingest([folder], ctx)
    assert ctx.store.counts()["articles"] == 1
    assert report.added == 1
