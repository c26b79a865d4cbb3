// Catalog matching benchmark: what a web developer would write against what
// rtl-article does, on the same Arabic articles and catalogs, in one run.
//
// Data: scripts/bench-data.mjs — ~1 MB of whole articles (one call per
// article), catalogs of 1k / 10k / 100k word n-grams of real Arabic news
// text, most frequent first (names share words and nest), then names built
// like organisations' and people's.
//
//   RegExp: fold the text and the names in JavaScript (alef forms, ta
//     marbuta, alef maksura, diacritics, tatweel, Arabic-Indic digits), then
//     one RegExp alternation of every folded name, longest first — what a
//     developer writes in a minute; it finds names inside longer words and
//     knows no clitics.
//   RegExp, same job: the alternation with word boundaries and the
//     proclitics in the pattern (`u` flag, lookbehind): و/ف, then ب/ك/ل,
//     and لل for ل + ال — what it takes a RegExp to find what rtl-article
//     finds.
//   ahocorasick: the same folding, then the npm `ahocorasick` package
//     (v1.0.2).
//   rtl-article: `Catalog.matchCount(article)` in wasm — folding with an
//     offset map, word boundaries, proclitics (بالرقة → الرقة, للرقة),
//     leftmost-longest without overlap.
//
// Exposes `window.benchmark({runs})` for scripts/bench.mjs.
import { time } from '/benches/browser/timing.js';
import init, { Catalog } from '/www/pkg/rtl_article.js';

// What a web developer would write to fold Arabic for matching.
const fold = (s) =>
  s
    .normalize('NFKC')
    .replace(/[\u064B-\u0652\u0670\u0640]/g, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ة/g, 'ه')
    .replace(/ى/g, 'ي')
    .replace(/[\u0660-\u0669]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0x0660 + 48))
    .toLowerCase();

/** The gzip size of `bytes` (what a server sends with Content-Encoding: gzip). */
const gzipSize = async (bytes) =>
  (await new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer()).byteLength;

const kb = (n) => `${(n / 1024).toFixed(0)} KB`;

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const json = async (name) => {
  const r = await fetch(`/target/bench-data/${name}`);
  if (!r.ok) throw new Error(`${name}: HTTP ${r.status} (run \`node scripts/bench-data.mjs\`)`);
  return r.json();
};

window.benchmark = async ({ runs = 5 } = {}) => {
  await init();
  const all = await json('articles.json');
  // About 1 MB of whole articles.
  const articles = [];
  let bytes = 0;
  for (const a of all) {
    if (bytes > 1_000_000) break;
    articles.push(a);
    bytes += new TextEncoder().encode(a).length;
  }
  const mb = bytes / 1e6;
  const speed = (ms) => `${(mb / (ms / 1000)).toFixed(1)} MB/s`;
  const rows = [];
  for (const size of ['1k', '10k', '100k']) {
    const entries = await json(`catalog-${size}.json`);
    const [build, catalog] = time(() => new Catalog(entries), 1);
    const [ms, count] = time(() => articles.reduce((n, a) => n + catalog.matchCount(a), 0), runs);
    // Its binary form: size, gzip size, and loading it (what an app that
    // ships the compiled catalog pays instead of the build).
    const blob = catalog.toBytes();
    const gzip = await gzipSize(blob);
    catalog.free();
    const [load] = time(() => {
      const loaded = Catalog.fromBytes(blob);
      const n = loaded.size;
      loaded.free();
      return n;
    }, Math.max(runs, 5));

    const names = [...new Set(entries.flatMap((e) => e.names).map(fold))].sort((a, b) => b.length - a.length);
    const alternation = names.map(escape).join('|');
    const [reBuild, re] = time(() => new RegExp(alternation, 'g'), 1);
    const [reMs, reCount] = time(() => articles.reduce((n, a) => n + (fold(a).match(re) ?? []).length, 0), runs);
    // The same job: whole words, the proclitics (و/ف, then ب/ك/ل) outside
    // the name, and ل + ال written لل (the name's alef dropped).
    const word = '[\\p{L}\\p{M}\\p{N}]';
    const elided = names.filter((n) => n.startsWith('ال') && [...n].length > 3).map((n) => escape(n.slice(1)));
    const sameJob =
      `(?<!${word})(?:[وف]?(?:[بك]|ل(?!ل))?(?:${alternation})` +
      (elided.length ? `|[وف]?ل(?:${elided.join('|')})` : '') +
      `)(?!${word})`;
    const [jobBuild, job] = time(() => new RegExp(sameJob, 'gu'), 1);
    const [jobMs, jobCount] = time(() => articles.reduce((n, a) => n + (fold(a).match(job) ?? []).length, 0), runs);
    const [acBuild, ac] = time(() => new window.AhoCorasick(names), 1);
    const [acMs, acCount] = time(
      () => articles.reduce((n, a) => n + ac.search(fold(a)).reduce((k, [, found]) => k + found.length, 0), 0),
      Math.max(1, Math.min(runs, 3)),
    );
    rows.push({
      catalog: `${size} (${names.length.toLocaleString('en')} names)`,
      'rtl-article (wasm)': `${speed(ms)} (${count})`,
      RegExp: `${speed(reMs)} (${reCount})`,
      'RegExp, same job': `${speed(jobMs)} (${jobCount})`,
      ahocorasick: `${speed(acMs)} (${acCount})`,
      '÷ RegExp': (reMs / ms).toFixed(2),
      '÷ same job': (jobMs / ms).toFixed(2),
      '÷ ahocorasick': (acMs / ms).toFixed(2),
      'binary: size / gzip / fromBytes': `${kb(blob.length)} / ${kb(gzip)} / ${load.toFixed(1)} ms`,
      'build: ours / RegExp / same job / ac': `${build.toFixed(0)} / ${reBuild.toFixed(0)} / ${jobBuild.toFixed(0)} / ${acBuild.toFixed(0)} ms`,
    });
  }
  return {
    title: `Catalog matching, ${articles.length} whole articles (${mb.toFixed(2)} MB), one call per article (median of ${runs})`,
    notes: [
      'Matching time only (folding included for every JS baseline: it is part of the job); build times in the last column. "÷ X" is X’s time over ours: above 1 means rtl-article is faster.',
      'Counts differ by what each finds: the plain RegExp and ahocorasick count names inside longer words and know no clitics; "same job" and rtl-article count whole-word mentions after proclitics, rtl-article also leftmost-longest without overlap.',
    ],
    rows,
  };
};
window.benchmarkReady = true;
