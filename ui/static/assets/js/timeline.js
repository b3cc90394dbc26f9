// The timeline of an entity: mentions and calls to act per period, as an
// SVG bar chart that reads in greyscale (mentions solid, calls hatched),
// downloadable as SVG and CSV; each bar opens the paragraphs behind it.

import { h, replace, announce } from './dom.js';
import { gql } from './api.js';
import { loading, errorNotice, empty } from './components.js';
import { documentURL, entityURL, fileSlug, plural, shorten } from './format.js';
import { csvLink, blobLink } from './csv.js';

const TIMELINE = `query Timeline($id: ID!, $by: Period, $filter: DocumentFilter) {
  timeline(id: $id, by: $by, filter: $filter) {
    by mentions calls undatedMentions undatedCalls
    buckets { period mentions calls documents }
  }
}`;

const SOURCES = `query TimelineSources($id: ID!, $by: Period, $period: String!, $filter: DocumentFilter) {
  timelineSources(id: $id, by: $by, period: $period, filter: $filter) { id call documentKey ref citation date text }
}`;

const BODIES = `query TimelineBodies { documentList(first: 1) { facets { bodies { value label count } } } }`;

const PERIODS = [['MONTH', 'Month'], ['QUARTER', 'Quarter'], ['YEAR', 'Year']];
const FAMILIES = ['report', 'letter', 'note-verbale', 'resolution', 'decision', 'draft', 'amendment', 'record', 'list', 'agenda', 'information', 'other'];

/** timelineSection is the "Over time" part of an entity's page. */
export function timelineSection(ctx, e) {
  const by = h('select', { id: 'tl-by' }, PERIODS.map(([v, t]) => h('option', { value: v }, t)));
  const family = h('select', { id: 'tl-family' }, h('option', { value: '' }, 'Any'), FAMILIES.map((f) => h('option', { value: f }, f)));
  const body = h('select', { id: 'tl-body' }, h('option', { value: '' }, 'Any'));
  gql(BODIES, {}, { signal: ctx.signal }).then((d) => {
    body.append(...d.documentList.facets.bodies.map((f) => h('option', { value: f.value }, `${f.label} (${f.count})`)));
  }, () => { /* the chart works without the list */ });
  const chart = h('div', { class: 'timeline', id: 'timeline' }, loading('Counting over time…'));
  const sources = h('div', { id: 'tl-sources', 'aria-live': 'polite' });
  const box = h('div', null,
    h('div', { class: 'toolbar' },
      h('div', { class: 'field' }, h('label', { for: 'tl-by' }, 'Per'), by),
      h('div', { class: 'field' }, h('label', { for: 'tl-family' }, 'Documents of the family'), family),
      h('div', { class: 'field' }, h('label', { for: 'tl-body' }, 'Issued by'), body)),
    chart, sources);
  const filter = () => {
    const f = {};
    if (family.value) f.family = family.value;
    if (body.value) f.body = body.value;
    return Object.keys(f).length ? f : null;
  };
  let gen = 0;
  const load = async () => {
    const my = ++gen;
    replace(chart, loading('Counting over time…'));
    sources.replaceChildren();
    try {
      const d = await gql(TIMELINE, { id: e.id, by: by.value, filter: filter() }, { signal: ctx.signal });
      if (my !== gen) return;
      drawChart(ctx, e, d.timeline, chart, sources, filter());
    } catch (err) {
      if (ctx.signal.aborted || my !== gen) return;
      replace(chart, errorNotice(err, load));
    }
  };
  by.addEventListener('change', load);
  family.addEventListener('change', load);
  body.addEventListener('change', load);
  load();
  return box;
}

const W = 760;
const H = 220;
const PAD = { l: 40, r: 10, t: 12, b: 42 };
const SVG_NS = 'http://www.w3.org/2000/svg';

function svgEl(name, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs || {})) if (v != null) el.setAttribute(k, String(v));
  for (const c of children.flat()) if (c != null) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

