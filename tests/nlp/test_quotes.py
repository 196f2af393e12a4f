"""Quotations and their speakers, on hand-written sentences in every language."""

from __future__ import annotations

import re
from datetime import date

import pytest

from tidings.model import Article, DateValue, Entity, EntityMention, Role
from tidings.nlp.lexicon import available_languages, load_lexicon
from tidings.nlp.quotes import QuoteLexicon, extract_quotes, find_quotes
from tidings.nlp.segment import abbreviations, paragraphs, sentences

LANGS = ["en", "de", "ru", "tr", "fr"]

# how the test articles' names are recognised and linked (what the entities stage would do)
NAMES = {
    "Putin": ("PERSON", "putin"), "Путин": ("PERSON", "putin"), "Poutine": ("PERSON", "putin"),
    "Aliyev": ("PERSON", "aliyev"), "Alijew": ("PERSON", "aliyev"),
    "Алиев": ("PERSON", "aliyev"),
    "Pashinyan": ("PERSON", "pashinyan"), "Paschinjan": ("PERSON", "pashinyan"),
    "Пашинян": ("PERSON", "pashinyan"), "Paşinyan": ("PERSON", "pashinyan"),
    "Pachinian": ("PERSON", "pashinyan"),
    "Shoygu": ("PERSON", "shoigu"), "Schoigu": ("PERSON", "shoigu"),
    "Шойгу": ("PERSON", "shoigu"), "Şoygu": ("PERSON", "shoigu"), "Choïgou": ("PERSON", "shoigu"),
    "Rogozin": ("PERSON", "rogozin"), "Rogosin": ("PERSON", "rogozin"),
    "Рогозин": ("PERSON", "rogozin"), "Rogozine": ("PERSON", "rogozin"),
    "RIA Novosti": ("ORG", "ria"), "РИА Новости": ("ORG", "ria"), "TASS": ("ORG", "tass"),
    "ТАСС": ("ORG", "tass"),
    "Security Council": ("ORG", "security-council"), "Sicherheitsrats": ("ORG", "security-council"),
    "Совбеза": ("ORG", "security-council"), "Güvenlik Konseyi": ("ORG", "security-council"),
    "Conseil de sécurité": ("ORG", "security-council"),
    "Kremlin": ("ORG", "kremlin"), "Kreml": ("ORG", "kremlin"), "Кремль": ("ORG", "kremlin"),
    "Kremlin'in": ("ORG", "kremlin"),
    "defence ministry": ("ORG", "aze-mod"), "Verteidigungsministerium": ("ORG", "aze-mod"),
    "Минобороны": ("ORG", "aze-mod"), "Savunma Bakanlığı": ("ORG", "aze-mod"),
    "ministère de la Défense": ("ORG", "aze-mod"),
    "Yerevan": ("GPE", "yerevan"), "Eriwan": ("GPE", "yerevan"), "Ереван": ("GPE", "yerevan"),
    "Erivan": ("GPE", "yerevan"), "Erevan": ("GPE", "yerevan"),
}


