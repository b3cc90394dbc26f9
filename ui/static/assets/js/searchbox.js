// The search box with type-ahead: an ARIA 1.2 combobox over the entities'
// names, aliases and codes. The server's search is word-based (no prefix
// matching), so the box also keeps a small index of every named entity,
// loaded once on first use, and matches the start of any word of any name
// as the researcher types; server hits follow.

import { h, debounce, fold } from './dom.js';
import { gql, isAbort, limits } from './api.js';
import { kindName } from './format.js';

/** NAMED_KINDS are the kinds whose names the type-ahead indexes. */
const NAMED_KINDS = ['STATE', 'ORGANIZATION', 'GROUP', 'CRIME_TYPE', 'INSTRUMENT', 'THEME', 'DOCUMENT', 'PERSON', 'MEETING'];

let namesPromise = null;

/** names loads (once) every named entity with its aliases. */
function names() {
  if (!namesPromise) {
    namesPromise = loadNames().catch((err) => { namesPromise = null; throw err; });
  }
  return namesPromise;
}

async function loadNames() {
  const out = [];
  const q = `query Names($kind: EntityKind!, $first: Int!, $after: String) {
    entities(kind: $kind, first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { id kind label aliases }
    }
  }`;
  const lim = await limits();
  await Promise.all(NAMED_KINDS.map(async (kind) => {
    let after = null;
    for (let page = 0; page < 50; page++) {
      const d = await gql(q, { kind, first: lim.maxPage, after });
      for (const n of d.entities.nodes) {
        out.push({ id: n.id, kind: n.kind, label: n.label, aliases: n.aliases, keys: [n.label, ...n.aliases].map(fold) });
      }
      if (!d.entities.pageInfo.hasNextPage) break;
      after = d.entities.pageInfo.endCursor;
    }
  }));
  return out;
}

/** localMatches ranks the named entities whose names start with, or have
 * a word starting with, the query. */
function localMatches(all, text, kinds, max) {
  const q = fold(text.trim());
  if (!q) return [];
  const scored = [];
  for (const e of all) {
    if (kinds && !kinds.includes(e.kind)) continue;
    let best = 0;
    let via = '';
    e.keys.forEach((k, i) => {
      let s = 0;
      if (k === q) s = 100;
      else if (k.startsWith(q)) s = 60;
      else if ((' ' + k).includes(' ' + q) || k.includes('(' + q)) s = 30;
      if (s > 0 && i === 0) s += 5;
      if (s > best) { best = s; via = i === 0 ? '' : e.aliases[i - 1]; }
    });
    if (best > 0) scored.push({ e, s: best, via });
  }
  scored.sort((a, b) => b.s - a.s || a.e.label.length - b.e.label.length || a.e.label.localeCompare(b.e.label));
  return scored.slice(0, max).map(({ e, via }) => ({ id: e.id, kind: e.kind, label: e.label, hint: via ? `also “${via}”` : '' }));
}

let seq = 0;

/**
 * searchBox builds a combobox.
 *  - label: the visible label text
 *  - onPick(entity): called with {id, kind, label} when an option is chosen
 *  - onSubmit(text): called on Enter with no option chosen (optional)
 *  - kinds: restrict to these kinds (optional)
 *  - value: initial text
 */
