// Shared by every page: the pages talk only to the JSON API, with the session cookie (HttpOnly, set at
// sign-in) and the CSRF token from the page's meta tag on every request that changes something.
const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';
export const main = document.getElementById('main');
export const page = main.dataset;
/** Whether the signed-in role may take an API action (src/api/permissions.ts, listed by the page as data-may). */
export const may = (action) => (page.may ?? '').split(' ').includes(action);

export class ApiError extends Error {
  constructor(status, error) {
    super(error.message);
    this.status = status;
    this.code = error.code;
    this.fields = error.fields;
  }
}

/** Calls the API; a refusal becomes an ApiError with the catalogue code, message and field errors. */
export async function api(method, path, body) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrf;
  const response = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 401) {
    location.assign(`/sign-in?next=${encodeURIComponent(location.pathname)}`);
    throw new ApiError(401, { code: 'UNAUTHENTICATED', message: 'Your session has ended; sign in again.' });
  }
  const payload = (response.headers.get('content-type') ?? '').includes('json') ? await response.json() : { error: { code: 'ERROR', message: await response.text() } };
  if (!response.ok) throw new ApiError(response.status, payload.error ?? { code: 'ERROR', message: `HTTP ${response.status}` });
  return payload;
}

/**
 * Like api(), for a large body: `onProgress({ phase, loaded, total })` hears the upload ('sending', with
 * bytes) and then the wait for the answer ('answering'), so a page can show a progress bar.
 */
export function apiWithProgress(method, path, body, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, path);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('content-type', 'application/json');
    xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.withCredentials = true;
    xhr.upload.addEventListener('progress', (e) => onProgress({ phase: 'sending', loaded: e.loaded, total: e.lengthComputable ? e.total : undefined }));
    xhr.upload.addEventListener('load', () => onProgress({ phase: 'answering' }));
    xhr.addEventListener('error', () => reject(new ApiError(0, { code: 'NETWORK', message: 'The request did not reach the server; check the connection and try again.' })));
    xhr.addEventListener('load', () => {
      if (xhr.status === 401) {
        location.assign(`/sign-in?next=${encodeURIComponent(location.pathname)}`);
        return reject(new ApiError(401, { code: 'UNAUTHENTICATED', message: 'Your session has ended; sign in again.' }));
      }
      let payload;
      try { payload = JSON.parse(xhr.responseText); } catch { payload = { error: { code: 'ERROR', message: xhr.responseText || `HTTP ${xhr.status}` } }; }
      if (xhr.status < 200 || xhr.status >= 300) return reject(new ApiError(xhr.status, payload.error ?? { code: 'ERROR', message: `HTTP ${xhr.status}` }));
      resolve(payload);
    });
    onProgress({ phase: 'sending', loaded: 0 });
    xhr.send(JSON.stringify(body));
  });
}

/** Builds an element: h('a', { href: '/x', class: 'y', onclick }, 'text', child). Text is never parsed as HTML. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else if (key in el && typeof value !== 'string') el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) if (child !== undefined && child !== null && child !== false) el.append(child instanceof Node ? child : String(child));
  return el;
}

export const render = (container, ...nodes) => container.replaceChildren(...nodes.flat(Infinity).filter((n) => n !== undefined && n !== null && n !== false));

/** A refusal as people read it: the message, then each field and what is wrong with it. */
export function errorBox(error) {
  const fields = error.fields ? Object.entries(error.fields) : [];
  return h('div', { class: 'error', role: 'alert' }, h('strong', {}, error.message), fields.length ? h('ul', {}, fields.map(([field, messages]) => h('li', {}, h('code', {}, field), ': ', messages.join('; ')))) : null);
}

export const successBox = (text) => h('div', { class: 'success', role: 'status' }, text);

/** Marks the inputs named like the refused fields (name="contact.email") as invalid, clearing the rest. */
export function markFields(form, fields = {}) {
  for (const input of form.querySelectorAll('[name]')) input.removeAttribute('aria-invalid');
  for (const field of Object.keys(fields)) {
    const input = form.querySelector(`[name="${CSS.escape(field)}"]`) ?? form.querySelector(`[name="${CSS.escape(field.replace(/\.\d+$/, ''))}"]`);
    if (input) input.setAttribute('aria-invalid', 'true');
  }
}

