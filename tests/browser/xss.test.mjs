// The XSS suite in Chromium (issue 12): every vector of
// tests/fixtures/xss-vectors.json, in batches, through every browser door —
// render/renderPage (parsed by Chromium's HTML5 parser and checked),
// mount with a catalog and editorial notes (every entity card, every note
// popover and the panel opened), hydrate over render's output, enhance over
// publisher markup holding the vectors as text and attribute values, and
// reader notes through importAnnotations and a localStorage entry read
// back — and Node's renderToString, whose output is checked here too. The
// canary `window.__pwned` must stay unset, with the strict CSP and Trusted
// Types of README "Content-Security-Policy" (no violation either) and
// without any CSP, so the escaping is what is tested.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { STRICT_CSP, openHarness, useBrowser } from './helpers.mjs';
import { VECTORS, articleFor, batches, catalogFor, inspectInPage, readerNotes } from './xss-cases.mjs';

const ctx = useBrowser();
const SIZE = 8;

/** The harness page, under the strict CSP when `csp` (added to its response by a route). */
async function open(csp) {
  const opened = await (async () => {
    if (!csp) return openHarness(ctx);
    // Route the harness page through a CSP header: one server for both runs.
    const { openPage } = await import('./helpers.mjs');
    const o = await openPage(ctx.browser);
    await o.page.route('**/*', async (route) => {
      try {
        const response = await route.fetch();
        const headers = { ...response.headers(), 'content-security-policy': STRICT_CSP };
        await route.fulfill({ response, headers });
      } catch {
        // The page closed while a request was in flight.
      }
    });
    await o.page.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} ${e.sample || ''}`);
      });
    });
    await o.page.goto(ctx.url('/tests/browser/pages/harness.html'));
    await o.page.waitForFunction(() => window.rtlReady === true || window.rtlFailed, null, { timeout: 20_000 });
    assert.equal(await o.page.evaluate(() => window.rtlFailed), undefined);
    assert.equal(await o.page.evaluate(() => typeof window.trustedTypes?.createPolicy), 'function');
    return o;
  })();
  // Navigation away (a followed javascript: link would be one) is a failure too.
  opened.page.on('framenavigated', (frame) => {
    if (frame === opened.page.mainFrame() && !frame.url().endsWith('/harness.html')) {
      opened.problems.push(`navigated to ${frame.url()}`);
    }
  });
  return opened;
}

/** In the page: one batch through mount, the cards, the notes, the panel, hydrate, enhance and the stores. */
async function runBatch({ article, catalog, notes, batch, turn }) {
  const rtl = window.rtl;
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  // The test's own Trusted Types policy: what a publisher's page uses to
  // write its server-rendered markup and inline JSON.
  const policy = (window.__xssPolicy ??= window.trustedTypes?.createPolicy
    ? trustedTypes.createPolicy('xss-test', { createHTML: (s) => s, createScript: (s) => s })
    : { createHTML: (s) => s, createScript: (s) => s });
  const outputs = [];
  const stage = document.getElementById('stage');
  // render and renderPage: their strings, for the parser check.
  outputs.push(await rtl.render(article, { catalog }));
  if (turn % 3 === 0) outputs.push(await rtl.renderPage(article, { catalog }));

  // mount, with the catalog and the editorial notes; every card, popover
  // and the panel opened.
  const host = document.createElement('div');
  host.className = 'xss-host';
  stage.append(host);
  const handle = await rtl.mount(host, article, { catalog, storage: 'local' });
  const root = host.shadowRoot;
  let cards = 0;
  for (const mention of root.querySelectorAll('.mention[data-entity-id]')) {
    mention.click();
    cards += root.querySelector('.rtl-card:popover-open') || document.querySelector('.rtl-card:popover-open') ? 1 : 0;
    await sleep(0);
  }
  let popovers = 0;
  for (const marker of root.querySelectorAll('.note-marker')) {
    marker.click();
    popovers += root.getElementById(marker.dataset.note)?.matches(':popover-open') ? 1 : 0;
  }
  // Reader notes with vectors: imported, then read back from localStorage
  // (an entry the test rewrites with a vector in every string) on a remount.
  const imported = handle.importAnnotations(notes);
  handle.openPanel();
  await sleep(20);
  const panelOpen = !!(root.querySelector('.rtl-panel:popover-open') || document.querySelector('.rtl-panel:popover-open'));
  const keys = Object.keys(localStorage).filter((k) => k.startsWith('rtl-article:'));
  for (const key of keys) {
    const stored = JSON.parse(localStorage.getItem(key));
    const items = stored.first?.items ?? stored.items ?? stored;
    if (Array.isArray(items)) items.push(...notes.map((n, i) => ({ ...n, id: `${batch[i % batch.length]}#stored-${i}` })));
    if (stored.label !== undefined || stored.type) stored.label = batch[turn % batch.length];
    localStorage.setItem(key, JSON.stringify(stored));
  }
  handle.unmount();
  const again = await rtl.mount(host, article, { catalog, storage: 'local' });
  again.openPanel();
  await sleep(20);
  const reloaded = again.exportAnnotations().first.items.length;
  for (const button of host.shadowRoot.querySelectorAll('.rtl-panel-entry [data-action="edit"]')) button.click();
  await sleep(0);

  // hydrate over render's output (inserted through the test's own policy).
  const server = document.createElement('div');
  server.className = 'xss-host';
  stage.append(server);
  server.innerHTML = policy.createHTML(outputs[0]);
  const hydrated = await rtl.hydrate(server, { storage: 'none' });
  hydrated.importAnnotations(notes);
  hydrated.openPanel();
  for (const marker of server.querySelectorAll('.note-marker')) marker.click();

  // enhance over publisher markup built with DOM calls: the vectors are
  // text and attribute values there (inert), and must stay so.
  const cms = document.createElement('div');
  cms.className = 'xss-host';
  const el = (tag, attrs = {}, ...kids) => {
    const e = document.createElement(tag);
    for (const [k, val] of Object.entries(attrs)) e.setAttribute(k, val);
    e.append(...kids);
    return e;
  };
  const v = (i) => batch[(turn + i) % batch.length];
  cms.append(
    el('article', { 'data-x': v(0) },
      el('h1', { title: v(1) }, `${v(2)} روسيا`),
      el('p', { class: 'standfirst' }, v(3)),
      el('p', {}, `أعلنت روسيا ${v(4)} `, el('a', { href: v(5), title: v(6) }, v(7)), ' ', el('strong', {}, v(0))),
      el('figure', {}, el('img', { alt: v(1), 'data-src': v(2) }), el('figcaption', {}, v(3))),
      el('blockquote', { cite: v(4) }, el('p', {}, v(5)), el('footer', {}, v(6))),
      el('ul', {}, el('li', {}, v(7)), el('li', {}, el('em', {}, v(0)))),
      el('p', {}, el('a', { href: 'https://example.com/ok' }, v(1)), ` موسكو ${v(2)}`),
    ),
  );
  stage.append(cms);
  const enhanced = await rtl.enhance(cms, { catalog, storage: 'none' });
  enhanced.importAnnotations(notes);
  for (const mention of cms.shadowRoot.querySelectorAll('.mention[data-entity-id]')) mention.click();
  enhanced.openPanel();

  // <rtl-article> with the article inline.
  const element = document.createElement('rtl-article');
  element.className = 'xss-host';
  const script = document.createElement('script');
  script.type = 'application/json';
  script.textContent = policy.createScript(JSON.stringify(article));
  element.append(script);
  const ready = new Promise((resolve) => {
    element.addEventListener('rtl-article:ready', () => resolve('ready'), { once: true });
    element.addEventListener('rtl-article:error', (e) => resolve(`error: ${e.detail?.message}`), { once: true });
  });
  stage.append(element);
  const elementState = await ready;
  element.importAnnotations(notes);
  element.openPanel();
  for (const marker of element.shadowRoot.querySelectorAll('.note-marker')) marker.click();

  await sleep(50);
  const counts = { cards, popovers, panelOpen, imported, reloaded, elementState };
  return { outputs, counts };
}

