// Salam agent console. It talks only to the Agent HTTP API of docs/PROTOCOL.md.
// Every piece of server-supplied text (message text, names, ids) goes through
// textContent: it is untrusted and must never be parsed as HTML.
'use strict';

// Relative to the page, so the console also works behind a path prefix.
const API = new URL('../api/v1/agent/', location.href);
const KIND_LABELS = () => ({ visitor: tl('visitor'), bot: tl('bot'), agent: tl('agent'), system: tl('system') });
const KINDS = ['visitor', 'bot', 'agent', 'system'];
const TYPING_EVERY_MS = 3000;
const TYPING_IDLE_MS = 4000;

const $ = (id) => document.getElementById(id);
const el = {
  tools: $('tools'), name: $('agent-name'), conn: $('conn'), signout: $('signout'),
  signin: $('signin'), signinForm: $('signin-form'), email: $('signin-email'), password: $('signin-password'),
  signinError: $('signin-error'), signinSubmit: $('signin-submit'),
  openTeam: $('open-team'), team: $('team'), teamTitle: $('team-title'), closeTeam: $('close-team'),
  teamError: $('team-error'), teamAdmin: $('team-admin'), accounts: $('accounts'), addAccount: $('add-account'),
  addAccountError: $('add-account-error'), tokens: $('tokens'), addToken: $('add-token'), tokenLabel: $('token-label'),
  newToken: $('new-token'), newTokenValue: $('new-token-value'), auditSection: $('audit-section'), audit: $('audit'),
  app: $('app'), listTitle: $('list-title'), list: $('conversation-list'), listEmpty: $('list-empty'),
  filter: $('list-filter'),
  placeholder: $('placeholder'), conv: $('conversation'), convId: $('conv-id'), status: $('conv-status'),
  resolve: $('resolve'), log: $('log'), typing: $('typing'), error: $('error'),
  stage: $('conv-stage'), locale: $('conv-locale'), takeover: $('takeover'), presence: $('presence'),
  facts: $('visitor-facts'), pages: $('visitor-pages'),
  form: $('reply-form'), reply: $('reply'), send: $('send'), files: $('reply-files'), addNote: $('add-note'),
  cannedSuggest: $('canned-suggest'), cannedCount: $('canned-count'), cannedList: $('canned-list'),
  cannedManage: $('canned-manage'), addCanned: $('add-canned'), addCannedError: $('add-canned-error'),
  assign: $('assign'), claim: $('claim'), agentTyping: $('agent-typing'), lang: $('lang'),
  openFigures: $('open-figures'), figures: $('figures'), figuresTitle: $('figures-title'), closeFigures: $('close-figures'),
  figuresPeriod: $('figures-period'), figuresFrom: $('figures-from'), figuresTo: $('figures-to'),
  figuresCsv: $('figures-csv'), figuresError: $('figures-error'), figuresOverall: $('figures-overall'),
  figuresDays: $('figures-days'), figuresAgents: $('figures-agents'), chartVolume: $('chart-volume'),
  chartResponse: $('chart-response'),
};

const state = {
  // Signed in: the account and the session's CSRF token (what a change must carry).
  me: null, csrf: '', selected: null, lastSeq: 0, loading: false, sending: false, busy: false,
  conversations: new Map(), // id -> summary
  rows: new Map(), // id -> {li, button, short, status, time, last, typing, at}
  messages: new Map(), // id -> frame, of the selected conversation only
  notes: new Set(), // ids of the selected conversation's notes on screen
  canned: [], // the team's canned replies
  drafts: new Map(), // conversation id -> unsent text
  // A failed send keeps its client_id so a retry of the same text is stored once,
  // even if the first attempt reached the server and only the answer was lost.
  pending: null,
};

// Storage can throw (disabled cookies, sandboxed frames); the console still works without it.
const storage = {
  get(area, k) { try { return window[area].getItem(k) || ''; } catch { return ''; } },
  set(area, k, v) { try { window[area].setItem(k, v); } catch { /* memory only */ } },
  del(area, k) { try { window[area].removeItem(k); } catch { /* nothing stored */ } },
};

// ---- Language ----
// The console speaks English, Persian or Arabic: the agent's choice (the Language menu), else
// the browser's. Its texts are locales/<lang>/console.ftl, formatted by the server with Fluent;
// a placeable comes back as a marker that `tl` fills. Numbers and dates go through Intl.

const LANGUAGES = ['en', 'fa', 'ar'];
const RIGHT_TO_LEFT = new Set(['fa', 'ar']);
const LANG_STORE = 'salam-agent-lang';
const lang = (() => {
  const chosen = storage.get('localStorage', LANG_STORE);
  if (LANGUAGES.includes(chosen)) return chosen;
  for (const tag of navigator.languages || [navigator.language || 'en']) {
    const base = String(tag).toLowerCase().split('-')[0];
    if (LANGUAGES.includes(base)) return base;
  }
  return 'en';
})();
let texts = {};

/** Message `id`, its placeables filled from `args` (its id if the texts are missing). */
function tl(id, args = {}) {
  const pattern = texts[id];
  if (typeof pattern !== 'string') return id;
  return pattern.replace(/\uE000(\w+)\uE001/g, (_, name) => (name in args ? String(args[name]) : ''));
}

const numberFormat = new Intl.NumberFormat(lang);
const num = (n) => numberFormat.format(n);

async function loadTexts() {
  try {
    const res = await fetch(new URL(`../api/v1/console-texts/${lang}`, location.href), { cache: 'no-cache' });
    if (res.ok) texts = await res.json();
  } catch { /* the page's English stands */ }
}

/** Puts the texts into the page: `data-i18n` (text; `data-arg` children are its placeables),
 * `data-i18n-label` (`aria-label`); the language and direction on <html>. */
function applyTexts() {
  document.documentElement.lang = lang;
  document.documentElement.dir = RIGHT_TO_LEFT.has(lang) ? 'rtl' : 'ltr';
  for (const node of document.querySelectorAll('[data-i18n]')) {
    const pattern = texts[node.dataset.i18n];
    if (typeof pattern !== 'string') continue;
    const args = new Map([...node.querySelectorAll('[data-arg]')].map((a) => [a.dataset.arg, a]));
    if (!args.size) { node.textContent = pattern; continue; }
    const parts = pattern.split(/\uE000(\w+)\uE001/);
    node.replaceChildren(...parts.map((part, i) => (i % 2 ? args.get(part) || '' : part)));
  }
  for (const node of document.querySelectorAll('[data-i18n-label]')) {
    const pattern = texts[node.dataset.i18nLabel];
    if (typeof pattern === 'string') node.setAttribute('aria-label', pattern);
  }
  el.lang.value = lang;
}

function make(tag, className, attrs = {}, text = '') {
  const node = document.createElement(tag);
  if (className) node.className = className;
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  node.textContent = text; // never innerHTML: see the top of this file
  return node;
}

// randomUUID exists only in secure contexts; a console opened over plain http on a LAN
// address still needs idempotency keys.
function newId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

const path = (id, tail) => `conversations/${encodeURIComponent(id)}/${tail}`;

// ---- HTTP ----

class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

const HTTP_ERRORS = () => ({
  400: tl('the-server-refused-it-empty-or-malformed'), 403: tl('this-page-s-origin-is-not-allowed-by-the-server'),
  404: tl('this-conversation-no-longer-exists'), 413: tl('the-message-is-too-long-at-most-4-000-characters'),
  429: tl('too-many-messages-at-once-try-again-in-a-moment'),
});

/** The session's cookie goes along by itself (same origin); a change
 * carries the CSRF token too. */
function authHeaders(method) {
  return method === 'GET' || !state.csrf ? {} : { 'X-CSRF-Token': state.csrf };
}

/** A refusal in words: the console's own for the codes it knows (in the agent's language),
 * else the server's (`{"error": code, "message": ...}`). */
async function refusal(res) {
  try {
    const body = await res.json();
    const code = body && typeof body.error === 'string' ? body.error.replace(/_/g, '-') : '';
    if (code && typeof texts[`error-${code}`] === 'string') {
      const wait = Number(res.headers.get('retry-after')) || 60;
      return tl(`error-${code}`, { time: tl('minutes', { m: num(Math.ceil(wait / 60)) }) });
    }
    if (body && typeof body.message === 'string') return body.message;
  } catch { /* not JSON */ }
  return HTTP_ERRORS()[res.status] || tl('server-answered', { status: res.status });
}