function drawChart(ctx, e, t, chart, sources, filter) {
  if (t.buckets.length === 0) {
    replace(chart, empty(`No dated paragraph names ${e.label}${filter ? ' in the documents chosen' : ''}.`));
    return;
  }
  const max = Math.max(1, ...t.buckets.map((b) => b.mentions + b.calls));
  const n = t.buckets.length;
  const step = (W - PAD.l - PAD.r) / n;
  const bw = Math.max(1, Math.min(step * 0.8, 48)); // a lone period is a bar, not a wall
  const y = (v) => PAD.t + (H - PAD.t - PAD.b) * (1 - v / max);
  const title = `${e.label}: mentions and calls to act per ${t.by.toLowerCase()}`;
  const svg = svgEl('svg', { xmlns: SVG_NS, viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': title, 'font-family': 'sans-serif', 'font-size': 11 },
    svgEl('title', null, title),
    svgEl('defs', null, svgEl('pattern', { id: 'tl-hatch', width: 4, height: 4, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' },
      svgEl('rect', { width: 4, height: 4, fill: '#ffffff' }), svgEl('line', { x1: 0, y1: 0, x2: 0, y2: 4, stroke: '#1a1a1a', 'stroke-width': 1.5 }))),
    svgEl('line', { class: 'axis', x1: PAD.l, y1: y(0), x2: W - PAD.r, y2: y(0), stroke: '#999999' }),
    svgEl('line', { class: 'axis', x1: PAD.l, y1: PAD.t, x2: PAD.l, y2: y(0), stroke: '#999999' }),
    svgEl('text', { x: PAD.l - 4, y: PAD.t + 4, 'text-anchor': 'end', fill: '#333333' }, String(max)),
    svgEl('text', { x: PAD.l - 4, y: y(0), 'text-anchor': 'end', fill: '#333333' }, '0'));
  // Label at most ~12 periods so the axis stays readable.
  const every = Math.max(1, Math.ceil(n / 12));
  t.buckets.forEach((b, i) => {
    const x = PAD.l + i * step + (step - bw) / 2;
    const g = svgEl('g', { class: 'bar', tabindex: b.mentions + b.calls ? 0 : null, role: b.mentions + b.calls ? 'button' : null,
      'data-period': b.period, 'aria-label': `${b.period}: ${plural(b.mentions, 'mention')}, ${plural(b.calls, 'call')} to act, in ${plural(b.documents, 'document')}` },
    svgEl('title', null, `${b.period}: ${b.mentions} mentions, ${b.calls} calls, ${b.documents} documents`));
    if (b.mentions) g.append(svgEl('rect', { class: 'bar--mentions', x, width: bw, y: y(b.mentions), height: y(0) - y(b.mentions), fill: '#4d4d4d' }));
    if (b.calls) g.append(svgEl('rect', { class: 'bar--calls', x, width: bw, y: y(b.mentions + b.calls), height: y(b.mentions) - y(b.mentions + b.calls), fill: 'url(#tl-hatch)', stroke: '#1a1a1a', 'stroke-width': 0.6 }));
    // A transparent hit area, so a short bar is easy to click.
    g.append(svgEl('rect', { class: 'hit', x: PAD.l + i * step, width: step, y: PAD.t, height: y(0) - PAD.t, fill: 'transparent' }));
    if (i % every === 0) g.append(svgEl('text', { x: x + bw / 2, y: H - PAD.b + 14, 'text-anchor': 'middle', fill: '#333333' }, b.period));
    if (b.mentions + b.calls) {
      const open = () => openBar(ctx, e, t.by, b, filter, sources, svg, g);
      g.addEventListener('click', open);
      g.addEventListener('keydown', (ev) => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); open(); } });
    }
    svg.append(g);
  });
  const base = fileSlug(`${e.id}-timeline-${t.by.toLowerCase()}`);
  const csv = csvLink('CSV', `${base}.csv`, ['period', 'mentions', 'calls', 'documents'],
    () => t.buckets.map((b) => [b.period, b.mentions, b.calls, b.documents]));
  const svgText = new XMLSerializer().serializeToString(svg);
  replace(chart,
    h('div', { class: 'tl-legend' },
      h('span', null, h('span', { class: 'tl-swatch tl-swatch--mentions' }), `Mentions (${t.mentions})`),
      h('span', null, h('span', { class: 'tl-swatch tl-swatch--calls' }), `Calls to act (${t.calls})`),
      t.undatedMentions + t.undatedCalls ? h('span', { class: 'muted' }, `Undated: ${plural(t.undatedMentions, 'mention')}, ${plural(t.undatedCalls, 'call')}`) : null),
    svg,
    h('div', { class: 'exports', role: 'group', 'aria-label': 'Download the timeline' },
      h('span', { class: 'exports__label' }, 'Download timeline:'),
      blobLink('SVG', `${base}.svg`, 'image/svg+xml', svgText, 'timeline-svg'), csv),
    h('p', { class: 'small muted' }, 'Select a bar to read the paragraphs behind it.'));
}

async function openBar(ctx, e, by, b, filter, sources, svg, g) {
  for (const o of svg.querySelectorAll('.bar.is-open')) o.classList.remove('is-open');
  g.classList.add('is-open');
  replace(sources, loading(`Loading ${b.period}…`));
  try {
    const d = await gql(SOURCES, { id: e.id, by, period: b.period, filter }, { signal: ctx.signal });
    const list = d.timelineSources;
    replace(sources,
      h('h3', { id: 'tl-sources-h', tabindex: '-1' }, `${b.period}: ${plural(list.filter((s) => !s.call).length, 'paragraph')} and ${plural(list.filter((s) => s.call).length, 'call')} to act`),
      h('ul', { class: 'tl-sources' }, list.map((s) => h('li', { dataset: { id: s.id } },
        h('a', { href: documentURL(s.documentKey, s.ref) }, s.citation), ' ',
        h('span', { class: 'muted small' }, s.date), ' ',
        s.call ? h('a', { class: 'kind kind--RECOMMENDATION', href: entityURL(s.id) }, 'call') : null,
        h('div', null, shorten(s.text, 400))))));
    announce(`${list.length} sources for ${b.period}`);
    sources.querySelector('h3').focus({ preventScroll: false });
  } catch (err) {
    if (ctx.signal.aborted) return;
    replace(sources, errorNotice(err));
  }
}
