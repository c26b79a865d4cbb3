// Where mount()'s time goes: Chromium's CPU profiler (through playwright's
// CDP session) over the mount benchmark page, with the unminified modules
// (`?source`) and, when given, a wasm build that kept its function names.
//
//   node benches/browser/mount.profile.mjs [plain|annotated] [--runs N] [--wasm named.wasm] [--out profile.cpuprofile]
//
// Prints self time by function (native DOM work — innerHTML, style, layout
// — is charged to the JS function that triggered it) and inclusive time of
// the functions named in FOCUS.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const argv = process.argv.slice(2);
const flag = (name, fallback) => {
  const at = argv.indexOf(name);
  return at >= 0 ? argv.splice(at, 2)[1] : fallback;
};
const runs = Number(flag('--runs', '400'));
const wasm = flag('--wasm', null);
const out = flag('--out', null);
const only = argv[0];

const FOCUS = [
  'mount', 'timedMount', 'write', 'layerFor', 'attachLayer', 'Layer', 'words', '#read', 'containerText', '#build',
  '#listen', '#paint', '#list', '#load', 'localLoad', 'Anchors', 'reanchor', 'withCatalog', 'readerOptions',
  'renderRoot', 'stylesheet', 'loadFull', 'timedInnerHTML', 'render', 'unmount', 'get meta', 'meta',
];

const server = await startServer({
  root: ROOT,
  port: 0,
  headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' },
});
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  if (wasm) {
    const body = readFileSync(wasm);
    await page.route('**/www/pkg/rtl_article_bg.wasm', (route) =>
      route.fulfill({ body, contentType: 'application/wasm', headers: { 'Cross-Origin-Resource-Policy': 'same-origin' } }));
  }
  await page.goto(new URL('/benches/browser/mount.html?source', server.url).href);
  await page.waitForFunction(() => window.benchmarkReady === true);
  await page.evaluate((only) => window.benchmark({ runs: 20, warmup: 5, only }), only);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Profiler.start');
  const result = await page.evaluate(({ runs, only }) => window.benchmark({ runs, warmup: 0, only }), { runs, only });
  const { profile } = await cdp.send('Profiler.stop');
  if (out) writeFileSync(out, JSON.stringify(profile));
  for (const r of result.rows) console.log(`${r.what}: ${r['median ms']} ms (${r['vs innerHTML']})`);

  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const name = (n) => {
    const f = n.callFrame;
    const file = f.url ? f.url.replace(/^.*\//, '') : '';
    return `${f.functionName || '(anonymous)'}${file ? ` ${file}:${f.lineNumber + 1}` : ''}`;
  };
  const selfBy = new Map();
  for (const [id, ms] of self) {
    const k = name(byId.get(id));
    selfBy.set(k, (selfBy.get(k) ?? 0) + ms);
  }
  const idle = ['(idle)', '(program)'].reduce((a, k) => a + (selfBy.get(k) ?? 0), 0);
  const perMount = (ms) => `${(ms / runs).toFixed(3)} ms/run`;
  console.log(`\nprofile: ${total.toFixed(0)} ms sampled, ${idle.toFixed(0)} idle/program; ${runs} runs\n\nself time, top 45:`);
  for (const [k, ms] of [...selfBy].sort((a, b) => b[1] - a[1]).slice(0, 45)) {
    console.log(`  ${perMount(ms).padStart(14)}  ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${k}`);
  }
  // Inclusive time per function name, outermost frames only.
  const inclusive = new Map();
  const incl = (n) => {
    let ms = self.get(n.id) ?? 0;
    for (const c of n.children ?? []) ms += incl(byId.get(c));
    n.total = ms;
    return ms;
  };
  incl(profile.nodes[0]);
  for (const n of profile.nodes) {
    const fn = n.callFrame.functionName;
    if (!FOCUS.includes(fn)) continue;
    let up = parent.get(n.id);
    let nested = false;
    while (up !== undefined) {
      if (byId.get(up).callFrame.functionName === fn && name(byId.get(up)) === name(n)) nested = true;
      up = parent.get(up);
    }
    if (nested) continue;
    const k = name(n);
    inclusive.set(k, (inclusive.get(k) ?? 0) + n.total);
  }
  console.log('\ninclusive time:');
  for (const [k, ms] of [...inclusive].sort((a, b) => b[1] - a[1])) console.log(`  ${perMount(ms).padStart(14)}  ${k}`);
} finally {
  await browser.close();
  await server.close();
}
