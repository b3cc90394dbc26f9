// Every entity of one kind, in name order.

import { h, replace } from '../dom.js';
import { gql, limits } from '../api.js';
import { loading, errorNotice, pageHeading, empty } from '../components.js';
import { KINDS, kindFromURL, entityURL, plural } from '../format.js';

const QUERY = `query Entities($kind: EntityKind!, $first: Int!, $after: String) {
  entities(kind: $kind, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id kind label aliases }
  }
}`;

export async function render(ctx) {
  const kind = kindFromURL(ctx.params.get('kind'));
  if (!kind) {
    ctx.title('Entities');
    replace(ctx.main, pageHeading('Entities'), h('p', null, 'Choose a kind:'),
      h('ul', null, Object.entries(KINDS).map(([, v]) => h('li', null, h('a', { href: `/entities?kind=${v.url}` }, v.many)))));
    return;
  }
  ctx.title(KINDS[kind].many);
  const list = h('ul');
  const more = h('div', { class: 'pager' });
  const count = h('p', { role: 'status' });
  replace(ctx.main, pageHeading(KINDS[kind].many), count, list, more);
  const load = async (after) => {
    more.replaceChildren(loading());
    try {
      const lim = await limits();
      const d = await gql(QUERY, { kind, first: lim.maxPage, after }, { signal: ctx.signal });
      const c = d.entities;
      count.textContent = plural(c.totalCount, KINDS[kind].one.toLowerCase(), KINDS[kind].many.toLowerCase());
      for (const n of c.nodes) {
        list.append(h('li', null, h('a', { href: entityURL(n.id) }, n.label),
          n.aliases.length ? h('span', { class: 'muted small' }, ` — ${n.aliases.slice(0, 4).join(', ')}${n.aliases.length > 4 ? ', …' : ''}`) : null));
      }
      more.replaceChildren();
      if (!c.totalCount) more.append(empty(`No ${KINDS[kind].many.toLowerCase()} in the corpus.`));
      if (c.pageInfo.hasNextPage) more.append(h('button', { type: 'button', onclick: () => load(c.pageInfo.endCursor) }, 'Show more'));
    } catch (err) {
      if (ctx.signal.aborted) return;
      more.replaceChildren(errorNotice(err, () => load(after)));
    }
  };
  await load(null);
}
