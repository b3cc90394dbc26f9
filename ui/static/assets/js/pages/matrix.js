// The matrix view: two kinds crossed (crime types × sections, themes ×
// documents, …), each cell counting the recommendations linked to both;
// a cell opens the recommendations behind its count.

import { h, replace, announce } from '../dom.js';
import { gql } from '../api.js';
import { loading, errorNotice, pageHeading, scrollTable, empty, exportBar } from '../components.js';
import { KINDS, kindFromURL, entityURL, documentURL, docName, sectionName, plural, fileSlug } from '../format.js';

/** AXES are the kinds a matrix can cross, with the recommendations filter
 * field that selects one of their entities. */
const AXES = [
  ['CRIME_TYPE', 'crimeType'], ['SECTION', 'section'], ['THEME', 'theme'], ['DOCUMENT', 'document'],
  ['INSTRUMENT', 'instrument'], ['STATE', 'actor'], ['ORGANIZATION', 'actor'], ['GROUP', 'actor'],
];
const FIELD = Object.fromEntries(AXES);

const AXIS_FIELDS = `id kind label ... on Section { parent { id kind label } } ... on Document { key symbol }`;

const MATRIX = `query Matrix($rows: EntityKind!, $columns: EntityKind!, $filter: RecommendationFilter) {
  cooccurrence(rows: $rows, columns: $columns, filter: $filter) {
    counting recommendationCount
    rows { ${AXIS_FIELDS} }
    columns { ${AXIS_FIELDS} }
    rowTotals columnTotals
    cells { row column count ids }
  }
  documents(first: 100) { nodes { id key symbol } }
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
  const rows = kindFromURL(ctx.params.get('rows')) || 'CRIME_TYPE';
  let columns = kindFromURL(ctx.params.get('columns')) || 'SECTION';
  if (columns === rows) columns = rows === 'SECTION' ? 'CRIME_TYPE' : 'SECTION';
  const documentFilter = (ctx.params.get('document') || '').trim();
  ctx.title(`${KINDS[rows].many} × ${KINDS[columns].many}`);

  const choice = (id, label, value) => h('div', { class: 'field' }, h('label', { for: id }, label),
    h('select', { id, name: id }, AXES.map(([k]) => h('option', { value: KINDS[k].url, selected: k === value }, KINDS[k].many))));
  const docSelect = h('select', { id: 'm-document', name: 'document' }, h('option', { value: '' }, 'All documents'));
  if (documentFilter) docSelect.append(h('option', { value: documentFilter, selected: true }, documentFilter));
  const form = h('form', { class: 'toolbar', 'aria-label': 'Choose the matrix' },
    choice('m-rows', 'Rows', rows), choice('m-columns', 'Columns', columns),
    h('div', { class: 'field' }, h('label', { for: 'm-document' }, 'Recommendations of'), docSelect),
    h('button', { type: 'submit', class: 'primary' }, 'Show'),
    h('button', { type: 'button', id: 'm-swap', onclick: () => go(KINDS[columns].url, KINDS[rows].url, docSelect.value, '#m-swap') }, 'Swap rows and columns'));
  const go = (r, c, d, focus) => {
    const q = new URLSearchParams({ rows: r, columns: c });
    if (d) q.set('document', d);
    ctx.navigate(`/matrix?${q}`, { focus });
  };
  const submit = (focus) => go(form.querySelector('#m-rows').value, form.querySelector('#m-columns').value, docSelect.value, focus);
  form.addEventListener('submit', (e) => { e.preventDefault(); submit(null); });
  for (const id of ['m-rows', 'm-columns', 'm-document']) {
    form.querySelector(`#${id}`).addEventListener('change', () => submit(`#${id}`));
  }

  const body = h('div', null, loading('Counting…'));
  const panel = h('section', { class: 'cell-panel', 'aria-live': 'polite' });
  const q = new URLSearchParams({ rows: KINDS[rows].url, columns: KINDS[columns].url });
  const filter = documentFilter ? { document: documentFilter } : null;
  if (documentFilter) q.set('document', documentFilter);
  const base = `crimegraph-${KINDS[rows].url}-x-${KINDS[columns].url}${documentFilter ? '-' + fileSlug(documentFilter) : ''}`;
  replace(ctx.main,
    pageHeading(`${KINDS[rows].many} × ${KINDS[columns].many}`),
    h('p', { class: 'lede' }, 'Each cell counts the recommendations linked to both its row and its column. Select a count to read the recommendations behind it.'),
    form,
    exportBar('Download matrix', [[`/diagram/cooccurrence?${q}&format=svg`, 'SVG', `${base}.svg`], [`/diagram/cooccurrence?${q}&format=csv`, 'CSV', `${base}.csv`]]),
    body, panel);

  let d;
  try {
    d = await gql(MATRIX, { rows, columns, filter }, { signal: ctx.signal });
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
  const m = d.cooccurrence;
  if (m.rows.length === 0 || m.columns.length === 0) {
    replace(body, empty(`No recommendation links a ${KINDS[rows].one.toLowerCase()} to a ${KINDS[columns].one.toLowerCase()}${filter ? ' in this document' : ''}.`));
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
      for (let i = 0; i < c.ids.length; i += 100) {
        const part = await gql(CELL, { ids: c.ids.slice(i, i + 100) }, { signal: ctx.signal });
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
    h('td', null, h('span', { class: 'muted small' }, `${KINDS[rows].many} ↓ · ${KINDS[columns].many} →`)),
    m.columns.map((col) => h('th', { scope: 'col' }, h('a', { href: entityURL(col.id) }, axisName(col)))),
    h('th', { scope: 'col', class: 'num' }, 'Total')));
  const buttons = new Map();
  const tbody = h('tbody', null, m.rows.map((r, i) => h('tr', null,
    h('th', { scope: 'row' }, h('a', { href: entityURL(r.id) }, axisName(r))),
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
    h('caption', null, `${m.counting[0].toUpperCase()}${m.counting.slice(1)}. ${plural(m.recommendationCount, 'recommendation')} counted.`),
    thead, tbody, tfoot);
  replace(body, scrollTable(table, `Matrix of ${KINDS[rows].many} by ${KINDS[columns].many}`));

  const want = ctx.params.get('cell');
  if (want && buttons.has(want)) {
    const [c, b] = buttons.get(want);
    open(c, b);
  }
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
  return `/recommendations?${q}`;
}