async function api(method, rel, body, extra = {}) {
  const me = state.me;
  const headers = authHeaders(method);
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const init = { method, headers, cache: 'no-store', body: body === undefined ? undefined : JSON.stringify(body), ...extra };
  const res = await fetch(new URL(rel, API), init).catch(() => {
    throw new ApiError(0, tl('cannot-reach-the-server-check-the-connection-and'));
  });
  if (res.status === 401) {
    const message = await refusal(res);
    // Only the session still in use may sign out: a late answer to an old one must not.
    if (me && me === state.me) signOut(message, true);
    throw new ApiError(401, message);
  }
  if (!res.ok) throw new ApiError(res.status, await refusal(res));
  const text = await res.text();
  return text ? JSON.parse(text) : null;
}

function showError(message = '') { el.error.textContent = message; }

// ---- Sign-in ----

function signIn(me, csrf, fromForm) {
  state.me = me;
  state.csrf = csrf || '';
  el.name.textContent = me.name;
  el.signinError.textContent = '';
  el.password.value = '';
  el.signin.hidden = true;
  el.team.hidden = el.figures.hidden = true;
  el.app.hidden = el.tools.hidden = false;
  if (fromForm) el.listTitle.focus(); // the form vanished; don't leave focus on <body>
  setConn('connecting', tl('connecting'));
  el.listEmpty.hidden = false;
  el.listEmpty.textContent = tl('loading-conversations');
  openStream();
  reportPresence();
  loadCanned().catch(() => {});
  loadTeamList().then(() => { if (state.selected) renderHeader(); }).catch(() => {});
  loadList().catch((err) => {
    if (err.status !== 401) el.listEmpty.textContent = tl('could-not-load-conversations', { reason: err.message });
  });
}

function signOut(reason, ended = false) {
  // Unless the server already ended it: end the session (and so go offline).
  if (state.me && !ended) fetch(new URL('session', API), { method: 'DELETE', headers: authHeaders('DELETE'), keepalive: true }).catch(() => {});
  state.me = null; // first, so nothing below talks to the server as the old account
  state.csrf = '';
  closeStream();
  select(null);
  [state.conversations, state.rows, state.drafts].forEach((m) => m.clear());
  state.pending = null;
  el.list.replaceChildren();
  el.app.hidden = el.tools.hidden = el.team.hidden = el.figures.hidden = true;
  el.signin.hidden = false;
  el.signinError.textContent = reason || '';
  el.password.value = '';
  (el.email.value ? el.password : el.email).focus();
}

// ---- Presence ----
// The server counts an agent online while their console says so at least every 90 s;
// with nobody online, visitors see "We're away" (and the bot says so when it hands over).

const PRESENCE_STORE = 'salam-agent-presence';
const PRESENCE_EVERY_MS = 60000;

function reportPresence(status = el.presence.value, keepalive = false) {
  if (!state.me) return;
  api('POST', 'presence', { status }, { keepalive }).catch(() => {});
}

setInterval(() => { if (state.me && !document.hidden) reportPresence(); }, PRESENCE_EVERY_MS);

// Away after a while without a key or a click: no conversation goes to someone who is not there.
// Back online on return, if it was the console (not the agent) that said away.
const IDLE_MS = Number(storage.get('localStorage', 'salam-agent-idle-ms')) || 10 * 60 * 1000;
let idleTimer = 0, autoAway = false;

function active() {
  clearTimeout(idleTimer);
  if (autoAway && state.me) {
    autoAway = false;
    el.presence.value = 'online';
    reportPresence();
  }
  idleTimer = setTimeout(() => {
    if (!state.me || el.presence.value !== 'online') return;
    autoAway = true;
    el.presence.value = 'away';
    reportPresence();
  }, IDLE_MS);
}
for (const type of ['keydown', 'pointerdown']) document.addEventListener(type, active, { passive: true });
active();
el.presence.addEventListener('change', () => {
  storage.set('localStorage', PRESENCE_STORE, el.presence.value);
  reportPresence();
});
document.addEventListener('visibilitychange', () => { if (!document.hidden) reportPresence(); });

// ---- Event stream ----

let source = null, attempt = 0, retryTimer = 0;

function setConn(kind, text) { el.conn.dataset.state = kind; el.conn.textContent = text; }

function openStream() {
  closeStream();
  if (!state.me) return;
  // The session's cookie signs the stream in: nothing secret in its address.
  const es = new EventSource(new URL('events', API));
  source = es;
  es.onopen = () => {
    attempt = 0;
    setConn('live', tl('live'));
    // Whatever happened while we were away is only in the store: fetch it.
    resync();
  };
  es.onerror = () => {
    if (es !== source) return;
    // EventSource's own retry gives up for good after a 5xx and never reports a 401,
    // so always take over with our own backoff.
    closeStream();
    setConn('reconnecting', tl('reconnecting'));
    retryTimer = setTimeout(openStream, Math.min(15000, 1000 * 2 ** attempt++));
    // The stream hides HTTP statuses; a plain request is how an ended session is noticed.
    loadList().catch(() => {});
  };
  const on = (type, handler) => es.addEventListener(type, (event) => {
    let data;
    try { data = JSON.parse(event.data); } catch { return; } // tolerant: drop what we cannot read
    if (data && typeof data === 'object') handler(data);
  });
  on('conversation', (s) => { upsertSummary(s, true); refreshVisitorSoon(s.id); });
  on('message', onMessageEvent);
  on('typing', onTypingEvent);
  on('read', onReadEvent);
  on('note', onNoteEvent);
  on('agent_typing', onAgentTypingEvent);
  on('resync', resync); // the server dropped events for us because we fell behind
}

function closeStream() {
  clearTimeout(retryTimer);
  if (source) source.close();
  source = null;
}

async function resync() {
  try {
    await loadList();
    if (state.selected) await loadMessages(state.selected, state.lastSeq);
  } catch (err) {
    if (err.status !== 401) showError(tl('could-not-catch-up', { reason: err.message }));
  }
}

// ---- Conversation list ----

async function loadList() {
  const list = await api('GET', 'conversations');
  if (!Array.isArray(list) || !state.me) return;
  const seen = new Set();
  for (const s of list) {
    if (s && typeof s.id === 'string') { seen.add(s.id); upsertSummary(s, false); }
  }
  // The server's history can be reset; forget conversations it no longer has.
  for (const id of [...state.conversations.keys()]) if (!seen.has(id)) removeRow(id);
  el.listEmpty.textContent = tl('no-conversations-yet-they-appear-here-as-soon-as');
  sortRows();
}

function upsertSummary(s, sort) {
  if (typeof s.id !== 'string' || !state.me) return;
  const prev = state.conversations.get(s.id);
  // A list fetched before a live event arrived must not roll the row back.
  if (prev && (prev.updated_at || 0) > (s.updated_at || 0)) return;
  state.conversations.set(s.id, s);
  renderRow(s);
  if (s.id === state.selected) renderHeader();
  if (sort) sortRows();
}

let rowCount = 0;