async function suite(csp) {
  const { page, problems, close } = await open(csp);
  const checker = await page.context().newPage();
  await checker.setContent('<!doctype html><meta charset="utf-8"><title>check</title>');
  try {
    // The control: markup that runs is seen (the canary without a CSP, a
    // violation report with it); then both are reset.
    const control = await page.evaluate(async () => {
      const div = document.createElement('div');
      const policy = window.trustedTypes?.createPolicy ? trustedTypes.createPolicy('xss-control', { createHTML: (s) => s }) : null;
      const markup = '<img src=x onerror="window.__pwned=1">';
      div.innerHTML = policy ? policy.createHTML(markup) : markup;
      document.body.append(div);
      await new Promise((r) => setTimeout(r, 300));
      div.remove();
      const seen = { pwned: window.__pwned, violations: window.__cspViolations?.length ?? 0 };
      delete window.__pwned;
      if (window.__cspViolations) window.__cspViolations.length = 0;
      return seen;
    });
    if (csp) assert.ok(control.violations > 0 && control.pwned === undefined, JSON.stringify(control));
    else assert.equal(control.pwned, 1, 'the canary works');
    problems.length = 0;
    const seen = { cards: 0, popovers: 0, panels: 0, placed: 0, reloaded: 0 };
    const all = batches(SIZE);
    const { renderToString, Catalog } = await import('../../www/node.js');
    for (const [turn, batch] of all.entries()) {
      const article = articleFor(batch, turn);
      const catalog = catalogFor(batch, turn);
      const notes = readerNotes(batch, turn);
      const { outputs, counts } = await page.evaluate(runBatch, { article, catalog, notes, batch, turn });
      assert.equal(counts.elementState, 'ready', `batch ${turn}`);
      seen.cards += counts.cards;
      seen.popovers += counts.popovers;
      seen.panels += counts.panelOpen ? 1 : 0;
      seen.placed += counts.imported.placed;
      seen.reloaded += counts.reloaded;
      // Node's renderToString on the same input: the same check.
      const compiled = new Catalog(catalog);
      outputs.push(renderToString(article, { catalog: compiled }));
      compiled.free();
      // The strings are parsed in a page of their own: under the CSP, a
      // DOMParser document inherits the policy and reports its <style>.
      const found = [
        ...(await page.evaluate(inspectInPage, { selector: '.xss-host' })),
        ...(await checker.evaluate(inspectInPage, { html: outputs })),
      ];
      assert.deepEqual(found, [], `batch ${turn}: ${JSON.stringify(batch)}`);
      assert.equal(await page.evaluate(() => window.__pwned), undefined, `the canary was set by batch ${turn}: ${JSON.stringify(batch)}`);
      await page.evaluate(() => {
        document.getElementById('stage').replaceChildren();
        localStorage.clear();
      });
    }
    // Everything was exercised: cards and popovers opened, notes placed
    // and read back, every batch's panel open.
    assert.ok(seen.cards >= all.length * 2, `cards opened: ${seen.cards}`);
    assert.ok(seen.popovers >= all.length, `note popovers opened: ${seen.popovers}`);
    assert.equal(seen.panels, all.length);
    assert.ok(seen.placed >= all.length, `reader notes placed: ${seen.placed}`);
    assert.ok(seen.reloaded >= all.length * 4, `notes read back from localStorage: ${seen.reloaded}`);
    console.log(`${csp ? 'strict CSP' : 'no CSP'}: ${JSON.stringify(seen)}`);
    await page.waitForTimeout(200);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    if (csp) {
      // Images at the vectors' https addresses are fine to render (the
      // allowlist keeps https) and blocked by default-src 'self': not a
      // script. Anything else is a violation.
      const violations = await page.evaluate(() => window.__cspViolations);
      assert.deepEqual(violations.filter((v) => !/^img-src blocked https:\/\/example\.com\//.test(v)), []);
    }
    // The vectors' relative and example.com URLs fail to load: expected.
    const loads = /^(HTTP 404|requestfailed)|Failed to load resource|^console: Loading the image 'https:\/\/example\.com\//;
    assert.deepEqual(problems.filter((p) => !loads.test(p)), []);
  } finally {
    await close();
  }
}

test(`${VECTORS.length} vectors through every browser door and Node, no CSP: the canary stays unset`, () => suite(false));

test(`${VECTORS.length} vectors under the strict CSP with Trusted Types: unset canary, 0 violations`, () => suite(true));

test(`${VECTORS.length} vectors as raw markup under enhance (strict CSP: the light DOM's own handlers are blocked), a clean shadow root`, async () => {
  // The publisher's markup here holds the vectors as markup, not text: under
  // the CSP the light DOM's own inline handlers and javascript: URLs cannot
  // run (its violations are the page's, not counted), so what is checked is
  // what enhance writes into the shadow root, and the canary.
  const { page, close } = await open(true);
  const checker = await page.context().newPage();
  try {
    let rendered = 0;
    for (const [turn, batch] of batches(SIZE).entries()) {
      const found = await page.evaluate(
        async ({ batch, turn }) => {
          const policy = (window.__xssPolicy ??= trustedTypes.createPolicy('xss-test', { createHTML: (s) => s, createScript: (s) => s }));
          const v = (i) => batch[(turn + i) % batch.length];
          const host = document.createElement('div');
          host.className = 'xss-host';
          host.innerHTML = policy.createHTML(
            `<article><h1>قمة عربية ${v(0)}</h1><p class="standfirst">${v(1)}</p>` +
              `<p>فقرة ${v(2)} أولى <a href="${v(3)}">${v(4)}</a> <a href='${v(5)}'>رابط</a></p>` +
              `<figure><img src="${v(6)}" alt="${v(7)}"><figcaption>${v(0)}</figcaption></figure>` +
              `<blockquote cite="${v(1)}"><p>${v(2)}</p><footer>${v(3)}</footer></blockquote>` +
              `<ul><li>${v(4)}</li><li><em>${v(5)}</em></li></ul><h2>${v(6)}</h2><p>${v(7)} نهاية</p></article>`,
          );
          document.getElementById('stage').append(host);
          let ok = 0;
          try {
            const handle = await window.rtl.enhance(host, { storage: 'none' });
            handle.openPanel();
            for (const marker of host.shadowRoot.querySelectorAll('.note-marker')) marker.click();
            ok = 1;
          } catch (err) {
            // Markup that leaves no article is refused: nothing rendered.
            ok = String(err?.message ?? err);
          }
          await new Promise((r) => setTimeout(r, 30));
          // The rendered article, without the live layer's own controls.
          const html = [...(host.shadowRoot?.querySelectorAll('article') ?? [])].map((a) => {
            const copy = a.cloneNode(true);
            for (const c of copy.querySelectorAll('[data-added][class^="rtl-"]')) c.remove();
            return copy.outerHTML;
          });
          host.remove();
          return { ok, html };
        },
        { batch, turn },
      );
      if (found.ok === 1) rendered += 1;
      else console.log(`batch ${turn} refused: ${found.ok}`);
      // The live shadow DOM is reparsed from its serialisation in a page
      // without the CSP (a DOMParser document would inherit it).
      assert.deepEqual(await checker.evaluate(inspectInPage, { html: found.html }), [], `batch ${turn}: ${JSON.stringify(batch)}`);
      assert.equal(await page.evaluate(() => window.__pwned), undefined, `batch ${turn}`);
    }
    assert.equal(rendered, batches(SIZE).length, `enhanced ${rendered}`);
    await page.waitForTimeout(200);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
  } finally {
    await close();
  }
});
