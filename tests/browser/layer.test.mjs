// The live layer on the seed (the demo's server-rendered view, with the
// demo catalog and editorial notes): highlights made with the mouse and
// with the keyboard survive a reload, highlighted Arabic letters stay
// joined, entity cards and note popovers work from the keyboard and pass
// axe, a failing store raises an error event and loses nothing, a custom
// store gets every change, highlights re-anchor after an edit and the ones
// whose words are gone are listed, and the <mark> fallback and the shadow
// root work too.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ROOT, artifact, openHarness, openPage, useBrowser } from './helpers.mjs';

const ctx = useBrowser();
const AXE = readFileSync(`${ROOT}node_modules/axe-core/axe.min.js`, 'utf8');
const HYDRATED = '/www/generated/hydrate.html';

/** Open the hydrated demo and wait for the live layer. */
async function openSeed(options) {
  const opened = await openPage(ctx.browser, options);
  await opened.page.goto(ctx.url(HYDRATED));
  await opened.page.waitForSelector('.rtl-panel-button', { state: 'attached' });
  return opened;
}

/** In the page: select characters `from..to` of the first text node longer than `min` in the body. */
function selectIn({ from, to, min = 80, nth = 0 }) {
  const walker = document.createTreeWalker(document.querySelector('.article-body'), NodeFilter.SHOW_TEXT);
  let node;
  let seen = 0;
  while ((node = walker.nextNode())) {
    if (node.length >= min && seen++ === nth) break;
  }
  const range = document.createRange();
  range.setStart(node, from);
  range.setEnd(node, to);
  const selection = getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  return range.toString();
}

/**
 * Arms a listener in the page for the next `type` event from the host and
 * resolves once it is installed; the returned function waits for the event's
 * detail (rejecting after 10 s). Arm before the action that fires the event:
 * key presses and evaluations travel different ways, so a listener installed
 * "at the same time" may arrive after the event.
 */
async function nextEvent(page, type) {
  const key = await page.evaluate((t) => {
    const waiting = (window.__rtlNextEvent ??= []);
    waiting.push(
      new Promise((resolve, reject) => {
        document.getElementById('host').addEventListener(t, (e) => resolve(e.detail ?? true), { once: true });
        setTimeout(() => reject(new Error(`no ${t} event within 10 s`)), 10_000);
      }),
    );
    return waiting.length - 1;
  }, type);
  return () => page.evaluate((k) => window.__rtlNextEvent[k], key);
}

const highlighted = (page) => page.evaluate(() => CSS.highlights.get('rtl-article-highlight')?.size ?? 0);
const noted = (page) => page.evaluate(() => CSS.highlights.get('rtl-article-note')?.size ?? 0);

async function axe(page, include) {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async (selector) => {
    const result = await window.axe.run(selector ? { include: [selector] } : document);
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  }, include);
}