class TinyKB:
    """The part of the knowledge base quotes read: entities, holders, titles, adjectives."""

    titles = {"en": {"president": "president"}, "de": {"präsident": "president"},
              "ru": {"президент": "president"}, "fr": {"président": "president"},
              "tr": {"devlet başkanı": "president"}}
    role_kinds = {"president": "head_of_state", "prime_minister": "head_of_government",
                  "minister": "minister", "foreign_minister": "minister"}
    adjectives = {"en": {"russian": "RUS", "armenian": "ARM"},
                  "de": {"russisch": "RUS", "armenisch": "ARM"},
                  "ru": {"российский": "RUS", "армянский": "ARM"},
                  "fr": {"russe": "RUS", "arménien": "ARM"},
                  "tr": {"rus": "RUS", "ermeni": "ARM"}}

    def __init__(self):
        def person(id_, country, roles=()):
            return Entity(id_, "PERSON", id_, country, "person", roles=list(roles))
        self.entities = {e.id: e for e in [
            person("putin", "RUS", [Role("president", "RUS", start="2012-05-07")]),
            person("aliyev", "AZE", [Role("president", "AZE", start="2003-10-31")]),
            person("pashinyan", "ARM", [Role("prime_minister", "ARM", start="2018-05-08")]),
            person("shoigu", "RUS"), person("rogozin", "RUS"),
            Entity("ria", "ORG", "RIA Novosti", "RUS", "news_agency"),
            Entity("tass", "ORG", "TASS", "RUS", "news_agency"),
            Entity("security-council", "ORG", "Security Council of Russia", "RUS",
                   "government_body", aliases={"de": ["Sicherheitsrat Russlands"]}),
            Entity("un-security-council", "ORG", "UN Security Council", None, "igo",
                   aliases={"de": ["UN-Sicherheitsrat"]}),
            Entity("kremlin", "ORG", "Kremlin", "RUS", "government_body"),
            Entity("RUS", "GPE", "Russia", "RUS", "state"),
            Entity("aze-mod", "ORG", "Ministry of Defence of Azerbaijan", "AZE",
                   "government_body", aliases={"en": ["defence ministry"],
                                               "de": ["Verteidigungsministerium"],
                                               "ru": ["Минобороны"],
                                               "tr": ["Savunma Bakanlığı"],
                                               "fr": ["ministère de la Défense"]}),
            Entity("yerevan", "GPE", "Yerevan", "ARM", "city"),
        ]}

    def get(self, entity_id):
        return self.entities.get(entity_id)

    def holders(self, role, where, on):
        return [e for e in self.entities.values()
                if any(r.key == role and r.country == where and (on is None or r.active_on(on))
                       for r in e.roles)]


def make(lang: str, text: str) -> Article:
    """An article as the earlier stages leave it: paragraphs, sentences, linked names."""
    abbr = abbreviations(lang)
    article = Article(id="t", text=text, lang=lang, published=DateValue.day(date(2022, 9, 7)))
    article.paragraphs = paragraphs(text)
    article.sentences = [s for p in article.paragraphs for s in sentences(text, p, abbr)]
    taken: set[int] = set()
    for name in sorted(NAMES, key=len, reverse=True):
        for m in re.finditer(r"(?<!\w)" + re.escape(name), text):
            if not taken & set(range(m.start(), m.end())):
                taken |= set(range(m.start(), m.end()))
                label, entity_id = NAMES[name]
                article.entities.append(EntityMention(m.start(), m.end(), label, entity_id, "kb"))
    if "Rusya" in text:
        at = text.index("Rusya")
        article.entities.append(EntityMention(at, at + 5, "GPE", "RUS", "kb"))
    article.entities.sort(key=lambda e: e.start)
    return article


def quotes_of(lang: str, text: str):
    article = make(lang, text)
    found = extract_quotes(article, QuoteLexicon.load(lang), TinyKB())
    return [(q, text[q.start:q.end]) for q in found]


def only_direct(lang: str, text: str):
    found = [(q, t) for q, t in quotes_of(lang, text) if q.kind == "direct"]
    assert len(found) == 1, found
    return found[0]


def test_quote_lexicons_have_the_same_layout_in_every_language():
    layouts = {lang: {k: sorted(v) for k, v in load_lexicon(lang, "quotes").items()}
               for lang in available_languages()}
    assert set(layouts) >= set(LANGS)
    assert all(layout == layouts["en"] for layout in layouts.values()), layouts


# -- quotation marks ---------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("„Wir bleiben in engem Kontakt“, sagte er.", "Wir bleiben in engem Kontakt"),
    ("«Мы остаемся на связи», — сказал он.", "Мы остаемся на связи"),
    ("“We stay in close contact,” he said.", "We stay in close contact"),
    ('"We stay in close contact," he said.', "We stay in close contact"),
    ("‚Wir bleiben in Kontakt‘, sagte er.", "Wir bleiben in Kontakt"),
    ("« Nous restons en contact étroit », a-t-il dit.", "Nous restons en contact étroit"),
    ("«\u202fNous restons en contact\u202f», a-t-il dit.", "Nous restons en contact"),
    ("»Wir bleiben in engem Kontakt«, sagte er.", "Wir bleiben in engem Kontakt"),
])
def test_quote_marks_of_every_style_give_the_quoted_words(text, expected):
    lang = "fr" if "Nous" in text else "de" if "Wir" in text else "ru" if "Мы" in text else "en"
    marked = find_quotes(text, QuoteLexicon.load(lang).closers)
    assert [text[q.start:q.end] for q in marked] == [expected]


