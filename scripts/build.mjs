// `npm run build`: both wasm bundles and everything the demo and the tests
// load, in order:
//
//   for each bundle — reader (feature `reader`: hydrate, mention events,
//   DOM <-> text offsets) and full (feature `full`: render, annotate, import,
//   Catalog, mount, enhance):
//   1. cargo build --lib --release --target wasm32-unknown-unknown --no-default-features --features <bundle>
//   2. wasm-bindgen --target web -> www/pkg/ (glue + .wasm + .d.ts):
//        rtl_article_reader.js + rtl_article_reader_bg.wasm, rtl_article.js + rtl_article_bg.wasm
//   3. wasm-opt -Oz --converge (npm `binaryen`), in place
//   then:
//   3b. the server module: the full bundle again with the `server`
//       feature's exports, built for speed (cargo profile `server`,
//       opt-level 3; wasm-opt -O3) -> www/pkg/rtl_article_server.js +
//       rtl_article_server_bg.wasm, what www/node.js and www/edge.js load
//       (through www/server.js). No reader downloads it.
//   4. the browser files as shipped: www/dist/ (scripts/dist.mjs: esbuild
//      bundles, splits and minifies the shell, the live layer and the glue)
//   5. the seed article imported and server-rendered ->
//        www/generated/seed.json, seed.html, hydrate.html (the demo's SSR view)
//
// Step 5 runs the seed through www/node.js — the wasm just built, the same
// core the CLI links — so it needs no second (native, release) build. Pass
// `--cli` to use `cargo run --release --bin rtl-article` instead.
//
//   node scripts/build.mjs [--cli] [--skip-opt] [--bench-pkg]

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const PKG = `${ROOT}www/pkg/`;
const GENERATED = `${ROOT}www/generated/`;
const SEED = `${ROOT}tests/fixtures/seed-raqqa.txt`;
// Cargo's target folder: CARGO_TARGET_DIR when set (relative to the root, as
// cargo reads it), else target/.
const TARGET_DIR = process.env.CARGO_TARGET_DIR ? resolve(ROOT, process.env.CARGO_TARGET_DIR) : `${ROOT}target`;
const targetWasm = (profile) => `${TARGET_DIR}/wasm32-unknown-unknown/${profile}/rtl_article.wasm`;

const args = new Set(process.argv.slice(2));

