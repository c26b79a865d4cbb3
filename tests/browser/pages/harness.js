// Loads the shipped shell exactly as a publisher would and exposes it to the
// tests as `window.rtl`; `window.rtlReady` flips once `init()` resolved.
import * as rtl from '/www/dist/rtl-article.js';

window.rtl = rtl;
try {
  window.rtlWasm = await rtl.init();
  window.rtlReady = true;
} catch (err) {
  window.rtlFailed = String(err && err.message || err);
}
