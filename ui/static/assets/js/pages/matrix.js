// The matrix view: two kinds crossed (crime types × sections, themes ×
// documents, …) or a kind crossed with a property of the documents
// (issuing body, family, series, month, year), each cell counting the
// recommendations linked to both; a cell opens the recommendations behind
// its count. Rows and columns come heaviest first, cut to the heaviest
// when there are hundreds.

import { h, replace, announce } from '../dom.js';
import { gql, limits } from '../api.js';
import { loading, errorNotice, pageHeading, scrollTable, empty, exportBar } from '../components.js';
import { KINDS, kindFromURL, entityURL, documentURL, docName, sectionName, plural, fileSlug } from '../format.js';
import { csvLink } from '../csv.js';

/** AXES are the kinds a matrix can cross, with the recommendations filter
 * field that selects one of their entities. */
const AXES = [
  ['CRIME_TYPE', 'crimeType'], ['SECTION', 'section'], ['THEME', 'theme'], ['DOCUMENT', 'document'],
  ['INSTRUMENT', 'instrument'], ['STATE', 'actor'], ['ORGANIZATION', 'actor'], ['GROUP', 'actor'],
];
const FIELD = Object.fromEntries(AXES);

/** DOC_AXES are the properties of the document a recommendation stands
 * in, with the documents browser filter that selects a value. */
const DOC_AXES = {
  BODY: { one: 'Issuing body', many: 'Issuing bodies', url: 'Body', filter: 'body' },
  FAMILY: { one: 'Document family', many: 'Document families', url: 'Family', filter: 'family' },
  SERIES: { one: 'Series', many: 'Series', url: 'Series', filter: 'series' },
  MONTH: { one: 'Month', many: 'Months', url: 'Month', filter: 'month' },
  YEAR: { one: 'Year', many: 'Years', url: 'Year', filter: 'year' },
};
const INFO = { ...KINDS, ...DOC_AXES };
const ALL_AXES = [...AXES.map(([k]) => k), ...Object.keys(DOC_AXES)];
const MAX_ROWS = 100;
const MAX_COLUMNS = 60;

function axisFromURL(s) {
  const k = kindFromURL(s);
  if (k && FIELD[k]) return k;
  const n = String(s || '').toLowerCase();
  return Object.keys(DOC_AXES).find((a) => DOC_AXES[a].url.toLowerCase() === n) || null;
}

const AXIS_FIELDS = `id kind label ... on Section { parent { id kind label } } ... on Document { key symbol }`;

const HEAD = `key label total entity { ${AXIS_FIELDS} }`;
const MATRIX = `query Matrix($rows: String!, $columns: String!, $filter: RecommendationFilter, $first: Int!) {
  crosstab(rows: $rows, columns: $columns, filter: $filter, maxRows: ${MAX_ROWS}, maxColumns: ${MAX_COLUMNS}) {
    recommendationCount rowCount columnCount
    rowHeads { ${HEAD} }
    columnHeads { ${HEAD} }
    cells { row column count ids }
  }
  documents(first: $first) { nodes { id key symbol } }
}`;

const CELL = `query Cell($ids: [ID!]!) {
  nodes(ids: $ids) {
    ... on Recommendation { id ref citation text document { key symbol } }
  }
}`;

function axisName(e) {
  if (e.kind === 'DOCUMENT') return docName(e);
  if (e.kind === 'SECTION') return sectionName(e, 60);
  return e.label;
}

