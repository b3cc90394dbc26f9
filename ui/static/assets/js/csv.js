// CSV downloads of what a page shows: built in the browser from the data
// the page already has, so the file is exactly the table or chart.

import { h } from './dom.js';

/** csvText writes rows as RFC 4180 CSV, every field quoted when needed. */
export function csvText(header, rows) {
  const cell = (v) => {
    const s = v == null ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** csvLink is a download link whose file is made when it is clicked, from
 * the rows rows() returns then. */
export function csvLink(text, file, header, rows) {
  const a = h('a', { class: 'button', href: '#', download: file, dataset: { export: 'csv' } }, text);
  const refresh = () => {
    if (a.dataset.url) URL.revokeObjectURL(a.dataset.url);
    const url = URL.createObjectURL(new Blob([csvText(header, rows())], { type: 'text/csv;charset=utf-8' }));
    a.dataset.url = url;
    a.href = url;
  };
  // Made on pointer-down and focus so the href is ready when the click lands.
  a.addEventListener('pointerdown', refresh);
  a.addEventListener('focus', refresh);
  a.addEventListener('click', () => { if (a.getAttribute('href') === '#') refresh(); });
  return a;
}

/** blobLink is a download link for a file made from text now (an SVG chart). */
export function blobLink(text, file, type, content, exportName) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  return h('a', { class: 'button', href: url, download: file, dataset: { export: exportName } }, text);
}
