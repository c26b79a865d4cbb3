// Anchoring benchmark, in one Chromium run:
//
// 1. The same approximate searches — every place where a quote matches the
//    text with at most k edits — with `approx-string-match` (npm v2.0.0,
//    the Hypothesis client's matcher: Myers' bit-parallel algorithm in
//    32-bit JavaScript words) and with rtl-article's
//    (`approximateMatches`, the resolver's search: Myers/Hyyrö in 64-bit
//    blocks, compiled to wasm; the text crosses into wasm each call, which
//    is counted). Quotes of 20, 60 and 200 characters cut from the seed,
//    with one in ten characters changed, searched in the seed repeated to
//    ~100 KB, with k = a quarter of the quote.
// 2. Re-anchoring 100 annotations after an edit: 100 W3C annotations
//    of whole words described on the seed, then `Anchors.reanchor` on the seed with a
//    sentence inserted in every paragraph (derived ids change: every one is
//    found by quote and context).
//
// Exposes `window.benchmark({runs})` for scripts/bench.mjs.
import { time } from '/benches/browser/timing.js';
// The full bundle with the benchmarks' extra export (scripts/bench.mjs builds it).
import init, { Anchors, ApproxText, approximateMatches } from '/target/bench-pkg/rtl_article.js';
// The reader bundle: what a server-rendered page re-anchors with.
import initReader, { Anchors as ReaderAnchors } from '/www/pkg/rtl_article_reader.js';
import search from '/node_modules/approx-string-match/build/src/index.js';

/** `quote` with every tenth character replaced (deterministically). */
function damage(quote) {
  return [...quote].map((c, i) => (i % 10 === 5 && c !== ' ' ? 'ث' : c)).join('');
}

/**
 * `time(fn, runs)` after `fn` has run a few times untimed: the first calls
 * of a function run in the engines' baseline tiers (V8's Liftoff for wasm,
 * Sparkplug/Maglev for JS) until the optimised code is ready, which on a
 * loaded machine can be most of 15 runs. Both libraries are warmed alike.
 */
function timeWarm(fn, runs) {
  for (let i = 0; i < 5; i++) fn();
  return time(fn, runs);
}

window.benchmark = async ({ runs = 15 } = {}) => {
  await init();
  await initReader();
  const seed = await (await fetch('/tests/fixtures/seed-raqqa.txt')).text();
  const paragraphs = seed.split('\n\n').map((p) => p.trim()).filter((p) => p.length > 200);
  const text = Array.from({ length: Math.ceil(100_000 / seed.length) }, () => seed).join('\n');
  const rows = [];
  for (const length of [20, 60, 200]) {
    const source = paragraphs[2];
    const quote = damage(source.slice(40, 40 + length));
    const k = Math.floor(length / 4);
    const [jsMs, js] = timeWarm(() => search(text, quote, k), runs);
    const [wasmMs, wasm] = timeWarm(() => approximateMatches(text, quote, k), runs);
    // The same answers, match for match (the text is all in the BMP, so
    // UTF-16 code units and code points agree).
    const theirs = js.map((m) => `${m.start}-${m.end}:${m.errors}`).join(' ');
    const ours = Array.from({ length: wasm.length / 3 }, (_, i) => `${wasm[3 * i]}-${wasm[3 * i + 1]}:${wasm[3 * i + 2]}`).join(' ');
    if (!js.length || theirs !== ours) {
      throw new Error(`${length}-character quote: the matches differ\n  approx-string-match: ${theirs}\n  rtl-article: ${ours}`);
    }
    // The same search over the text held in wasm (as the resolver searches
    // the texts an Anchors holds): the search alone, without encoding the
    // 100 K characters into wasm memory on every call.
    const held = new ApproxText(text);
    const [heldMs, heldMatches] = timeWarm(() => held.matches(quote, k), runs);
    held.free();
    if (heldMatches.join() !== wasm.join()) throw new Error(`${length}-character quote: the held text's matches differ`);
    rows.push({
      search: `${length}-character quote, k = ${k}, ${(text.length / 1000).toFixed(0)} K characters`,
      'approx-string-match': `${jsMs.toFixed(2)} ms (${js.length} matches)`,
      'rtl-article (wasm)': `${wasmMs.toFixed(2)} ms (${wasm.length / 3} matches)`,
      'JS ÷ wasm time': (jsMs / wasmMs).toFixed(2),
      'text held in wasm': `${heldMs.toFixed(2)} ms`,
      'JS ÷ held': (jsMs / heldMs).toFixed(2),
    });
  }

  // Re-anchoring: 100 annotations over the seed's paragraphs, then an edit.
  const ids = paragraphs.map((_, i) => `p${i}`);
  const before = new Anchors(ids, paragraphs);
  const annotations = [];
  // Whole words, 2 to 7 of them, as a reader's selection snaps to words.
  for (let n = 0; annotations.length < 100; n++) {
    const i = n % paragraphs.length;
    const words = [...paragraphs[i].matchAll(/\S+/gu)].map((m) => [[...paragraphs[i].slice(0, m.index)].length, [...m[0]].length]);
    const first = (n * 7) % Math.max(1, words.length - 8);
    const last = first + 1 + (n % 6);
    const selector = before.describe(ids[i], words[first][0], words[last][0] + words[last][1]);
    if (selector) annotations.push({ type: 'Annotation', target: before.target(selector, 'https://example.com/raqqa') });
  }
  const editedIds = paragraphs.map((_, i) => `e${i}`);
  const edited = paragraphs.map((p) => `وفي تطور جديد، ${p}`);
  before.free();
  // The same annotations (plain objects, as a store gives them back) in each
  // bundle: the reader reads them as JavaScript values, the full bundle
  // through its JSON parser (one parser in that bundle, not two).
  for (const [bundle, Kind] of [['reader bundle', ReaderAnchors], ['full bundle', Anchors]]) {
    let placed = 0;
    const [reanchorMs] = timeWarm(() => {
      const after = new Kind(editedIds, edited);
      placed = annotations.filter((a) => !after.reanchor(a).orphan).length;
      after.free();
    }, runs);
    rows.push({
      search: `re-anchor 100 annotations after an edit (all ids changed), ${bundle}`,
      'approx-string-match': '',
      'rtl-article (wasm)': `${reanchorMs.toFixed(2)} ms (${placed} placed)`,
      'JS ÷ wasm time': '',
      'text held in wasm': '',
      'JS ÷ held': '',
    });
  }
  return {
    title: `Anchoring in the browser (median of ${runs})`,
    notes: [
      'Searches: every end position with at most k edits and its best start, as both libraries report them (checked identical, match for match, on every row); a ratio above 1 means rtl-article is faster.',
      '"rtl-article (wasm)" passes the 100 K-character text into wasm on every call (UTF-8 encoding included); "text held in wasm" searches a text passed in once (ApproxText), as the resolver searches the texts an Anchors holds.',
      'Re-anchoring includes reading the new text into the core and resolving each annotation (position, exact quote with context, every approximate candidate scored).',
      'Every measurement follows 5 untimed runs of the same call (both libraries alike), so that it times the engines\' optimised code, not their baseline tiers.',
    ],
    rows,
  };
};
window.benchmarkReady = true;
