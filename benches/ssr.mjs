// Server rendering in Node: `renderToString` of the seed article through
// www/node.js, as a Node user calls it, against React 19's
// `react-dom/server` `renderToString` of the same article written by hand
// as a component (headline, section, standfirst, lead caption,
// paragraphs: the same text), in the same process.
//
//   node benches/ssr.mjs [--runs N] [--react-dev]    (or `npm run bench -- ssr`)
//
// Rows: ours without annotation; ours with annotation and a Catalog
// compiled once and passed in every call (the seed's catalog, and a 10k
// entry one to show the catalog is shared, not copied or recompiled, per
// call); the first two through the browser's size-built module, for what
// the server module's speed build buys; React. Each round times a batch
// of calls of every row in turn (so drift on a shared machine hits every
// row alike), after a warm-up;
// the figure is the median over rounds of the time per call. A second
// column adds `Buffer.from(html)` (what `res.end(html)` does): React's
// string is a rope that V8 flattens only then.
//
// React runs in production mode (NODE_ENV=production, what a server runs);
// `--react-dev` measures its development build instead. React and
// react-dom are devDependencies used here only: no shipped bundle imports
// them.

import { readFileSync } from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const ROUNDS = runsAt >= 0 ? Number(args[runsAt + 1]) : 400;
if (!Number.isInteger(ROUNDS) || ROUNDS < 1) throw new Error('--runs: expected a positive integer');
const reactDev = args.includes('--react-dev');
// Read by react and react-dom when they are first required, below.
process.env.NODE_ENV = reactDev ? 'development' : 'production';

const require = createRequire(import.meta.url);
const React = require('react');
const { renderToString: reactRenderToString, version: reactVersion } = require('react-dom/server');
const { renderToString, importArticle, Catalog } = await import('../www/node.js');

// The seed as a Node user has it: the article object (what a CMS hands
// over; importArticle reads the scraped seed once, outside the timing).
const seedText = readFileSync(`${ROOT}tests/fixtures/seed-raqqa.txt`, 'utf8');
const { article } = importArticle(seedText, { from: 'text' });
const catalog = new Catalog(JSON.parse(readFileSync(`${ROOT}tests/fixtures/catalog-raqqa.json`, 'utf8')));
let catalog10k = null;
let compile10k = null;
try {
  const { ensureData } = await import('../scripts/bench-data.mjs');
  const entries = JSON.parse(readFileSync(`${ensureData()}catalog-10k.json`, 'utf8'));
  const start = performance.now();
  catalog10k = new Catalog(entries);
  compile10k = performance.now() - start;
} catch (err) {
  console.error(`ssr: no 10k catalog row (${err.message})`);
}

const sized = await import('../www/pkg/rtl_article.js?size-built');
sized.initSync({ module: readFileSync(`${ROOT}www/pkg/rtl_article_bg.wasm`) });
const sizedCatalog = new sized.Catalog(JSON.parse(readFileSync(`${ROOT}tests/fixtures/catalog-raqqa.json`, 'utf8')));

// The same article as a React user writes it (React.createElement, so no
// JSX runtime or build step is needed at bench time).
const h = React.createElement;
function Article({ a }) {
  return h(
    'article',
    { dir: a.dir ?? 'rtl', lang: a.lang ?? 'ar', className: 'article' },
    h(
      'header',
      null,
      a.section && h('p', { className: 'section' }, a.section),
      h('h1', null, a.headline),
      a.standfirst && h('p', { className: 'standfirst' }, a.standfirst),
      a.byline && h('p', { className: 'byline' }, a.byline),
      a.published && h('time', { dateTime: a.published }, a.published),
    ),
    a.lead?.caption && h('figure', { className: 'lead' }, h('figcaption', null, a.lead.caption)),
    h(
      'div',
      { className: 'article-body' },
      a.body.map((block, i) => h('p', { key: i }, block.text)),
    ),
  );
}
// The component reads plain strings: the seed's texts have no marks.
for (const field of ['headline', 'standfirst']) {
  if (typeof article[field] !== 'string') throw new Error(`ssr: the seed's ${field} is not a plain string`);
}

