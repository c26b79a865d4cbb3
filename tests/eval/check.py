#!/usr/bin/env python3
"""Validate the hand-labelled evaluation set in this folder.

    python3 tests/eval/check.py

Checks paragraphs.json against catalog.json (see README.md for the label
conventions) and prints the counts. Exits 1 when anything is wrong.
Standard library only.
"""

import collections
import datetime
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TYPES = {"person", "place", "organization", "event", "topic"}
DESKS = {"politics", "sport", "economy", "local", "culture"}
SPLITS = ("dev", "test", "fresh", "fresh2", "fresh3", "fresh4")  # fresh, fresh2, fresh3, fresh4: written later, each scored once (README)
COUNTRIES = {
    "EG", "SA", "AE", "QA", "JO", "LB", "SY", "IQ", "MA", "DZ", "TN", "LY",
    "SD", "YE", "PS", "KW", "OM", "BH",
}
WEEKDAYS = {  # Python's date.weekday(): Monday is 0
    "الاثنين": 0, "الثلاثاء": 1, "الأربعاء": 2, "الخميس": 3,
    "الجمعة": 4, "السبت": 5, "الأحد": 6,
}
DIACRITICS = re.compile("[\u064B-\u0652\u0670\u0640]")  # harakat, dagger alif, tatweel
FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي"})

errors = []


def error(where, msg):
    errors.append(f"{where}: {msg}")


def fold(s):
    return DIACRITICS.sub("", s).translate(FOLD)


def positions(text, span):
    """Start offsets of every occurrence of span in text (overlapping)."""
    out, k = [], text.find(span)
    while k != -1:
        out.append(k)
        k = text.find(span, k + 1)
    return out


