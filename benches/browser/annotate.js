// Catalog matching benchmark: what a web developer would write against what
// rtl-article does, on the same Arabic text and catalog, in one run.
//
//   JS + ahocorasick: fold the text and the names in JavaScript (alef forms,
//     ta marbuta, alef maksura, diacritics, tatweel, Arabic-Indic digits),
//     then the npm `ahocorasick` package (v1.0.2) over the folded text.
//   JS RegExp: the same folding, then one RegExp alternation of every folded
//     name, longest first, global flag.
//   rtl-article: `Catalog.matchCount(text)` in wasm — folding with an offset
//     map, daachorse leftmost-longest automaton, word-boundary and clitic
//     checks (بالرقة → الرقة). It does more work than either JS baseline,
//     which report matches inside longer words and know nothing of clitics.
//
// Catalog build time is reported separately from matching. Exposes
// `window.benchmark({runs})` for scripts/bench.mjs.
import { time as timeBest } from '/benches/browser/timing.js';
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

// Deterministic catalog: the seed's real entities plus generated names made
// of Arabic syllables (mulberry32 PRNG, fixed seed), one to three words each.
function makeCatalog(size) {
  let state = 0x9e3779b9;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const syllables = ['بر', 'تا', 'جو', 'حم', 'دي', 'را', 'سل', 'شا', 'صف', 'طو', 'عم', 'فا', 'قر', 'كا', 'لم', 'مو', 'نا', 'هد', 'ور', 'يس', 'زن', 'غد', 'ثم', 'خل'];
  const word = () => Array.from({ length: 2 + Math.floor(random() * 3) }, () => syllables[Math.floor(random() * syllables.length)]).join('');
  const real = ['روسيا', 'موسكو', 'وزارة الدفاع الروسية', 'قوات سوريا الديمقراطية', 'داعش', 'الرقة', 'تدمر', 'دير الزور', 'إنترفاكس', 'طلال سلو', 'قوات النخبة السورية'];
  const entities = real.map((name, i) => ({ id: `real-${i}`, type: 'topic', names: [name] }));
  const seen = new Set(real);
  while (entities.length < size) {
    const name = Array.from({ length: 1 + Math.floor(random() * 3) }, word).join(' ');
    if (seen.has(name)) continue;
    seen.add(name);
    entities.push({ id: `gen-${entities.length}`, type: 'topic', names: [name] });
  }
  return entities;
}

window.benchmark = async ({ runs = 7 } = {}) => {
  await init();
  const seed = await (await fetch('/tests/fixtures/seed-raqqa.txt')).text();
  // About 1 MB of Arabic news text (UTF-8), the seed repeated.
  const text = Array.from({ length: Math.ceil(1_000_000 / new TextEncoder().encode(seed).length) }, () => seed).join('\n');
  const mb = new TextEncoder().encode(text).length / 1e6;
  const rows = [];
  for (const size of [1_000, 10_000]) {
    const entities = makeCatalog(size);
    const names = entities.flatMap((e) => e.names);

    const [wasmBuild, catalog] = timeBest(() => new Catalog(JSON.stringify(entities)), 3);
    const [wasmMs, wasmCount] = timeBest(() => catalog.matchCount(text), runs);
    catalog.free();

    const folded = names.map(fold);
    const [acBuild, ac] = timeBest(() => new window.AhoCorasick(folded), 3);
    const [acMs, acCount] = timeBest(() => ac.search(fold(text)).reduce((n, [, found]) => n + found.length, 0), runs);

    const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const [reBuild, re] = timeBest(
      () => new RegExp([...folded].sort((a, b) => b.length - a.length).map(escape).join('|'), 'g'),
      3,
    );
    const [reMs, reCount] = timeBest(() => (fold(text).match(re) ?? []).length, runs);

    const speed = (ms) => `${(mb / (ms / 1000)).toFixed(1)} MB/s`;
    rows.push({
      catalog: `${size.toLocaleString('en')} names`,
      'rtl-article (wasm)': `${speed(wasmMs)} (${wasmCount} mentions)`,
      'JS fold + ahocorasick': `${speed(acMs)} (${acCount} hits)`,
      'JS fold + RegExp': `${speed(reMs)} (${reCount} hits)`,
      'ahocorasick ÷ wasm time': (acMs / wasmMs).toFixed(2),
      'RegExp ÷ wasm time': (reMs / wasmMs).toFixed(2),
      'build: wasm / ac / RegExp': `${wasmBuild.toFixed(0)} / ${acBuild.toFixed(0)} / ${reBuild.toFixed(1)} ms`,
    });
  }
  return {
    title: `Catalog matching over ${mb.toFixed(2)} MB of Arabic text (median of ${runs})`,
    notes: [
      'Matching time only; catalog build times in the last column. A ratio above 1 means rtl-article is faster.',
      'The JS baselines count raw hits, including names inside longer words; rtl-article counts mentions after word-boundary and clitic checks, so its count is lower and correct.',
    ],
    rows,
  };
};
window.benchmarkReady = true;
