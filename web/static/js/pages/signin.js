// Sign in with an API key: checked with GET /v1/me, then kept in
// sessionStorage for this browser tab only.

import * as api from '../api.js';
import { h, announce } from '../dom.js';

export default function signin({ main, params }) {
  const input = h('input#key', {
    type: 'password', name: 'key', autocomplete: 'off', spellcheck: 'false', required: true,
    'aria-describedby': 'key-help',
  });
  const msg = h('div', { 'aria-live': 'polite' });
  const button = h('button.primary', { type: 'submit' }, 'Sign in');
  const form = h('form.card.signin', {
    on: {
      submit: async (e) => {
        e.preventDefault();
        const k = input.value.trim();
        if (!k) return;
        button.disabled = true;
        msg.replaceChildren(h('p', 'Checking the key…'));
        try {
          const res = await api.request('GET', '/v1/me', { withKey: k, accept: 'application/json' });
          const who = await res.json();
          api.signIn(k, who);
          announce(`Signed in as ${who.name}, role ${who.role}.`);
          const next = params.get('next');
          location.hash = next && next.startsWith('#/') && !next.startsWith('#/signin') ? next : '#/documents';
        } catch (err) {
          const text = err.status === 401
            ? 'That key is unknown or revoked. Ask an administrator for a key (clm keys create).'
            : err.message;
          msg.replaceChildren(h('p.error', { role: 'alert' }, text));
          button.disabled = false;
          input.focus();
        }
      },
    },
  },
  h('label', { for: 'key' }, 'API key'),
  input,
  h('p.help#key-help', 'The key stays in this browser tab only and is forgotten when you close it.'),
  button,
  msg);
  main.append(
    h('h1', 'Sign in'),
    params.get('expired') ? h('p.notice', { role: 'alert' }, 'The server no longer accepts the key of this session. Sign in again.') : null,
    form,
  );
  input.focus();
}