@pytest.mark.parametrize("lang,text,starts,ends", [
    ("en", "“He told me ‘we will never give up this land’ and left,” said Putin.",
     "He told me", "and left"),
    ("en", "\"He told me 'we will never give up' and left,\" said Putin.",
     "He told me", "and left"),
    ("de", "„Er sagte ‚wir geben nie auf‘ und ging“, sagte Putin.", "Er sagte", "und ging"),
    ("ru", "«Компания «Газпром» выполнит все обязательства», — заявил Путин.",
     "Компания", "обязательства"),
    ("fr", "« Il m’a dit “nous ne céderons jamais” puis il est parti », a déclaré Poutine.",
     "Il m’a dit", "est parti"),
    ("tr", "Putin, \"Bize 'asla vazgeçmeyeceğiz' dediler ve gittiler\" dedi.",
     "Bize", "gittiler"),
])
def test_nested_quotes_stay_inside_the_outer_quote(lang, text, starts, ends):
    quote, words = only_direct(lang, text)
    assert words.startswith(starts) and words.endswith(ends)
    assert quote.speaker_entity_id == "putin"


def test_apostrophes_do_not_open_or_close_quotes():
    text = "Putin’s aide said ‘the talks went well and will go on,’ adding Aliyev’s view."
    marked = find_quotes(text, QuoteLexicon.load("en").closers)
    assert [text[q.start:q.end] for q in marked] == ["the talks went well and will go on"]


@pytest.mark.parametrize("lang,text", [
    ("en", "“The first part of what I want to say is this.\n\n“The second part follows now,” "
           "said Putin."),
    ("de", "„Das Erste, was ich sagen will, ist dies.\n\n„Das Zweite folgt jetzt“, sagte Putin."),
    ("ru", "«Первое, что я хочу сказать, вот что.\n\n«Второе следует сейчас», — сказал Путин."),
    ("tr", "Putin, \"Söylemek istediğim ilk şey şudur.\n\n\"İkincisi şimdi geliyor\" dedi."),
    ("fr", "« La première chose que je veux dire est celle-ci.\n\n« La seconde suit "
           "maintenant », a dit Poutine."),
])
def test_quote_running_over_paragraphs_is_one_quote(lang, text):
    quote, words = only_direct(lang, text)
    assert "\n" in words and quote.speaker_entity_id == "putin"
    assert words[:2] == text.lstrip("«„“\"Putin, ")[:2]


@pytest.mark.parametrize("lang,text", [
    ("en", "Putin met Aliyev. Aliyev called the talks “constructive” and left."),
    ("de", "Putin traf Alijew. Alijew nannte die Gespräche „konstruktiv“ und ging."),
    ("ru", "Путин встретился с Алиевым. Алиев назвал переговоры «конструктивными»."),
    ("tr", "Putin, Aliyev ile görüştü. Aliyev görüşmeleri \"yapıcı\" olarak nitelendirdi."),
    ("fr", "Poutine a rencontré Aliyev. Aliyev a qualifié les pourparlers de « constructifs »."),
])
def test_scare_quotes_are_not_quotes(lang, text):
    assert [t for q, t in quotes_of(lang, text) if q.kind == "direct"] == []


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "Putin met Aliyev. “Never,” Putin said.", "Never"),
    ("de", "Putin traf Alijew. „Niemals“, sagte Putin.", "Niemals"),
    ("ru", "Путин встретился с Алиевым. «Никогда», — сказал Путин.", "Никогда"),
    ("tr", "Putin, Aliyev ile görüştü. Putin, \"Asla\" dedi.", "Asla"),
    ("fr", "Poutine a rencontré Aliyev. « Jamais », a dit Poutine.", "Jamais"),
])
def test_short_quote_counts_when_a_cue_attributes_it(lang, text, expected):
    quote, words = only_direct(lang, text)
    assert words == expected and quote.speaker_entity_id == "putin"


# -- speakers of direct quotes -----------------------------------------------------------

