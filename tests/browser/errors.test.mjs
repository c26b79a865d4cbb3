// Bad input from JavaScript becomes a JS Error naming what is wrong — never
// a panic that kills the module: a valid render afterwards still works.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openHarness, useBrowser } from './helpers.mjs';

const ctx = useBrowser();

const VALID = { headline: 'روسيا ترفض أي اتفاق', body: [{ type: 'paragraph', text: 'نقلت وكالة Interfax عن المصدر' }] };

/**
 * In the page: call `render` with the case's input (built in the page, so
 * `undefined`, huge numbers and lone surrogates survive), then a valid render.
 */
function tryCase({ name, valid }) {
  const nested = (depth) => {
    let node = 'نص';
    for (let i = 0; i < depth; i++) node = { strong: [node] };
    return node;
  };
  const inputs = {
    null: [null],
    undefined: [undefined],
    numberHeadline: [{ headline: 3, body: [] }],
    hugeNumber: [1e308],
    hugeWidth: [{ headline: 'عنوان', body: [{ type: 'figure', src: '/a.jpg', width: 1e308, height: 2 ** 64 }] }],
    loneSurrogate: [{ headline: 'عنوان \uD800 الخبر', body: [] }],
    deepNesting: [{ headline: 'عنوان', body: [{ type: 'paragraph', text: [nested(5000)] }] }],
    badOption: [{ headline: 'عنوان', body: [] }, { quotes: 'fancy' }],
    unknownOption: [{ headline: 'عنوان', body: [] }, { colour: 'red' }],
    notJson: ['{"headline": '],
    // 50 MB: refused by its length, before it is copied into wasm memory.
    hugeString: [`{"headline": "${'ع'.repeat(25 * 1024 * 1024)}"}`],
    hugeObject: [{ headline: 'عنوان', body: [{ type: 'paragraph', text: 'ن'.repeat(5 * 1024 * 1024) }] }],
  };
  const describe = (value) => {
    if (value instanceof Error) return { kind: 'error', message: value.message };
    // Lone surrogates cannot cross to Node intact (CDP speaks UTF-8), so
    // judge well-formedness here, in the page.
    if (typeof value === 'string') {
      return { kind: 'string', value, wellFormed: value.isWellFormed(), replacement: value.includes('\uFFFD') };
    }
    return { kind: typeof value, value: String(value) };
  };
  return (async () => {
    let outcome;
    try {
      outcome = describe(await window.rtl.render(...inputs[name]));
    } catch (err) {
      outcome = describe(err);
      if (!(err instanceof Error)) outcome = { kind: 'thrown non-Error', value: String(err) };
    }
    let after;
    try {
      after = describe(await window.rtl.render(valid));
    } catch (err) {
      after = describe(err);
    }
    return { outcome, after };
  })();
}

async function run(page, name) {
  const result = await page.evaluate(tryCase, { name, valid: VALID });
  assert.equal(result.after.kind, 'string', `${name}: module unusable afterwards: ${JSON.stringify(result.after)}`);
  assert.match(result.after.value, /<h1 data-text="headline">روسيا ترفض أي اتفاق<\/h1>/);
  return result.outcome;
}

test('wrong input is a JS Error with a message naming the field, and the module lives on', async () => {
  const { page, problems, close } = await openHarness(ctx);
  try {
    for (const name of ['null', 'undefined', 'hugeNumber', 'notJson']) {
      const outcome = await run(page, name);
      assert.equal(outcome.kind, 'error', `${name}: ${JSON.stringify(outcome)}`);
      assert.ok(outcome.message.length > 0, `${name}: empty message`);
    }
    // Oversize input, as a string or an object, names the limit.
    for (const name of ['hugeString', 'hugeObject']) {
      const outcome = await run(page, name);
      assert.equal(outcome.kind, 'error', `${name}: ${JSON.stringify(outcome).slice(0, 200)}`);
      assert.match(outcome.message, /the limit is 4194304 bytes \(Limits::max_input_bytes\)/, name);
    }

    const headline = await run(page, 'numberHeadline');
    assert.equal(headline.kind, 'error');
    assert.match(headline.message, /^headline: /);

    const width = await run(page, 'hugeWidth');
    assert.equal(width.kind, 'error');
    assert.match(width.message, /^body\[0\]\.(width|height)/);

    const deep = await run(page, 'deepNesting');
    assert.equal(deep.kind, 'error');
    assert.match(deep.message, /body\[0\]\.text|depth|nest|recursion/i);

    const quotes = await run(page, 'badOption');
    assert.equal(quotes.kind, 'error');
    assert.match(quotes.message, /^options\.quotes: /);

    const unknown = await run(page, 'unknownOption');
    assert.equal(unknown.kind, 'error');
    assert.match(unknown.message, /colour/);

    // A lone surrogate is either refused or shown as U+FFFD — never passed
    // through as broken UTF-16, never a crash.
    const lone = await run(page, 'loneSurrogate');
    if (lone.kind === 'error') {
      assert.match(lone.message, /headline|surrogate/);
    } else {
      assert.equal(lone.kind, 'string');
      assert.ok(lone.wellFormed, 'render() returned a string with a lone surrogate');
      assert.ok(lone.replacement, `no U+FFFD in ${lone.value}`);
      assert.match(lone.value, /<h1 data-text="headline">عنوان .* الخبر<\/h1>/);
    }
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

test('mount() with bad input rejects or reports, and the element recovers', async () => {
  const { page, close } = await openHarness(ctx);
  try {
    const result = await page.evaluate(async (valid) => {
      const el = document.createElement('div');
      document.getElementById('stage').append(el);
      let error = null;
      try {
        await window.rtl.mount(el, { headline: 3 });
      } catch (err) {
        error = err instanceof Error ? err.message : `non-Error: ${String(err)}`;
      }
      const handle = await window.rtl.mount(el, valid);
      const headline = (el.shadowRoot ?? el).querySelector('h1')?.textContent;
      handle.unmount();
      return { error, headline };
    }, VALID);
    assert.match(result.error ?? '', /^headline: /);
    assert.equal(result.headline, 'روسيا ترفض أي اتفاق');
  } finally {
    await close();
  }
});
