// Several articles on one page, next to other WebAssembly: a hand-assembled
// module and a second, independently loaded copy of our own package.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ROOT, addElement, caseArticle, openHarness, useBrowser } from './helpers.mjs';

const ctx = useBrowser();

// (module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))
const ADD_WASM = [
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
  0x01, 0x07, 0x01, 0x60, 0x02, 0x7f, 0x7f, 0x01, 0x7f, // type: (i32 i32) -> i32
  0x03, 0x02, 0x01, 0x00, // function 0 has type 0
  0x07, 0x07, 0x01, 0x03, 0x61, 0x64, 0x64, 0x00, 0x00, // export "add" = func 0
  0x0a, 0x09, 0x01, 0x07, 0x00, 0x20, 0x00, 0x20, 0x01, 0x6a, 0x0b, // body
];

test('three elements, a foreign wasm module and a second copy of the package coexist', async () => {
  const seed = JSON.parse(readFileSync(`${ROOT}www/generated/seed.json`, 'utf8'));
  const { page, problems, close } = await openHarness(ctx);
  try {
    const articles = [
      seed,
      caseArticle('صرح Donald Trump للصحفيين أمس'),
      { ...caseArticle('اتصلوا على +44 20 7946 0958 الآن'), headline: 'أرقام الهواتف' },
    ];
    for (const [i, article] of articles.entries()) {
      const result = await addElement(page, { id: `a${i}`, article });
      assert.equal(result.type, 'rtl-article:ready', `element ${i}: ${JSON.stringify(result)}`);
    }
    const result = await page.evaluate(async (bytes) => {
      const { instance } = await WebAssembly.instantiate(new Uint8Array(bytes));
      const sum = instance.exports.add(20, 22);
      // A different URL is a different module record: its own instance and memory.
      const copy = await import('/www/pkg/rtl_article.js?copy=2');
      const exports2 = await copy.default({ module_or_path: '/www/pkg/rtl_article_bg.wasm' });
      const fromCopy = copy.render({ headline: 'نسخة ثانية', body: [] }, {});
      const fromFirst = await window.rtl.render({ headline: 'النسخة الأولى', body: [] });
      const headlines = ['a0', 'a1', 'a2'].map(
        (id) => document.getElementById(id).shadowRoot.querySelector('h1').textContent,
      );
      return {
        sum,
        fromCopy,
        fromFirst,
        headlines,
        separateMemory: exports2.memory !== window.rtlWasm.memory,
      };
    }, ADD_WASM);
    assert.equal(result.sum, 42);
    assert.match(result.fromCopy, /<h1 data-text="headline">نسخة ثانية<\/h1>/);
    assert.match(result.fromFirst, /<h1 data-text="headline">النسخة الأولى<\/h1>/);
    assert.ok(result.separateMemory, 'the second copy shares memory with the first');
    assert.deepEqual(result.headlines, [seed.headline, 'اختبار الاتجاه', 'أرقام الهواتف']);
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});
