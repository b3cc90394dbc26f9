// The page of one entity, whatever its kind: what it is, its identifiers
// and names, its neighbourhood diagram, and its relations grouped by kind,
// each with the paragraphs that state it quoted and cited.

import { h, replace, frag } from '../dom.js';
import { gql, inBatches, limits, complexityBudget } from '../api.js';
import {
  loading, errorNotice, pageHeading, kindBadge, entityLink, evidenceList, empty,
  showDiagram, diagramURL, diagramExports, dataExports,
} from '../components.js';
import { EDGES, edgeName, documentURL, docName, kindName, plural, sourceURL } from '../format.js';
import { timelineSection } from '../timeline.js';
import { similarSection } from '../similar.js';

/** TIMELINE_KINDS are the kinds whose page shows them over time. */
const TIMELINE_KINDS = new Set(['STATE', 'ORGANIZATION', 'CRIME_TYPE', 'INSTRUMENT', 'THEME', 'PERSON', 'GROUP']);

const ENTITY = `query Entity($id: ID!) {
  node(id: $id) {
    id
    ... on Entity { kind label aliases path properties { name value } }
    ... on State { iso3 iso2 m49 region subregion recommendations(first: 1) { totalCount } addressedBy(first: 1) { totalCount } }
    ... on Organization { acronym category recommendations(first: 1) { totalCount } addressedBy(first: 1) { totalCount } }
    ... on CrimeType { iccsCode iccsNote cyber parent { id kind label } recommendations(first: 1) { totalCount } }
    ... on Instrument { symbol date body status acronym recommendations(first: 1) { totalCount } }
    ... on Theme { sdgTargets recommendations(first: 1) { totalCount } }
    ... on Meeting { venue startDate endDate }
    ... on Group { acronym groupKind operatesIn(first: 20) { nodes { id kind label } } affiliatedWith(first: 20) { nodes { id kind label } } affiliates(first: 50) { nodes { id kind label } } leaders(first: 20) { nodes { id kind label } } recommendations(first: 1) { totalCount } }
    ... on Person { represents(first: 10) { nodes { id kind label } } }
    ... on Document {
      key symbol symbols title date body
      record { source hash ingestedAt paragraphs recommendations nodes edges }
      recommendations(first: 1) { totalCount }
    }
    ... on Section {
      number title level sectionKind
      document { id key symbol label }
      parent { id kind label }
      recommendations(first: 1) { totalCount }
    }
    ... on Paragraph {
      ref text citation page
      document { id key symbol label }
      section { id kind label }
      recommendation { id kind label }
    }
    ... on Recommendation {
      ref text citation
      document { id key symbol label }
      section { id kind label }
      paragraph { id kind label }
    }
  }
}`;

/** GROUP_ORDER puts the relations researchers read first at the top; the
 * other edge kinds of the API (limits.edgeKinds) follow, in its order. */
const GROUP_ORDER = ['ADDRESSES', 'INVOKES', 'CONCERNS', 'NAMES_ACTOR', 'ADDRESSED_TO', 'SUBTYPE_OF', 'TEXT_OF',
  'ATTENDED', 'HELD_OFFICE', 'REPRESENTS', 'STATEMENT_IN', 'REPORTS_ON', 'HELD_IN', 'PREPARES_FOR', 'ADOPTED_BY',
  'ISSUED_BY', 'IN_SERIES', 'MANDATED_BY', 'CITES', 'LISTS_DOCUMENT', 'CONTAINS', 'MENTIONS'];
const GROUP_SIZE = 10;

const REL_FIELDS = `totalCount pageInfo { hasNextPage endCursor }
  nodes {
    kind
    from { id kind label } to { id kind label }
    properties { name value }
    evidence { documentKey ref citation quote(context: 160) { before match after whole } }
  }`;

/** groupOrder is every edge kind of the API, GROUP_ORDER first. */
function groupOrder(lim) {
  return [...GROUP_ORDER.filter((k) => lim.edgeKinds.includes(k)), ...lim.edgeKinds.filter((k) => !GROUP_ORDER.includes(k))];
}

/** countsQuery asks how many relations of every kind, in each direction,
 * the entity has: a cheap first pass, so that the second asks only for
 * the groups that exist. */
