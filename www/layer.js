// The article's live layer: what a reader can do with a rendered article.
//
// - Entity cards: a click, tap or Enter on a mention dispatches the
//   cancelable `rtl-article:mention` event; unless a listener cancels it
//   (a publisher with cards of its own), the catalog entry — from the
//   article's JSON-LD `mentions` — opens in a dialog popover next to the
//   mention and takes focus; Escape, a click elsewhere or × closes it and
//   focus returns to the mention.
// - Editorial notes (the page's JSON-LD collection) get their words
//   underlined; their markers open their popovers next to them.
// - Reader highlights: select text (mouse, touch, keyboard or a screen
//   reader's selection) → the toolbar, or Alt+Shift+H / Alt+Shift+N → a
//   highlight, with an optional note written in the panel. Drawn with the
//   CSS Custom Highlight API — no element wraps the words, so Arabic
//   letters stay joined — or wrapped in <mark> where it is missing. Listed
//   in reading order in the panel (go to, edit, delete); those whose words
//   are gone are listed apart, never dropped.
// - Persistence: W3C annotations in the store (`storage`: "local" — the
//   default, localStorage through the wasm core's gloo-storage — "none",
//   or {load(key, article), save(key, collection, article)}), keyed by
//   article id and version, re-anchored by the Rust core whenever they are
//   loaded or the text changes. Events `rtl-article:annotation-create`,
//   `-update`, `-delete` ({annotation, article}); a failing store fires
//   `rtl-article:error` ({message, kind: "storage", annotations}) and the
//   highlights stay on the page. Two tabs on one article (local store) see
//   each other's changes as they are saved and merge before they save, so
//   neither overwrites the other's highlights.
//
// Controls are built with DOM calls (no HTML strings: nothing an article or
// a caller says becomes markup) and marked `data-added`, so they are never
// taken for article text.

const CONTEXT = [
  'http://www.w3.org/ns/anno.jsonld',
  { rtl: 'urn:x-rtl-article:', orphan: 'rtl:orphan', textIndex: 'rtl:textIndex' },
];
const PREFIX = 'rtl-article:';
/** A letter, mark, digit or tatweel: part of a word. */
const WORD = /[\p{L}\p{M}\p{N}\u0640]/u;

/** The controls' words: Arabic and English here, Hebrew, Persian and Urdu
 *  fetched with the first article in them (www/words/), English for the
 *  rest. In the order of KEYS. */
const WORDS = {
  ar: ['شخص', 'مكان', 'منظمة', 'صفحة الموضوع', 'إغلاق', 'تظليل', 'تظليل مع ملاحظة', 'أدوات التحديد', 'اكتب ملاحظتك', 'حفظ', 'إلغاء', 'تعديل', 'حذف', 'الانتقال إلى النص', 'تظليلاتي', 'تظليلاتي وملاحظاتي', 'لا توجد تظليلات بعد. حدّد نصا لتظليله.', 'لم يعد موضعها في المقال', 'تعذّر حفظ التظليلات على هذا الجهاز', 'أُضيف التظليل', 'حُذف التظليل', 'حُفظت الملاحظة', 'ملاحظة'],
  en: ['Person', 'Place', 'Organisation', 'Topic page', 'Close', 'Highlight', 'Highlight with a note', 'Selection tools', 'Write a note', 'Save', 'Cancel', 'Edit', 'Delete', 'Go to the text', 'My highlights', 'My highlights and notes', 'No highlights yet. Select some text to highlight it.', 'No longer found in the article', 'Highlights could not be saved on this device', 'Highlight added', 'Highlight deleted', 'Note saved', 'Note'],
};
const LOADABLE = ['he', 'fa', 'ur'];
const KEYS = ['person', 'place', 'organization', 'topicPage', 'close', 'highlight', 'highlightNote', 'toolbar', 'placeholder', 'save', 'cancel', 'edit', 'delete', 'goTo', 'panelButton', 'panelTitle', 'empty', 'orphans', 'storageError', 'created', 'deleted', 'saved', 'note'];

/** The named words of each list, made once. */
const NAMED = new Map();

/** The words for `lang`, loading them once when they are not built in. */
async function words(lang) {
  const primary = String(lang).toLowerCase().split('-')[0];
  if (!WORDS[primary] && LOADABLE.includes(primary)) {
    try {
      WORDS[primary] = (await import(`./words/${primary}.js`)).default;
    } catch {
      WORDS[primary] = WORDS.en;
    }
  }
  const list = WORDS[primary] ?? WORDS.en;
  // One object per list, shared by the layers (nothing writes to it).
  let named = NAMED.get(list);
  if (!named) NAMED.set(list, (named = Object.fromEntries(KEYS.map((k, i) => [k, list[i]]))));
  return named;
}

let layers = 0;

/** Highlight kinds, drawn as `::highlight(rtl-article-<kind>)`. */
const KINDS = { highlight: 1, note: 2, editorial: 0, focus: 3 };

/** One of the page's shared Highlight objects (the registry is per document). */
function registered(kind) {
  const name = `rtl-article-${kind}`;
  let h = CSS.highlights.get(name);
  if (!h) {
    h = new Highlight();
    h.priority = KINDS[kind];
    CSS.highlights.set(name, h);
  }
  return h;
}

/** The text nodes of a container in document order, outside `data-added` elements. */
function textNodes(el) {
  const out = [];
  let n = el.firstChild;
  while (n) {
    if (n.nodeType === 3) out.push(n);
    else if (n.nodeType === 1 && n.firstChild && !n.hasAttribute('data-added')) {
      n = n.firstChild;
      continue;
    }
    while (n !== el && !n.nextSibling) n = n.parentNode;
    n = n === el ? null : n.nextSibling;
  }
  return out;
}

/** The text of a container: its text nodes outside `data-added` elements. */
function containerText(el) {
  if (!el.querySelector('[data-added]')) return el.textContent;
  let text = '';
  for (const n of textNodes(el)) text += n.data;
  return text;
}

/**
 * Walk `s` by code points, at most `k` (a lone surrogate counts as one, as
 * the U+FFFD the core reads would): `[UTF-16 index reached, code points]`.
 */
