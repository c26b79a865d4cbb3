// Types for the browser entry point (`import … from 'rtl-article'`).
// The article format is documented in docs/input-format.md and published as
// a JSON Schema in schema/article.schema.json.

/**
 * Inline text: a string, or a list of runs. A run is a string or a mark
 * whose content is again inline text (marks nest at most 32 deep).
 */
export type Text = string | Run[];
export type Run = string | { strong: Text } | { em: Text } | { link: Text; href: string; title?: string | null };

export interface Figure {
  src: string;
  alt?: string | null;
  caption?: Text | null;
  credit?: string | null;
  width?: number | null;
  height?: number | null;
}

export interface RelatedLink {
  title: string;
  url: string;
}

/**
 * One body block. `id` is its stable id (rendered as `data-block`): given
 * here, or derived from its content when absent.
 */
export type Block = { id?: string | null } & (
  | { type: 'paragraph'; text: Text }
  | { type: 'heading'; level: 2 | 3 | 4 | 5 | 6; text: Text }
  | { type: 'blockquote'; text: Text; attribution?: Text | null; cite?: string | null }
  | { type: 'pull_quote'; text: Text; attribution?: Text | null }
  | { type: 'list'; ordered?: boolean | null; items: Text[] }
  | ({ type: 'figure' } & Figure)
  | { type: 'related'; title?: string | null; links: RelatedLink[] }
);

/** An article in the documented JSON format. */
export interface Article {
  id?: string;
  lang?: string;
  dir?: 'rtl' | 'ltr' | 'auto';
  url?: string;
  headline: Text;
  standfirst?: Text;
  byline?: string;
  /** ISO 8601 date or date-time. */
  published?: string;
  updated?: string;
  section?: string;
  tags?: string[];
  /** The lead figure. */
  lead?: Figure | null;
  body?: Block[];
  related?: RelatedLink[];
  publisher?: { name: string; url?: string | null; logo?: string | null } | null;
  /** Editorial notes: W3C annotations (see `notes` in RenderOptions). */
  notes?: AnnotationCollection | W3CAnnotation[];
}

/** One catalog entity: what mentions link to. */
export interface CatalogEntry {
  id: string;
  type: 'person' | 'place' | 'organization' | 'event' | 'topic';
  /** Arabic forms, aliases and abbreviations; the first is the preferred name. */
  names: string[];
  url?: string;
  description?: string;
  /** Also match with possessive endings (ـه، ـها، ـهم …). */
  enclitics?: boolean;
  /** Its one-word names are common words: link them only with context (a cue word, guillemets, the entity named earlier in the text). */
  context?: boolean;
}

/** Options for render, mount, enhance, hydrate and update. Unknown keys are errors. */
export interface RenderOptions {
  /** How the article argument is read: `json` (default) or scraped `text`. */
  from?: 'json' | 'text';
  /** `keep` the published quotation marks or use «guillemets». */
  quotes?: 'keep' | 'guillemets';
  /** Digit shapes in RTL text; digits inside Latin runs stay Western. */
  digits?: 'keep' | 'western' | 'arabic-indic';
  /** Language tag for Latin-script runs (default `en`). */
  latinLang?: string;
  /** Language tag for RTL runs inside an LTR article (default `ar`). */
  rtlLang?: string;
  /** Override the article's language (its direction follows). */
  lang?: string;
  /** Override the article's direction. */
  dir?: 'rtl' | 'ltr' | 'auto';
  /** Embed schema.org NewsArticle JSON-LD (default true). */
  jsonld?: boolean;
  /** Annotate mentions, dates, numbers and quotations (default: when a catalog, `published` or `gazetteer` is given). */
  annotate?: boolean;
  /**
   * The publisher's topic catalog: a compiled `Catalog` (compiled once, reused),
   * its bytes (`toBytes()`), entries, `{entities: [...]}`, or its JSON text.
   */
  catalog?: Catalog | Uint8Array | ArrayBuffer | CatalogEntry[] | { entities: CatalogEntry[] } | string;
  /** Which mentions become links: the `first` of each entity (default) or `every` one. */
  links?: 'first' | 'every';
  /** Resolve relative dates against this ISO date instead of the article's `published`. */
  published?: string;
  /** Link countries and major cities too (only in builds with the `gazetteer` feature). */
  gazetteer?: boolean;
  /**
   * Editorial notes to show with the article: fact-checks (`assessing`),
   * corrections (`editing`), footnotes (`commenting`) and glossary entries
   * (`describing`) as W3C annotations, anchored to the text when it is
   * rendered (docs/input-format.md).
   */
  notes?: AnnotationCollection | W3CAnnotation[] | W3CAnnotation;
  /** The live layer's options (ignored by the renderer). */
  storage?: Storage;
  /** Reader highlights and the notes panel (default true). */
  highlights?: boolean;
  /** Entity cards on mentions (default true). */
  cards?: boolean;
  /** Who makes highlights: written as their `creator`. */
  user?: string;
  /**
   * Ids the article had before (its JSON-LD `identifier` or `url` changed):
   * highlights stored under them (local store) move to the current id.
   */
  previousIds?: string[];
}