function countsQuery(kinds) {
  const fields = [];
  for (const kind of kinds) {
    for (const dir of ['OUT', 'IN']) {
      fields.push(`${dir}_${kind}: relations(direction: ${dir}, edgeKinds: ["${kind}"], first: 1) { totalCount }`);
    }
  }
  return `query RelationCounts($id: ID!) { node(id: $id) { id ... on Entity { ${fields.join('\n')} } } }`;
}

/** groupsQuery asks for the first relations of the given groups. */
function groupsQuery(groups) {
  const fields = groups.map(({ kind, dir }) =>
    `${dir}_${kind}: relations(direction: ${dir}, edgeKinds: ["${kind}"], first: ${GROUP_SIZE}) { ${REL_FIELDS} }`);
  return `query Relations($id: ID!) { node(id: $id) { id ... on Entity { ${fields.join('\n')} } } }`;
}

/** groupsPerRequest keeps each request under the complexity budget: a
 * relation with its evidence costs about 60. */
function groupsPerRequest(lim) {
  return Math.max(1, Math.floor(complexityBudget(lim) / (GROUP_SIZE * 65)));
}

/** loadRelations returns the non-empty relation groups of an entity, in
 * groupOrder, each with its first page. */
async function loadRelations(id, signal) {
  const lim = await limits();
  const kinds = groupOrder(lim);
  const counts = await gql(countsQuery(kinds), { id }, { signal });
  const wanted = [];
  for (const kind of kinds) {
    for (const dir of ['OUT', 'IN']) {
      const c = counts.node && counts.node[`${dir}_${kind}`];
      if (c && c.totalCount > 0) wanted.push({ kind, dir });
    }
  }
  const pages = await inBatches(wanted, groupsPerRequest(lim), (batch) => gql(groupsQuery(batch), { id }, { signal }));
  const merged = Object.assign({}, ...pages.map((p) => p.node || {}));
  return wanted.map((g) => ({ ...g, conn: merged[`${g.dir}_${g.kind}`] })).filter((g) => g.conn);
}

const MORE = `query MoreRelations($id: ID!, $dir: Direction!, $kinds: [String!], $after: String) {
  node(id: $id) { id ... on Entity { relations(direction: $dir, edgeKinds: $kinds, first: 25, after: $after) { ${REL_FIELDS} } } }
}`;

/** FILTER_FIELD is the recommendations filter that selects an entity's recommendations. */
const FILTER_FIELD = {
  STATE: 'actor', ORGANIZATION: 'actor', GROUP: 'actor', CRIME_TYPE: 'crimeType', INSTRUMENT: 'instrument',
  THEME: 'theme', DOCUMENT: 'document', SECTION: 'section',
};

export async function render(ctx) {
  const id = (ctx.params.get('id') || '').trim();
  if (!id) {
    ctx.title('Entity');
    replace(ctx.main, pageHeading('Entity'), empty('No entity was named. Search for one on the home page.'));
    return;
  }
  replace(ctx.main, loading('Loading the entity…'));
  const relationsPromise = loadRelations(id, ctx.signal);
  relationsPromise.catch(() => {}); // handled below, after the entity
  let d;
  let lim;
  try {
    [d, lim] = await Promise.all([gql(ENTITY, { id }, { signal: ctx.signal }), limits()]);
  } catch (err) {
    if (ctx.signal.aborted) return;
    ctx.title('Entity');
    replace(ctx.main, pageHeading('Entity'), errorNotice(err, () => render(ctx)));
    return;
  }
  const e = d.node;
  if (!e) {
    ctx.title('Not found');
    replace(ctx.main, pageHeading('Not found'),
      h('div', { class: 'notice notice--error', role: 'alert' }, h('strong', null, 'No such entity'),
        h('span', null, 'The graph has no entity with the ID '), h('code', null, id), '.'),
      h('p', null, 'It may have come from a document that was removed. ', h('a', { href: '/' }, 'Search the corpus'), '.'));
    return;
  }
  ctx.title(e.label);
  const relBox = h('div', null, loading('Loading relations…'));
  const diagram = diagramSection(ctx, e, lim);
  replace(ctx.main,
    h('p', { class: 'muted' }, kindBadge(e.kind), ' ', h('code', null, e.id)),
    pageHeading(e.label),
    overview(e),
    TIMELINE_KINDS.has(e.kind) ? h('section', { 'aria-labelledby': 'timeline-h' }, h('h2', { id: 'timeline-h' }, 'Over time'), timelineSection(ctx, e)) : null,
    e.kind === 'RECOMMENDATION' ? h('section', { 'aria-labelledby': 'similar-h' }, h('h2', { id: 'similar-h' }, 'Similar calls in other documents'), similarSection(ctx, e)) : null,
    h('section', { 'aria-labelledby': 'diagram-h' }, h('h2', { id: 'diagram-h' }, 'Neighbourhood'), diagram),
    h('section', { 'aria-labelledby': 'relations-h' }, h('h2', { id: 'relations-h' }, 'Relations'), relBox));

  try {
    replace(relBox, relations(ctx, e, await relationsPromise));
  } catch (err) {
    if (ctx.signal.aborted) return;
    replace(relBox, errorNotice(err, () => render(ctx)));
  }
}

