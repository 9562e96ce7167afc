// Formatting of API values for people.

export function bytes(n) {
  if (n == null) return '';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

// when shows an RFC 3339 time as a local date and time.
export function when(t) {
  if (!t) return '';
  const d = new Date(t);
  if (Number.isNaN(d.getTime())) return String(t);
  return d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

// day shows a "YYYY-MM-DD" calendar date (no time zone shift).
export function day(s) {
  if (!s) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return String(s);
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.toLocaleDateString(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
}

// words turns "renewal_notice_period" into "renewal notice period".
export function words(s) { return String(s || '').replace(/[_-]+/g, ' '); }

const iso = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;

// duration shows an ISO 8601 period (P3Y, P30D) in words.
function duration(s) {
  const m = iso.exec(s);
  if (!m) return null;
  const parts = [];
  const unit = (n, w) => { if (n) parts.push(`${+n} ${w}${+n === 1 ? '' : 's'}`); };
  unit(m[1], 'year'); unit(m[2], 'month'); unit(m[3], 'week'); unit(m[4], 'day');
  return parts.length ? parts.join(' ') : null;
}

// value shows a key term's value: dates, periods, money, parties, lists.
export function value(v) {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') {
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return day(v);
    return duration(v) || words(v);
  }
  if (Array.isArray(v)) {
    return v.map((x) => (x && typeof x === 'object' && 'name' in x)
      ? x.name + (x.role ? ` (${x.role})` : '')
      : value(x)).join('; ');
  }
  if (typeof v === 'object') {
    if ('amount' in v && 'currency' in v) return `${v.currency} ${v.amount}`;
    if ('days' in v) return `${v.days} ${v.business ? 'business ' : ''}days`;
    return Object.entries(v).map(([k, x]) => `${words(k)}: ${value(x)}`).join(', ');
  }
  return String(v);
}

export const outcomes = {
  accept: 'Accept',
  fallback: 'Fallback',
  escalate: 'Escalate',
};

// codePoints slices text by Unicode code points, as evidence offsets count.
export function codePoints(text) { return Array.from(text || ''); }