// A row is an <li> holding a button whose name is just the (short) conversation id; the rest
// of the row describes it. Untrusted message text in the button's name would make role
// locators such as "Send" ambiguous, and "resolved" would match "Resolve". The button is
// stretched over the whole row with CSS, so the row is still one big click target.
function renderRow(s) {
  let row = state.rows.get(s.id);
  if (!row) {
    const n = ++rowCount;
    const li = make('li', 'row', { 'data-testid': 'conversation-row', 'data-id': s.id });
    const button = make('button', 'row__open', { type: 'button', 'aria-describedby': `r${n}s r${n}w r${n}a r${n}k r${n}r r${n}t r${n}l r${n}y` });
    const prefix = make('span', 'visually-hidden', {}, `${tl('conversation')} `);
    row = {
      li, button, at: 0,
      short: make('span', 'row__id'),
      status: make('span', 'badge', { id: `r${n}s` }),
      stage: make('span', 'badge', { id: `r${n}w` }),
      assignee: make('span', 'row__assignee', { id: `r${n}a`, 'data-testid': 'row-assignee' }),
      ticket: make('span', 'badge badge--ticket', { id: `r${n}k`, 'data-testid': 'row-ticket' }),
      rating: make('span', 'badge badge--rating', { id: `r${n}r`, 'data-testid': 'row-rating' }),
      time: make('time', 'row__time', { id: `r${n}t` }),
      last: make('span', 'row__last', { id: `r${n}l`, dir: 'auto' }),
      typing: make('span', 'row__typing', { id: `r${n}y` }),
    };
    button.append(prefix, row.short);
    const top = make('span', 'row__top');
    top.append(button, row.status, row.stage, row.ticket, row.rating, row.time);
    li.append(top, row.assignee, row.last, row.typing);
    button.addEventListener('click', () => select(s.id));
    state.rows.set(s.id, row);
  }
  row.short.textContent = s.id.length > 12 ? `${s.id.slice(0, 10)}…` : s.id;
  setStatusBadge(row.status, s.status);
  setStageBadge(row.stage, s);
  // The request left ("leave a message") and where it stands; the visitor's rating.
  row.ticket.textContent = s.ticket ? tl('row-request', { reference: s.ticket.reference, status: tl(`status-${s.ticket.status}`) }) : '';
  row.ticket.hidden = !s.ticket;
  const rated = Array.isArray(s.rating) ? ratingText({ scale: s.rating[0], score: s.rating[1] }) : '';
  row.rating.textContent = rated ? tl('rated', { rating: rated }) : '';
  row.rating.hidden = !rated;
  row.assignee.textContent = assigneeText(s);
  row.summary = s;
  row.li.hidden = !shown(s);
  const last = s.last_message;
  const prefix = last && (last.author === 'agent' || last.author === 'bot') ? `${KIND_LABELS()[last.author]}: ` : '';
  // A message of files alone has no text: say so rather than show nothing.
  row.last.textContent = last ? prefix + (String(last.text ?? '') || tl('sent-a-file')) : tl('no-messages-yet');
  row.at = s.updated_at || last?.at || 0;
  setRelative(row.time, row.at);
  row.typing.textContent = s.visitor_typing ? 'typing…' : '';
  markSelected(row, s.id === state.selected);
}

/** Who a conversation is assigned to, in words. */
function assigneeText(s) {
  if (!Array.isArray(s.assignee)) return tl('unassigned');
  return s.assignee[0] === state.me?.id ? tl('assigned-to-you') : tl('assigned-to-name', { name: s.assignee[1] });
}

/** Whether the list's filter shows conversation `s`. */
function shown(s) {
  const f = el.filter.value;
  if (f === 'all') return true;
  if (f === 'rated') return Array.isArray(s.rating);
  return Boolean(s.ticket) && (f === 'tickets' || s.ticket.status === f);
}

el.filter.addEventListener('change', () => {
  let any = false;
  for (const row of state.rows.values()) {
    row.li.hidden = !shown(row.summary);
    any ||= !row.li.hidden;
  }
  el.listEmpty.hidden = any;
  if (!any) el.listEmpty.textContent = tl('nothing-to-show-with-this-filter');
});

function markSelected(row, on) {
  row.button.setAttribute('aria-current', String(on));
  row.li.classList.toggle('row--selected', on);
}

function sortRows() {
  const sorted = [...state.conversations.values()]
    .sort((a, b) => (b.updated_at || 0) - (a.updated_at || 0) || (a.id < b.id ? -1 : 1));
  const focused = document.activeElement;
  sorted.forEach((s, i) => {
    const li = state.rows.get(s.id).li;
    if (el.list.children[i] !== li) el.list.insertBefore(li, el.list.children[i] || null);
  });
  // Moving a node blurs it; keep a keyboard user on the row they were on.
  if (focused && focused !== document.activeElement && el.list.contains(focused)) focused.focus({ preventScroll: true });
  el.listEmpty.hidden = sorted.length > 0;
}

function removeRow(id) {
  state.rows.get(id)?.li.remove();
  state.rows.delete(id);
  state.conversations.delete(id);
  if (id === state.selected) select(null);
}

// Who answers: the bot, nobody yet (with how long the visitor has waited), or an agent.
function setStageBadge(node, s) {
  const stage = s.stage || 'bot';
  node.className = `badge badge--${stage}`;
  if (stage === 'agent') node.textContent = s.agent ? tl('with-name', { name: s.agent }) : tl('with-an-agent');
  else if (stage === 'waiting') node.textContent = s.waiting_since ? tl('waiting-for', { time: waited(s.waiting_since) }) : tl('waiting');
  else node.textContent = tl('bot-answering');
}

/** "3 min", "1 h 5 min": how long since `at`. */
function waited(at) {
  const mins = Math.max(0, Math.floor((Date.now() - at) / 60000));
  return mins < 60 ? tl('minutes', { m: num(mins) }) : tl('hours-minutes', { h: num(Math.floor(mins / 60)), m: num(mins % 60) });
}

function setStatusBadge(node, status) {
  const resolved = status === 'resolved';
  node.textContent = resolved ? 'resolved' : 'open';
  node.className = `badge badge--${resolved ? 'resolved' : 'open'}`;
}

// ---- Times ----

const relFormat = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
const clockFormat = new Intl.DateTimeFormat(lang, { hour: 'numeric', minute: '2-digit' });
const fullFormat = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
const UNITS = [['day', 86400], ['hour', 3600], ['minute', 60]];

function setTime(node, at, text) {
  if (!Number.isFinite(at) || at <= 0) { node.textContent = ''; return; }
  const date = new Date(at);
  node.dateTime = date.toISOString();
  node.title = fullFormat.format(date);
  node.textContent = text(date);
}

function setRelative(node, at) {
  setTime(node, at, (date) => {
    const secs = (date.getTime() - Date.now()) / 1000;
    for (const [unit, size] of UNITS) if (Math.abs(secs) >= size) return relFormat.format(Math.round(secs / size), unit);
    return 'just now';
  });
}

setInterval(() => {
  for (const row of state.rows.values()) {
    setRelative(row.time, row.at);
    if (row.summary) setStageBadge(row.stage, row.summary);
  }
}, 30000);

// ---- Conversation view ----

function select(id) {
  if (id === state.selected) return;
  stopTyping();
  if (state.selected) state.drafts.set(state.selected, el.reply.value);
  state.selected = id;
  state.lastSeq = 0;
  state.messages.clear();
  state.notes.clear();
  el.log.replaceChildren();
  showError();
  for (const [rid, row] of state.rows) markSelected(row, rid === id);
  el.placeholder.hidden = Boolean(id);
  el.conv.hidden = !id;
  if (!id) return;
  el.reply.value = state.drafts.get(id) || '';
  renderHeader();
  renderAgentTyping();
  // The team may have grown since: the transfer list follows.
  loadTeamList().then(() => { if (id === state.selected) renderHeader(); }).catch(() => {});
  // Stacked layout: the conversation is below the list, out of sight.
  if (matchMedia('(max-width: 760px)').matches) el.conv.scrollIntoView({ block: 'start' });
  loadMessages(id, 0)
    .then(() => loadNotes(id))
    .catch((err) => { if (id === state.selected && err.status !== 401) showError(err.message); });
  loadVisitor(id);
}

// ---- The visitor: where they are, who they said they are ----

let visitorTimer = 0;

