"""The shipped actor tables: every UN member and observer state, the territories in the news, the forms
of country names (adjectives, genitives, demonyms, seats of power, former names), organisations and
role words resolve to the codes the coding conventions in the data files' notes give."""

from __future__ import annotations

from datetime import date

import pytest

from chronik.actors.dictionary import ActorDictionary, name_tokens
from chronik.resources import data_path, load_yaml


def _codes(text: str) -> list[str]:
    return text.split()


# the 193 UN member states (ISO 3166-1 alpha-3 = CAMEO country codes) and the 2 observer states
UN_MEMBERS = _codes("""
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA BRN BGR BFA BDI
CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE PRK COD DNK DJI DMA DOM ECU EGY SLV GNQ ERI
EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA
JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM
MCO MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR
MDA ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE
SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB ZWE
""")
UN_OBSERVERS = ["VAT", "PSE"]


@pytest.fixture(scope="module")
def actors(shipped_actors: ActorDictionary) -> ActorDictionary:
    return shipped_actors


@pytest.fixture(scope="module")
def countries() -> list[dict[str, object]]:
    data = load_yaml(data_path("actors", "countries.yaml"), "countries")
    assert isinstance(data, list)
    return data


def name_codes(d: ActorDictionary, name: str) -> list[tuple[str, str]]:
    return [(e.kind, e.code) for e in d.names.get(name_tokens(name), [])]


def first_code(d: ActorDictionary, name: str) -> str | None:
    entries = d.names.get(name_tokens(name))
    return entries[0].code if entries else None


def test_un_list_is_complete() -> None:
    assert len(UN_MEMBERS) == len(set(UN_MEMBERS)) == 193


def test_every_un_member_and_observer_has_an_entry(countries: list[dict[str, object]]) -> None:
    codes = [c["code"] for c in countries]
    assert len(codes) == len(set(codes)), "a country code is listed twice"
    missing = sorted(set(UN_MEMBERS + UN_OBSERVERS) - set(codes))
    assert not missing, missing


def test_every_state_has_german_and_english_names_and_adjectives(countries: list[dict[str, object]]) -> None:
    for c in countries:
        code = c["code"]
        if code not in UN_MEMBERS + UN_OBSERVERS:
            continue
        names = c["names"]
        assert isinstance(names, list) and names, code
        assert c["name"] in names or f"the {c['name']}" in names or code == "TCD", (code, c["name"])
        # Dominica's and the two Congos' adjectives go to DOM and COD; "Central African" is also the region
        assert c.get("english_adjectives") or code in ("DMA", "COG", "CAF"), code


@pytest.mark.parametrize("name,code", [
    ("Kosovo", "KSV"), ("Taiwan", "TWN"), ("Westjordanland", "PSE"), ("Gazastreifen", "PSE"), ("Gaza", "PSE"),
    ("Ostjerusalem", "PSE"), ("Krim", "UKR"), ("Westsahara", "ESH"), ("Hongkong", "HKG"), ("Macau", "MAC"),
    ("Nordzypern", "CYP"), ("Abchasien", "GEO"), ("Südossetien", "GEO"), ("Transnistrien", "MDA"),
    ("Bergkarabach", "AZE"), ("Somaliland", "SOM"), ("Grönland", "GRL"), ("Puerto Rico", "PRI"),
    ("Autonome Region Kurdistan", "IRQ"), ("Irakisch-Kurdistan", "IRQ"), ("Donbass", "UKR"), ("Gebiet Donezk", "UKR"),
    ("Oblast Luhansk", "UKR"), ("Tibet", "CHN"), ("Tschetschenien", "RUS"),
])
def test_territories_resolve(actors: ActorDictionary, name: str, code: str) -> None:
    assert ("country", code) in name_codes(actors, name)


def test_bare_kurdistan_and_donezk_are_not_states(actors: ActorDictionary) -> None:
    # Kurdistan is also the transnational area (KUR); Donezk and Luhansk are cities in the gazetteer
    for name in ("Kurdistan", "Donezk", "Luhansk"):
        assert not [k for k, _ in name_codes(actors, name) if k == "country"], name


