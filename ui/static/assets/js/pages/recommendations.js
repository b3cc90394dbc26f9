// The recommendations browser: every call to act in a table, filtered by
// form (recommendation, operative paragraph, call), document, section,
// crime type, instrument, theme, actor and words.
// The filter lives in the URL, so a view can be bookmarked and shared; each
// option shows how many recommendations it would leave, counted by the
// server's co-occurrence matrix with the other filters applied.

import { h, replace, debounce, announce, fold } from '../dom.js';
import { gql } from '../api.js';
import { loading, errorNotice, pageHeading, chips, scrollTable, empty, filterForm } from '../components.js';
import { KINDS, documentURL, entityURL, docName, sectionName, plural } from '../format.js';

/** FIELDS are the filter fields in the order of the form, with the kinds
 * that fill their lists. */
const FIELDS = [
  { name: 'document', label: 'Document', kinds: ['DOCUMENT'] },
  { name: 'section', label: 'Section', kinds: ['SECTION'] },
  { name: 'crimeType', label: 'Crime type', kinds: ['CRIME_TYPE'] },
  { name: 'instrument', label: 'Instrument', kinds: ['INSTRUMENT'] },
  { name: 'theme', label: 'Theme', kinds: ['THEME'] },
  { name: 'actor', label: 'Actor named (State, organization or group)', kinds: ['STATE', 'ORGANIZATION', 'GROUP'] },
  { name: 'addressee', label: 'Called upon (State or organization)', kinds: ['STATE', 'ORGANIZATION'] },
];
const PAGE = 50;

/** FORMS are the forms of a call to act, as the API names them. */
const FORMS = [
  ['recommendation', 'Recommendation'],
  ['operative', 'Operative paragraph of a resolution or decision'],
  ['call', 'Call in a report or letter'],
];

const ROW_FIELDS = `id ref citation text form verb by
  document { key symbol label }
  section { id kind label parent { id kind label } }
  crimeTypes(first: 10) { totalCount nodes { id kind label } }
  instruments(first: 10) { totalCount nodes { id kind label } }
  themes(first: 10) { totalCount nodes { id kind label } }
  actors(first: 20) { totalCount nodes { id kind label } }`;

const LIST = `query Recommendations($filter: RecommendationFilter, $after: String) {
  recommendations(filter: $filter, first: ${PAGE}, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { ${ROW_FIELDS} }
  }
}`;

/** facetQuery counts, for each filter field, the recommendations each of
 * its values would select given the other fields. The addressee list is
 * not counted (the matrix has no ADDRESSED_TO axis); it offers the actors. */
function facetQuery() {
  const vars = [];
  const parts = [];
  for (const f of FIELDS) {
    if (f.name === 'addressee') continue;
    vars.push(`$${f.name}: RecommendationFilter`);
    for (const k of f.kinds) {
      parts.push(`${f.name}_${k}: cooccurrence(rows: ${k}, columns: DOCUMENT, filter: $${f.name}) {
        rowTotals
        rows { id kind label ... on Section { parent { id kind label } } ... on Document { key symbol } }
      }`);
    }
  }
  return `query Facets(${vars.join(', ')}) { ${parts.join('\n')} }`;
}

/** filterFrom reads the filter from the URL. */
function filterFrom(params) {
  const f = {};
  for (const { name } of FIELDS) {
    const v = (params.get(name) || '').trim();
    if (v) f[name] = v;
  }
  const text = (params.get('text') || '').trim();
  if (text) f.text = text;
  const form = (params.get('form') || '').trim();
  if (FORMS.some(([v]) => v === form)) f.form = form;
  if (params.get('superseded') === '1') f.withSuperseded = true;
  return f;
}

function urlFor(filter) {
  const q = new URLSearchParams();
  for (const { name } of FIELDS) if (filter[name]) q.set(name, filter[name]);
  if (filter.text) q.set('text', filter.text);
  if (filter.form) q.set('form', filter.form);
  if (filter.withSuperseded) q.set('superseded', '1');
  const s = q.toString();
  return `/recommendations${s ? '?' + s : ''}`;
}

function without(filter, name) {
  const f = { ...filter };
  delete f[name];
  return Object.keys(f).length ? f : null;
}