async function loadVisitor(id) {
  el.facts.replaceChildren();
  el.pages.replaceChildren();
  let info;
  try { info = await api('GET', path(id, 'visitor')); } catch { return; }
  if (id !== state.selected || !info || typeof info !== 'object') return;
  const facts = [];
  const who = info.identity;
  if (who && typeof who === 'object') {
    facts.push([tl('name'), who.name], [tl('e-mail'), who.email], [tl('user-id'), who.user_id]);
    facts.push([tl('identity'), who.verified ? tl('verified') : tl('not-verified')]);
    for (const [k, v] of Object.entries(who.attributes || {})) facts.push([k, v]);
  }
  if (info.ticket) {
    const t = info.ticket;
    facts.push([tl('request-number', { reference: t.reference }), t.subject], [tl('answers-by-e-mail-to'), t.email]);
  }
  for (const [k, v] of Object.entries(info.prechat || {})) facts.push([tl('pre-chat', { field: k }), v]);
  if (info.rating && typeof info.rating === 'object') {
    const r = info.rating;
    facts.push([tl('rating'), r.done ? ratingText(r) : tl('rating-not-sent', { rating: ratingText(r) })]);
    const reasons = (Array.isArray(r.reasons) ? r.reasons : []).map((x) => REASONS()[x] || String(x));
    facts.push([tl('what-went-wrong'), reasons.join(', ')], [tl('comment'), r.comment]);
  }
  facts.push([tl('language'), info.locale], [tl('browser'), info.browser]);
  if (info.time_zone) {
    let local = '';
    try { local = new Intl.DateTimeFormat(lang, { timeZone: info.time_zone, hour: 'numeric', minute: '2-digit' }).format(new Date()); } catch { /* unknown zone */ }
    facts.push([tl('time-zone'), local ? tl('zone-there-now', { zone: info.time_zone, time: local }) : info.time_zone]);
  }
  for (const [label, value] of facts) {
    if (value === undefined || value === null || value === '') continue;
    const dd = make('dd', '', { dir: 'auto' }, String(value));
    if (label === tl('identity')) dd.className = who.verified ? 'badge badge--verified' : 'badge badge--unverified';
    el.facts.append(make('dt', '', {}, label), dd);
  }
  if (info.ticket) el.facts.append(...ticketStatus(id, info.ticket));
  (Array.isArray(info.pages) ? info.pages : []).forEach((p, i) => {
    const li = make('li', i === 0 ? 'page page--current' : 'page');
    // Only web addresses become links (the server keeps no other kind), opening apart from the console.
    const link = /^https?:\/\//.test(p.url) ? make('a', '', { href: p.url, target: '_blank', rel: 'noopener noreferrer nofollow', dir: 'auto' }, p.title || p.url)
      : make('span', '', { dir: 'auto' }, p.title || p.url);
    const time = make('time', 'page__time');
    setTime(time, p.at, (date) => clockFormat.format(date));
    li.append(link, ' ', time);
    if (i === 0) li.append(make('span', 'visually-hidden', {}, ' (current page)'));
    el.pages.append(li);
  });
}

/** What a low rating's reasons mean (the widget offers these four). */
const REASONS = () => ({
  slow: tl('took-too-long'), unsolved: tl('problem-not-solved'), unclear: tl('answers-unclear'), unfriendly: tl('not-friendly'),
});

/** A rating in words: "2 of 5 stars", "Thumbs up", "Happy face". */
function ratingText(r) {
  const score = Number(r.score) || 0;
  if (r.scale === 'thumbs') return score === 2 ? tl('thumbs-up') : tl('thumbs-down');
  if (r.scale === 'faces') return [tl('unhappy-face'), tl('neutral-face'), tl('happy-face')][score - 1] || tl('score-of-3', { score: num(score) });
  return tl('score-of-5-stars', { score: num(score) });
}

/** The ticket's status as a labelled select: open, pending, solved. */
function ticketStatus(id, ticket) {
  const select = make('select', 'ticket-status', { id: 'ticket-status', 'data-testid': 'ticket-status' });
  for (const [value, label] of [['open', tl('open')], ['pending', tl('pending')], ['solved', tl('solved')]]) {
    select.append(make('option', '', { value }, label));
  }
  select.value = ticket.status;
  select.addEventListener('change', async () => {
    const status = select.value;
    select.disabled = true;
    try {
      await api('POST', path(id, 'ticket'), { status });
      showError('');
    } catch (e) {
      select.value = ticket.status;
      showError(tl('could-not-set-status', { reason: e.message }));
    } finally {
      select.disabled = false;
    }
    if (select.value === status) ticket.status = status;
  });
  const label = make('label', '', { for: 'ticket-status' }, tl('request-status', { reference: ticket.reference }));
  const dd = make('dd');
  dd.append(select);
  const dt = make('dt');
  dt.append(label);
  return [dt, dd];
}

/** The visitor moved (a new page says hello): refresh, at most once a second. */
function refreshVisitorSoon(id) {
  if (id !== state.selected) return;
  clearTimeout(visitorTimer);
  visitorTimer = setTimeout(() => loadVisitor(id), 1000);
}

function renderHeader() {
  const s = state.conversations.get(state.selected) || { id: state.selected, status: 'open' };
  el.convId.textContent = s.id;
  setStatusBadge(el.status, s.status);
  el.resolve.textContent = s.status === 'resolved' ? tl('reopen') : tl('resolve');
  setStageBadge(el.stage, s);
  el.locale.textContent = s.locale ? tl('language-is', { locale: s.locale }) : '';
  // One click takes the conversation from the bot or the queue (or from another agent).
  el.takeover.hidden = s.stage === 'agent' && s.agent === state.me?.name;
  el.typing.textContent = s.visitor_typing ? tl('visitor-is-typing') : '';
  renderAssignee(s);
}

// ---- Assignment ----
// New conversations go round-robin to online agents with room; here an agent claims one,
// transfers it, or puts it back in the queue. Everyone sees who has it, and who is typing.

async function loadTeamList() {
  const list = await api('GET', 'agents');
  if (Array.isArray(list)) state.team = list.filter((a) => a && Number.isInteger(a.id) && !a.disabled);
}

function renderAssignee(s) {
  const mine = Array.isArray(s.assignee) && s.assignee[0] === state.me?.id;
  el.claim.hidden = mine;
  const current = Array.isArray(s.assignee) ? String(s.assignee[0]) : '';
  const options = [make('option', '', { value: '' }, tl('nobody-the-queue'))];
  for (const a of state.team || []) options.push(make('option', '', { value: String(a.id) }, a.id === state.me?.id ? tl('name-you', { name: a.name }) : a.name));
  // An assignee the list does not know (added since): still shown.
  if (current && !options.some((o) => o.value === current)) options.push(make('option', '', { value: current }, s.assignee[1]));
  // Rebuilt only when the team changed: an open list is not pulled from under the agent.
  const key = options.map((o) => `${o.value}:${o.textContent}`).join('|');
  if (el.assign.dataset.key !== key) {
    el.assign.replaceChildren(...options);
    el.assign.dataset.key = key;
  }
  el.assign.value = current;
}

async function setAssignee(agent) {
  const id = state.selected;
  if (!id) return;
  try {
    await api('POST', path(id, 'assignee'), { agent });
    showError();
  } catch (err) {
    if (err.status !== 401) showError(err.message);
  }
}

el.assign.addEventListener('change', () => setAssignee(el.assign.value ? Number(el.assign.value) : null));
el.claim.addEventListener('click', () => setAssignee(state.me?.id ?? null));

const agentTyping = new Map(); // conversation -> Map(agent id -> name)

function onAgentTypingEvent({ conversation, agent_id: agentId, agent, on }) {
  if (typeof conversation !== 'string' || agentId === state.me?.id) return;
  const typing = agentTyping.get(conversation) || new Map();
  if (on) typing.set(agentId, String(agent ?? '')); else typing.delete(agentId);
  agentTyping.set(conversation, typing);
  if (conversation === state.selected) renderAgentTyping();
}

function renderAgentTyping() {
  const names = [...(agentTyping.get(state.selected)?.values() || [])];
  el.agentTyping.textContent = names.length ? tl(names.length === 1 ? 'agent-typing' : 'agents-typing', { names: names.join(', ') }) : '';
}

async function loadMessages(id, after) {
  state.loading = true;
  // A whole history arriving at once is not news: keep the live region from reading it all out.
  if (after === 0) el.log.setAttribute('aria-busy', 'true');
  try {
    const frames = await api('GET', `${path(id, 'messages')}?after_seq=${after}`);
    if (id === state.selected && Array.isArray(frames)) frames.forEach(addMessage);
  } finally {
    if (id === state.selected) { state.loading = false; el.log.removeAttribute('aria-busy'); }
  }
}

function authorLabel(author, kind) {
  // Only bots and agents have names; a "name" on a visitor or system message is not trusted as one.
  const name = typeof author?.name === 'string' ? author.name.trim() : '';
  return ((kind === 'agent' || kind === 'bot') && name) || KIND_LABELS()[kind];
}

