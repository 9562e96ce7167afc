// Upload: drop or choose one or many files; each is sent to POST
// /v1/documents with its own progress bar, two at a time.

import * as api from '../api.js';
import { h, announce } from '../dom.js';
import { bytes } from '../format.js';

const parallel = 2;

// explain turns an upload failure into words.
export function explain(err, file) {
  switch (err.status) {
    case 413:
      return `Too large: ${file.name} (${bytes(file.size)}) is over the server's limit. ${err.message}`;
    case 415:
      return `Not a contract the server can read: ${file.name} is not a DOCX, PDF or plain-text file. ${err.message}`;
    case 422:
      return `The server could not read ${file.name}: ${err.message}`;
    case 400:
      return `The server refused the upload: ${err.message}`;
    case 403:
      return `Your key may not upload documents: ${err.message}`;
    default:
      return err.message;
  }
}

export default function upload({ main }) {
  const owner = h('input#owner', { type: 'email', name: 'owner', autocomplete: 'email', placeholder: 'ann@example.com', 'aria-describedby': 'owner-help' });
  const picker = h('input#files', { type: 'file', multiple: true, accept: '.docx,.pdf,.txt,.text,application/pdf,text/plain,application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
  const list = h('ol.uploads', { 'aria-label': 'Uploads' });
  const queue = [];
  let running = 0;

  function pump() {
    while (running < parallel && queue.length) {
      const job = queue.shift();
      running++;
      job().finally(() => { running--; pump(); });
    }
  }

  function add(files) {
    const o = owner.value.trim();
    if (o && !owner.checkValidity()) {
      owner.reportValidity();
      return;
    }
    for (const file of files) {
      const bar = h('progress', { max: 1, value: 0, 'aria-label': `Upload progress of ${file.name}` });
      const status = h('span.upload-status', 'Waiting');
      const item = h('li.upload', h('span.upload-name', file.name), h('span.upload-size', bytes(file.size)), bar, status);
      item.dataset.state = 'waiting';
      list.append(item);
      queue.push(async () => {
        item.dataset.state = 'sending';
        status.textContent = 'Sending 0%';
        try {
          const { status: code, body } = await api.upload(file, { owner: o }, (f) => {
            bar.value = f;
            status.textContent = f < 1 ? `Sending ${Math.round(f * 100)}%` : 'Reading the contract…';
          });
          bar.value = 1;
          item.dataset.state = 'done';
          const link = h('a', { href: `#/documents/${body.id}` }, 'Open');
          status.replaceChildren(code === 201
            ? `Stored: ${body.format.toUpperCase()}, ${body.clauses} clauses. `
            : `Already stored (the same file was uploaded before): ${body.clauses} clauses. `, link);
          item.dataset.id = body.id;
          announce(`${file.name} uploaded.`);
        } catch (err) {
          item.dataset.state = 'error';
          item.dataset.status = String(err.status);
          bar.value = 0;
          status.replaceChildren(h('span.error', { role: 'alert' }, explain(err, file)));
        }
      });
    }
    pump();
  }

  picker.addEventListener('change', () => {
    add(Array.from(picker.files));
    picker.value = '';
  });

  const zone = h('div.dropzone', {
    on: {
      dragover: (e) => { e.preventDefault(); zone.classList.add('over'); },
      dragleave: () => zone.classList.remove('over'),
      drop: (e) => {
        e.preventDefault();
        zone.classList.remove('over');
        if (e.dataTransfer && e.dataTransfer.files.length) add(Array.from(e.dataTransfer.files));
      },
    },
  },
  h('p', 'Drop contracts here (DOCX, PDF or plain text), or'),
  picker,
  h('label.button', { for: 'files' }, 'Choose files…'));

  main.append(
    h('h1', 'Upload contracts'),
    h('div.card',
      h('div.field',
        h('label', { for: 'owner' }, 'Business owner (optional)'),
        owner,
        h('p.help#owner-help', 'The email address that receives the deadlines of these contracts.')),
      zone),
    h('h2', 'Files'),
    list,
  );
}