export async function render(ctx) {
  let filter = filterFrom(ctx.params);
  ctx.title('Recommendations');

  const selects = {};
  const fields = FIELDS.map((f) => {
    const id = `f-${f.name}`;
    const sel = h('select', { id, name: f.name }, h('option', { value: '' }, 'Any'));
    if (filter[f.name]) sel.append(h('option', { value: filter[f.name], selected: true }, filter[f.name]));
    sel.addEventListener('change', () => apply({ ...filter, [f.name]: sel.value || undefined, ...(f.name === 'document' ? { section: undefined } : {}) }));
    selects[f.name] = sel;
    return h('div', { class: 'field' }, h('label', { for: id }, f.label), sel);
  });
  const formSel = h('select', { id: 'f-form', name: 'form' }, h('option', { value: '' }, 'Any'),
    FORMS.map(([v, label]) => h('option', { value: v, selected: filter.form === v }, label)));
  formSel.addEventListener('change', () => apply({ ...filter, form: formSel.value || undefined }));
  const text = h('input', { id: 'f-text', name: 'text', type: 'search', placeholder: 'words in the text', autocomplete: 'off' });
  text.value = filter.text || '';
  const applyText = debounce(() => apply({ ...filter, text: text.value.trim() || undefined }), 450);
  text.addEventListener('input', applyText);
  // A revision stands for the document it supersedes unless asked otherwise.
  const superseded = h('input', { type: 'checkbox', id: 'f-superseded', name: 'superseded', checked: !!filter.withSuperseded });
  superseded.addEventListener('change', () => apply({ ...filter, withSuperseded: superseded.checked || undefined }));
  const form = filterForm({
    label: 'Filter recommendations',
    fields: [
      h('div', { class: 'field' }, h('label', { for: 'f-text' }, 'Full text'), text),
      h('div', { class: 'field' }, h('label', { for: 'f-form' }, 'Form'), formSel), fields,
      h('div', { class: 'field' }, h('span', null, superseded, ' ', h('label', { for: 'f-superseded' }, 'Include superseded versions')))],
    clearHref: '/recommendations', clearId: 'clear-filters',
    onSubmit: () => { applyText.cancel(); apply({ ...filter, text: text.value.trim() || undefined }); },
  });

  const summary = h('p', { class: 'count-line', role: 'status', 'aria-live': 'polite' });
  const results = h('div', null, loading('Loading recommendations…'));
  replace(ctx.main,
    h('div', { class: 'page-head' }, pageHeading('Recommendations')),
    h('p', { class: 'lede' }, 'Every recommendation of the corpus, with what it addresses. Filter by any column; the address of this page keeps the filter, so a view can be shared.'),
    form, summary, results);

  let gen = 0;
  async function load() {
    const my = ++gen;
    replace(results, loading('Loading recommendations…'));
    summary.textContent = '';
    const facetVars = {};
    for (const f of FIELDS) if (f.name !== 'addressee') facetVars[f.name] = without(filter, f.name);
    const names = resolveNames(filter, ctx.signal);
    const facets = Promise.all([gql(facetQuery(), facetVars, { signal: ctx.signal }), names]).then(
      ([d, ids]) => { if (my === gen) fillFacets(d, ids); },
      () => { /* the lists keep their current options; the table reports errors */ });
    try {
      const d = await gql(LIST, { filter: Object.keys(filter).length ? filter : null, after: null }, { signal: ctx.signal });
      if (my !== gen) return;
      showPage(d.recommendations, true);
    } catch (err) {
      if (ctx.signal.aborted || my !== gen) return;
      summary.textContent = '';
      replace(results, errorNotice(err, load));
    }
    await facets;
  }

  function fillFacets(d, ids) {
    for (const f of FIELDS) {
      const sel = selects[f.name];
      const current = filter[f.name] || '';
      const named = ids[f.name] || new Set();
      const source = f.name === 'addressee' ? 'actor' : f.name;
      const groups = f.kinds.map((k) => {
        const m = d[`${source}_${k}`];
        if (!m) return null;
        const opts = m.rows.map((r, i) => ({ r, n: m.rowTotals[i] }));
        opts.sort((a, b) => optionLabel(a.r).localeCompare(optionLabel(b.r)));
        return { k, opts };
      }).filter(Boolean);
      const children = [h('option', { value: '' }, 'Any')];
      let found = !current;
      for (const g of groups) {
        const items = g.opts.map(({ r, n }) => {
          // The URL may name the entity by ID, label, code or alias
          // (?crimeType=0204): the server resolved it to IDs.
          const on = r.id === current || named.has(r.id) || fold(r.label) === fold(current);
          if (on) found = true;
          // The matrix counts actors named (NAMES_ACTOR); for the
          // called-upon list (ADDRESSED_TO) it only supplies the names.
          return h('option', { value: r.id, selected: on }, f.name === 'addressee' ? optionLabel(r) : `${optionLabel(r)} (${n})`);
        });
        if (groups.length > 1) children.push(h('optgroup', { label: KINDS[g.k] ? KINDS[g.k].many : g.k }, items));
        else children.push(...items);
      }
      if (!found) children.push(h('option', { value: current, selected: true }, f.name === 'addressee' ? current : `${current} (0)`));
      sel.replaceChildren(...children);
    }
  }

  function showPage(conn, first) {
    const n = conn.totalCount;
    const active = Object.keys(filter).length;
    summary.textContent = n ? `${plural(n, 'recommendation')}${active ? ' match the filter' : ' in the corpus'}.` : '';
    if (first) announce(summary.textContent || 'No recommendation matches the filter.');
    if (first && n === 0) {
      replace(results, empty(active ? 'No recommendation matches this filter. Remove a condition or clear all filters.' : 'The corpus holds no recommendation yet.'));
      return;
    }
    let tbody;
    if (first) {
      tbody = h('tbody');
      const table = h('table', { class: 'rec-table' },
        h('caption', { class: 'visually-hidden' }, 'Recommendations, with their source paragraph and what they address'),
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, 'Source'), h('th', { scope: 'col' }, 'Recommendation'), h('th', { scope: 'col' }, 'Section'),
          h('th', { scope: 'col' }, 'Crime types, instruments, themes and actors'))),
        tbody);
      replace(results, scrollTable(table, 'Recommendations table'), h('div', { class: 'pager', id: 'rec-pager' }));
    } else {
      tbody = results.querySelector('tbody');
    }
    for (const r of conn.nodes) tbody.append(row(r, filter.text));
    const pager = results.querySelector('#rec-pager');
    pager.replaceChildren(h('span', { class: 'muted' }, `Showing ${tbody.children.length} of ${n}.`));
    if (conn.pageInfo.hasNextPage) {
      const btn = h('button', { type: 'button' }, `Show ${Math.min(PAGE, n - tbody.children.length)} more`);
      btn.addEventListener('click', async () => {
        btn.disabled = true;
        pager.append(loading());
        try {
          const d = await gql(LIST, { filter: Object.keys(filter).length ? filter : null, after: conn.pageInfo.endCursor }, { signal: ctx.signal });
          const firstNew = tbody.children.length;
          showPage(d.recommendations, false);
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
    filter = f;
    ctx.setURL(urlFor(filter));
    load();
  }

  await load();
}

/** resolveNames asks the server which entities each filter value names
 * (a code, an alias, a label or an ID), as the filter itself does. */
async function resolveNames(filter, signal) {
  const fields = FIELDS.filter((f) => filter[f.name]);
  if (!fields.length) return {};
  const vars = fields.map((f, i) => `$n${i}: String!`).join(', ');
  const parts = fields.map((f, i) => `f${i}: lookup(name: $n${i}, first: 20) { nodes { id } }`).join('\n');
  const values = Object.fromEntries(fields.map((f, i) => [`n${i}`, filter[f.name]]));
  try {
    const d = await gql(`query Names(${vars}) { ${parts} }`, values, { signal });
    return Object.fromEntries(fields.map((f, i) => [f.name, new Set(d[`f${i}`].nodes.map((n) => n.id))]));
  } catch (err) {
    if (signal.aborted) throw err;
    return {};
  }
}

function optionLabel(r) {
  if (r.kind === 'DOCUMENT') return docName(r);
  if (r.kind === 'SECTION') return sectionName(r, 50);
  return r.label;
}

/** highlight marks the words of the text filter, matched on their stem. */
function highlight(text, query) {
  if (!query) return text;
  const stems = fold(query).split(/\s+/).filter((w) => w.length >= 3).map((w) => w.replace(/(ing|ed|es|s)$/, '').slice(0, Math.max(3, w.length - 2)));
  if (!stems.length) return text;
  const out = [];
  const re = /[\p{L}\p{N}]+/gu;
  let last = 0;
  for (const m of text.matchAll(re)) {
    const w = fold(m[0]);
    if (stems.some((s) => w.startsWith(s))) {
      out.push(text.slice(last, m.index), h('mark', null, m[0]));
      last = m.index + m[0].length;
    }
  }
  out.push(text.slice(last));
  return out;
}

/** citedRef is where the call stands, as the citation gives it: "para. 61(d)",
 * "annex, p. 3", "preambular para. 2". */
function citedRef(r) {
  if (/^\d/.test(r.ref)) return `para. ${r.ref}`;
  const i = (r.citation || '').indexOf(', ');
  return i >= 0 ? r.citation.slice(i + 2) : r.ref;
}

function row(r, text) {
  const doc = r.document || {};
  const links = [
    ['Crime types', r.crimeTypes], ['Instruments', r.instruments], ['Themes', r.themes], ['Actors', r.actors],
  ].filter(([, c]) => c.nodes.length);
  return h('tr', null,
    h('td', { class: 'cite' },
      h('a', { href: documentURL(doc.key, r.ref), title: `Read ${r.citation} in the document` },
        h('span', { class: 'cite__doc' }, docName(doc)), h('span', { class: 'cite__ref' }, citedRef(r))),
      h('div', { class: 'small' }, h('a', { href: entityURL(r.id), class: 'muted' }, 'details'))),
    h('td', { class: 'text' }, r.form && r.form !== 'recommendation'
      ? h('div', { class: 'small muted' }, `${r.form === 'operative' ? 'Operative paragraph' : 'Call'}${r.by ? ' by ' + r.by : ''}${r.verb ? ': ' + r.verb : ''}`)
      : null, highlight(r.text, text)),
    h('td', { class: 'section' }, r.section ? h('a', { href: entityURL(r.section.id) }, sectionName(r.section)) : '—'),
    h('td', { class: 'links' }, links.length
      ? h('dl', { class: 'linked' }, links.map(([term, c]) => [h('dt', null, term), h('dd', null, chips(c.nodes),
        c.totalCount > c.nodes.length ? h('a', { href: entityURL(r.id), class: 'small' }, `and ${c.totalCount - c.nodes.length} more`) : null)]))
      : h('span', { class: 'muted' }, 'none recognised')));
}