function addMessage(m) {
  if (!m || typeof m.id !== 'string' || !Number.isInteger(m.seq) || state.messages.has(m.id)) return;
  state.messages.set(m.id, m);
  state.lastSeq = Math.max(state.lastSeq, m.seq);
  const kind = KINDS.includes(m.author?.kind) ? m.author.kind : 'system';
  const item = make('div', `msg msg--${kind}`, { 'data-testid': 'message', 'data-seq': m.seq, 'data-author': kind });
  const meta = make('p', 'msg__meta');
  const who = make('span', 'msg__author', { dir: 'auto' }, authorLabel(m.author, kind));
  const time = make('time', 'msg__time');
  setTime(time, m.at, (date) => clockFormat.format(date));
  meta.append(who, time);
  const text = make('p', 'msg__text', { dir: 'auto' }, String(m.text ?? ''));
  item.append(meta, text);
  if (!text.textContent) text.hidden = true;
  if (Array.isArray(m.attachments) && m.attachments.length) item.append(renderFiles(m.attachments));
  // Follow new messages only if the agent was already at the bottom, not while reading back.
  const stick = el.log.scrollHeight - el.log.scrollTop - el.log.clientHeight < 48;
  const last = el.log.lastElementChild;
  let next = null;
  if (last && Number(last.dataset.seq) > m.seq) next = [...el.log.children].find((c) => Number(c.dataset.seq) > m.seq);
  el.log.insertBefore(item, next);
  if (stick) el.log.scrollTop = el.log.scrollHeight;
  renderSeen();
  reportRead();
}

// ---- Internal notes ----
// For the team only: kept apart from the messages on the server, so the visitor never gets one.
// Shown after the message that was newest when the note was written.

async function loadNotes(id) {
  const notes = await api('GET', path(id, 'notes'));
  if (id === state.selected && Array.isArray(notes)) notes.forEach(addNote);
}

function addNote(n) {
  if (!n || typeof n.id !== 'string' || !Number.isInteger(n.after_seq) || state.notes.has(n.id)) return;
  state.notes.add(n.id);
  // Between message `after_seq` and the next one, after any earlier note there.
  const place = n.after_seq + 0.5;
  const item = make('div', 'msg msg--note', { 'data-testid': 'note', 'data-seq': place, 'data-author': 'note' });
  const meta = make('p', 'msg__meta');
  meta.append(make('span', 'msg__author', {}, tl('internal-note')), ' · ', make('span', '', { dir: 'auto' }, String(n.author ?? '')));
  const time = make('time', 'msg__time');
  setTime(time, n.at, (date) => clockFormat.format(date));
  meta.append(time);
  item.append(meta, make('p', 'msg__text', { dir: 'auto' }, String(n.text ?? '')));
  const stick = el.log.scrollHeight - el.log.scrollTop - el.log.clientHeight < 48;
  const next = [...el.log.children].find((c) => Number(c.dataset.seq) > place);
  el.log.insertBefore(item, next || null);
  if (stick) el.log.scrollTop = el.log.scrollHeight;
}

function onNoteEvent({ conversation, note }) {
  if (conversation === state.selected) addNote(note);
}

el.addNote.addEventListener('click', async () => {
  const id = state.selected;
  const text = el.reply.value.trim();
  if (!id || !text || state.sending) { el.reply.focus(); return; }
  state.sending = true;
  el.addNote.setAttribute('aria-disabled', 'true');
  try {
    const note = await api('POST', path(id, 'notes'), { text });
    if (id === state.selected) {
      showError();
      if (el.reply.value.trim() === text) el.reply.value = '';
      addNote(note);
      el.reply.focus();
    }
  } catch (err) {
    // The text stays in the reply box: nothing the agent wrote is lost.
    if (id === state.selected && err.status !== 401) showError(tl('note-not-added', { reason: err.message }));
  } finally {
    state.sending = false;
    el.addNote.removeAttribute('aria-disabled');
  }
});

// ---- Canned replies ----
// "/" and a shortcut at the start of the reply box offers the matching canned replies below it:
// Down (or Tab) reaches them, Enter or a click puts the text in the box, Escape goes back.

async function loadCanned() {
  const list = await api('GET', 'canned');
  if (Array.isArray(list)) state.canned = list.filter((c) => c && typeof c.shortcut === 'string' && typeof c.text === 'string');
}

function cannedMatches() {
  const m = /^\/([^\s/]*)$/.exec(el.reply.value);
  if (!m) return [];
  const typed = m[1].toLowerCase();
  return state.canned.filter((c) => c.shortcut.startsWith(typed)).slice(0, 8);
}

function renderCannedSuggest() {
  const matches = cannedMatches();
  el.cannedSuggest.hidden = matches.length === 0;
  el.cannedCount.textContent = matches.length
    ? tl('canned-count', { count: num(matches.length) }) : '';
  el.cannedList.replaceChildren(...matches.map((c) => {
    const li = make('li');
    const button = make('button', 'canned__item', { type: 'button', 'data-testid': 'canned-suggestion' });
    button.append(make('span', 'canned__shortcut', {}, `/${c.shortcut}`), make('span', 'canned__text', { dir: 'auto' }, c.text));
    button.addEventListener('click', () => useCanned(c));
    li.append(button);
    return li;
  }));
}

function useCanned(c) {
  el.reply.value = c.text;
  el.cannedSuggest.hidden = true;
  el.cannedList.replaceChildren();
  el.cannedCount.textContent = '';
  el.reply.focus();
  el.reply.setSelectionRange(c.text.length, c.text.length);
}

el.reply.addEventListener('input', renderCannedSuggest);
el.reply.addEventListener('keydown', (event) => {
  if (event.key === 'ArrowDown' && !el.cannedSuggest.hidden) {
    event.preventDefault();
    el.cannedList.querySelector('button')?.focus();
  } else if (event.key === 'Escape' && !el.cannedSuggest.hidden) {
    el.cannedSuggest.hidden = true;
  }
});
el.cannedList.addEventListener('keydown', (event) => {
  const buttons = [...el.cannedList.querySelectorAll('button')];
  const at = buttons.indexOf(document.activeElement);
  if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    event.preventDefault();
    const next = at + (event.key === 'ArrowDown' ? 1 : -1);
    if (next < 0) el.reply.focus();
    else buttons[Math.min(next, buttons.length - 1)]?.focus();
  } else if (event.key === 'Escape') {
    event.preventDefault();
    el.cannedSuggest.hidden = true;
    el.reply.focus();
  }
});

function renderCannedManage() {
  el.cannedManage.replaceChildren(...state.canned.map((c) => {
    const li = make('li', 'tokens__item', { 'data-testid': 'canned-entry' });
    li.append(make('span', 'tokens__label', {}, `/${c.shortcut}`), make('span', 'canned__text', { dir: 'auto' }, c.text));
    const del = make('button', 'button button--secondary', { type: 'button', 'aria-label': tl('delete-shortcut', { shortcut: `/${c.shortcut}` }) }, tl('delete'));
    del.addEventListener('click', async () => {
      try {
        await api('DELETE', `canned/${encodeURIComponent(c.id)}`);
        await loadCanned();
        renderCannedManage();
        $('canned-shortcut').focus();
      } catch (err) { if (err.status !== 401) el.teamError.textContent = err.message; }
    });
    li.append(del);
    return li;
  }));
}

el.addCanned.addEventListener('submit', async (event) => {
  event.preventDefault();
  el.addCannedError.textContent = '';
  const shortcut = $('canned-shortcut').value.trim();
  const text = $('canned-text').value.trim();
  try {
    await api('POST', 'canned', { shortcut, text });
    $('canned-shortcut').value = '';
    $('canned-text').value = '';
    await loadCanned();
    renderCannedManage();
    $('canned-shortcut').focus();
  } catch (err) {
    // What was typed stays, with the reason.
    if (err.status !== 401) el.addCannedError.textContent = err.message;
  }
});

// ---- Files ----

const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];
const blobs = new Map(); // file URL -> blob: URL

/** A file's address: the API gives it relative to /api/v1/. */
const fileUrl = (a) => new URL(`../${a.url}`, API);

/** Fetches a file with the agent key (its address alone opens nothing). */
async function fileBlob(a) {
  const url = String(fileUrl(a));
  if (!blobs.has(url)) {
    const res = await fetch(url);
    if (!res.ok) throw new ApiError(res.status, tl('file-not-fetched', { status: res.status }));
    blobs.set(url, URL.createObjectURL(await res.blob()));
  }
  return blobs.get(url);
}