@pytest.mark.parametrize("lang,text", [
    ("en", "“We will work on all of these questions together,” said Putin."),
    ("en", "“We will work on all of these questions together,” Putin told reporters."),
    ("en", "Putin told Aliyev: “We will work on all of these questions together.”"),
    ("de", "„Wir werden an all diesen Fragen gemeinsam arbeiten“, sagte Putin."),
    ("de", "Nach dem Treffen mit Alijew sagte Putin: „Wir werden an all diesen Fragen arbeiten.“"),
    ("de", "„Wir werden an all diesen Fragen gemeinsam arbeiten“, so Putin."),
    ("ru", "«Мы будем вместе работать по всем этим вопросам», — заявил Путин."),
    ("ru", "Путин заявил: «Мы будем вместе работать по всем этим вопросам»."),
    ("tr", "Putin, \"Tüm bu konular üzerinde birlikte çalışacağız\" dedi."),
    ("tr", "Putin şunları söyledi: \"Tüm bu konular üzerinde birlikte çalışacağız.\""),
    ("fr", "« Nous travaillerons ensemble sur toutes ces questions », a déclaré Poutine."),
    ("fr", "Poutine a affirmé devant Aliyev : « Nous travaillerons ensemble sur ces questions. »"),
])
def test_direct_quote_is_attributed_to_the_subject_of_its_reporting_verb(lang, text):
    quote, words = only_direct(lang, text)
    assert quote.speaker_entity_id == "putin", (words, quote)
    assert text[quote.speaker_start:quote.speaker_end] in ("Putin", "Путин", "Poutine")
    assert words[0].isupper() and quote.cue


@pytest.mark.parametrize("lang,text", [
    ("en", "Putin met Aliyev in Baku on Monday. “We discussed many things,” he added."),
    ("de", "Putin traf Alijew am Montag in Baku. „Wir haben vieles besprochen“, fügte er hinzu."),
    ("ru", "Путин встретился с Алиевым в Баку. «Мы обсудили многое», — добавил он."),
    ("tr", "Putin, Bakü'de Aliyev ile görüştü. \"Pek çok şeyi görüştük\" diye ekledi."),
    ("fr", "Poutine a rencontré Aliyev à Bakou. « Nous avons discuté de beaucoup de choses », "
           "a-t-il ajouté."),
])
def test_pronoun_speaker_is_the_subject_of_the_previous_sentence(lang, text):
    quote, _ = only_direct(lang, text)
    assert quote.speaker_entity_id == "putin"


@pytest.mark.parametrize("lang,text", [
    ("en", "Putin met Pashinyan in Vladivostok. “Our relations are developing well,” said the "
           "Russian president."),
    ("de", "Putin traf Paschinjan in Wladiwostok. „Unsere Beziehungen entwickeln sich gut“, "
           "sagte der russische Präsident."),
    ("ru", "Путин встретился с Пашиняном во Владивостоке. «Наши отношения развиваются хорошо», "
           "— заявил российский президент."),
    ("tr", "Putin, Vladivostok'ta Paşinyan ile görüştü. Rusya Devlet Başkanı, \"İlişkilerimiz "
           "iyi gelişiyor\" dedi."),
    ("fr", "Poutine a rencontré Pachinian à Vladivostok. « Nos relations se développent bien », "
           "a déclaré le président russe."),
])
def test_office_description_is_resolved_to_the_office_holder(lang, text):
    quote, _ = only_direct(lang, text)
    assert quote.speaker_entity_id == "putin"
    assert quote.speaker_start > text.index(".")  # the description, not the earlier name


@pytest.mark.parametrize("lang,text", [
    ("en", "Shoygu met Aliyev. “We will keep working on military cooperation,” the top Russian "
           "military official added."),
    ("de", "Schoigu traf Alijew. „Wir werden an der militärischen Zusammenarbeit arbeiten“, "
           "fügte der russische Militärchef hinzu."),
    ("fr", "Choïgou a rencontré Aliyev. « Nous poursuivrons la coopération militaire », "
           "a ajouté le haut responsable militaire russe."),
])
def test_description_is_resolved_to_an_earlier_person_of_its_country(lang, text):
    quote, _ = only_direct(lang, text)
    assert quote.speaker_entity_id == "shoigu"


