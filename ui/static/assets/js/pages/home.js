// Home: the corpus at a glance and the search box.

import { h, replace } from '../dom.js';
import { gql } from '../api.js';
import { loading, errorNotice, scrollTable, pageHeading, dataExports } from '../components.js';
import { searchBox } from '../searchbox.js';
import { KINDS, entityURL, documentURL, plural } from '../format.js';

const QUERY = `query Home {
  stats { nodes edges documents version nodesByKind { kind count } edgesByKind { kind count } }
  documents(first: 100) {
    totalCount
    nodes { id key symbol symbols title date body record { paragraphs recommendations nodes edges source ingestedAt } }
  }
}`;

/** ORDER is the order the kind counts are shown in: what researchers look for first. */
const ORDER = ['RECOMMENDATION', 'STATE', 'ORGANIZATION', 'GROUP', 'CRIME_TYPE', 'INSTRUMENT', 'THEME', 'PERSON', 'MEETING', 'DOCUMENT', 'SECTION', 'PARAGRAPH'];

export async function render(ctx) {
  ctx.title('');
  const search = searchBox({
    label: 'Search the graph: names, aliases and codes',
    placeholder: 'e.g. Haiti, trafficking in persons, 0204, Bangkok Rules, S/2025/85',
    onPick: (e) => ctx.navigate(entityURL(e.id)),
    onSubmit: (text) => ctx.navigate(`/search?q=${encodeURIComponent(text)}`),
  });
  const body = h('div', null, loading('Loading the corpus…'));
  replace(ctx.main,
    pageHeading('UN documents on crime prevention and criminal justice'),
    h('p', { class: 'lede' }, 'Explore the States, organizations, crime types, instruments and recommendations found in the corpus. Every fact links to the paragraph that states it.'),
    h('search', null, search),
    body);

  const load = async () => {
    replace(body, loading('Loading the corpus…'));
    try {
      const d = await gql(QUERY, {}, { signal: ctx.signal });
      replace(body, corpus(d));
    } catch (err) {
      if (ctx.signal.aborted) return;
      replace(body, errorNotice(err, load));
    }
  };
  await load();
}

function corpus(d) {
  const counts = new Map(d.stats.nodesByKind.map((k) => [k.kind, k.count]));
  const docs = d.documents.nodes;
  const rows = docs.map((doc) => h('tr', null,
    h('th', { scope: 'row' }, h('a', { href: documentURL(doc.key) }, doc.symbols.length ? doc.symbols.join(' – ') : doc.key)),
    h('td', null, h('a', { href: entityURL(doc.id) }, doc.title), doc.body ? h('div', { class: 'muted small' }, doc.body) : null),
    h('td', { class: 'num' }, doc.date || '—'),
    h('td', { class: 'num' }, doc.record ? doc.record.paragraphs : '—'),
    h('td', { class: 'num' }, doc.record && doc.record.recommendations
      ? h('a', { href: `/recommendations?document=${encodeURIComponent(doc.id)}` }, String(doc.record.recommendations)) : '0'),
    h('td', null, h('a', { href: documentURL(doc.key) }, 'Read'))));
  const table = h('table', null,
    h('caption', null, `${plural(docs.length, 'ingested document')}: ${plural(d.stats.nodes, 'entity', 'entities')}, ${plural(d.stats.edges, 'relation')}`),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, 'Symbol'), h('th', { scope: 'col' }, 'Title'), h('th', { scope: 'col', class: 'num' }, 'Date'),
      h('th', { scope: 'col', class: 'num' }, 'Paragraphs'), h('th', { scope: 'col', class: 'num' }, 'Recommendations'),
      h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Reader')))),
    h('tbody', null, rows));

  const kinds = ORDER.filter((k) => counts.has(k)).map((k) => h('li', { class: 'card' },
    h('a', { href: k === 'RECOMMENDATION' ? '/recommendations' : `/entities?kind=${KINDS[k].url}` },
      h('span', { class: 'card__count' }, counts.get(k).toLocaleString('en')),
      h('span', { class: 'card__label' }, KINDS[k].many))));

  return [
    h('h2', null, 'Documents'),
    docs.length ? scrollTable(table, 'Documents') : h('p', { class: 'empty' }, 'No document has been ingested yet. Run crimegraph ingest FILE.'),
    h('h2', null, 'Entities by kind'),
    h('ul', { class: 'cards' }, kinds),
    h('h2', null, 'Explore'),
    h('ul', null,
      h('li', null, h('a', { href: '/recommendations' }, 'Browse every recommendation'), ' by document, section, crime type, instrument, theme and actor.'),
      h('li', null, h('a', { href: '/matrix?rows=CrimeType&columns=Section' }, 'Crime types × sections'), ' and ', h('a', { href: '/matrix?rows=Theme&columns=Document' }, 'themes × documents'), ': how often they meet in recommendations.'),
      h('li', null, h('a', { href: '/paths' }, 'Find how two entities are connected'), '.'),
      h('li', null, h('a', { href: '/graphiql', 'data-external': true }, 'Query the graph in GraphQL'), ' (GraphiQL).')),
    dataExports('', 0, 'crimegraph'),
  ];
}
