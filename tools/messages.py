"""Source table of the interface strings, written out as the gettext catalogues.

Run `python tools/messages.py` after adding a string here: it rewrites
campaignsite/locale/<lang>/LC_MESSAGES/messages.po with Babel. Keys are the English msgids; each
row gives nl, fr, en, de. A test checks every `_()` in the code has an entry in every catalogue.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from campaignsite.i18n import BABEL_LOCALES, LOCALE_DIR  # noqa: E402

M = {
    # msgid: (nl, fr, en, de)
    "%(count)s citizen projects chosen in %(year)s.": ("%(count)s burgerprojecten gekozen in %(year)s.", "%(count)s projets citoyens choisis en %(year)s.", "%(count)s citizen projects chosen in %(year)s.", "%(count)s Bürgerprojekte, ausgewählt %(year)s."),
    "%(how)s (%(votes)s votes)": ("%(how)s (%(votes)s stemmen)", "%(how)s (%(votes)s votes)", "%(how)s (%(votes)s votes)", "%(how)s (%(votes)s Stimmen)"),
    "%(shown)s of %(total)s projects shown": ("%(shown)s van %(total)s projecten getoond", "%(shown)s projets affichés sur %(total)s", "%(shown)s of %(total)s projects shown", "%(shown)s von %(total)s Projekten angezeigt"),
    "%(start)s to %(end)s": ("%(start)s tot %(end)s", "du %(start)s au %(end)s", "%(start)s to %(end)s", "%(start)s bis %(end)s"),
    "%(upfront)s%% of the grant is paid when the project is selected, the remaining %(rest)s%% after its final report.": (
        "%(upfront)s%% van de subsidie wordt uitbetaald bij de selectie, de overige %(rest)s%% na het eindverslag.",
        "%(upfront)s%% de la subvention est versé à la sélection du projet, les %(rest)s%% restants après son rapport final.",
        "%(upfront)s%% of the grant is paid when the project is selected, the remaining %(rest)s%% after its final report.",
        "%(upfront)s%% des Zuschusses werden bei der Auswahl ausgezahlt, die übrigen %(rest)s%% nach dem Abschlussbericht."),
    "A participatory jury of experts and citizens chose the laureates.": ("Een participatieve jury van experten en burgers koos de laureaten.", "Un jury participatif d'experts et de citoyens a choisi les lauréats.", "A participatory jury of experts and citizens chose the laureates.", "Eine partizipative Jury aus Fachleuten und Bürgern hat die Preisträger ausgewählt."),
    "About the project": ("Over het project", "À propos du projet", "About the project", "Über das Projekt"),
    "All categories": ("Alle categorieën", "Toutes les catégories", "All categories", "Alle Kategorien"),
    "All goals": ("Alle doelen", "Tous les objectifs", "All goals", "Alle Ziele"),
    "All laureates": ("Alle laureaten", "Tous les lauréats", "All laureates", "Alle Preisträger"),
    "All statuses": ("Alle statussen", "Tous les statuts", "All statuses", "Alle Status"),
    "Apply": ("Dien je project in", "Déposer un projet", "Apply", "Projekt einreichen"),
    "Browse by goal:": ("Bekijk per doel:", "Parcourir par objectif :", "Browse by goal:", "Nach Ziel durchsuchen:"),
    "Budget": ("Budget", "Budget", "Budget", "Budget"),
    "Call for projects": ("Projectoproep", "Appel à projets", "Call for projects", "Projektaufruf"),
    "Campaigns": ("Campagnes", "Campagnes", "Campaigns", "Kampagnen"),
    "Categories and caps": ("Categorieën en maximumbedragen", "Catégories et plafonds", "Categories and caps", "Kategorien und Höchstbeträge"),
    "Category": ("Categorie", "Catégorie", "Category", "Kategorie"),
    "Citizens": ("Burgers", "Citoyens", "Citizens", "Bürgerinnen und Bürger"),
    "Criteria": ("Criteria", "Critères", "Criteria", "Kriterien"),
    "Criteria, budget and deadline of the call for projects": ("Criteria, budget en deadline van de projectoproep", "Critères, budget et date limite de l'appel à projets", "Criteria, budget and deadline of the call for projects", "Kriterien, Budget und Frist des Projektaufrufs"),
    "Deadline": ("Deadline", "Date limite", "Deadline", "Einsendeschluss"),
    "Experts": ("Experten", "Experts", "Experts", "Fachleute"),
    "Filter the laureates": ("Filter de laureaten", "Filtrer les lauréats", "Filter the laureates", "Preisträger filtern"),
    "Goal": ("Doel", "Objectif", "Goal", "Ziel"),
    "Grant": ("Subsidie", "Subvention", "Grant", "Zuschuss"),
    "How to apply": ("Hoe indienen?", "Comment participer ?", "How to apply", "So reichen Sie ein"),
    "Jury": ("Jury", "Jury", "Jury", "Jury"),
    "Key figures": ("Kerncijfers", "Chiffres clés", "Key figures", "Kennzahlen"),
    "Laureates": ("Laureaten", "Lauréats", "Laureates", "Preisträger"),
    "Laureates by goal": ("Laureaten per doel", "Lauréats par objectif", "Laureates by goal", "Preisträger nach Ziel"),
    "Logo of %(name)s": ("Logo van %(name)s", "Logo de %(name)s", "Logo of %(name)s", "Logo von %(name)s"),
    "Our Sustainable Development Goals": ("Onze duurzameontwikkelingsdoelen", "Nos objectifs de développement durable", "Our Sustainable Development Goals", "Unsere Ziele für nachhaltige Entwicklung"),
    "Partners": ("Partners", "Partenaires", "Partners", "Partner"),
    "Photo of the project %(title)s": ("Foto van het project %(title)s", "Photo du projet %(title)s", "Photo of the project %(title)s", "Foto des Projekts %(title)s"),
    "Project holder": ("Projectdrager", "Porteur de projet", "Project holder", "Projektträger"),
    "See all %(count)s laureates": ("Bekijk alle %(count)s laureaten", "Voir les %(count)s lauréats", "See all %(count)s laureates", "Alle %(count)s Preisträger ansehen"),
    "Selected by": ("Gekozen door", "Sélectionné par", "Selected by", "Ausgewählt durch"),
    "Status": ("Status", "Statut", "Status", "Status"),
    "Sustainable Development Goals": ("Duurzameontwikkelingsdoelen", "Objectifs de développement durable", "Sustainable Development Goals", "Ziele für nachhaltige Entwicklung"),
    "Sustainable Development Goals of the campaign": ("Duurzameontwikkelingsdoelen van de campagne", "Objectifs de développement durable de la campagne", "Sustainable Development Goals of the campaign", "Ziele für nachhaltige Entwicklung der Kampagne"),
    "The call closed on %(date)s.": ("De oproep sloot op %(date)s.", "L'appel a été clôturé le %(date)s.", "The call closed on %(date)s.", "Der Aufruf endete am %(date)s."),
    "The call closes tomorrow, %(date)s.": ("De oproep sluit morgen, %(date)s.", "L'appel se clôture demain, le %(date)s.", "The call closes tomorrow, %(date)s.", "Der Aufruf endet morgen, am %(date)s."),
    "The call in figures": ("De oproep in cijfers", "L'appel en chiffres", "The call in figures", "Der Aufruf in Zahlen"),
    "The call is open until %(date)s: %(days)s days left.": ("De oproep loopt tot %(date)s: nog %(days)s dagen.", "L'appel est ouvert jusqu'au %(date)s : encore %(days)s jours.", "The call is open until %(date)s: %(days)s days left.", "Der Aufruf läuft bis %(date)s: noch %(days)s Tage."),
    "The call opens on %(date)s.": ("De oproep opent op %(date)s.", "L'appel s'ouvre le %(date)s.", "The call opens on %(date)s.", "Der Aufruf beginnt am %(date)s."),
    "The dates of the call will be announced.": ("De data van de oproep worden nog bekendgemaakt.", "Les dates de l'appel seront annoncées.", "The dates of the call will be announced.", "Die Termine des Aufrufs werden noch bekanntgegeben."),
    "The jury of %(campaign)s": ("De jury van %(campaign)s", "Le jury de %(campaign)s", "The jury of %(campaign)s", "Die Jury von %(campaign)s"),
    "The laureate projects of %(campaign)s": ("De laureaten van %(campaign)s", "Les projets lauréats de %(campaign)s", "The laureate projects of %(campaign)s", "Die Preisträgerprojekte von %(campaign)s"),
    "The network in figures": ("Het netwerk in cijfers", "Le réseau en chiffres", "The network in figures", "Das Netzwerk in Zahlen"),
    "Timeline": ("Tijdlijn", "Calendrier", "Timeline", "Zeitplan"),
    "Total budget": ("Totaal budget", "Budget total", "Total budget", "Gesamtbudget"),
    "Website of the project": ("Website van het project", "Site web du projet", "Website of the project", "Website des Projekts"),
    "Where": ("Waar", "Où", "Where", "Wo"),
    "campaigns": ("campagnes", "campagnes", "campaigns", "Kampagnen"),
    "eligible": ("ontvankelijk", "recevables", "eligible", "zulässig"),
    "funded": ("gesteund", "soutenus", "funded", "gefördert"),
    "granted": ("toegekend", "octroyés", "granted", "vergeben"),
    "granted to citizen projects": ("toegekend aan burgerprojecten", "octroyés aux projets citoyens", "granted to citizen projects", "an Bürgerprojekte vergeben"),
    "laureates": ("laureaten", "lauréats", "laureates", "Preisträger"),
    "municipalities": ("gemeenten", "communes", "municipalities", "Gemeinden"),
    "municipality": ("gemeente", "commune", "municipality", "Gemeinde"),
    "now": ("nu", "en cours", "now", "jetzt"),
    "projects submitted": ("ingediende projecten", "projets déposés", "projects submitted", "eingereichte Projekte"),
    "total budget": ("totaal budget", "budget total", "total budget", "Gesamtbudget"),
    "up to %(amount)s": ("tot %(amount)s", "jusqu'à %(amount)s", "up to %(amount)s", "bis zu %(amount)s"),
    # Built from data values: see campaignsite.i18n.DYNAMIC_MSGIDS.
    "status:selected": ("Geselecteerd", "Sélectionné", "Selected", "Ausgewählt"),
    "status:in-progress": ("Lopend", "En cours", "In progress", "Laufend"),
    "status:completed": ("Afgerond", "Terminé", "Completed", "Abgeschlossen"),
    "status:stopped": ("Stopgezet", "Arrêté", "Stopped", "Eingestellt"),
    "selected:jury": ("de jury", "le jury", "the jury", "die Jury"),
    "selected:public-vote": ("de publieksstemming", "le vote du public", "the public vote", "die Publikumsabstimmung"),
    "selected:both": ("de jury en de publieksstemming", "le jury et le vote du public", "the jury and the public vote", "die Jury und die Publikumsabstimmung"),
    "role:organiser": ("Organisator", "Organisateur", "Organiser", "Veranstalter"),
    "role:municipality": ("Gemeente", "Commune", "Municipality", "Gemeinde"),
    "role:sponsor": ("Sponsor", "Sponsor", "Sponsor", "Sponsor"),
    "role:partner": ("Partner", "Partenaire", "Partner", "Partner"),
    "role:media": ("Mediapartner", "Partenaire média", "Media partner", "Medienpartner"),
    "juror:expert": ("Expert", "Expert·e", "Expert", "Fachperson"),
    "juror:citizen": ("Burger", "Citoyen·ne", "Citizen", "Bürger/in"),
    "phase:launch": ("Lancering", "Lancement", "Launch", "Auftakt"),
    "phase:call": ("Projectoproep", "Appel à projets", "Call for projects", "Projektaufruf"),
    "phase:jury": ("Jury", "Jury", "Jury", "Jury"),
    "phase:public_vote": ("Publieksstemming", "Vote du public", "Public vote", "Publikumsabstimmung"),
    "phase:press": ("Bekendmaking aan de pers", "Annonce à la presse", "Press announcement", "Bekanntgabe an die Presse"),
    "phase:coaching": ("Coaching", "Accompagnement", "Coaching", "Begleitung"),
    "phase:mobilisation": ("Mobilisatie", "Mobilisation", "Mobilisation", "Mobilisierung"),
    "phase:closing_event": ("Slotavond", "Soirée de clôture", "Closing evening", "Abschlussabend"),
    "phase:participation": ("Participatie", "Participation", "Participation", "Beteiligung"),
    "phase:implementation": ("Uitvoering", "Mise en œuvre", "Implementation", "Umsetzung"),
    "phase:follow_up": ("Opvolging", "Suivi", "Follow-up", "Nachbetreuung"),
    "region:flanders": ("Vlaanderen", "Flandre", "Flanders", "Flandern"),
    "region:wallonia": ("Wallonië", "Wallonie", "Wallonia", "Wallonien"),
    "region:brussels": ("Brussel", "Bruxelles", "Brussels", "Brüssel"),
    "kind:call-for-projects": ("Projectoproep", "Appel à projets", "Call for projects", "Projektaufruf"),
    "kind:climate-plan": ("Klimaatplan", "Plan climat", "Climate plan", "Klimaplan"),
}


def main() -> None:
    for index, lang in enumerate(("nl", "fr", "en", "de")):
        catalog = Catalog(locale=BABEL_LOCALES[lang], project="campaignsite", fuzzy=False)
        for msgid, translations in sorted(M.items()):
            catalog.add(msgid, translations[index])
        path = LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po"
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as handle:
            write_po(handle, catalog, width=0, omit_header=True)
    print(f"{len(M)} messages written for nl, fr, en, de")


if __name__ == "__main__":
    main()