/** Run a command from the repository root; exit with its status on failure. */
function run(cmd, argv, { capture = false } = {}) {
  console.log(`$ ${cmd} ${argv.join(' ')}`);
  const result = spawnSync(cmd, argv, {
    cwd: ROOT,
    stdio: capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) {
    console.error(`build: cannot run ${cmd}: ${result.error.message} (run \`bash scripts/setup.sh\`)`);
    process.exit(1);
  }
  if (result.status !== 0) {
    console.error(`build: ${cmd} failed (exit ${result.status})`);
    process.exit(result.status ?? 1);
  }
  return result.stdout;
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

function sizes(file) {
  const bytes = readFileSync(file);
  return `${kb(bytes.length)} raw, ${kb(gzipSync(bytes, { level: 9 }).length)} gzip`;
}

/**
 * One bundle: the library built with `feature` (no CLI, no native-only
 * importers), its JS glue, and the .wasm shrunk. `name` is the glue's base
 * name in www/pkg/.
 */
function bundle(feature, name, pkg = PKG, { profile = 'release', opt = ['-Oz', '--converge'] } = {}) {
  run('cargo', [
    'build',
    '--lib',
    '--profile',
    profile,
    '--target',
    'wasm32-unknown-unknown',
    '--no-default-features',
    '--features',
    feature,
  ]);
  // JS glue for ES modules (`--target web`: loads in browsers, bundlers and,
  // with initSync, Node and workerd).
  run('wasm-bindgen', ['--target', 'web', '--out-dir', pkg, '--out-name', name, targetWasm(profile)]);
  const wasm = `${pkg}${name}_bg.wasm`;
  console.log(`${name}: wasm-bindgen output: ${sizes(wasm)}`);
  if (args.has('--skip-opt')) return;
  const wasmOpt = `${ROOT}node_modules/.bin/wasm-opt`;
  if (!existsSync(wasmOpt)) {
    console.error('build: node_modules/.bin/wasm-opt is missing: run `npm ci` (binaryen is a devDependency)');
    process.exit(1);
  }
  // The features are those rustc enables by default for
  // wasm32-unknown-unknown (`rustc --print cfg --target wasm32-unknown-unknown`);
  // wasm-opt refuses the module without them. `--converge` repeats -Oz
  // until the module stops shrinking: measured -0.3 KB raw, -0.55 KB gzip
  // for ~10 s more. Tried and not kept (gzip vs plain -Oz): -Os -0.6 KB but
  // +2.8 KB raw; -O3 -Oz +0.2 KB; --gufa +0.4 KB; --low-memory-unused
  // -1.7 KB, but it assumes the low 1 KB of memory is unused, and Rust's
  // stack (placed first) grows down into it.
  run(wasmOpt, [
    ...opt,
    '--enable-bulk-memory',
    '--enable-nontrapping-float-to-int',
    '--enable-sign-ext',
    '--enable-mutable-globals',
    '--enable-reference-types',
    '--enable-multivalue',
    '--strip-debug',
    '--strip-producers',
    wasm,
    '-o',
    wasm,
  ]);
  console.log(`${name}: after wasm-opt ${opt.join(' ')}: ${sizes(wasm)}`);
  console.log(`${name}: glue ${pkg.slice(ROOT.length)}${name}.js: ${sizes(`${pkg}${name}.js`)}`);
}

// `--bench-pkg`: only the full bundle with the benchmarks' extra exports
// (the `bench-exports` feature), into target/bench-pkg/, for
// benches/browser/anchor.js; nothing shipped is touched.
if (args.has('--bench-pkg')) {
  bundle('bench-exports', 'rtl_article', `${ROOT}target/bench-pkg/`);
  process.exit(0);
}

bundle('reader', 'rtl_article_reader');
bundle('full', 'rtl_article');

// 3b. The server module (www/node.js, www/edge.js): the full bundle built
// for speed, since no reader pays for its bytes. Measured against the
// size-built module in one Node process (BENCHMARKS.md, "Server
// rendering"): 1.4x faster plain renders, about 2x annotated ones and
// matching, for ~310 KB gzip instead of ~231 KB. wasm-opt -O3, not -O4 or
// --converge: they took minutes longer for no measured gain.
// tests/edge/modules.test.mjs checks both modules write the same bytes.
bundle('server', 'rtl_article_server', PKG, { profile: 'server', opt: ['-O3'] });

// 4. What browsers download.
const { buildDist } = await import('./dist.mjs');
for (const [name, files] of Object.entries(await buildDist())) {
  const total = files.reduce((sum, f) => sum + gzipSync(readFileSync(ROOT + f), { level: 9 }).length, 0);
  console.log(`www/dist: the ${name} bundle is ${files.length} files, ${kb(total)} gzip`);
}

// 5. The seed, imported and server-rendered at build time.
mkdirSync(GENERATED, { recursive: true });
let seedJson;
let seedHtml;
if (args.has('--cli')) {
  const cli = ['run', '--quiet', '--release', '--bin', 'rtl-article', '--'];
  seedJson = run('cargo', [...cli, 'import', SEED], { capture: true });
  seedHtml = run('cargo', [...cli, 'render', SEED, '--catalog', 'www/demo/catalog.json', '--notes', 'www/demo/notes.json'], {
    capture: true,
  });
} else {
  const node = await import('../www/node.js');
  const { article, warnings } = node.importArticle(readFileSync(SEED, 'utf8'), { from: 'text' });
  for (const warning of warnings) console.log(`seed: ${warning}`);
  seedJson = `${JSON.stringify(article, null, 2)}\n`;
  // The hydrated view is the product a publisher serves: annotated with the
  // demo's catalog, compiled once.
  // With the demo's editorial notes (a fact-check and a glossary entry).
  const catalog = new node.Catalog(readFileSync(`${ROOT}www/demo/catalog.json`, 'utf8'));
  const notes = JSON.parse(readFileSync(`${ROOT}www/demo/notes.json`, 'utf8'));
  seedHtml = node.renderToString(article, { catalog, notes });
  catalog.free();
}
if (!seedHtml.startsWith('<article')) {
  console.error(`build: the seed did not render to an <article>: ${seedHtml.slice(0, 200)}`);
  process.exit(1);
}
writeFileSync(`${GENERATED}seed.json`, seedJson);
writeFileSync(`${GENERATED}seed.html`, seedHtml.endsWith('\n') ? seedHtml : `${seedHtml}\n`);

// The hydration view: the server-rendered article inside a complete page, as
// a publisher's server would send it. Only the SSR markup is generated; the
// frame is www/demo/hydrate.template.html.
const template = readFileSync(`${ROOT}www/demo/hydrate.template.html`, 'utf8');
if (!template.includes('<!-- SSR -->')) {
  console.error('build: www/demo/hydrate.template.html has no <!-- SSR --> marker');
  process.exit(1);
}
writeFileSync(`${GENERATED}hydrate.html`, template.replace('<!-- SSR -->', () => seedHtml.trim()));
console.log('wrote www/generated/seed.json, seed.html, hydrate.html');