test('a highlight made with the mouse is there again after a reload', async () => {
  const { page, problems, close } = await openSeed();
  try {
    // Drag across words of the first paragraph, right to left.
    const box = await page.evaluate(() => {
      const p = document.querySelector('.article-body p');
      const range = document.createRange();
      range.selectNodeContents(p);
      const r = range.getClientRects()[0];
      return { x: r.right - 4, y: r.top + r.height / 2, to: r.right - 220 };
    });
    await page.mouse.move(box.x, box.y);
    await page.mouse.down();
    await page.mouse.move(box.to, box.y, { steps: 8 });
    await page.mouse.up();
    await page.waitForSelector('.rtl-toolbar:popover-open');
    const created = await nextEvent(page, 'rtl-article:annotation-create');
    await page.click('.rtl-toolbar-highlight');
    const detail = await created();
    assert.equal(detail.annotation.type, 'Annotation');
    assert.equal(detail.annotation.motivation, 'highlighting');
    const quote = detail.annotation.target.selector.find((s) => s.type === 'TextQuoteSelector');
    assert.ok(quote.exact.length > 5, JSON.stringify(quote));
    assert.equal(await highlighted(page), 1);
    assert.equal(await page.isVisible('.rtl-toolbar'), false);
    await page.reload();
    await page.waitForFunction(() => CSS.highlights.get('rtl-article-highlight')?.size === 1);
    assert.match(await page.textContent('.rtl-panel-button'), /\(1\)/);
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

test('a highlight with a note, made with the keyboard only, is there again after a reload', async () => {
  const { page, problems, close } = await openSeed();
  try {
    // A selection made with the keyboard or a screen reader: the layer
    // follows selectionchange, whatever made it.
    const words = await page.evaluate(selectIn, { from: 0, to: 24 });
    await page.waitForSelector('.rtl-toolbar:popover-open');
    await page.keyboard.press('Alt+Shift+N');
    // The panel opens with the note's field focused.
    await page.waitForSelector('.rtl-panel:popover-open');
    assert.equal(await page.evaluate(() => document.activeElement.tagName), 'TEXTAREA');
    await page.keyboard.type('مصدر البيان روسي');
    await page.keyboard.press('Control+Enter');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.action), 'edit');
    assert.equal(await noted(page), 1);
    await page.keyboard.press('Escape');
    await page.waitForSelector('.rtl-panel', { state: 'hidden' });
    await page.reload();
    await page.waitForFunction(() => CSS.highlights.get('rtl-article-note')?.size === 1);
    // The panel, opened from the keyboard: its title takes focus, the
    // entry lists the words and the note.
    await page.focus('.rtl-panel-button');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.rtl-panel:popover-open');
    // Focus moves in when the popover's toggle event runs (a task later).
    await page.waitForFunction(() => document.activeElement.className === 'rtl-panel-title', null, { timeout: 5_000 });
    const entry = await page.textContent('.rtl-panel-entry');
    assert.ok(entry.includes('مصدر البيان روسي'), entry);
    assert.ok(entry.includes(words.trim().split(' ')[1]), `${entry} / ${words}`);
    assert.deepEqual(await axe(page, '.rtl-panel'), []);
    // Edit and delete from the keyboard.
    await page.keyboard.press('Tab'); // go to
    await page.keyboard.press('Tab'); // edit
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.tagName), 'TEXTAREA');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab'); // delete
    assert.equal(await page.evaluate(() => document.activeElement.dataset.action), 'delete');
    const deleted = await nextEvent(page, 'rtl-article:annotation-delete');
    await page.keyboard.press('Enter');
    assert.ok(await deleted());
    assert.equal(await noted(page), 0);
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

test('the letters of a highlighted Arabic word stay joined', async () => {
  const { page, close } = await openSeed();
  try {
    const measure = () =>
      page.evaluate(() => {
        // "المعلومات" in the second paragraph: its glyphs' boxes.
        const p = document.querySelectorAll('.article-body p')[1];
        const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
        let node;
        while ((node = walker.nextNode()) && !node.data.includes('المعلومات'));
        const at = node.data.indexOf('المعلومات');
        const boxes = [];
        for (let i = at; i < at + 'المعلومات'.length; i++) {
          const r = document.createRange();
          r.setStart(node, i);
          r.setEnd(node, i + 1);
          const b = r.getBoundingClientRect();
          boxes.push([Math.round(b.left * 100) / 100, Math.round(b.width * 100) / 100]);
        }
        const word = document.createRange();
        word.setStart(node, at);
        word.setEnd(node, at + 'المعلومات'.length);
        return { width: word.getBoundingClientRect().width, boxes };
      });
    const before = await measure();
    // Highlight half the word (the edge falls between two joined letters)
    // and the whole word after it.
    await page.evaluate(() => {
      const p = document.querySelectorAll('.article-body p')[1];
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      let node;
      while ((node = walker.nextNode()) && !node.data.includes('المعلومات'));
      const at = node.data.indexOf('المعلومات');
      const r = document.createRange();
      r.setStart(node, at + 4);
      r.setEnd(node, at + 'المعلومات'.length + 6);
      const h = new Highlight(r);
      CSS.highlights.set('rtl-article-highlight', h);
    });
    const after = await measure();
    assert.deepEqual(after, before, 'a highlight changes no glyph');
    await page.screenshot({ path: artifact('highlight-joined.png'), clip: { x: 0, y: 0, width: 1200, height: 900 } });
  } finally {
    await close();
  }
});

test('entity cards open with Enter, are announced, close with Escape and give focus back', async () => {
  const { page, problems, close } = await openSeed();
  try {
    await page.focus('a.mention[data-entity-id="raqqa"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.rtl-card:popover-open');
    const card = await page.evaluate(() => {
      const c = document.activeElement;
      const title = document.getElementById(c.getAttribute('aria-labelledby'));
      return { role: c.getAttribute('role'), title: title.textContent, text: c.textContent, href: c.querySelector('a').href };
    });
    assert.equal(card.role, 'dialog');
    assert.equal(card.title, 'الرقة');
    assert.ok(card.text.includes('مدينة في شمال سوريا'), card.text);
    assert.ok(card.text.includes('مكان'), card.text);
    assert.equal(decodeURI(card.href), 'https://ar.wikipedia.org/wiki/الرقة');
    assert.deepEqual(await axe(page, '.rtl-card'), []);
    await page.keyboard.press('Escape');
    await page.waitForSelector('.rtl-card', { state: 'hidden' });
    assert.equal(await page.evaluate(() => document.activeElement.dataset.entityId), 'raqqa');
    // A publisher with cards of its own cancels the event: no card.
    await page.evaluate(() => document.getElementById('host').addEventListener('rtl-article:mention', (e) => e.preventDefault()));
    await page.click('a.mention[data-entity-id="raqqa"]');
    await page.waitForTimeout(100);
    assert.equal(await page.isVisible('.rtl-card'), false);
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

test('note markers open their notes from the keyboard, described and accessible', async () => {
  const { page, problems, close } = await openSeed();
  try {
    const marker = '.note-marker.fact-check';
    const description = await page.evaluate((m) => {
      const b = document.querySelector(m);
      return document.getElementById(b.getAttribute('aria-describedby')).textContent;
    }, marker);
    assert.ok(description.includes('البيان الروسي'), description);
    await page.focus(marker);
    await page.keyboard.press('Enter');
    const open = await page.evaluate((m) => document.getElementById(document.querySelector(m).dataset.note).matches(':popover-open'), marker);
    assert.ok(open);
    await page.screenshot({ path: artifact('note-popover.png') });
    assert.deepEqual(await axe(page), []);
    await page.keyboard.press('Escape');
    const closed = await page.evaluate((m) => !document.getElementById(document.querySelector(m).dataset.note).matches(':popover-open'), marker);
    assert.ok(closed);
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

test('a full store raises an error event with what was not saved, and the highlight stays', async () => {
  const { page, context, close } = await openPage(ctx.browser);
  try {
    await context.addInitScript(() => {
      Storage.prototype.setItem = () => {
        throw new DOMException('the quota has been exceeded', 'QuotaExceededError');
      };
    });
    await page.goto(ctx.url(HYDRATED));
    await page.waitForSelector('.rtl-panel-button', { state: 'attached' });
    const failed = await nextEvent(page, 'rtl-article:error');
    await page.evaluate(selectIn, { from: 0, to: 24 });
    await page.waitForSelector('.rtl-toolbar:popover-open');
    await page.keyboard.press('Alt+Shift+H');
    const detail = await failed();
    assert.equal(detail.kind, 'storage');
    assert.match(detail.message, /full or blocked/);
    assert.equal(detail.annotations.first.items.length, 1);
    assert.equal(await highlighted(page), 1, 'the highlight stays on the page');
    const alert = await page.textContent('.rtl-panel-problem');
    assert.ok(alert.includes('تعذّر حفظ التظليلات'), alert);
  } finally {
    await close();
  }
});

test('two tabs on one article: each sees the other’s highlights and deletions, neither overwrites the other', async () => {
  const a = await openSeed();
  const b = await a.context.newPage();
  try {
    await b.goto(ctx.url(HYDRATED));
    await b.waitForSelector('.rtl-panel-button', { state: 'attached' });
    const stored = () => a.page.evaluate(() => {
      const key = Object.keys(localStorage).find((k) => k.startsWith('rtl-article:'));
      return key ? JSON.parse(localStorage.getItem(key)).first.items.map((i) => i.target.selector.find((s) => s.type === 'TextQuoteSelector')?.exact ?? '') : [];
    });
    // One highlight in each tab, made before either saw the other's.
    for (const [page, from] of [[a.page, 0], [b, 30]]) {
      const created = await nextEvent(page, 'rtl-article:annotation-create');
      await page.evaluate(selectIn, { from, to: from + 20 });
      await page.waitForSelector('.rtl-toolbar:popover-open');
      await page.keyboard.press('Alt+Shift+H');
      await created();
    }
    assert.equal((await stored()).length, 2, 'the second save kept the first tab’s highlight');
    // The first tab shows the second's without a reload.
    await a.page.waitForFunction(() => CSS.highlights.get('rtl-article-highlight')?.size === 2);
    assert.equal(await highlighted(b), 2);
    // A deletion in one tab reaches the other, and is not brought back by its next save.
    const deleted = await nextEvent(a.page, 'rtl-article:annotation-delete');
    await a.page.click('.rtl-panel-button');
    await a.page.click('.rtl-panel-entry [data-action="delete"]');
    await deleted();
    await b.waitForFunction(() => CSS.highlights.get('rtl-article-highlight')?.size === 1);
    const created = await nextEvent(b, 'rtl-article:annotation-create');
    await b.evaluate(selectIn, { from: 60, to: 80 });
    await b.waitForSelector('.rtl-toolbar:popover-open');
    await b.keyboard.press('Alt+Shift+H');
    await created();
    assert.equal((await stored()).length, 2, 'one deleted, one added');
    await a.page.waitForFunction(() => CSS.highlights.get('rtl-article-highlight')?.size === 2);
  } finally {
    await a.close();
  }
});

test('a new article id takes the highlights of its previous ids; a corrupt entry beside them is reported and left', async () => {
  const { page, problems, close } = await openHarness(ctx);
  try {
    const seed = JSON.parse(readFileSync(`${ROOT}www/generated/seed.json`, 'utf8'));
    const result = await page.evaluate(async (article) => {
      localStorage.clear();
      const errors = [];
      const mountAs = async (id, options) => {
        const host = document.createElement('div');
        document.body.append(host);
        host.addEventListener('rtl-article:error', (e) => errors.push(e.detail.message));
        return { host, handle: await window.rtl.mount(host, { ...article, id }, options) };
      };
      // A highlight made when the article was "old-id".
      const before = await mountAs('old-id', {});
      const root = before.host.shadowRoot;
      const node = root.querySelectorAll('.article-body p')[2].firstChild;
      const range = document.createRange();
      range.setStart(node, 11);
      range.setEnd(node, 40);
      const s = root.getSelection ? root.getSelection() : getSelection();
      s.removeAllRanges();
      s.addRange(range);
      await new Promise((r) => setTimeout(r, 30));
      document.dispatchEvent(new KeyboardEvent('keydown', { key: 'H', code: 'KeyH', altKey: true, shiftKey: true }));
      const exact = before.handle.exportAnnotations().first.items[0]?.target.selector[0].exact;
      const keysBefore = Object.keys(localStorage);
      before.handle.unmount();
      before.host.remove();
      // A corrupt entry of the new id, beside it.
      localStorage.setItem('rtl-article:new-id:broken', '{"not json');
      const after = await mountAs('new-id', { previousIds: ['old-id'] });
      await new Promise((r) => setTimeout(r, 50));
      const items = after.handle.exportAnnotations().first.items;
      const keys = Object.keys(localStorage).sort();
      after.handle.unmount();
      return { exact, keysBefore, placed: items.filter((a) => !a.orphan).map((a) => a.target.selector[0].exact), keys, errors };
    }, seed);
    assert.equal(result.keysBefore.length, 1);
    assert.match(result.keysBefore[0], /^rtl-article:old-id:/);
    assert.deepEqual(result.placed, [result.exact], `the old id’s highlight is placed: ${JSON.stringify(result)}`);
    assert.equal(result.keys.length, 2, result.keys.join(', '));
    assert.ok(!result.keys.some((k) => k.startsWith('rtl-article:old-id:')), 'moved, not copied');
    assert.ok(result.keys.includes('rtl-article:new-id:broken'), 'the corrupt entry is left as it is');
    assert.equal(result.errors.length, 1);
    assert.match(result.errors[0], /rtl-article:new-id:broken: not JSON/);
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

test('a custom store receives every change; events name the annotation and the article', async () => {
  const { page, problems, close } = await openHarness(ctx);
  try {
    const markup = await (await import('../../www/node.js')).renderToString(
      JSON.parse(readFileSync(`${ROOT}www/generated/seed.json`, 'utf8')),
    );
    const log = await page.evaluate(async (html) => {
      const host = document.createElement('div');
      host.innerHTML = html;
      document.body.append(host);
      const saved = [];
      const events = [];
      for (const t of ['create', 'update', 'delete']) {
        host.addEventListener(`rtl-article:annotation-${t}`, (e) => events.push([t, e.detail.article.version.length, e.detail.annotation.id.slice(0, 9)]));
      }
      const storage = {
        load: async () => ({ type: 'AnnotationCollection', first: { items: [] } }),
        save: async (key, collection, article) => saved.push([key.startsWith('rtl-article:'), collection.total, article.version]),
      };
      const handle = await window.rtl.hydrate(host, { storage, user: 'قارئ' });
      const p = host.querySelector('.article-body p');
      const range = document.createRange();
      range.setStart(p.firstChild, 0);
      range.setEnd(p.firstChild, 10);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      await new Promise((r) => setTimeout(r, 50));
      document.dispatchEvent(new KeyboardEvent('keydown', { key: 'H', code: 'KeyH', altKey: true, shiftKey: true }));
      const exported = handle.exportAnnotations();
      const id = exported.first.items[0].id;
      const creator = exported.first.items[0].creator;
      handle.removeAnnotation(id);
      const counts = handle.importAnnotations(exported);
      await new Promise((r) => setTimeout(r, 50));
      handle.unmount();
      return { saved, events, creator, counts, version: saved[0]?.[2] };
    }, markup);
    assert.equal(log.creator, 'قارئ');
    assert.deepEqual(log.events.map((e) => e[0]), ['create', 'delete']);
    assert.ok(log.events.every((e) => e[1] === 8 && e[2] === 'urn:uuid:'), JSON.stringify(log.events));
    assert.deepEqual(log.saved.map((s) => s.slice(0, 2)), [[true, 1], [true, 0], [true, 1]]);
    assert.deepEqual(log.counts, { placed: 1, orphans: 0 });
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

test('after an edit highlights re-anchor, and those whose words are gone are listed, never dropped', async () => {
  const { page, problems, close } = await openHarness(ctx);
  try {
    const seed = JSON.parse(readFileSync(`${ROOT}www/generated/seed.json`, 'utf8'));
    const result = await page.evaluate(async (article) => {
      const host = document.createElement('div');
      document.body.append(host);
      const handle = await window.rtl.mount(host, article, { storage: 'none' });
      const root = host.shadowRoot;
      const paragraphs = () => [...root.querySelectorAll('.article-body p')];
      // Two highlights: words in the third paragraph, and the whole fifth.
      const make = (p, from, to) => {
        const node = p.firstChild;
        const range = document.createRange();
        range.setStart(node, from);
        range.setEnd(node, to);
        return range;
      };
      const first = make(paragraphs()[2], 11, 40);
      const second = make(paragraphs()[4], 0, 60);
      const select = async (range) => {
        const s = root.getSelection ? root.getSelection() : getSelection();
        s.removeAllRanges();
        s.addRange(range);
        await new Promise((r) => setTimeout(r, 30));
        document.dispatchEvent(new KeyboardEvent('keydown', { key: 'H', code: 'KeyH', altKey: true, shiftKey: true }));
      };
      await select(first);
      await select(second);
      const made = handle.exportAnnotations().first.items.map((a) => a.target.selector[0].exact);
      // The edit: a sentence before the first words, the fifth paragraph gone.
      const edited = structuredClone(article);
      edited.body[2].text = `في تطور جديد، ${edited.body[2].text}`;
      edited.body.splice(4, 1);
      await handle.update(edited);
      const after = handle.exportAnnotations().first.items;
      return {
        made,
        placed: after.filter((a) => !a.orphan).map((a) => a.target.selector[0].exact),
        orphans: after.filter((a) => a.orphan).map((a) => a.target.selector[0].exact),
        listed: root.querySelector('.rtl-panel-orphans').textContent,
        orphanTitle: !root.querySelector('.rtl-panel-orphans-title').hidden,
        painted: CSS.highlights.get('rtl-article-highlight').size,
      };
    }, seed);
    assert.equal(result.made.length, 2);
    assert.deepEqual(result.placed, [result.made[0]]);
    assert.deepEqual(result.orphans, [result.made[1]]);
    assert.ok(result.listed.includes(result.made[1]), result.listed);
    assert.ok(result.orphanTitle);
    assert.equal(result.painted, 1);
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

test('without the Highlight API the words are wrapped in <mark> and the text is unchanged', async () => {
  const { page, context, problems, close } = await openPage(ctx.browser);
  try {
    await context.addInitScript(() => {
      delete window.Highlight;
    });
    await page.goto(ctx.url(HYDRATED));
    await page.waitForSelector('.rtl-panel-button', { state: 'attached' });
    const before = await page.evaluate(() => document.querySelector('.article-body').textContent);
    await page.evaluate(selectIn, { from: 0, to: 24 });
    await page.waitForSelector('.rtl-toolbar:popover-open');
    await page.keyboard.press('Alt+Shift+H');
    const marks = await page.evaluate(() => [...document.querySelectorAll('mark.rtl-mark')].map((m) => m.textContent).join(''));
    assert.ok(marks.length >= 20, marks);
    assert.equal(await page.evaluate(() => document.querySelector('.article-body').textContent), before);
    // The editorial notes' words are marked too.
    assert.ok(await page.evaluate(() => document.querySelectorAll('mark.rtl-article-editorial').length >= 2));
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

test('in the element’s shadow root, selections highlight too, and the highlight shows where the selection was', async () => {
  const { page, problems, close } = await openPage(ctx.browser);
  try {
    await page.goto(ctx.url('/www/index.html'));
    await page.waitForFunction(() => document.getElementById('seed').shadowRoot?.querySelector('.rtl-panel-button'));
    await page.evaluate(() => {
      const root = document.getElementById('seed').shadowRoot;
      const walker = document.createTreeWalker(root.querySelector('.article-body'), NodeFilter.SHOW_TEXT);
      let node;
      while ((node = walker.nextNode()) && node.length < 60);
      const range = document.createRange();
      range.setStart(node, 10);
      range.setEnd(node, 40);
      const selection = root.getSelection ? root.getSelection() : getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    });
    await page.waitForFunction(() => document.getElementById('seed').shadowRoot.querySelector('.rtl-toolbar').matches(':popover-open'));
    await page.keyboard.press('Alt+Shift+H');
    await page.waitForFunction(() => CSS.highlights.get('rtl-article-highlight')?.size === 1);
    const state = await page.evaluate(() => {
      const root = document.getElementById('seed').shadowRoot;
      return { collapsed: (root.getSelection ? root.getSelection() : getSelection()).isCollapsed, status: document.getElementById('status').textContent };
    });
    assert.ok(state.collapsed, 'the selection is let go');
    assert.match(state.status, /^Highlighted “/);
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

test('overlapping highlights are both kept, listed in reading order and deleted one at a time', async () => {
  const { page, problems, close } = await openSeed();
  try {
    for (const [from, to] of [[30, 70], [0, 40]]) {
      await page.evaluate(selectIn, { from, to });
      await page.waitForSelector('.rtl-toolbar:popover-open');
      await page.keyboard.press('Alt+Shift+H');
      await page.waitForSelector('.rtl-toolbar', { state: 'hidden' });
    }
    assert.equal(await highlighted(page), 2);
    const quotes = await page.$$eval('.rtl-panel-list:not(.rtl-panel-orphans) .rtl-panel-quote', (q) => q.map((e) => e.textContent));
    assert.equal(quotes.length, 2);
    // Reading order: the one that starts first in the text comes first.
    const body = await page.textContent('.article-body');
    assert.ok(body.indexOf(quotes[0]) <= body.indexOf(quotes[1]), quotes.join(' | '));
    const first = await page.$eval('.rtl-panel-entry', (e) => e.dataset.id);
    await page.evaluate((id) => {
      // The handle is the page's; the panel's delete button does the same.
      document.querySelector(`.rtl-panel-entry[data-id="${id}"] [data-action="delete"]`).click();
    }, first);
    assert.equal(await highlighted(page), 1);
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

test('importing bad annotations names the one at fault and adds none', async () => {
  const { page, problems, close } = await openSeed();
  try {
    const result = await page.evaluate(async () => {
      const { hydrate } = await import('/www/dist/rtl-article.js');
      const host = document.getElementById('host');
      // A second layer on the same article is not the point: use the page's own
      // through the module's handle.
      const handle = await hydrate(host, { storage: 'none' });
      const good = { type: 'Annotation', target: { selector: { type: 'TextQuoteSelector', exact: 'قوات سوريا الديمقراطية' } } };
      const bad = { type: 'Annotation', target: { selector: { type: 'TextQuoteSelector', exact: 3 } } };
      const outcomes = [];
      for (const value of [[good, bad], [good, 'x'], { nothing: true }, [{ target: { selector: { type: 'TextQuoteSelector', exact: 'x' } }, loop: null }]]) {
        try {
          outcomes.push(handle.importAnnotations(value));
        } catch (err) {
          outcomes.push(err.message);
        }
      }
      const cyclic = { target: 'https://example.com/a' };
      cyclic.self = cyclic;
      try {
        handle.importAnnotations([cyclic]);
      } catch (err) {
        outcomes.push(err.message);
      }
      const total = handle.exportAnnotations().total;
      handle.unmount();
      return { outcomes, total };
    });
    assert.match(result.outcomes[0], /^annotations\[1\]: annotation\.target\.selector\.exact: expected a string, found a number/);
    assert.match(result.outcomes[1], /^annotations\[1\]: expected an annotation object/);
    assert.match(result.outcomes[2], /expected an AnnotationCollection/);
    assert.deepEqual(result.outcomes[3], { placed: 0, orphans: 1 });
    assert.match(result.outcomes[4], /cannot be read as JSON/);
    assert.equal(result.total, 1, 'only the orphan of the one good import');
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

test('on a touch screen a tap opens the card', async () => {
  const context = await ctx.browser.newContext({ viewport: { width: 420, height: 800 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  try {
    await page.goto(ctx.url(HYDRATED));
    await page.waitForSelector('.rtl-panel-button', { state: 'attached' });
    const mention = await page.$('a.mention[data-entity-id="sdf"]');
    await mention.scrollIntoViewIfNeeded();
    await mention.tap();
    await page.waitForSelector('.rtl-card:popover-open');
    const box = await page.$eval('.rtl-card', (c) => {
      const r = c.getBoundingClientRect();
      return { left: r.left, right: r.right, width: innerWidth };
    });
    // The card fits the narrow screen.
    assert.ok(box.left >= 0 && box.right <= box.width, JSON.stringify(box));
    await page.screenshot({ path: artifact('card-touch.png') });
  } finally {
    await context.close();
  }
});
