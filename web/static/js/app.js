// The page's router: hash routes (#/documents, #/documents/ID, ...) choose a
// page module, which renders into <main>. Links under /app/PATH open #/PATH.

import * as api from './api.js';
import { h, replace, announce } from './dom.js';
import signin from './pages/signin.js';
import upload from './pages/upload.js';
import documents from './pages/documents.js';
import documentPage from './pages/document.js';
import playbooks from './pages/playbooks.js';
import obligations from './pages/obligations.js';

const routes = [
  { re: /^\/signin$/, page: signin, nav: '', open: true },
  { re: /^\/upload$/, page: upload, nav: 'upload' },
  { re: /^\/documents$/, page: documents, nav: 'documents' },
  { re: /^\/documents\/([0-9a-f]{64})$/, page: documentPage, nav: 'documents' },
  { re: /^\/playbooks$/, page: playbooks, nav: 'playbooks' },
  { re: /^\/playbooks\/([A-Za-z0-9][A-Za-z0-9._-]*)$/, page: playbooks, nav: 'playbooks' },
  { re: /^\/obligations$/, page: obligations, nav: 'obligations' },
];

const main = document.getElementById('main');
let current = null; // {cleanup} of the page on screen
let first = true;

// parse splits "#/documents?q=x" into its path and query.
function parse() {
  let hash = location.hash;
  if (!hash.startsWith('#/')) {
    // /app/documents → #/documents
    const p = location.pathname.startsWith('/app/') ? location.pathname.slice(4) : '/documents';
    hash = '#' + p + location.search;
  }
  const [path, qs] = hash.slice(1).split('?');
  return { path, params: new URLSearchParams(qs || '') };
}

function showChrome() {
  const who = api.me();
  const signed = Boolean(api.key() && who);
  document.getElementById('nav').hidden = !signed;
  document.getElementById('who').hidden = !signed;
  if (signed) {
    document.getElementById('who-name').textContent = `${who.name} (${who.role})`;
  }
}

async function route() {
  if (location.hash && !location.hash.startsWith('#/')) return; // an in-page anchor
  const { path, params } = parse();
  let r = routes.find((x) => x.re.test(path));
  if (!r) {
    replace(main, h('h1', 'Page not found'), h('p', 'There is no page at ', h('code', path), '. ',
      h('a', { href: '#/documents' }, 'Go to the documents')));
    return;
  }
  if (!r.open && !api.key()) {
    const back = path === '/signin' ? '' : location.hash;
    location.replace('#/signin' + (back ? '?next=' + encodeURIComponent(back) : ''));
    return;
  }
  showChrome();
  for (const a of document.querySelectorAll('[data-nav]')) {
    if (a.dataset.nav === r.nav) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  if (current && current.cleanup) current.cleanup();
  const args = path.match(r.re).slice(1);
  // Each page renders into a view of its own, so a page still loading when
  // the reader moves on writes into a detached view, not the next page.
  const view = h('div.view');
  main.replaceChildren(view);
  const mine = { cleanup: null };
  current = mine;
  const ctx = { main: view, params, args, path, setCleanup: (fn) => { mine.cleanup = fn; } };
  try {
    await r.page(ctx);
  } catch (e) {
    view.append(h('p.error', { role: 'alert' }, e.message || String(e)));
  }
  if (current !== mine) return;
  const h1 = view.querySelector('h1');
  if (h1) {
    document.title = h1.textContent + ' — CLM review';
    if (!first) {
      // Move focus to the new page's heading so keyboard and screen-reader
      // users start there.
      h1.tabIndex = -1;
      h1.focus({ preventScroll: false });
    }
  }
  first = false;
}

document.querySelector('.skip').addEventListener('click', (e) => {
  e.preventDefault();
  main.focus();
});

document.getElementById('signout').addEventListener('click', () => {
  api.signOut();
  announce('Signed out.');
  location.hash = '#/signin';
});

window.addEventListener('clm:signedout', () => {
  showChrome();
  location.hash = '#/signin?expired=1';
});

window.addEventListener('hashchange', route);
route();
