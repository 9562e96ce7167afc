// One document and its review: the clause table, the key terms with their
// evidence, a playbook picker that runs POST /v1/reviews, the decisions, the
// HTML redline preview and the downloads.

import * as api from '../api.js';
import { h, replace, announce, errorBox } from '../dom.js';
import { bytes, day, when, words, value, outcomes, codePoints } from '../format.js';

// highlight renders text with the code-point ranges [start, end) in <mark>.
function highlight(text, ranges) {
  const cps = codePoints(text);
  const rs = ranges
    .filter((r) => r && r.end > r.start)
    .map((r) => ({ start: Math.max(0, r.start), end: Math.min(cps.length, r.end) }))
    .sort((a, b) => a.start - b.start);
  const out = [];
  let at = 0;
  for (const r of rs) {
    if (r.start < at) continue; // overlapping: keep the first
    if (r.start > at) out.push(cps.slice(at, r.start).join(''));
    out.push(h('mark', cps.slice(r.start, r.end).join('')));
    at = r.end;
  }
  if (at < cps.length) out.push(cps.slice(at).join(''));
  return out;
}

// quoteRange finds quote in text and returns its code-point range.
function quoteRange(text, quote) {
  if (!quote) return null;
  const i = text.indexOf(quote);
  if (i < 0) return null;
  const start = codePoints(text.slice(0, i)).length;
  return { start, end: start + codePoints(quote).length };
}

function clauseLabel(c) {
  return [c.number, c.heading].filter(Boolean).join(' ') || c.id;
}

// preview is the first words of a clause without a heading.
function preview(c) {
  const t = (c.text || '').replace(/\s+/g, ' ').trim();
  return t.length > 90 ? t.slice(0, 90) + '…' : t;
}

