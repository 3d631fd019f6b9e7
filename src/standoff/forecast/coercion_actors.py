"""Who is a major power: the one table of ISO 3166 alpha-3 -> Correlates of War codes.

The threat-outcome model has two features about power: whether the sender and
the target are major powers in the Correlates of War (COW) sense. TIES codes
states by COW number; the reader codes them by ISO alpha-3. This module holds
the small mapping between the two, the COW major-power periods, and the
international organisations that count as institutional senders.

Source: COW State System Membership (v2016), ``majors2016.csv``. The COW list
ends in 2016; a period that runs to 2016 is read as still open today.
"""

from __future__ import annotations

from typing import Final

OPEN: Final = 9999  # a major-power period still running when the COW list ends

# COW code -> periods (first year, last year) of major-power status.
COW_MAJOR_PERIODS: Final[dict[int, tuple[tuple[int, int], ...]]] = {
    2: ((1898, OPEN),),  # United States
    200: ((1816, OPEN),),  # United Kingdom
    220: ((1816, 1940), (1945, OPEN)),  # France
    255: ((1816, 1918), (1925, 1945), (1991, OPEN)),  # Germany
    300: ((1816, 1918),),  # Austria-Hungary
    325: ((1860, 1943),),  # Italy
    365: ((1816, 1917), (1922, OPEN)),  # Russia / USSR
    710: ((1950, OPEN),),  # China
    740: ((1895, 1945), (1991, OPEN)),  # Japan
}

# ISO alpha-3 -> COW code, for the states a standoff is likely to name. A state
# missing here is still coded: it is simply not a major power.
ISO3_TO_COW: Final[dict[str, int]] = {
    "USA": 2,
    "CAN": 20,
    "CUB": 40,
    "MEX": 70,
    "VEN": 101,
    "BRA": 140,
    "ARG": 160,
    "GBR": 200,
    "NLD": 210,
    "BEL": 211,
    "FRA": 220,
    "CHE": 225,
    "ESP": 230,
    "DEU": 255,
    "POL": 290,
    "AUT": 305,
    "HUN": 310,
    "CZE": 316,
    "SVK": 317,
    "ITA": 325,
    "SRB": 345,
    "GRC": 350,
    "ROU": 360,
    "RUS": 365,
    "EST": 366,
    "LVA": 367,
    "LTU": 368,
    "UKR": 369,
    "BLR": 370,
    "ARM": 371,
    "GEO": 372,
    "AZE": 373,
    "FIN": 375,
    "SWE": 380,
    "NOR": 385,
    "DNK": 390,
    "NGA": 475,
    "ZAF": 560,
    "MAR": 600,
    "DZA": 615,
    "LBY": 620,
    "IRN": 630,
    "TUR": 640,
    "IRQ": 645,
    "EGY": 651,
    "SYR": 652,
    "LBN": 660,
    "ISR": 666,
    "SAU": 670,
    "QAT": 694,
    "ARE": 696,
    "AFG": 700,
    "KAZ": 705,
    "CHN": 710,
    "TWN": 713,
    "PRK": 731,
    "KOR": 732,
    "JPN": 740,
    "IND": 750,
    "PAK": 770,
    "MMR": 775,
    "THA": 800,
    "VNM": 816,
    "MYS": 820,
    "SGP": 830,
    "PHL": 840,
    "IDN": 850,
    "AUS": 900,
}

# International organisations that send sanctions (TIES ``institution`` = 1).
INSTITUTIONS: Final[dict[str, str]] = {
    "EU": "European Union",
    "UN": "United Nations",
    "NATO": "NATO",
    "WTO": "World Trade Organization",
    "OAS": "Organization of American States",
    "AU": "African Union",
    "ECOWAS": "ECOWAS",
    "ASEAN": "ASEAN",
    "G7": "G7",
}


def is_major_cow(cow: int, year: int) -> bool:
    """Whether COW state ``cow`` was a COW major power in ``year``."""
    return any(start <= year <= end for start, end in COW_MAJOR_PERIODS.get(cow, ()))
