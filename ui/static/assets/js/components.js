// Pieces every page uses: loading, empty and error states, entity links,
// evidence quotes, tables that scroll on a phone, and the diagram viewer
// with its export buttons.

import { h, frag } from './dom.js';
import { ApiError, fetchText, isAbort } from './api.js';
import { entityURL, documentURL, kindName, fileSlug } from './format.js';

/** loading is the placeholder shown while a request runs. */
export function loading(text = 'Loading…') {
  return h('p', { class: 'loading', role: 'status' }, text);
}

/** empty says that an answer has nothing in it. */
export function empty(text) {
  return h('p', { class: 'empty' }, text);
}

/** errorNotice explains a failed request; retry, when given, adds a button. */
export function errorNotice(err, retry) {
  const code = err instanceof ApiError ? err.code : '';
  const title = {
    NOT_FOUND: 'Not found',
    BAD_USER_INPUT: 'The request was not understood',
    TOO_LARGE: 'The request is too large',
    TIMEOUT: 'The server took too long',
    UNAVAILABLE: 'A service is unavailable',
    NETWORK: 'No connection to the server',
  }[code] || 'The server returned an error';
  const message = err && err.message ? err.message : String(err);
  return h('div', { class: 'notice notice--error', role: 'alert' },
    h('strong', null, title),
    h('span', null, message),
    code ? h('span', { class: 'small' }, ` (${code})`) : null,
    retry ? h('div', { class: 'form-actions' }, h('button', { type: 'button', onclick: retry }, 'Retry')) : null,
  );
}

/** kindBadge is the coloured label of an entity kind. */
export function kindBadge(kind) {
  return h('span', { class: `kind kind--${kind}` }, kindName(kind));
}

/** entityLink links to an entity's page; chip draws it as a tag. */
export function entityLink(e, { chip = false, badge = false } = {}) {
  if (!e) return null;
  const a = h('a', { href: entityURL(e.id), class: chip ? `chip chip--${e.kind}` : null, title: chip ? `${kindName(e.kind)}: ${e.label}` : null }, e.label || e.id);
  return badge ? frag(kindBadge(e.kind), ' ', a) : a;
}

/** chips lists entity links as tags. */
export function chips(list, emptyText = '—') {
  if (!list || list.length === 0) return h('span', { class: 'muted' }, emptyText);
  return h('ul', { class: 'chips' }, list.map((e) => h('li', null, entityLink(e, { chip: true }))));
}

/** quoteParts renders a Quote: the matched words in <mark>. */
export function quoteParts(q) {
  if (!q) return null;
  if (q.whole) return frag(q.match);
  return frag(q.before, h('mark', null, q.match), q.after);
}

/** citeLink links a citation to its paragraph in the document reader. */
export function citeLink(ev) {
  return h('a', { href: documentURL(ev.documentKey, ev.ref) }, ev.citation);
}

/** evidenceQuote quotes one Evidence with its citation. */
export function evidenceQuote(ev) {
  return h('blockquote', { class: 'quote' },
    ev.quote ? quoteParts(ev.quote) : h('span', { class: 'muted' }, 'The paragraph is not in the store.'),
    h('cite', { class: 'quote__cite' }, citeLink(ev)));
}

/** evidenceList quotes the first few evidences and folds the rest. */
export function evidenceList(evidence, shown = 2) {
  if (!evidence || evidence.length === 0) return null;
  const first = evidence.slice(0, shown).map(evidenceQuote);
  if (evidence.length <= shown) return frag(first);
  return frag(first, h('details', null,
    h('summary', null, `${evidence.length - shown} more ${evidence.length - shown === 1 ? 'place' : 'places'} stating it`),
    evidence.slice(shown).map(evidenceQuote)));
}

/** scrollTable wraps a table so it scrolls sideways on narrow screens and
 * can be scrolled with the keyboard. */
export function scrollTable(table, label) {
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': label }, table);
}

/** pageHeading is a page's h1, focusable so navigation can move focus to it. */
export function pageHeading(text, ...extra) {
  return h('h1', { tabindex: '-1' }, text, ...extra);
}

// --- Diagrams -------------------------------------------------------------

const SVG_ELEMENTS = new Set(['svg', 'g', 'title', 'desc', 'a', 'path', 'polygon', 'polyline', 'line', 'ellipse', 'circle',
  'rect', 'text', 'tspan', 'defs', 'lineargradient', 'radialgradient', 'stop', 'clippath', 'marker']);