function fileSize(bytes) {
  const kb = bytes / 1000;
  return kb < 1000 ? `${Math.max(0.1, kb).toFixed(kb < 10 ? 1 : 0)} kB` : `${(kb / 1000).toFixed(1)} MB`;
}

/** Images shown (the name as their text alternative); every file a download link. */
function renderFiles(list) {
  const box = make('div', 'msg__files');
  for (const a of list) {
    if (!a || typeof a.url !== 'string' || typeof a.name !== 'string') continue;
    if (IMAGE_TYPES.includes(a.type)) {
      const img = make('img', 'msg__image', { alt: a.name });
      img.hidden = true;
      fileBlob(a).then((src) => { img.src = src; img.hidden = false; }).catch(() => img.remove());
      box.append(img);
    }
    const link = make('a', 'msg__file', { href: String(fileUrl(a)), download: a.name, 'data-testid': 'file' });
    link.append(make('bdi', '', {}, a.name), ` (${fileSize(Number(a.size) || 0)})`);
    link.addEventListener('click', async (event) => {
      event.preventDefault();
      try {
        const save = make('a', '', { href: await fileBlob(a), download: a.name });
        save.click();
      } catch (err) { showError(err.message); }
    });
    box.append(link);
  }
  return box;
}

const UPLOAD_ERRORS = () => ({
  413: 'file-too-large', 415: 'file-type-refused', 422: 'file-content-mismatch',
});

/** Uploads the picked files to conversation `id`; their ids, in order. */
async function uploadFiles(id) {
  const ids = [];
  for (const file of el.files.files) {
    const url = new URL(path(id, `files?name=${encodeURIComponent(file.name)}`), API);
    const res = await fetch(url, { method: 'POST', headers: authHeaders('POST'), body: file })
      .catch(() => { throw new ApiError(0, tl('cannot-reach-the-server-check-the-connection-and')); });
    if (!res.ok) throw new ApiError(res.status, tl(UPLOAD_ERRORS()[res.status] || 'file-refused', { name: file.name, status: res.status }));
    ids.push((await res.json()).id);
  }
  return ids;
}

function onMessageEvent({ conversation, message }) {
  if (!message || typeof message !== 'object' || typeof conversation !== 'string') return;
  const s = state.conversations.get(conversation);
  const kind = message.author?.kind;
  // Keep the row fresh even if the matching `conversation` event is late or lost.
  if (s && message.seq > (s.head_seq || 0)) {
    upsertSummary({
      ...s, head_seq: message.seq, updated_at: Math.max(s.updated_at || 0, message.at || 0),
      last_message: { author: kind, text: message.text, at: message.at },
      visitor_typing: kind === 'visitor' ? false : s.visitor_typing,
    }, true);
  }
  if (conversation !== state.selected) return;
  // A gap means an event was missed; the store has it.
  if (!state.loading && message.seq > state.lastSeq + 1) loadMessages(conversation, state.lastSeq).catch(() => {});
  addMessage(message);
}

// ---- Read state ----
// The visitor sees "Seen" once the agent has read their message: the console says so whenever
// the selected conversation is on screen with something new in it. The agent sees "Seen by the
// visitor" under the last support message the visitor has seen.

const readPosted = new Map(); // conversation id -> seq last reported
let readTimer = 0;

// Once a page of history or a burst of messages has gone in, not per message.
function reportRead() {
  clearTimeout(readTimer);
  readTimer = setTimeout(postRead, 300);
}

function postRead() {
  const id = state.selected;
  if (!id || document.hidden || !state.me || state.lastSeq <= (readPosted.get(id) || 0)) return;
  readPosted.set(id, state.lastSeq);
  api('POST', path(id, 'read'), { seq: state.lastSeq }).catch(() => readPosted.delete(id));
}

document.addEventListener('visibilitychange', reportRead);

function onReadEvent({ conversation, seq }) {
  const s = state.conversations.get(conversation);
  if (!s || !Number.isInteger(seq) || seq <= (s.visitor_read_seq || 0)) return;
  state.conversations.set(conversation, { ...s, visitor_read_seq: seq });
  if (conversation === state.selected) renderSeen();
}

/** Moves "Seen" under the last support-side message the visitor has seen. */
function renderSeen() {
  el.log.querySelector('.msg__seen')?.remove();
  const read = state.conversations.get(state.selected)?.visitor_read_seq || 0;
  const seen = [...el.log.children]
    .filter((c) => c.dataset.author !== 'visitor' && c.dataset.author !== 'note' && Number(c.dataset.seq) <= read).pop();
  if (seen) seen.append(make('p', 'msg__seen', { 'data-testid': 'seen' }, tl('seen-by-the-visitor')));
}

function onTypingEvent({ conversation, on }) {
  const s = state.conversations.get(conversation);
  if (s) upsertSummary({ ...s, visitor_typing: Boolean(on) }, false);
  else if (conversation === state.selected) el.typing.textContent = on ? tl('visitor-is-typing') : '';
}

el.resolve.addEventListener('click', async () => {
  const id = state.selected;
  if (!id || state.busy) return;
  const status = state.conversations.get(id)?.status === 'resolved' ? 'open' : 'resolved';
  // Not `disabled`: disabling the focused button would drop keyboard focus.
  state.busy = true;
  el.resolve.setAttribute('aria-disabled', 'true');
  try {
    await api('POST', path(id, 'status'), { status });
    const cur = state.conversations.get(id);
    if (cur) upsertSummary({ ...cur, status }, false);
    if (id === state.selected) showError();
  } catch (err) {
    if (id === state.selected && err.status !== 401) showError(err.message);
  } finally {
    state.busy = false;
    el.resolve.removeAttribute('aria-disabled');
  }
});

el.takeover.addEventListener('click', async () => {
  const id = state.selected;
  if (!id || state.busy) return;
  state.busy = true;
  el.takeover.setAttribute('aria-disabled', 'true');
  try {
    await api('POST', path(id, 'join'), {});
    const cur = state.conversations.get(id);
    if (cur) upsertSummary({ ...cur, stage: 'agent', agent: state.me?.name, waiting_since: undefined }, false);
    if (id === state.selected) { showError(); el.reply.focus(); }
  } catch (err) {
    if (id === state.selected && err.status !== 401) showError(err.message);
  } finally {
    state.busy = false;
    el.takeover.removeAttribute('aria-disabled');
  }
});

// ---- Replying ----

el.form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const id = state.selected;
  const text = el.reply.value.trim();
  const picked = el.files.files.length;
  if (!id || (!text && !picked) || state.sending) return;
  const p = state.pending;
  if (!p || p.conversation !== id || p.text !== text) state.pending = { conversation: id, text, clientId: newId() };
  const clientId = state.pending.clientId;
  state.sending = true;
  el.send.setAttribute('aria-disabled', 'true');
  stopTyping();
  try {
    // The files first; the reply then names them.
    const attachments = picked ? await uploadFiles(id) : [];
    const message = await api('POST', path(id, 'messages'), { text, client_id: clientId, attachments });
    if (state.pending?.clientId === clientId) state.pending = null;
    state.drafts.delete(id);
    if (id === state.selected) {
      showError();
      // The agent may have kept typing while the request was in flight.
      if (el.reply.value.trim() === text) el.reply.value = '';
      el.files.value = '';
      addMessage(message);
    }
  } catch (err) {
    // The text stays in the textarea (or the draft) so nothing the agent wrote is lost.
    if (id === state.selected && err.status !== 401) showError(tl('not-sent', { reason: err.message }));
  } finally {
    state.sending = false;
    el.send.removeAttribute('aria-disabled');
  }
});

el.reply.addEventListener('keydown', (event) => {
  // While an IME is composing (Persian, Arabic, CJK input), Enter picks a candidate.
  if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
  event.preventDefault();
  // "/refund" and Enter takes the canned reply; it is never sent as it stands.
  const canned = el.cannedSuggest.hidden ? null : cannedMatches()[0];
  if (canned) { useCanned(canned); return; }
  el.send.click();
});

const typing = { on: false, conversation: null, lastSentAt: 0, idleTimer: 0 };

