// The batch CLI: `rtl-article render|annotate --jsonl` over a 30,000-article
// archive of ~100 MB (target/bench-data/archive.jsonl, made by
// scripts/bench-data.mjs `ensureArchive`, deterministic), on 1 and 2
// threads (RAYON_NUM_THREADS), the CLI built with the `cli` cargo profile.
//
//   node benches/batch.mjs [--runs N] [--threads 1,2]   (or `npm run bench -- batch`)
//
// Each configuration runs N times per thread count (alternating, so load
// from other processes hits both alike); the table shows the median wall
// time, articles per second per core, the scaling from 1 to 2 threads and
// the CPU time (user + system, from /usr/bin/time when present). The
// output goes to a file in the OS temp folder, as a user's redirect would;
// its SHA-256 must be the same for every thread count (order is kept).

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, existsSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureArchive } from '../scripts/bench-data.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : fallback;
};
const RUNS = Number(option('--runs', '3'));
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error('--runs: expected a positive integer');
const THREADS = option('--threads', '1,2').split(',').map(Number);
if (THREADS.some((t) => !Number.isInteger(t) || t < 1)) throw new Error('--threads: expected e.g. 1,2');

/** What is measured: one row each. */
const CONFIGS = [
  { name: '`render --jsonl --gazetteer` (HTML, annotated)', argv: ['render', '--gazetteer'] },
  { name: '`annotate --jsonl --gazetteer` (W3C annotations)', argv: ['annotate', '--gazetteer'] },
  { name: '`render --jsonl` (HTML, no annotation)', argv: ['render'] },
];

// The CLI, built for speed (Cargo.toml: profile `cli`).
const targetDir = process.env.CARGO_TARGET_DIR ? resolve(ROOT, process.env.CARGO_TARGET_DIR) : `${ROOT}target`;
const build = spawnSync('cargo', ['build', '--profile', 'cli', '--bin', 'rtl-article'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) throw new Error('batch: cargo build --profile cli failed');
const CLI = `${targetDir}/cli/rtl-article`;

const archive = ensureArchive();
const lines = readFileSync(archive, 'utf8').split('\n').filter((l) => l.trim()).length;
const megabytes = statSync(archive).size / 1e6;
const out = `${os.tmpdir()}/rtl-article-batch-${process.pid}.jsonl`;
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** One run: stdout to `out` (truncated), wall and CPU seconds. */
function runOnce(argv, threads) {
  const cmd = [CLI, ...argv, '--jsonl', archive];
  const full = timeBin ? [timeBin, '-f', 'TIME %e %U %S', ...cmd] : cmd;
  const fd = openSync(out, 'w');
  const start = performance.now();
  let result;
  try {
    result = spawnSync(full[0], full.slice(1), {
      env: { ...process.env, RAYON_NUM_THREADS: String(threads) },
      stdio: ['ignore', fd, 'pipe'],
      encoding: 'utf8',
    });
  } finally {
    closeSync(fd);
  }
  const wall = (performance.now() - start) / 1000;
  if (result.status !== 0) throw new Error(`batch: ${cmd.join(' ')} failed:\n${result.stderr}`);
  const time = /TIME ([\d.]+) ([\d.]+) ([\d.]+)/.exec(result.stderr ?? '');
  return { wall, cpu: time ? Number(time[2]) + Number(time[3]) : null };
}

async function sha256(path) {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk);
  return hash.digest('hex').slice(0, 16);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const rows = [];
const notes = [];
/** CPU pressure (Linux PSI): the share of time tasks waited for a core. */
const pressure = () => {
  try {
    return /some avg10=([\d.]+) avg60=([\d.]+)/.exec(readFileSync('/proc/pressure/cpu', 'utf8'))?.slice(1, 3).join('% (10 s), ') + '% (60 s)';
  } catch {
    return null;
  }
};
const pressureBefore = pressure();
try {
  for (const config of CONFIGS) {
    const times = Object.fromEntries(THREADS.map((t) => [t, []]));
    const cpus = Object.fromEntries(THREADS.map((t) => [t, []]));
    const hashes = new Set();
    for (let r = 0; r < RUNS; r++) {
      for (const t of THREADS) {
        const { wall, cpu } = runOnce(config.argv, t);
        times[t].push(wall);
        if (cpu !== null) cpus[t].push(cpu);
        if (r === 0) hashes.add(await sha256(out));
      }
    }
    if (hashes.size !== 1) throw new Error(`batch: ${config.name}: the output differs between thread counts`);
    const outMB = statSync(out).size / 1e6;
    const base = median(times[THREADS[0]]);
    for (const t of THREADS) {
      const wall = median(times[t]);
      rows.push({
        command: config.name,
        threads: t,
        'wall (median)': `${wall.toFixed(2)} s`,
        'articles/s/core': Math.round(lines / wall / t).toLocaleString('en'),
        [`scaling vs ${THREADS[0]}`]: t === THREADS[0] ? '1.00×' : `${(base / wall).toFixed(2)}×`,
        'CPU (user+sys)': cpus[t].length ? `${median(cpus[t]).toFixed(2)} s` : '',
        'cores used': cpus[t].length ? (median(cpus[t]) / wall).toFixed(2) : '',
        'output': `${outMB.toFixed(0)} MB`,
      });
    }
  }
} finally {
  rmSync(out, { force: true });
}

function markdownTable(rows) {
  const columns = Object.keys(rows[0] ?? {});
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(columns), line(columns.map((c, i) => (i === 0 ? '---' : '---:'))), ...rows.map((r) => line(columns.map((c) => String(r[c] ?? ''))))].join('\n');
}

const load = os.loadavg().map((l) => l.toFixed(1)).join(', ');
if (pressureBefore) notes.push(`CPU pressure (tasks waiting for a core, /proc/pressure/cpu "some"): ${pressureBefore} before, ${pressure()} after. Above a few percent, other processes take cores and wall times (and the scaling) understate what the CLI does on 2 free cores; CPU time does not.`);
console.log(`### Batch CLI (\`--jsonl\`)\n`);
console.log(`Command: \`node benches/batch.mjs${args.length ? ` ${args.join(' ')}` : ''}\`; ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, ${new Date().toISOString().slice(0, 10)}, load average at the end ${load}\n`);
console.log(markdownTable(rows));
console.log(`
- Input: ${archive.replace(ROOT, '')}, ${lines.toLocaleString('en')} articles, ${megabytes.toFixed(1)} MB (scripts/bench-data.mjs \`ensureArchive\`); output to a file in ${os.tmpdir()}, the same bytes for every thread count.
- ${RUNS} run(s) per thread count, alternating; median wall time. \`RAYON_NUM_THREADS\` sets the worker threads; the reader and writer threads come on top (they take a few percent of a core).
- articles/s/core = articles / wall time / threads. CPU is the process's user + system time (/usr/bin/time), cores used = CPU / wall: on a shared machine, wall time also counts waiting for a core.${notes.length ? `\n- ${notes.join('\n- ')}` : ''}`);
