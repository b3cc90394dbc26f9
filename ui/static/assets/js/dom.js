// DOM building without innerHTML. Every string a page shows, whether it
// came from the server or the URL, becomes a text node, so a paragraph that
// contains "<script>" is shown as text and never parsed as markup.

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * h builds an element: h('a', {href, class: 'x', onclick: f}, 'text', child).
 * Props: class, text, dataset (object), on* (listeners); any other prop is
 * an attribute (true: present, false/null/undefined: absent). Children may
 * be nodes, strings, numbers, arrays or null.
 */
export function h(tag, props, ...children) {
  const el = tag.startsWith('svg:') ? document.createElementNS(SVG_NS, tag.slice(4)) : document.createElement(tag);
  if (props) {
    for (const [k, v] of Object.entries(props)) {
      if (v == null || v === false) continue;
      if (k === 'class') el.setAttribute('class', Array.isArray(v) ? v.filter(Boolean).join(' ') : v);
      else if (k === 'text') el.textContent = String(v);
      else if (k === 'dataset') Object.assign(el.dataset, v);
      else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2).toLowerCase(), v);
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(el, children);
  return el;
}

/** append adds children (nodes, strings, nested arrays) to el. */
export function append(el, children) {
  for (const c of [children].flat(Infinity)) {
    if (c == null || c === false || c === '') continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** replace empties el and fills it with children. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** frag groups nodes without a wrapper element. */
export function frag(...children) {
  return append(document.createDocumentFragment(), children);
}

/** announce tells screen readers about a change that moved no focus. */
export function announce(message) {
  const a = document.getElementById('announcer');
  if (!a) return;
  a.textContent = '';
  // A fresh text node in a new task is read even when the text repeats.
  setTimeout(() => { a.textContent = message; }, 50);
}

/** debounce delays f until calls have stopped for ms. */
export function debounce(f, ms) {
  let t;
  const d = (...args) => { clearTimeout(t); t = setTimeout(() => f(...args), ms); };
  d.cancel = () => clearTimeout(t);
  return d;
}

/** fold lowers case and drops accents, as the server's name index does. */
export function fold(s) {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}