@pytest.mark.parametrize("name,code", [
    ("Bundesrepublik Deutschland", "DEU"), ("Russische Föderation", "RUS"), ("Vereinigte Staaten von Amerika", "USA"),
    ("Volksrepublik China", "CHN"), ("Schweizerische Eidgenossenschaft", "CHE"), ("Republik Österreich", "AUT"),
    ("United States", "USA"), ("Russian Federation", "RUS"), ("Germany", "DEU"), ("Switzerland", "CHE"),
    ("Vereinigten Staaten", "USA"), ("Vereinigtes Königreich", "GBR"), ("Elfenbeinküste", "CIV"), ("Türkiye", "TUR"),
    ("Türkei", "TUR"), ("Eswatini", "SWZ"), ("Nordmazedonien", "MKD"), ("Myanmar", "MMR"),
])
def test_short_and_official_names(actors: ActorDictionary, name: str, code: str) -> None:
    assert ("country", code) in name_codes(actors, name)


@pytest.mark.parametrize("name,code", [
    ("Russlands", "RUS"), ("Deutschlands", "DEU"), ("Österreichs", "AUT"), ("Chinas", "CHN"), ("Irans", "IRN"),
    ("Israels", "ISR"), ("Kosovos", "KSV"),
])
def test_genitives(actors: ActorDictionary, name: str, code: str) -> None:
    assert ("country", code) in name_codes(actors, name)


@pytest.mark.parametrize("form,code", [
    ("russischen", "RUS"), ("russische", "RUS"), ("russischer", "RUS"), ("russisches", "RUS"), ("russischem", "RUS"),
    ("deutschen", "DEU"), ("österreichischen", "AUT"), ("schweizerischen", "CHE"), ("Schweizer", "CHE"),
    ("ukrainischen", "UKR"), ("kosovarischen", "KSV"), ("palästinensischen", "PSE"), ("taiwanischen", "TWN"),
    ("Russian", "RUS"), ("German", "DEU"), ("Swiss", "CHE"), ("sowjetischen", "RUS"), ("tschechoslowakischen", "CSK"),
    ("Moskauer", "RUS"), ("Kiewer", "UKR"), ("Pekinger", "CHN"), ("Teheraner", "IRN"),
])
def test_adjectives_in_every_inflection(actors: ActorDictionary, form: str, code: str) -> None:
    entry = actors.adjectives.get(name_tokens(form)[0])
    assert entry is not None and entry.code == code, form


@pytest.mark.parametrize("name,code", [
    ("Russe", "RUS"), ("Russen", "RUS"), ("Russin", "RUS"), ("Russinnen", "RUS"), ("Deutsche", "DEU"),
    ("Deutscher", "DEU"), ("Österreicher", "AUT"), ("Schweizerinnen", "CHE"), ("Ukrainer", "UKR"),
    ("Palästinenser", "PSE"), ("Kosovaren", "KSV"), ("US-Amerikaner", "USA"),
])
def test_demonyms(actors: ActorDictionary, name: str, code: str) -> None:
    assert ("demonym", code) in name_codes(actors, name)


@pytest.mark.parametrize("name,code", [
    ("Kreml", "RUSGOV"), ("Kremls", "RUSGOV"), ("Kremlführung", "RUSGOV"), ("Weißes Haus", "USAGOV"),
    ("Weisses Haus", "USAGOV"),
    ("Weiße Haus", "USAGOV"), ("Weissen Hauses", "USAGOV"), ("White House", "USAGOV"), ("State Department", "USAGOV"),
    ("Foggy Bottom", "USAGOV"), ("Élysée", "FRAGOV"), ("Elysée-Palast", "FRAGOV"), ("Elysee", "FRAGOV"),
    ("Downing Street", "GBRGOV"), ("Zhongnanhai", "CHNGOV"), ("Kanzleramt", "DEUGOV"), ("Ballhausplatz", "AUTGOV"),
    ("Bundeshaus", "CHEGOV"), ("Quai d'Orsay", "FRAGOV"), ("Pentagon", "USAMIL"), ("Bendlerblock", "DEUMIL"),
    ("Moskau", "RUSGOV"), ("Kiew", "UKRGOV"), ("Bern", "CHEGOV"), ("Wien", "AUTGOV"),
])
def test_seats_and_capitals_stand_for_governments(actors: ActorDictionary, name: str, code: str) -> None:
    assert first_code(actors, name) == code


@pytest.mark.parametrize("name,code", [
    ("Birma", "MMR"), ("Burma", "MMR"), ("Swasiland", "SWZ"), ("Zaire", "COD"), ("Mazedonien", "MKD"),
    ("FYROM", "MKD"), ("Sowjetunion", "RUS"), ("UdSSR", "RUS"), ("Jugoslawien", "SRB"),
    ("Serbien und Montenegro", "SRB"),
    ("Tschechoslowakei", "CSK"), ("Ceylon", "LKA"), ("Persien", "IRN"), ("Rhodesien", "ZWE"), ("Siam", "THA"),
    ("Obervolta", "BFA"), ("Dahomey", "BEN"), ("Kampuchea", "KHM"), ("DDR", "DDR"),
])
def test_former_names(actors: ActorDictionary, name: str, code: str) -> None:
    assert ("country", code) in name_codes(actors, name)