@pytest.mark.parametrize("lang,text", [
    ("en", "“The sides discussed military and technical cooperation,” RIA Novosti quoted "
           "Shoygu as saying."),
    ("de", "„Die Seiten besprachen die militärtechnische Zusammenarbeit“, zitierte RIA Novosti "
           "den Minister Schoigu."),
    ("ru", "«Стороны обсудили военно-техническое сотрудничество», — цитирует ТАСС Шойгу."),
    ("tr", "RIA Novosti, Şoygu'nun \"Taraflar askeri-teknik işbirliğini görüştü\" dediğini "
           "aktardı."),
    ("fr", "« Les parties ont discuté de la coopération militaro-technique », a déclaré "
           "Choïgou, cité par TASS."),
])
def test_relayed_quote_belongs_to_whom_it_relays_not_the_outlet(lang, text):
    quote, _ = only_direct(lang, text)
    assert quote.speaker_entity_id == "shoigu"


@pytest.mark.parametrize("lang,text,speaker", [
    ("en", "“A wide range of questions was discussed in detail,” the press service of the "
           "Security Council said.", "Security Council"),
    ("de", "„Es wurde eine breite Palette von Fragen besprochen“, zitierten russische "
           "Nachrichtenagenturen den Pressedienst des Sicherheitsrats.", "Sicherheitsrats"),
    ("ru", "«Был обсужден широкий круг вопросов», — сообщила пресс-служба Совбеза.", "Совбеза"),
    ("tr", "Güvenlik Konseyi basın servisi, \"Geniş bir yelpazede konular görüşüldü\" dedi.",
     "Güvenlik Konseyi"),
    ("fr", "« Un large éventail de questions a été abordé », a indiqué le service de presse du "
           "Conseil de sécurité.", "Conseil de sécurité"),
])
def test_press_service_speaks_for_its_institution(lang, text, speaker):
    quote, _ = only_direct(lang, text)
    assert quote.speaker_entity_id == "security-council"
    assert text[quote.speaker_start:quote.speaker_end] == speaker


def test_institution_named_without_a_mention_is_found_by_name_and_the_article_country():
    text = ("Putin traf Alijew. „Es wurden viele Fragen besprochen“, zitierte die Agentur den "
            "Pressedienst des Sicherheitsrates.")
    quote, _ = only_direct("de", text)
    assert quote.speaker_entity_id == "security-council"


def test_institution_unknown_to_the_knowledge_base_is_the_speaker_phrase():
    text = "„Es wurden viele Fragen besprochen“, zitierte die Agentur den Pressedienst der Armee."
    quote, _ = only_direct("de", text)
    assert quote.speaker_entity_id is None
    assert text[quote.speaker_start:quote.speaker_end] == "Pressedienst der Armee"


@pytest.mark.parametrize("lang,text", [
    ("en", "“We will work together on these questions,” Putin said. “And we will meet again "
           "in the autumn in Moscow.”"),
    ("de", "„Wir werden gemeinsam an diesen Fragen arbeiten“, sagte Putin. „Und wir treffen "
           "uns im Herbst in Moskau wieder.“"),
    ("ru", "«Мы будем вместе работать над этими вопросами», — сказал Путин. «И мы снова "
           "встретимся осенью в Москве»."),
    ("tr", "Putin, \"Bu konular üzerinde birlikte çalışacağız\" dedi. \"Sonbaharda Moskova'da "
           "yeniden buluşacağız.\""),
    ("fr", "« Nous travaillerons ensemble sur ces questions », a dit Poutine. « Et nous nous "
           "reverrons à l'automne à Moscou. »"),
])
def test_quote_without_cue_continues_the_previous_speaker(lang, text):
    found = [q for q, _ in quotes_of(lang, text) if q.kind == "direct"]
    assert [q.speaker_entity_id for q in found] == ["putin", "putin"]


# -- indirect speech ---------------------------------------------------------------------

@pytest.mark.parametrize("lang,text,starts", [
    ("en", "Putin stressed that Russia would keep its peacekeepers in the region.", "Russia"),
    ("en", "Putin said Russia would keep its peacekeepers in the region.", "Russia"),
    ("de", "Putin betonte, dass Russland seine Friedenstruppen in der Region belassen werde.",
     "Russland"),
    ("de", "Putin sagte, Russland werde seine Friedenstruppen in der Region belassen.",
     "Russland"),
    ("ru", "Путин подчеркнул, что Россия сохранит своих миротворцев в регионе.", "Россия"),
    ("tr", "Putin, Rusya'nın barış güçlerini bölgede tutacağını söyledi.", "Rusya"),
    ("fr", "Poutine a souligné que la Russie maintiendrait ses soldats de la paix dans la "
           "région.", "la Russie"),
])
def test_indirect_speech_after_a_reporting_verb(lang, text, starts):
    found = [(q, t) for q, t in quotes_of(lang, text) if q.kind == "indirect"]
    assert len(found) == 1
    quote, words = found[0]
    assert words.startswith(starts) and quote.speaker_entity_id == "putin"


