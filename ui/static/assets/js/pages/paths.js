// The path finder: two entities in, the shortest paths between them drawn
// and spelled out, each step with the paragraph that states it.

import { h, replace, frag } from '../dom.js';
import { gql, limits } from '../api.js';
import {
  loading, errorNotice, pageHeading, kindBadge, entityLink, citeLink, empty,
  showDiagram, diagramURL, diagramExports,
} from '../components.js';
import { searchBox } from '../searchbox.js';
import { edgeName, plural } from '../format.js';

const NAMES = `query Names($ids: [ID!]!) { nodes(ids: $ids) { id ... on Entity { kind label } } }`;

const PATHS = `query Paths($from: ID!, $to: ID!, $maxLength: Int, $edgeKinds: [String!]) {
  paths(from: $from, to: $to, maxLength: $maxLength, edgeKinds: $edgeKinds) {
    length truncated
    paths {
      length
      nodes { id kind label }
      edges { kind fromId toId evidence { documentKey ref citation } }
    }
  }
}`;

export async function render(ctx) {
  ctx.title('Paths');
  let lim;
  try {
    lim = await limits();
  } catch (err) {
    if (ctx.signal.aborted) return;
    replace(ctx.main, pageHeading('Paths between two entities'), errorNotice(err, () => render(ctx)));
    return;
  }
  if (ctx.signal.aborted) return;
  // noMentionKinds is every edge kind but MENTIONS (the API's default edge
  // kinds): paths through what the documents state about entities, not
  // through the paragraphs naming them.
  const noMentionKinds = lim.defaultEdgeKinds;
  const chosen = { from: (ctx.params.get('from') || '').trim(), to: (ctx.params.get('to') || '').trim() };
  const maxLength = Math.min(lim.maxPathLength, Math.max(1, Number(ctx.params.get('maxLength')) || lim.defaultPathLength));
  const noMentions = ctx.params.get('mentions') === '0';

  const shown = { from: h('p', { class: 'picked', id: 'from-picked' }), to: h('p', { class: 'picked', id: 'to-picked' }) };
  const entities = {};
  const setChosen = (which, e) => {
    chosen[which] = e ? e.id : '';
    entities[which] = e || null;
    replace(shown[which], e ? frag('Chosen: ', kindBadge(e.kind), ' ', entityLink(e)) : h('span', { class: 'muted' }, 'Nothing chosen yet.'));
  };
  const picker = (which, label) => {
    const box = searchBox({
      label, compact: true, name: which,
      placeholder: 'Type a name, alias or code',
      onPick: (e) => { setChosen(which, e); box.input.value = e.label; },
    });
    return h('div', null, box, shown[which]);
  };
  const length = h('select', { id: 'p-max', name: 'maxLength' }, Array.from({ length: lim.maxPathLength }, (_, i) => i + 1).map((n) => h('option', { value: String(n), selected: n === maxLength }, String(n))));
  const mentions = h('input', { type: 'checkbox', id: 'p-mentions', checked: noMentions });
  const form = h('form', { 'aria-label': 'Find paths' },
    h('div', { class: 'pickers' }, picker('from', 'From'), picker('to', 'To')),
    h('div', { class: 'toolbar' },
      h('div', { class: 'field' }, h('label', { for: 'p-max' }, 'At most this many steps'), length),
      h('div', null, mentions, ' ', h('label', { for: 'p-mentions' }, 'Ignore paragraphs that merely name an entity')),
      h('button', { type: 'submit', class: 'primary', id: 'p-go' }, 'Find paths'),
      h('button', { type: 'button', onclick: () => { if (chosen.from || chosen.to) go(chosen.to, chosen.from); } }, 'Swap')));
  const message = h('div', { role: 'status' });
  const go = (from, to) => {
    if (!from || !to) {
      replace(message, h('p', { class: 'notice notice--error' }, 'Choose two entities: type in each box and pick a suggestion.'));
      return;
    }
    const q = new URLSearchParams({ from, to, maxLength: length.value });
    if (mentions.checked) q.set('mentions', '0');
    ctx.navigate(`/paths?${q}`);
  };
  form.addEventListener('submit', (e) => { e.preventDefault(); go(chosen.from, chosen.to); });
  const result = h('div');
  replace(ctx.main,
    pageHeading('Paths between two entities'),
    h('p', { class: 'lede' }, 'How are two entities connected? Choose them, and see the shortest chains of relations between them, each step cited.'),
    form, message, result);

  const wanted = { ...chosen };
  setChosen('from', null);
  setChosen('to', null);
  const ids = [wanted.from, wanted.to].filter(Boolean);
  if (ids.length === 0) return;
  try {
    const d = await gql(NAMES, { ids }, { signal: ctx.signal });
    for (const n of d.nodes.filter(Boolean)) {
      for (const which of ['from', 'to']) {
        if (n.id === wanted[which]) {
          setChosen(which, n);
          form.querySelector(`input[name="${which}"]`).value = n.label;
        }
      }
    }
  } catch (err) {
    if (ctx.signal.aborted) return;
    replace(result, errorNotice(err, () => render(ctx)));
    return;
  }
  const missing = ['from', 'to'].filter((w) => wanted[w] && !entities[w]).map((w) => wanted[w]);
  if (missing.length) {
    replace(message, errorNotice(new Error(`The graph has no entity with the ID ${missing.join(' or ')}.`)));
    return;
  }
  if (!entities.from || !entities.to) return;
  ctx.title(`Paths: ${entities.from.label} to ${entities.to.label}`);
  replace(result, loading('Finding paths…'));
  let p;
  try {
    const d = await gql(PATHS, { from: chosen.from, to: chosen.to, maxLength, edgeKinds: noMentions ? noMentionKinds : null }, { signal: ctx.signal });
    p = d.paths;
  } catch (err) {
    if (ctx.signal.aborted) return;
    replace(result, errorNotice(err, () => render(ctx)));
    return;
  }
  if (p.length == null || p.paths.length === 0) {
    replace(result, h('h2', null, 'No path'),
      empty(`${entities.from.label} and ${entities.to.label} are not connected within ${plural(maxLength, 'step')}. Allow more steps${noMentions ? ', or include paragraphs that name them' : ''}.`));
    return;
  }
  const params = { from: chosen.from, to: chosen.to, maxLength: String(maxLength), edges: noMentions ? noMentionKinds.join(',') : null };
  const box = h('div', { class: 'diagram' });
  replace(result,
    h('h2', null, `${plural(p.paths.length, 'shortest path')} of ${plural(p.length, 'step')}`),
    p.truncated ? h('p', { class: 'notice' }, p.paths.length >= lim.maxPaths
      ? `There are more shortest paths than the ${lim.maxPaths} shown here.` : 'There are more shortest paths than shown here.') : null,
    box,
    diagramExports('paths', params, `${chosen.from}-to-${chosen.to}`),
    h('h3', null, 'Step by step'),
    h('ol', { class: 'paths-list' }, p.paths.map(pathItem)));
  showDiagram(box, diagramURL('paths', params, 'svg'), {
    signal: ctx.signal,
    label: `Diagram of the shortest paths from ${entities.from.label} to ${entities.to.label}. Each node links to its page.`,
  });
}

function pathItem(path) {
  const steps = [];
  path.nodes.forEach((n, i) => {
    steps.push(h('li', null, kindBadge(n.kind), ' ', entityLink(n)));
    const e = path.edges[i];
    if (!e) return;
    const forward = e.fromId === n.id;
    const ev = e.evidence[0];
    steps.push(h('li', { class: 'hop' },
      forward ? `— ${edgeName(e.kind, 'OUT').toLowerCase()} →` : `← ${edgeName(e.kind, 'OUT').toLowerCase()} —`,
      ev ? frag(' (', citeLink(ev), ')') : null));
  });
  return h('li', { class: 'path' }, h('ol', null, steps));
}
