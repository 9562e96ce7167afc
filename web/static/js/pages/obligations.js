// Obligations: upcoming deadlines (GET /v1/obligations) by owner, and the
// owner's calendar subscription link (POST /v1/feed-tokens).

import * as api from '../api.js';
import { h, replace, announce, errorBox } from '../dom.js';
import { day, when, words } from '../format.js';

const kinds = [
  'non_renewal_notice', 'expiration', 'renewal', 'convenience_termination_notice',
  'consent_required', 'change_of_control_notice', 'payment', 'cure_period',
];

export default async function obligations({ main, params }) {
  const owner = params.get('owner') || '';
  const dueBefore = params.get('due_before') || '';
  const kind = params.get('kind') || '';
  const past = params.get('past') === '1';

  const kindSelect = h('select#o-kind', { name: 'kind' }, h('option', { value: '' }, 'Any'),
    kinds.map((k) => h('option', { value: k }, words(k))));
  kindSelect.value = kind;
  const form = h('form.filters', {
    role: 'search',
    'aria-label': 'Filter obligations',
    on: {
      submit: (e) => {
        e.preventDefault();
        const fd = new FormData(form);
        location.hash = '#/obligations' + api.query({
          owner: (fd.get('owner') || '').trim(), due_before: fd.get('due_before') || '', kind: fd.get('kind') || '',
          past: fd.get('past') ? '1' : '',
        });
      },
    },
  },
  h('div.field', h('label', { for: 'o-owner' }, 'Owner'), h('input#o-owner', { name: 'owner', type: 'email', value: owner, placeholder: 'ann@example.com' })),
  h('div.field', h('label', { for: 'o-due' }, 'Due before'), h('input#o-due', { name: 'due_before', type: 'date', value: dueBefore })),
  h('div.field', h('label', { for: 'o-kind' }, 'Kind'), kindSelect),
  h('div.field.check-field', h('input#o-past', { type: 'checkbox', name: 'past', value: '1', checked: past }),
    h('label', { for: 'o-past' }, 'Include passed deadlines')),
  h('div.actions', h('button.primary', { type: 'submit' }, 'Show')));

  const results = h('div#obligations', { 'aria-live': 'polite' }, h('p', 'Loading…'));
  const feed = h('section.card#feed', { 'aria-labelledby': 'feed-title' });
  main.append(h('h1', 'Obligations'), form, results, feed);

  renderFeed(feed, owner);

  let out;
  try {
    out = await api.getJSON('/v1/obligations' + api.query({ owner, due_before: dueBefore, kind }));
  } catch (err) {
    if (err.status === 404) {
      replace(results, h('p.notice', 'This server does not list obligations yet (GET /v1/obligations answered 404).'));
      return;
    }
    replace(results, errorBox(err, 'Could not list the obligations:'));
    return;
  }
  const asOf = out.as_of || '';
  const all = out.obligations || [];
  const shown = past || !asOf ? all : all.filter((o) => !o.due || o.due >= asOf);
  const hiddenPast = all.length - shown.length;
  const obls = shown.slice().sort((a, b) => {
    if (!a.due !== !b.due) return a.due ? -1 : 1; // dated first
    return (a.due || '').localeCompare(b.due || '') || (a.document_name || '').localeCompare(b.document_name || '');
  });
  const note = h('p.help', asOf ? `Deadlines as of ${day(asOf)}.` : '',
    hiddenPast ? ` ${hiddenPast} passed deadline${hiddenPast === 1 ? ' is' : 's are'} hidden.` : '');
  if (!obls.length) {
    replace(results, note, h('p', owner ? `No upcoming obligations for ${owner} with these filters.` : 'No upcoming obligations match these filters.'));
    return;
  }
  const byOwner = new Map();
  for (const o of obls) {
    const k = o.owner || '';
    if (!byOwner.has(k)) byOwner.set(k, []);
    byOwner.get(k).push(o);
  }
  const sections = [];
  for (const [who, list] of byOwner) {
    const rows = list.map((o) => h('tr', { dataset: { kind: o.kind, document: o.document || '' } },
      h('td', o.due ? h('time', { datetime: o.due }, day(o.due)) : h('span', 'undated')),
      h('th', { scope: 'row' }, words(o.kind)),
      h('td', o.description || '',
        o.computation ? h('p.help', o.computation) : null,
        !o.due && (o.trigger || o.reason) ? h('p.help', [o.trigger && `When: ${o.trigger}.`, o.reason].filter(Boolean).join(' ')) : null),
      h('td', o.party || '—'),
      h('td', o.document ? h('a', { href: `#/documents/${o.document}` }, o.document_name || o.document.slice(0, 12)) : (o.document_name || '—'),
        o.clause_number || o.clause ? h('span.help', ` clause ${o.clause_number || o.clause}`) : null),
      h('td', o.window_start ? day(o.window_start) : '—')));
    sections.push(h('section.owner-group',
      h('h2', who ? `Deadlines of ${who}` : 'Deadlines without an owner'),
      h('div.table-wrap', { tabindex: '0', role: 'region', 'aria-label': `Deadlines of ${who || 'no owner'}` },
        h('table.list.obligations-table',
          h('caption', `${list.length} obligation${list.length === 1 ? '' : 's'}, soonest first`),
          h('thead', h('tr', ['Due', 'Kind', 'What', 'Who acts', 'Contract', 'Window opens'].map((x) => h('th', { scope: 'col' }, x)))),
          h('tbody', rows)))));
  }
  replace(results, note, sections);
}

