// The documents browser: every ingested document, newest first, filtered
// by issuing body, family, year, month, series and words of the symbol or
// title. The filter lives in the URL; each option says how many documents
// it would give with the other filters applied (the server's facets).

import { h, replace, debounce, announce } from '../dom.js';
import { gql } from '../api.js';
import { loading, errorNotice, pageHeading, scrollTable, empty, filterForm } from '../components.js';
import { documentURL, entityURL, plural } from '../format.js';
import { csvLink } from '../csv.js';

const PAGE = 50;

/** FIELDS are the facets, in the order of the form. */
const FIELDS = [
  { name: 'body', label: 'Issuing body', facet: 'bodies' },
  { name: 'family', label: 'Family', facet: 'families' },
  { name: 'year', label: 'Year', facet: 'years' },
  { name: 'month', label: 'Month', facet: 'months' },
  { name: 'series', label: 'Series', facet: 'series' },
];

export const DOC_FIELDS = `document { id key symbol symbols title date body }
  family series paragraphs recommendations superseded`;

const LIST = `query Documents($filter: DocumentFilter, $order: DocumentOrder, $after: String) {
  documentList(filter: $filter, order: $order, first: ${PAGE}, after: $after) {
    totalCount hasNextPage endCursor
    items { ${DOC_FIELDS} }
    facets {
      bodies { value label count } families { value label count } years { value label count }
      months { value label count } series { value label count }
    }
  }
}`;

const ORDERS = [['NEWEST', 'Newest first'], ['OLDEST', 'Oldest first'], ['SYMBOL', 'By symbol']];

function filterFrom(params) {
  const f = {};
  for (const { name } of FIELDS) {
    const v = (params.get(name) || '').trim();
    if (v) f[name] = v;
  }
  const text = (params.get('q') || '').trim();
  if (text) f.text = text;
  return f;
}

function urlFor(filter, order) {
  const q = new URLSearchParams();
  for (const { name } of FIELDS) if (filter[name]) q.set(name, filter[name]);
  if (filter.text) q.set('q', filter.text);
  if (order && order !== 'NEWEST') q.set('order', order);
  const s = q.toString();
  return `/documents${s ? '?' + s : ''}`;
}

/** docRow is one document of a list: symbol, title and body, family,
 * date, paragraphs, calls. Shared with the home page and the series page. */
export function docRow(it, seriesLabels = new Map()) {
  const doc = it.document;
  const name = doc.symbols.length ? doc.symbols.join(' – ') : doc.key;
  return h('tr', { dataset: { key: doc.key } },
    h('th', { scope: 'row' }, h('a', { href: documentURL(doc.key) }, name)),
    h('td', null, h('a', { href: entityURL(doc.id) }, doc.title),
      doc.body ? h('div', { class: 'muted small' }, doc.body) : null,
      it.series && it.series.length ? h('div', { class: 'small' }, 'Series: ', it.series.map((s, i) => [i ? ', ' : '',
        h('a', { href: `/series?id=${encodeURIComponent(s)}` }, seriesLabels.get(s) || s)])) : null),
    h('td', null, it.family),
    h('td', { class: 'num' }, doc.date || '—'),
    h('td', { class: 'num' }, String(it.paragraphs)),
    h('td', { class: 'num' }, it.recommendations
      ? h('a', { href: `/recommendations?document=${encodeURIComponent(doc.id)}` }, String(it.recommendations)) : '0'));
}

/** docTable is the table docRow fills. */
export function docTable(caption, rows) {
  return h('table', { class: 'doc-table' },
    h('caption', null, caption),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, 'Symbol'), h('th', { scope: 'col' }, 'Title'), h('th', { scope: 'col' }, 'Family'),
      h('th', { scope: 'col', class: 'num' }, 'Date'), h('th', { scope: 'col', class: 'num' }, 'Paragraphs'),
      h('th', { scope: 'col', class: 'num' }, 'Calls'))),
    h('tbody', null, rows));
}

