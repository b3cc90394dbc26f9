// Two documents side by side: the crime types, actors, groups,
// instruments and themes each names (with the paragraphs that do), what
// they share, what only one has, and their calls to act matched one to one.

import { h, replace } from '../dom.js';
import { gql } from '../api.js';
import { loading, errorNotice, pageHeading, scrollTable, empty } from '../components.js';
import { documentURL, entityURL, docName, plural, shorten } from '../format.js';
import { csvLink } from '../csv.js';
import { reason, score } from '../similar.js';

const ROW = 'id label kind a b';
const CALL = 'id ref citation text document { key symbol label }';
const COMPARE = `query Compare($a: ID!, $b: ID!) {
  compare(a: $a, b: $b) {
    a { id key symbol title date } b { id key symbol title date }
    groups { kind shared { ${ROW} } onlyA { ${ROW} } onlyB { ${ROW} } }
    pairs { a { ${CALL} } b { ${CALL} } similarity { score text entities sharedWords sharedEntities sharedEntityLabels } }
    unmatchedA { ${CALL} } unmatchedB { ${CALL} }
  }
}`;

const KIND_NAMES = { CrimeType: 'Crime types', State: 'States', Organization: 'Organizations', Group: 'Groups', Instrument: 'Instruments', Theme: 'Themes', Person: 'People' };

export async function render(ctx) {
  const a = (ctx.params.get('a') || '').trim();
  const b = (ctx.params.get('b') || '').trim();
  ctx.title('Compare');
  if (!a || !b) {
    replace(ctx.main, pageHeading('Compare two documents'), empty('Name two documents: /compare?a=document:S/2025/395&b=document:S/2025/525, or pick two members on a series page.'));
    return;
  }
  replace(ctx.main, pageHeading('Compare'), loading('Comparing…'));
  let c;
  try {
    c = (await gql(COMPARE, { a, b }, { signal: ctx.signal })).compare;
  } catch (err) {
    if (ctx.signal.aborted) return;
    replace(ctx.main, pageHeading('Compare'), errorNotice(err, () => render(ctx)));
    return;
  }
  // A document without a symbol (a meeting report) goes by its title.
  const na = c.a.symbol ? docName(c.a) : shorten(c.a.title, 50);
  const nb = c.b.symbol ? docName(c.b) : shorten(c.b.title, 50);
  ctx.title(`${na} and ${nb}`);
  const groups = c.groups.filter((g) => g.shared.length + g.onlyA.length + g.onlyB.length);
  const col = (title, rows, cls) => h('div', { class: cls },
    h('h4', null, `${title} (${rows.length})`),
    rows.length ? h('ul', null, rows.map((r) => h('li', null, h('a', { href: entityURL(r.id) }, r.label), ' ',
      h('span', { class: 'muted small' }, cls === 'shared' ? `${r.a} / ${r.b}` : String(cls === 'only-a' ? r.a : r.b))))) : h('p', { class: 'muted small' }, 'none'));
  const csv = csvLink('Download the comparison (CSV)', `compare-${na}-${nb}.csv`.replace(/[^A-Za-z0-9._-]+/g, '-'),
    ['kind', 'id', 'label', `paragraphs in ${na}`, `paragraphs in ${nb}`],
    () => groups.flatMap((g) => [...g.shared, ...g.onlyA, ...g.onlyB].map((r) => [g.kind, r.id, r.label, r.a, r.b])));
  replace(ctx.main,
    pageHeading(`${na} and ${nb}`),
    h('dl', { class: 'facts' },
      h('dt', null, 'A'), h('dd', null, h('a', { href: documentURL(c.a.key) }, na), ` (${c.a.date || 'undated'}) `, h('span', { class: 'muted' }, c.a.title)),
      h('dt', null, 'B'), h('dd', null, h('a', { href: documentURL(c.b.key) }, nb), ` (${c.b.date || 'undated'}) `, h('span', { class: 'muted' }, c.b.title))),
    h('h2', null, 'What each names'),
    h('p', { class: 'small muted' }, 'Counts are paragraphs naming the entity.'),
    groups.length ? groups.map((g) => h('section', { class: 'compare-kind', dataset: { kind: g.kind } },
      h('h3', null, KIND_NAMES[g.kind] || g.kind),
      h('div', { class: 'compare-grid' }, col(`Only in ${na}`, g.onlyA, 'only-a'), col('In both', g.shared, 'shared'), col(`Only in ${nb}`, g.onlyB, 'only-b')))) : empty('Neither document names a recognised entity.'),
    h('div', { class: 'exports' }, csv),
    h('h2', null, 'Calls to act, matched'),
    c.pairs.length ? scrollTable(h('table', { class: 'pairs' },
      h('caption', { class: 'visually-hidden' }, 'Calls of the two documents matched one to one'),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, na), h('th', { scope: 'col' }, 'Score and why'), h('th', { scope: 'col' }, nb))),
      h('tbody', null, c.pairs.map((p) => h('tr', null,
        h('td', null, callCell(p.a)), h('td', null, score(p.similarity), reason(p.similarity)), h('td', null, callCell(p.b)))))), 'Matched calls')
      : empty('No call of one corresponds to a call of the other.'),
    c.unmatchedA.length || c.unmatchedB.length ? h('div', { class: 'compare-grid' },
      h('details', { class: 'unmatched' }, h('summary', null, `Only in ${na}: ${plural(c.unmatchedA.length, 'call')}`), h('ul', null, c.unmatchedA.map((r) => h('li', null, callCell(r))))),
      h('div', null),
      h('details', { class: 'unmatched' }, h('summary', null, `Only in ${nb}: ${plural(c.unmatchedB.length, 'call')}`), h('ul', null, c.unmatchedB.map((r) => h('li', null, callCell(r)))))) : null);
}

function callCell(r) {
  return h('div', null, h('a', { href: entityURL(r.id) }, r.citation), h('div', { class: 'small' }, shorten(r.text, 300)));
}