export default async function documentPage({ main, params, args, setCleanup }) {
  const id = args[0];
  const urls = [];
  setCleanup(() => { for (const u of urls) URL.revokeObjectURL(u); });

  const title = h('h1', 'Document');
  const meta = h('div.meta');
  main.append(title, meta);

  const docP = api.getJSON(`/v1/documents/${id}`);
  const pbP = api.getJSON('/v1/playbooks');
  pbP.catch(() => {}); // awaited below; a failure is shown there

  let doc;
  try {
    doc = await docP;
  } catch (err) {
    main.append(errorBox(err, err.status === 404 ? 'No such document.' : 'Could not load the document:'));
    return;
  }
  const byID = new Map(doc.clauses.map((c) => [c.id, c]));
  title.textContent = doc.document.name;

  // The clause viewer: one clause's text, with evidence highlighted.
  const viewerBody = h('div.viewer-body', h('p.help', 'Choose a clause, a key term or a decision to read its clause here.'));
  const viewerTitle = h('h2#viewer-title', 'Clause text');
  const viewer = h('section.viewer#viewer', { 'aria-labelledby': 'viewer-title' }, viewerTitle, viewerBody);

  function showClause(clauseID, ranges, caption) {
    const c = byID.get(clauseID);
    if (!c) return;
    viewerTitle.textContent = clauseLabel(c);
    const types = (c.types || []).map((t) => words(t.type)).join(', ');
    replace(viewerBody,
      caption ? h('p.caption', caption) : null,
      h('p.help', `Clause ${c.id}${types ? ' · ' + types : ''}`),
      h('div.clause-text', { 'data-clause': c.id }, highlight(c.text, ranges || [])));
    viewerTitle.tabIndex = -1;
    viewer.scrollIntoView({ block: 'nearest' });
    viewerTitle.focus({ preventScroll: true });
    const m = viewerBody.querySelector('mark');
    if (m) m.scrollIntoView({ block: 'nearest' });
  }

  // The clause table.
  const rows = doc.clauses.map((c) => h('tr', { dataset: { clause: c.id }, class: `level-${Math.min(c.level || 1, 4)}` },
    h('td.num', c.number || ''),
    h('th', { scope: 'row' },
      h('button.link', { type: 'button', on: { click: () => showClause(c.id, (c.types || []).map((t) => t.evidence), null) } },
        c.heading || h('span.preview', preview(c)))),
    h('td', (c.types || []).map((t) => h('span.tag', words(t.type)))),
    h('td', words(c.kind))));
  const clauseTable = h('table.list.clauses#clause-table',
    h('caption', `${doc.clauses.length} clauses`),
    h('thead', h('tr', ['No.', 'Heading', 'Types', 'Kind'].map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', rows));

  // Key terms.
  const terms = doc.terms || [];
  const termRows = terms.map((t, i) => {
    const c = byID.get(t.clause);
    return h('tr', { dataset: { term: t.kind } },
      h('th', { scope: 'row' }, words(t.kind)),
      h('td', value(t.value), t.computed ? h('span.help', ' (computed)') : null),
      h('td', h('q', t.evidence ? t.evidence.text : '')),
      h('td', c ? h('button.link.term-show', {
        type: 'button',
        id: `term-${i}`,
        'aria-label': `Show ${words(t.kind)} in clause ${clauseLabel(c)}`,
        on: { click: () => showClause(t.clause, [t.evidence], `Evidence for ${words(t.kind)}: ${value(t.value)}`) },
      }, clauseLabel(c)) : '—'));
  });
  const termTable = terms.length
    ? h('table.list.terms#terms-table',
      h('caption', 'Key terms and their evidence'),
      h('thead', h('tr', ['Term', 'Value', 'Evidence', 'Clause'].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', termRows))
    : h('p', 'No key terms were found in this document.');

  // The document's deadlines (GET /v1/obligations?document=), when the
  // server computes them.
  const deadlines = h('section#deadlines', { 'aria-labelledby': 'deadlines-title', hidden: true });
  api.getJSON(`/v1/obligations${api.query({ document: id })}`).then((out) => {
    const obls = (out.obligations || []).slice().sort((a, b) => (a.due || '9999').localeCompare(b.due || '9999'));
    if (!obls.length) return;
    replace(deadlines, h('h2#deadlines-title', 'Deadlines'),
      h('div.table-wrap', { tabindex: '0', role: 'region', 'aria-label': 'Deadlines table' },
        h('table.list',
          h('caption', h('a', { href: '#/obligations' + api.query({ owner: obls[0].owner || '' }) }, 'All deadlines of this owner')),
          h('thead', h('tr', ['Due', 'Kind', 'What', 'Clause'].map((x) => h('th', { scope: 'col' }, x)))),
          h('tbody', obls.map((o) => h('tr',
            h('td', o.due ? day(o.due) : 'undated'),
            h('th', { scope: 'row' }, words(o.kind)),
            h('td', o.description || '', o.computation ? h('p.help', o.computation) : null),
            h('td', byID.has(o.clause) ? h('button.link', {
              type: 'button', on: { click: () => showClause(o.clause, o.evidence ? [o.evidence] : [], `Evidence for ${words(o.kind)}`) },
            }, clauseLabel(byID.get(o.clause))) : (o.clause_number || '—'))))))));
    deadlines.hidden = false;
  }).catch(() => {}); // a server without obligations: no section

  // The review panel.
  const pbSelect = h('select#playbook', { name: 'playbook', required: true }, h('option', { value: '' }, 'Loading playbooks…'));
  const party = h('input#party', { name: 'party', placeholder: 'e.g. Customer', 'aria-describedby': 'party-help' });
  const runButton = h('button.primary#run-review', { type: 'submit' }, 'Review');
  const reviewOut = h('div#review-result', { 'aria-live': 'polite' });
  const reviewForm = h('form.review-form', {
    'aria-label': 'Review against a playbook',
    on: { submit: (e) => { e.preventDefault(); runReview(); } },
  },
  h('div.field', h('label', { for: 'playbook' }, 'Playbook'), pbSelect),
  h('div.field', h('label', { for: 'party' }, 'Our party (optional)'), party,
    h('p.help#party-help', 'Leave empty to let the playbook find our side from its party names.')),
  h('div.actions', runButton));

  const who = api.me() || {};
  const canDownload = who.role !== 'integration';

  const previewFrameWrap = h('div.preview-wrap');
  const previewSection = h('section.card#redline', { 'aria-labelledby': 'redline-title', hidden: true },
    h('h2#redline-title', 'Redline preview'), previewFrameWrap);

  function renderReview(rv) {
    const counts = (rv.summary && rv.summary.counts) || {};
    const ds = rv.decisions || [];
    const actionMsg = h('div', { 'aria-live': 'polite' });
    const act = (label, fn, attrs = {}) => h('button', {
      type: 'button', ...attrs,
      on: {
        click: async (e) => {
          const b = e.currentTarget;
          b.disabled = true;
          actionMsg.replaceChildren();
          try { await fn(); } catch (err) { actionMsg.replaceChildren(errorBox(err)); }
          b.disabled = false;
        },
      },
    }, label);
    const base = `/v1/reviews/${rv.id}`;
    const stem = doc.document.name.replace(/\.[^.]+$/, '');
    const actions = h('div.actions',
      canDownload ? act('Show redline preview', async () => {
        const u = await api.blobURL(`${base}/redline.html`, 'text/html');
        urls.push(u);
        const frame = h('iframe#redline-frame', {
          sandbox: '', title: `Redline preview of ${doc.document.name}`, referrerpolicy: 'no-referrer',
        });
        frame.addEventListener('load', () => {
          frame.dataset.loaded = 'true';
          announce('Redline preview loaded.');
        }, { once: true });
        frame.src = u;
        replace(previewFrameWrap, frame);
        previewSection.hidden = false;
        previewSection.scrollIntoView({ block: 'start' });
      }, { id: 'show-redline' }) : null,
      canDownload ? act('Download redline (DOCX)', async () => {
        await api.download(`${base}/redline.docx`, `${stem}-redline.docx`,
          'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
        announce('Redline downloaded.');
      }, { id: 'download-docx' }) : null,
      act('Download report (JSON)', async () => {
        await api.download(base, `${stem}-review.json`, 'application/json');
        announce('Report downloaded.');
      }, { id: 'download-json' }));

    const order = { escalate: 0, fallback: 1, accept: 2 };
    const sorted = ds.slice().sort((a, b) => (order[a.outcome] ?? 3) - (order[b.outcome] ?? 3));
    const cards = sorted.map((d) => {
      const c = byID.get(d.clause);
      const ranges = c ? (d.evidence || []).filter((e) => e.clause === d.clause).map((e) => quoteRange(c.text, e.quote)) : [];
      return h(`li.decision.${d.outcome}`, { dataset: { rule: d.rule, outcome: d.outcome } },
        h('div.decision-head',
          h(`span.badge.${d.outcome}`, outcomes[d.outcome] || d.outcome),
          h('h3', d.rule),
          c ? h('button.link', {
            type: 'button',
            on: { click: () => showClause(c.id, ranges, `Decision ${d.rule}: ${outcomes[d.outcome] || d.outcome}`) },
          }, `Clause ${clauseLabel(c)}`) : h('span.help', 'clause missing from the contract')),
        h('dl.facts',
          d.position ? [h('dt', 'Position'), h('dd', d.position)] : null,
          h('dt', 'Authority'), h('dd', d.authority ? words(d.authority) : '—')),
        h('p.reasons-title', 'Reasons'),
        h('ul.reasons', (d.reasons || []).map((r) => h('li', r))),
        (d.edits || []).length ? h('div.edits',
          h('p.reasons-title', 'Proposed edits'),
          d.edits.map((e) => h('p.edit', e.delete ? h('del', e.delete) : null, e.delete && e.insert ? ' → ' : null, e.insert ? h('ins', e.insert) : null))) : null);
    });
    const rep = rv.playbook || {};
    replace(reviewOut,
      h('div.summary',
        h('p', h('strong', `Sign-off: ${words((rv.summary || {}).sign_off) || '—'}`), ` · playbook ${rep.name} ${rep.version || ''} · reviewed ${when(rv.created)} by ${rv.by || ''}`),
        h('ul.counts', ['accept', 'fallback', 'escalate'].map((o) => h('li', h(`span.badge.${o}`, outcomes[o]), ` ${counts[o] || 0}`))),
        (rv.summary && rv.summary.reasons || []).length ? h('ul', rv.summary.reasons.map((r) => h('li', r))) : null,
        rv.party && rv.party.reason ? h('p.help', rv.party.reason) : null),
      actions,
      actionMsg,
      h('h3.visually-hidden', 'Decisions'),
      ds.length ? h('ol.decisions#decisions', cards) : h('p', 'The playbook made no decisions on this contract.'));
  }

  // The outcome of a review run on this page, which is now the document's
  // latest.
  let ranOutcome = '';
  function showOutcome() {
    const latest = meta.querySelector('#latest-review');
    if (latest && ranOutcome) latest.replaceChildren(h(`span.badge.${ranOutcome}`, outcomes[ranOutcome]));
  }

  async function runReview() {
    if (!pbSelect.value) { pbSelect.focus(); return; }
    runButton.disabled = true;
    replace(reviewOut, h('p', `Reviewing against ${pbSelect.value}…`));
    try {
      const rv = await api.sendJSON('POST', '/v1/reviews', { document_id: id, playbook: pbSelect.value, party: party.value.trim() });
      history.replaceState(null, '', `#/documents/${id}?review=${encodeURIComponent(rv.id)}`);
      renderReview(rv);
      ranOutcome = overall(rv);
      showOutcome();
      previewSection.hidden = true;
      previewFrameWrap.replaceChildren();
      announce(`Review done: ${(rv.decisions || []).length} decisions.`);
    } catch (err) {
      replace(reviewOut, errorBox(err, 'The review failed:'));
    }
    runButton.disabled = false;
  }

  replace(meta, h('dl.facts.inline',
    h('dt', 'Format'), h('dd', (doc.document.format || '').toUpperCase()),
    doc.document.pages ? [h('dt', 'Pages'), h('dd', String(doc.document.pages))] : null,
    h('dt', 'Clauses'), h('dd', String(doc.clauses.length)),
    h('dt', 'SHA-256'), h('dd', h('code', { title: doc.document.sha256 }, doc.document.sha256.slice(0, 12) + '…'))));

  main.append(
    h('div.doc-grid',
      h('div.doc-main',
        h('section.card#review', { 'aria-labelledby': 'review-title' }, h('h2#review-title', 'Review'), reviewForm, reviewOut),
        previewSection,
        h('section#clauses', { 'aria-labelledby': 'clauses-title' }, h('h2#clauses-title', 'Clauses'),
          h('div.table-wrap', { tabindex: '0', role: 'region', 'aria-label': 'Clause table' }, clauseTable)),
        h('section#terms', { 'aria-labelledby': 'terms-title' }, h('h2#terms-title', 'Key terms'),
          h('div.table-wrap', { tabindex: '0', role: 'region', 'aria-label': 'Key terms table' }, termTable)),
        deadlines),
      h('div.doc-side', viewer)));

  // The measured moment: the clause table is in the page.
  window.clmTimings = Object.assign(window.clmTimings || {}, { clauseTable: performance.now() });
  clauseTable.dataset.rendered = 'true';
  requestAnimationFrame(() => {
    window.clmTimings.clauseTablePainted = performance.now();
  });

  // The playbook picker and the document's record (owner, uploader) follow.
  try {
    const pbs = (await pbP).playbooks || [];
    replace(pbSelect, h('option', { value: '' }, 'Choose a playbook'),
      pbs.map((p) => h('option', { value: p.name }, `${p.name} (${p.label || 'v' + p.version})`)));
    // Preselect the playbook whose name shares a word with the file name
    // (msa, nda, dpa); otherwise the reviewer chooses.
    const nameWords = new Set(doc.document.name.toLowerCase().split(/[^a-z0-9]+/));
    const guess = pbs.filter((p) => p.name.toLowerCase().split(/[^a-z0-9]+/).some((w) => w.length > 2 && nameWords.has(w)));
    if (pbs.length === 1) pbSelect.value = pbs[0].name;
    else if (guess.length === 1) pbSelect.value = guess[0].name;
  } catch (err) {
    replace(pbSelect, h('option', { value: '' }, 'No playbooks'));
    reviewOut.append(errorBox(err, 'Could not list the playbooks:'));
  }

  // GET /v1/documents/{id} answers the extract; the record (uploader, owner,
  // outcome) is /record.
  api.getJSON(`/v1/documents/${id}/record`)
    .then((rec) => {
      meta.append(record(rec));
      showOutcome();
    })
    .catch(() => {});

  // Without ?review=, the page shows the document's latest review, if any.
  let rid = params.get('review');
  if (!rid) {
    try {
      const list = (await api.getJSON(`/v1/documents/${id}/reviews`)).reviews || [];
      if (list.length > 0) rid = list[0].id;
    } catch {
      // no reviews to show
    }
  }
  if (rid) {
    try {
      renderReview(await api.getJSON(`/v1/reviews/${encodeURIComponent(rid)}`));
    } catch (err) {
      replace(reviewOut, errorBox(err, 'Could not load the review:'));
    }
  }
}

// overall is a review's outcome as the API records it: escalate when any
// decision escalates, else fallback when any falls back, else accept.
function overall(rv) {
  const c = (rv.summary && rv.summary.counts) || {};
  if (c.escalate) return 'escalate';
  if (c.fallback) return 'fallback';
  return 'accept';
}

// record shows a document's stored record, with its owner editable
// (PATCH /v1/documents/{id}).
function record(rec) {
  const owner = h('input#doc-owner', { type: 'email', value: rec.owner || '', placeholder: 'ann@example.com' });
  const msg = h('span', { 'aria-live': 'polite' });
  const form = h('form.inline-form', {
    'aria-label': 'Business owner',
    on: {
      submit: async (e) => {
        e.preventDefault();
        if (!owner.reportValidity()) return;
        try {
          await api.sendJSON('PATCH', `/v1/documents/${rec.id}`, { owner: owner.value.trim() });
          msg.textContent = 'Saved.';
        } catch (err) {
          msg.replaceChildren(errorBox(err));
        }
      },
    },
  }, h('label', { for: 'doc-owner' }, 'Business owner'), owner, h('button', { type: 'submit' }, 'Save owner'),
  (api.me() || {}).role === 'integration' ? null : h('button#download-original', {
    type: 'button',
    on: {
      click: async () => {
        try {
          await api.download(`/v1/documents/${rec.id}/original`, rec.name);
        } catch (err) {
          msg.replaceChildren(errorBox(err));
        }
      },
    },
  }, 'Download original'),
  msg);
  return h('div#document-record',
    h('dl.facts.inline',
      h('dt', 'Size'), h('dd', bytes(rec.size)),
      h('dt', 'Uploaded'), h('dd', `${when(rec.created)} by ${rec.uploader}`),
      h('dt', 'Latest review'), h('dd#latest-review', rec.outcome ? h(`span.badge.${rec.outcome}`, outcomes[rec.outcome]) : 'not reviewed')),
    form);
}
