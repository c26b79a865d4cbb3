// 1000 mount/unmount cycles of the seed must not leak: wasm linear memory
// and the JS heap stay flat after warm-up.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ROOT, openHarness, useBrowser } from './helpers.mjs';

const ctx = useBrowser({ args: ['--js-flags=--expose-gc', '--enable-precise-memory-info'] });

const WASM_PAGE = 64 * 1024;
const HEAP_BOUND = 1024 * 1024;

test('1000 mount/unmount cycles leave wasm memory and the JS heap flat', async () => {
  const seed = JSON.parse(readFileSync(`${ROOT}www/generated/seed.json`, 'utf8'));
  const { page, problems, close } = await openHarness(ctx);
  try {
    const result = await page.evaluate(async (seed) => {
      const memory = window.rtlWasm?.memory;
      if (!(memory instanceof WebAssembly.Memory)) return { error: 'init() did not resolve to the wasm exports (no .memory)' };
      const stage = document.getElementById('stage');
      const cycle = async () => {
        const el = document.createElement('div');
        stage.append(el);
        const handle = await window.rtl.mount(el, seed);
        if (!(el.shadowRoot ?? el).querySelector('article h1')) throw new Error('mount rendered nothing');
        handle.unmount();
        el.remove();
      };
      const settle = async () => {
        await new Promise((r) => setTimeout(r, 0));
        window.gc();
        window.gc();
        return { heap: performance.memory.usedJSHeapSize, wasm: memory.buffer.byteLength };
      };
      for (let i = 0; i < 100; i++) await cycle();
      const warm = await settle();
      for (let i = 100; i < 1000; i++) await cycle();
      const done = await settle();
      return { warm, done, leftover: stage.childElementCount };
    }, seed);
    assert.equal(result.error, undefined, result.error);
    const wasmGrowth = result.done.wasm - result.warm.wasm;
    const heapGrowth = result.done.heap - result.warm.heap;
    console.log(
      `# cycles 100→1000: wasm ${result.warm.wasm} → ${result.done.wasm} bytes (${wasmGrowth / WASM_PAGE} pages), ` +
        `JS heap ${result.warm.heap} → ${result.done.heap} bytes (${heapGrowth >= 0 ? '+' : ''}${heapGrowth})`,
    );
    assert.equal(result.leftover, 0);
    assert.ok(wasmGrowth <= WASM_PAGE, `wasm memory grew by ${wasmGrowth} bytes`);
    assert.ok(heapGrowth < HEAP_BOUND, `JS heap grew by ${heapGrowth} bytes`);
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});