/**
 * Where a reader's highlights are kept: `"local"` (default: localStorage,
 * one key per article and version), `"none"` (listen to the annotation
 * events and give them back with `importAnnotations`), or an adapter. The
 * adapter's methods may return promises; `key` is
 * `rtl-article:<article id>:<version>`. A throw or a rejection fires
 * `rtl-article:error` and keeps the highlights on the page.
 */
export type Storage =
  | 'local'
  | 'none'
  | false
  | {
      load(key: string, article: ArticleVersion): AnnotationCollection | W3CAnnotation[] | null | Promise<AnnotationCollection | W3CAnnotation[] | null>;
      save(key: string, collection: AnnotationCollection, article: ArticleVersion): void | Promise<void>;
    };

/** Which article, and which version of its text, annotations belong to. */
export interface ArticleVersion {
  /** The JSON-LD identifier, else the url, else the page's canonical address. */
  id: string;
  /** A hash of the article's text: it changes when the text does. */
  version: string;
}

/** A W3C annotation as the live layer writes it (other fields are kept as given). */
export interface W3CAnnotation {
  '@context'?: unknown;
  id?: string;
  type?: 'Annotation';
  motivation?: string | string[];
  created?: string;
  modified?: string;
  creator?: string | { name?: string; id?: string };
  body?: unknown;
  bodyValue?: string;
  target:
    | string
    | {
        source: string | { id: string; type?: 'Text'; textIndex?: number };
        selector:
          | Record<string, unknown>
          | Array<
              | { type: 'TextQuoteSelector'; exact: string; prefix?: string; suffix?: string }
              | { type: 'TextPositionSelector'; start: number; end: number }
              | Record<string, unknown>
            >;
      };
  /** It could not be placed in the article as it is now. */
  orphan?: boolean;
  [field: string]: unknown;
}

/** A W3C `AnnotationCollection` (its items in `first.items`). */
export interface AnnotationCollection {
  '@context'?: unknown;
  type: 'AnnotationCollection';
  label?: string;
  total?: number;
  first: { type: 'AnnotationPage'; items: W3CAnnotation[] };
}

/** The detail of `rtl-article:annotation-create`, `-update` and `-delete`. */
export interface AnnotationEventDetail {
  annotation: W3CAnnotation;
  article: ArticleVersion;
}

/** The detail of `rtl-article:error`: a render error, or a store that failed (with what was not saved). */
export interface ErrorDetail {
  message: string;
  kind?: 'storage';
  annotations?: AnnotationCollection | null;
}

