// The explorer's router. Every page is one module under pages/ exporting
// render(ctx); the server answers every page URL with index.html, and this
// module reads the location, renders the page it names, and turns clicks
// on explorer links (including the links inside diagrams) into history
// navigation without a reload.

import { h, replace } from './dom.js';
import { errorNotice, pageHeading } from './components.js';
import { isAbort } from './api.js';

/** ROUTES maps a path to its page module and the nav item it belongs to. */
const ROUTES = {
  '/': { module: './pages/home.js', nav: 'home' },
  '/search': { module: './pages/search.js', nav: 'home' },
  '/entity': { module: './pages/entity.js', nav: '' },
  '/entities': { module: './pages/entities.js', nav: 'home' },
  '/recommendations': { module: './pages/recommendations.js', nav: 'recommendations' },
  '/matrix': { module: './pages/matrix.js', nav: 'matrix' },
  '/paths': { module: './pages/paths.js', nav: 'paths' },
  '/document': { module: './pages/document.js', nav: '' },
  '/documents': { module: './pages/documents.js', nav: 'documents' },
  '/series': { module: './pages/series.js', nav: 'documents' },
  '/compare': { module: './pages/compare.js', nav: 'documents' },
};

const main = document.getElementById('main');
let current = null; // { key, ctrl }
let focusAfter = null; // a selector to focus once the next page is rendered

/** isRoute reports whether url is a page of this explorer. */
function isRoute(url) {
  return url.origin === location.origin && Object.hasOwn(ROUTES, url.pathname);
}

function markNav(route) {
  for (const a of document.querySelectorAll('.site-nav a')) {
    if (route && a.dataset.nav === route.nav) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

/** scrollToHash brings the element the fragment names into view and
 * focus, and marks it, since :target does not follow history.pushState. */
export function scrollToHash() {
  for (const el of document.querySelectorAll('.is-target')) el.classList.remove('is-target');
  if (!location.hash) return false;
  let id = location.hash.slice(1);
  try { id = decodeURIComponent(id); } catch { /* keep it raw */ }
  const el = document.getElementById(id);
  if (!el) return false;
  el.classList.add('is-target');
  if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
  el.focus({ preventScroll: true });
  el.scrollIntoView({ block: 'start' });
  return true;
}

/** render shows the page the location names. */
async function render({ focus = true } = {}) {
  const url = new URL(location.href);
  const route = ROUTES[url.pathname];
  if (current) current.ctrl.abort();
  const ctrl = new AbortController();
  current = { key: url.pathname + url.search, ctrl };
  markNav(route);
  main.setAttribute('aria-busy', 'true');
  const ctx = {
    main,
    url,
    params: url.searchParams,
    signal: ctrl.signal,
    navigate,
    /** setURL records a new URL for the same page without rendering it
     * again (a filter change); push makes it a history entry. */
    setURL(next, { push = true } = {}) {
      const u = new URL(next, location.href);
      if (u.href === location.href) return;
      history[push ? 'pushState' : 'replaceState'](null, '', u.pathname + u.search + u.hash);
      current.key = u.pathname + u.search;
    },
    title(text) { document.title = text ? `${text} — crimegraph` : 'crimegraph'; },
  };
  try {
    if (!route) {
      ctx.title('Page not found');
      replace(main, pageHeading('Page not found'),
        h('p', null, 'There is no page at ', h('code', null, url.pathname), '. Try the ', h('a', { href: '/' }, 'home page'), ' or the search box there.'));
    } else {
      const mod = await import(route.module);
      if (ctrl.signal.aborted) return;
      await mod.render(ctx);
    }
  } catch (err) {
    if (isAbort(err) || ctrl.signal.aborted) return;
    ctx.title('Error');
    replace(main, pageHeading('Something went wrong'), errorNotice(err, () => render()));
  } finally {
    if (!ctrl.signal.aborted) main.removeAttribute('aria-busy');
  }
  if (ctrl.signal.aborted) return;
  const keep = focusAfter && main.querySelector(focusAfter);
  focusAfter = null;
  if (keep) {
    keep.focus();
  } else if (!scrollToHash() && focus) {
    const h1 = main.querySelector('h1');
    (h1 || main).focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }
}

/** navigate goes to an explorer URL. focus names the control to focus on
 * the new page (a form that reloads its own page keeps the keyboard where
 * it was); by default the new page's heading gets the focus. */
export function navigate(href, { replace: rep = false, focus = null } = {}) {
  const url = new URL(href, location.href);
  focusAfter = focus;
  if (!isRoute(url)) { location.assign(url.href); return; }
  const samePage = url.pathname === location.pathname && url.search === location.search;
  history[rep ? 'replaceState' : 'pushState'](null, '', url.pathname + url.search + url.hash);
  if (samePage && url.hash) { scrollToHash(); return; }
  render();
}

document.addEventListener('click', (e) => {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = e.target.closest && e.target.closest('a');
  if (!a || a.hasAttribute('download') || a.hasAttribute('data-external')) return;
  const target = a.getAttribute('target');
  if (target && target !== '_self') return;
  const href = a.getAttribute('href');
  if (!href || href.startsWith('#') && !href.slice(1)) return;
  const url = new URL(href, location.href);
  if (!isRoute(url)) return;
  e.preventDefault();
  navigate(url.href);
});

window.addEventListener('popstate', () => {
  const u = new URL(location.href);
  if (current && current.key === u.pathname + u.search) { scrollToHash(); return; }
  render();
});

render({ focus: false });
