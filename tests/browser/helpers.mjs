// Shared harness for the browser tests: one headless Chromium and one
// 127.0.0.1 server (scripts/serve.mjs) per test file, pages that collect
// console errors and page errors, and the bidi visual-order probe.
//
// The server's root is the repository, so a page can load `/www/...`
// (the shipped shell and wasm), `/tests/browser/pages/...` (test pages) and
// `/node_modules/axe-core/axe.min.js` from one origin.

import { after, before } from 'node:test';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';

/** Repository root, with a trailing slash. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Where screenshots go (gitignored). */
export const ARTIFACTS = fileURLToPath(new URL('../../artifacts/', import.meta.url));

/** The flags every headless run uses; no network beyond 127.0.0.1. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** The CSP the demo must work under. */
export const STRICT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "require-trusted-types-for 'script'";

const EXECUTABLE = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Fail early with a useful message when the build has not run. */
export function requireBuild() {
  for (const file of ['www/pkg/rtl_article.js', 'www/pkg/rtl_article_bg.wasm', 'www/dist/rtl-article.js']) {
    if (!existsSync(ROOT + file)) {
      throw new Error(`${file} is missing: run \`npm run build\` before the browser tests`);
    }
  }
}

/**
 * Register before/after hooks that start a server and a browser for the
 * calling test file. Returns a context filled in by `before`:
 * `{ browser, server, url(path) }`.
 */
export function useBrowser({ headers = {}, args = [] } = {}) {
  const ctx = {};
  before(async () => {
    requireBuild();
    ctx.server = await startServer({ root: ROOT, port: 0, headers });
    ctx.browser = await chromium.launch({
      executablePath: EXECUTABLE,
      args: [...CHROMIUM_ARGS, ...args],
    });
    ctx.url = (path) => new URL(path, ctx.server.url).href;
  });
  after(async () => {
    await ctx.browser?.close();
    await ctx.server?.close();
  });
  return ctx;
}

/**
 * A fresh page (own context) that records every console error, page error
 * and failed request in `problems`.
 */
export async function openPage(browser, { width = 1200, height = 900 } = {}) {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  const problems = [];
  // The browser's own favicon probe is not the page's doing.
  const favicon = (url) => /\/favicon\.ico(\?|$)/.test(url ?? '');
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !favicon(msg.location()?.url)) problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (req) => problems.push(`requestfailed: ${req.url()} ${req.failure()?.errorText}`));
  page.on('response', (res) => {
    if (res.status() >= 400 && !favicon(res.url())) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  return { page, context, problems, close: () => context.close() };
}

/**
 * Open the bare harness page: it imports `/www/dist/rtl-article.js`, awaits
 * `init()` and exposes the module as `window.rtl`.
 */
export async function openHarness(ctx, options) {
  const opened = await openPage(ctx.browser, options);
  await opened.page.goto(ctx.url('/tests/browser/pages/harness.html'));
  await opened.page.waitForFunction(() => window.rtlReady === true || window.rtlFailed, null, {
    timeout: 20_000,
  });
  const failed = await opened.page.evaluate(() => window.rtlFailed);
  if (failed) throw new Error(`harness failed to load the module: ${failed}`);
  return opened;
}

/** Make the artifacts folder and return the path for `name`. */
export function artifact(name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  return ARTIFACTS + name;
}

/**
 * In the page: measure where each character of `run` sits on screen inside
 * `scope` (an element or shadow root), and where the characters just before
 * and after the run in logical order sit. Must be passed to
 * `page.evaluate(measureRun, {...})` — it runs in the browser.
 *
 * Returns `{found, chars: [{ch, left, right, top, bottom, center, middle}],
 * before, after, lines}`
 * where `before`/`after` are the nearest non-space characters outside the run.
 */
export function measureRun({ selector, shadow, run, occurrence = 0 }) {
  const host = document.querySelector(selector);
  if (!host) return { found: false, reason: `no element ${selector}` };
  const scope = shadow ? host.shadowRoot : host;
  if (!scope) return { found: false, reason: `${selector} has no shadow root` };
  // Map the concatenated text of the scope (skipping <script>/<style>) to
  // (text node, offset) pairs, one per UTF-16 code unit.
  const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      const parent = node.parentElement;
      if (parent && parent.closest('script, style, template')) return NodeFilter.FILTER_REJECT;
      return NodeFilter.FILTER_ACCEPT;
    },
  });
  const units = [];
  let text = '';
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.data.length; i++) units.push([node, i]);
    text += node.data;
  }
  let start = -1;
  for (let k = 0, from = 0; k <= occurrence; k++) {
    start = text.indexOf(run, from);
    if (start < 0) break;
    from = start + 1;
  }
  if (start < 0) return { found: false, reason: `"${run}" not in the rendered text`, text };
  const rectOf = (index) => {
    const [node, offset] = units[index];
    const range = document.createRange();
    range.setStart(node, offset);
    // Keep surrogate pairs together (none expected in the cases, but safe).
    const code = node.data.charCodeAt(offset);
    const len = code >= 0xd800 && code <= 0xdbff && offset + 1 < node.data.length ? 2 : 1;
    range.setEnd(node, offset + len);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0);
    if (rects.length === 0) return null;
    const r = rects[0];
    return {
      ch: text[index],
      left: r.left,
      right: r.right,
      top: r.top,
      bottom: r.bottom,
      center: (r.left + r.right) / 2,
      middle: (r.top + r.bottom) / 2,
    };
  };
  const chars = [];
  for (let i = start; i < start + run.length; i++) {
    const r = rectOf(i);
    if (r) chars.push(r);
  }
  let before = null;
  for (let i = start - 1; i >= 0 && !before; i--) if (text[i].trim()) before = rectOf(i);
  let after = null;
  for (let i = start + run.length; i < text.length && !after; i++) if (text[i].trim()) after = rectOf(i);
  // Glyph boxes of different fonts (Latin in <bdi>, Arabic around it) have
  // different tops on the same line, so count lines by vertical overlap:
  // a box whose middle lies inside another line's box is on that line.
  const lines = [];
  for (const c of [...chars, before, after].filter(Boolean)) {
    const line = lines.find((l) => c.middle > l.top && c.middle < l.bottom);
    if (line) {
      line.top = Math.min(line.top, c.top);
      line.bottom = Math.max(line.bottom, c.bottom);
    } else {
      lines.push({ top: c.top, bottom: c.bottom });
    }
  }
  return { found: true, chars, before, after, lines: lines.length };
}