/** The reader's highlights on a rendered article. */
export interface Highlights {
  /** The highlights (with their notes) as a W3C AnnotationCollection. */
  exportAnnotations(): AnnotationCollection;
  /** Add W3C annotations — a collection, a page, an array or one — re-anchored in this article and stored. */
  importAnnotations(annotations: AnnotationCollection | W3CAnnotation[] | W3CAnnotation): { placed: number; orphans: number };
  /** Delete the highlight with `id`; whether there was one. */
  removeAnnotation(id: string): boolean;
  /** Open the highlights and notes panel. */
  openPanel(): void;
}

/** What a rendered article is: the `rtl-article:ready` event's detail. */
export interface ArticleMeta {
  id: string | null;
  headline: string;
  lang: string;
  dir: 'rtl' | 'ltr' | 'auto';
  published: string | null;
  updated: string | null;
  section: string | null;
  byline: string | null;
  url: string | null;
  blocks: number;
  annotations: number;
  warnings: string[];
}

/** The `rtl-article:mention` event's detail (cancel the event to show your own card: neither ours opens nor the link is followed). */
export interface MentionDetail {
  id: string | null;
  type: string | null;
  text: string | null;
  href: string | null;
}

/** A mounted, enhanced or hydrated article, with its live layer. */
export interface ArticleHandle extends Highlights {
  /** The article's metadata, or null after `unmount()`. */
  readonly meta: ArticleMeta | null;
  /**
   * Render another article in its place; options are kept when omitted.
   * Resolves to the new metadata; rejects on bad input, leaving the current
   * one. A hydrated article loads the full bundle for it.
   */
  update(article: Article | string, options?: RenderOptions): Promise<ArticleMeta>;
  /** Remove the live layer and the rendered article (hydrated markup stays). */
  unmount(): void;
}

/**
 * Load the full bundle (render, annotate, import, Catalog) once for the
 * page; later calls share it. Resolves to its wasm exports. Pages that only
 * hydrate server-rendered markup never need it.
 */
export function init(wasmUrl?: string | URL): Promise<unknown>;

/** Load the reader bundle (hydrate, anchoring, `locate`/`position`, storage) once for the page. */
export function initReader(wasmUrl?: string | URL): Promise<unknown>;

/**
 * Compile a catalog once, to pass as the `catalog` option of many renders:
 * entries, `{entities}`, their JSON text, or the bytes of `toBytes()`.
 */
export function compile(
  catalog: CatalogEntry[] | { entities: CatalogEntry[] } | string | Uint8Array | ArrayBuffer,
): Promise<Catalog>;

/** Where a DOM position falls in the article's texts: the text's id and a code-point offset. Needs `initReader()`. */
export function locate(node: Node, offset: number): { text: string; offset: number } | null;

/** The DOM position (a text node and UTF-16 offset) of code point `offset` of text `text` under `root`. Needs `initReader()`. */
export function position(root: Node, text: string, offset: number): { node: Text; offset: number } | null;

/** Render to an HTML string: one `<article class="rtl-article">`. Rejects with an Error naming the field. */
export function render(article: Article | string, options?: RenderOptions): Promise<string>;

/** Render a complete HTML page (doctype, head, stylesheet inlined). */
export function renderPage(article: Article | string, options?: RenderOptions): Promise<string>;

/** One text of an article: its id (what `data-text` and annotation targets name), JSON path and characters. */
export interface TextEntry {
  id: string;
  path: string;
  text: string;
}

/** Import without rendering: the article in the documented format, importer warnings, and its texts. */
export function importArticle(
  article: Article | string,
  options?: RenderOptions,
): Promise<{ article: Article; warnings: string[]; texts: TextEntry[] }>;