function walk(s, k = Infinity) {
  let i = 0;
  let n = 0;
  for (; n < k && i < s.length; n++) if ((s.charCodeAt(i++) & 0xfc00) === 0xd800 && (s.charCodeAt(i) & 0xfc00) === 0xdc00) i++;
  return [i, n];
}

/**
 * The DOM point of code point `offset` of `container`'s text: `[text node,
 * UTF-16 offset]`, or null past its end. At a boundary between two text
 * nodes, `forward` picks the start of the next (a range's start) over the
 * end of the previous (its end). What the core's `position()` does, on the
 * container itself.
 */
function point(container, offset, forward) {
  let left = offset;
  let last = null;
  for (const node of textNodes(container)) {
    const chars = walk(node.data)[1];
    if (left < chars || (left === chars && !forward && chars > 0)) return [node, walk(node.data, left)[0]];
    left -= chars;
    last = node;
  }
  return last && left === 0 ? [last, last.length] : null;
}

/** One IntersectionObserver for every layer's bar: shown while its article is on screen. */
let observer = null;
const bars = new WeakMap();
function watch(article, bar) {
  observer ??= new IntersectionObserver((entries) => {
    for (const entry of entries) {
      const b = bars.get(entry.target);
      if (b) b.hidden = !entry.isIntersecting;
    }
  });
  bars.set(article, bar);
  observer.observe(article);
}
function unwatch(article) {
  if (!observer || !bars.has(article)) return;
  observer.unobserve(article);
  bars.delete(article);
}

/** A new element `tag` with `className`, marked `data-added`. */
function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  e.setAttribute('data-added', '');
  if (text != null) e.textContent = text;
  return e;
}

function button(className, text) {
  const b = el('button', className, text);
  b.type = 'button';
  return b;
}

const hasPopover = typeof HTMLElement !== 'undefined' && 'showPopover' in HTMLElement.prototype;
const isOpen = (e) => Boolean(e) && (hasPopover ? e.matches(':popover-open') : !e.hidden);
function show(e) {
  if (hasPopover) {
    if (!isOpen(e)) e.showPopover();
  } else e.hidden = false;
}
/** Hide `e` (a control not made yet is hidden already). */
function hide(e) {
  if (!e) return;
  if (hasPopover) {
    if (isOpen(e)) e.hidePopover();
  } else e.hidden = true;
}
function popover(e, mode = 'auto') {
  if (hasPopover) e.popover = mode;
  else e.hidden = true;
}

/** Put shown box `e` by `rect`: under it if there is room, else above, its
 *  inline-start edge on the rect's; inside the viewport. */
function placeNear(e, rect, rtl) {
  const { innerWidth: vw, innerHeight: vh } = window;
  const own = e.getBoundingClientRect();
  const gap = 8;
  let top = rect.bottom + gap + own.height <= vh || rect.top - gap - own.height < 0 ? rect.bottom + gap : rect.top - gap - own.height;
  let left = rtl ? rect.right - own.width : rect.left;
  left = Math.max(gap, Math.min(left, vw - own.width - gap));
  top = Math.max(gap, Math.min(top, vh - own.height - gap));
  Object.assign(e.style, { position: 'fixed', inset: 'auto', margin: '0', top: `${Math.round(top)}px`, left: `${Math.round(left)}px` });
}

const focus = (e) => e?.focus({ preventScroll: true });

/** The annotations in a W3C value: a collection, a page, an array or one. */
function itemsOf(value) {
  if (Array.isArray(value)) return value;
  if (value && typeof value === 'object') {
    if (Array.isArray(value.first?.items)) return value.first.items;
    if (Array.isArray(value.items)) return value.items;
    if ('target' in value) return [value];
  }
  throw new Error('annotations: expected an AnnotationCollection, an AnnotationPage, an array of annotations or an annotation');
}

/** A copy as plain JSON data (what is stored and exported); throws on what is not JSON. */
function plain(value) {
  try {
    return JSON.parse(JSON.stringify(value));
  } catch (err) {
    throw new Error(`annotations: cannot be read as JSON (${err.message})`);
  }
}

/** The first textual body's value. */
function noteOf(a) {
  if (typeof a.bodyValue === 'string') return a.bodyValue;
  const bodies = Array.isArray(a.body) ? a.body : a.body ? [a.body] : [];
  const text = bodies.find((b) => b && typeof b.value === 'string');
  return text ? text.value : '';
}

function newId() {
  if (globalThis.crypto?.randomUUID) return `urn:uuid:${crypto.randomUUID()}`;
  const hex = (n) => Math.floor(Math.random() * 16 ** n).toString(16).padStart(n, '0');
  return `urn:uuid:${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + Math.floor(Math.random() * 4)).toString(16)}${hex(3)}-${hex(12)}`;
}

/** The controls' templates: per list of words, with and without highlights. */
const TEMPLATES = new Map();

/**
 * A fragment of a layer's bar (the panel button, the status line), toolbar
 * and panel element in words `w`, made once and cloned by every layer
 * (#build sets what is its own: ids and direction).
 */
function controlsFor(w, highlights) {
  const key = `${highlights}`;
  let byWords = TEMPLATES.get(w);
  if (!byWords) TEMPLATES.set(w, (byWords = {}));
  if (byWords[key]) return byWords[key];
  const bar = el('div', 'rtl-reader-bar');
  const panelButton = button('rtl-panel-button', w.panelButton);
  const status = el('p', 'rtl-status');
  status.setAttribute('role', 'status');
  bar.append(...(highlights ? [panelButton] : []), status);
  // The bar floats (nothing in the article moves when it appears), shown
  // while its article is on screen.
  bar.hidden = true;
  const toolbar = el('div', 'rtl-toolbar');
  toolbar.setAttribute('role', 'toolbar');
  toolbar.setAttribute('aria-label', w.toolbar);
  const highlight = button('rtl-toolbar-highlight', w.highlight);
  highlight.setAttribute('aria-keyshortcuts', 'Alt+Shift+H');
  const highlightNote = button('rtl-toolbar-note', w.highlightNote);
  highlightNote.setAttribute('aria-keyshortcuts', 'Alt+Shift+N');
  toolbar.append(highlight, highlightNote);
  popover(toolbar, 'manual');
  const panel = el('section', 'rtl-panel');
  panel.setAttribute('role', 'dialog');
  popover(panel);
  const fragment = document.createDocumentFragment();
  fragment.append(bar, toolbar, panel);
  return (byWords[key] = fragment);
}