// --- Overview -------------------------------------------------------------

function fact(term, value) {
  if (value == null || value === '' || (Array.isArray(value) && value.length === 0)) return null;
  return frag(h('dt', null, term), h('dd', null, value));
}

function code(s) {
  return s ? h('code', null, s) : null;
}

function overview(e) {
  const facts = [];
  switch (e.kind) {
    case 'STATE':
      facts.push(fact('ISO 3166 alpha-3', code(e.iso3)), fact('ISO 3166 alpha-2', code(e.iso2)), fact('M49', code(e.m49)),
        fact('Region', [e.region, e.subregion].filter(Boolean).join(' › ')));
      break;
    case 'CRIME_TYPE':
      facts.push(fact('ICCS code', e.iccsCode ? code(e.iccsCode) : h('span', { class: 'muted' }, 'none')),
        fact('ICCS note', e.iccsNote), fact('Cyber-related (ICCS tag)', e.cyber ? 'yes' : null),
        fact('Broader crime type', e.parent ? entityLink(e.parent) : null));
      break;
    case 'INSTRUMENT':
      facts.push(fact('UN symbol', code(e.symbol)), fact('Acronym', e.acronym), fact('Date', e.date), fact('Adopted by', e.body), fact('Status', e.status));
      break;
    case 'ORGANIZATION':
      facts.push(fact('Acronym', e.acronym), fact('Category', e.category));
      break;
    case 'THEME':
      facts.push(fact('SDG targets', e.sdgTargets && e.sdgTargets.join(', ')));
      break;
    case 'GROUP': {
      const links = (c) => (c && c.nodes.length ? c.nodes.map((s, i) => frag(i ? ', ' : '', entityLink(s))) : null);
      facts.push(fact('Acronym', e.acronym), fact('Kind of group', e.groupKind), fact('Operates in', links(e.operatesIn)),
        fact('Affiliated with', links(e.affiliatedWith)), fact('Affiliates and members', links(e.affiliates)), fact('Led by', links(e.leaders)));
      break;
    }
    case 'MEETING':
      facts.push(fact('Venue', e.venue), fact('Dates', [e.startDate, e.endDate].filter(Boolean).join(' to ')));
      break;
    case 'PERSON':
      facts.push(fact('Represents', e.represents && e.represents.nodes.length ? e.represents.nodes.map((s, i) => frag(i ? ', ' : '', entityLink(s))) : null));
      break;
    case 'DOCUMENT':
      facts.push(fact('UN symbols', e.symbols.length ? e.symbols.map((s, i) => frag(i ? ', ' : '', code(s))) : h('span', { class: 'muted' }, 'none printed')),
        fact('Document key', code(e.key)), fact('Title', e.title), fact('Date', e.date), fact('Issuing body', e.body));
      if (e.record) {
        facts.push(fact('Source file', code(e.record.source)), fact('Ingested', e.record.ingestedAt),
          fact('Contents', `${plural(e.record.paragraphs, 'paragraph')}, ${plural(e.record.recommendations, 'recommendation')}, ${plural(e.record.nodes, 'entity', 'entities')}, ${plural(e.record.edges, 'relation')}`));
      } else {
        facts.push(fact('In the corpus', h('span', { class: 'muted' }, 'cited only; its text has not been ingested')));
      }
      break;
    case 'SECTION':
      facts.push(fact('Number', e.number), fact('Document', e.document ? h('a', { href: documentURL(e.document.key) }, docName(e.document)) : null),
        fact('Part of', e.parent ? entityLink(e.parent) : null), fact('Kind of section', e.sectionKind));
      break;
    case 'PARAGRAPH':
    case 'RECOMMENDATION':
      facts.push(fact('Citation', e.citation), fact('Document', e.document ? h('a', { href: documentURL(e.document.key) }, docName(e.document)) : null),
        fact('Section', e.section ? entityLink(e.section) : null), fact('Page', e.page),
        fact('Recommendation', e.recommendation ? entityLink(e.recommendation) : null),
        fact('Paragraph', e.paragraph ? entityLink(e.paragraph) : null));
      break;
    default:
  }
  const out = [];
  if (e.text != null) {
    out.push(h('blockquote', { class: 'quote' }, e.text,
      h('cite', { class: 'quote__cite' }, h('a', { href: sourceURL(e.id) || documentURL(e.document && e.document.key, e.ref) }, `Read ${e.citation} in the document`))));
  }
  out.push(h('dl', { class: 'facts' }, fact('Kind', kindName(e.kind)), facts));
  if (e.aliases.length) {
    const item = (a) => h('li', { lang: guessLang(a) }, a);
    const SHOWN = 16;
    out.push(h('h2', null, 'Also known as'), h('ul', { class: 'aliases', 'aria-label': 'Aliases' }, e.aliases.slice(0, SHOWN).map(item)));
    if (e.aliases.length > SHOWN) {
      out.push(h('details', null, h('summary', null, `${e.aliases.length - SHOWN} more names`),
        h('ul', { class: 'aliases', 'aria-label': 'More aliases' }, e.aliases.slice(SHOWN).map(item))));
    }
  }
  const links = [];
  if (e.kind === 'DOCUMENT' && e.record) links.push(h('a', { class: 'button', href: documentURL(e.key) }, 'Read the document'));
  const field = FILTER_FIELD[e.kind];
  if (field && e.recommendations) {
    const n = e.recommendations.totalCount;
    links.push(n
      ? h('a', { class: 'button', href: `/recommendations?${field}=${encodeURIComponent(e.id)}` }, `${plural(n, 'recommendation')} ${e.kind === 'STATE' || e.kind === 'ORGANIZATION' || e.kind === 'GROUP' ? 'naming it' : e.kind === 'DOCUMENT' || e.kind === 'SECTION' ? 'in it' : 'on it'}`)
      : h('span', { class: 'muted' }, 'No recommendation is linked to it.'));
  }
  if (e.addressedBy && e.addressedBy.totalCount) {
    links.push(h('a', { class: 'button', href: `/recommendations?addressee=${encodeURIComponent(e.id)}` }, `${plural(e.addressedBy.totalCount, 'recommendation')} calling upon it`));
  }
  links.push(h('a', { class: 'button', href: `/paths?from=${encodeURIComponent(e.id)}` }, 'Find paths from it'));
  out.push(h('div', { class: 'form-actions' }, links));
  const props = e.properties.filter((p) => p.name !== 'text');
  if (props.length) {
    out.push(h('details', null, h('summary', null, 'All stored properties'),
      h('dl', { class: 'facts' }, props.map((p) => fact(p.name, h('code', null, p.value))))));
  }
  return out;
}

