// Documents: GET /v1/documents with the filters of the form (kept in the
// address, so a reload or a shared link shows the same list), paged by the
// server's cursor.

import * as api from '../api.js';
import { h, replace, errorBox } from '../dom.js';
import { when, outcomes } from '../format.js';

const filters = ['q', 'uploader', 'owner', 'from', 'to', 'outcome'];

export default async function documents({ main, params }) {
  const field = (name, label, attrs = {}) => {
    const input = h(`input#f-${name}`, { name, value: params.get(name) || '', ...attrs });
    return h('div.field', h('label', { for: `f-${name}` }, label), input);
  };
  const outcome = h('select#f-outcome', { name: 'outcome' },
    h('option', { value: '' }, 'Any'),
    Object.entries(outcomes).map(([v, label]) => h('option', { value: v }, label)),
    h('option', { value: 'none' }, 'Not reviewed'));
  outcome.value = params.get('outcome') || '';

  const form = h('form.filters', {
    role: 'search',
    'aria-label': 'Filter documents',
    on: {
      submit: (e) => {
        e.preventDefault();
        const fd = new FormData(form);
        const q = {};
        for (const f of filters) q[f] = (fd.get(f) || '').trim();
        location.hash = '#/documents' + api.query(q);
      },
    },
  },
  field('q', 'Search party or file name', { type: 'search' }),
  field('uploader', 'Uploader (key name)'),
  field('owner', 'Owner', { type: 'email' }),
  field('from', 'Uploaded from', { type: 'date' }),
  field('to', 'Uploaded to', { type: 'date' }),
  h('div.field', h('label', { for: 'f-outcome' }, 'Latest review'), outcome),
  h('div.actions',
    h('button.primary', { type: 'submit' }, 'Filter'),
    h('a.button', { href: '#/documents' }, 'Clear')));

  const results = h('div#results', { 'aria-live': 'polite' });
  main.append(h('h1', 'Documents'), form, results);

  const q = {};
  for (const f of filters) q[f] = params.get(f) || '';
  q.limit = params.get('limit') || 25;
  q.cursor = params.get('cursor') || '';
  const prev = (params.get('prev') || '').split(',').filter(Boolean);

  let page;
  try {
    page = await api.getJSON('/v1/documents' + api.query(q));
  } catch (err) {
    results.append(errorBox(err, 'Could not list the documents:'));
    return;
  }
  if (!page.documents.length) {
    const any = filters.some((f) => q[f]);
    replace(results, h('p', any ? 'No document matches these filters.' : 'No documents yet. ',
      any ? null : h('a', { href: '#/upload' }, 'Upload a contract')));
    return;
  }
  const rows = page.documents.map((d) => h('tr',
    h('th', { scope: 'row' }, h('a', { href: `#/documents/${d.id}` }, d.name)),
    h('td', (d.parties || []).filter((p, i, a) => a.indexOf(p) === i).slice(0, 4).join(', ')),
    h('td', d.uploader),
    h('td', d.owner || '—'),
    h('td', h('time', { datetime: d.created }, when(d.created))),
    h('td.num', String(d.clauses)),
    h('td', d.outcome ? h(`span.badge.${d.outcome}`, outcomes[d.outcome] || d.outcome) : 'not reviewed')));
  const nav = h('nav.pager', { 'aria-label': 'Pages' });
  const base = {};
  for (const f of filters) base[f] = q[f];
  if (params.get('limit')) base.limit = params.get('limit');
  if (q.cursor) {
    const back = prev.slice(0, -1);
    nav.append(h('a.button#prev-page', {
      href: '#/documents' + api.query({ ...base, cursor: prev[prev.length - 1] === '0' ? '' : prev[prev.length - 1], prev: back.join(',') }),
    }, '← Previous page'));
  }
  if (page.next_cursor) {
    nav.append(h('a.button#next-page', {
      href: '#/documents' + api.query({ ...base, cursor: page.next_cursor, prev: [...prev, q.cursor || '0'].join(',') }),
    }, 'Next page →'));
  }
  replace(results,
    h('div.table-wrap', { tabindex: '0', role: 'region', 'aria-label': 'Documents table' },
      h('table.list#documents-table',
        h('caption', `Documents${q.cursor ? '' : ', newest first'}`),
        h('thead', h('tr',
          ['File', 'Parties', 'Uploader', 'Owner', 'Uploaded', 'Clauses', 'Latest review'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', rows))),
    nav);
}
