// The document reader: a document's text paragraph by paragraph, with its
// headings, and every recognised entity linked where the text names it, so
// a researcher can check each extraction against its source. Paragraphs
// have stable anchors (#para-61(d)) that citations link to.

import { h, replace, frag } from '../dom.js';
import { gql, inBatches, limits, complexityBudget } from '../api.js';
import { loading, errorNotice, pageHeading, kindBadge, empty } from '../components.js';
import { KINDS, entityURL, paraAnchor, plural, kindName } from '../format.js';

const DOC = `query Doc($id: ID!) {
  node(id: $id) {
    id
    ... on Document {
      key symbol symbols title date body label
      record { source ingestedAt paragraphs recommendations }
    }
  }
}`;

const PART = `id kind label properties { name value } ... on Paragraph { recommendation { id } }`;

/** PARTS pages through the document's sections, paragraphs and items in
 * reading order (Document.parts), the largest page at a time. */
const PARTS = `query Parts($id: ID!, $first: Int!, $after: String) {
  node(id: $id) {
    id
    ... on Document {
      parts(first: $first, after: $after) {
        pageInfo { hasNextPage endCursor }
        nodes { ${PART} ... on Section { parent { id } } }
      }
    }
  }
}`;

const MENTIONS_PAGE = 25;
const MENTIONS = `query Mentions($ids: [ID!]!) {
  nodes(ids: $ids) {
    id
    ... on Paragraph {
      mentioned(first: ${MENTIONS_PAGE}) {
        pageInfo { hasNextPage endCursor }
        nodes { entity { id kind label } evidence { quote(context: 40) { before match whole } } }
      }
    }
  }
}`;

const MORE_MENTIONS = `query MoreMentions($id: ID!, $after: String) {
  node(id: $id) {
    id
    ... on Paragraph {
      mentioned(first: ${MENTIONS_PAGE}, after: $after) {
        pageInfo { hasNextPage endCursor }
        nodes { entity { id kind label } evidence { quote(context: 40) { before match whole } } }
      }
    }
  }
}`;

/** perRequest is how many containers fit in one request (nodes(ids:))
 * when each asks for `first` items costing about `each`. */
function perRequest(lim, first, each) {
  return Math.max(1, Math.min(lim.maxPage, Math.floor(complexityBudget(lim) / (first * each))));
}

function props(n) {
  return Object.fromEntries(n.properties.map((p) => [p.name, p.value]));
}

/** collect reads every section and paragraph of the document, each with
 * its container (the parent section, or the document). */
async function collect(docID, signal) {
  const lim = await limits();
  const seen = new Map(); // id → { node, props, parent }
  let after = null;
  for (let page = 0; page < 1000; page++) {
    const d = await gql(PARTS, { id: docID, first: lim.maxPage, after }, { signal });
    const conn = d.node.parts;
    for (const t of conn.nodes) {
      seen.set(t.id, { node: t, props: props(t), parent: t.parent ? t.parent.id : docID });
    }
    if (!conn.pageInfo.hasNextPage) break;
    after = conn.pageInfo.endCursor;
  }
  return seen;
}

