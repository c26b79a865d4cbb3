// Benchmark data, made the way real catalogs and archives look, written to
// target/bench-data/ (not committed: `node scripts/bench-data.mjs` remakes
// it byte for byte; `npm run bench` and the native bench call it):
//
//   articles.json        whole articles (arrays of paragraphs joined with
//                        blank lines), ~5 MB: the project's Arabic news text
//                        (tests/eval/paragraphs.json, tests/fixtures/*.txt)
//                        regrouped into articles of 3–7 paragraphs, in many
//                        deterministic orders
//   archive.jsonl        (ensureArchive, for the batch CLI bench) 30,000
//                        JSON articles one per line, ~100 MB: the articles
//                        above, each line a seeded pick with a headline cut
//                        from its own text, a byline, a section, a date,
//                        a url, and its paragraphs rotated (five at most) and some turned
//                        into headings and quotations
//   catalog-1k.json, catalog-10k.json, catalog-100k.json
//                        entries whose names are word n-grams (1–4 words)
//                        of that text, the most frequent first — so names
//                        share words and nest (وزارة الدفاع، الدفاع الروسية،
//                        وزارة الدفاع الروسية) — then, past the distinct
//                        n-grams the text has, names built the way
//                        organisations and people are named (a head noun
//                        or a first name, then words of the text), and
//                        one in five with an alias (without its article,
//                        or its last word)
//
// Deterministic: a seeded PRNG, sorted inputs.

import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const DATA = `${ROOT}target/bench-data/`;

/** mulberry32: a small, fixed PRNG. */
function prng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Words that do not start or end a name. */
const STOP = new Set(
  'في من على إلى الى عن أن ان إن مع هذا هذه التي الذي الذين كان كانت قد لا ما لم لن أو او ثم كما بين بعد قبل حتى عند منذ خلال وفي ومن وعلى وأن وقد التي وهو وهي هو هي أي كل بعض غير وذلك ذلك تلك أنه انه أنها إنه لها له لهم به بها فيه فيها عليه عليها منه منها'.split(' '),
);

/** The paragraphs of the project's Arabic text. */
function paragraphs() {
  const out = JSON.parse(readFileSync(`${ROOT}tests/eval/paragraphs.json`, 'utf8')).map((p) => p.text);
  for (const f of readdirSync(`${ROOT}tests/fixtures`).filter((f) => f.endsWith('.txt')).sort()) {
    const text = readFileSync(`${ROOT}tests/fixtures/${f}`, 'utf8').replace(/\r\n?/g, '\n');
    for (const block of text.split(/\n\s*\n/)) {
      const p = block.trim();
      if (p.length > 120 && /[\u0600-\u06ff]/.test(p)) out.push(p);
    }
  }
  return out;
}

/** The words of a text span, without punctuation. */
const wordsOf = (s) => s.split(/[^\p{L}\p{M}\p{N}\u0640]+/u).filter(Boolean);