def test_former_names_carry_dates(countries: list[dict[str, object]]) -> None:
    by_code = {c["code"]: c for c in countries}
    for code, name, until in [("MMR", "Birma", "1989-06-18"), ("SWZ", "Swasiland", "2018-04-19"),
                              ("MKD", "Mazedonien", "2019-02-12"), ("COD", "Zaire", "1997-05-17")]:
        former = by_code[code].get("former")
        assert isinstance(former, list)
        assert any(f["name"] == name and str(f["until"]) == until for f in former), (code, name)


@pytest.mark.parametrize("name,code", [
    # UN system
    ("UN-Sicherheitsrat", "IGOUNO"), ("Sicherheitsrat", "IGOUNO"), ("UN-Generalversammlung", "IGOUNO"),
    ("UN-Generalsekretär", "IGOUNO"), ("UNHCR", "IGOUNOREFHCR"), ("UNICEF", "IGOUNOKID"), ("WFP", "IGOUNOWFP"),
    ("OCHA", "IGOUNO"), ("UNRWA", "IGOUNOREF"), ("UNESCO", "IGOUNODEV"), ("IAEA", "IGOUNOIAE"), ("IAEO", "IGOUNOIAE"),
    ("WHO", "IGOUNOHLHWHO"), ("ILO", "IGOUNOLABILO"), ("FAO", "IGOUNOAGRFAO"), ("IStGH", "IGOJUDICC"),
    ("ICC", "IGOJUDICC"), ("IGH", "IGOUNOJUDICJ"), ("UN-Menschenrechtsrat", "IGOUNOHRI"), ("UNCTAD", "IGOUNODEV"),
    # EU
    ("EU-Kommission", "IGOEUREEC"), ("Europäischer Rat", "IGOEUREEC"), ("Rat der EU", "IGOEUREEC"),
    ("EU-Rat", "IGOEUREEC"), ("Europaparlament", "IGOEUREEC"), ("EZB", "IGOEUREEC"), ("EAD", "IGOEUREEC"),
    # other IGOs
    ("NATO", "IGOWSTNAT"), ("Nato", "IGOWSTNAT"), ("OSZE", "IGOEURSCE"), ("OSCE", "IGOEURSCE"),
    ("Europarat", "IGOEURCOE"),
    ("Afrikanische Union", "IGOAFRAFU"), ("Arabische Liga", "IGOMEAARL"), ("ASEAN", "IGOSEAASN"), ("OPEC", "IGOBUSOPC"),
    ("OPEC+", "IGOBUSOPC"), ("IWF", "IGOBUSIMF"), ("IMF", "IGOBUSIMF"), ("Weltbank", "IGOUNODEVWBK"),
    ("WTO", "IGOBUSWTO"), ("G7", "IGOGOS"), ("G20", "IGOGTW"), ("BRICS", "IGOBRC"), ("SOZ", "IGOCAS"),
    ("Golfkooperationsrat", "IGOPGSGCC"), ("ECOWAS", "IGOWAFWAS"), ("Mercosur", "IGOSAMMER"), ("OAS", "IGOOAS"),
    ("Commonwealth", "IGOCWN"), ("Interpol", "IGOCOPITP"), ("CARICOM", "IGOCRB"), ("AMISOM", "IGOAFRAFU"),
    # NGOs
    ("Amnesty International", "NGOHRIAMN"), ("Human Rights Watch", "NGOHRIHRW"), ("IKRK", "NGOHLHIRC"),
    ("Rotes Kreuz", "NGOHLHIRC"), ("Roter Halbmond", "NGOHLHIRC"), ("Ärzte ohne Grenzen", "NGOHLHMSF"),
    ("Greenpeace", "NGOENV"),
    # armed groups
    ("IS", "IMGMUSISI"), ("ISIS", "IMGMUSISI"), ("ISIL", "IMGMUSISI"), ("Daesh", "IMGMUSISI"),
    ("Islamischer Staat", "IMGMUSISI"), ("al-Qaida", "IMGMUSALQ"), ("AQAP", "IMGMUSALQ"), ("AQIM", "IMGMUSALQ"),
    ("al-Nusra-Front", "SYRREBMUS"), ("HTS", "SYRREBMUS"), ("Taliban", "AFGINS"), ("Hamas", "PSEREBHMS"),
    ("Kassam-Brigaden", "PSEREBHMS"), ("Islamischer Dschihad", "PSEREB"), ("Hisbollah", "LBNREB"), ("PKK", "TURREB"),
    ("YPG", "SYRREB"), ("SDF", "SYRREB"), ("Boko Haram", "NGAREB"), ("al-Shabaab", "SOMREB"), ("Huthi", "YEMREB"),
    ("Houthis", "YEMREB"), ("Ansar Allah", "YEMREB"), ("RSF", "SDNREB"), ("Wagner-Gruppe", "RUSMIL"),
    ("Asow-Regiment", "UKRMIL"), ("Polisario", "ESHREB"),
    # parties
    ("CDU", "DEUPTY"), ("CSU", "DEUPTY"), ("SPD", "DEUPTY"), ("FDP", "DEUPTY"), ("AfD", "DEUOPPPTY"),
    ("BSW", "DEUOPPPTY"), ("Bündnis 90/Die Grünen", "DEUPTY"), ("ÖVP", "AUTPTY"), ("SPÖ", "AUTPTY"), ("FPÖ", "AUTPTY"),
    ("NEOS", "AUTPTY"), ("SVP", "CHEGOVPTY"), ("SP Schweiz", "CHEGOVPTY"), ("FDP.Die Liberalen", "CHEGOVPTY"),
    ("Schweizer FDP", "CHEGOVPTY"), ("CVP", "CHEGOVPTY"), ("GLP", "CHEOPPPTY"), ("Grüne Schweiz", "CHEOPPPTY"),
    ("Demokraten", "USAPTY"), ("Republicans", "USAPTY"), ("Einiges Russland", "RUSGOVPTY"), ("KPRF", "RUSOPPPTY"),
    ("LDPR", "RUSOPPPTY"), ("Gerechtes Russland", "RUSOPPPTY"),
    # state bodies named like organisations
    ("Duma", "RUSLEG"), ("Knesset", "ISRLEG"), ("Kapitol", "USALEG"), ("Bundestag", "DEULEG"), ("Lubjanka", "RUSSPY"),
    ("EDA", "CHEGOV"), ("Bundeskanzlei", "CHEGOV"), ("Bundesgericht", "CHEJUD"), ("Volksanwaltschaft", "AUTGOV"),
    # media
    ("dpa", "DEUMED"), ("AFP", "FRAMED"), ("Reuters", "GBRMED"), ("AP", "USAMED"), ("Keystone-SDA", "CHEMED"),
    ("APA", "AUTMED"), ("Spiegel", "DEUMED"), ("FAZ", "DEUMED"), ("Süddeutsche Zeitung", "DEUMED"), ("NZZ", "CHEMED"),
    ("Tages-Anzeiger", "CHEMED"), ("ORF", "AUTMED"), ("ARD", "DEUMED"), ("ZDF", "DEUMED"), ("Tass", "RUSMED"),
    ("RIA Nowosti", "RUSMED"), ("Interfax", "RUSMED"), ("RT", "RUSMED"), ("CNN", "USAMED"), ("Fox News", "USAMED"),
    ("New York Times", "USAMED"), ("Washington Post", "USAMED"),
])
def test_organisations(actors: ActorDictionary, name: str, code: str) -> None:
    assert first_code(actors, name) == code, name_codes(actors, name)


