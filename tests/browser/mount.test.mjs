// What mount() leaves for later must behave as if it were made at once:
// the live layer reads the article's texts only when something needs them
// and makes the card and the panel's contents on first use. Highlights are
// painted exactly where position() puts their ends (across note markers,
// mentions and characters outside the BMP); a fresh mount's panel opens
// from its button with its contents and the controls keep their DOM order;
// highlights stored under an older version of the text come back after a
// reload and move to the current key.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ROOT, openHarness, useBrowser } from './helpers.mjs';

const ctx = useBrowser();
const SEED = JSON.parse(readFileSync(`${ROOT}www/generated/seed.json`, 'utf8'));
const CATALOG = JSON.parse(readFileSync(`${ROOT}www/demo/catalog.json`, 'utf8'));
const NOTES = JSON.parse(readFileSync(`${ROOT}www/demo/notes.json`, 'utf8'));

test('highlights are painted where position() puts their ends, across markers, mentions and astral characters', async () => {
  const { page, problems, close } = await openHarness(ctx);
  try {
    const article = {
      lang: 'ar',
      headline: 'اختبار 𝒜 المواضع',
      body: [
        { type: 'paragraph', text: 'قال المتحدث 😀 إن الرقة 𝒜 مدينة في سوريا، وإن الوضع في الرقة هادئ 👍🏽 اليوم.' },
        { type: 'paragraph', text: 'وأضاف أن تدمر بعيدة عن الرقة.' },
      ],
    };
    const notes = {
      type: 'AnnotationCollection',
      first: {
        type: 'AnnotationPage',
        items: [
          {
            id: 'https://example.com/notes/1',
            type: 'Annotation',
            motivation: 'describing',
            body: { type: 'TextualBody', value: 'مدينة على الفرات.' },
            target: { selector: [{ type: 'TextQuoteSelector', exact: 'الرقة 𝒜 مدينة', prefix: 'إن ', suffix: ' في' }] },
          },
        ],
      },
    };
    const result = await page.evaluate(
      async ({ article, notes, catalog }) => {
        const { rtl } = window;
        await rtl.initReader();
        const host = document.createElement('div');
        document.body.append(host);
        const handle = await rtl.mount(host, article, { annotate: true, catalog, notes, storage: 'none' });
        const root = host.shadowRoot;
        const body = root.querySelector('article.rtl-article');
        const first = root.querySelector('.article-body [data-text]');
        const id = first.dataset.text;
        const text = [...first.textContent];
        const marker = first.querySelector('[data-added]');
        // Highlights whose ends fall around the marker, the mentions and the
        // astral characters (code points, as W3C selectors count).
        const spans = [[4, 30], [12, 14], [18, 28], [0, text.length], [40, text.length]];
        const items = spans.map(([start, end], i) => ({
          id: `urn:x-test:${i}`,
          type: 'Annotation',
          target: {
            selector: [
              { type: 'TextQuoteSelector', exact: text.slice(start, end).join('') },
              { type: 'TextPositionSelector', start, end },
            ],
            source: { id: `urn:x-test#${id}` },
          },
        }));
        const counts = handle.importAnnotations(items);
        const exported = handle.exportAnnotations().first.items;
        const ranges = [...CSS.highlights.get('rtl-article-highlight')];
        const editorial = [...CSS.highlights.get('rtl-article-editorial')];
        const same = (range, place) => {
          const start = rtl.position(body, place.text, place.start);
          const end = rtl.position(body, place.text, place.end);
          return (
            start && end &&
            range.startContainer === start.node && range.startOffset === start.offset &&
            range.endContainer === end.node && range.endOffset === end.offset
          );
        };
        const placeOf = (a) => {
          const position = a.target.selector.find((s) => s.type === 'TextPositionSelector');
          return { text: id, start: position.start, end: position.end };
        };
        const out = {
          counts,
          marker: Boolean(marker),
          highlights: ranges.length,
          matches: exported.map((a) => ranges.some((r) => same(r, placeOf(a)))),
          located: ranges.map((r) => [rtl.locate(r.startContainer, r.startOffset), rtl.locate(r.endContainer, r.endOffset)]),
          places: exported.map(placeOf),
          // The note's words (and the marker after them: the end is the
          // start of the text that follows, as position() puts it).
          editorial: editorial.map((r) => {
            const [start, end] = [rtl.locate(r.startContainer, r.startOffset), rtl.locate(r.endContainer, r.endOffset)];
            return {
              words: [...first.textContent].slice(start.offset, end.offset).join(''),
              same: start.text === id && end.text === id && same(r, { text: id, start: start.offset, end: end.offset }),
            };
          }),
        };
        handle.unmount();
        host.remove();
        return out;
      },
      { article, notes, catalog: CATALOG },
    );
    assert.deepEqual(result.counts, { placed: 5, orphans: 0 });
    assert.ok(result.marker, 'the note marker is inside the paragraph');
    assert.equal(result.highlights, 5);
    assert.deepEqual(result.matches, [true, true, true, true, true], JSON.stringify(result.places));
    // And back: each painted range's ends locate to a highlight's ends.
    for (const [start, end] of result.located) {
      assert.ok(
        result.places.some((p) => p.text === start.text && p.start === start.offset && p.text === end.text && p.end === end.offset),
        JSON.stringify({ start, end, places: result.places }),
      );
    }
    assert.deepEqual(result.editorial, [{ words: 'الرقة 𝒜 مدينة', same: true }]);
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

test('a fresh mount’s panel opens from its button with its contents, and the controls keep their order', async () => {
  const { page, problems, close } = await openHarness(ctx);
  try {
    const result = await page.evaluate(
      async ({ seed, catalog, notes }) => {
        const host = document.createElement('div');
        host.id = 'host';
        document.body.append(host);
        window.handle = await window.rtl.mount(host, seed, { annotate: true, catalog, notes, storage: 'none' });
        const root = host.shadowRoot;
        const button = root.querySelector('.rtl-panel-button');
        const panel = root.getElementById(button.getAttribute('aria-controls'));
        return { panel: Boolean(panel), target: button.getAttribute('popovertarget') === panel?.id };
      },
      { seed: SEED, catalog: CATALOG, notes: NOTES },
    );
    assert.ok(result.panel, 'the panel the button controls is there');
    assert.ok(result.target, 'the button opens it');
    const root = page.locator('#host');
    await root.locator('.rtl-panel-button').click();
    await page.waitForFunction(() => document.getElementById('host').shadowRoot.querySelector('.rtl-panel').matches(':popover-open'));
    await page.waitForFunction(() => document.getElementById('host').shadowRoot.activeElement?.className === 'rtl-panel-title', null, { timeout: 5_000 });
    const panel = await page.evaluate(() => {
      const p = document.getElementById('host').shadowRoot.querySelector('.rtl-panel');
      const empty = p.querySelector('.rtl-panel-empty');
      return { empty: empty && !empty.hidden ? empty.textContent : null, close: Boolean(p.querySelector('.rtl-close')), list: Boolean(p.querySelector('.rtl-panel-list')) };
    });
    assert.match(panel.empty ?? '', /لا توجد تظليلات/);
    assert.ok(panel.close && panel.list, JSON.stringify(panel));
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.getElementById('host').shadowRoot.querySelector('.rtl-panel').matches(':popover-open'));
    // A mention's card, made on first use, comes before the panel.
    await root.locator('.mention[data-entity-id]').first().click();
    await page.waitForFunction(() => document.getElementById('host').shadowRoot.querySelector('.rtl-card')?.matches(':popover-open'));
    const order = await page.evaluate(() =>
      [...document.getElementById('host').shadowRoot.querySelectorAll('article.rtl-article > [data-added][class^="rtl-"]')].map((e) => e.className),
    );
    assert.deepEqual(order, ['rtl-reader-bar', 'rtl-toolbar', 'rtl-card', 'rtl-panel']);
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

test('highlights stored under an older version of the text come back after a reload, under the current key', async () => {
  const { page, problems, close } = await openHarness(ctx);
  try {
    const mountSeed = (seed) =>
      page.evaluate(async (s) => {
        const host = document.createElement('div');
        document.body.append(host);
        window.handle = await window.rtl.mount(host, s);
        const container = host.shadowRoot.querySelector('.article-body [data-text]');
        return { text: container.dataset.text, words: [...container.textContent].slice(5, 20).join('') };
      }, seed);
    const { text, words } = await mountSeed(SEED);
    const key = await page.evaluate(({ id, exact }) => {
      window.handle.importAnnotations([
        {
          type: 'Annotation',
          target: {
            selector: [{ type: 'TextQuoteSelector', exact }, { type: 'TextPositionSelector', start: 5, end: 20 }],
            source: { id: `urn:x-test#${id}` },
          },
        },
      ]);
      const keys = Object.keys(localStorage).filter((k) => k.startsWith('rtl-article:'));
      if (keys.length !== 1) throw new Error(`stored under ${JSON.stringify(keys)}`);
      // The same highlights, as an older version of the text left them.
      const older = `${keys[0].slice(0, keys[0].lastIndexOf(':') + 1)}zzzzzzzz`;
      localStorage.setItem(older, localStorage.getItem(keys[0]));
      localStorage.removeItem(keys[0]);
      return keys[0];
    }, { id: text, exact: words });
    await page.reload();
    await page.waitForFunction(() => window.rtlReady === true);
    await mountSeed(SEED);
    await page.waitForFunction(() => CSS.highlights.get('rtl-article-highlight')?.size === 1);
    const after = await page.evaluate(() => ({
      keys: Object.keys(localStorage).filter((k) => k.startsWith('rtl-article:')),
      count: document.querySelector('div').shadowRoot.querySelector('.rtl-panel-button').textContent,
    }));
    assert.deepEqual(after.keys, [key]);
    assert.match(after.count, /\(1\)/);
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});
