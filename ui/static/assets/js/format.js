// Names and URLs shared by the pages: how kinds and relations read in
// English, and where each kind of thing lives in the explorer.

/** KINDS maps the GraphQL EntityKind to its singular and plural names and
 * to the kind name the diagram and matrix URLs use (kg.Kind). */
export const KINDS = {
  STATE: { one: 'State', many: 'States', url: 'State' },
  ORGANIZATION: { one: 'Organization', many: 'Organizations', url: 'Organization' },
  CRIME_TYPE: { one: 'Crime type', many: 'Crime types', url: 'CrimeType' },
  INSTRUMENT: { one: 'Instrument', many: 'Instruments', url: 'Instrument' },
  THEME: { one: 'Theme', many: 'Themes', url: 'Theme' },
  RECOMMENDATION: { one: 'Recommendation', many: 'Recommendations', url: 'Recommendation' },
  DOCUMENT: { one: 'Document', many: 'Documents', url: 'Document' },
  SECTION: { one: 'Section', many: 'Sections', url: 'Section' },
  PARAGRAPH: { one: 'Paragraph', many: 'Paragraphs', url: 'Paragraph' },
  PERSON: { one: 'Person', many: 'People', url: 'Person' },
  MEETING: { one: 'Meeting', many: 'Meetings', url: 'Meeting' },
  GROUP: { one: 'Group', many: 'Groups', url: 'Group' },
  SERIES: { one: 'Series', many: 'Series', url: 'Series' },
};

/** kindName is the singular English name of a GraphQL kind. */
export function kindName(kind) {
  return (KINDS[kind] && KINDS[kind].one) || String(kind);
}

/** kindFromURL accepts "CrimeType", "crime_type" or "CRIME_TYPE". */
export function kindFromURL(s) {
  if (!s) return null;
  const n = String(s).replace(/[_\s-]/g, '').toLowerCase();
  for (const [k, v] of Object.entries(KINDS)) {
    if (v.url.toLowerCase() === n) return k;
  }
  return null;
}

/** EDGES says how each relation reads from its source (out) and from its
 * target (in). */
export const EDGES = {
  CONTAINS: ['Contains', 'Part of'],
  REPORTS_ON: ['Reports on', 'Reported on by'],
  ATTENDED: ['Attended', 'Attended by'],
  STATEMENT_IN: ['Made statements under', 'Statements by'],
  HELD_OFFICE: ['Held office at', 'Officers'],
  REPRESENTS: ['Represents', 'Represented by'],
  HELD_IN: ['Held in', 'Venue of'],
  PREPARES_FOR: ['Prepares for', 'Prepared by'],
  ADOPTED_BY: ['Adopted by', 'Adopted'],
  ISSUED_BY: ['Issued by', 'Issued'],
  SUBTYPE_OF: ['Subtype of', 'Subtypes'],
  TEXT_OF: ['States the recommendation', 'Stated in paragraph'],
  CITES: ['Cites', 'Cited in'],
  MENTIONS: ['Names', 'Named in'],
  ADDRESSES: ['Addresses', 'Addressed by recommendations'],
  INVOKES: ['Invokes', 'Invoked by recommendations'],
  CONCERNS: ['Concerns', 'Recommendations concerning it'],
  NAMES_ACTOR: ['Names as actor', 'Named as actor in'],
  ADDRESSED_TO: ['Addressed to', 'Called upon in'],
  LISTS_DOCUMENT: ['Lists the document', 'Listed in'],
  IN_SERIES: ['In the series', 'Documents of the series'],
  MANDATED_BY: ['Mandated by', 'Mandates'],
};

/** edgeName reads an edge kind from one side: dir is 'OUT' or 'IN'. */
export function edgeName(kind, dir) {
  const e = EDGES[kind];
  if (!e) return `${String(kind).toLowerCase().replace(/_/g, ' ')}${dir === 'IN' ? ' (incoming)' : ''}`;
  return dir === 'IN' ? e[1] : e[0];
}

/** entityURL is the explorer page of an entity (kg.EntityPath); a series
 * has a page of its own, which lists its members. */
export function entityURL(id) {
  if (String(id).startsWith('series:')) return `/series?id=${encodeURIComponent(id)}`;
  return `/entity?id=${encodeURIComponent(id)}`;
}

/** paraAnchor is the fragment of a paragraph in the document reader. */
export function paraAnchor(ref) {
  return `para-${ref}`;
}

/** documentURL is the reader of a document, at a paragraph when ref is given. */
export function documentURL(key, ref) {
  return `/document?key=${encodeURIComponent(key)}${ref ? '#' + encodeURIComponent(paraAnchor(ref)).replace(/%28/g, '(').replace(/%29/g, ')') : ''}`;
}

/** partOf splits a part ID ("paragraph:S/2025/85#61(d)") into its document
 * key and ref; null for any other ID. */
export function partOf(id) {
  const m = /^(paragraph|recommendation|section):(.*)#([^#]*)$/.exec(String(id));
  return m ? { kind: m[1], key: m[2], ref: m[3] } : null;
}

/** sourceURL is where an entity's text can be read: the reader at its
 * paragraph for a paragraph or recommendation, else null. */
export function sourceURL(id) {
  const p = partOf(id);
  if (!p || p.kind === 'section') return null;
  return documentURL(p.key, p.ref);
}

/** docName is the short name of a document: its symbol, else its key. */
export function docName(doc) {
  if (!doc) return '';
  return doc.symbol || doc.key || doc.label || '';
}

/** sectionName names a section with its parent when the title alone is
 * generic ("Outcome of deliberations" appears under every agenda item). */
export function sectionName(s, parentMax = 70) {
  if (!s) return '';
  const own = s.label || s.title || '';
  const parent = s.parent && s.parent.kind === 'SECTION' ? s.parent.label : '';
  return parent ? `${shorten(parent, parentMax)} › ${own}` : own;
}

/** shorten cuts s at a word to at most n characters. */
export function shorten(s, n) {
  s = String(s || '');
  if (s.length <= n) return s;
  const cut = s.slice(0, n - 1);
  const sp = cut.lastIndexOf(' ');
  return (sp > n * 0.6 ? cut.slice(0, sp) : cut).replace(/[\s,;:.]+$/, '') + '…';
}

/** plural writes "1 recommendation", "3 recommendations". */
export function plural(n, one, many) {
  return `${Number(n).toLocaleString('en')} ${n === 1 ? one : many || one + 's'}`;
}

/** fileSlug makes a safe file name part out of an ID. */
export function fileSlug(s) {
  return String(s).replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'crimegraph';
}