@pytest.mark.parametrize("lang,text,starts", [
    ("en", "According to Rogozin, Russia is going to sell one transport aircraft to Baku.",
     "Russia"),
    ("de", "Laut Rogosin wird Russland ein Transportflugzeug an Baku verkaufen.", "wird"),
    ("ru", "По словам Рогозина, Россия продаст Баку один транспортный самолет.", "Россия"),
    ("tr", "Rogozin'e göre Rusya, Bakü'ye bir nakliye uçağı satacak.", "Rusya"),
    ("fr", "Selon Rogozine, la Russie vendra un avion de transport à Bakou.", "la Russie"),
])
def test_according_to_names_the_speaker_of_what_follows(lang, text, starts):
    found = [(q, t) for q, t in quotes_of(lang, text) if q.kind == "indirect"]
    assert len(found) == 1
    quote, words = found[0]
    assert words.startswith(starts) and quote.speaker_entity_id == "rogozin"


@pytest.mark.parametrize("lang,text", [
    ("en", "The two sides have several issues to discuss in military cooperation, RIA Novosti "
           "quoted Shoygu as saying on Sunday."),
    ("de", "Die beiden Seiten hätten einige Fragen der militärischen Zusammenarbeit zu "
           "besprechen, zitierte RIA Novosti Schoigu am Sonntag."),
    ("ru", "Стороны обсудят ряд вопросов военного сотрудничества, цитирует РИА Новости Шойгу."),
    ("fr", "Les deux parties ont plusieurs questions de coopération militaire à discuter, "
           "a déclaré Choïgou, cité par RIA Novosti."),
])
def test_relayed_indirect_speech_belongs_to_whom_it_relays(lang, text):
    found = [(q, t) for q, t in quotes_of(lang, text) if q.kind == "indirect"]
    assert len(found) == 1
    quote, words = found[0]
    assert quote.speaker_entity_id == "shoigu" and words.split()[0] in ("The", "Die", "Стороны",
                                                                          "Les")


@pytest.mark.parametrize("lang,text", [
    ("en", "Putin met Aliyev in Baku and discussed trade with him."),
    ("de", "Putin traf Alijew in Baku und besprach mit ihm den Handel."),
    ("ru", "Путин встретился с Алиевым в Баку и обсудил с ним торговлю."),
    ("tr", "Putin, Bakü'de Aliyev ile görüştü ve ticareti ele aldı."),
    ("fr", "Poutine a rencontré Aliyev à Bakou et a discuté du commerce avec lui."),
])
def test_sentence_without_reporting_cue_has_no_quote(lang, text):
    assert quotes_of(lang, text) == []


def test_quote_offsets_cover_the_quoted_words_only():
    text = "Putin met Aliyev. «  Мы продолжим работу  », — сказал Путин."
    quote, words = only_direct("ru", text)
    assert words == "Мы продолжим работу"


@pytest.mark.parametrize("lang,text", [
    ("en", "Azerbaijan's defence ministry announced an operation. “The armed groups must hand "
           "over their weapons,” the ministry said."),
    ("de", "Das aserbaidschanische Verteidigungsministerium kündigte einen Einsatz an. „Die "
           "Gruppen müssen ihre Waffen abgeben“, erklärte das Ministerium."),
    ("ru", "Минобороны Азербайджана объявило об операции. «Вооруженные группы должны сдать "
           "оружие», — заявили в министерстве."),
    ("tr", "Azerbaycan Savunma Bakanlığı bir operasyon başlattı. Bakanlık, \"Silahlı gruplar "
           "silahlarını teslim etmeli\" dedi."),
    ("fr", "Le ministère de la Défense azerbaïdjanais a annoncé une opération. « Les groupes "
           "armés doivent rendre leurs armes », a déclaré le ministère."),
])
def test_the_ministry_refers_to_the_body_named_before(lang, text):
    quote, _ = only_direct(lang, text)
    assert quote.speaker_entity_id == "aze-mod"