export function searchBox({ label, placeholder = '', onPick, onSubmit, kinds = null, value = '', compact = false, name = 'q', hideLabel = false }) {
  const id = `search-${++seq}`;
  const listId = `${id}-list`;
  const input = h('input', {
    id, name, type: 'search', role: 'combobox', autocomplete: 'off', spellcheck: 'false',
    'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': listId, placeholder,
  });
  input.value = value;
  const list = h('ul', { id: listId, role: 'listbox', class: 'listbox', hidden: true, 'aria-label': label });
  const status = h('span', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  const box = h('div', { class: compact ? 'search search--compact' : 'search' },
    h('label', { for: id, class: hideLabel ? 'visually-hidden' : null }, label),
    input, list, status);

  let options = [];
  let active = -1;
  let ctrl = null;

  function close() {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  }

  function setActive(i) {
    const items = list.querySelectorAll('[role="option"]');
    items.forEach((li, j) => li.setAttribute('aria-selected', j === i ? 'true' : 'false'));
    active = i;
    if (i >= 0 && items[i]) {
      input.setAttribute('aria-activedescendant', items[i].id);
      items[i].scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function pick(i) {
    const o = options[i];
    if (!o) return;
    // Results still on their way must not reopen the list over the page.
    later.cancel();
    if (ctrl) ctrl.abort();
    close();
    if (o.submit) { onSubmit && onSubmit(input.value.trim()); return; }
    onPick(o);
  }

  function render(opts, note) {
    // Keep the option the user moved to when more results arrive, so the
    // list does not jump under the keyboard.
    const keep = active >= 0 && options[active] ? options[active] : null;
    options = opts;
    const items = opts.map((o, i) => {
      const li = h('li', { id: `${id}-opt-${i}`, role: 'option', class: 'option', 'aria-selected': 'false' },
        o.submit ? null : h('span', { class: `kind kind--${o.kind}` }, kindName(o.kind)),
        h('span', { class: 'option__label' }, o.label),
        o.hint ? h('span', { class: 'option__hint' }, o.hint) : null);
      li.addEventListener('mousedown', (e) => e.preventDefault());
      li.addEventListener('click', () => pick(i));
      return li;
    });
    if (note) items.push(h('li', { class: 'option option--status', role: 'presentation' }, note));
    list.replaceChildren(...items);
    const open = items.length > 0 && document.activeElement === input;
    list.hidden = !open;
    input.setAttribute('aria-expanded', open ? 'true' : 'false');
    active = -1;
    input.removeAttribute('aria-activedescendant');
    if (open && keep) {
      const i = opts.findIndex((o) => (keep.submit ? o.submit : o.id === keep.id));
      if (i >= 0) setActive(i);
    }
    status.textContent = opts.length ? `${opts.filter((o) => !o.submit).length} suggestions` : (note || '');
  }

  async function update() {
    const text = input.value.trim();
    if (ctrl) ctrl.abort();
    if (!text) { render([]); return; }
    ctrl = new AbortController();
    const signal = ctrl.signal;
    const submitOpt = onSubmit ? [{ submit: true, label: `Search all text for “${text}”` }] : [];
    let local = [];
    try {
      local = localMatches(await names(), text, kinds, 8);
    } catch (err) {
      if (isAbort(err)) return;
    }
    if (signal.aborted) return;
    render([...local, ...submitOpt], local.length ? null : 'Searching…');
    try {
      const d = await gql(`query TypeAhead($q: String!, $kinds: [EntityKind!]) {
        search(query: $q, kinds: $kinds, first: 8) { nodes { entity { id kind label } snippets { field parts { text match } } } }
      }`, { q: text, kinds: kinds || [...NAMED_KINDS, 'RECOMMENDATION', 'SECTION'] }, { signal });
      if (signal.aborted) return;
      const seen = new Set(local.map((o) => o.id));
      const remote = [];
      for (const hit of d.search.nodes) {
        if (seen.has(hit.entity.id)) continue;
        seen.add(hit.entity.id);
        const sn = hit.snippets.find((s) => s.field !== 'label');
        remote.push({ ...hit.entity, hint: sn ? sn.parts.map((p) => p.text).join('') : '' });
      }
      const all = [...local, ...remote].slice(0, 10);
      render([...all, ...submitOpt], all.length ? null : 'No entity matches; try other words.');
    } catch (err) {
      if (isAbort(err)) return;
      render([...local, ...submitOpt], local.length ? null : `Search failed: ${err.message}`);
    }
  }

  // An Enter that chose a suggestion must not also submit the form around
  // the box; some input paths (synthetic key events among them) deliver a
  // keypress even after keydown was cancelled.
  let enterHandled = false;
  input.addEventListener('keypress', (e) => {
    if (e.key === 'Enter' && enterHandled) e.preventDefault();
    enterHandled = false;
  });
  const later = debounce(update, 120);
  input.addEventListener('input', later);
  input.addEventListener('focus', () => { names().catch(() => {}); });
  input.addEventListener('blur', () => setTimeout(close, 100));
  input.addEventListener('keydown', (e) => {
    const n = options.length;
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (list.hidden) { if (n) { list.hidden = false; input.setAttribute('aria-expanded', 'true'); } else { update(); } return; }
        setActive(n ? (active + 1) % n : -1);
        break;
      case 'ArrowUp':
        e.preventDefault();
        if (!list.hidden && n) setActive(active <= 0 ? n - 1 : active - 1);
        break;
      case 'Enter':
        if (!list.hidden && active >= 0) { e.preventDefault(); enterHandled = true; pick(active); }
        else if (onSubmit && input.value.trim()) { e.preventDefault(); enterHandled = true; later.cancel(); close(); onSubmit(input.value.trim()); }
        break;
      case 'Escape':
        if (!list.hidden) { e.preventDefault(); close(); } else if (input.value) { input.value = ''; }
        break;
      case 'Tab':
        close();
        break;
      default:
    }
  });
  box.input = input;
  return box;
}
