// Home: the corpus at a glance and the search box.

import { h, replace } from '../dom.js';
import { gql } from '../api.js';
import { loading, errorNotice, scrollTable, pageHeading, dataExports } from '../components.js';
import { searchBox } from '../searchbox.js';
import { KINDS, entityURL, plural } from '../format.js';
import { DOC_FIELDS, docRow, docTable } from './documents.js';

/** NEWEST is how many documents the home page lists: the corpus at a
 * glance at any size is the facets and the newest few, not every one. */
const NEWEST = 10;

const QUERY = `query Home {
  stats { nodes edges documents version nodesByKind { kind count } edgesByKind { kind count } }
  recommendations(first: 0) { totalCount }
  documentList(first: ${NEWEST}) {
    totalCount
    items { ${DOC_FIELDS} }
    facets { bodies { value label count } families { value label count } years { value label count } series { value label count } }
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
  // Calls are counted as the recommendations page lists them: a revision
  // stands for the document it supersedes, so a reissued call counts once.
  if (counts.has('RECOMMENDATION')) counts.set('RECOMMENDATION', d.recommendations.totalCount);
  const l = d.documentList;
  const seriesLabels = new Map(l.facets.series.map((f) => [f.value, f.label]));
  const table = docTable(`The ${plural(l.items.length, 'newest document')} of ${plural(l.totalCount, 'ingested document')}: ${plural(d.stats.nodes, 'entity', 'entities')}, ${plural(d.stats.edges, 'relation')}`,
    l.items.map((it) => docRow(it, seriesLabels)));
  const facetList = (title, name, facets, max = 8) => h('div', { class: 'glance' },
    h('h3', null, title),
    h('ul', { class: 'glance__list' }, facets.slice(0, max).map((f) => h('li', null,
      h('a', { href: `/documents?${name}=${encodeURIComponent(f.value)}` }, f.label), ' ', h('span', { class: 'muted' }, `(${f.count})`))),
      facets.length > max ? h('li', null, h('a', { href: '/documents' }, `${facets.length - max} more…`)) : null));
  const kinds = ORDER.filter((k) => counts.has(k)).map((k) => h('li', { class: 'card' },
    h('a', { href: k === 'RECOMMENDATION' ? '/recommendations' : `/entities?kind=${KINDS[k].url}` },
      h('span', { class: 'card__count' }, counts.get(k).toLocaleString('en')),
      h('span', { class: 'card__label' }, KINDS[k].many))));

  return [
    h('h2', null, 'Documents'),
    l.totalCount ? [
      h('div', { class: 'glance-grid' },
        facetList('By issuing body', 'body', l.facets.bodies),
        facetList('By family', 'family', l.facets.families),
        facetList('By year', 'year', l.facets.years),
        l.facets.series.length ? facetList('Series', 'series', l.facets.series, 5) : null),
      scrollTable(table, 'Newest documents'),
      h('p', null, h('a', { href: '/documents', id: 'all-documents' }, `Browse all ${plural(l.totalCount, 'document')}`), ' by body, family, year, month, series and words.'),
    ] : h('p', { class: 'empty' }, 'No document has been ingested yet. Run crimegraph ingest FILE.'),
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