const rows = [
  { name: 'rtl-article `renderToString(article)`', run: () => renderToString(article) },
  {
    name: 'rtl-article with annotation, a precompiled Catalog (11 entries)',
    run: () => renderToString(article, { catalog }),
  },
  ...(catalog10k
    ? [
        {
          name: 'rtl-article with annotation, a precompiled Catalog (10k entries)',
          run: () => renderToString(article, { catalog: catalog10k }),
        },
      ]
    : []),
  // The same calls through the browser's full module (opt-level z,
  // wasm-opt -Oz), a second instance of the same glue in this process:
  // what the server module (opt-level 3) buys.
  { name: 'the same, plain, through the browser\'s size-built module', run: () => sized.render(article, {}) },
  {
    name: 'the same, annotated (11 entries), through the browser\'s size-built module',
    run: () => sized.render(article, {}, sizedCatalog.share()),
  },
  { name: `React ${reactVersion} \`renderToString(<Article/>)\`${reactDev ? ' (development)' : ''}`, run: () => reactRenderToString(h(Article, { a: article })) },
];

// Sanity: every row renders the text.
for (const row of rows) {
  const html = row.run();
  if (!html.includes('وزارة الدفاع الروسية')) throw new Error(`ssr: ${row.name} did not render the seed`);
  row.chars = html.length;
}

const BATCH = 20;
function timeBatch(run, encode) {
  const start = performance.now();
  for (let i = 0; i < BATCH; i++) {
    const html = run();
    if (encode) Buffer.from(html);
  }
  return ((performance.now() - start) * 1000) / BATCH; // µs per call
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// Warm-up (JIT, wasm tiering, caches), then the rounds.
const warmUntil = performance.now() + 1500;
while (performance.now() < warmUntil) for (const row of rows) timeBatch(row.run, true);
for (const row of rows) {
  row.plain = [];
  row.encoded = [];
}
for (let r = 0; r < ROUNDS; r++) {
  for (const row of rows) {
    row.plain.push(timeBatch(row.run, false));
    row.encoded.push(timeBatch(row.run, true));
  }
}

const react = rows[rows.length - 1];
const reactPlain = median(react.plain);
const reactEncoded = median(react.encoded);
const us = (x) => `${x < 10 ? x.toFixed(2) : x.toFixed(1)} µs`;
const table = rows.map((row) => {
  const plain = median(row.plain);
  const encoded = median(row.encoded);
  return {
    render: row.name,
    'median per call': us(plain),
    'with Buffer.from(html)': us(encoded),
    '× React': (plain / reactPlain).toFixed(2),
    '× React (encoded)': (encoded / reactEncoded).toFixed(2),
    'HTML chars': row.chars,
  };
});

function markdownTable(rows) {
  const columns = Object.keys(rows[0] ?? {});
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(columns), line(columns.map((c, i) => (i === 0 ? '---' : '---:'))), ...rows.map((r) => line(columns.map((c) => String(r[c] ?? ''))))].join('\n');
}

console.log(`### Server rendering in Node (the seed article)\n`);
console.log(`Command: \`node benches/ssr.mjs${args.length ? ` ${args.join(' ')}` : ''}\`; Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, ${new Date().toISOString().slice(0, 10)}\n`);
console.log(markdownTable(table));
console.log(`
- ${ROUNDS} rounds after a 1.5 s warm-up; each round times ${BATCH} calls of every row in turn; median over rounds of the time per call.
- Ours: \`renderToString\` from www/node.js (the server module: the full bundle built for speed, opt-level 3 and wasm-opt -O3; the two "size-built" rows are the same calls through the browser's module, opt-level z and wasm-opt -Oz, in this process): the article object goes through JSON to the wasm core, which imports it, isolates bidi runs, applies typography, writes the JSON-LD and returns the HTML string. With a catalog, the article is annotated too (mentions, dates, numbers, quotations) and marked up; the Catalog is compiled once and passed in every call (\`catalog.share()\`: a handle, never a copy).
- React ${reactVersion} ${reactDev ? 'development' : 'production'} build, \`react-dom/server\` \`renderToString\` of a hand-written component with the same texts; it escapes text but does no bidi isolation, typography, JSON-LD or annotation, and its HTML is ${react.chars} characters to our ${rows[0].chars}.
- \`with Buffer.from(html)\`: the string also encoded to UTF-8, as \`res.end(html)\` does; React returns a rope that is flattened there.${compile10k === null ? '' : `
- Compiling the 10k-entry catalog (\`new Catalog(entries)\`, once) took ${compile10k.toFixed(1)} ms, against ${(median(rows[2].plain) / 1000).toFixed(2)} ms for a whole call with it: the calls do not compile it. They cost more than with 11 entries because it finds more (its names are n-grams of news text): ${rows[2].chars} characters of HTML to ${rows[1].chars}.`}`);