def valid_iso(iso):
    """ISO 8601 calendar date, month, year or week."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso):
            datetime.date.fromisoformat(iso)
        elif re.fullmatch(r"\d{4}-\d{2}", iso):
            if not 1 <= int(iso[5:]) <= 12:
                return False
        elif re.fullmatch(r"\d{4}-W\d{2}", iso):
            y, w = int(iso[:4]), int(iso[6:])
            last = datetime.date(y, 12, 28).isocalendar()[1]
            if not 1 <= w <= last:
                return False
        elif not re.fullmatch(r"\d{4}", iso):
            return False
    except ValueError:
        return False
    return True


def relative(span, published):
    """The ISO value of أمس / غداً / اليوم / الأسبوع الماضي|المقبل|الجاري, else None."""
    try:
        pub = datetime.date.fromisoformat(published)
    except (TypeError, ValueError):
        return None
    day = datetime.timedelta(days=1)

    def week(d):
        y, w, _ = d.isocalendar()
        return f"{y}-W{w:02d}"

    if "أمس" in span:
        return str(pub - day)
    if re.search(r"(^|\s)غد", span):
        return str(pub + day)
    if span.startswith("اليوم"):
        return str(pub)
    if "الأسبوع الماضي" in span:
        return week(pub - 7 * day)
    if "الأسبوع المقبل" in span:
        return week(pub + 7 * day)
    if "الأسبوع الجاري" in span:
        return week(pub)
    return None


def valid_hijri(h):
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", h)
    if not m:
        return False
    if m.group(2) and not 1 <= int(m.group(2)) <= 12:
        return False
    if m.group(3) and not 1 <= int(m.group(3)) <= 30:
        return False
    return True


def load(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        return json.load(f)


def check_catalog(catalog):
    ids = {}
    if not isinstance(catalog, list):
        error("catalog.json", "must be a JSON array")
        return ids
    if not 60 <= len(catalog) <= 200:
        error("catalog.json", f"{len(catalog)} entries, expected 60-200")
    for i, e in enumerate(catalog):
        where = f"catalog.json[{i}]"
        eid = e.get("id")
        if not isinstance(eid, str) or not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", eid):
            error(where, f"bad id {eid!r}")
            continue
        if eid in ids:
            error(where, f"duplicate id {eid}")
        unknown = set(e) - {"id", "type", "names", "url", "description"}
        if unknown:
            error(eid, f"unknown fields {sorted(unknown)}")
        if e.get("type") not in TYPES:
            error(eid, f"bad type {e.get('type')!r}")
        names = e.get("names")
        if not isinstance(names, list) or not 1 <= len(names) <= 4 or not all(isinstance(n, str) and n.strip() for n in names):
            error(eid, "names must be 1-4 non-empty strings")
            names = []
        if len(set(names)) != len(names):
            error(eid, "repeated name")
        if not isinstance(e.get("description"), str) or not e["description"].strip():
            error(eid, "missing description")
        if "url" in e and not (isinstance(e["url"], str) and e["url"].startswith("https://")):
            error(eid, f"bad url {e.get('url')!r}")
        ids[eid] = e
    return ids


def check_paragraphs(paras, catalog):
    seen = set()
    if not isinstance(paras, list):
        error("paragraphs.json", "must be a JSON array")
        return []
    for i, p in enumerate(paras):
        pid = p.get("id", f"paragraphs.json[{i}]")
        if pid in seen:
            error(pid, "duplicate paragraph id")
        seen.add(pid)
        for key in ["id", "country", "desk", "split", "published", "text", "mentions", "dates", "quotes"]:
            if key not in p:
                error(pid, f"missing {key}")
        if set(p) - {"id", "country", "desk", "split", "published", "text", "mentions", "dates", "quotes"}:
            error(pid, f"unknown fields {sorted(set(p) - {'id', 'country', 'desk', 'split', 'published', 'text', 'mentions', 'dates', 'quotes'})}")
        if p.get("country") not in COUNTRIES:
            error(pid, f"bad country {p.get('country')!r}")
        if p.get("desk") not in DESKS:
            error(pid, f"bad desk {p.get('desk')!r}")
        if p.get("split") not in SPLITS:
            error(pid, f"bad split {p.get('split')!r}")
        try:
            datetime.date.fromisoformat(p.get("published", ""))
        except (TypeError, ValueError):
            error(pid, f"bad published date {p.get('published')!r}")
        text = p.get("text", "")
        if not isinstance(text, str) or not text.strip():
            error(pid, "empty text")
            continue
        words = len(text.split())
        if not 40 <= words <= 120:
            error(pid, f"{words} words, expected 40-120")

        def locate(kind, j, label):
            """Start offset of the labelled span, or None."""
            span, occ = label.get("text"), label.get("occurrence")
            if not isinstance(span, str) or not span:
                error(pid, f"{kind}[{j}] has no text")
                return None
            if not isinstance(occ, int) or isinstance(occ, bool) or occ < 1:
                error(pid, f"{kind}[{j}] {span!r}: bad occurrence {occ!r}")
                return None
            found = positions(text, span)
            if len(found) < occ:
                error(pid, f"{kind}[{j}] {span!r}: occurs {len(found)} time(s), occurrence {occ} asked")
                return None
            return found[occ - 1]

        # mentions
        ranges = []
        for j, m in enumerate(p.get("mentions", [])):
            start = locate("mentions", j, m)
            eid = m.get("id")
            if eid not in catalog:
                error(pid, f"mentions[{j}] {m.get('text')!r}: id {eid!r} not in catalog")
                continue
            if start is None:
                continue
            ranges.append((start, start + len(m["text"]), m["text"]))
            ft = fold(m["text"])
            forms = set()
            for n in catalog[eid]["names"]:
                forms.add(fold(n))
                if n.startswith("ال"):
                    forms.add(fold("ل" + n[2:]))
            if ft not in forms:
                error(pid, f"mentions[{j}] {m['text']!r} is not a name of {eid} ({catalog[eid]['names']})")
        ranges.sort()
        for a, b in zip(ranges, ranges[1:]):
            if b[0] < a[1]:
                error(pid, f"overlapping mentions {a[2]!r} and {b[2]!r}")

        # dates
        spans = set()
        for j, d in enumerate(p.get("dates", [])):
            start = locate("dates", j, d)
            iso = d.get("iso")
            if not isinstance(iso, str) or not valid_iso(iso):
                error(pid, f"dates[{j}] {d.get('text')!r}: bad iso {iso!r}")
            if "hijri" in d and not (isinstance(d["hijri"], str) and valid_hijri(d["hijri"])):
                error(pid, f"dates[{j}] {d.get('text')!r}: bad hijri {d.get('hijri')!r}")
            if set(d) - {"text", "occurrence", "iso", "hijri"}:
                error(pid, f"dates[{j}]: unknown fields")
            if start is not None:
                if (start, d["text"]) in spans:
                    error(pid, f"dates[{j}] {d['text']!r} labelled twice")
                spans.add((start, d["text"]))
                # relative dates must agree with the publication date
                expect = relative(d["text"], p.get("published"))
                if expect is not None and iso != expect:
                    error(pid, f"dates[{j}] {d['text']!r}: {iso} but published {p.get('published')} gives {expect}")
                # a weekday written in the span must agree with a full ISO date
                named = [v for k, v in WEEKDAYS.items() if k in d["text"]]
                if named and isinstance(iso, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso) and valid_iso(iso):
                    if datetime.date.fromisoformat(iso).weekday() != named[0]:
                        error(pid, f"dates[{j}] {d['text']!r}: weekday does not match {iso}")

        # quotes
        spans = set()
        for j, q in enumerate(p.get("quotes", [])):
            start = locate("quotes", j, q)
            if not isinstance(q.get("direct"), bool):
                error(pid, f"quotes[{j}]: direct must be true or false")
            spk, sid = q.get("speaker"), q.get("speaker_id")
            if spk is not None and (not isinstance(spk, str) or not spk.strip()):
                error(pid, f"quotes[{j}]: speaker must be a string or null")
            elif isinstance(spk, str) and spk not in text:
                error(pid, f"quotes[{j}]: speaker {spk!r} is not written in the paragraph")
            if sid is not None:
                if sid not in catalog:
                    error(pid, f"quotes[{j}]: speaker_id {sid!r} not in catalog")
                if spk is None:
                    error(pid, f"quotes[{j}]: speaker_id without speaker")
            if set(q) - {"text", "occurrence", "speaker", "speaker_id", "direct"}:
                error(pid, f"quotes[{j}]: unknown fields")
            if start is not None:
                if (start, q["text"]) in spans:
                    error(pid, f"quotes[{j}] labelled twice")
                spans.add((start, q["text"]))
    return paras


def main():
    catalog = check_catalog(load("catalog.json"))
    paras = check_paragraphs(load("paragraphs.json"), catalog)

    splits = collections.Counter(p.get("split") for p in paras)
    countries = collections.Counter(p.get("country") for p in paras)
    if len(paras) < 72:
        error("paragraphs.json", f"{len(paras)} paragraphs, expected at least 72")
    if splits["test"] < 18:
        error("paragraphs.json", f"{splits['test']} test paragraphs, expected at least 18")
    if len(countries) < 8:
        error("paragraphs.json", f"{len(countries)} countries, expected at least 8")

    def row(label, counts):
        cells = "".join(f" {counts[s]:>5}" for s in SPLITS)
        print(f"{str(label):<10}{cells} {sum(counts[s] for s in SPLITS):>5}")

    header = "".join(f" {s:>5}" for s in SPLITS) + f" {'all':>5}"

    def table(title, key):
        rows = collections.defaultdict(collections.Counter)
        for p in paras:
            rows[p.get(key)][p.get("split")] += 1
        print(f"{title:<10}{header}")
        for k in sorted(rows, key=str):
            row(k, rows[k])

    print(f"{len(paras)} paragraphs, {len(catalog)} catalog entries\n")
    table("country", "country")
    print()
    table("desk", "desk")
    print()
    print(f"{'labels':<10}{header}")
    for kind in ["mentions", "dates", "quotes"]:
        c = collections.Counter()
        for p in paras:
            c[p.get("split")] += len(p.get(kind, []))
        row(kind, c)
    quotes = [q for p in paras for q in p.get("quotes", [])]
    dates = [d for p in paras for d in p.get("dates", [])]
    print(f"\nquotes: {sum(1 for q in quotes if q.get('direct'))} direct, "
          f"{sum(1 for q in quotes if not q.get('direct'))} reported, "
          f"{sum(1 for q in quotes if q.get('speaker') is None)} without a speaker, "
          f"{sum(1 for q in quotes if q.get('speaker_id'))} with a catalog speaker")
    print(f"dates: {sum(1 for d in dates if 'hijri' in d)} Hijri, "
          f"{sum(1 for d in dates if 'W' in str(d.get('iso')))} ISO weeks")
    used = {m.get("id") for p in paras for m in p.get("mentions", [])}
    print(f"catalog entries never mentioned (decoys): {sorted(set(catalog) - used)}")

    if errors:
        print(f"\n{len(errors)} error(s):", file=sys.stderr)
        for e in errors:
            print("  " + e, file=sys.stderr)
        return 1
    print("\nOK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
