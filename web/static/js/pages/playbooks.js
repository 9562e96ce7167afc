// Playbooks: the list, and one playbook's YAML in an editor with line
// numbers, checked as you type (POST /v1/playbooks/validate, debounced) with
// each error marked at its line; saved with PUT by the roles that may; and
// its version history.

import * as api from '../api.js';
import { h, replace, announce, errorBox } from '../dom.js';
import { when } from '../format.js';

const writers = ['counsel', 'admin'];
const debounceMS = 350;

export default async function playbooks({ main, args, setCleanup }) {
  const name = args[0];
  main.append(h('h1', name ? `Playbook ${name}` : 'Playbooks'));
  const listBox = h('nav.pb-list', { 'aria-label': 'Playbooks' });
  const body = h('div.pb-body');
  main.append(h('div.pb-grid', listBox, body));

  const [list, meRes] = await Promise.all([
    api.getJSON('/v1/playbooks').catch((err) => ({ err })),
    api.getJSON('/v1/me').catch(() => api.me()),
  ]);
  if (list.err) {
    body.append(errorBox(list.err, 'Could not list the playbooks:'));
    return;
  }
  const who = meRes || api.me() || {};
  listBox.append(h('ul', (list.playbooks || []).map((p) => h('li',
    h('a', { href: `#/playbooks/${encodeURIComponent(p.name)}`, 'aria-current': p.name === name ? 'page' : null },
      p.name),
    h('span.help', ` version ${p.version}${p.label ? ' · ' + p.label : ''}`)))));
  if (!name) {
    body.append(h('p', 'Choose a playbook to read or edit its YAML.'));
    return;
  }
  await editor(body, name, who, setCleanup);
}

async function fetchYAML(name, revision) {
  const res = await api.request('GET', `/v1/playbooks/${encodeURIComponent(name)}${api.query({ revision })}`, { accept: 'application/yaml' });
  return res.text();
}

