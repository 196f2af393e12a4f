"""Boilerplate removal on hand-made scraped pages, one per language."""

from dataclasses import dataclass

import pytest

from tidings import Context, load_config, open_store
from tidings.ingest.boilerplate import Cues, Label, furniture_score, label_lines, line_features
from tidings.ingest.clean import clean_lines
from tidings.model import Article
from tidings.pipeline import Pipeline


@dataclass
class Page:
    site: str
    banner: str
    crumbs: str
    title: str
    byline: str
    author: str
    share: str
    paragraphs: tuple[str, str, str]
    subheading: str
    cookie: str
    tail: str
    related: str

    def text(self) -> str:
        p1, p2, p3 = self.paragraphs
        return "\n".join([
            self.banner, self.crumbs, self.title, f"{self.title} | {self.banner}", self.byline,
            self.share, "", p1, "", p2, "", self.subheading, "", p3, "", p2, "", self.cookie,
            self.tail, f"- {self.related}", ""])


PAGES = {
    "en": Page(
        "kavkaz-wire.example", "Kavkaz Wire", "Home › World › Caucasus",
        "Armenia and Azerbaijan agree to reopen border crossing", "By Jane Roe", "Jane Roe",
        "Share on Facebook",
        ("Armenia and Azerbaijan have agreed to reopen a border crossing that has been closed "
         "for three years, officials in both capitals said on Tuesday.",
         "The crossing will first be used by trucks carrying humanitarian goods, according to "
         "a statement released after talks between the two deputy prime ministers.",
         "Diplomats said the step could open the way to a wider agreement on transport "
         "links in the region later this year."),
        "Next steps", "We use cookies to improve your experience on our site.", "Related",
        "Border talks stall again"),
    "de": Page(
        "kaukasus-depesche.example", "Kaukasus Depesche", "Startseite » Politik » Kaukasus",
        "Armenien und Aserbaidschan öffnen Grenzübergang", "Von Erika Muster", "Erika Muster",
        "Teilen | Drucken",
        ("Armenien und Aserbaidschan wollen einen seit drei Jahren geschlossenen "
         "Grenzübergang wieder öffnen, teilten Regierungsvertreter am Dienstag mit.",
         "Zunächst sollen Lastwagen mit Hilfsgütern die Grenze passieren dürfen, hieß es nach "
         "Gesprächen der beiden stellvertretenden Regierungschefs.",
         "Diplomaten sehen darin einen möglichen ersten Schritt zu einem umfassenderen "
         "Abkommen über Verkehrswege in der Region."),
        "Wie es weitergeht", "Wir verwenden Cookies, um unser Angebot zu verbessern.",
        "Lesen Sie auch", "Grenzgespräche stocken erneut"),
    "fr": Page(
        "lettre-caucase.example", "Lettre du Caucase", "Accueil > Monde > Caucase",
        "L'Arménie et l'Azerbaïdjan rouvrent un poste-frontière", "Par Jeanne Martin",
        "Jeanne Martin", "Partager : Facebook | Twitter",
        ("L'Arménie et l'Azerbaïdjan ont convenu de rouvrir un poste-frontière fermé depuis "
         "trois ans, ont annoncé mardi des responsables des deux pays.",
         "Le passage sera d'abord réservé aux camions transportant de l'aide humanitaire, "
         "selon un communiqué publié après des pourparlers entre les deux vice-premiers "
         "ministres.",
         "Des diplomates estiment que cette décision pourrait ouvrir la voie à un accord plus "
         "large sur les liaisons de transport dans la région."),
        "Et maintenant", "Ce site utilise des cookies pour améliorer votre expérience.",
        "À lire aussi", "Les pourparlers sur la frontière piétinent"),
    "ru": Page(
        "kavkaz-vestnik.example", "Кавказский вестник", "Главная / В мире / Кавказ",
        "Армения и Азербайджан откроют пограничный переход", "Автор: Иван Петров",
        "Иван Петров", "Поделиться: ВКонтакте | Telegram",
        ("Армения и Азербайджан договорились вновь открыть пограничный переход, закрытый три "
         "года назад, сообщили во вторник представители обеих стран.",
         "Сначала через границу смогут проезжать грузовики с гуманитарной помощью, говорится "
         "в заявлении по итогам переговоров вице-премьеров двух стран.",
         "Дипломаты считают, что этот шаг может открыть путь к более широкому соглашению о "
         "транспортных связях в регионе."),
        "Что дальше", "Мы используем файлы cookie, чтобы сайт работал лучше.",
        "Читайте также", "Переговоры о границе снова зашли в тупик"),
    "tr": Page(
        "kafkas-haber.example", "Kafkas Haber", "Anasayfa » Dünya » Kafkasya",
        "Ermenistan ve Azerbaycan sınır kapısını açıyor", "Yazar: Ayşe Yılmaz", "Ayşe Yılmaz",
        "Paylaş",
        ("Ermenistan ve Azerbaycan, üç yıldır kapalı olan bir sınır kapısını yeniden açma "
         "konusunda anlaştı; iki başkentteki yetkililer salı günü açıklama yaptı.",
         "Sınır kapısını ilk olarak insani yardım taşıyan kamyonların kullanacağı, başbakan "
         "yardımcıları arasındaki görüşmenin ardından yapılan açıklamada belirtildi.",
         "Diplomatlar, bu adımın bölgedeki ulaşım bağlantılarına ilişkin daha geniş bir "
         "anlaşmanın yolunu açabileceğini söylüyor."),
        "Bundan sonra ne olacak", "Sitemizde çerez kullanıyoruz.", "İlgili Haberler",
        "Sınır görüşmeleri yine tıkandı"),
}


