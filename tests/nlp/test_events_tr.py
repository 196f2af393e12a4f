"""The Turkish event lexicon (nlp/lang/tr), sentence by sentence: hand-written sentences,
so that a change to the trigger, role or modality words cannot silently lose them."""

from __future__ import annotations

import pytest

from tidings import Article


@pytest.fixture(scope="module")
def code(event_coder):
    return lambda text: event_coder(text, "tr")


def _events(article: Article) -> list[tuple[str, set[str], str | None]]:
    return [(e.type, {a.entity_id for a in e.actors if a.role != "participant"},
             e.date.iso() if e.date else None) for e in article.events]


@pytest.mark.parametrize("text,expected", [
    # passive reception: "tarafından kabul edildi" names the host
    ("Dışişleri Bakanı Hakan Fidan, 3 Mart'ta Bakü'de Azerbaycan Cumhurbaşkanı İlham Aliyev "
     "tarafından kabul edildi.",
     ("CONSULT", {"ilham-aliyev", "hakan-fidan"}, "2024-03-03")),
    # a trip to a capital in the dative: the capital's state is visited
    ("Cumhurbaşkanı Erdoğan salı günü resmi bir ziyaret için Bakü'ye gitti.",
     ("CONSULT", {"recep-tayyip-erdogan", "AZE"}, "2024-05-28")),
    # attending a ceremony abroad is a visit to the host
    ("Erdoğan, 10 Mayıs'ta Bakü'de düzenlenen zafer törenine katıldı.",
     ("CONSULT", {"recep-tayyip-erdogan", "AZE"}, "2024-05-10")),
    # two leaders opening something together met
    ("Erdoğan, dün Azerbaycan Cumhurbaşkanı İlham Aliyev ile birlikte Iğdır'daki boru hattının "
     "açılışını yaptı.",
     ("CONSULT", {"recep-tayyip-erdogan", "ilham-aliyev"}, "2024-05-28")),
    # a state in the dative receives: arms, sanctions
    ("Rusya, Ermenistan'a yeni savaş uçakları sattı.",
     ("AID", {"RUS", "ARM"}, "2024-05-29")),
    ("ABD, 12 Nisan'da Rusya'ya yeni yaptırımlar uyguladı.",
     ("SANCTION", {"USA", "RUS"}, "2024-04-12")),
    ("Azerbaycan ile Ermenistan, 19 Nisan'da sınırın belirlenmesi konusunda anlaştı.",
     ("AGREE", {"AZE", "ARM"}, "2024-04-19")),
    ("Ermenistan ve Azerbaycan, 10 Ekim'de Moskova'da insani ateşkes konusunda uzlaştı.",
     ("AGREE", {"ARM", "AZE"}, "2023-10-10")),
    ("Gürcistan, Rusya'nın yeni büyükelçisini kabul etmeyi reddetti.",
     ("REJECT", {"GEO", "RUS"}, "2024-05-29")),
    # flights resumed between two states: cooperation
    ("Gürcistan ile Rusya arasındaki uçuşlar 19 Mayıs'ta yeniden başladı.",
     ("COOPERATE", {"GEO", "RUS"}, "2024-05-19")),
    # a lower-case month in the locative dates the operation
    ("Azerbaycan ordusu eylülde Karabağ'da bir operasyon başlattı.",
     ("ASSAULT", {"azerbaijan-armed-forces", "nagorno-karabakh"}, "2023-09")),
])
def test_events_tr_sentence_gives_event(code, text, expected):
    assert expected in _events(code(text))


def test_events_tr_the_parties_refer_to_the_last_meeting(code):
    article = code("Lavrov, pazartesi günü Moskova'da Bayramov ile görüştü. Tarafların, barış "
                   "sürecinin sürdürülmesi konusunda uzlaştığı belirtildi.")
    agree = [e for e in _events(article) if e[0] == "AGREE"]
    assert agree and {"sergei-lavrov", "jeyhun-bayramov"} <= agree[0][1]
    assert agree[0][2] == "2024-05-27"


def test_events_tr_ministers_named_after_their_title_are_the_actors(code):
    article = code("Aliyev ile Paşinyan cuma günü Abu Dabi'de görüştü. Dışişleri bakanları Ceyhun "
                   "Bayramov ve Ararat Mirzoyan ise sınır komisyonuna ilişkin protokolü imzaladı.")
    agree = [e for e in _events(article) if e[0] == "AGREE"]
    assert agree and agree[0][1] == {"jeyhun-bayramov", "ararat-mirzoyan"}


@pytest.mark.parametrize("text,absent", [
    # an agreement only named, not made
    ("Erdoğan, Türkiye ile Rusya arasındaki anlaşmanın önemine değindi.", "AGREE"),
    # a fighter jet is no fighting
    ("Türkiye, ABD'den yeni F-16 savaş uçağı satın almak için görüşmelere devam ediyor.",
     "ASSAULT"),
    # a press conference is no meeting with whom the speaker criticises
    ("Rusya Dışişleri Bakanı Sergey Lavrov basın toplantısında Ermenistan'ı eleştirdi.",
     "CONSULT"),
])
def test_events_tr_background_words_give_no_event(code, text, absent):
    assert absent not in {e[0] for e in _events(code(text))}


@pytest.mark.parametrize("text,modality", [
    ("Putin'in gelecek ay Ankara'yı ziyaret etmesi bekleniyor.", "planned"),
    ("Kulislerde, Lavrov ile Fidan'ın hafta sonu görüşebileceği konuşuluyor.", "speculated"),
    ("Lavrov ile Bayramov'un Moskova'da yapacağı görüşme ertelendi.", "cancelled"),
    ("Paşinyan, Moskova'daki zirveye katılmadı.", "negated"),
    ("Washington, Ankara'nın S-400 alması halinde yaptırım uygulayacağını duyurdu.",
     "hypothetical"),
])
def test_events_tr_modality_from_turkish_cues(code, text, modality):
    article = code(text)
    assert article.events and article.events[0].modality == modality


def test_events_tr_withdrawing_from_an_initiative_is_rejecting_it(code):
    article = code("Görüşmenin ana gündemi, Rusya'nın temmuz ayında çekildiği Karadeniz Tahıl "
                   "Girişimi oldu.")
    assert ("REJECT", {"RUS"}, "2023-07") in _events(article)  # the last July before it
