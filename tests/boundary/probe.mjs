// The boundary probe: every export of a module called with what a careless
// or hostile caller passes — wrong types, null, undefined, huge numbers,
// lone surrogates, cyclic and throwing objects, 50 MB strings — must either
// return or throw a JS `Error` with a message, never trap (a
// `WebAssembly.RuntimeError`: a panic or an out-of-bounds access, which
// kills the instance for every article on the page), and the module must
// still render an article afterwards. Shared by Chromium
// (tests/browser/boundary.test.mjs), Node (tests/boundary/node.test.mjs)
// and workerd (tests/edge/boundary.test.mjs); plain JS with no imports, so
// a page or a worker imports it as it is.

export async function probe(modules, options = {}) {
  const { valid, huge = 50 * 1024 * 1024, skip = [] } = options;
  const cyclic = { headline: 'عنوان' };
  cyclic.self = cyclic;
  const cyclicArray = [];
  cyclicArray.push(cyclicArray);
  const throwing = new Proxy(
    {},
    {
      get() {
        throw new Error('a hostile getter');
      },
      ownKeys() {
        throw new Error('a hostile ownKeys');
      },
    },
  );
  const bad = {
    null: null,
    undefined: undefined,
    zero: 0,
    minusOne: -1,
    NaN: NaN,
    infinity: Infinity,
    hugeNumber: 1e308,
    minusHuge: -1e308,
    unsafeInteger: 2 ** 64,
    bigint: 10n,
    true: true,
    emptyString: '',
    string: 'نص',
    loneSurrogate: 'عنوان \uD800 الخبر \uDFFF',
    notJson: '{"headline": ',
    emptyObject: {},
    emptyArray: [],
    arrayOfJunk: [null, 3, {}, [], '\uD800'],
    cyclic,
    cyclicArray,
    throwing,
    symbol: Symbol('x'),
    function: () => 1,
    bytes: new Uint8Array([1, 2, 3, 255]),
    date: new Date(0),
  };
  const hugeString = 'ع'.repeat(huge / 2);
  const results = { calls: 0, threw: 0, returned: 0, failures: [] };

  const check = async (label) => {
    try {
      const html = await valid();
      if (typeof html !== 'string' || !html.includes('<article')) {
        results.failures.push(`${label}: the next valid render returned ${String(html).slice(0, 80)}`);
      }
    } catch (err) {
      results.failures.push(`${label}: the module is unusable afterwards: ${err?.name}: ${err?.message}`);
    }
  };
  let dead = false;
  const attempt = async (label, call) => {
    // After a trap every call fails the same way: the first one says it all.
    if (dead) return;
    const failed = results.failures.length;
    const t0 = performance.now();
    results.calls++;
    let outcome;
    try {
      // The shell's functions are async: a rejection is a throw.
      outcome = await call();
      results.returned++;
      // A returned handle must not be left attached to anything.
      if (outcome && typeof outcome.free === 'function') {
        try {
          outcome.free();
        } catch {
          /* freed already */
        }
      }
    } catch (err) {
      results.threw++;
      if (err instanceof WebAssembly.RuntimeError) {
        results.failures.push(`${label}: trapped (${err.message})`);
      } else if (!(err instanceof Error)) {
        results.failures.push(`${label}: threw a non-Error ${typeof err}: ${String(err)}`);
      } else if (!err.message) {
        results.failures.push(`${label}: threw an Error without a message`);
      }
    }
    await check(label);
    const ms = performance.now() - t0;
    if (ms > 100) (results.slow ??= []).push(`${label} ${ms.toFixed(0)} ms`);
    dead = results.failures.slice(failed).some((f) => /trapped|unusable/.test(f));
  };
  const argLists = (arity) => {
    const n = Math.max(arity, 1);
    const lists = [];
    for (const [name, value] of Object.entries(bad)) {
      lists.push([`all ${name}`, Array(n).fill(value)]);
      for (let i = 0; i < n; i++) {
        const args = Array(n).fill(undefined);
        args[i] = value;
        lists.push([`arg ${i} ${name}`, args]);
      }
    }
    for (let i = 0; i < n; i++) {
      const args = Array(n).fill(undefined);
      args[i] = hugeString;
      lists.push([`arg ${i} 50 MB string`, args]);
    }
    return lists;
  };
  const methodsOf = (proto) =>
    Object.getOwnPropertyNames(proto).filter((k) => {
      if (k === 'constructor' || k === 'free' || k.startsWith('__')) return false;
      const d = Object.getOwnPropertyDescriptor(proto, k);
      return typeof d.value === 'function' || typeof d.get === 'function';
    });

  for (const [moduleName, mod, instances = {}] of modules) {
    for (const [name, value] of Object.entries(mod)) {
      const label = `${moduleName}.${name}`;
      if (typeof value !== 'function' || skip.includes(label) || name === 'default' || name === 'initSync' || name === 'init') continue;
      const isClass = /^class\b/.test(Function.prototype.toString.call(value));
      if (!isClass) {
        for (const [what, args] of argLists(value.length)) await attempt(`${label}(${what})`, () => value(...args));
        continue;
      }
      for (const [what, args] of argLists(value.length)) await attempt(`new ${label}(${what})`, () => new value(...args));
      for (const s of Object.getOwnPropertyNames(value)) {
        if (typeof value[s] !== 'function' || s.startsWith('__')) continue;
        for (const [what, args] of argLists(value[s].length)) await attempt(`${label}.${s}(${what})`, () => value[s](...args));
      }
      // Methods and getters on a live instance (made by the caller), and on
      // one that was freed.
      const make = instances[name];
      for (const m of methodsOf(value.prototype)) {
        const d = Object.getOwnPropertyDescriptor(value.prototype, m);
        if (d.get) {
          if (make) await attempt(`${label}#${m}`, () => make()[m]);
          continue;
        }
        if (make) {
          for (const [what, args] of argLists(d.value.length)) {
            await attempt(`${label}#${m}(${what})`, () => {
              const it = make();
              try {
                return it[m](...args);
              } finally {
                try {
                  it.free?.();
                } catch {
                  /* consumed by the method */
                }
              }
            });
          }
          await attempt(`${label}#${m} on a freed instance`, () => {
            const it = make();
            it.free();
            return it[m]();
          });
        }
        await attempt(`${label}#${m} on a bare prototype`, () => value.prototype[m].call(Object.create(value.prototype)));
      }
    }
  }
  return results;
}
