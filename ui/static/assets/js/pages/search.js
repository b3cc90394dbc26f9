// Search results: every kind, paragraphs and recommendations included, with
// the matched words marked.

import { h, replace, frag } from '../dom.js';
import { gql } from '../api.js';
import { loading, errorNotice, pageHeading, kindBadge, empty } from '../components.js';
import { searchBox } from '../searchbox.js';
import { entityURL, sourceURL, plural } from '../format.js';

const QUERY = `query Search($q: String!, $after: String) {
  search(query: $q, first: 25, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { score entity { id kind label } snippets { field parts { text match } } }
  }
}`;

export async function render(ctx) {
  const q = (ctx.params.get('q') || '').trim();
  ctx.title(q ? `Search: ${q}` : 'Search');
  const box = searchBox({
    label: 'Search', value: q, hideLabel: true,
    onPick: (e) => ctx.navigate(entityURL(e.id)),
    onSubmit: (text) => ctx.navigate(`/search?q=${encodeURIComponent(text)}`),
  });
  const results = h('div');
  replace(ctx.main, pageHeading(q ? `Search results for “${q}”` : 'Search'), h('search', null, box), results);
  if (!q) { replace(results, empty('Type words to search names, aliases, codes and the text of every paragraph.')); return; }

  const list = h('ul', { class: 'hits' });
  const more = h('div', { class: 'pager' });
  const load = async (after) => {
    const status = loading('Searching…');
    more.replaceChildren(status);
    try {
      const d = await gql(QUERY, { q, after }, { signal: ctx.signal });
      const s = d.search;
      if (!after) {
        replace(results, h('p', { role: 'status' }, s.totalCount ? plural(s.totalCount, 'result') : 'Nothing matches these words.'), list, more);
      }
      for (const hit of s.nodes) list.append(hitItem(hit));
      more.replaceChildren();
      if (s.pageInfo.hasNextPage) {
        more.append(h('button', { type: 'button', onclick: () => load(s.pageInfo.endCursor) }, 'Show more results'));
      }
    } catch (err) {
      if (ctx.signal.aborted) return;
      replace(after ? more : results, errorNotice(err, () => load(after)));
    }
  };
  replace(results, loading('Searching…'));
  await load(null);
}

function hitItem(hit) {
  const e = hit.entity;
  const src = sourceURL(e.id);
  return h('li', null,
    kindBadge(e.kind), ' ',
    h('a', { href: entityURL(e.id) }, e.label),
    src ? frag(' · ', h('a', { href: src, class: 'small' }, 'read in the document')) : null,
    hit.snippets.filter((s) => s.field !== 'label').slice(0, 2).map((s) => h('p', { class: 'snippet' },
      s.parts.map((p) => (p.match ? h('mark', null, p.text) : p.text)))));
}
