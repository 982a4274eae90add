"""The search-quality set: queries as professionals type them, with the page that must come in
the top 3. Used by tests/test_search_quality.py (hit rate >= 95 %) and the benchmark (reports it).

Who types it: AF = aandachtsfunctionaris, TR = trainer, WT = wijkteam worker. Each expected page is
the one that professional wants for that query, chosen from the content, not from the ranking:
a query that misses stays in the set and counts as a miss.
"""

from __future__ import annotations

#: The lowest acceptable share of queries whose expected page is in the top 3.
MIN_HIT_RATE = 0.95
TOP = 3

QUERIES: list[tuple[str, str, str]] = [
    # the meldcode by step and question number
    ("meldcode stap 5", "meldcode_stap_5", "AF"),
    ("stap 1 meldcode", "meldcode_stap_1", "TR"),
    ("stap 2", "meldcode_stap_2", "AF"),
    ("meldcode stap 3 gesprek", "meldcode_stap_3", "TR"),
    ("stap 4 wegen", "meldcode_stap_4", "AF"),
    ("vraag 4", "afweging_4", "AF"),
    ("afwegingsvraag 3", "afweging_3", "TR"),
    ("afwegingskader vraag 1", "afweging_1", "AF"),
    ("vraag 5 afwegingskader", "afweging_5", "TR"),
    ("wat moet ik doen bij een vermoeden van kindermishandeling", "meldcode_overzicht", "WT"),
    ("wanneer moet ik melden bij veilig thuis", "meldcode_stap_5", "WT"),
    ("kindermishandeling melden", "meldcode_stap_5", "WT"),
    ("collegiale consultatie", "meldcode_stap_2", "AF"),
    ("gesprek met ouders over zorgen", "meldcode_stap_3", "WT"),
    ("meldkode", "meldcode", "WT"),
    ("wet verplichte meldcode", "meldcode", "TR"),
    # municipalities, their teams and everyday names
    ("sociaal wijkteam Delft", "delft", "WT"),
    ("Noordwijk jeugdteam", "noordwijk", "WT"),
    ("wijkteam Gouda", "gouda", "WT"),
    ("jeugdteam leiden", "leiden", "WT"),
    ("Katwijk lokaal team", "katwijk", "WT"),
    ("Gravenhage", "den_haag", "WT"),
    ("'s-Gravenhage", "den_haag", "AF"),
    ("Den Haag", "den_haag", "WT"),
    ("Alphen", "alphen_aan_den_rijn", "WT"),
    ("Voorburg", "leidschendam_voorburg", "WT"),
    ("Pijnacker", "pijnacker_nootdorp", "WT"),
    ("Reeuwijk", "bodegraven_reeuwijk", "WT"),
    ("zoetermer", "zoetermeer", "WT"),
    ("veilig verder team den haag", "veilig_verder_team", "WT"),
    ("H9", "regio_haaglanden", "TR"),
    ("regio Hollands Midden", "regio_hollands_midden", "TR"),
    ("verschil tussen de regio's", "regios_naast_elkaar", "TR"),
    # what a client says, in everyday words
    ("geslagen door vader", "kindermishandeling", "WT"),
    ("moeder durft niet te praten", "afraid_to_speak", "WT"),
    ("vrouw bang voor ex", "extreme_fear", "WT"),
    ("bedreigd met de dood", "death_threat", "AF"),
    ("partner dreigt met zelfmoord", "death_threat", "AF"),
    ("hij heeft een mes", "weapons", "WT"),
    ("keel dichtgeknepen", "strangulation", "AF"),
    ("wurgen", "strangulation", "AF"),
    ("zwanger en geslagen", "pregnancy_violence", "WT"),
    ("ex stalkt haar", "stalking", "WT"),
    ("ex-partner stalkt mijn cliënt", "stalking", "WT"),
    ("ze wil scheiden", "rode_vlaggen_scheiding", "WT"),
    ("jaloers en controlerend", "rode_vlaggen_verzwarende_factoren", "AF"),
    ("het geweld wordt erger", "escalation", "AF"),
    ("oudere wordt mishandeld door zoon", "ouderenmishandeling", "WT"),
    ("kind slaat moeder", "kind_oudermishandeling", "WT"),
    ("gedwongen trouwen", "huwelijksdwang", "WT"),
    ("kinderen worden verwaarloosd", "verwaarlozing", "WT"),
    ("hulp voor de dader", "interventie_plegerhulp", "AF"),
    ("opvang voor vrouw met kinderen", "interventie_vrouwenopvang", "WT"),
    ("blijf van mijn lijf huis", "interventie_vrouwenopvang", "WT"),
    ("verkrachting", "interventie_csg", "WT"),
    ("seksueel misbruik", "seksueel_geweld", "TR"),
    ("geld afpakken door partner", "financiele_uitbuiting", "WT"),
    ("112 bellen", "achtergrond_contacten", "WT"),
    ("telefoonnummer veilig thuis", "achtergrond_contacten", "WT"),
    ("hoeveel huiselijk geweld is er", "achtergrond_cijfers", "TR"),
    # terms, abbreviations and typing errors
    ("AF", "aandachtsfunctionaris", "AF"),
    ("wat doet een aandachtsfunctionaris", "aandachtsfunctionaris", "WT"),
    ("aandachtsfunctonaris", "aandachtsfunctionaris", "WT"),
    ("ZVH", "zorg_en_veiligheidshuis", "AF"),
    ("MDA++", "mda_plus_plus", "TR"),
    ("ICM", "interventie_icm", "AF"),
    ("CSG", "interventie_csg", "WT"),
    ("THV", "interventie_huisverbod", "AF"),
    ("huisverbood", "interventie_huisverbod", "WT"),
    ("tijdelijk huisverbod aanvragen", "interventie_huisverbod", "WT"),
    ("VGV", "vrouwelijke_genitale_verminking", "TR"),
    ("meisjesbesnijdenis", "vrouwelijke_genitale_verminking", "WT"),
    ("eerwraak", "eergerelateerd_geweld", "WT"),
    ("loverboy", "mensenhandel", "WT"),
    ("vechtscheiding", "complexe_scheiding", "WT"),
    ("dwingende controle", "intieme_terreur", "AF"),
    ("coercive control", "intieme_terreur", "TR"),
    ("femicde", "femicide", "TR"),
    ("femicide voorkomen", "rode_vlaggen_femicide", "TR"),
    ("rode vlaggen", "rode_vlaggen_overzicht", "TR"),
    ("kindermishandelling", "kindermishandeling", "WT"),
    ("verwurgin", "strangulation", "AF"),
    ("signs of safety", "rnv_signs_of_safety", "TR"),
    ("veiligheidsplan maken", "rnv_veiligheidsplan", "WT"),
    ("routekaart naar veiligheid", "routekaart_naar_veiligheid", "TR"),
    ("wie doet wat", "achtergrond_wie_doet_wat", "TR"),
    ("wetgeving", "achtergrond_wettelijke_kaders", "TR"),
]


def evaluate(index) -> tuple[float, list[tuple[str, str, list[str]]]]:
    """(hit rate, misses as (query, expected, top ids)) of `index` on QUERIES."""
    misses = []
    for query, expected, _who in QUERIES:
        top = [hit.id for hit in index.search(query, limit=TOP)]
        if expected not in top:
            misses.append((query, expected, top))
    return 1 - len(misses) / len(QUERIES), misses
