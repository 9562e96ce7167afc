// The /v1 API as the page uses it: every call carries the key of this browser
// session (sessionStorage only) as Authorization: Bearer.

const KEY = 'clm.key';
const ME = 'clm.me';

export function key() { return sessionStorage.getItem(KEY) || ''; }

export function me() {
  try { return JSON.parse(sessionStorage.getItem(ME) || 'null'); } catch { return null; }
}

export function signIn(k, who) {
  sessionStorage.setItem(KEY, k);
  sessionStorage.setItem(ME, JSON.stringify(who));
}

export function signOut() {
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(ME);
}

// ApiError is a failed call: the HTTP status and the problem's detail
// (RFC 9457), with the playbook errors when there are some.
export class ApiError extends Error {
  constructor(status, problem, fallback) {
    super((problem && (problem.detail || problem.title)) || fallback || `HTTP ${status}`);
    this.status = status;
    this.code = problem && problem.code;
    this.errors = (problem && problem.errors) || [];
  }
}

async function problemOf(res) {
  const ct = res.headers.get('Content-Type') || '';
  if (ct.includes('json')) {
    try { return await res.json(); } catch { return null; }
  }
  return null;
}

// request calls the API and returns the Response when it is 2xx, else
// throws an ApiError. A 401 signs the session out.
export async function request(method, path, { body, type, accept, withKey = key() } = {}) {
  const headers = {};
  if (withKey) headers.Authorization = 'Bearer ' + withKey;
  if (type) headers['Content-Type'] = type;
  if (accept) headers.Accept = accept;
  let res;
  try {
    res = await fetch(path, { method, headers, body, cache: 'no-store' });
  } catch (e) {
    throw new ApiError(0, null, 'The server did not answer (' + e.message + '). Check the connection and try again.');
  }
  if (res.ok) return res;
  const p = await problemOf(res);
  if (res.status === 401 && withKey === key()) {
    signOut();
    window.dispatchEvent(new CustomEvent('clm:signedout', { detail: p && p.detail }));
  }
  throw new ApiError(res.status, p, res.statusText);
}

export async function getJSON(path) {
  return (await request('GET', path, { accept: 'application/json' })).json();
}

export async function sendJSON(method, path, value) {
  const res = await request(method, path, { body: JSON.stringify(value), type: 'application/json', accept: 'application/json' });
  return res.status === 204 ? null : res.json();
}

// query builds "?a=1&b=2" from the non-empty values of obj.
export function query(obj) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(obj)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? '?' + s : '';
}

// upload sends one file as multipart/form-data with XMLHttpRequest, which
// reports upload progress: onProgress(fraction). It resolves to
// {status, body} for 2xx and rejects with an ApiError otherwise.
export function upload(file, fields, onProgress) {
  return new Promise((resolve, reject) => {
    const fd = new FormData();
    for (const [k, v] of Object.entries(fields || {})) if (v) fd.append(k, v);
    fd.append('file', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/v1/documents');
    xhr.setRequestHeader('Authorization', 'Bearer ' + key());
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.responseType = 'text';
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total);
    });
    xhr.addEventListener('load', () => {
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch { /* not JSON */ }
      if (xhr.status >= 200 && xhr.status < 300) resolve({ status: xhr.status, body });
      else reject(new ApiError(xhr.status, body, xhr.statusText));
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, null,
      'The connection closed before the server answered. A file larger than the server\'s upload limit ends this way; otherwise check the connection.')));
    xhr.addEventListener('abort', () => reject(new ApiError(0, null, 'Upload cancelled.')));
    xhr.send(fd);
  });
}

// download fetches path with the key and saves the body under name.
export async function download(path, name, accept) {
  const res = await request('GET', path, { accept });
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return blob.size;
}

// blobURL fetches path with the key and returns an object URL of its body
// (the caller revokes it).
export async function blobURL(path, type) {
  const res = await request('GET', path);
  const blob = await res.blob();
  return URL.createObjectURL(type ? new Blob([blob], { type }) : blob);
}