/** guessLang marks aliases in non-Latin scripts so screen readers switch
 * voice; Latin-script aliases are left to the page's language. */
function guessLang(s) {
  if (/[\u0400-\u04FF]/.test(s)) return 'ru';
  if (/[\u0600-\u06FF]/.test(s)) return 'ar';
  if (/[\u4E00-\u9FFF]/.test(s)) return 'zh';
  return null;
}

// --- Diagram --------------------------------------------------------------

const ENGINES = [['', 'Automatic'], ['dot', 'Layered (dot)'], ['neato', 'Spring (neato)'], ['sfdp', 'Force (sfdp)'], ['circo', 'Circular (circo)']];

function diagramSection(ctx, e, lim) {
  const box = h('div', { class: 'diagram' });
  const exports = h('div');
  const depth = h('select', { id: 'diagram-depth' }, Array.from({ length: lim.maxDepth }, (_, i) => i + 1).map((n) => h('option', { value: String(n) }, String(n))));
  const layout = h('select', { id: 'diagram-layout' }, ENGINES.map(([v, t]) => h('option', { value: v }, t)));
  // A paragraph's neighbourhood is mostly what it names (MENTIONS), which
  // diagrams leave out by default.
  const mentions = h('input', { type: 'checkbox', id: 'diagram-mentions', checked: e.kind === 'PARAGRAPH' });
  let ctrl = null;
  const draw = () => {
    if (ctrl) ctrl.abort();
    ctrl = new AbortController();
    ctx.signal.addEventListener('abort', () => ctrl.abort(), { once: true });
    const params = { id: e.id, depth: depth.value, layout: layout.value, edges: mentions.checked ? lim.edgeKinds.join(',') : null };
    const base = `${e.id}-neighbourhood-depth-${depth.value}`;
    replace(exports, diagramExports('neighbourhood', params, base), dataExports(e.id, depth.value, base));
    showDiagram(box, diagramURL('neighbourhood', params, 'svg'), {
      signal: ctrl.signal,
      label: `Diagram of the entities within ${depth.value} ${depth.value === '1' ? 'step' : 'steps'} of ${e.label}. Each node links to its page.`,
    });
  };
  depth.addEventListener('change', draw);
  layout.addEventListener('change', draw);
  mentions.addEventListener('change', draw);
  draw();
  return [
    h('p', { class: 'muted small' }, 'The entities related to it. Select a node to open its page.'),
    h('div', { class: 'toolbar' },
      h('div', { class: 'field' }, h('label', { for: 'diagram-depth' }, 'Depth'), depth),
      h('div', { class: 'field' }, h('label', { for: 'diagram-layout' }, 'Layout'), layout),
      h('div', null, mentions, ' ', h('label', { for: 'diagram-mentions' }, 'Include the paragraphs that name it'))),
    box, exports,
  ];
}

