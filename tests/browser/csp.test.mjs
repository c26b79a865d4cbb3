// The demo under a strict Content-Security-Policy with Trusted Types
// enforced: the article still renders and the page reports no violation.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { STRICT_CSP, openPage, useBrowser } from './helpers.mjs';

const ctx = useBrowser({ headers: { 'Content-Security-Policy': STRICT_CSP } });

test('the demo renders under a strict CSP with Trusted Types, 0 violations', async () => {
  const { page, problems, close } = await openPage(ctx.browser);
  try {
    // Init scripts come from DevTools, not the page, so CSP does not block
    // the listener that records violations.
    await page.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} ${e.sample || ''}`);
      });
    });
    const response = await page.goto(ctx.url('/www/index.html'));
    assert.equal(response.headers()['content-security-policy'], STRICT_CSP, 'the server sent the CSP');
    await page.waitForFunction(
      () => document.querySelector('rtl-article')?.shadowRoot?.querySelector('article h1'),
      null,
      { timeout: 20_000 },
    );
    await page.waitForLoadState('networkidle');
    const seen = await page.evaluate(() => {
      const article = document.querySelector('rtl-article').shadowRoot.querySelector('article');
      return {
        dir: article.getAttribute('dir'),
        headline: article.querySelector('h1').textContent,
        // Styles arrived despite style-src 'self' (adopted stylesheet, no inline <style>).
        maxWidth: getComputedStyle(article).maxInlineSize,
        trustedTypes: typeof window.trustedTypes?.createPolicy === 'function',
      };
    });
    assert.equal(seen.dir, 'rtl');
    assert.match(seen.headline, /^روسيا ترفض أي اتفاق/);
    assert.notEqual(seen.maxWidth, 'none', 'the stylesheet applied inside the shadow root');
    assert.ok(seen.trustedTypes);
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});