@pytest.fixture(scope="module")
def cues():
    return Cues.load()


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_page_is_cleaned_to_its_body_title_and_author(lang, cues):
    page = PAGES[lang]
    out = clean_lines(page.text().splitlines(), cues, set(), "", page.site)
    body = "\n\n".join(out.body)
    assert out.title == page.title
    assert out.author == page.author
    for paragraph in page.paragraphs:
        assert body.count(paragraph) == 1, paragraph
    assert page.subheading in body  # a short line between paragraphs stays
    for furniture in (page.banner, page.crumbs, page.byline, page.share, page.cookie,
                      page.tail, page.related):
        assert furniture not in body, furniture
    assert page.crumbs in out.header


@pytest.mark.parametrize("line", [
    "12:45 | 10.11.2020 | 1234",  # time stamps and counters
    "Follow @kavkazwire",  # a handle
    "https://kavkaz-wire.example/2020/11/10/border",  # a bare link
    "Politics | Economy | Culture | Sport",  # a menu
    "Teilen Drucken Merken",  # buttons in German
    "Поделиться Комментарии",  # buttons in Russian
])
def test_navigation_lines_are_furniture_by_their_features(line, cues):
    assert furniture_score(line_features(line, 0.05, cues)) >= 2


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_paragraphs_are_prose_by_their_features(lang, cues):
    for paragraph in PAGES[lang].paragraphs:
        features = line_features(paragraph, 0.5, cues)
        assert features.prose and furniture_score(features) < 0


def test_contact_note_at_the_bottom_is_furniture(cues):
    lines = [*PAGES["en"].paragraphs,
             "Our newsroom is looking for correspondents in Baku and Tbilisi; write to "
             "jobs@kavkaz-wire.example with samples of your work."]
    assert label_lines(lines, cues, set())[-1] is Label.FURNITURE


def test_lede_without_a_full_stop_under_the_title_is_kept(cues):
    lede = ("Armenia and Azerbaijan say a long closed crossing will reopen for aid trucks "
            "within weeks")
    lines = ["Border crossing to reopen", "", lede, "", *PAGES["en"].paragraphs]
    out = clean_lines(lines, cues, set(), "", "")
    assert out.title == "Border crossing to reopen" and out.body[0] == lede


@pytest.mark.parametrize("lang", sorted(PAGES))
def test_lines_recurring_across_a_sites_articles_are_dropped_across_runs(lang, tmp_path):
    page = PAGES[lang]
    tagline = f"{page.banner} — {page.related}"  # a line no cue knows
    config = load_config(store={"url": str(tmp_path / "s.db")})
    texts = []
    for n, paragraph in enumerate(page.paragraphs):
        # one article per run, each with a fresh pipeline: the signal must come from the store
        store = open_store(config.store.url)
        clean = Pipeline(["clean.html.v1", "clean.boilerplate.v2"], Context(config, store))
        article = Article(id=f"a{n}", site=page.site,
                          raw=f"{paragraph}\n\n{tagline}\n\n{paragraph[::-1]}.")
        texts.append(clean(article).text)
        store.close()
    assert [tagline in t for t in texts] == [True, True, False]


def test_a_line_shared_by_two_articles_only_is_kept(cues):
    from tidings.ingest.clean import SiteLines

    articles = [Article(id=str(i), site="x.example", text=f"Shared line here\n\nText {i}.")
                for i in range(2)]
    assert SiteLines(None, 3).repeats(articles) == {"x.example": set()}
    articles.append(Article(id="3", site="x.example", text="Shared line here\n\nOther."))
    assert SiteLines(None, 3).repeats(articles) == {"x.example": {"shared line here"}}