/**
 * Judge a measurement from `measureRun`: null when the run reads left to
 * right in logical order and sits where right-to-left order puts it (the
 * character before it is to its right, the one after it to its left); else a
 * message saying what is wrong.
 */
export function orderProblem(m, run) {
  if (!m.found) return m.reason;
  if (m.lines !== 1) return `"${run}" and its neighbours wrapped over ${m.lines} lines`;
  const visible = m.chars.filter((c) => c.ch.trim());
  for (let i = 1; i < visible.length; i++) {
    if (!(visible[i].center > visible[i - 1].center)) {
      const shown = [...visible].sort((a, b) => a.left - b.left).map((c) => c.ch).join('');
      return `"${run}" is not left-to-right: "${visible[i - 1].ch}" at x=${visible[i - 1].center.toFixed(1)} is not left of "${visible[i].ch}" at x=${visible[i].center.toFixed(1)} (on screen, left to right: "${shown}")`;
    }
  }
  const left = Math.min(...visible.map((c) => c.left));
  const right = Math.max(...visible.map((c) => c.right));
  if (m.before && !(m.before.center > right)) {
    return `the character before "${run}" ("${m.before.ch}") is not to its right`;
  }
  if (m.after && !(m.after.center < left)) {
    return `the character after "${run}" ("${m.after.ch}") is not to its left`;
  }
  return null;
}

/** The bidi cases: an Arabic sentence and the run in it that must read left to right. */
export const BIDI_CASES = [
  { name: 'Latin name', sentence: 'صرح Donald Trump للصحفيين أمس', run: 'Donald Trump' },
  { name: 'URL', sentence: 'زوروا https://example.com/ar/news?id=5 للمزيد', run: 'https://example.com/ar/news?id=5' },
  { name: 'e-mail', sentence: 'راسلونا على info@example.org اليوم', run: 'info@example.org' },
  { name: 'date', sentence: 'بتاريخ 2017/5/15 والذي أعلن', run: '2017/5/15' },
  { name: 'decimal', sentence: 'بلغت 1,250.5 دولار', run: '1,250.5' },
  { name: 'time', sentence: 'الساعة 6:00 صباحا', run: '6:00' },
  { name: 'time range', sentence: 'من 09:00-18:00 يوميا', run: '09:00-18:00' },
  { name: 'phone', sentence: 'اتصلوا على +44 20 7946 0958 الآن', run: '+44 20 7946 0958' },
  { name: 'percent', sentence: 'بنسبة 45% من الأصوات', run: '45%' },
  { name: 'brackets with Arabic', sentence: 'نقلت (BBC عربي) الخبر', run: 'BBC' },
  { name: 'Latin with brackets', sentence: 'هاتف Apple (iPhone) الجديد', run: 'Apple (iPhone)' },
];

/** A one-paragraph article per case, in the documented JSON format. */
export function caseArticle(sentence) {
  return { headline: 'اختبار الاتجاه', body: [{ type: 'paragraph', text: sentence }] };
}

/**
 * Add an `<rtl-article>` to `#stage` with the article in an inline
 * `<script type="application/json">` child and wait for its
 * `rtl-article:ready` (or `rtl-article:error`) event. Returns
 * `{type, detail}`; `type` is `timeout` if neither event came.
 */
export function addElement(page, { id, article, attrs = {} }) {
  return page.evaluate(
    ({ id, article, attrs }) =>
      new Promise((resolve) => {
        const el = document.createElement('rtl-article');
        el.id = id;
        for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
        const script = document.createElement('script');
        script.type = 'application/json';
        script.textContent = JSON.stringify(article);
        el.append(script);
        const done = (event) => {
          let detail = null;
          try {
            detail = JSON.parse(JSON.stringify(event.detail ?? null));
          } catch {
            detail = String(event.detail);
          }
          resolve({ type: event.type, detail });
        };
        el.addEventListener('rtl-article:ready', done, { once: true });
        el.addEventListener('rtl-article:error', done, { once: true });
        document.getElementById('stage').append(el);
        setTimeout(() => resolve({ type: 'timeout', detail: null }), 10_000);
      }),
    { id, article, attrs },
  );
}