// renderFeed offers the owner's calendar subscription link.
function renderFeed(box, owner) {
  const me = api.me() || {};
  const mine = /^[^@\s]+@[^@\s]+$/.test(me.name || '') ? me.name : '';
  const input = h('input#feed-owner', { type: 'email', required: true, value: owner || mine, placeholder: 'ann@example.com', 'aria-describedby': 'feed-help' });
  const out = h('div#feed-link', { 'aria-live': 'polite' });
  const tokens = h('div#feed-tokens');
  const form = h('form.inline-form', {
    'aria-label': 'Calendar link',
    on: {
      submit: async (e) => {
        e.preventDefault();
        if (!input.reportValidity()) return;
        try {
          const t = await api.sendJSON('POST', '/v1/feed-tokens', { owner: input.value.trim() });
          showLink(out, new URL(t.url, location.origin).href, t.owner);
          listTokens(tokens, t.owner);
        } catch (err) {
          replace(out, errorBox(err, err.status === 404 ? 'This server does not offer calendar links yet:' : 'No calendar link:'));
        }
      },
    },
  },
  h('label', { for: 'feed-owner' }, 'Owner'),
  input,
  h('button', { type: 'submit' }, 'Create calendar link'));
  replace(box,
    h('h2#feed-title', 'Calendar subscription'),
    h('p.help#feed-help', 'A calendar application (Outlook, Google Calendar, Apple Calendar) subscribes to this link and shows the owner\'s deadlines with reminders. The link is a read-only secret for one owner: share it only with that owner. An admin may create one for any owner; any other key only for the owner whose address is its name.'),
    form, out, tokens);
  if (owner) listTokens(tokens, owner);
}

function showLink(out, url, owner) {
  const field = h('input#feed-url', { type: 'text', readonly: true, value: url });
  const copied = h('span', { 'aria-live': 'polite' });
  replace(out,
    h('div.inline-form',
      h('label', { for: 'feed-url' }, `Calendar link for ${owner}`),
      field,
      h('button', {
        type: 'button',
        id: 'copy-feed',
        on: {
          click: async () => {
            try {
              await navigator.clipboard.writeText(url);
            } catch {
              field.select();
              document.execCommand('copy');
            }
            copied.textContent = 'Copied.';
            announce('Calendar link copied.');
          },
        },
      }, 'Copy link'),
      copied));
  field.addEventListener('focus', () => field.select());
}

async function listTokens(box, owner) {
  try {
    const out = await api.getJSON('/v1/feed-tokens' + api.query({ owner }));
    const ts = out.feed_tokens || [];
    if (!ts.length) { replace(box); return; }
    const msg = h('div', { 'aria-live': 'polite' });
    replace(box, h('div.table-wrap', { tabindex: '0', role: 'region', 'aria-label': `Calendar links of ${owner}` },
      h('table.list#feed-tokens-table',
        h('caption', `Calendar links of ${owner}`),
        h('thead', h('tr', ['Created', 'State', ''].map((x, i) => h('th', { scope: 'col' }, i === 2 ? h('span.visually-hidden', 'Actions') : x)))),
        h('tbody', ts.map((t) => h('tr',
          h('td', when(t.created)),
          h('td', t.revoked ? `revoked ${when(t.revoked)}` : 'active'),
          h('td', t.revoked ? '' : h('button.link', {
            type: 'button',
            'aria-label': `Revoke the calendar link created ${when(t.created)}`,
            on: {
              click: async () => {
                try {
                  await api.request('DELETE', `/v1/feed-tokens/${encodeURIComponent(t.id)}`);
                  announce('Calendar link revoked.');
                  listTokens(box, owner);
                } catch (err) {
                  msg.replaceChildren(errorBox(err, 'Not revoked:'));
                }
              },
            },
          }, 'Revoke'))))))), msg);
  } catch {
    replace(box);
  }
}
