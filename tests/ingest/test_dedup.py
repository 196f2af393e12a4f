import pytest

from tidings import Context, load_config, open_store
from tidings.ingest.dedup import NearDuplicateIndex
from tidings.model import Article
from tidings.pipeline import Pipeline

STORY = {
    "en": ("Russian peacekeeping troops have begun to leave the Karabakh region, officials in "
           "Moscow and Baku confirmed on Wednesday, ending a mission that was meant to run "
           "for several more years. About two thousand soldiers were sent to the region "
           "under the ceasefire deal that ended the war in the autumn of that year. Their "
           "main task was to guard the only road between Armenia and the enclave."),
    "ru": ("Российские миротворцы начали выводиться из Карабаха, подтвердили в среду в Москве "
           "и Баку, хотя миссия должна была продолжаться ещё несколько лет. Около двух тысяч "
           "военнослужащих были направлены в регион по соглашению о прекращении огня, "
           "завершившему войну осенью того же года. Их главной задачей была охрана "
           "единственной дороги между Арменией и анклавом."),
}
EDIT = {"en": ("for several more years", "until at least next year"),
        "ru": ("ещё несколько лет", "по крайней мере до следующего года")}
STAGES = ["clean.html.v1", "dedup.minhash.v1"]


def _ctx(tmp_path):
    config = load_config(store={"url": str(tmp_path / "d.db")})
    return Context(config, open_store(config.store.url))


def _run(ctx, *articles):
    out = Pipeline(STAGES, ctx).run(list(articles)).articles
    for a in out:
        ctx.store.save_article(a)
    return out


@pytest.mark.parametrize("lang", sorted(STORY))
def test_syndicated_copy_is_linked_to_the_first_seen(tmp_path, lang):
    ctx = _ctx(tmp_path)
    copy = STORY[lang].replace(*EDIT[lang]) + " This report first ran elsewhere."
    # ids in reverse alphabetical order: "first seen" is about order, not names
    first, second = _run(ctx, Article(id="z-original", raw=STORY[lang]),
                         Article(id="a-copy", raw=copy))
    assert first.duplicate_of is None
    assert second.duplicate_of == "z-original"
    assert second.provenance["duplicate_reason"] == "near"


def test_exact_copy_under_another_name_is_linked(tmp_path):
    ctx = _ctx(tmp_path)
    _, copy = _run(ctx, Article(id="a", raw=STORY["en"]), Article(id="b", raw=STORY["en"]))
    assert copy.duplicate_of == "a" and copy.provenance["duplicate_reason"] == "exact"


def test_different_reports_of_one_event_are_not_copies(tmp_path):
    ctx = _ctx(tmp_path)
    other = ("The Kremlin said the withdrawal of its soldiers from Karabakh had started. "
             "Armenian officials said the move showed how far Moscow's influence had fallen "
             "in the South Caucasus since the offensive of last autumn and the exodus.")
    out = _run(ctx, Article(id="a", raw=STORY["en"]), Article(id="b", raw=other))
    assert [a.duplicate_of for a in out] == [None, None]


def test_short_texts_are_compared_only_for_identity(tmp_path):
    ctx = _ctx(tmp_path)
    out = _run(ctx, Article(id="a", raw="Talks ended in Baku on Monday."),
               Article(id="b", raw="Talks ended in Baku on Tuesday."))
    assert [a.duplicate_of for a in out] == [None, None]


def test_a_later_run_finds_the_original_from_stored_signatures(tmp_path, monkeypatch):
    ctx = _ctx(tmp_path)
    _run(ctx, Article(id="original", raw=STORY["en"]))
    ctx.store.close()
    later = _ctx(tmp_path)  # a new run: the index is built from the store

    def no_reading(*args, **kwargs):
        raise AssertionError("stored articles must not be re-read when signatures are kept")

    monkeypatch.setattr(later.store, "get_article", no_reading)
    (copy,) = _run(later, Article(id="copy", raw=STORY["en"].replace(*EDIT["en"])))
    assert copy.duplicate_of == "original"


def test_articles_stored_without_a_signature_get_one_once(tmp_path):
    ctx = _ctx(tmp_path)
    ctx.store.save_article(Article(id="old", text=STORY["en"]))  # stored by an older version
    index = NearDuplicateIndex(0.6, 5)
    assert [s for _, _, s in ctx.store.iter_signatures(index.scheme)] == [None]
    (copy,) = _run(ctx, Article(id="copy", raw=STORY["en"].replace(*EDIT["en"])))
    assert copy.duplicate_of == "old"
    assert all(s for _, _, s in ctx.store.iter_signatures(index.scheme))
