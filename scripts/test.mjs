// `npm test` after setup: every check the project has, in order, failing
// fast. Formatting, native Rust tests, the release build of both wasm
// bundles (built once, reused by every later step), wasm-bindgen tests in
// Chromium, then the browser, boundary (Node), edge (workerd) and packaging
// suites. Prints each step's time and a final `N passed, N failed`.
//
//   node scripts/test.mjs                 all steps
//   node scripts/test.mjs browser size    only the named steps (see STEPS)

import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** `node --test` over the *.test.mjs files of a folder. */
function nodeTests(dir, only) {
  const files = readdirSync(ROOT + dir)
    .filter((f) => f.endsWith('.test.mjs') && (!only || only(f)))
    .sort()
    .map((f) => `${dir}/${f}`);
  return ['node', ['--test', '--test-reporter=spec', ...files]];
}

const STEPS = [
  {
    name: 'fmt',
    title: 'cargo fmt --check (rustfmt.toml)',
    command: () => ['cargo', ['fmt', '--check']],
  },
  {
    name: 'cargo',
    title: 'cargo test (native, all features)',
    command: () => ['cargo', ['test', '--all-features']],
  },
  {
    name: 'build',
    title: 'npm run build (release wasm, wasm-bindgen, wasm-opt, seed)',
    command: () => ['npm', ['run', 'build']],
  },
  {
    name: 'wasm',
    title: 'wasm-bindgen-test in Chromium (tests/wasm.rs)',
    skip: () => (existsSync(`${ROOT}tests/wasm.rs`) ? null : 'no tests/wasm.rs'),
    env: {
      CHROMEDRIVER: '/usr/bin/chromedriver',
      CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER: 'wasm-bindgen-test-runner',
    },
    command: () => [
      'cargo',
      ['test', '--target', 'wasm32-unknown-unknown', '--no-default-features', '--features', 'full', '--test', 'wasm'],
    ],
  },
  {
    name: 'size',
    title: 'size budget (tests/packaging/size.test.mjs)',
    command: () => nodeTests('tests/packaging', (f) => f === 'size.test.mjs'),
  },
  {
    name: 'browser',
    title: 'browser tests in Chromium (tests/browser/)',
    command: () => nodeTests('tests/browser'),
  },
  {
    name: 'boundary',
    title: 'boundary: every export called with bad input in Node (tests/boundary/; Chromium and workerd run the same probe in their steps)',
    command: () => nodeTests('tests/boundary'),
  },
  {
    name: 'edge',
    title: 'edge: the worker under workerd, and one HTML through every front door (tests/edge/)',
    command: () => nodeTests('tests/edge'),
  },
  {
    name: 'packaging',
    title: 'packaging: npm pack, import map, Node, Vite (tests/packaging/)',
    command: () => nodeTests('tests/packaging', (f) => f !== 'size.test.mjs'),
  },
];

function run([cmd, args], env) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('error', (err) => resolve({ code: 1, error: err.message }));
    child.on('exit', (code, signal) => resolve({ code: code ?? 1, error: signal ? `killed by ${signal}` : null }));
  });
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !STEPS.some((s) => s.name === w));
if (unknown.length) {
  console.error(`unknown step(s): ${unknown.join(', ')}; steps are: ${STEPS.map((s) => s.name).join(', ')}`);
  process.exit(2);
}
const steps = wanted.length ? STEPS.filter((s) => wanted.includes(s.name)) : STEPS;

const results = [];
const started = Date.now();
for (const step of steps) {
  const skipped = step.skip?.();
  if (skipped) {
    console.log(`\n=== ${step.title}: skipped (${skipped})`);
    results.push({ step, status: 'skipped', ms: 0 });
    continue;
  }
  const [cmd, args] = step.command();
  console.log(`\n=== ${step.title}\n$ ${cmd} ${args.join(' ')}`);
  const t0 = Date.now();
  const { code, error } = await run([cmd, args], step.env);
  const ms = Date.now() - t0;
  const ok = code === 0;
  results.push({ step, status: ok ? 'passed' : 'failed', ms });
  console.log(`=== ${step.name}: ${ok ? 'passed' : `FAILED (exit ${code}${error ? `, ${error}` : ''})`} in ${seconds(ms)}`);
  if (!ok) break;
}

console.log('\nstep        result    time');
for (const { step, status, ms } of results) {
  console.log(`${step.name.padEnd(11)} ${status.padEnd(9)} ${seconds(ms)}`);
}
const notRun = steps.filter((s) => !results.some((r) => r.step === s));
for (const step of notRun) console.log(`${step.name.padEnd(11)} not run`);
const passed = results.filter((r) => r.status === 'passed').length;
const failed = results.filter((r) => r.status === 'failed').length;
console.log(`total ${seconds(Date.now() - started)}`);
if (failed) {
  const first = results.find((r) => r.status === 'failed');
  console.log(`first failure: ${first.step.title} — see its output above`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
