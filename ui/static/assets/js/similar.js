// Similar calls: for a call to act, the calls of other documents most like
// it, ranked, each with its score and why (shared words, shared entities).

import { h, replace } from './dom.js';
import { gql } from './api.js';
import { loading, errorNotice, empty } from './components.js';
import { documentURL, entityURL, docName, shorten } from './format.js';

const SIMILAR = `query Similar($id: ID!) {
  similarCalls(id: $id, first: 10) {
    call { id ref citation text document { key symbol label } }
    similarity { score text entities sharedWords sharedEntities sharedEntityLabels }
  }
}`;

/** label turns an entity ID into something readable without a request. */
function idLabel(id) {
  const i = id.indexOf(':');
  return i < 0 ? id : id.slice(i + 1);
}

/** reason says in words why two calls were matched. */
export function reason(s) {
  const parts = [];
  if (s.sharedWords.length) parts.push(h('span', null, 'shared words: ', s.sharedWords.map((w, i) => [i ? ', ' : '', h('mark', null, w)])));
  if (s.sharedEntities.length) parts.push(h('span', null, 'shared entities: ', s.sharedEntities.map((id, i) => [i ? ', ' : '',
    h('a', { href: entityURL(id) }, (s.sharedEntityLabels && s.sharedEntityLabels[i]) || idLabel(id))])));
  return h('div', { class: 'small' }, parts.map((p, i) => [i ? '; ' : '', p]));
}

/** score formats a similarity with its two parts. */
export function score(s) {
  return h('span', { class: 'score', title: `text ${s.text.toFixed(2)}, entities ${s.entities.toFixed(2)}` }, s.score.toFixed(2));
}

/** similarSection is the "Similar calls" part of a call's page. */
export function similarSection(ctx, e) {
  const box = h('div', { id: 'similar' }, loading('Finding similar calls…'));
  const load = async () => {
    try {
      const d = await gql(SIMILAR, { id: e.id }, { signal: ctx.signal });
      const list = d.similarCalls;
      if (!list.length) { replace(box, empty('No call of another document shares a word or an entity with this one.')); return; }
      replace(box,
        h('p', { class: 'small muted' }, 'Score: 0.7 × TF-IDF cosine of the words + 0.3 × Jaccard index of the linked entities.'),
        h('ol', { class: 'similar-list' }, list.map((s) => h('li', { dataset: { id: s.call.id } },
          h('div', null, score(s.similarity), ' ',
            h('a', { href: entityURL(s.call.id), class: 'similar-call' }, s.call.citation), ' · ',
            h('a', { href: documentURL(s.call.document.key, s.call.ref), class: 'small' }, `read in ${docName(s.call.document)}`)),
          h('div', null, shorten(s.call.text, 360)),
          reason(s.similarity)))));
    } catch (err) {
      if (ctx.signal.aborted) return;
      replace(box, errorNotice(err, load));
    }
  };
  load();
  return box;
}