export async function render(ctx) {
  let filter = filterFrom(ctx.params);
  let order = ORDERS.some(([o]) => o === ctx.params.get('order')) ? ctx.params.get('order') : 'NEWEST';
  ctx.title('Documents');

  const selects = {};
  const fields = FIELDS.map((f) => {
    const id = `d-${f.name}`;
    const sel = h('select', { id, name: f.name }, h('option', { value: '' }, 'Any'));
    if (filter[f.name]) sel.append(h('option', { value: filter[f.name], selected: true }, filter[f.name]));
    sel.addEventListener('change', () => apply({ ...filter, [f.name]: sel.value || undefined }));
    selects[f.name] = sel;
    return h('div', { class: 'field' }, h('label', { for: id }, f.label), sel);
  });
  const orderSel = h('select', { id: 'd-order', name: 'order' }, ORDERS.map(([v, t]) => h('option', { value: v, selected: v === order }, t)));
  orderSel.addEventListener('change', () => { order = orderSel.value; apply(filter); });
  const text = h('input', { id: 'd-q', name: 'q', type: 'search', placeholder: 'e.g. Haiti, S/2025, quarterly', autocomplete: 'off' });
  text.value = filter.text || '';
  const applyText = debounce(() => apply({ ...filter, text: text.value.trim() || undefined }), 400);
  text.addEventListener('input', applyText);
  const form = filterForm({
    label: 'Filter documents',
    fields: [
      h('div', { class: 'field' }, h('label', { for: 'd-q' }, 'Words in the symbol or title'), text),
      fields,
      h('div', { class: 'field' }, h('label', { for: 'd-order' }, 'Order'), orderSel)],
    clearHref: '/documents', clearId: 'clear-doc-filters',
    onSubmit: () => { applyText.cancel(); apply({ ...filter, text: text.value.trim() || undefined }); },
  });
  const summary = h('p', { class: 'count-line', role: 'status', 'aria-live': 'polite' });
  const results = h('div', null, loading('Loading documents…'));
  replace(ctx.main,
    h('div', { class: 'page-head' }, pageHeading('Documents')),
    h('p', { class: 'lede' }, 'Every ingested document, newest first. Each option counts the documents it would leave; the address of this page keeps the filter.'),
    form, summary, results);

  let gen = 0;
  let items = [];
  let seriesLabels = new Map();
  async function load() {
    const my = ++gen;
    replace(results, loading('Loading documents…'));
    try {
      const d = await gql(LIST, { filter: Object.keys(filter).length ? filter : null, order, after: null }, { signal: ctx.signal });
      if (my !== gen) return;
      const l = d.documentList;
      seriesLabels = new Map(l.facets.series.map((f) => [f.value, f.label]));
      fillFacets(l.facets);
      items = [];
      show(l, true);
    } catch (err) {
      if (ctx.signal.aborted || my !== gen) return;
      summary.textContent = '';
      replace(results, errorNotice(err, load));
    }
  }

  function fillFacets(facets) {
    for (const f of FIELDS) {
      const sel = selects[f.name];
      const current = filter[f.name] || '';
      const opts = facets[f.facet];
      const children = [h('option', { value: '' }, 'Any')];
      let found = !current;
      for (const o of opts) {
        const on = o.value === current;
        found = found || on;
        children.push(h('option', { value: o.value, selected: on }, `${o.label} (${o.count})`));
      }
      if (!found) children.push(h('option', { value: current, selected: true }, `${current} (0)`));
      sel.replaceChildren(...children);
    }
  }

  function show(l, first) {
    const n = l.totalCount;
    const active = Object.keys(filter).length;
    summary.textContent = `${plural(n, 'document')}${active ? ' match the filter' : ' in the corpus'}.`;
    if (first) announce(summary.textContent);
    if (first && n === 0) {
      replace(results, empty('No document matches this filter. Remove a condition or clear all filters.'));
      return;
    }
    items.push(...l.items);
    let tbody;
    if (first) {
      const table = docTable('Documents, in the chosen order', []);
      tbody = table.querySelector('tbody');
      replace(results, scrollTable(table, 'Documents table'), h('div', { class: 'pager', id: 'doc-pager' }));
    } else {
      tbody = results.querySelector('tbody');
    }
    for (const it of l.items) tbody.append(docRow(it, seriesLabels));
    const pager = results.querySelector('#doc-pager');
    pager.replaceChildren(h('span', { class: 'muted' }, `Showing ${tbody.children.length} of ${n}.`), ' ',
      csvLink('Download these rows (CSV)', 'documents.csv',
        ['symbol', 'title', 'family', 'body', 'date', 'paragraphs', 'calls', 'series'],
        () => items.map((it) => [it.document.symbol || it.document.key, it.document.title, it.family, it.document.body || '',
          it.document.date || '', it.paragraphs, it.recommendations, it.series.join(' | ')])));
    if (l.hasNextPage) {
      const btn = h('button', { type: 'button', id: 'doc-more' }, `Show ${Math.min(PAGE, n - tbody.children.length)} more`);
      btn.addEventListener('click', async () => {
        btn.disabled = true;
        try {
          const d = await gql(LIST, { filter: Object.keys(filter).length ? filter : null, order, after: l.endCursor }, { signal: ctx.signal });
          const firstNew = tbody.children.length;
          show(d.documentList, false);
          const link = tbody.children[firstNew] && tbody.children[firstNew].querySelector('a');
          if (link) link.focus();
        } catch (err) {
          if (ctx.signal.aborted) return;
          pager.replaceChildren(errorNotice(err));
        }
      });
      pager.append(' ', btn);
    }
  }

  function apply(next) {
    const f = {};
    for (const [k, v] of Object.entries(next)) if (v) f[k] = v;
    // A month outside the chosen year is no longer a choice.
    if (f.month && f.year && !f.month.startsWith(f.year)) delete f.month;
    filter = f;
    ctx.setURL(urlFor(filter, order));
    load();
  }

  await load();
}
