"""A tiny, valid network written inline, for tests to break one thing at a time.

`write_project(tmp_path)` writes content/ and one bilingual campaign `demo-2025` with two laureates;
`files=` replaces or adds files (a value of None deletes one). See MkDocs tests/base.py: tempdir.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from campaignsite import pipeline
from campaignsite.core.errors import Problem, ValidationFailed

CAMPAIGN_YML = """\
title:
  nl: Proximity Demo 2025
  fr: Proximity Démo 2025
tagline:
  nl: Burgers maken de buurt duurzaam.
  fr: Les citoyens rendent le quartier durable.
introduction:
  nl: |
    Met **Proximity Demo** steunen we burgerprojecten in de buurt.
  fr: |
    Avec **Proximity Démo**, nous soutenons les projets citoyens du quartier.
kind: call-for-projects
edition: 2025
municipalities:
  - name: {nl: Elsene, fr: Ixelles}
    nis_code: "21009"
    region: brussels
languages: [nl, fr]
base_url: https://demo.example.be/demo-2025/
sdgs: [11, 17]
contact:
  name: Team Proximity
  email: demo@example.be
  phone: +32 2 515 61 11
branding:
  colour: "#1B5E20"
  logo: media/logo.svg
phases:
  launch: {start: 2025-02-01}
  call: {start: 2025-02-15, end: 2025-04-15}
  jury: {start: 2025-05-06}
  coaching: {start: 2025-06-01, end: 2025-09-30}
  closing_event: {start: 2025-10-10}
call:
  criteria:
    nl: [Het project is collectief., Het project dient de ecologische transitie.]
    fr: [Le projet est collectif., Le projet sert la transition écologique.]
  how_to_apply:
    nl: Vul het formulier in.
    fr: Remplissez le formulaire.
  apply_url: https://demo.example.be/apply
  submitted: 9
  eligible: 7