@pytest.mark.parametrize("name,day,code", [
    ("CDU", "2016-07-14", "DEUGOVPTY"), ("CDU", "2023-03-01", "DEUOPPPTY"), ("CDU", "2025-06-01", "DEUGOVPTY"),
    ("Union", "2000-01-01", "DEUOPPPTY"), ("SPD", "2011-01-01", "DEUOPPPTY"), ("SPD", "2026-01-01", "DEUGOVPTY"),
    ("FDP", "2023-03-01", "DEUGOVPTY"), ("FDP", "2025-01-01", "DEUOPPPTY"), ("Grüne", "2022-01-01", "DEUGOVPTY"),
    ("Grünen", "2026-01-01", "DEUOPPPTY"), ("ÖVP", "2019-01-01", "AUTGOVPTY"), ("FPÖ", "2018-06-01", "AUTGOVPTY"),
    ("FPÖ", "2024-01-01", "AUTOPPPTY"), ("SPÖ", "2024-01-01", "AUTOPPPTY"), ("NEOS", "2025-06-01", "AUTGOVPTY"),
    ("Demokraten", "2022-01-01", "USAGOVPTY"), ("Republikaner", "2022-01-01", "USAOPPPTY"),
    ("Republicans", "2025-06-01", "USAGOVPTY"), ("AfD", "2024-01-01", "DEUOPPPTY"), ("SVP", "2024-01-01", "CHEGOVPTY"),
    ("Labour", "2025-01-01", "GBRGOVPTY"), ("Tories", "2015-01-01", "GBRGOVPTY"), ("BZÖ", "2006-01-01", "AUTGOVPTY"),
    ("BDP", "2012-01-01", "CHEGOVPTY"),
])
def test_party_codes_follow_the_executive(actors: ActorDictionary, name: str, day: str, code: str) -> None:
    entry = actors.names[name_tokens(name)][0]
    assert entry.code_on(date.fromisoformat(day)) == code


