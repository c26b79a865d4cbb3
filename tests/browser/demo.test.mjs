// The demo page as a reader gets it: the seed article rendered through
// <rtl-article>, no console or page errors, no axe violations, and a
// screenshot in artifacts/demo.png for a human to look at.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ROOT, artifact, openPage, useBrowser } from './helpers.mjs';

const ctx = useBrowser();

const SEED_HEADLINE = 'روسيا ترفض أي اتفاق بين قوات سوريا الديمقراطية وداعش في الرقة';

/** Wait until the first <rtl-article> on the page has rendered its article. */
async function waitForArticle(page) {
  await page.waitForFunction(
    () => document.querySelector('rtl-article')?.shadowRoot?.querySelector('article h1'),
    null,
    { timeout: 20_000 },
  );
}

/** What a reader of the first element sees, read from its shadow root. */
function readArticle() {
  const root = document.querySelector('rtl-article').shadowRoot;
  const article = root.querySelector('article');
  return {
    dir: article.getAttribute('dir'),
    lang: article.getAttribute('lang'),
    computedDir: getComputedStyle(article).direction,
    headline: article.querySelector('h1').textContent,
    // Body paragraphs are the <p>s of the body that name their block.
    paragraphs: article.querySelectorAll('.article-body > p[data-block]').length,
    firstParagraph: article.querySelector('.article-body > p[data-block]')?.textContent,
  };
}

test('the demo renders the seed through <rtl-article> without errors', async () => {
  const { page, problems, close } = await openPage(ctx.browser);
  try {
    await page.goto(ctx.url('/www/index.html'));
    await waitForArticle(page);
    const seen = await page.evaluate(readArticle);
    assert.equal(seen.dir, 'rtl');
    assert.equal(seen.lang, 'ar');
    assert.equal(seen.computedDir, 'rtl');
    assert.equal(seen.headline, SEED_HEADLINE);
    assert.equal(seen.paragraphs, 7);
    assert.match(seen.firstParagraph, /^أعلن مصدر في وزارة الدفاع الروسية أن موسكو لن تسمح/);
    // Let late work (fonts, hydration of a second view) settle, then shoot.
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: artifact('demo.png'), fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

test('"Highlight" shows the annotations through --rtl-article-annotation, text unchanged', async () => {
  const { page, problems, close } = await openPage(ctx.browser);
  try {
    await page.goto(ctx.url('/www/index.html'));
    await waitForArticle(page);
    // The words a reader sees: not the JSON-LD, not the reader's controls.
    const text = () => {
      const copy = document.querySelector('rtl-article').shadowRoot.querySelector('article').cloneNode(true);
      for (const e of copy.querySelectorAll('script, [data-added]')) e.remove();
      return copy.textContent.replace(/\s+/g, ' ').trim();
    };
    // The demo starts annotated: the plain article first, then annotated again.
    await page.waitForFunction(() => document.getElementById('seed').article?.annotations > 0);
    await page.uncheck('input[name=annotate]');
    await page.waitForFunction(() => !document.querySelector('rtl-article').shadowRoot.querySelector('span.mention'));
    const before = await page.evaluate(text);
    await page.check('input[name=annotate]');
    await page.waitForFunction(() => document.getElementById('seed').article?.annotations > 0);
    const seen = await page.evaluate(() => {
      const root = document.querySelector('rtl-article').shadowRoot;
      const background = (selector) => {
        const node = root.querySelector(selector);
        return node ? getComputedStyle(node).backgroundColor : 'missing';
      };
      return {
        mention: background('span.mention'),
        number: background('data[value="32"]'),
        date: background('time[datetime="2017-05-15"]'),
        link: background('a.mention'),
      };
    });
    // The demo's --rtl-article-annotation (blue, apart from the yellow of a reader's highlights).
    const tint = 'rgb(228, 238, 251)';
    assert.deepEqual(seen, { mention: tint, number: tint, date: tint, link: 'rgba(0, 0, 0, 0)' });
    assert.equal(await page.evaluate(text), before, 'annotating changes no visible text');
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

test('axe finds no accessibility violations on the demo (shadow DOM included)', async () => {
  const { page, problems, close } = await openPage(ctx.browser);
  try {
    await page.goto(ctx.url('/www/index.html'));
    await waitForArticle(page);
    await page.waitForLoadState('networkidle');
    await page.addScriptTag({ content: readFileSync(`${ROOT}node_modules/axe-core/axe.min.js`, 'utf8') });
    const violations = await page.evaluate(async () => {
      const result = await window.axe.run(document);
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
      }));
    });
    assert.deepEqual(violations, []);
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});