budget:
  total: 12500
  sources:
    - name: {nl: Gemeente Elsene, fr: Commune d'Ixelles}
      amount: 10000
    - name: Banque Exemple
      amount: 2500
  categories:
    - id: large
      name: {nl: Grote projecten, fr: Grands projets}
      cap: 10000
    - id: small
      name: {nl: Kleine projecten, fr: Petits projets}
      cap: 2500
  upfront_percent: 80
partners:
  - name: Be Planet
    role: organiser
    logo: media/logo.svg
    url: https://www.beplanet.example
jury:
  - name: An Peeters
    kind: expert
    affiliation: Brussels Environment
  - name: Luc Dubois
    kind: citizen
    affiliation: {nl: Wijk Flagey, fr: Quartier Flagey}
"""

LAUREATES_HEADER = ("slug,title_nl,title_fr,summary_nl,summary_fr,sdgs,category,amount,selected_by,votes,status,"
                    "holder,image,image_credit,video_url,website,address,latitude,longitude,crowdfunding_goal,"
                    "crowdfunding_raised,crowdfunding_url,needs_materials_nl,needs_materials_fr,needs_skills_nl,"
                    "needs_skills_fr,needs_volunteers_nl,needs_volunteers_fr,contact_email,contact_phone")
LAUREATES_CSV = LAUREATES_HEADER + """
moestuin,Buurtmoestuin,Potager de quartier,Een moestuin voor de wijk.,Un potager pour le quartier.,2;11,large,8000,jury,,in-progress,Vrienden van Flagey,media/garden.svg,Foto: An,https://www.youtube.com/watch?v=dQw4w9WgXcQ,https://moestuin.example.be,Flageyplein 1 1050 Elsene,50.8275,4.3725,3000,1200,https://give.example.be/moestuin,schoppen;zaden,pelles;graines,tuinieren,jardinage,zaterdag,samedi,private.moestuin@example.org,+32 470 11 22 33
repair,Repair Café,Repair Café,Samen herstellen.,Réparer ensemble.,12,small,2000,both,312,selected,Repair Elsene,,,,,,,,,,,,,,,,,private.repair@example.org,+32 470 99 88 77
"""

EVENTS_CSV = """\
slug,kind,title_nl,title_fr,description_nl,description_fr,start,end,venue,address,online_url,registration_url,status,project
launch,launch,Lancering,Lancement,Start van de campagne.,Début de la campagne.,2025-02-01 19:00,2025-02-01 21:30,Gemeentehuis,Elsensesteenweg 168 1050 Elsene,,https://demo.example.be/register,scheduled,
"""

UPDATES_CSV = """\
project,date,status,text_nl,text_fr
moestuin,2025-06-10,in-progress,De eerste bakken staan er.,Les premiers bacs sont installés.
"""

LOGO_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">'
            '<title>Logo</title><rect width="64" height="64" fill="#1B5E20"/></svg>\n')

NETWORK_YML = """\
title: {nl: Proximity-netwerk, fr: Réseau Proximity, en: Proximity network}
tagline: {nl: Burgerprojecten in de gemeenten., fr: Projets citoyens dans les communes., en: Citizen projects in municipalities.}
languages: [nl, fr, en]
base_url: https://demo.example.be/
contact: {name: Be Planet, email: info@demo.example.be}
"""


def default_files() -> dict[str, str | bytes]:
    """The files of the valid demo network, by path relative to the project root."""
    base = "campaigns/demo-2025"
    files: dict[str, str | bytes] = {
        f"{base}/campaign.yml": CAMPAIGN_YML,
        f"{base}/laureates.csv": LAUREATES_CSV,
        f"{base}/events.csv": EVENTS_CSV,
        f"{base}/updates.csv": UPDATES_CSV,
        f"{base}/media/logo.svg": LOGO_SVG,
        f"{base}/media/garden.svg": LOGO_SVG,
        f"{base}/projects/moestuin.nl.md": "Een **moestuin** met bakken.\n",
        f"{base}/projects/moestuin.fr.md": "Un **potager** en bacs.\n",
        f"{base}/news/laureates.nl.md": "---\ntitle: De laureaten\ndate: 2025-05-10\n---\nDe jury koos.\n",
        f"{base}/news/laureates.fr.md": "---\ntitle: Les lauréats\ndate: 2025-05-10\n---\nLe jury a choisi.\n",
        "content/network.yml": NETWORK_YML,
    }
    for lang, title in (("nl", "Over ons"), ("fr", "À propos"), ("en", "About")):
        files[f"content/{lang}/about.md"] = f"---\ntitle: {title}\n---\nProximity.\n"
    return files


def portal_in_german() -> dict[str, str]:
    """The files that add German to the demo portal: its texts in network.yml and its page."""
    network = NETWORK_YML.replace("en: Proximity network}", "en: Proximity network, de: Proximity-Netzwerk}")
    network = network.replace("en: Citizen projects in municipalities.}",
                              "en: Citizen projects in municipalities., de: Bürgerprojekte in den Gemeinden.}")
    network = network.replace("languages: [nl, fr, en]", "languages: [nl, fr, en, de]")
    return {"content/network.yml": network, "content/de/about.md": "---\ntitle: Über uns\n---\nProximity.\n"}


def write_project(root: Path, files: dict[str, str | bytes | None] | None = None) -> Path:
    """Write the demo network under `root`, with `files` replacing, adding or (None) removing files."""
    merged = {**default_files(), **(files or {})}
    for rel, content in merged.items():
        if content is None:
            continue
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content) if content.startswith("\n") else content, encoding="utf-8")
    return root


def validate(root: Path) -> list[Problem]:
    """The validation stage alone, as `pipeline.build` runs it: every problem, sorted."""
    try:
        pipeline.build_model(root)
    except ValidationFailed as exc:
        return exc.problems
    return []


def edit(path: str, old: str, new: str) -> dict[str, str]:
    """The demo file at `path` with its one occurrence of `old` replaced by `new`."""
    text = default_files()[path]
    assert text.count(old) == 1, f"{old!r} must occur once in {path}"
    return {path: text.replace(old, new)}


def laureates_with(slug: str, cells: dict[str, str]) -> str:
    """laureates.csv with some cells of one row replaced (the cells must not need quoting)."""
    lines = LAUREATES_CSV.splitlines(keepends=True)
    header = lines[0].strip().split(",")
    for index, line in enumerate(lines):
        row = line.rstrip("\n").split(",")
        if row[0] == slug:
            assert len(row) == len(header)
            lines[index] = ",".join(cells.get(name, cell) for name, cell in zip(header, row)) + "\n"
    return "".join(lines)


CANDIDATES_HEADER = ("slug,title_nl,title_fr,summary_nl,summary_fr,sdgs,holder,address,image,image_credit,votes,"
                     "marks,score,prizes,reason_nl,reason_fr")

SELECTION_YML = """\
selection:
  - id: vote
    kind: public-vote
    start: 2025-04-20
    end: 2025-05-04
    weight: 40
  - id: experts
    kind: expert-jury
    start: 2025-05-06
    weight: 60
    members:
      - name: An Peeters
        kind: expert
        affiliation: Brussels Environment
prizes:
  - id: coup-de-coeur
    name: {nl: Publieksprijs, fr: Coup de cœur du public}
    stage: vote
    amount: 500
    from_budget: true
  - id: jury-prize
    name: {nl: Prijs van de jury, fr: Prix du jury}
    stage: experts
    amount: 1000
"""


def csv_table(header: str, rows: list[dict]) -> str:
    """A CSV file with `header`'s columns, each row's missing cells empty."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, header.split(","), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def _project(slug: str, nl: str, fr: str, sdgs: str, holder: str) -> dict:
    return {"slug": slug, "title_nl": nl, "title_fr": fr, "summary_nl": f"Over {nl}.",
            "summary_fr": f"À propos de {fr}.", "sdgs": sdgs, "holder": holder}


def weighted_selection_files() -> dict[str, str]:
    """The demo campaign chosen by a public vote (40 %) and an expert jury (60 %), as public on 2025-06-15:
    five candidates with their marks and scores (three tied at 76, broken by title: 'École verte' comes
    before 'Repair Café' in French only when collated), three laureates, a public's-favourite prize paid
    from the budget won by a candidate the jury did not keep, and the moestuin stopped on 2025-06-12
    after a 6 400 advance of which it repaid 3 000."""
    base = "campaigns/demo-2025"
    moestuin = _project("moestuin", "Buurtmoestuin", "Potager de quartier", "2;11", "Vrienden van Flagey")
    repair = _project("repair", "Repair Café", "Repair Café", "12", "Repair Elsene")
    ecoles = _project("ecoles", "Groene speelplaats", "École verte", "4;13", "Ouders Flagey")
    candidates = [
        {**moestuin, "votes": 300, "marks": "vote:80;experts:90", "score": 86, "prizes": "jury-prize",
         "reason_nl": "Brengt buren van alle leeftijden samen.", "reason_fr": "Rassemble les voisins de tout âge."},
        {**repair, "votes": 312, "marks": "vote:85;experts:70", "score": 76},
        {**_project("fietsen", "Fietsatelier", "Atelier vélo", "11", "Fietsers Elsene"), "votes": 1400,
         "marks": "vote:100;experts:60", "score": 76, "prizes": "coup-de-coeur"},
        {**ecoles, "votes": 210, "marks": "vote:76;experts:76", "score": 76},
        {**_project("bijen", "Bijenhotel", "Hôtel à insectes", "15", "Imkers Elsene"), "votes": 50,
         "marks": "vote:50;experts:60", "score": 56}]
    laureates = [
        {**moestuin, "category": "large", "amount": 8000, "selected_by": "vote;experts", "status": "stopped",
         "needs_materials_nl": "schoppen", "needs_materials_fr": "pelles", "contact_email": "a@example.org"},
        {**repair, "category": "small", "amount": 2000, "selected_by": "vote;experts", "status": "selected",
         "contact_email": "b@example.org"},
        {**ecoles, "category": "small", "amount": 500, "selected_by": "vote;experts", "status": "selected",
         "contact_email": "c@example.org"}]
    return {
        f"{base}/campaign.yml": CAMPAIGN_YML[:CAMPAIGN_YML.index("jury:\n")] + SELECTION_YML,
        f"{base}/candidates.csv": csv_table(CANDIDATES_HEADER, candidates),
        f"{base}/laureates.csv": csv_table(LAUREATES_HEADER, laureates),
        f"{base}/updates.csv": "project,date,status,text_nl,text_fr\n"
                               "moestuin,2025-06-10,in-progress,De eerste bakken staan er.,Les premiers bacs sont là.\n"
                               "moestuin,2025-06-12,stopped,De groep is gestopt.,Le groupe a arrêté.\n",
        f"{base}/payments.csv": "project,date,kind,amount\nmoestuin,2025-05-20,advance,6400\n"
                                "repair,2025-05-20,advance,1600\nmoestuin,2025-06-14,repayment,3000\n",
    }
