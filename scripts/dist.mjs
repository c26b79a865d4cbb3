// The browser files as shipped: www/dist/, made from www/ by esbuild —
// bundled (one request for the reader's shell, layer and glue), split (the
// full bundle's module and the words of Hebrew, Persian and Urdu load only
// when needed) and minified, with source maps. Every reader downloads these,
// so their bytes are budgeted (size-budget.json, tests/packaging/size.test.mjs).
//
//   www/dist/rtl-article.js   the element, hydrate, mount, … and the live layer
//   www/dist/full.js          the full bundle's module (render, Catalog, …)
//   www/dist/*-<hash>.js      chunks (shared code, each language's words)
//   www/dist/rtl-article.css  the stylesheet
//
// The wasm stays in www/pkg/ (Node and the edge load the same files): the
// dist files fetch it from ../pkg/.
//   www/dist/bundles.json     which files each bundle loads: the reader
//                             bundle (a server-rendered page) and the full
//                             bundle (a page that renders)
//
// Called by scripts/build.mjs after the wasm is built; `node scripts/dist.mjs`
// runs it alone.

import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DIST = `${ROOT}www/dist/`;

/** The files an output loads before it runs: itself and its static imports. */
function closure(metafile, file) {
  const seen = new Set();
  const visit = (f) => {
    if (seen.has(f)) return;
    seen.add(f);
    for (const i of metafile.outputs[f]?.imports ?? []) if (i.kind === 'import-statement') visit(i.path);
  };
  visit(file);
  return [...seen];
}

export async function buildDist() {
  rmSync(DIST, { recursive: true, force: true });
  const js = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: { 'rtl-article': 'www/rtl-article.js', full: 'www/full.js' },
    outdir: 'www/dist',
    bundle: true,
    splitting: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    sourcemap: 'linked',
    legalComments: 'none',
    chunkNames: '[name]-[hash]',
    metafile: true,
    logLevel: 'warning',
  });
  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: ['www/rtl-article.css'],
    outdir: 'www/dist',
    minify: true,
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  // The shell and full.js name their wasm `./pkg/…` next to themselves in
  // www/; from www/dist/ it is `../pkg/…`.
  for (const file of Object.keys(js.metafile.outputs).filter((f) => f.endsWith('.js'))) {
    const path = ROOT + file;
    const code = readFileSync(path, 'utf8');
    const moved = code.replace(/(["'`])\.\/pkg\/(rtl_article(?:_reader)?_bg\.wasm)\1/g, '$1../pkg/$2$1');
    if (moved !== code) writeFileSync(path, moved);
  }
  const rel = (f) => relative(ROOT, `${ROOT}${f}`).replaceAll('\\', '/');
  const reader = closure(js.metafile, 'www/dist/rtl-article.js').map(rel);
  const full = [...new Set([...reader, ...closure(js.metafile, 'www/dist/full.js').map(rel)])];
  const bundles = {
    reader: [...reader, 'www/pkg/rtl_article_reader_bg.wasm', 'www/dist/rtl-article.css'],
    full: [...full, 'www/pkg/rtl_article_bg.wasm', 'www/dist/rtl-article.css'],
  };
  writeFileSync(`${DIST}bundles.json`, `${JSON.stringify(bundles, null, 2)}\n`);
  return bundles;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const bundles = await buildDist();
  console.log(JSON.stringify(bundles, null, 2));
}