el.reply.addEventListener('input', () => {
  if (!state.selected) return;
  clearTimeout(typing.idleTimer);
  if (!el.reply.value.trim()) { stopTyping(); return; }
  const now = Date.now();
  if (!typing.on || typing.conversation !== state.selected || now - typing.lastSentAt >= TYPING_EVERY_MS) {
    Object.assign(typing, { on: true, conversation: state.selected, lastSentAt: now });
    postTyping(state.selected, true);
  }
  typing.idleTimer = setTimeout(stopTyping, TYPING_IDLE_MS);
});

function stopTyping(keepalive = false) {
  clearTimeout(typing.idleTimer);
  if (!typing.on) return;
  typing.on = false;
  if (state.me) postTyping(typing.conversation, false, keepalive);
}

function postTyping(id, on, keepalive = false) {
  api('POST', path(id, 'typing'), { on }, { keepalive }).catch(() => {});
}

// ---- Team & tokens ----
// Everyone: their API tokens. Admins: the accounts (add, disable, enable) and the audit log.

const when = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
const ROLE_LABELS = () => ({ admin: tl('admin'), agent: tl('agent') });

function openTeam() {
  closeStream();
  el.app.hidden = el.figures.hidden = true;
  el.team.hidden = false;
  el.openTeam.setAttribute('aria-expanded', 'true');
  el.teamError.textContent = '';
  el.newToken.hidden = true;
  const admin = state.me?.role === 'admin';
  el.teamAdmin.hidden = el.auditSection.hidden = !admin;
  el.teamTitle.focus();
  loadTeam().catch((err) => { if (err.status !== 401) el.teamError.textContent = err.message; });
}

function closeTeam() {
  el.team.hidden = true;
  el.app.hidden = false;
  el.openTeam.setAttribute('aria-expanded', 'false');
  openStream();
  el.openTeam.focus();
}

async function loadTeam() {
  const admin = state.me?.role === 'admin';
  const [tokens, accounts, audit] = await Promise.all([
    api('GET', 'tokens'), admin ? api('GET', 'agents') : null, admin ? api('GET', 'audit') : null,
  ]);
  renderTokens(Array.isArray(tokens) ? tokens : []);
  await loadCanned();
  renderCannedManage();
  if (Array.isArray(accounts)) renderAccounts(accounts);
  if (Array.isArray(audit)) renderAudit(audit);
}

function renderAccounts(list) {
  el.accounts.replaceChildren(...list.map((a) => {
    const tr = make('tr', '', { 'data-testid': 'account' });
    const status = a.disabled ? tl('disabled') : tl('active');
    tr.append(make('td', '', { dir: 'auto' }, String(a.name ?? '')), make('td', '', {}, String(a.email ?? '')),
      make('td', '', {}, ROLE_LABELS()[a.role] || tl('agent')), make('td', '', {}, status));
    const actions = make('td');
    if (a.id !== state.me?.id) {
      const button = make('button', 'button button--secondary', { type: 'button' }, a.disabled ? tl('enable') : tl('disable'));
      button.setAttribute('aria-label', tl(a.disabled ? 'enable-name' : 'disable-name', { name: a.name }));
      button.addEventListener('click', async () => {
        try {
          await api('POST', `agents/${encodeURIComponent(a.id)}`, { disabled: !a.disabled });
          await loadTeam();
          // The row was rebuilt: keep the focus on this account's button.
          [...el.accounts.querySelectorAll('button')].find((b) => b.getAttribute('aria-label')?.endsWith(` ${a.name}`))?.focus();
        } catch (err) { if (err.status !== 401) el.teamError.textContent = err.message; }
      });
      actions.append(button);
    }
    tr.append(actions);
    return tr;
  }));
}

function renderTokens(list) {
  el.tokens.replaceChildren(...list.map((t) => {
    const li = make('li', 'tokens__item', { 'data-testid': 'token' });
    const used = t.last_used_at ? tl('last-used', { when: when.format(new Date(t.last_used_at)) }) : tl('never-used');
    li.append(make('span', 'tokens__label', { dir: 'auto' }, String(t.label ?? '')),
      make('span', 'hint', {}, ` ${tl('token-made', { when: when.format(new Date(t.created_at)), used })} `));
    const revoke = make('button', 'button button--secondary', { type: 'button', 'aria-label': tl('revoke-label', { label: t.label }) }, tl('revoke'));
    revoke.addEventListener('click', async () => {
      try {
        await api('DELETE', `tokens/${encodeURIComponent(t.id)}`);
        await loadTeam();
        el.tokenLabel.focus();
      } catch (err) { if (err.status !== 401) el.teamError.textContent = err.message; }
    });
    li.append(revoke);
    return li;
  }));
}

const AUDIT_LABELS = () => ({
  sign_in: tl('signed-in'), sign_in_failed: tl('sign-in-failed'), sign_in_limited: tl('sign-in-held-back-too-many-attempts'),
  sign_in_refused: tl('sign-in-refused-disabled'), sign_out: tl('signed-out'), agent_created: tl('added-an-account'),
  agent_disabled: tl('disabled-an-account'), agent_enabled: tl('enabled-an-account'), token_created: tl('made-an-api-token'),
  token_revoked: tl('revoked-an-api-token'), join: tl('took-a-conversation'), resolve: tl('resolved'), reopen: tl('reopened'),
  canned_saved: tl('saved-a-canned-reply'), canned_deleted: tl('deleted-a-canned-reply'),
  claim: tl('claimed-a-conversation'), transfer: tl('transferred-a-conversation'), unassign: tl('put-a-conversation-back-in-the-queue'),
  export: tl('exported'),
});

function renderAudit(list) {
  el.audit.replaceChildren(...list.map((e) => {
    const tr = make('tr', '', { 'data-testid': 'audit-entry' });
    const time = make('time', '', { datetime: new Date(e.at).toISOString() }, when.format(new Date(e.at)));
    const at = make('td');
    at.append(time);
    tr.append(at, make('td', '', {}, String(e.agent ?? '—')), make('td', '', {}, AUDIT_LABELS()[e.action] || String(e.action)),
      make('td', '', { dir: 'auto' }, String(e.target ?? '')), make('td', '', {}, String(e.ip ?? '')));
    return tr;
  }));
}

el.openTeam.addEventListener('click', openTeam);
el.closeTeam.addEventListener('click', closeTeam);

el.addAccount.addEventListener('submit', async (event) => {
  event.preventDefault();
  const field = (id) => $(id).value;
  const body = { name: field('new-name').trim(), email: field('new-email').trim(), password: field('new-password'), role: field('new-role') };
  el.addAccountError.textContent = '';
  try {
    await api('POST', 'agents', body);
    // Added: the form empties for the next one (what was typed stays if it failed).
    for (const id of ['new-name', 'new-email', 'new-password']) $(id).value = '';
    await loadTeam();
    $('new-name').focus();
  } catch (err) {
    if (err.status !== 401) el.addAccountError.textContent = err.message;
  }
});

el.addToken.addEventListener('submit', async (event) => {
  event.preventDefault();
  const label = el.tokenLabel.value.trim();
  if (!label) { el.teamError.textContent = tl('say-what-will-use-the-token'); el.tokenLabel.focus(); return; }
  try {
    const made = await api('POST', 'tokens', { label });
    el.tokenLabel.value = '';
    el.newTokenValue.value = made.token;
    el.newToken.hidden = false;
    el.newTokenValue.focus();
    el.newTokenValue.select();
    await loadTeam();
  } catch (err) {
    if (err.status !== 401) el.teamError.textContent = err.message;
  }
});

// ---- Figures ----
// The period's figures, computed by the server in SQL: two charts drawn here as SVG (nothing
// from another site), with every number also in a table, and the CSV to download.

const SVG = 'http://www.w3.org/2000/svg';
const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);

function svg(tag, attrs = {}, text = '') {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text) node.textContent = text;
  return node;
}

function duration(ms) {
  if (ms === null || ms === undefined) return '—';
  const s = Math.round(ms / 1000);
  if (s < 60) return tl('seconds', { s: num(s) });
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? tl('minutes-seconds', { m: num(m), s: num(s % 60) }) : tl('minutes', { m: num(m) });
  const h = Math.floor(m / 60);
  return m % 60 ? tl('hours-minutes', { h: num(h), m: num(m % 60) }) : tl('hours', { h: num(h) });
}