/**
 * Attach the live layer to `article` (rendered in `root`, the host's shadow
 * root or the host itself), events dispatched from `host`, with the wasm
 * core's exports `wasm` (Anchors, locate, localLoad, localSave,
 * localRemove — both bundles have them).
 */
export async function attachLayer(host, root, article, wasm, options = {}) {
  const w = await words(article.getAttribute('lang') || 'ar');
  return new Layer(host, root, article, wasm, options, w);
}

class Layer {
  #host;
  #root;
  #article;
  #wasm;
  /** The anchoring core over the article's texts: read when first needed. */
  #anchors = null;
  /** The `data-text` containers, `[[id, element]]` in reading order: found when first needed. */
  #texts = null;
  #items = [];
  /** Ids this tab deleted, so another tab's copy does not bring them back. */
  #deleted = new Set();
  #editorial = [];
  #marks = [];
  #drawn = [];
  #listeners = [];
  #controls;
  #w;
  #rtl;
  #lang;
  #store;
  #cards;
  #highlights;
  #user;
  #articleId;
  /** Ids the article had before (`previousIds`): their highlights move to the current id. */
  #previousIds;
  #source;
  #entities = new Map();
  #selection = [];
  #dragging = false;
  #editing = null;
  #focused = null;
  #returnFocus = null;

  constructor(host, root, article, wasm, options, w) {
    this.#host = host;
    this.#root = root;
    this.#article = article;
    this.#wasm = wasm;
    const storage = options.storage ?? 'local';
    const ok = storage === 'local' || storage === 'none' || storage === false || (typeof storage?.load === 'function' && typeof storage?.save === 'function');
    if (!ok) throw new Error('options.storage: expected "local", "none" or an object with load() and save() methods');
    for (const key of ['highlights', 'cards']) {
      if (options[key] != null && typeof options[key] !== 'boolean') throw new Error(`options.${key}: expected true or false`);
    }
    if (options.user != null && typeof options.user !== 'string') throw new Error('options.user: expected a name (a string)');
    const previous = options.previousIds ?? [];
    if (!Array.isArray(previous) || !previous.every((id) => typeof id === 'string')) throw new Error('options.previousIds: expected an array of article ids');
    this.#previousIds = previous;
    this.#store = storage === false ? 'none' : storage;
    this.#highlights = options.highlights !== false;
    this.#cards = options.cards !== false;
    this.#user = options.user ?? null;
    this.#lang = article.getAttribute('lang') || 'ar';
    this.#rtl = article.getAttribute('dir') !== 'ltr';
    this.#w = w;
    // What a reader sees or can reach before doing anything: the bar, the
    // toolbar and the panel's own element, and the listeners. The rest —
    // reading the JSON-LD, the texts into the anchoring core, placing and
    // painting the editorial notes, the stored highlights — is set up
    // after the article is first painted (#setup), or at once when a
    // reader or a caller needs it first: every listener and every method
    // of the handle runs it before it does anything.
    this.#build();
    this.#listen();
    this.#later();
  }

  /** Whether #setup has run. */
  #set = false;
  /** The scheduled #setup's cancel function, while it waits. */
  #cancel = null;