export async function render(ctx) {
  const rows = axisFromURL(ctx.params.get('rows')) || 'CRIME_TYPE';
  let columns = axisFromURL(ctx.params.get('columns')) || 'SECTION';
  if (columns === rows) columns = rows === 'SECTION' ? 'CRIME_TYPE' : 'SECTION';
  const documentFilter = (ctx.params.get('document') || '').trim();
  // A revision stands for the document it supersedes unless asked otherwise.
  const withSuperseded = ctx.params.get('superseded') === '1';
  ctx.title(`${INFO[rows].many} × ${INFO[columns].many}`);

  const choice = (id, label, value) => h('div', { class: 'field' }, h('label', { for: id }, label),
    h('select', { id, name: id }, ALL_AXES.map((k) => h('option', { value: INFO[k].url, selected: k === value }, INFO[k].many))));
  const docSelect = h('select', { id: 'm-document', name: 'document' }, h('option', { value: '' }, 'All documents'));
  if (documentFilter) docSelect.append(h('option', { value: documentFilter, selected: true }, documentFilter));
  const superseded = h('input', { type: 'checkbox', id: 'm-superseded', name: 'superseded', checked: withSuperseded });
  const form = h('form', { class: 'toolbar', 'aria-label': 'Choose the matrix' },
    choice('m-rows', 'Rows', rows), choice('m-columns', 'Columns', columns),
    h('div', { class: 'field' }, h('label', { for: 'm-document' }, 'Recommendations of'), docSelect),
    h('div', { class: 'field' }, h('span', null, superseded, ' ', h('label', { for: 'm-superseded' }, 'Include superseded versions'))),
    h('button', { type: 'submit', class: 'primary' }, 'Show'),
    h('button', { type: 'button', id: 'm-swap', onclick: () => go(INFO[columns].url, INFO[rows].url, docSelect.value, '#m-swap') }, 'Swap rows and columns'));
  const go = (r, c, d, focus) => {
    const q = new URLSearchParams({ rows: r, columns: c });
    if (d) q.set('document', d);
    if (superseded.checked) q.set('superseded', '1');
    ctx.navigate(`/matrix?${q}`, { focus });
  };
  const submit = (focus) => go(form.querySelector('#m-rows').value, form.querySelector('#m-columns').value, docSelect.value, focus);
  form.addEventListener('submit', (e) => { e.preventDefault(); submit(null); });
  for (const id of ['m-rows', 'm-columns', 'm-document', 'm-superseded']) {
    form.querySelector(`#${id}`).addEventListener('change', () => submit(`#${id}`));
  }

  const body = h('div', null, loading('Counting…'));
  const panel = h('section', { class: 'cell-panel', 'aria-live': 'polite' });
  const q = new URLSearchParams({ rows: INFO[rows].url, columns: INFO[columns].url });
  const filter = documentFilter || withSuperseded
    ? { ...(documentFilter ? { document: documentFilter } : {}), ...(withSuperseded ? { withSuperseded: true } : {}) } : null;
  if (documentFilter) q.set('document', documentFilter);
  if (withSuperseded) q.set('superseded', '1');
  const base = `crimegraph-${INFO[rows].url}-x-${INFO[columns].url}${documentFilter ? '-' + fileSlug(documentFilter) : ''}`;
  replace(ctx.main,
    pageHeading(`${INFO[rows].many} × ${INFO[columns].many}`),
    h('p', { class: 'lede' }, 'Each cell counts the recommendations linked to both its row and its column. Select a count to read the recommendations behind it.'),
    form,
    FIELD[rows] && FIELD[columns]
      ? exportBar('Download matrix', [[`/diagram/cooccurrence?${q}&format=svg`, 'SVG', `${base}.svg`], [`/diagram/cooccurrence?${q}&format=csv`, 'CSV', `${base}.csv`]])
      : h('div', { class: 'exports', id: 'm-exports' }),
    body, panel);

  let d;
  let lim;
  try {
    lim = await limits();
    d = await gql(MATRIX, { rows, columns, filter, first: lim.maxPage }, { signal: ctx.signal });
  } catch (err) {
    if (ctx.signal.aborted) return;
    replace(body, errorNotice(err, () => render(ctx)));
    return;
  }
  for (const doc of d.documents.nodes) {
    if (doc.id === documentFilter || doc.key === documentFilter) {
      for (const o of Array.from(docSelect.options)) if (o.value === documentFilter) o.remove();
    }
    docSelect.append(h('option', { value: doc.id, selected: doc.id === documentFilter || doc.key === documentFilter }, docName(doc)));
  }
  const x = d.crosstab;
  const head = (axis) => (hd) => (hd.entity ? { ...hd.entity, total: hd.total } : { id: hd.key, kind: axis, label: hd.label, total: hd.total });
  const m = {
    rows: x.rowHeads.map(head(rows)), columns: x.columnHeads.map(head(columns)),
    rowTotals: x.rowHeads.map((hd) => hd.total), columnTotals: x.columnHeads.map((hd) => hd.total),
    cells: x.cells, recommendationCount: x.recommendationCount,
    counting: `each cell counts the recommendations linked to both its ${INFO[rows].one.toLowerCase()} and its ${INFO[columns].one.toLowerCase()}`,
  };
  const cut = x.rowCount > m.rows.length || x.columnCount > m.columns.length
    ? ` Showing the heaviest ${m.rows.length} of ${x.rowCount} rows and ${m.columns.length} of ${x.columnCount} columns.` : '';
  if (!(FIELD[rows] && FIELD[columns])) {
    const exp = ctx.main.querySelector('#m-exports');
    if (exp) exp.replaceChildren(h('span', { class: 'exports__label' }, 'Download matrix:'),
      csvLink('CSV', `${base}.csv`, [INFO[rows].one, ...m.columns.map(axisName), 'Total'],
        () => m.rows.map((r, i) => [axisName(r), ...m.columns.map((c, j) => { const cell = byCell.get(`${i},${j}`); return cell ? cell.count : 0; }), m.rowTotals[i]])));
  }
  if (m.rows.length === 0 || m.columns.length === 0) {
    replace(body, empty(`No recommendation links a ${INFO[rows].one.toLowerCase()} to a ${INFO[columns].one.toLowerCase()}${filter ? ' in this document' : ''}.`));
    return;
  }
  const byCell = new Map(m.cells.map((c) => [`${c.row},${c.column}`, c]));
  const max = Math.max(1, ...m.cells.map((c) => c.count));
  let pressed = null;

  const open = async (c, button) => {
    if (pressed) pressed.setAttribute('aria-pressed', 'false');
    pressed = button;
    button.setAttribute('aria-pressed', 'true');
    const r = m.rows[c.row];
    const col = m.columns[c.column];
    const cq = new URLSearchParams(q);
    cq.set('cell', `${r.id}|${col.id}`);
    ctx.setURL(`/matrix?${cq}`, { push: false });
    const browse = browseURL(r, col, filter);
    const heading = h('h2', { id: 'cell-h', tabindex: '-1' }, `${axisName(r)} × ${axisName(col)}`);
    replace(panel, heading,
      h('p', null, plural(c.count, 'recommendation'), ' linked to both. ',
        browse ? h('a', { href: browse }, 'Open them in the recommendations browser') : null,
        ' ', h('button', { type: 'button', onclick: () => button.focus() }, 'Back to the matrix')),
      loading('Loading the recommendations…'));
    heading.focus();
    try {
      const out = [];
      for (let i = 0; i < c.ids.length; i += lim.maxPage) {
        const part = await gql(CELL, { ids: c.ids.slice(i, i + lim.maxPage) }, { signal: ctx.signal });
        out.push(...part.nodes.filter(Boolean));
      }
      panel.lastChild.replaceWith(h('ol', { class: 'relations cell-recs' }, out.map((rec) => h('li', null,
        h('a', { href: documentURL(rec.document && rec.document.key, rec.ref) }, rec.citation),
        ' · ', h('a', { href: entityURL(rec.id), class: 'small' }, 'details'),
        h('p', { class: 'para__text' }, rec.text)))));
      announce(`${plural(c.count, 'recommendation')} shown below the matrix.`);
    } catch (err) {
      if (ctx.signal.aborted) return;
      panel.lastChild.replaceWith(errorNotice(err, () => open(c, button)));
    }
  };

  const thead = h('thead', null, h('tr', null,
    h('td', null, h('span', { class: 'muted small' }, `${INFO[rows].many} ↓ · ${INFO[columns].many} →`)),
    m.columns.map((col) => h('th', { scope: 'col' }, h('a', { href: headURL(col) }, axisName(col)))),
    h('th', { scope: 'col', class: 'num' }, 'Total')));
  const buttons = new Map();
  const tbody = h('tbody', null, m.rows.map((r, i) => h('tr', null,
    h('th', { scope: 'row' }, h('a', { href: headURL(r) }, axisName(r))),
    m.columns.map((col, j) => {
      const c = byCell.get(`${i},${j}`);
      if (!c || c.count === 0) return h('td', { class: 'zero' }, h('span', { 'aria-label': 'none' }, '·'));
      const level = Math.min(5, Math.ceil((c.count / max) * 5));
      const b = h('button', {
        type: 'button', class: `heat-${level}`, 'aria-pressed': 'false',
        'aria-label': `${plural(c.count, 'recommendation')}: ${axisName(r)} and ${axisName(col)}`,
        dataset: { row: r.id, column: col.id },
      }, String(c.count));
      b.addEventListener('click', () => open(c, b));
      buttons.set(`${r.id}|${col.id}`, [c, b]);
      return h('td', null, b);
    }),
    h('td', { class: 'num total' }, String(m.rowTotals[i])))));
  const tfoot = h('tfoot', null, h('tr', null,
    h('th', { scope: 'row' }, 'Total'),
    m.columnTotals.map((n) => h('td', { class: 'num total' }, String(n))),
    h('td', { class: 'num total' }, String(m.recommendationCount))));
  const table = h('table', { class: 'matrix' },
    h('caption', null, `${m.counting[0].toUpperCase()}${m.counting.slice(1)}. ${plural(m.recommendationCount, 'recommendation')} counted.${cut}`),
    thead, tbody, tfoot);
  replace(body, scrollTable(table, `Matrix of ${INFO[rows].many} by ${INFO[columns].many}`));

  const want = ctx.params.get('cell');
  if (want && buttons.has(want)) {
    const [c, b] = buttons.get(want);
    open(c, b);
  }
}

/** headURL is where a row or column leads: its entity's page, or the
 * documents with that body, family, series, month or year. */
function headURL(e) {
  const a = DOC_AXES[e.kind];
  return a ? `/documents?${a.filter}=${encodeURIComponent(e.id)}` : entityURL(e.id);
}

/** browseURL filters the recommendations browser on a cell's two
 * entities, when both kinds have a filter field of their own. */
function browseURL(r, col, filter) {
  const fr = FIELD[r.kind];
  const fc = FIELD[col.kind];
  if (!fr || !fc || fr === fc) return null;
  const q = new URLSearchParams();
  if (filter && filter.document && fr !== 'document' && fc !== 'document') q.set('document', filter.document);
  q.set(fr, r.id);
  q.set(fc, col.id);
  if (filter && filter.withSuperseded) q.set('superseded', '1');
  return `/recommendations?${q}`;
}
