// Visual order: every mixed-direction case, rendered through <rtl-article>,
// must show its left-to-right run left to right, placed where right-to-left
// order puts it — measured per character on screen, not read from markup.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BIDI_CASES,
  addElement,
  caseArticle,
  measureRun,
  openHarness,
  orderProblem,
  useBrowser,
} from './helpers.mjs';

const ctx = useBrowser();

/** Mount every case as its own element; return the problems found. */
async function checkAllCases(page) {
  const problems = [];
  for (const [i, c] of BIDI_CASES.entries()) {
    const id = `case-${i}`;
    const result = await addElement(page, { id, article: caseArticle(c.sentence) });
    assert.equal(result.type, 'rtl-article:ready', `${c.name}: ${JSON.stringify(result)}`);
    const m = await page.evaluate(measureRun, { selector: `#${id}`, shadow: true, run: c.run });
    const problem = orderProblem(m, c.run);
    if (problem) problems.push(`${c.name}: ${problem}`);
  }
  return problems;
}

test('each LTR run inside Arabic reads left to right, in RTL position', async () => {
  const { page, problems: pageProblems, close } = await openHarness(ctx);
  try {
    const problems = await checkAllCases(page);
    assert.deepEqual(problems, []);
    assert.deepEqual(pageProblems, []);
  } finally {
    await close();
  }
});

test('brackets around mixed text keep their RTL places', async () => {
  const { page, close } = await openHarness(ctx);
  try {
    const result = await addElement(page, { id: 'brackets', article: caseArticle('نقلت (BBC عربي) الخبر') });
    assert.equal(result.type, 'rtl-article:ready');
    const at = async (run) => {
      const m = await page.evaluate(measureRun, { selector: '#brackets', shadow: true, run });
      assert.ok(m.found, m.reason);
      return m.chars[0].center;
    };
    // Logical order "(" BBC عربي ")" is, on screen, right to left.
    const open = await at('(');
    const bbc = await at('BBC');
    const arabic = await at('عربي');
    const close_ = await at(')');
    assert.ok(open > bbc && bbc > arabic && arabic > close_, `x: ( ${open}, BBC ${bbc}, عربي ${arabic}, ) ${close_}`);
  } finally {
    await close();
  }
});

test('control: without isolation the phone number shows out of order', async () => {
  // Proves the probe discriminates: the same sentence as bare text in an
  // RTL paragraph (no <bdi>) displays "0958 7946 20 +44".
  const { page, close } = await openHarness(ctx);
  try {
    const c = BIDI_CASES.find((x) => x.name === 'phone');
    await page.evaluate((sentence) => {
      const p = document.createElement('p');
      p.id = 'bare';
      p.dir = 'rtl';
      p.lang = 'ar';
      p.textContent = sentence;
      document.getElementById('stage').append(p);
    }, c.sentence);
    const m = await page.evaluate(measureRun, { selector: '#bare', shadow: false, run: c.run });
    const problem = orderProblem(m, c.run);
    assert.ok(problem, 'the bare phone number unexpectedly passed the order check');
    assert.match(problem, /not left-to-right/);
  } finally {
    await close();
  }
});

test('a hostile host stylesheet cannot flip the article', async () => {
  const { page, problems: pageProblems, close } = await openHarness(ctx);
  try {
    await page.evaluate(() => {
      const style = document.createElement('style');
      style.textContent = '* { direction: ltr !important; text-align: left !important; font: 10px serif !important }';
      document.head.append(style);
    });
    const result = await addElement(page, { id: 'hostile', article: caseArticle('صرح Donald Trump للصحفيين أمس') });
    assert.equal(result.type, 'rtl-article:ready');
    const styles = await page.evaluate(() => {
      const root = document.querySelector('#hostile').shadowRoot;
      const article = root.querySelector('article');
      const p = root.querySelector('article p:not([class])') || root.querySelector('article p');
      const a = getComputedStyle(article);
      const s = getComputedStyle(p);
      return { direction: a.direction, pDirection: s.direction, textAlign: s.textAlign, fontSize: s.fontSize };
    });
    assert.equal(styles.direction, 'rtl');
    assert.equal(styles.pDirection, 'rtl');
    assert.ok(['start', 'right', '-webkit-right'].includes(styles.textAlign), `text-align: ${styles.textAlign}`);
    assert.notEqual(styles.fontSize, '10px');
    // And every case still reads in the right order under that sheet.
    assert.deepEqual(await checkAllCases(page), []);
    assert.deepEqual(pageProblems, []);
  } finally {
    await close();
  }
});