@pytest.mark.parametrize("lang,text", [
    ("en", "Aliyev thanked Putin for his help and said the two countries would keep working "
           "together."),
    ("de", "Alijew dankte Putin für die Hilfe und sagte, beide Länder würden weiter "
           "zusammenarbeiten."),
    ("ru", "Алиев поблагодарил Путина за помощь и заявил, что две страны продолжат работать "
           "вместе."),
    ("fr", "Aliyev a remercié Poutine pour son aide et a déclaré que les deux pays "
           "continueraient à travailler ensemble."),
])
def test_second_verb_of_a_sentence_shares_its_subject(lang, text):
    found = [q for q, _ in quotes_of(lang, text) if q.kind == "indirect"]
    assert [q.speaker_entity_id for q in found] == ["aliyev"]


@pytest.mark.parametrize("lang,text", [
    ("en", "Observers in Yerevan said the departure showed how far Russia had fallen."),
    ("de", "Beobachter in Eriwan sagten, der Abzug zeige, wie weit Russland gefallen sei."),
    ("ru", "Наблюдатели в Ереване заявили, что уход показал, как низко пала Россия."),
    ("fr", "Des observateurs à Erevan ont estimé que le départ montrait le recul de la Russie."),
])
def test_city_is_the_speaker_only_when_it_heads_the_subject(lang, text):
    assert [q.speaker_entity_id for q, _ in quotes_of(lang, text)] in ([], [None])


@pytest.mark.parametrize("lang,text", [
    ("en", "Yerevan said the talks would continue next week in Moscow."),
    ("de", "Eriwan erklärte, dass die Gespräche nächste Woche in Moskau weitergehen."),
    ("ru", "Ереван заявил, что переговоры продолжатся на следующей неделе в Москве."),
    ("tr", "Erivan, görüşmelerin gelecek hafta Moskova'da süreceğini açıkladı."),
    ("fr", "Erevan a déclaré que les pourparlers se poursuivraient la semaine prochaine."),
])
def test_capital_speaking_for_its_government_is_the_speaker(lang, text):
    assert [q.speaker_entity_id for q, _ in quotes_of(lang, text)] == ["yerevan"]


@pytest.mark.parametrize("lang,text", [
    ("en", "According to Russian media, the talks will continue next week in Moscow."),
    ("de", "Laut russischen Medien werden die Gespräche nächste Woche in Moskau fortgesetzt."),
    ("ru", "По данным российских СМИ, переговоры продолжатся на следующей неделе в Москве."),
    ("fr", "Selon la presse russe, les pourparlers se poursuivront la semaine prochaine."),
])
def test_media_reports_are_no_speakers(lang, text):
    assert quotes_of(lang, text) == []


@pytest.mark.parametrize("lang,text", [
    ("en", "The route is to be called the “Route for International Peace and Prosperity” by "
           "both sides."),
    ("de", "Die Route soll den Namen „Route für internationalen Frieden und Wohlstand“ tragen."),
    ("ru", "Маршрут получит название «Путь к международному миру и процветанию» в "
           "документе."),
    ("tr", "Güzergah \"Uluslararası Barış ve Refah Yolu\" adını taşıyacak."),
    ("fr", "La route portera le nom de « Route pour la paix et la prospérité internationales »."),
])
def test_names_in_quotation_marks_are_not_quotes(lang, text):
    assert quotes_of(lang, text) == []


@pytest.mark.parametrize("lang,text", [
    ("en", "“The talks were useful and will go on,” the Kremlin said on Friday."),
    ("de", "„Die Gespräche waren nützlich und gehen weiter“, erklärte der Kreml am Freitag."),
    ("ru", "«Переговоры были полезными и продолжатся», — заявил Кремль в пятницу."),
    ("tr", "Kremlin'in açıklamasında, \"Görüşmeler faydalıydı ve sürecek\" denildi."),
    ("fr", "« Les pourparlers ont été utiles et se poursuivront », a indiqué le Kremlin."),
])
def test_institution_is_the_speaker_of_its_statement(lang, text):
    quote, _ = only_direct(lang, text)
    assert quote.speaker_entity_id == "kremlin"
