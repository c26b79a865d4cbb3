#!/usr/bin/env python3
"""Writes the fuzz seed corpus (fuzz/corpus/<target>/) from the test fixtures
and the evaluation paragraphs: small inputs, a few dozen per target. The
compiled catalogs among catalog_bytes' seeds are written by
`cargo test --all-features --test fuzz_smoke -- --ignored write_catalog_seeds`.
Run from the repository root; the output is deterministic."""
import glob, hashlib, json, os

ROOT = os.getcwd()
OUT = os.path.join(ROOT, "fuzz", "corpus")


def write(target, name, data):
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def read(path):
    with open(os.path.join(ROOT, path), encoding="utf-8") as f:
        return f.read()


paragraphs = json.load(open(os.path.join(ROOT, "tests/eval/paragraphs.json"), encoding="utf-8"))
# Every fifth paragraph of the dev split (the test split stays unseen), cut
# to its first two sentences: short seeds.
texts = []
for p in [p for p in paragraphs if p["split"] == "dev"][::5]:
    sentences = p["text"].split(". ")
    texts.append(". ".join(sentences[:2]))

json_fixtures = sorted(glob.glob("tests/fixtures/article-*.json"))
text_fixtures = sorted(glob.glob("tests/fixtures/seed-*.txt") + glob.glob("tests/fixtures/scraped-*.txt"))
text_fixtures.append("tests/fixtures/annotate-gulf-budget.txt")

for t in ("json_import", "annotate", "render"):
    for path in json_fixtures:
        write(t, os.path.basename(path), read(path))
for t in ("text_import", "annotate", "render"):
    for path in text_fixtures:
        write(t, os.path.basename(path), read(path))

for i, text in enumerate(texts):
    words = text.split(" ")
    headline = " ".join(words[:6])
    rich = {
        "headline": headline,
        "lang": "ar",
        "published": "2024-03-14",
        "body": [
            {"type": "paragraph", "text": [" ".join(words[:5]) + " ", {"strong": " ".join(words[5:8])}, " ",
                                           {"link": " ".join(words[8:10]), "href": "https://example.com/t"},
                                           " " + " ".join(words[10:])]},
            {"type": "blockquote", "text": " ".join(words[3:9]), "attribution": words[0]},
            {"type": "list", "items": words[:3]},
            {"type": "figure", "src": "/a.jpg", "alt": words[1], "caption": " ".join(words[:4]), "credit": "رويترز"},
        ],
    }
    plain = {"headline": headline, "body": [{"type": "paragraph", "text": s} for s in text.split(". ")]}
    for t in ("json_import", "render", "annotate"):
        write(t, f"eval-{i:02}.json", json.dumps(rich if i % 2 == 0 else plain, ensure_ascii=False))
    scraped = headline + "\n\n" + "\n\n".join(text.split(". ")) + "\n\nأقسام\nسياسة\n"
    for t in ("text_import", "render", "annotate"):
        write(t, f"eval-{i:02}.txt", scraped)
    html = ("<html lang=\"ar\" dir=\"rtl\"><body><article><h1>" + headline + "</h1>"
            + "".join(f"<p>{s}</p>" for s in text.split(". "))
            + f"<blockquote><p>{words[2]} <b>{words[3]}</b> <a href=\"/x\">{words[4]}</a></p></blockquote>"
            + f"<ul><li>{words[0]}</li><li><em>{words[1]}</em></li></ul></article></body></html>")
    write("html_import", f"eval-{i:02}.html", html)
    # anchor: five choice bytes, then the paragraph's sentences as texts.
    h = hashlib.sha256(text.encode()).digest()
    write("anchor", f"eval-{i:02}", h[:5] + "\n".join(text.split(". ")).encode("utf-8"))

for path in ("tests/fixtures/cms-article.html", "tests/fixtures/hostile.html"):
    write("html_import", os.path.basename(path), read(path))

for path in ("tests/fixtures/catalog-gulf.json", "tests/fixtures/catalog-raqqa.json", "tests/eval/catalog.json",
             "www/demo/catalog.json"):
    name = path.replace("/", "-")
    write("catalog_bytes", name, read(path))

# Small catalogs from the evaluation paragraphs' labelled mentions.
types = ["person", "place", "organization", "event", "topic"]
for i, p in enumerate(paragraphs[::7]):
    entities = {}
    for m in p.get("mentions", []):
        e = entities.setdefault(m["id"], {"id": m["id"], "type": types[len(entities) % 5], "names": []})
        if m["text"] not in e["names"]:
            e["names"].append(m["text"])
    for j, e in enumerate(entities.values()):
        if j % 2 == 0:
            e["url"] = "https://example.com/topics/" + e["id"]
        if j % 3 == 1:
            e["enclitics"] = True
    if entities:
        write("catalog_bytes", f"eval-{i:02}.json", json.dumps({"entities": list(entities.values())}, ensure_ascii=False))
