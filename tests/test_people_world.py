"""People of the international organisations and the main conflicts: the code valid on a date.

Each case looks a surface form up in the shipped dictionary, picks the person by canonical name and
checks the code valid on the article's date (``from`` inclusive, ``until`` exclusive; None where the
dictionary deliberately knows no period, e.g. after a leader's death).
"""

from __future__ import annotations

from datetime import date

import pytest

from chronik.actors.dictionary import ActorDictionary
from conftest import person_named

CASES: list[tuple[str, str, str, str | None]] = [
    # European Union
    ("Kallas", "Kaja Kallas", "2022-06-01", "ESTGOV"),
    ("Kallas", "Kaja Kallas", "2025-03-01", "IGOEUREEC"),
    ("Borrell", "Josep Borrell", "2019-01-10", "ESPGOV"),
    ("Borrell", "Josep Borrell", "2022-03-01", "IGOEUREEC"),
    ("Tusk", "Donald Tusk", "2017-05-01", "IGOEUREEC"),
    ("Tusk", "Donald Tusk", "2024-05-01", "POLGOV"),
    ("Verheugen", "Günter Verheugen", "2003-01-01", "IGOEUREEC"),
    ("Dijsselbloem", "Jeroen Dijsselbloem", "2015-07-01", "IGOEUREEC"),
    ("Kubilius", "Andrius Kubilius", "2025-05-01", "IGOEUREEC"),
    # NATO
    ("Rutte", "Mark Rutte", "2020-01-01", "NLDGOV"),
    ("Rutte", "Mark Rutte", "2025-06-25", "IGOWSTNAT"),
    ("Jens Stoltenberg", "Jens Stoltenberg", "2022-02-24", "IGOWSTNAT"),
    ("Jens Stoltenberg", "Jens Stoltenberg", "2025-06-01", "NORGOV"),
    ("Breedlove", "Philip Breedlove", "2014-04-01", "IGOWSTNAT"),
    ("Wesley Clark", "Wesley Clark", "1999-04-01", "IGOWSTNAT"),
    # United Nations and other IGOs
    ("Guterres", "António Guterres", "2000-01-01", "PRTGOV"),
    ("Guterres", "António Guterres", "2010-01-01", "IGOUNOREFHCR"),
    ("Guterres", "António Guterres", "2020-01-01", "IGOUNO"),
    ("Barham Salih", "Barham Salih", "2020-01-01", "IRQGOV"),
    ("Barham Salih", "Barham Salih", "2026-06-01", "IGOUNOREFHCR"),
    ("Tedros", "Tedros Adhanom Ghebreyesus", "2020-03-11", "IGOUNOHLHWHO"),
    ("Blix", "Hans Blix", "2003-02-14", "IGOUNO"),
    ("de Mistura", "Staffan de Mistura", "2016-02-01", "IGOUNO"),
    ("Grundberg", "Hans Grundberg", "2023-01-01", "IGOUNO"),
    ("Beasley", "David Beasley", "2020-10-09", "IGOUNOWFP"),
    ("Catherine Russell", "Catherine Russell", "2023-01-01", "IGOUNOKID"),
    ("Lazzarini", "Philippe Lazzarini", "2024-01-30", "IGOUNOREF"),
    ("Helga Schmid", "Helga Schmid", "2022-02-24", "IGOEURSCE"),
    ("Moussa Faki", "Moussa Faki Mahamat", "2020-01-01", "IGOAFRAFU"),
    ("Aboul Gheit", "Ahmed Abul Gheit", "2020-01-01", "IGOMEAARL"),
    # Ukraine: a role change on the day of the inauguration
    ("Selenskyj", "Wolodymyr Selenskyj", "2019-05-19", "UKROPP"),
    ("Selenskyj", "Wolodymyr Selenskyj", "2019-05-20", "UKRGOV"),
    ("Zelensky", "Wolodymyr Selenskyj", "2022-02-24", "UKRGOV"),
    ("Poroschenko", "Petro Poroschenko", "2015-02-12", "UKRGOV"),
    ("Schmyhal", "Denys Schmyhal", "2025-10-01", "UKRGOVMIL"),
    ("Schmyhal", "Denys Schmyhal", "2026-02-01", "UKRGOV"),
    ("Mykhailo Fedorov", "Mychajlo Fedorow", "2023-01-01", "UKRGOV"),
    ("Mykhailo Fedorov", "Mychajlo Fedorow", "2026-02-01", "UKRGOVMIL"),
    ("Budanow", "Kyrylo Budanow", "2023-01-01", "UKRSPY"),
    ("Saluschnyj", "Walerij Saluschnyj", "2023-01-01", "UKRMIL"),
    ("Puschilin", "Denis Puschilin", "2022-09-30", "UKRREB"),
    # Syria: the rebel leader who became president
    ("al-Dscholani", "Ahmed al-Scharaa", "2016-07-28", "SYRREBMUS"),
    ("al-Scharaa", "Ahmed al-Scharaa", "2024-12-07", "SYRREBMUS"),
    ("al-Scharaa", "Ahmed al-Scharaa", "2025-03-29", "SYRGOV"),
    ("Baschar al-Assad", "Baschar al-Assad", "2013-08-21", "SYRGOV"),
    ("Baschar al-Assad", "Baschar al-Assad", "2025-01-01", "SYRELI"),
    ("Ali Mamluk", "Ali Mamluk", "2015-01-01", "SYRSPY"),
    ("Mazloum Abdi", "Maslum Abdi", "2019-10-09", "SYRREB"),
    # Iraq
    ("al-Maliki", "Nuri al-Maliki", "2010-01-01", "IRQGOV"),
    ("Moqtada al-Sadr", "Muktada al-Sadr", "2004-04-05", "IRQREB"),
    ("Moqtada al-Sadr", "Muktada al-Sadr", "2022-08-29", "IRQOPP"),
    ("Masrour Barzani", "Masrur Barsani", "2021-01-01", "IRQGOV"),
    ("Hadi al-Amiri", "Hadi al-Amiri", "2012-01-01", "IRQGOV"),
    ("Hadi al-Amiri", "Hadi al-Amiri", "2016-01-01", "IRQMIL"),
    ("Haibat al-Halbousi", "Haibat al-Halbusi", "2026-02-01", "IRQLEG"),
    # Israel and the Palestinians
    ("Netanjahu", "Benjamin Netanjahu", "2010-01-01", "ISRGOV"),
    ("Netanjahu", "Benjamin Netanjahu", "2022-01-01", "ISROPP"),
    ("Gallant", "Joav Galant", "2023-10-09", "ISRGOVMIL"),
    ("Shaul Mofaz", "Schaul Mofas", "2001-01-01", "ISRMIL"),
    ("Shaul Mofaz", "Schaul Mofas", "2004-01-01", "ISRGOVMIL"),
    ("Hanija", "Ismail Hanija", "2006-06-01", "PSEGOV"),
    ("Hanija", "Ismail Hanija", "2012-01-01", "PSEREBHMS"),
    ("Abu Mazen", "Mahmud Abbas", "2010-01-01", "PSEGOV"),
    ("Ziad al-Nakhalah", "Sijad al-Nachala", "2023-10-07", "PSEREB"),
    # Lebanon
    ("Nasrallah", "Hassan Nasrallah", "2006-07-12", "LBNREB"),
    ("Naim Qassem", "Naim Kassem", "2025-01-01", "LBNREB"),
    ("Joseph Aoun", "Joseph Aoun", "2020-01-01", "LBNMIL"),
    ("Joseph Aoun", "Joseph Aoun", "2025-06-01", "LBNGOV"),
    # Iran: the supreme leader killed on 2026-02-28 and his son's succession
    ("Chamenei", "Ali Chamenei", "2020-01-01", "IRNGOV"),
    ("Chamenei", "Ali Chamenei", "2026-04-01", None),
    ("Mojtaba Khamenei", "Modschtaba Chamenei", "2026-04-01", "IRNGOV"),
    ("Araghchi", "Abbas Araghtschi", "2025-06-22", "IRNGOV"),
    ("Soleimani", "Ghassem Soleimani", "2019-01-01", "IRNMIL"),
    ("Esmail Qaani", "Esmail Ghaani", "2023-01-01", "IRNMIL"),
    ("Larijani", "Ali Laridschani", "2026-03-10", "IRNGOV"),
    ("Larijani", "Ali Laridschani", "2026-04-01", None),
    ("Vahidi", "Ahmad Wahidi", "2026-04-01", "IRNMIL"),
    # Afghanistan
    ("Ghani", "Aschraf Ghani", "2018-01-01", "AFGGOV"),
    ("Achundsada", "Haibatullah Achundsada", "2019-01-01", "AFGINS"),
    ("Achundsada", "Haibatullah Achundsada", "2022-01-01", "AFGGOV"),
    ("Dostum", "Abdul Raschid Dostum", "2016-01-01", "AFGGOV"),
    # Libya
    ("Gaddafi", "Muammar al-Gaddafi", "2010-01-01", "LBYGOV"),
    ("Haftar", "Chalifa Haftar", "2014-06-01", "LBYREB"),
    ("Haftar", "Chalifa Haftar", "2019-04-04", "LBYMIL"),
    ("Dbeibah", "Abdul Hamid Dbeibah", "2022-01-01", "LBYGOV"),
    ("Bashagha", "Fathi Baschagha", "2022-06-01", "LBYOPP"),
    # Yemen
    ("Hadi", "Abed Rabbo Mansur Hadi", "2016-01-01", "YEMGOV"),
    ("al-Zubaidi", "Aidarus al-Subaidi", "2023-01-01", "YEMGOV"),
    ("al-Zubaidi", "Aidarus al-Subaidi", "2026-02-01", "YEMREB"),
    ("Abdul-Malik al-Houthi", "Abdul-Malik al-Huthi", "2024-01-12", "YEMREB"),
    ("al-Zindani", "Schaia al-Sindani", "2026-03-01", "YEMGOV"),
    # Sudan
    ("al-Burhan", "Abdel Fattah al-Burhan", "2018-01-01", "SDNMIL"),
    ("al-Burhan", "Abdel Fattah al-Burhan", "2024-01-01", "SDNGOV"),
    ("Hemeti", "Mohammed Hamdan Daglo", "2020-01-01", "SDNGOV"),
    ("Hemeti", "Mohammed Hamdan Daglo", "2024-01-01", "SDNREB"),
    ("Hamdok", "Abdalla Hamdok", "2020-01-01", "SDNGOV"),
    ("Riek Machar", "Riek Machar", "2015-01-01", "SSDREB"),
]


@pytest.mark.parametrize(("form", "canonical", "day", "code"), CASES, ids=[f"{c[0]}@{c[2]}" for c in CASES])
def test_code_on_date(shipped_actors: ActorDictionary, form: str, canonical: str, day: str,
                      code: str | None) -> None:
    assert person_named(shipped_actors, form, canonical).code_on(date.fromisoformat(day)) == code


def test_undated_article_takes_the_latest_code(shipped_actors: ActorDictionary) -> None:
    assert person_named(shipped_actors, "al-Scharaa", "Ahmed al-Scharaa").code_on(None) == "SYRGOV"
    assert person_named(shipped_actors, "Rutte", "Mark Rutte").code_on(None) == "IGOWSTNAT"