/** Form actions on their way, and when the last one ended: a page's own refresh waits for both (keepCurrent). */
const actions = { pending: 0, endedAt: 0 };

/**
 * Runs a form's action with its button disabled, shows the outcome in the form's status region, and
 * moves focus there so keyboard and screen-reader users hear it.
 */
export function onSubmit(form, action) {
  const status = form.querySelector('.status') ?? form.appendChild(h('div', { class: 'status', tabindex: '-1' }));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button[type=submit]');
    if (button) button.disabled = true;
    actions.pending++;
    render(status);
    try {
      const message = await action(new FormData(form));
      markFields(form);
      if (message) render(status, successBox(message));
    } catch (error) {
      markFields(form, error.fields);
      render(status, errorBox(error));
      status.focus();
    } finally {
      if (button) button.disabled = false;
      actions.pending--;
      actions.endedAt = Date.now();
    }
  });
  return status;
}

export const lines = (text) => String(text ?? '').split('\n').map((l) => l.trim()).filter(Boolean);

export function when(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return date.toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

const good = new Set(['SEIZED', 'REMOVED', 'FORFEITED', 'CLOSED', 'AWAITING_WARRANT', 'EXECUTING', 'IN_CUSTODY', 'started', 'verified', 'met', 'planned']);
const trouble = new Set(['FAILED_NEEDS_ATTENTION', 'REJECTED', 'REVIEW_EXPIRED', 'WARRANT_EXPIRED', 'DUPLICATE', 'BREACHED', 'refused', 'duplicate']);
const waiting = new Set(['LEGAL_REVIEW', 'IN_REVIEW', 'CHANGES_REQUESTED', 'WARRANT', 'COMPLIANCE', 'RELEASING', 'DUE_SOON', 'partial', 'repeat', 'STARTING']);
export function badge(stage) {
  const tone = good.has(stage) ? 'ok' : trouble.has(stage) ? 'bad' : waiting.has(stage) ? 'warn' : '';
  return h('span', { class: `badge ${tone}` }, stage ?? '—');
}

/** A table from column definitions: [header, row => cell, {num}]. */
/** The columns every list of a case's targets shows: a link to each target's timeline, kind, stage, registrar, note. */
export const targetColumns = [
  ['Target', (t) => (t.stage === 'NOT_STARTED' || t.stage === 'DUPLICATE' ? t.key : targetLink(t.key))],
  ['Kind', (t) => t.kind],
  ['Stage', (t) => badge(t.stage)],
  ['Registrar', (t) => t.registrar ?? ''],
  ['Note', (t) => t.note ?? ''],
];

export function table(caption, columns, rows, empty = 'Nothing here yet.') {
  if (rows.length === 0) return h('p', { class: 'hint' }, empty);
  return h('table', {},
    caption ? h('caption', {}, caption) : null,
    h('thead', {}, h('tr', {}, columns.map(([title, , opts]) => h('th', { scope: 'col', class: opts?.num ? 'num' : undefined }, title)))),
    h('tbody', {}, rows.map((row) => h('tr', {}, columns.map(([, cell, opts]) => h('td', { class: opts?.num ? 'num' : undefined }, cell(row)))))));
}

/** A timeline, newest first: when, who, and what (with its detail or reason). */
export const timelineTable = (entries) => h('table', { class: 'timeline' }, h('thead', {}, h('tr', {}, ['When', 'Who', 'What'].map((c) => h('th', { scope: 'col' }, c)))),
  h('tbody', {}, [...entries].reverse().map((e) => h('tr', {}, h('td', {}, when(e.at)), h('td', {}, `${e.actor.name} (${e.actor.role})`), h('td', {}, e.action, e.detail ? ` — ${e.detail}` : '', e.reason ? ` — ${e.reason}` : '')))));

/** Notices as sent, each with its acknowledgements (received, actioned) or "not yet". */
export const noticeTable = (notices, acknowledgements = []) => table(null, [['Notice', (n) => h('code', {}, n.noticeId)], ['Kind', (n) => n.kind], ['To', (n) => n.to.join(', ')], ['Sent', (n) => when(n.sentAt)],
  ['Acknowledged', (n) => acknowledgements.filter((a) => a.noticeId === n.noticeId).map((a) => `${a.kind} by ${a.by.name} ${when(a.at)}${a.reference ? ` (${a.reference})` : ''}`).join('; ') || 'not yet']], notices, 'No notice sent yet.');

export const targetLink = (key) => h('a', { href: `/targets/${encodeURIComponent(key)}` }, key);

export function debounce(fn, ms) {
  let timer;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}

/**
 * Live normalisation: as an agent types targets (one per line), each is normalised by the API and the
 * result shown beside it: the canonical target and its warnings, or why it is refused.
 */
export function liveNormalize(textarea, output) {
  const check = debounce(async () => {
    const inputs = lines(textarea.value).slice(0, 200);
    if (inputs.length === 0) return render(output);
    try {
      const { results } = await api('POST', '/api/normalize', { inputs });
      render(output, results.map((r) => r.ok
        ? h('li', { class: 'ok' }, r.input, ' → ', h('strong', {}, r.target.kind === 'profile' ? `${r.target.platform}:${r.target.handle}` : r.target.domain), ` (${r.target.kind})`, r.target.warnings.length ? h('span', { class: 'hint' }, ` ${r.target.warnings.join('; ')}`) : null)
        : h('li', { class: 'bad' }, r.error.message)));
    } catch (error) {
      render(output, h('li', { class: 'bad' }, error.message));
    }
  }, 300);
  textarea.addEventListener('input', check);
  check();
}

/** Loads a page's data and shows a refusal (say, a role that may not see it) in place of the page. */
export async function load(fn) {
  try {
    await fn();
  } catch (error) {
    // A case, target or custody record of another team answers as a missing one does (404): both are "Not found".
    render(main, h('h1', {}, error.status === 403 ? 'Not allowed' : error.status === 404 ? 'Not found' : 'Something went wrong'), errorBox(error));
  }
}

export function field(label, input, hint) {
  const id = input.id || `f-${input.name.replace(/[^a-z0-9]/gi, '-')}`;
  input.id = id;
  const hintEl = hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null;
  if (hintEl) input.setAttribute('aria-describedby', hintEl.id);
  return [h('label', { for: id }, label), hintEl, input];
}

/**
 * Keeps a page current: every `ms` while the tab is visible, `fetchData()` asks the API again and `draw(data)`
 * redraws the page, but never while a person is using one of its forms (focus inside a form, or a form typed
 * into and not yet sent), and never over something they did while the answer was on its way (a click, a key,
 * a submit) or while an action of theirs is on its way: polling never throws away what they typed or the answer
 * to what they sent. One GET per interval
 * per open page; a failed poll is simply tried again at the next.
 */
export function keepCurrent(fetchData, draw, ms = 5000) {
  let touched = 0;
  let inFlight = false;
  for (const type of ['input', 'submit', 'click', 'keydown', 'focusin']) {
    main.addEventListener(type, (event) => {
      touched++;
      if (type === 'input') event.target.closest?.('form')?.setAttribute('data-dirty', '');
    }, true);
  }
  // Busy: the tab hidden, a form in use or typed into, an action on its way or just answered (its message is read first).
  const busy = () => document.hidden || actions.pending > 0 || Date.now() - actions.endedAt < 3000
    || document.activeElement?.closest?.('form') || main.querySelector('form[data-dirty]');
  setInterval(async () => {
    if (inFlight || busy()) return;
    inFlight = true;
    const before = touched;
    try {
      const data = await fetchData();
      if (touched === before && !busy()) draw(data);
    } catch {
      // Tried again at the next interval.
    } finally {
      inFlight = false;
    }
  }, ms);
}

/** A deadline with its state: overdue in red, within a day in amber. */
export function deadline(iso) {
  if (!iso) return '';
  const left = Date.parse(iso) - Date.now();
  return [when(iso), ' ', badge(left <= 0 ? 'BREACHED' : left < 86_400_000 ? 'DUE_SOON' : 'OK')];
}