export async function render(ctx) {
  const key = (ctx.params.get('key') || '').trim();
  if (!key) {
    ctx.title('Document');
    replace(ctx.main, pageHeading('Document'), empty('No document was named. Choose one on the home page.'));
    return;
  }
  const docID = `document:${key}`;
  replace(ctx.main, loading('Loading the document…'));
  let doc;
  let parts;
  try {
    const d = await gql(DOC, { id: docID }, { signal: ctx.signal });
    doc = d.node;
    if (doc && doc.record) parts = await collect(docID, ctx.signal);
  } catch (err) {
    if (ctx.signal.aborted) return;
    ctx.title('Document');
    replace(ctx.main, pageHeading('Document'), errorNotice(err, () => render(ctx)));
    return;
  }
  if (!doc) {
    ctx.title('Not found');
    replace(ctx.main, pageHeading('Document not found'),
      h('div', { class: 'notice notice--error', role: 'alert' }, h('strong', null, 'No such document'),
        h('span', null, 'The graph has no document with the key '), h('code', null, key), '.'),
      h('p', null, h('a', { href: '/' }, 'See the documents of the corpus'), '.'));
    return;
  }
  ctx.title(doc.symbol || doc.title);
  const head = [
    h('p', { class: 'muted' }, kindBadge('DOCUMENT'), ' ', doc.symbols.length ? doc.symbols.join(' – ') : h('code', null, doc.key)),
    pageHeading(doc.title),
    h('p', { class: 'muted' }, [doc.body, doc.date].filter(Boolean).map((s) => `${s} · `),
      h('a', { href: entityURL(doc.id) }, 'Entity page and diagram'),
      doc.record && doc.record.recommendations ? [' · ', h('a', { href: `/recommendations?document=${encodeURIComponent(doc.id)}` }, `Its ${plural(doc.record.recommendations, 'recommendation')}`)] : null),
  ];
  if (!doc.record) {
    replace(ctx.main, head, h('p', { class: 'notice' }, 'This document is cited in the corpus, but its text has not been ingested.'));
    return;
  }

  const { blocks, toc, paragraphs } = layout(parts);
  const plain = h('input', { type: 'checkbox', id: 'show-entities', checked: true });
  const reader = h('article', { class: 'reader', 'aria-label': 'Document text' }, blocks);
  plain.addEventListener('change', () => reader.classList.toggle('reader--plain', !plain.checked));
  const status = h('p', { class: 'muted small', role: 'status' }, `${plural(paragraphs.length, 'paragraph')}. Linking the recognised entities…`);
  replace(ctx.main, head,
    h('div', { class: 'toolbar' },
      h('div', null, plain, ' ', h('label', { for: 'show-entities' }, 'Underline recognised entities')),
      h('ul', { class: 'legend', 'aria-label': 'Colours of the entity kinds' },
        ['STATE', 'ORGANIZATION', 'GROUP', 'CRIME_TYPE', 'INSTRUMENT', 'THEME', 'PERSON', 'MEETING', 'DOCUMENT'].map((k) =>
          h('li', null, h('span', { class: `ent ent--${k} legend__swatch` }, KINDS[k].one))))),
    status,
    toc.length > 1 ? h('details', { class: 'reader-toc' }, h('summary', null, 'Contents'), h('ol', null, toc)) : null,
    paragraphs.length ? reader : empty('The store holds no paragraph of this document.'));

  // Entities are linked after the text is on screen, a batch at a time.
  linkEntities(ctx, paragraphs, status).catch(() => {});
}

/** layout orders the parts for reading: paragraphs by their position in
 * the document, each preceded by the headings of the sections it opens. */
function layout(parts) {
  const sections = new Map();
  const paras = [];
  for (const [id, p] of parts) {
    if (p.node.kind === 'SECTION') sections.set(id, p);
    else if (p.node.kind === 'PARAGRAPH') paras.push(p);
  }
  paras.sort((a, b) => Number(a.props.order || 0) - Number(b.props.order || 0));
  const sectionOf = (p) => {
    if (p.props.section && sections.has(p.props.section)) return p.props.section;
    let c = p.parent;
    while (c && !sections.has(c) && parts.has(c)) c = parts.get(c).parent;
    return sections.has(c) ? c : null;
  };
  const chain = (sid) => {
    const out = [];
    for (let c = sid; c && sections.has(c); c = sections.get(c).parent) out.unshift(c);
    return out;
  };
  const emitted = new Set();
  const blocks = [];
  const toc = [];
  const heading = (sid) => {
    emitted.add(sid);
    const s = sections.get(sid);
    const level = Math.min(5, Math.max(2, Number(s.props.level || 1) + 1));
    const anchor = `sec-${s.props.order || emitted.size}`;
    blocks.push(h(`h${level}`, { id: anchor }, s.node.label));
    toc.push(h('li', { class: `toc-${level}` }, h('a', { href: `#${anchor}` }, s.node.label)));
  };
  const paragraphs = [];
  for (const p of paras) {
    const sid = sectionOf(p);
    if (sid) for (const c of chain(sid)) if (!emitted.has(c)) heading(c);
    const ref = p.props.ref || p.node.label;
    const depth = (ref.match(/\([^)]*\)/g) || []).length;
    const recID = p.node.recommendation ? p.node.recommendation.id : '';
    const isRec = Boolean(recID);
    const text = h('p', { class: 'para__text' }, p.props.text || '');
    const el = h('div', {
      class: ['para', depth === 1 && 'para--item', depth >= 2 && 'para--item para--item2', isRec && 'para--rec'],
      id: paraAnchor(ref),
      dataset: { id: p.node.id },
    },
    h('div', { class: 'para__ref' }, h('a', { href: `#${paraAnchor(ref)}`, 'aria-label': `Paragraph ${ref}` }, ref)),
    text,
    h('div', { class: 'para__meta' },
      p.props.page ? h('span', { class: 'muted' }, `page ${p.props.page}`) : null,
      isRec ? h('a', { href: entityURL(recID) }, kindBadge('RECOMMENDATION'), ' what it addresses') : null,
      h('a', { href: entityURL(p.node.id), class: 'muted' }, 'extractions')));
    blocks.push(el);
    paragraphs.push({ id: p.node.id, text: p.props.text || '', el: text });
  }
  return { blocks, toc, paragraphs };
}