/** safeHref keeps a link only when it is relative to this site or http(s). */
function safeHref(v) {
  const s = String(v || '').trim();
  if (s.startsWith('/') && !s.startsWith('//')) return s;
  if (/^https?:\/\//i.test(s)) return s;
  return null;
}

/** sanitizeSVG parses SVG text and returns a clean <svg> element: known
 * drawing elements only, no scripts, no event handlers, links only to this
 * site or http(s), inline styles re-applied through the CSSOM (which the
 * Content-Security-Policy allows). */
export function sanitizeSVG(text) {
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  const root = doc.documentElement;
  if (!root || root.nodeName.toLowerCase() !== 'svg' || doc.getElementsByTagName('parsererror').length > 0) {
    throw new ApiError('The diagram could not be read: the server did not send a valid SVG.', { code: 'BAD_SVG' });
  }
  const out = clean(root);
  out.setAttribute('role', 'img');
  return out;
}

function clean(src) {
  const name = src.localName.toLowerCase();
  const el = document.createElementNS('http://www.w3.org/2000/svg', src.localName);
  const styles = [];
  for (const attr of Array.from(src.attributes)) {
    const an = attr.name.toLowerCase();
    if (an.startsWith('on') || an === 'xmlns' || an.startsWith('xmlns:')) continue;
    if (an === 'href' || an === 'xlink:href') {
      const href = name === 'a' ? safeHref(attr.value) : null;
      if (href) el.setAttribute('href', href);
      continue;
    }
    if (an === 'xlink:title' && name === 'a') {
      el.setAttribute('aria-label', attr.value);
      continue;
    }
    if (an === 'style') { styles.push(attr.value); continue; }
    if (an.includes(':')) continue;
    el.setAttribute(attr.name, attr.value);
  }
  for (const s of styles) el.style.cssText += s;
  for (const child of Array.from(src.childNodes)) {
    if (child.nodeType === Node.TEXT_NODE) el.append(document.createTextNode(child.nodeValue));
    else if (child.nodeType === Node.ELEMENT_NODE && SVG_ELEMENTS.has(child.localName.toLowerCase())) el.append(clean(child));
  }
  return el;
}

/** diagramURL builds a /diagram/{name} URL. */
export function diagramURL(name, params, format) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v != null && v !== '') q.set(k, v);
  q.set('format', format);
  return `/diagram/${name}?${q}`;
}

/** showDiagram loads an SVG diagram into box; its links are ordinary
 * explorer links, so clicking a node opens that entity's page. */
export async function showDiagram(box, url, { signal, label }) {
  box.replaceChildren(loading('Drawing the diagram…'));
  box.setAttribute('aria-busy', 'true');
  try {
    const { text } = await fetchText(url, { signal, what: 'diagrams' });
    const svg = sanitizeSVG(text);
    svg.setAttribute('aria-label', label);
    box.replaceChildren(svg);
  } catch (err) {
    if (isAbort(err)) return;
    box.replaceChildren(h('div', { class: 'notice notice--error', role: 'alert' },
      h('strong', null, 'The diagram could not be drawn'),
      h('span', null, err.message),
      err.code ? h('span', { class: 'small' }, ` (${err.code})`) : null));
  } finally {
    box.removeAttribute('aria-busy');
  }
}

/** DIAGRAM_FORMATS and DATA_FORMATS are the export buttons. */
export const DIAGRAM_FORMATS = [
  ['svg', 'SVG'], ['png', 'PNG'], ['pdf', 'PDF'], ['dot', 'DOT'],
];
export const DATA_FORMATS = [
  ['graphml', 'GraphML', 'graphml'], ['gexf', 'GEXF', 'gexf'], ['cyjs', 'Cytoscape.js', 'cyjs.json'],
  ['csv-nodes', 'CSV nodes', 'nodes.csv'], ['csv-edges', 'CSV edges', 'edges.csv'], ['nquads', 'N-Quads', 'nq'],
];

/** exportBar is a row of download links. items: [href, text, filename]. */
export function exportBar(title, items) {
  return h('div', { class: 'exports', role: 'group', 'aria-label': title },
    h('span', { class: 'exports__label' }, `${title}:`),
    items.map(([href, text, file]) => h('a', { class: 'button', href, download: file, dataset: { export: text.toLowerCase() } }, text)));
}

/** diagramExports lists the diagram formats of one /diagram URL. */
export function diagramExports(name, params, base) {
  return exportBar('Download diagram', DIAGRAM_FORMATS.map(([f, t]) => [diagramURL(name, params, f), t, `${fileSlug(base)}.${f}`]));
}

/** dataExports lists the data formats around a focus (whole graph when
 * focus is empty). */
export function dataExports(focus, depth, base) {
  return exportBar('Download data', DATA_FORMATS.map(([f, t, ext]) => {
    const q = new URLSearchParams();
    if (focus) { q.set('focus', focus); q.set('depth', String(depth || 2)); }
    const qs = q.toString();
    return [`/export/${f}${qs ? '?' + qs : ''}`, t, `${fileSlug(base)}.${ext}`];
  }));
}

/**
 * filterForm is the filter form of a list page: its fields in a grid, an
 * Apply button and a link that clears every filter. On submit (Enter or
 * Apply) it calls onSubmit, which applies the text field at once.
 */
export function filterForm({ label, fields, clearHref, clearId, onSubmit }) {
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': label },
    h('div', { class: 'form-grid' }, ...fields),
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'primary' }, 'Apply'),
      h('a', { href: clearHref, id: clearId }, 'Clear all filters')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    onSubmit();
  });
  return form;
}