// --- Relations ------------------------------------------------------------

function relations(ctx, e, groups) {
  if (groups.length === 0) return empty('No relation records this entity.');
  const nav = h('nav', { 'aria-label': 'Relation kinds' }, h('ul', { class: 'chips' },
    groups.map((g) => h('li', null, h('a', { class: 'chip', href: `#rel-${g.dir}-${g.kind}` }, `${edgeName(g.kind, g.dir)} (${g.conn.totalCount})`)))));
  return [nav, groups.map((g) => group(ctx, e, g))];
}

function group(ctx, e, { kind, dir, conn }) {
  const list = h('ul', { class: 'relations' });
  const more = h('div', { class: 'pager' });
  const add = (c) => {
    for (const r of c.nodes) list.append(relationItem(r, dir));
    more.replaceChildren();
    const shown = list.children.length;
    if (c.pageInfo.hasNextPage) {
      more.append(h('span', { class: 'muted small' }, `Showing ${shown} of ${c.totalCount}.`), ' ',
        h('button', { type: 'button', onclick: () => loadMore(c.pageInfo.endCursor) }, 'Show more'));
    }
  };
  const loadMore = async (after) => {
    more.replaceChildren(loading());
    try {
      const d = await gql(MORE, { id: e.id, dir, kinds: [kind], after }, { signal: ctx.signal });
      add(d.node.relations);
    } catch (err) {
      if (ctx.signal.aborted) return;
      more.replaceChildren(errorNotice(err, () => loadMore(after)));
    }
  };
  add(conn);
  const headingId = `rel-${dir}-${kind}`;
  return h('section', { class: 'rel-group', 'aria-labelledby': headingId },
    h('h3', { id: headingId, tabindex: '-1' }, edgeName(kind, dir), h('span', { class: 'count' }, `${conn.totalCount}`),
      EDGES[kind] ? null : h('code', { class: 'small' }, kind)),
    list, more);
}

function relationItem(r, dir) {
  const other = dir === 'OUT' ? r.to : r.from;
  const role = r.properties.map((p) => `${p.name}: ${p.value}`).join(', ');
  const src = sourceURL(other.id);
  return h('li', null,
    h('div', null, kindBadge(other.kind), ' ', entityLink(other),
      role ? h('span', { class: 'role' }, ` (${role})`) : null,
      src && other.kind !== 'RECOMMENDATION' ? h('span', { class: 'small' }, ' · ', h('a', { href: src }, 'in the document')) : null),
    evidenceList(r.evidence, 2));
}