async function editor(body, name, who, setCleanup) {
  let saved;
  try {
    saved = await fetchYAML(name);
  } catch (err) {
    body.append(errorBox(err, err.status === 404 ? `No playbook named ${name}.` : 'Could not load the playbook:'));
    return;
  }
  const mayWrite = writers.includes(who.role);

  const textarea = h('textarea#yaml', {
    spellcheck: 'false', wrap: 'off', autocapitalize: 'off', autocomplete: 'off',
    'aria-describedby': 'yaml-check', readonly: false,
  });
  textarea.value = saved;
  const gutter = h('div.gutter', { 'aria-hidden': 'true' });
  const marks = h('div.marks', { 'aria-hidden': 'true' });
  const check = h('p.check#yaml-check', { 'aria-live': 'polite' }, 'Checking…');
  const errList = h('ol.errors#yaml-errors', { 'aria-label': 'Playbook errors' });
  const caretLine = h('p.caret#yaml-caret', { 'aria-live': 'polite' });
  const saveMsg = h('div', { 'aria-live': 'polite' });
  const saveButton = h('button.primary#save', { type: 'button', disabled: !mayWrite, 'aria-describedby': mayWrite ? null : 'save-why' }, 'Save new version');
  const revertButton = h('button#revert', { type: 'button' }, 'Revert to the latest version');
  const versionsBox = h('div#versions');

  const lineHeight = () => parseFloat(getComputedStyle(textarea).lineHeight) || 20;

  let lines = 0;
  let errorsByLine = new Map();
  function renderGutter() {
    const n = textarea.value.split('\n').length;
    if (n !== lines) {
      lines = n;
      const frag = document.createDocumentFragment();
      for (let i = 1; i <= n; i++) frag.append(h('div.ln', { dataset: { line: String(i) } }, String(i)));
      gutter.replaceChildren(frag);
    }
    for (const el of gutter.querySelectorAll('.ln.error')) {
      el.classList.remove('error');
      el.removeAttribute('title');
    }
    const lh = lineHeight();
    const boxes = [];
    for (const [line, msgs] of errorsByLine) {
      const el = gutter.children[line - 1];
      if (el) {
        el.classList.add('error');
        el.title = msgs.join('\n');
      }
      boxes.push(h('div.mark', { dataset: { line: String(line) } }));
      boxes[boxes.length - 1].style.top = `${(line - 1) * lh}px`;
      boxes[boxes.length - 1].style.height = `${lh}px`;
    }
    marks.replaceChildren(...boxes);
    sync();
  }
  function sync() {
    gutter.scrollTop = textarea.scrollTop;
    marks.style.transform = `translateY(${-textarea.scrollTop}px)`;
  }
  textarea.addEventListener('scroll', sync);

  // The caret's line and column, with the errors of that line: the message
  // sits under the editor wherever the caret goes.
  let caretAt = 0;
  function showCaret() {
    const before = textarea.value.slice(0, textarea.selectionStart);
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    if (line === caretAt && !caretLine.dataset.stale) {
      caretLine.firstChild.textContent = `Line ${line}, column ${column}`;
      return;
    }
    caretAt = line;
    delete caretLine.dataset.stale;
    const msgs = errorsByLine.get(line) || [];
    caretLine.className = msgs.length ? 'caret bad' : 'caret';
    replace(caretLine, h('span', `Line ${line}, column ${column}`), msgs.length ? `: ${msgs.join('; ')}` : '');
  }
  for (const ev of ['keyup', 'click', 'focus', 'select']) textarea.addEventListener(ev, showCaret);

  function goTo(line, column) {
    const ls = textarea.value.split('\n');
    let pos = 0;
    for (let i = 0; i < Math.min(line - 1, ls.length); i++) pos += ls[i].length + 1;
    pos += Math.max(0, Math.min((column || 1) - 1, (ls[line - 1] || '').length));
    textarea.focus();
    textarea.setSelectionRange(pos, pos);
    showCaret();
    const lh = lineHeight();
    const top = (line - 1) * lh;
    if (top < textarea.scrollTop || top > textarea.scrollTop + textarea.clientHeight - lh) {
      textarea.scrollTop = Math.max(0, top - textarea.clientHeight / 3);
    }
  }

  function showErrors(errs) {
    errorsByLine = new Map();
    for (const e of errs) {
      const l = e.line || 1;
      if (!errorsByLine.has(l)) errorsByLine.set(l, []);
      errorsByLine.get(l).push(e.message);
    }
    textarea.setAttribute('aria-invalid', errs.length ? 'true' : 'false');
    replace(errList, errs.map((e) => h('li.error-item', { dataset: { line: String(e.line || 1) } },
      h('button.link', { type: 'button', on: { click: () => goTo(e.line || 1, e.column || 1) } },
        `Line ${e.line || 1}, column ${e.column || 1}`),
      `: ${e.message}`,
      e.rule || e.code ? h('span.help', ` (${[e.rule && 'rule ' + e.rule, e.code].filter(Boolean).join(', ')})`) : null)));
    renderGutter();
    caretLine.dataset.stale = 'true';
    if (document.activeElement === textarea) showCaret();
  }

  let seq = 0;
  let timer = 0;
  let valid = true;
  async function validate() {
    const my = ++seq;
    check.textContent = 'Checking…';
    check.className = 'check';
    try {
      const res = await api.request('POST', `/v1/playbooks/validate${api.query({ name })}`, { body: textarea.value, type: 'application/yaml', accept: 'application/json' });
      const out = await res.json();
      if (my !== seq) return; // a newer check is on its way
      const errs = out.errors || [];
      valid = errs.length === 0;
      showErrors(errs);
      check.textContent = valid ? 'No errors.' : `${errs.length} error${errs.length === 1 ? '' : 's'}: ${errs.map((e) => `line ${e.line}: ${e.message}`).join('; ')}`;
      check.className = valid ? 'check ok' : 'check bad';
      body.dataset.checked = String(my);
    } catch (err) {
      if (my !== seq) return;
      check.textContent = 'Could not check the playbook: ' + err.message;
      check.className = 'check bad';
    }
    updateSave();
  }
  function updateSave() {
    const dirty = textarea.value !== saved;
    saveButton.disabled = !mayWrite || !dirty || !valid;
    revertButton.disabled = !dirty;
  }
  textarea.addEventListener('input', () => {
    renderGutter();
    updateSave();
    clearTimeout(timer);
    timer = setTimeout(validate, debounceMS);
  });
  setCleanup(() => clearTimeout(timer));

  saveButton.addEventListener('click', async () => {
    saveButton.disabled = true;
    saveMsg.replaceChildren(h('p', 'Saving…'));
    try {
      const res = await api.request('PUT', `/v1/playbooks/${encodeURIComponent(name)}`, { body: textarea.value, type: 'application/yaml', accept: 'application/json' });
      const v = await res.json();
      saved = textarea.value;
      saveMsg.replaceChildren(h('p.ok', res.status === 201 ? `Saved as version ${v.version}.` : 'No change: this YAML is already the latest version.'));
      announce('Playbook saved.');
      await versions();
    } catch (err) {
      if (err.errors && err.errors.length) showErrors(err.errors);
      saveMsg.replaceChildren(errorBox(err, 'Not saved:'));
    }
    updateSave();
  });
  revertButton.addEventListener('click', () => {
    textarea.value = saved;
    renderGutter();
    updateSave();
    validate();
  });

  async function versions() {
    let vs;
    try {
      vs = (await api.getJSON(`/v1/playbooks/${encodeURIComponent(name)}/versions`)).versions || [];
    } catch (err) {
      replace(versionsBox, errorBox(err, 'Could not load the versions:'));
      return;
    }
    const diffBox = h('div.diff-box', { 'aria-live': 'polite' });
    const rows = vs.slice().reverse().map((v, i, all) => {
      const prev = all[i + 1];
      return h('tr',
        h('td.num', String(v.version)),
        h('td', v.label || '—'),
        h('td', h('code', { title: v.revision }, v.revision.slice(0, 12))),
        h('td', v.by),
        h('td', h('time', { datetime: v.created }, when(v.created))),
        h('td.row-actions',
          h('button.link', {
            type: 'button',
            'aria-label': `Open version ${v.version}`,
            on: {
              click: async () => {
                textarea.value = await fetchYAML(name, v.revision);
                renderGutter();
                updateSave();
                validate();
                textarea.focus();
              },
            },
          }, 'Open'),
          prev ? h('button.link', {
            type: 'button',
            'aria-label': `Changes in version ${v.version}`,
            on: {
              click: async () => {
                const [a, b] = await Promise.all([fetchYAML(name, prev.revision), fetchYAML(name, v.revision)]);
                replace(diffBox, h('h3', `Version ${prev.version} → ${v.version} (by ${v.by})`), diffView(a, b));
              },
            },
          }, 'Changes') : null));
    });
    replace(versionsBox,
      h('div.table-wrap', { tabindex: '0', role: 'region', 'aria-label': 'Versions table' },
        h('table.list#versions-table',
          h('caption', 'Versions, newest first'),
          h('thead', h('tr', ['Version', 'Label', 'Revision', 'By', 'When', ''].map((x, i) => h('th', { scope: 'col' }, i === 5 ? h('span.visually-hidden', 'Actions') : x)))),
          h('tbody', rows))),
      diffBox);
  }

  body.append(
    h('div.editor-head',
      h('label', { for: 'yaml' }, `YAML of ${name}`),
      check),
    h('div.editor', gutter, h('div.code', marks, textarea)),
    caretLine,
    errList,
    h('div.actions', saveButton, revertButton),
    mayWrite ? '' : h('p.help#save-why', `Your key's role (${who.role || 'unknown'}) may read and check playbooks but not save them: saving needs the counsel or admin role.`),
    saveMsg,
    h('h2', 'Version history'),
    versionsBox);
  renderGutter();
  updateSave();
  validate();
  versions();
}

