"""ISO 3166 alpha-2 countries grouped into regions, for "knows the country or its region"."""

from functools import cache

# UN M49 sub-regions, with the Western Balkans split out of Southern Europe because the party's
# Balkan work crosses those borders. XK (Kosovo) is a user-assigned code in common use.
_REGIONS: dict[str, str] = {
    "Northern Africa": "DZ EG EH LY MA SD TN",
    "Eastern Africa": "BI DJ ER ET IO KE KM MG MU MW MZ RE RW SC SO SS TF TZ UG YT ZM ZW",
    "Middle Africa": "AO CD CF CG CM GA GQ ST TD",
    "Southern Africa": "BW LS NA SZ ZA",
    "Western Africa": "BF BJ CI CV GH GM GN GW LR ML MR NE NG SH SL SN TG",
    "Caribbean": "AG AI AW BB BL BQ BS CU CW DM DO GD GP HT JM KN KY LC MF MQ MS PR SX TC TT VC"
    " VG VI",
    "Central America": "BZ CR GT HN MX NI PA SV",
    "South America": "AR BO BR BV CL CO EC FK GF GS GY PE PY SR UY VE",
    "Northern America": "BM CA GL PM US",
    "Central Asia": "KG KZ TJ TM UZ",
    "East Asia": "CN HK JP KP KR MN MO TW",
    "South-East Asia": "BN ID KH LA MM MY PH SG TH TL VN",
    "South Asia": "AF BD BT IN IR LK MV NP PK",
    "Western Asia": "AE AM AZ BH CY GE IL IQ JO KW LB OM PS QA SA SY TR YE",
    "Eastern Europe": "BG BY CZ HU MD PL RO RU SK UA",
    "Northern Europe": "AX DK EE FI FO GB GG IE IM IS JE LT LV NO SE SJ",
    "Southern Europe": "AD ES GI GR IT MT PT SM VA",
    "Western Balkans": "AL BA HR ME MK RS SI XK",
    "Western Europe": "AT BE CH DE FR LI LU MC NL",
    "Australia and New Zealand": "AU CC CX HM NF NZ",
    "Melanesia": "FJ NC PG SB VU",
    "Micronesia": "FM GU KI MH MP NR PW UM",
    "Polynesia": "AS CK NU PF PN TK TO TV WF WS",
    "Antarctica": "AQ",
}

REGIONS: tuple[str, ...] = tuple(_REGIONS)
"""Region names, in a fixed order."""

COUNTRY_REGION: dict[str, str] = {
    code: region for region, codes in _REGIONS.items() for code in codes.split()
}
"""Country code → region name, for every ISO 3166 alpha-2 code (and XK)."""

COUNTRY_CODES: tuple[str, ...] = tuple(sorted(COUNTRY_REGION))


def region_of(country: str) -> str | None:
    """The region of an ISO 3166 alpha-2 code, or None for an unknown code."""
    return COUNTRY_REGION.get(country)


@cache
def same_region(country: str) -> frozenset[str]:
    """All countries in the region of `country` (including itself); empty for an unknown code."""
    region = COUNTRY_REGION.get(country)
    return frozenset(c for c, r in COUNTRY_REGION.items() if r == region) if region else frozenset()