/** A W3C Web Annotation (https://www.w3.org/TR/annotation-model/), as JSON. */
export interface WebAnnotation {
  '@context': 'http://www.w3.org/ns/anno.jsonld';
  id: string;
  type: 'Annotation';
  motivation: 'identifying' | 'tagging' | 'linking';
  /**
   * The bodies. A catalog mention's first body is the entity (a
   * SpecificResource), or, for a name several entities share, a
   * `{type: 'Choice', items}` of them, the chosen one first.
   */
  body: Array<Record<string, unknown>>;
  target: {
    source: { id: string; type: 'Text'; format: 'text/plain'; language: string; textDirection: 'rtl' | 'ltr' | 'auto' };
    selector: Array<
      | { type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string }
      | { type: 'TextPositionSelector'; start: number; end: number }
    >;
  };
  [field: string]: unknown;
}

/** Annotate: mentions, dates, numbers, quotations and suggestions as W3C annotations. */
export function annotate(article: Article | string, options?: RenderOptions): Promise<WebAnnotation[]>;

/**
 * A compiled topic catalog, from the full bundle: bound once `init()` has
 * resolved (or import it from `rtl-article/full`). Pass it as the `catalog`
 * option to render many articles with one compilation.
 */
export class Catalog {
  /** Compile entries (or `{entities}`, or their JSON text); throws naming the entry at fault. */
  constructor(entities: CatalogEntry[] | { entities: CatalogEntry[] } | string);
  /** Load the compact binary form from `toBytes()`. */
  static fromBytes(bytes: Uint8Array): Catalog;
  /** The compact binary form. */
  toBytes(): Uint8Array;
  /** Number of entities. */
  readonly size: number;
  /** Mentions in `text` with UTF-16 offsets (what `String.prototype.slice` takes). */
  find(text: string): Array<{ id: string; start: number; end: number; text: string }>;
  /** How many mentions `text` has. */
  matchCount(text: string): number;
  /** A second handle to the same compiled catalog (nothing is copied); the core takes such handles. */
  share(): Catalog;
  /** Release the wasm memory it holds (also done when it is garbage-collected). */
  free(): void;
}

/** Render into `element`'s shadow root (created, with the stylesheet adopted). */
export function mount(element: Element, article: Article | string, options?: RenderOptions): Promise<ArticleHandle>;

/** Read the publisher's article markup inside `element` and render it cleanly into its shadow root. */
export function enhance(element: Element, options?: RenderOptions): Promise<ArticleHandle>;

/** Attach to server-rendered markup inside `element` without re-rendering it; loads only the reader bundle. */
export function hydrate(element: Element, options?: Omit<RenderOptions, 'from'>): Promise<ArticleHandle>;

/**
 * `<rtl-article>`: the article comes from `src` (JSON; scraped text with
 * `format="text"` or a `.txt` URL), an inline `<script type="application/json">`
 * child, or the article markup it wraps. Attributes: `src`, `format`,
 * `quotes`, `digits`, `latin-lang`, `lang`, `dir`.
 */
export class RtlArticleElement extends HTMLElement implements Highlights {
  static observedAttributes: string[];
  /** The rendered article's metadata, or null. */
  readonly article: ArticleMeta | null;
  /** Options without an attribute (`catalog`, `annotate`, `published`, …); setting re-renders. */
  options: RenderOptions;
  /** Render again after changing the inline JSON or the wrapped markup. */
  refresh(): void;
  exportAnnotations(): AnnotationCollection;
  importAnnotations(annotations: AnnotationCollection | W3CAnnotation[] | W3CAnnotation): { placed: number; orphans: number };
  removeAnnotation(id: string): boolean;
  openPanel(): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'rtl-article': RtlArticleElement;
  }
  interface HTMLElementEventMap {
    'rtl-article:ready': CustomEvent<ArticleMeta>;
    'rtl-article:error': CustomEvent<ErrorDetail>;
    /** Cancelable: cancel it to show cards of your own (no card opens, the link is not followed). */
    'rtl-article:mention': CustomEvent<MentionDetail>;
    'rtl-article:annotation-create': CustomEvent<AnnotationEventDetail>;
    'rtl-article:annotation-update': CustomEvent<AnnotationEventDetail>;
    'rtl-article:annotation-delete': CustomEvent<AnnotationEventDetail>;
  }
}