// diffView shows the lines removed and added between a and b (longest
// common subsequence of lines), with a few lines of context.
export function diffView(a, b) {
  const x = a.split('\n');
  const y = b.split('\n');
  const n = x.length;
  const m = y.length;
  if (n * m > 4e6) return h('p', 'The versions are too long to compare here.');
  const dp = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      dp[i][j] = x[i] === y[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
    }
  }
  const ops = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) { ops.push([' ', x[i], j + 1]); i++; j++; } else if (j < m && (i === n || dp[i][j + 1] >= dp[i + 1][j])) { ops.push(['+', y[j], j + 1]); j++; } else { ops.push(['-', x[i], null]); i++; }
  }
  const keep = ops.map((o, k) => o[0] !== ' ' || ops.slice(Math.max(0, k - 2), k + 3).some((p) => p[0] !== ' '));
  const out = [];
  let gap = false;
  ops.forEach((o, k) => {
    if (!keep[k]) { gap = true; return; }
    if (gap) { out.push(h('div.diff-gap', '…')); gap = false; }
    const tag = o[0] === '+' ? 'ins' : o[0] === '-' ? 'del' : 'span';
    out.push(h(`div.diff-line`, h('span.diff-mark', o[0] === ' ' ? ' ' : o[0]), h(tag, o[1] || ' ')));
  });
  if (!ops.some((o) => o[0] !== ' ')) return h('p', 'No changes.');
  return h('pre.diff', out);
}