/** locate finds where a quote stands in its paragraph's text. The quote
 * keeps a few words of context before the match; "…" marks a cut. */
function locate(text, q, from) {
  if (q.whole) return null;
  const cut = q.before.startsWith('…');
  const before = cut ? q.before.slice(1) : q.before;
  if (!cut && text.startsWith(before + q.match)) return [before.length, before.length + q.match.length];
  const i = text.indexOf(before + q.match);
  if (i >= 0) return [i + before.length, i + before.length + q.match.length];
  const j = text.indexOf(q.match, from);
  return j >= 0 ? [j, j + q.match.length] : null;
}

/** paint replaces a paragraph's text with the same text, its recognised
 * entities as links. Overlapping matches keep the longer one. */
function paint(p, mentions) {
  const spans = [];
  for (const m of mentions) {
    for (const ev of m.evidence) {
      if (!ev.quote) continue;
      const at = locate(p.text, ev.quote, 0);
      if (at && at[1] > at[0]) spans.push({ start: at[0], end: at[1], e: m.entity });
    }
  }
  spans.sort((a, b) => a.start - b.start || (b.end - b.start) - (a.end - a.start));
  const kept = [];
  let end = 0;
  for (const s of spans) {
    if (s.start < end) continue;
    kept.push(s);
    end = s.end;
  }
  if (!kept.length) return 0;
  const out = [];
  let at = 0;
  for (const s of kept) {
    out.push(p.text.slice(at, s.start));
    out.push(h('a', { class: `ent ent--${s.e.kind}`, href: entityURL(s.e.id), title: `${kindName(s.e.kind)}: ${s.e.label}` }, p.text.slice(s.start, s.end)));
    at = s.end;
  }
  out.push(p.text.slice(at));
  replace(p.el, out);
  return kept.length;
}

async function linkEntities(ctx, paragraphs, status) {
  const byID = new Map(paragraphs.map((p) => [p.id, p]));
  let linked = 0;
  try {
    const lim = await limits();
    await inBatches(paragraphs.map((p) => p.id), perRequest(lim, MENTIONS_PAGE, 30), async (ids) => {
      const d = await gql(MENTIONS, { ids }, { signal: ctx.signal });
      for (const n of d.nodes) {
        if (!n || !n.mentioned) continue;
        const p = byID.get(n.id);
        if (!p) continue;
        const all = [...n.mentioned.nodes];
        let page = n.mentioned.pageInfo;
        while (page.hasNextPage) {
          const more = await gql(MORE_MENTIONS, { id: n.id, after: page.endCursor }, { signal: ctx.signal });
          all.push(...more.node.mentioned.nodes);
          page = more.node.mentioned.pageInfo;
        }
        linked += paint(p, all);
      }
    }, { parallel: 3 });
    status.textContent = `${plural(paragraphs.length, 'paragraph')}; ${plural(linked, 'recognised name')} linked to its entity.`;
  } catch (err) {
    if (ctx.signal.aborted) return;
    replace(status, frag(h('span', { class: 'notice notice--error' }, `The recognised entities could not be loaded: ${err.message}`)));
  }
}