export function makeData() {
  const paras = paragraphs();
  const random = prng(0x5eed);

  // Articles: ~5 MB, 3–7 paragraphs each.
  const articles = [];
  let bytes = 0;
  while (bytes < 5_000_000) {
    const n = 3 + Math.floor(random() * 5);
    const body = Array.from({ length: n }, () => paras[Math.floor(random() * paras.length)]).join('\n\n');
    articles.push(body);
    bytes += Buffer.byteLength(body);
  }

  // N-grams of each sentence, by frequency.
  const counts = new Map();
  for (const p of paras) {
    for (const sentence of p.split(/[.،؛:!؟?«»“”"()\n]+/u)) {
      const words = wordsOf(sentence);
      for (let i = 0; i < words.length; i++) {
        for (let n = 1; n <= 4 && i + n <= words.length; n++) {
          const gram = words.slice(i, i + n);
          if (STOP.has(gram[0]) || STOP.has(gram[gram.length - 1])) continue;
          if (n === 1 && [...gram[0]].length < 3) continue;
          const key = gram.join(' ');
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
      }
    }
  }
  const grams = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([g]) => g);
  const vocabulary = [...new Set(grams.filter((g) => !g.includes(' ')))];
  const heads = ['وزارة', 'مجلس', 'شركة', 'جامعة', 'هيئة', 'بنك', 'نادي', 'حزب', 'منظمة', 'وكالة', 'مؤسسة', 'قوات', 'مدينة', 'محافظة', 'جمعية', 'اتحاد', 'مركز', 'صندوق'];
  const first = ['محمد', 'أحمد', 'علي', 'حسن', 'خالد', 'سارة', 'فاطمة', 'عمر', 'يوسف', 'مريم', 'عبدالله', 'نور', 'ليلى', 'سامر', 'طلال', 'هدى'];
  const zipf = () => vocabulary[Math.floor(vocabulary.length * random() ** 2.5)];
  const seen = new Set();
  const names = [];
  const add = (name) => {
    if (!seen.has(name)) {
      seen.add(name);
      names.push(name);
    }
  };
  for (const g of grams) add(g);
  while (names.length < 100_000) {
    const r = random();
    if (r < 0.45) add(`${heads[Math.floor(random() * heads.length)]} ${zipf()}${random() < 0.4 ? ` ${zipf()}` : ''}`);
    else if (r < 0.75) add(`${first[Math.floor(random() * first.length)]} ${zipf()}`);
    else add(`${zipf()} ${zipf()}`);
  }

  const types = ['person', 'place', 'organization', 'event', 'topic'];
  const catalog = (size) =>
    names.slice(0, size).map((name, i) => {
      const entry = { id: `e${i}`, type: types[i % types.length], names: [name], url: `https://example.com/topics/${i}` };
      if (i % 5 === 0) {
        const words = name.split(' ');
        const alias = words[0].startsWith('ال') && words.length === 1 ? words[0].slice(2) : words.length > 1 ? words[words.length - 1] : null;
        if (alias && [...alias].length >= 3 && !STOP.has(alias)) entry.names.push(alias);
      }
      return entry;
    });
  return { articles, catalogs: { '1k': catalog(1_000), '10k': catalog(10_000), '100k': catalog(100_000) } };
}

/** Write the data unless it is there (or `force`); returns the folder. */
export function ensureData({ force = false } = {}) {
  if (!force && existsSync(`${DATA}catalog-100k.json`) && existsSync(`${DATA}articles.json`)) return DATA;
  const { articles, catalogs } = makeData();
  mkdirSync(DATA, { recursive: true });
  writeFileSync(`${DATA}articles.json`, JSON.stringify(articles));
  for (const [size, entries] of Object.entries(catalogs)) {
    writeFileSync(`${DATA}catalog-${size}.json`, JSON.stringify(entries));
  }
  return DATA;
}

/** Lines in the batch archive. */
export const ARCHIVE_LINES = 30_000;

/**
 * The batch archive, one JSON article a line, from `articles` (the strings
 * of articles.json): deterministic (its own seeded PRNG), ~100 MB.
 */
export function makeArchive(articles, lines = ARCHIVE_LINES) {
  const random = prng(0xa4c1);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const sections = ['أخبار', 'سياسة', 'اقتصاد', 'رياضة', 'ثقافة', 'منوعات'];
  const bylines = ['بقلم: مراسلنا في دمشق', 'القاهرة - وكالات', 'بيروت - خاص', 'الرياض - رويترز', null];
  const out = [];
  for (let n = 0; n < lines; n++) {
    const paras = pick(articles).split('\n\n');
    const shift = Math.floor(random() * paras.length);
    // At most five paragraphs: ~3.3 KB a line on average.
    const rotated = [...paras.slice(shift), ...paras.slice(0, shift)].slice(0, 5);
    const words = wordsOf(rotated[0]);
    const headline = words.slice(0, 6 + Math.floor(random() * 6)).join(' ') || 'خبر';
    const day = 1 + Math.floor(random() * 28);
    const month = 1 + Math.floor(random() * 12);
    const year = 2015 + Math.floor(random() * 10);
    const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const body = rotated.map((text, i) => {
      const r = random();
      if (i > 0 && r < 0.08) return { type: 'heading', level: 2, text: wordsOf(text).slice(0, 5).join(' ') || text };
      if (i > 0 && r < 0.14) return { type: 'blockquote', text, attribution: pick(bylines) ?? 'مصدر' };
      return { type: 'paragraph', text };
    });
    const article = { id: `a${n}`, headline, section: pick(sections) };
    const byline = pick(bylines);
    if (byline) article.byline = byline;
    article.published = random() < 0.7 ? date : `${date}T${String(Math.floor(random() * 24)).padStart(2, '0')}:30:00+03:00`;
    article.url = `https://example.com/news/${year}/${n}`;
    article.body = body;
    out.push(JSON.stringify(article));
  }
  return out.join('\n') + '\n';
}

/** Write archive.jsonl unless it is there (or `force`); returns its path. */
export function ensureArchive({ force = false } = {}) {
  const path = `${DATA}archive.jsonl`;
  if (!force && existsSync(path)) return path;
  ensureData();
  const articles = JSON.parse(readFileSync(`${DATA}articles.json`, 'utf8'));
  writeFileSync(path, makeArchive(articles));
  return path;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  ensureData({ force: true });
  const articles = JSON.parse(readFileSync(`${DATA}articles.json`, 'utf8'));
  console.log(`${DATA}: ${articles.length} articles, ${(Buffer.byteLength(articles.join('')) / 1e6).toFixed(2)} MB; catalogs of 1k, 10k, 100k entries`);
  if (process.argv.includes('--archive')) {
    const path = ensureArchive({ force: true });
    const text = readFileSync(path, 'utf8');
    console.log(`${path}: ${text.split('\n').length - 1} lines, ${(Buffer.byteLength(text) / 1e6).toFixed(1)} MB`);
  }
}