  /** Schedule #setup when the page is idle (after the first paint), at the latest in 100 ms. */
  #later() {
    const run = () => {
      this.#cancel = null;
      this.#setup();
    };
    if (typeof requestIdleCallback === 'function') {
      const id = requestIdleCallback(run, { timeout: 100 });
      this.#cancel = () => cancelIdleCallback(id);
    } else {
      const id = setTimeout(run, 0);
      this.#cancel = () => clearTimeout(id);
    }
  }

  /**
   * The deferred part of attaching the layer, once: the article's JSON-LD
   * (its id, url, entities and editorial notes), the notes placed and
   * painted, the stored highlights loaded and painted.
   */
  #setup() {
    if (this.#set) return;
    this.#set = true;
    this.#cancel?.();
    this.#cancel = null;
    const ld = [...this.#article.querySelectorAll('script[type="application/ld+json"]')].flatMap((s) => {
      try {
        return [JSON.parse(s.textContent)];
      } catch {
        return [];
      }
    });
    const news = ld.find((v) => v && v.type !== 'AnnotationCollection') ?? {};
    for (const m of Array.isArray(news.mentions) ? news.mentions : []) if (m?.identifier) this.#entities.set(m.identifier, m);
    this.#articleId = news.identifier || news.url || null;
    this.#source = news.url || null;
    this.#notesLd = ld.filter((v) => v?.type === 'AnnotationCollection');
    this.#read();
    // Without an id or url in the JSON-LD, the page the reader is on names
    // the article (its canonical link, else its address without query).
    if (!this.#articleId) {
      const canonical = document.querySelector('link[rel="canonical"]')?.href;
      this.#articleId = canonical || `${location.origin}${location.pathname}`;
    }
    this.#source ??= this.#articleId.includes(':') ? this.#articleId : `urn:x-rtl-article:article:${this.#articleId}`;
    this.#paint();
    this.#list();
    if (this.#highlights) this.#load();
  }

  #notesLd = [];

  /**
   * Read the article's texts (again): the containers and the anchoring core
   * are found and filled when something first needs them (a note to place,
   * a stored highlight, a selection), and the editorial notes placed.
   */
  #read() {
    this.#texts = null;
    this.#anchors?.free();
    this.#anchors = null;
    this.#editorial = [];
    for (const collection of this.#notesLd) {
      for (const note of itemsOf(collection)) {
        if (note?.orphan) continue;
        try {
          // Only painted, never stored: the place, not a fresh target.
          const place = this.#doc.place(note);
          if (place) this.#editorial.push(place);
        } catch {
          // A note the page carries but we cannot read: the server listed it.
        }
      }
    }
  }

  /** The `data-text` containers: `[[id, element]]`, in reading order. */
  get #containers() {
    this.#texts ??= [...this.#article.querySelectorAll('[data-text]')].map((e) => [e.getAttribute('data-text'), e]);
    return this.#texts;
  }

  /** The anchoring core over the article's texts. */
  get #doc() {
    if (!this.#anchors) {
      const texts = this.#containers;
      this.#anchors = new this.#wasm.Anchors(
        texts.map(([id]) => id),
        texts.map(([, e]) => containerText(e)),
      );
    }
    return this.#anchors;
  }

  get #version() {
    return this.#doc.version;
  }

  get #key() {
    return `${PREFIX}${this.#articleId}:${this.#version}`;
  }

  get #info() {
    return { id: this.#articleId, version: this.#version };
  }

  // ---- controls ----

  // The bar (the panel button, the status line), the toolbar and the
  // panel's own element are made with the layer: what a reader can see or
  // reach before doing anything. The card and the panel's contents are made
  // the first time they are needed, in the DOM order bar, toolbar, card,
  // panel.

  #build() {
    const ids = `rtl-${++layers}`;
    const dir = this.#rtl ? 'rtl' : 'ltr';
    const c = (this.#controls = { ids, dir });
    // Clones of the controls made once per list of words (what differs
    // between layers is set below): a few attributes instead of making
    // every element, button and label again.
    const [bar, toolbar, panel] = controlsFor(this.#w, this.#highlights).cloneNode(true).children;
    Object.assign(c, { bar, toolbar, panel });
    // Without highlights the panel button is made but not shown.
    c.panelButton = this.#highlights ? bar.firstChild : button('rtl-panel-button', this.#w.panelButton);
    c.status = bar.lastChild;
    [c.highlight, c.highlightNote] = toolbar.children;
    bar.dir = toolbar.dir = panel.dir = dir;
    panel.id = `${ids}-panel`;
    panel.setAttribute('aria-labelledby', `${ids}-panel-title`);
    c.panelButton.setAttribute('aria-haspopup', 'dialog');
    c.panelButton.setAttribute('aria-controls', panel.id);
    if (hasPopover) c.panelButton.setAttribute('popovertarget', panel.id);
    // The toolbar keeps the selection: pressing it moves no focus.
    this.#on(toolbar, 'pointerdown', (e) => e.preventDefault());
    // Opened by its button (popovertarget): the panel gets its contents.
    this.#on(panel, 'beforetoggle', (e) => {
      if (e.newState === 'open') this.#panelParts();
    });
    this.#on(panel, 'toggle', (e) => {
      if (e.newState === 'closed') this.#closed();
      // Opened by its button (popovertarget): focus goes in, to the
      // title, or to the note being written.
      else if (!panel.contains(document.activeElement)) {
        focus(this.#editing ? panel.querySelector('textarea') : c.panelTitle);
      }
    });
    this.#on(panel, 'keydown', (e) => this.#panelKey(e));
    this.#article.append(bar, toolbar, panel);
    if (typeof IntersectionObserver === 'function') watch(this.#article, bar);
    else bar.hidden = false;
  }

  /** The entity card, made on first use. */
  #cardBox() {
    const c = this.#controls;
    if (c.card) return c.card;
    const { ids, dir } = c;
    c.card = el('div', 'rtl-card');
    Object.assign(c.card, { id: `${ids}-card`, dir, tabIndex: -1 });
    c.card.setAttribute('role', 'dialog');
    c.card.setAttribute('aria-labelledby', `${ids}-card-title`);
    c.card.setAttribute('aria-describedby', `${ids}-card-type ${ids}-card-description`);
    popover(c.card);
    c.cardClose = button('rtl-close', '×');
    c.cardClose.setAttribute('aria-label', this.#w.close);
    c.cardType = el('p', 'rtl-card-type');
    c.cardType.id = `${ids}-card-type`;
    c.cardTitle = el('h2', 'rtl-card-title');
    c.cardTitle.id = `${ids}-card-title`;
    c.cardDescription = el('p', 'rtl-card-description');
    c.cardDescription.id = `${ids}-card-description`;
    c.cardLink = el('a', 'rtl-card-link', this.#w.topicPage);
    c.card.append(c.cardClose, c.cardType, c.cardTitle, c.cardDescription, c.cardLink);
    this.#on(c.card, 'toggle', (e) => {
      if (e.newState === 'closed') this.#closed();
    });
    this.#on(c.card, 'keydown', (e) => {
      if (e.key === 'Escape') {
        hide(c.card);
        this.#closed();
      }
    });
    c.panel.before(c.card);
    return c.card;
  }

  /** The panel's contents, made when it first opens or has something to list; `fill`: list the highlights. */
  #panelParts(fill = true) {
    const c = this.#controls;
    if (c.panelTitle) return;
    const w = this.#w;
    const { ids } = c;
    c.panelClose = button('rtl-close', '×');
    c.panelClose.setAttribute('aria-label', w.close);
    c.panelTitle = el('h2', 'rtl-panel-title', w.panelTitle);
    Object.assign(c.panelTitle, { id: `${ids}-panel-title`, tabIndex: -1 });
    c.problem = el('p', 'rtl-panel-problem');
    c.problem.setAttribute('role', 'alert');
    c.problem.hidden = true;
    c.empty = el('p', 'rtl-panel-empty', w.empty);
    c.list = el('ol', 'rtl-panel-list');
    c.orphansTitle = el('h3', 'rtl-panel-orphans-title', w.orphans);
    c.orphans = el('ol', 'rtl-panel-list rtl-panel-orphans');
    c.panel.append(c.panelClose, c.panelTitle, c.problem, c.empty, c.list, c.orphansTitle, c.orphans);
    if (this.#problemText) {
      c.problem.textContent = `${w.storageError}: ${this.#problemText}`;
      c.problem.hidden = false;
    }
    if (fill) this.#list();
  }

  /** The controls on the page, to remove. */
  #added() {
    const c = this.#controls;
    return [c.bar, c.toolbar, c.card, c.panel].filter(Boolean);
  }

  #announce(text) {
    const s = this.#controls.status;
    s.textContent = '';
    s.textContent = text;
  }

  #problemText = null;

  #problem(text) {
    this.#problemText = text;
    // A problem is written in the panel, made for it.
    if (text) this.#panelParts();
    const p = this.#controls.problem;
    if (!p) return;
    p.textContent = text ? `${this.#w.storageError}: ${text}` : '';
    p.hidden = !text;
  }

  /**
   * The panel's lists, in reading order; orphans apart. Without highlights
   * and before the panel first opens, only the button's count.
   */
  #list() {
    const c = this.#controls;
    const w = this.#w;
    const count = this.#items.length;
    c.panelButton.textContent = count ? `${w.panelButton} (${count})` : w.panelButton;
    if (!c.list) {
      if (!count) return null;
      this.#panelParts(false);
    }
    c.list.replaceChildren();
    c.orphans.replaceChildren();
    c.empty.hidden = count > 0;
    c.orphansTitle.hidden = !this.#items.some((i) => !i.place);
    let editor = null;
    for (const item of this.#items) {
      const { annotation: a, place } = item;
      const li = el('li', 'rtl-panel-entry');
      li.dataset.id = a.id;
      const qid = `${c.ids}-q${this.#items.indexOf(item)}`;
      const quote = el('blockquote', 'rtl-panel-quote', this.#exact(a));
      quote.id = qid;
      li.append(quote);
      const editing = this.#editing === a.id;
      const note = noteOf(a);
      if (editing) {
        const label = el('label', 'rtl-panel-label', w.note);
        label.id = `${qid}-label`;
        const area = el('textarea', 'rtl-panel-textarea');
        area.setAttribute('aria-labelledby', `${label.id} ${qid}`);
        area.placeholder = w.placeholder;
        area.rows = 3;
        area.value = note;
        li.append(label, area);
        editor = area;
      } else if (note) {
        li.append(el('p', 'rtl-panel-note', note));
      }
      const actions = el('div', 'rtl-panel-actions');
      const add = (action, text) => {
        const b = button('rtl-panel-action', text);
        b.dataset.action = action;
        b.setAttribute('aria-describedby', qid);
        actions.append(b);
      };
      if (editing) {
        add('save', w.save);
        add('cancel', w.cancel);
      } else {
        if (place) add('go', w.goTo);
        add('edit', w.edit);
        add('delete', w.delete);
      }
      li.append(actions);
      (place ? c.list : c.orphans).append(li);
    }
    return editor;
  }

  #exact(a) {
    const selectors = [a.target?.selector ?? a.target?.[0]?.selector].flat();
    const quote = selectors.find((s) => s?.type === 'TextQuoteSelector');
    return quote?.exact ?? '';
  }

  #entryButton(id, action) {
    this.#panelParts();
    const entry = [...this.#controls.panel.querySelectorAll('.rtl-panel-entry')].find((e) => e.dataset.id === id);
    return entry?.querySelector(`[data-action="${action}"]`) ?? this.#controls.panelTitle;
  }

  // ---- painting ----

  #range(place) {
    const container = this.#containers.find(([t]) => t === place.text)?.[1];
    const start = container && point(container, place.start, true);
    const end = container && point(container, place.end, true);
    if (!start || !end) return null;
    const r = document.createRange();
    r.setStart(...start);
    r.setEnd(...end);
    return r;
  }

  #paint() {
    this.#unpaint();
    const spans = this.#editorial.map((p) => ['editorial', p]);
    for (const { annotation, place } of this.#items) {
      if (!place) continue;
      spans.push([noteOf(annotation) ? 'note' : 'highlight', place]);
      if (this.#focused === annotation.id) spans.push(['focus', place]);
    }
    const native = typeof CSS !== 'undefined' && CSS.highlights && typeof Highlight === 'function';
    for (const [kind, place] of spans) {
      const range = this.#range(place);
      if (!range || range.collapsed) continue;
      if (native) {
        registered(kind).add(range);
        this.#drawn.push([kind, range]);
      } else this.#wrap(range, kind);
    }
  }

  /** The fallback: wrap the range's text in <mark> (letters may separate at its edges). */
  #wrap(range, kind) {
    const nodes = [];
    const walker = document.createTreeWalker(range.commonAncestorContainer, NodeFilter.SHOW_TEXT);
    for (let n = walker.currentNode.nodeType === 3 ? walker.currentNode : walker.nextNode(); n; n = walker.nextNode()) {
      if (range.intersectsNode(n) && !n.parentElement.closest('[data-added]')) nodes.push(n);
    }
    for (let node of nodes) {
      const start = node === range.startContainer ? range.startOffset : 0;
      const end = node === range.endContainer ? range.endOffset : node.length;
      if (start >= end) continue;
      if (start > 0) node = node.splitText(start);
      if (end - start < node.length) node.splitText(end - start);
      const mark = document.createElement('mark');
      mark.className = `rtl-mark rtl-article-${kind}`;
      node.replaceWith(mark);
      mark.append(node);
      this.#marks.push(mark);
    }
  }

  #unpaint() {
    for (const [kind, range] of this.#drawn) registered(kind).delete(range);
    this.#drawn = [];
    for (const mark of this.#marks) {
      const parent = mark.parentNode;
      if (!parent) continue;
      mark.replaceWith(...mark.childNodes);
      parent.normalize();
    }
    this.#marks = [];
  }

  // ---- highlights ----

  /** Reading order: by text, then start; orphans last. */
  #sort() {
    const order = new Map(this.#containers.map(([id], i) => [id, i]));
    const key = ({ place }) => (place ? [order.get(place.text) ?? 1e9, place.start] : [2e9, 0]);
    this.#items.sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      return x[0] - y[0] || x[1] - y[1];
    });
  }

  #emit(type, detail, cancelable = false) {
    return this.#host.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }));
  }

  #detail(annotation) {
    return { annotation: structuredClone(annotation), article: this.#info };
  }

  /** Re-anchor a W3C annotation in the current text: `{annotation, place}`. */
  #anchor(annotation) {
    const { target, orphan, place } = this.#doc.reanchor(annotation);
    const a = { ...annotation, '@context': CONTEXT, target };
    if (orphan) a.orphan = true;
    else delete a.orphan;
    return { annotation: a, place };
  }

  #create(note) {
    const now = new Date().toISOString();
    let first = null;
    for (const { text, start, end } of this.#selection) {
      const selector = this.#doc.describe(text, start, end);
      if (!selector) continue;
      const annotation = {
        '@context': CONTEXT,
        id: newId(),
        type: 'Annotation',
        motivation: 'highlighting',
        created: now,
        modified: now,
        ...(this.#user ? { creator: this.#user } : {}),
        target: this.#doc.target(selector, this.#source),
      };
      this.#items.push({ annotation, place: selector });
      first ??= annotation.id;
      this.#emit('rtl-article:annotation-create', this.#detail(annotation));
    }
    if (!first) return;
    this.#selection = [];
    hide(this.#controls.toolbar);
    // The highlight shows where the selection was.
    const root = this.#root instanceof ShadowRoot && this.#root.getSelection ? this.#root : document;
    root.getSelection()?.removeAllRanges();
    this.#sort();
    this.#paint();
    this.#announce(this.#w.created);
    if (note) {
      this.#editing = first;
      this.#returnFocus = null;
      this.#panelParts();
      const area = this.#list();
      this.#openPanel();
      focus(area);
    } else this.#list();
    this.#save();
  }

  #setNote(id, text) {
    const item = this.#items.find((i) => i.annotation.id === id);
    this.#editing = null;
    if (!item) return;
    text = text.trim();
    const a = item.annotation;
    if (noteOf(a) === text) {
      this.#list();
      return;
    }
    const links = [a.body].flat().filter((b) => b && typeof b.value !== 'string');
    delete a.bodyValue;
    const bodies = text ? [{ type: 'TextualBody', value: text, format: 'text/plain', language: this.#lang, purpose: 'commenting' }, ...links] : links;
    if (bodies.length) a.body = bodies.length === 1 ? bodies[0] : bodies;
    else delete a.body;
    const motivations = [a.motivation].flat().filter((m) => m && m !== 'commenting');
    if (text) motivations.push('commenting');
    if (!motivations.length) motivations.push('highlighting');
    a.motivation = motivations.length === 1 ? motivations[0] : motivations;
    a.modified = new Date().toISOString();
    this.#paint();
    this.#list();
    this.#announce(this.#w.saved);
    this.#emit('rtl-article:annotation-update', this.#detail(a));
    this.#save();
  }

  #delete(id) {
    const at = this.#items.findIndex((i) => i.annotation.id === id);
    if (at < 0) return false;
    this.#deleted.add(id);
    const [{ annotation }] = this.#items.splice(at, 1);
    if (this.#focused === id) this.#focused = null;
    this.#paint();
    this.#list();
    this.#announce(this.#w.deleted);
    this.#emit('rtl-article:annotation-delete', this.#detail(annotation));
    this.#save();
    if (isOpen(this.#controls.panel)) {
      focus(this.#controls.panel.querySelectorAll('.rtl-panel-entry .rtl-panel-action')[at * 3] ?? this.#controls.panelTitle);
    }
    return true;
  }

  #goTo(id) {
    const item = this.#items.find((i) => i.annotation.id === id);
    if (!item?.place) return;
    this.#focused = id;
    this.#paint();
    hide(this.#controls.panel);
    const container = this.#containers.find(([t]) => t === item.place.text)?.[1];
    if (!container) return;
    if (!container.hasAttribute('tabindex')) container.tabIndex = -1;
    container.scrollIntoView({ block: 'center' });
    focus(container);
  }

  #openPanel() {
    this.#panelParts();
    show(this.#controls.panel);
    this.#returnFocus ??= this.#controls.panelButton;
    focus(this.#controls.panelTitle);
  }

  /**
   * Add annotations (replacing those with the same id), re-anchored. All or
   * nothing: an item that cannot be read throws, naming it, before any is
   * added.
   */
  #merge(list) {
    const anchored = list.map((raw, i) => {
      if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
        throw new Error(`annotations[${i}]: expected an annotation object`);
      }
      try {
        return this.#anchor({ ...raw, id: typeof raw.id === 'string' ? raw.id : newId() });
      } catch (err) {
        throw new Error(`annotations[${i}]: ${err?.message ?? err}`);
      }
    });
    for (const item of anchored) {
      this.#items = this.#items.filter((i) => i.annotation.id !== item.annotation.id);
      this.#items.push(item);
    }
    this.#sort();
    const placed = anchored.filter((i) => i.place).length;
    return { placed, orphans: anchored.length - placed };
  }

  #collection() {
    const items = this.#items.map((i) => i.annotation);
    return { '@context': CONTEXT, type: 'AnnotationCollection', total: items.length, first: { type: 'AnnotationPage', items } };
  }

  // ---- storage ----

  async #load() {
    const prefix = `${PREFIX}${this.#articleId}:`;
    const found = [];
    const read = [];
    try {
      if (this.#store === 'local') {
        // Every key of the article (the prefix itself is no version's key):
        // the text is read, for its version, only when there are some.
        // And every key of the ids it had before, moved to the current one.
        const stored = [prefix, ...this.#previousIds.map((id) => `${PREFIX}${id}:`)].flatMap((p) => this.#wasm.localLoad(p, p));
        if (stored.length) {
          // The current version's first, then the older ones'.
          const current = stored.findIndex(([key]) => key === this.#key);
          if (current > 0) stored.unshift(...stored.splice(current, 1));
        }
        for (const [key, text] of stored) {
          try {
            found.push(JSON.parse(text));
            read.push(key);
          } catch {
            this.#fail(`localStorage ${key}: not JSON; left as it is`, null);
          }
        }
      } else if (this.#store !== 'none') {
        const got = await this.#store.load(this.#key, this.#info);
        if (got != null) found.push(plain(got));
      }
    } catch (err) {
      this.#fail(`${this.#store === 'local' ? '' : 'storage.load: '}${err?.message ?? err}`, null);
      return;
    }
    if (!found.length) return;
    const before = JSON.stringify(this.#collection());
    for (const value of found) {
      try {
        this.#merge(itemsOf(value));
      } catch (err) {
        this.#fail(`stored highlights: ${err.message}`, value);
      }
    }
    this.#paint();
    this.#list();
    const older = read.filter((k) => k !== this.#key);
    if (older.length || JSON.stringify(this.#collection()) !== before) {
      if ((await this.#save()) && older.length) this.#wasm.localRemove(older);
    }
  }

  /**
   * Another tab's highlights of this article, from the stored `text` (its
   * JSON; `was`, the value it replaced, when a storage event says so), taken
   * in: ones this tab does not have and did not delete are added, newer
   * versions of its own replace them, and ones the other tab deleted (in
   * `was`, not in `text`) go. Nothing is overwritten unseen.
   */
  #sync(text, was) {
    const stored = (t) => {
      try {
        return itemsOf(JSON.parse(t));
      } catch {
        return [];
      }
    };
    const theirs = stored(text);
    const gone = new Set(stored(was).map((a) => a.id));
    for (const a of theirs) gone.delete(a.id);
    const changed = theirs.filter((a) => {
      const mine = this.#items.find((i) => i.annotation.id === a.id)?.annotation;
      return !this.#deleted.has(a.id) && (!mine || a.modified > mine.modified);
    });
    this.#items = this.#items.filter((i) => !gone.has(i.annotation.id));
    if (changed.length || gone.size) {
      this.#merge(changed);
      this.#paint();
      this.#list();
    }
  }

  /** Save the highlights; false (and an error event) when the store failed. */
  async #save() {
    try {
      // Another tab may have saved since this one read: take its changes in first.
      if (this.#store === 'local') this.#sync(this.#wasm.localLoad(this.#key, this.#key)[0]?.[1]);
    } catch {
      // Unreadable: the save below reports the store's problem.
    }
    const collection = this.#collection();
    try {
      if (this.#store === 'local') this.#wasm.localSave(this.#key, JSON.stringify(collection));
      else if (this.#store !== 'none') await this.#store.save(this.#key, structuredClone(collection), this.#info);
      this.#problem(null);
      return true;
    } catch (err) {
      this.#fail(`${this.#store === 'local' ? '' : 'storage.save: '}${err?.message ?? err}`, collection);
      return false;
    }
  }

  #fail(message, annotations) {
    this.#problem(message);
    this.#emit('rtl-article:error', { message, kind: 'storage', annotations });
  }

  // ---- events ----

  /** Listen, the deferred setup done first (a reader may act before it ran). */
  #on(target, type, handler, options) {
    const listener = (e) => {
      this.#setup();
      handler(e);
    };
    target.addEventListener(type, listener, options);
    this.#listeners.push(() => target.removeEventListener(type, listener, options));
  }

  #listen() {
    // Another tab saved this article's highlights.
    this.#on(window, 'storage', (e) => {
      if (this.#store !== 'local' || e.key !== this.#key) return;
      try {
        this.#sync(e.newValue, e.oldValue);
      } catch (err) {
        // What the other tab stored cannot be read: said, and left as it is.
        this.#fail(`stored highlights: ${err.message}`, null);
      }
    });
    this.#on(this.#root, 'click', (e) => this.#click(e));
    this.#on(this.#root, 'pointerdown', (e) => {
      if (!this.#isControl(e.target)) this.#dragging = true;
    });
    // A long press selects on touch screens and cancels the pointer.
    for (const type of ['pointerup', 'pointercancel']) {
      this.#on(document, type, () => {
        this.#dragging = false;
        this.#selectionChanged();
      });
    }
    this.#on(document, 'selectionchange', () => this.#selectionChanged());
    this.#on(document, 'keydown', (e) => {
      if (!e.altKey || !e.shiftKey || e.ctrlKey || e.metaKey) return;
      const note = { KeyH: false, KeyN: true }[e.code];
      if (note === undefined || !this.#highlights || !this.#selection.length) return;
      e.preventDefault();
      this.#create(note);
    });
  }

  #isControl(target) {
    return Object.values(this.#controls).some((e) => e instanceof Node && e.contains(target));
  }

  #closed() {
    const c = this.#controls;
    if (isOpen(c.card) || isOpen(c.panel)) return;
    if (this.#editing) {
      this.#editing = null;
      this.#list();
    }
    const back = this.#returnFocus;
    this.#returnFocus = null;
    focus(back);
  }

  #panelKey(e) {
    const area = e.target instanceof HTMLTextAreaElement ? e.target : null;
    if (area && e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      const id = this.#editing;
      this.#setNote(id, area.value);
      focus(this.#entryButton(id, 'edit'));
    } else if (area && e.key === 'Escape') {
      // Cancels the edit, not the panel.
      e.preventDefault();
      e.stopPropagation();
      const id = this.#editing;
      this.#editing = null;
      this.#list();
      focus(this.#entryButton(id, 'edit'));
    } else if (e.key === 'Escape' && !hasPopover) {
      hide(this.#controls.panel);
      this.#closed();
    }
  }

  /** The selection's spans in this article's texts, and where it is. */
  #selectionChanged() {
    if (!this.#highlights || this.#dragging) return;
    const range = this.#selected();
    this.#selection = [];
    if (range && !range.collapsed && this.#article.contains(range.startContainer) && this.#article.contains(range.endContainer)) {
      const start = this.#wasm.locate(range.startContainer, range.startOffset);
      const end = this.#wasm.locate(range.endContainer, range.endOffset);
      for (const [id, container] of this.#containers) {
        if (!range.intersectsNode(container)) continue;
        const text = [...containerText(container)];
        let s = start?.text === id ? start.offset : 0;
        let e = end?.text === id ? end.offset : text.length;
        while (s < e && /\s/.test(text[s])) s++;
        while (e > s && /\s/.test(text[e - 1])) e--;
        // Whole words: a selection that starts or ends inside a word takes
        // all of it (touch selection is imprecise; half a word is noise).
        while (s > 0 && s < e && WORD.test(text[s - 1]) && WORD.test(text[s])) s--;
        while (e < text.length && e > s && WORD.test(text[e - 1]) && WORD.test(text[e])) e++;
        if (s < e) this.#selection.push({ text: id, start: s, end: e });
      }
    }
    if (!this.#selection.length) {
      hide(this.#controls.toolbar);
      return;
    }
    const toolbar = this.#controls.toolbar;
    show(toolbar);
    placeNear(toolbar, range.getBoundingClientRect(), this.#rtl);
  }

  /** The selection as a range, seen from inside a shadow root if need be. */
  #selected() {
    const root = this.#root instanceof ShadowRoot ? this.#root : null;
    const selection = root?.getSelection ? root.getSelection() : document.getSelection();
    if (!selection) return null;
    if (root && selection.getComposedRanges) {
      const [r] = selection.getComposedRanges({ shadowRoots: [root] });
      if (!r) return null;
      const range = document.createRange();
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
      return range;
    }
    return selection.rangeCount ? selection.getRangeAt(0) : null;
  }

  #click(e) {
    const target = e.target instanceof Element ? e.target : e.target?.parentElement;
    if (!target) return;
    if (this.#isControl(target)) {
      this.#control(target.closest('button'));
      return;
    }
    const marker = target.closest('.note-marker[data-note]');
    if (marker) {
      const note = [...this.#article.querySelectorAll('.notes li[id]')].find((n) => n.id === marker.dataset.note);
      if (!note) return;
      e.preventDefault();
      if (!hasPopover) {
        note.tabIndex = -1;
        note.scrollIntoView({ block: 'center' });
        focus(note);
      } else if (isOpen(note)) note.hidePopover();
      else {
        note.showPopover();
        placeNear(note, marker.getBoundingClientRect(), this.#rtl);
      }
      return;
    }
    const mention = target.closest('.mention[data-entity-id]');
    if (mention) {
      const detail = {
        id: mention.getAttribute('data-entity-id'),
        type: mention.getAttribute('data-entity-type'),
        text: mention.textContent,
        href: mention.getAttribute('href'),
      };
      if (!this.#emit('rtl-article:mention', detail, true)) {
        e.preventDefault();
        return;
      }
      const modified = e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0;
      if (this.#cards && !modified) {
        e.preventDefault();
        this.#card(mention, detail);
      }
      return;
    }
    // Clicking highlighted words opens their entry in the panel.
    if (this.#selection.length) return;
    const caret = document.caretPositionFromPoint?.(e.clientX, e.clientY);
    const point = caret ? [caret.offsetNode, caret.offset] : (() => {
      const r = document.caretRangeFromPoint?.(e.clientX, e.clientY);
      return r ? [r.startContainer, r.startOffset] : null;
    })();
    const at = point && this.#wasm.locate(point[0], point[1]);
    if (!at) return;
    const hit = this.#items.find(({ place: p }) => p && p.text === at.text && p.start <= at.offset && at.offset < p.end);
    if (!hit) return;
    this.#returnFocus = null;
    this.#openPanel();
    focus(this.#entryButton(hit.annotation.id, 'edit'));
  }

  #card(mention, detail) {
    this.#cardBox();
    const c = this.#controls;
    const w = this.#w;
    const entity = this.#entities.get(detail.id) ?? {};
    const safe = (u) => (typeof u === 'string' && /^(https?:|mailto:|tel:|[^:]*$)/i.test(u.trim()) ? u : null);
    const link = safe(entity.url) ?? safe(detail.href);
    c.cardTitle.textContent = entity.name || detail.text;
    c.cardType.textContent = { person: w.person, place: w.place, organization: w.organization }[detail.type] ?? '';
    c.cardType.hidden = !c.cardType.textContent;
    c.cardDescription.textContent = typeof entity.description === 'string' ? entity.description : '';
    c.cardDescription.hidden = !c.cardDescription.textContent;
    if (link) c.cardLink.href = link;
    else c.cardLink.removeAttribute('href');
    c.cardLink.hidden = !link;
    this.#returnFocus = mention;
    show(c.card);
    placeNear(c.card, mention.getBoundingClientRect(), this.#rtl);
    focus(c.card);
  }

  #control(b) {
    if (!b) return;
    const c = this.#controls;
    const id = b.closest('.rtl-panel-entry')?.dataset.id;
    if (b === c.highlight || b === c.highlightNote) this.#create(b === c.highlightNote);
    else if (b === c.cardClose) {
      hide(c.card);
      this.#closed();
    } else if (b === c.panelClose) {
      hide(c.panel);
      this.#closed();
    } else if (b === c.panelButton) {
      // With the Popover API the button toggles the panel itself.
      if (hasPopover) this.#returnFocus = c.panelButton;
      else if (isOpen(c.panel)) hide(c.panel);
      else this.#openPanel();
    } else if (b.dataset.action === 'go') this.#goTo(id);
    else if (b.dataset.action === 'edit') {
      this.#editing = id;
      focus(this.#list());
    } else if (b.dataset.action === 'save') {
      this.#setNote(id, c.panel.querySelector('textarea')?.value ?? '');
      focus(this.#entryButton(id, 'edit'));
    } else if (b.dataset.action === 'cancel') {
      this.#editing = null;
      this.#list();
      focus(this.#entryButton(id, 'edit'));
    } else if (b.dataset.action === 'delete') this.#delete(id);
  }

  // ---- the handle ----

  /** The reader's highlights as a W3C AnnotationCollection. */
  exportAnnotations() {
    this.#setup();
    return structuredClone(this.#collection());
  }

  /** Add W3C annotations, re-anchored and stored: `{placed, orphans}`. */
  importAnnotations(value) {
    this.#setup();
    const counts = this.#merge(itemsOf(plain(value)));
    this.#paint();
    this.#list();
    this.#save();
    return counts;
  }

  /** Delete the highlight with `id`; whether there was one. */
  removeAnnotation(id) {
    this.#setup();
    return this.#delete(id);
  }

  /** Open the highlights and notes panel. */
  openPanel() {
    this.#setup();
    this.#returnFocus = document.activeElement;
    this.#openPanel();
  }

  /** Read the article's text again (after a new render) and re-anchor. */
  refresh(article = this.#article) {
    this.#unpaint();
    if (article !== this.#article) {
      unwatch(this.#article);
      for (const e of this.#added()) e.remove();
      this.#article = article;
      this.#build();
    }
    // Not set up yet: the setup reads the new text (nothing was painted,
    // loaded or made from the old one).
    if (!this.#set) {
      this.#setup();
      return;
    }
    this.#read();
    const before = JSON.stringify(this.#collection());
    this.#merge(this.#items.map((i) => i.annotation));
    this.#paint();
    this.#list();
    if (JSON.stringify(this.#collection()) !== before) this.#save();
  }

  /** Remove the listeners, the controls and the highlights; the article stays. */
  unmount() {
    // A setup still waiting never runs.
    this.#set = true;
    this.#cancel?.();
    this.#cancel = null;
    unwatch(this.#article);
    for (const off of this.#listeners) off();
    this.#listeners = [];
    this.#unpaint();
    for (const e of this.#added()) e.remove();
    this.#anchors?.free();
    this.#anchors = null;
  }
}