const percent = (v) => (v === null || v === undefined ? '—' : new Intl.NumberFormat(lang, { style: 'percent' }).format(v / 100));

function openFigures() {
  closeStream();
  el.app.hidden = el.team.hidden = true;
  el.figures.hidden = false;
  el.openFigures.setAttribute('aria-expanded', 'true');
  if (!el.figuresTo.value) {
    const today = Date.now();
    el.figuresTo.value = isoDay(today);
    el.figuresFrom.value = isoDay(today - 6 * 86400000);
  }
  el.figuresTitle.focus();
  loadFigures();
}

function closeFigures() {
  el.figures.hidden = true;
  el.app.hidden = false;
  el.openFigures.setAttribute('aria-expanded', 'false');
  openStream();
  el.openFigures.focus();
}

function periodQuery() {
  return `from=${encodeURIComponent(el.figuresFrom.value)}&to=${encodeURIComponent(el.figuresTo.value)}`;
}

async function loadFigures() {
  el.figuresError.textContent = '';
  try {
    const f = await api('GET', `figures?${periodQuery()}`);
    if (f && typeof f === 'object') renderFigures(f);
  } catch (err) {
    if (err.status !== 401) el.figuresError.textContent = err.message;
  }
}

function figureCells(r, label) {
  const tr = make('tr');
  tr.append(make('th', '', { scope: 'row', dir: 'auto' }, label), make('td', '', {}, String(r.conversations)),
    make('td', '', {}, String(r.tickets)), make('td', '', {}, duration(r.first_response_ms)),
    make('td', '', {}, duration(r.resolution_ms)), make('td', '', {}, r.rated ? tl('csat-of', { csat: percent(r.csat), rated: num(r.rated) }) : '—'));
  return tr;
}

function renderFigures(f) {
  const o = f.overall || {};
  const facts = [
    ['conversations', num(o.conversations ?? 0)], ['tickets', num(o.tickets ?? 0)],
    ['mean-first-response', duration(o.first_response_ms)], ['mean-resolution', duration(o.resolution_ms)],
    ['csat', o.rated ? tl('csat-ratings', { csat: percent(o.csat), satisfied: num(o.satisfied), rated: num(o.rated) }) : tl('no-ratings')],
  ];
  el.figuresOverall.replaceChildren(...facts.flatMap(([k, v]) => {
    const div = make('div', 'figures__fact');
    div.append(make('dt', '', {}, tl(k)), make('dd', '', { 'data-testid': `figure-${k}` }, v));
    return [div];
  }));
  const days = Array.isArray(f.days) ? f.days : [];
  el.figuresDays.replaceChildren(...days.map((d) => figureCells(d, String(d.label))));
  el.figuresAgents.replaceChildren(...(Array.isArray(f.agents) ? f.agents : []).map((a) => figureCells(a, String(a.label))));
  drawBars(el.chartVolume, 'chart-volume-title', days, [
    { key: 'conversations', label: tl('conversations'), className: 'bar--a' }, { key: 'tickets', label: tl('tickets'), className: 'bar--b' },
  ], (v) => String(v));
  drawBars(el.chartResponse, 'chart-response-title', days, [
    { key: 'first_response_ms', label: tl('mean-first-response'), className: 'bar--a', scale: 1 / 60000 },
  ], (v) => (v ? v.toFixed(1) : '0'));
}

/** A bar chart of `series` over `rows` (one group of bars a row), labelled for screen readers
 * by its caption; the table below it has the same numbers. */
function drawBars(box, titleId, rows, series, format) {
  const width = 640, height = 220, left = 40, bottom = 28, top = 12;
  const values = rows.map((r) => series.map((s) => (Number(r[s.key]) || 0) * (s.scale || 1)));
  const max = Math.max(1, ...values.flat());
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': titleId, class: 'chart__svg' });
  // Axis: zero and the top value.
  for (const v of [0, max]) {
    const y = top + (height - top - bottom) * (1 - v / max);
    chart.append(svg('line', { x1: left, x2: width, y1: y, y2: y, class: 'chart__grid' }));
    chart.append(svg('text', { x: left - 6, y: y + 4, 'text-anchor': 'end', class: 'chart__label' }, format(v)));
  }
  const slot = (width - left) / Math.max(1, rows.length);
  const barWidth = Math.max(2, (slot * 0.7) / series.length);
  rows.forEach((r, i) => {
    series.forEach((s, j) => {
      const v = values[i][j];
      const h = (height - top - bottom) * (v / max);
      const x = left + i * slot + slot * 0.15 + j * barWidth;
      const bar = svg('rect', { x, y: height - bottom - h, width: barWidth, height: h, class: `bar ${s.className}` });
      bar.append(svg('title', {}, `${r.label}: ${s.label} ${format(v)}`));
      chart.append(bar);
    });
    if (rows.length <= 14 || i % Math.ceil(rows.length / 14) === 0) {
      chart.append(svg('text', { x: left + i * slot + slot / 2, y: height - 8, 'text-anchor': 'middle', class: 'chart__label' },
        String(r.label).slice(5)));
    }
  });
  const legend = make('p', 'chart__legend');
  for (const s of series) {
    const key = make('span', `chart__key ${s.className}`);
    key.setAttribute('aria-hidden', 'true');
    legend.append(key, ` ${s.label} `);
  }
  box.replaceChildren(chart, legend);
}

el.openFigures.addEventListener('click', openFigures);
el.closeFigures.addEventListener('click', closeFigures);
el.figuresPeriod.addEventListener('submit', (event) => { event.preventDefault(); loadFigures(); });
el.figuresCsv.addEventListener('click', async () => {
  el.figuresError.textContent = '';
  try {
    const res = await fetch(new URL(`figures?${periodQuery()}&format=csv`, API), { cache: 'no-store' });
    if (!res.ok) throw new ApiError(res.status, await refusal(res));
    const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') || '')?.[1] || 'salam-figures.csv';
    const link = make('a', '', { href: URL.createObjectURL(await res.blob()), download: name });
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 60000);
  } catch (err) {
    el.figuresError.textContent = err.message;
  }
});

// ---- Page lifecycle ----

el.signinForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const email = el.email.value.trim();
  const password = el.password.value;
  if (!email) { el.signinError.textContent = tl('enter-your-e-mail-address'); el.email.focus(); return; }
  if (!password) { el.signinError.textContent = tl('enter-your-password'); el.password.focus(); return; }
  if (el.signinSubmit.getAttribute('aria-disabled')) return;
  el.signinSubmit.setAttribute('aria-disabled', 'true');
  try {
    const res = await fetch(new URL('session', API), {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password }),
    });
    if (!res.ok) {
      el.signinError.textContent = await refusal(res);
      el.password.select();
      el.password.focus();
      return;
    }
    const { agent, csrf } = await res.json();
    signIn(agent, csrf, true);
  } catch {
    el.signinError.textContent = tl('cannot-reach-the-server-check-the-connection-and');
  } finally {
    el.signinSubmit.removeAttribute('aria-disabled');
  }
});

el.signout.addEventListener('click', () => signOut(''));

// Leaving must not leave the visitor watching "Sara is typing…" for ever, and an open
// stream keeps the page out of the back/forward cache.
window.addEventListener('pagehide', () => { stopTyping(true); reportPresence('offline', true); closeStream(); });
window.addEventListener('pageshow', (event) => { if (event.persisted && state.me) { openStream(); reportPresence(); } });
window.addEventListener('online', () => { if (state.me && !source) { attempt = 0; openStream(); } });

el.lang.addEventListener('change', () => {
  // Everything the page shows, its dates and numbers too, in the new language: a reload does it
  // (the session's cookie keeps the agent signed in).
  storage.set('localStorage', LANG_STORE, el.lang.value);
  location.reload();
});

(async function start() {
  await loadTexts();
  applyTexts();
  el.presence.value = storage.get('localStorage', PRESENCE_STORE) === 'away' ? 'away' : 'online';
  // Still signed in (the session's cookie)? Then straight in.
  try {
    const res = await fetch(new URL('me', API), { cache: 'no-store' });
    if (res.ok) {
      const { agent, csrf } = await res.json();
      if (agent && csrf) { signIn(agent, csrf, false); return; }
    }
  } catch { /* offline: the form says so when used */ }
  signOut('', true);
})();
