// A series: the documents produced under one mandate, oldest first, the
// resolution that mandates them with the sentence that says so, and what
// each member adds to the ones before it. Without an ID: every series.

import { h, replace } from '../dom.js';
import { gql } from '../api.js';
import { loading, errorNotice, pageHeading, scrollTable, empty, evidenceList, entityLink } from '../components.js';
import { documentURL, entityURL, plural } from '../format.js';

const SERIES = `query Series($id: ID!) {
  series(id: $id) {
    id label
    mandates { to { id kind label } properties { name value } evidence { documentKey ref citation quote(context: 160) { before match after whole } } }
    members {
      document { id key symbol symbols title date body }
      order calls
      newCalls { id ref citation text }
      evidence { documentKey ref citation }
      new { id label kind a }
      dropped { id label kind a }
    }
  }
}`;

const LIST = `query SeriesList { seriesList { value label count } }`;

export async function render(ctx) {
  const id = (ctx.params.get('id') || '').trim();
  if (!id) return renderList(ctx);
  ctx.title('Series');
  replace(ctx.main, loading('Loading the series…'));
  let d;
  try {
    d = await gql(SERIES, { id }, { signal: ctx.signal });
  } catch (err) {
    if (ctx.signal.aborted) return;
    replace(ctx.main, pageHeading('Series'), errorNotice(err, () => render(ctx)));
    return;
  }
  const s = d.series;
  if (!s) {
    replace(ctx.main, pageHeading('Not found'), h('div', { class: 'notice notice--error', role: 'alert' },
      h('strong', null, 'No such series'), h('span', null, 'The graph has no series '), h('code', null, id), '.'),
    h('p', null, h('a', { href: '/series' }, 'Every series')));
    return;
  }
  ctx.title(s.label);
  const members = s.members;
  const pickA = h('select', { id: 'cmp-a' }, members.map((m, i) => h('option', { value: m.document.id, selected: i === Math.max(0, members.length - 2) }, memberName(m))));
  const pickB = h('select', { id: 'cmp-b' }, members.map((m, i) => h('option', { value: m.document.id, selected: i === members.length - 1 }, memberName(m))));
  const go = h('button', { type: 'submit', class: 'primary', id: 'cmp-go' }, 'Compare');
  const form = h('form', { class: 'toolbar', 'aria-label': 'Compare two members' },
    h('div', { class: 'field' }, h('label', { for: 'cmp-a' }, 'Compare'), pickA),
    h('div', { class: 'field' }, h('label', { for: 'cmp-b' }, 'with'), pickB), go);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    ctx.navigate(`/compare?a=${encodeURIComponent(pickA.value)}&b=${encodeURIComponent(pickB.value)}`);
  });
  replace(ctx.main,
    h('p', { class: 'muted' }, h('span', { class: 'kind' }, 'Series'), ' ', h('code', null, s.id)),
    pageHeading(s.label),
    h('h2', null, 'Mandate'),
    s.mandates.length ? h('ul', null, s.mandates.map((m) => h('li', null, entityLink(m.to, { badge: true }),
      m.properties.filter((p) => p.name === 'paragraph').map((p) => ` (paragraph ${p.value})`),
      evidenceList(m.evidence, 1)))) : empty('No mandate recorded.'),
    h('h2', null, `${plural(members.length, 'document')}, oldest first`),
    members.length > 1 ? form : null,
    scrollTable(h('table', { class: 'series-table' },
      h('caption', { class: 'visually-hidden' }, 'Members of the series and what each adds'),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Document'), h('th', { scope: 'col', class: 'num' }, 'Date'),
        h('th', { scope: 'col', class: 'num' }, 'Calls'), h('th', { scope: 'col' }, 'What it adds'), h('th', { scope: 'col' }, 'No longer named'))),
      h('tbody', null, members.map((m, i) => h('tr', { dataset: { key: m.document.key } },
        h('th', { scope: 'row' }, h('a', { href: documentURL(m.document.key) }, m.document.symbol || m.document.key),
          m.order ? h('span', { class: 'muted small' }, ` (no. ${m.order})`) : null,
          h('div', { class: 'small' }, h('a', { href: entityURL(m.document.id) }, m.document.title)),
          i > 0 ? h('div', { class: 'small' }, h('a', { href: `/compare?a=${encodeURIComponent(members[i - 1].document.id)}&b=${encodeURIComponent(m.document.id)}`, class: 'compare-prev' }, 'compare with the previous')) : null),
        h('td', { class: 'num' }, m.document.date || '—'),
        h('td', { class: 'num' }, String(m.calls)),
        h('td', null, i === 0 ? h('span', { class: 'muted' }, 'first of the series') : [addList(m.new), newCalls(m)]),
        h('td', null, i === 0 ? '—' : addList(m.dropped)))))), 'Series members'));
}

function memberName(m) {
  return `${m.document.symbol || m.document.key} (${m.document.date || 'undated'})`;
}

/** newCalls lists the calls no earlier member's call resembles. */
function newCalls(m) {
  if (!m.calls) return null;
  return h('details', { class: 'new-calls' },
    h('summary', null, `${plural(m.newCalls.length, 'new call')} of ${m.calls}`),
    h('ul', null, m.newCalls.map((c) => h('li', null, h('a', { href: entityURL(c.id) }, c.citation), ' ', h('span', { class: 'small' }, c.text.length > 200 ? c.text.slice(0, 199) + '…' : c.text)))));
}

function addList(rows) {
  if (!rows.length) return h('span', { class: 'muted' }, 'nothing');
  return h('ul', { class: 'chips' }, rows.map((r) => h('li', null,
    h('a', { href: entityURL(r.id), class: 'chip', title: `${r.kind}: named in ${plural(r.a, 'paragraph')}` }, r.label))));
}

async function renderList(ctx) {
  ctx.title('Series');
  replace(ctx.main, pageHeading('Series'), loading('Loading the series…'));
  try {
    const d = await gql(LIST, {}, { signal: ctx.signal });
    replace(ctx.main, pageHeading('Series'),
      h('p', { class: 'lede' }, 'Documents produced under one mandate, found from the sentence that says so (“The present report is submitted pursuant to paragraph 9 of Security Council resolution 2692 (2023)”).'),
      d.seriesList.length ? h('ul', { class: 'series-list' }, d.seriesList.map((s) => h('li', null,
        h('a', { href: `/series?id=${encodeURIComponent(s.value)}` }, s.label), ' ', h('span', { class: 'muted' }, `(${plural(s.count, 'document')})`))))
        : empty('No ingested document says under which mandate it was produced.'));
  } catch (err) {
    if (ctx.signal.aborted) return;
    replace(ctx.main, pageHeading('Series'), errorNotice(err, () => render(ctx)));
  }
}