@pytest.mark.parametrize("word", ["Mitte", "Die Mitte", "Rat", "Kommission", "Wagner", "Kurdistan", "Neue Leute",
                                  "Bundeskriminalamt", "Mafia"])
def test_common_words_are_no_organisations(actors: ActorDictionary, word: str) -> None:
    assert not [c for k, c in name_codes(actors, word) if k == "org"], word


def test_capital_adjectives_of_treaty_cities_are_not_listed(actors: ActorDictionary) -> None:
    # Pariser Abkommen, Minsker Abkommen, Wiener Übereinkommen, Warschauer Pakt name no state's act
    for form in ("pariser", "minsker", "wiener", "warschauer", "genfer"):
        assert form not in actors.adjectives, form


def test_lowercase_adjectives_do_not_match_party_names(actors: ActorDictionary) -> None:
    # "die linke Hand", "grüne Energie": party names are capitalised and match only as written
    for word in ("linke", "grüne", "union"):
        assert name_tokens(word) not in actors.lowercase_ok, word


@pytest.mark.parametrize("word,code", [
    ("Regierung", "GOV"), ("Präsident", "GOV"), ("Kanzler", "GOV"), ("Bundeskanzlerin", "GOV"), ("Bundesrat", "GOV"),
    ("Außenminister", "GOV"), ("Aussenminister", "GOV"), ("Landeshauptmann", "GOV"), ("Regierungssprecher", "GOV"),
    ("Landammann", "GOV"), ("Regierungsrat", "GOV"), ("Klubobmann", "PTY"), ("Kantonsrat", "LEG"),
    ("Armee", "MIL"), ("Streitkräfte", "MIL"), ("Soldaten", "MIL"), ("Generalstabschef", "MIL"),
    ("Polizei", "COP"), ("Bundespolizei", "COP"), ("Kantonspolizei", "COP"), ("Gendarmerie", "COP"),
    ("Rebellen", "REB"), ("Aufständische", "REB"), ("Dschihadisten", "REB"), ("Separatisten", "REB"),
    ("Partisanen", "REB"), ("Miliz", "UAF"), ("Opposition", "OPP"), ("Regimegegner", "OPP"), ("Demonstranten", "OPP"),
    ("Protestierende", "OPP"), ("Gericht", "JUD"), ("Staatsanwaltschaft", "JUD"), ("Bundesanwaltschaft", "JUD"),
    ("Parlament", "LEG"), ("Nationalrat", "LEG"), ("Ständerat", "LEG"), ("Landtag", "LEG"), ("Abgeordnete", "LEG"),
    ("Medien", "MED"), ("Journalisten", "MED"), ("Unternehmen", "BUS"), ("Konzern", "BUS"), ("Banker", "BUS"),
    ("Geheimdienst", "SPY"), ("Verfassungsschutz", "SPY"), ("Flüchtlinge", "REF"), ("Gewerkschaft", "LAB"),
    ("Kirche", "REL"), ("Ayatollah", "REL"), ("Geiselnehmer", "CRM"), ("Schüler", "EDU"), ("Ärzte", "HLH"),
    ("Zivilisten", "CVL"), ("Hilfsorganisation", "NGO"),
    # English
    ("government", "GOV"), ("army", "MIL"), ("troops", "MIL"), ("police", "COP"), ("rebels", "REB"),
    ("insurgents", "REB"), ("militants", "REB"), ("protesters", "OPP"), ("court", "JUD"), ("parliament", "LEG"),
    ("lawmakers", "LEG"),
])
def test_role_words(actors: ActorDictionary, word: str, code: str) -> None:
    assert actors.sector_of(word) == code, word


@pytest.mark.parametrize("word", ["Obersten", "Oberste", "Departement", "spokesman", "Sprecher", "Videobotschaft"])
def test_words_without_a_sector_of_their_own(actors: ActorDictionary, word: str) -> None:
    assert actors.sector_of(word) is None, word
