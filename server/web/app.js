// Storyline web app: a dependency-free single-page app over the JSON API of `storyline serve`.
//
// Runs under a strict Content-Security-Policy (no inline script or style, no eval), so every
// node is built with createElement / createElementNS and every text from the API is set with
// textContent: nothing the server sends is ever parsed as HTML.
//
// Routes (hash routing, so the server only serves "/"):
//   #/?since=&until=&outlet=&q=&sort=   stories, newest (or largest) first, with filters and "More"
//   #/story/{id}                  one story: brief, entities, timeline, outlets, provenance
//   #/copy/{articleId}            a copy beside its original, changes highlighted
//   #/search?q=&articles=0|1      full-text search over stories or articles
//   #/article/{id}                one article with its reused passages highlighted
'use strict';

(() => {
  const API = 'api/';
  const PAGE_SIZE = 20;
  const POLL_MS = 5000;
  const GRAPH_CAP = 300;
  const KINDS = ['person', 'organization', 'place', 'other'];
  const SVG_NS = 'http://www.w3.org/2000/svg';

  // ---------------------------------------------------------------- DOM helpers

  // h('a', {href: '#/', class: 'x', testid: 'y', on: {click: fn}}, 'text', node, [more])
  // Strings become text nodes; null/undefined/false children are skipped.
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    setAttrs(el, attrs);
    append(el, children);
    return el;
  }

  function s(tag, attrs, ...children) {
    const el = document.createElementNS(SVG_NS, tag);
    setAttrs(el, attrs);
    append(el, children);
    return el;
  }

  function setAttrs(el, attrs) {
    if (!attrs) return;
    for (const [key, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (key === 'class') el.setAttribute('class', value);
      else if (key === 'testid') el.setAttribute('data-testid', value);
      else if (key === 'on') for (const [ev, fn] of Object.entries(value)) el.addEventListener(ev, fn);
      else if (key === 'text') el.textContent = value;
      else el.setAttribute(key, value === true ? '' : String(value));
    }
  }

  function append(el, children) {
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }

  function clear(el) {
    while (el.firstChild) el.removeChild(el.firstChild);
  }

  // Only plain strings are shown; anything else from the API (objects where strings were
  // expected, "… and N more" entries where objects were expected) is handled by the callers.
  const str = (v) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));
  const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
  const arr = (v) => (Array.isArray(v) ? v : []);
  const num = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const plural = (n, one, many) => `${n} ${n === 1 ? one : many || `${one}s`}`;
  const pct = (v) => (num(v) === null ? '' : `${Math.round(v * 100)}%`);
  const enc = encodeURIComponent;

  const storyHref = (id) => `#/story/${enc(str(id))}`;
  const articleHref = (id) => `#/article/${enc(str(id))}`;
  const copyHref = (id) => `#/copy/${enc(str(id))}`;

  // Only http(s) URLs from the data become links.
  function safeUrl(raw) {
    try {
      const u = new URL(str(raw));
      return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
    } catch {
      return null;
    }
  }

  // ---------------------------------------------------------------- dates

  // Dates are shown in UTC: timeline entries are calendar dates without a zone, and article
  // times are stored in UTC, so one zone keeps "Friday 20 March" the same everywhere.
  const fmtDay = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const fmtDayShort = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const fmtDayLong = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const fmtTime = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' });
  const fmtClock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

  function parseDate(v) {
    if (typeof v !== 'string' || !v) return null;
    const d = new Date(/^\d{4}-\d\d-\d\d$/.test(v) ? `${v}T00:00:00Z` : v);
    return Number.isNaN(d.getTime()) ? null : d;
  }

  function timeEl(v, fmt = fmtDay) {
    const d = parseDate(v);
    if (!d) return h('span', { class: 'muted' }, 'date unknown');
    return h('time', { datetime: str(v), title: d.toISOString() }, fmt.format(d));
  }

  // "20 Mar – 21 Mar 2026", "20 Mar 2026", or "date unknown".
  function spanEl(first, last) {
    const a = parseDate(first);
    const b = parseDate(last);
    if (!a && !b) return h('span', { class: 'muted' }, 'date unknown');
    if (!a || !b || fmtDay.format(a) === fmtDay.format(b)) return timeEl(a ? first : last);
    const sameYear = a.getUTCFullYear() === b.getUTCFullYear();
    return h('span', { class: 'span' }, timeEl(first, sameYear ? fmtDayShort : fmtDay), ' – ', timeEl(last));
  }

  // ---------------------------------------------------------------- API

  class ApiError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  async function api(path, options = {}) {
    let res;
    try {
      res = await fetch(API + path, { headers: { Accept: 'application/json' }, cache: 'no-store', ...options });
    } catch (e) {
      throw new ApiError(0, 'Could not reach the Storyline server. Check that it is running, then try again.');
    }
    let body = null;
    try {
      body = await res.json();
    } catch {
      body = null;
    }
    if (!res.ok) {
      const msg = isObj(body) && typeof body.error === 'string' && body.error ? body.error : res.statusText || 'request failed';
      throw new ApiError(res.status, msg);
    }
    if (body === null) throw new ApiError(res.status, 'The server sent a response that is not JSON.');
    return body;
  }

  // ---------------------------------------------------------------- text with marks

  const encoder = new TextEncoder();
  const decoder = new TextDecoder();

  // Splits `text` at UTF-8 byte ranges. marks: [{begin, end, ...}] in bytes; invalid,
  // out-of-range or overlapping marks are skipped, offsets inside a character are moved to its
  // start. Returns [{text, mark|null}] covering the whole text.
  function segmentByBytes(text, marks) {
    const bytes = encoder.encode(str(text));
    const n = bytes.length;
    const atBoundary = (i) => {
      let k = Math.max(0, Math.min(n, i));
      while (k > 0 && k < n && (bytes[k] & 0xc0) === 0x80) k--;
      return k;
    };
    const clean = arr(marks)
      .filter((m) => isObj(m) && num(m.begin) !== null && num(m.end) !== null)
      .map((m) => ({ m, begin: atBoundary(m.begin), end: atBoundary(m.end) }))
      .filter((x) => x.end > x.begin)
      .sort((x, y) => x.begin - y.begin || y.end - x.end);
    const out = [];
    let pos = 0;
    for (const x of clean) {
      if (x.begin < pos) continue;
      if (x.begin > pos) out.push({ text: decoder.decode(bytes.subarray(pos, x.begin)), mark: null });
      out.push({ text: decoder.decode(bytes.subarray(x.begin, x.end)), mark: x.m });
      pos = x.end;
    }
    if (pos < n) out.push({ text: decoder.decode(bytes.subarray(pos)), mark: null });
    return out;
  }

  // Renders segments as paragraphs (split on blank lines). makeMark(segmentText, mark) returns
  // the node for a marked piece; a mark that spans a paragraph break is split in two.
  function paragraphs(segments, makeMark) {
    const frag = document.createDocumentFragment();
    let p = h('p');
    const flush = () => {
      if (p.textContent.trim()) frag.append(p);
      p = h('p');
    };
    for (const seg of segments) {
      const parts = seg.text.split(/\n[ \t]*\n\s*/);
      parts.forEach((part, i) => {
        if (i > 0) flush();
        if (!part) return;
        p.append(seg.mark ? makeMark(part, seg.mark) : document.createTextNode(part));
      });
    }
    flush();
    return frag;
  }

  // Search snippets wrap matched words in [ and ]; they become <mark> without parsing HTML.
  // An unmatched bracket stays as text.
  function snippetNodes(snippet) {
    const text = str(snippet);
    const nodes = [];
    let pos = 0;
    while (pos < text.length) {
      const open = text.indexOf('[', pos);
      const close = open < 0 ? -1 : text.indexOf(']', open + 1);
      if (open < 0 || close < 0) {
        nodes.push(text.slice(pos));
        break;
      }
      if (open > pos) nodes.push(text.slice(pos, open));
      nodes.push(h('mark', null, text.slice(open + 1, close)));
      pos = close + 1;
    }
    return nodes;
  }

  // ---------------------------------------------------------------- page chrome

  const main = () => document.getElementById('main');
  let routeSeq = 0;
  let firstRender = true;

  function setTitle(t) {
    document.title = t ? `${t} · Storyline` : 'Storyline';
  }

  function loading(what) {
    const m = main();
    m.setAttribute('aria-busy', 'true');
    clear(m);
    m.append(h('p', { class: 'loading', role: 'status' }, `Loading ${what}…`));
  }

  function show(...nodes) {
    const m = main();
    clear(m);
    append(m, nodes);
    m.removeAttribute('aria-busy');
    // Move focus to the new page's heading after an in-app navigation (not on first load), so
    // keyboard and screen-reader users start at the top of what changed.
    if (!firstRender) {
      const h1 = m.querySelector('h1');
      if (h1) {
        h1.setAttribute('tabindex', '-1');
        h1.focus({ preventScroll: true });
      }
      window.scrollTo(0, 0);
    }
    firstRender = false;
  }

  function errorBox(err, heading = 'Something went wrong') {
    const status = err instanceof ApiError ? err.status : 0;
    const title = status === 404 ? 'Not found' : status === 400 ? 'That request was not understood'
      : status >= 500 ? 'The server had a problem' : heading;
    return h('section', { class: 'error', role: 'alert', testid: 'error' },
      h('h2', null, title),
      h('p', null, str(err && err.message) || 'Unknown error.'),
      status ? h('p', { class: 'muted small' }, `HTTP ${status}`) : null);
  }

  function showError(err, heading) {
    setTitle('Error');
    const box = errorBox(err, heading);
    const h1 = h('h1', null, box.firstChild.textContent);
    box.firstChild.remove();
    show(h1, box, h('p', null, h('a', { href: '#/' }, '← Back to stories')));
  }

  function setNav(name) {
    for (const a of document.querySelectorAll('[data-nav]')) {
      if (a.getAttribute('data-nav') === name) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
  }

  // ---------------------------------------------------------------- status polling

  const status = { batches: null, atLoad: null, data: null, busy: false };
  let onBatchesChanged = null; // set by the stories view while it is shown

  function showNotice(nodes, timeoutMs) {
    const box = document.getElementById('notice');
    clear(box);
    append(box, nodes);
    box.hidden = false;
    clearTimeout(showNotice.timer);
    if (timeoutMs) showNotice.timer = setTimeout(() => { box.hidden = true; }, timeoutMs);
  }

  async function pollStatus() {
    if (status.busy) return;
    status.busy = true;
    try {
      const st = await api('status');
      status.data = st;
      const line = document.getElementById('status-line');
      line.textContent = [num(st.articles) !== null ? plural(st.articles, 'article') : null,
        num(st.stories) !== null ? plural(st.stories, 'story', 'stories') : null,
        num(st.copies) !== null ? plural(st.copies, 'copy', 'copies') : null].filter(Boolean).join(' · ');
      line.classList.remove('offline');
      const b = st.batches;
      if (status.batches !== null && b !== status.batches) {
        status.batches = b;
        outletsCache = null;
        if (onBatchesChanged) {
          await onBatchesChanged();
          showNotice([`Updated at ${fmtClock.format(new Date())}: new articles arrived.`], 8000);
        } else {
          showNotice(['New articles arrived. ',
            h('button', { type: 'button', class: 'link-button', on: { click: () => { document.getElementById('notice').hidden = true; route(); } } }, 'Refresh this page')]);
        }
      } else if (status.batches === null) {
        status.batches = b;
        if (status.atLoad === null) status.atLoad = b;
      }
    } catch (e) {
      const line = document.getElementById('status-line');
      line.textContent = 'Server unreachable';
      line.classList.add('offline');
    } finally {
      status.busy = false;
    }
  }

  function startPolling() {
    pollStatus();
    setInterval(() => { if (!document.hidden) pollStatus(); }, POLL_MS);
    window.addEventListener('focus', pollStatus);
    document.addEventListener('visibilitychange', () => { if (!document.hidden) pollStatus(); });
  }

  // ---------------------------------------------------------------- stories view

  let outletsCache = null;

  async function outletNames() {
    if (!outletsCache) {
      const data = await api('outlets');
      outletsCache = arr(data.outlets).filter(isObj).map((o) => str(o.outlet)).filter(Boolean);
    }
    return outletsCache;
  }

  function storyItem(st, fresh) {
    const summary = arr(st.summary).filter((x) => typeof x === 'string');
    const brief = summary.slice(0, 2).join(' ');
    const outlets = num(st.outlets);
    const size = num(st.size);
    const meta = [];
    if (outlets !== null) meta.push(plural(outlets, 'outlet'));
    if (size !== null) meta.push(plural(size, 'article'));
    return h('li', { class: fresh ? 'story-item fresh' : 'story-item', testid: 'story-item' },
      h('article', null,
        h('h2', { class: 'story-title' },
          h('a', { href: storyHref(st.story), testid: 'story-headline' }, str(st.headline) || '(no headline)')),
        h('p', { class: 'meta' }, meta.join(' · '), meta.length ? ' · ' : null, spanEl(st.first_date, st.last_date),
          fresh ? h('span', { class: 'badge' }, 'updated') : null),
        brief ? h('p', { class: 'brief-text' }, brief) : null));
  }

  async function viewStories(params, seq) {
    setNav('stories');
    setTitle('Stories');
    const filters = {
      since: params.get('since') || '',
      until: params.get('until') || '',
      outlet: params.get('outlet') || '',
      q: params.get('q') || '',
      sort: params.get('sort') === 'largest' ? 'largest' : '',
    };
    const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter stories' });
    const field = (label, input) => h('label', { class: 'field' }, h('span', null, label), input);
    const since = h('input', { type: 'date', name: 'since', value: filters.since });
    const until = h('input', { type: 'date', name: 'until', value: filters.until });
    const outlet = h('select', { name: 'outlet' }, h('option', { value: '' }, 'All outlets'));
    const q = h('input', { type: 'search', name: 'q', value: filters.q, placeholder: 'Headline or brief' });
    const sort = h('select', { name: 'sort', testid: 'sort' },
      h('option', { value: '', selected: !filters.sort }, 'Newest'),
      h('option', { value: 'largest', selected: filters.sort === 'largest' }, 'Largest'));
    form.append(field('Since', since), field('Until', until), field('Outlet', outlet), field('Text', q),
      field('Sort', sort),
      h('div', { class: 'form-actions' },
        h('button', { type: 'submit' }, 'Apply'),
        h('a', { href: '#/', class: 'button secondary' }, 'Clear')));
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const p = new URLSearchParams();
      for (const [k, el] of [['since', since], ['until', until], ['outlet', outlet], ['q', q], ['sort', sort]]) {
        if (el.value.trim()) p.set(k, el.value.trim());
      }
      const next = `#/${p.toString() ? `?${p}` : ''}`;
      if (location.hash === next) route(); else location.hash = next;
    });

    const list = h('ol', { class: 'story-list', testid: 'story-list', 'aria-live': 'off' });
    const footer = h('div', { class: 'list-footer' });
    const summaryLine = h('p', { class: 'muted small', 'aria-live': 'polite' });
    let cursor = null;
    let shown = new Set();

    const query = (extra) => {
      const p = new URLSearchParams();
      for (const [k, v] of Object.entries(filters)) if (v) p.set(k, v);
      for (const [k, v] of Object.entries(extra)) if (v !== null && v !== undefined) p.set(k, String(v));
      return `stories?${p}`;
    };

    const renderPage = (data, replace) => {
      const items = arr(data.stories).filter(isObj);
      const before = shown;
      if (replace) {
        clear(list);
        shown = new Set();
      }
      const frag = document.createDocumentFragment();
      for (const st of items) {
        const key = str(st.story);
        if (shown.has(key)) continue;
        shown.add(key);
        const fresh = (replace && before.size > 0 && !before.has(key)) ||
          (status.atLoad !== null && num(st.updated) !== null && st.updated > status.atLoad);
        frag.append(storyItem(st, fresh));
      }
      list.append(frag);
      cursor = typeof data.next_cursor === 'string' && data.next_cursor ? data.next_cursor : null;
      clear(footer);
      if (shown.size === 0) {
        footer.append(h('p', { class: 'empty' }, Object.values(filters).some(Boolean)
          ? 'No stories match these filters.' : 'No stories yet. Add articles and they will appear here.'));
      }
      if (cursor) footer.append(h('button', { type: 'button', class: 'more', on: { click: more } }, 'More stories'));
      summaryLine.textContent = shown.size ? `Showing ${plural(shown.size, 'story', 'stories')}${cursor ? ' (more available)' : ''}.` : '';
    };

    async function more(ev) {
      const btn = ev.currentTarget;
      btn.disabled = true;
      btn.textContent = 'Loading…';
      const count = shown.size;
      try {
        const data = await api(query({ limit: PAGE_SIZE, cursor }));
        renderPage(data, false);
        const next = list.querySelectorAll('[data-testid="story-headline"]')[count];
        if (next) next.focus();
      } catch (e) {
        clear(footer);
        footer.append(errorBox(e, 'Could not load more stories'),
          cursor ? h('button', { type: 'button', class: 'more', on: { click: more } }, 'Try again') : null);
      }
    }

    loading('stories');
    let first;
    try {
      const [data, names] = await Promise.all([
        api(query({ limit: PAGE_SIZE })),
        outletNames().catch(() => []),
      ]);
      first = data;
      for (const name of new Set([...names, filters.outlet].filter(Boolean))) {
        outlet.append(h('option', { value: name, selected: name === filters.outlet }, name));
      }
    } catch (e) {
      if (seq !== routeSeq) return;
      show(h('h1', null, 'Stories'), form, errorBox(e, 'Could not load stories'));
      return;
    }
    if (seq !== routeSeq) return;
    renderPage(first, true);
    show(h('h1', null, 'Stories'), form, summaryLine, list, footer);

    // New articles: reload what is shown (same filters, at least as many stories as now).
    onBatchesChanged = async () => {
      if (seq !== routeSeq) return;
      const limit = Math.min(Math.max(PAGE_SIZE, shown.size), 200);
      try {
        const data = await api(query({ limit }));
        if (seq === routeSeq) renderPage(data, true);
      } catch (e) {
        if (seq === routeSeq) { clear(footer); footer.append(errorBox(e, 'Could not refresh stories')); }
      }
    };
  }

  // ---------------------------------------------------------------- story view

  // Maps article id -> {source, title, date} from everything the story page knows.
  function articleIndex(story, listed) {
    const idx = new Map();
    const put = (id, info) => {
      if (typeof id !== 'string' || !id) return;
      idx.set(id, { ...(idx.get(id) || {}), ...Object.fromEntries(Object.entries(info).filter(([, v]) => v)) });
    };
    for (const o of arr(story.outlets).filter(isObj)) {
      for (const a of arr(o.articles).filter(isObj)) {
        put(a.id, { source: str(o.source), title: str(a.title) });
        for (const c of arr(a.copies).filter(isObj)) put(c.id, { source: str(c.source) });
      }
    }
    for (const c of arr(story.contributions).filter(isObj)) put(c.article, { source: str(c.source) });
    for (const a of arr(listed).filter(isObj)) put(a.id, { source: str(a.source), title: str(a.title), date: str(a.date) });
    return idx;
  }

  const outletLabel = (name) => (!name || name === '(unknown)' ? 'Unknown outlet' : name);

  function creditLink(idx, id, cls = 'credit') {
    const info = idx.get(str(id));
    if (!id) return null;
    const label = info && info.source ? outletLabel(info.source) : str(id);
    return h('a', { class: cls, href: articleHref(id), title: info && info.title ? info.title : `Article ${id}` }, label);
  }

  function moreNote(list) {
    const notes = arr(list).filter((x) => typeof x === 'string');
    return notes.length ? h('p', { class: 'muted small more-note' }, notes.join(' ')) : null;
  }

  function section(title, testid, ...body) {
    const id = `sec-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
    return h('section', { class: 'block', 'aria-labelledby': id, testid },
      h('h2', { id }, title), ...body);
  }

  function briefSection(story, idx) {
    const sentences = arr(story.summary);
    const sources = arr(story.summary_sources);
    const p = h('p', { class: 'brief' });
    // A run of sentences from one article gets one credit, after its last sentence.
    sentences.forEach((sent, i) => {
      if (typeof sent !== 'string') return;
      p.append(h('span', { class: 'sentence' }, sent), ' ');
      if (str(sources[i]) === str(sources[i + 1]) && typeof sentences[i + 1] === 'string') return;
      const credit = creditLink(idx, sources[i]);
      if (credit) p.append(credit, ' ');
    });
    if (!p.textContent.trim()) p.append(h('span', { class: 'muted' }, 'No brief for this story yet.'));
    return section('Brief', 'brief', p);
  }

  function entitySection(story) {
    const entities = arr(story.entities);
    const items = entities.filter(isObj);
    if (!items.length) return null;
    const legend = h('ul', { class: 'legend', 'aria-label': 'Entity kinds' },
      KINDS.map((k) => h('li', null, h('span', { class: `swatch kind-${k}`, 'aria-hidden': 'true' }), k)));
    const chips = h('ul', { class: 'chips' }, items.map((e) => {
      const kind = KINDS.includes(e.kind) ? e.kind : 'other';
      const details = [kind];
      if (num(e.mentions) !== null) details.push(plural(e.mentions, 'mention'));
      if (num(e.outlets) !== null) details.push(`in ${plural(e.outlets, 'outlet')}`);
      const aliases = arr(e.aliases).filter((a) => typeof a === 'string');
      if (aliases.length) details.push(`also: ${aliases.join(', ')}`);
      return h('li', { class: `chip kind-${kind}`, testid: 'entity-chip', title: details.join(', ') },
        h('span', { class: 'visually-hidden' }, `${kind}: `),
        str(e.name),
        num(e.outlets) !== null ? h('span', { class: 'chip-count', 'aria-label': `in ${plural(e.outlets, 'outlet')}` }, String(e.outlets)) : null);
    }));
    return section('People, organizations and places', 'entities', legend, chips, moreNote(entities));
  }

  function timelineSection(story, idx) {
    const entries = arr(story.timeline);
    const items = entries.filter(isObj);
    if (!items.length) return section('Timeline', 'timeline', h('p', { class: 'muted' }, 'No dated events found.'));
    const list = h('ol', { class: 'timeline' }, items.map((t) => h('li', null,
      h('div', { class: 'when' }, timeEl(t.date, fmtDayLong),
        t.relative ? h('span', { class: 'inferred', title: 'Date worked out from words such as “Friday” and the article date' }, 'inferred') : null),
      h('div', { class: 'what' }, str(t.text), ' ', creditLink(idx, t.article)))));
    return section('Timeline', 'timeline', list, moreNote(entries));
  }

  function copyItem(c) {
    const bits = [];
    const ch = isObj(c.changes) ? c.changes : {};
    const words = arr(ch.words).filter(isObj).length;
    const added = arr(ch.added).length;
    const dropped = arr(ch.dropped).length;
    if (words) bits.push(plural(words, 'word change'));
    if (added) bits.push(`${plural(added, 'sentence')} added`);
    if (dropped) bits.push(`${plural(dropped, 'sentence')} dropped`);
    const swaps = arr(ch.words).filter(isObj).slice(0, 4).map((w) => `${str(w.from) || '∅'} → ${str(w.to) || '∅'}`);
    return h('li', { class: 'copy' },
      h('span', { class: 'copy-source' }, outletLabel(str(c.source))), ' ',
      h('span', { class: `kind kind-copy-${str(c.kind) || 'unknown'}` }, `${str(c.kind) || 'copy'}`),
      num(c.similarity) !== null ? h('span', { class: 'similarity' }, ` ${pct(c.similarity)} similar`) : null,
      ' · ', h('a', { href: copyHref(c.id), testid: 'copy-link' }, 'compare'),
      ' · ', h('a', { href: articleHref(c.id) }, 'article'),
      bits.length ? h('div', { class: 'muted small' }, bits.join(', '), swaps.length ? ` (${swaps.join('; ')}${words > 4 ? '; …' : ''})` : '') : null);
  }

  function outletsSection(story) {
    const outlets = arr(story.outlets);
    const contributions = new Map();
    for (const c of arr(story.contributions).filter(isObj)) contributions.set(str(c.article), c);
    const list = h('ul', { class: 'outlets' });
    for (const o of outlets) {
      if (!isObj(o)) continue;
      const arts = arr(o.articles);
      const items = h('ul', { class: 'originals' });
      for (const a of arts) {
        if (!isObj(a)) continue;
        const copies = arr(a.copies);
        const copyObjs = copies.filter(isObj);
        const contrib = contributions.get(str(a.id));
        const unique = contrib ? arr(contrib.unique).filter((x) => typeof x === 'string') : [];
        items.append(h('li', { class: 'original' },
          h('a', { href: articleHref(a.id) }, str(a.title) || str(a.id)),
          copyObjs.length ? h('details', { class: 'copies' },
            h('summary', null, `${plural(copyObjs.length, 'copy', 'copies')}: `,
              [...new Set(copyObjs.map((c) => outletLabel(str(c.source))))].slice(0, 3).join(', '),
              copyObjs.length > 3 ? ', …' : ''),
            h('ul', null, copyObjs.map(copyItem)), moreNote(copies)) : null,
          unique.length ? h('details', { class: 'unique' },
            h('summary', null, `Only here: ${plural(unique.length, 'sentence')}`),
            h('ul', null, unique.map((u) => h('li', null, u)))) : null));
      }
      const more = moreNote(arts);
      list.append(h('li', { class: 'outlet' },
        h('h3', null, outletLabel(str(o.source)), ' ', h('span', { class: 'muted small' }, plural(arts.filter(isObj).length, 'original'))),
        items, more));
    }
    return section('Outlets', 'outlets',
      h('p', { class: 'muted small' }, 'Each outlet’s own articles; copies other outlets made of them are folded underneath.'),
      list, moreNote(outlets));
  }

  // Provenance graph: one row per outlet, x = time; solid arrows original → copy, dashed arrows
  // for passages reused from an earlier article.
  function provenanceSection(data) {
    const all = arr(data && data.articles).filter(isObj);
    const nodes = all.slice(0, GRAPH_CAP);
    const total = Math.max(num(data && data.total) || 0, all.length);
    if (!nodes.length) return null;

    const rows = [];
    for (const a of nodes) if (!rows.includes(str(a.source))) rows.push(str(a.source));
    const times = nodes.map((a) => parseDate(a.date)).filter(Boolean).map((d) => d.getTime());
    const t0 = times.length ? Math.min(...times) : 0;
    const t1 = times.length ? Math.max(...times) : 0;
    const hasUndated = nodes.some((a) => !parseDate(a.date));

    // Fills the page width; a story with many articles scrolls sideways instead of crowding.
    const labelW = 150;
    const rowH = 36;
    const room = (main().clientWidth || window.innerWidth) - 60 - labelW - (hasUndated ? 60 : 0);
    const plotW = Math.max(240, room, Math.min(6000, nodes.length * 14));
    const undatedW = hasUndated ? 60 : 0;
    const width = labelW + plotW + undatedW + 20;
    const height = rows.length * rowH + 40;
    const xOf = (a) => {
      const d = parseDate(a.date);
      if (!d) return labelW + plotW + undatedW / 2 + 10;
      if (t1 === t0) return labelW + plotW / 2;
      return labelW + 10 + ((d.getTime() - t0) / (t1 - t0)) * (plotW - 20);
    };
    const pos = new Map();
    const lastX = new Map();
    for (const a of nodes) {
      const row = rows.indexOf(str(a.source));
      let x = xOf(a);
      // Nudge nodes of one outlet that would sit on top of each other.
      if (lastX.has(row) && x - lastX.get(row) < 12) x = lastX.get(row) + 12;
      lastX.set(row, x);
      pos.set(str(a.id), { x, y: 20 + row * rowH + rowH / 2, a });
    }

    const titleId = 'provenance-title';
    const svg = s('svg', { class: 'provenance-graph', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-labelledby': titleId });
    const copies = nodes.filter((a) => a.duplicate_of && pos.has(str(a.duplicate_of))).length;
    svg.append(s('title', { id: titleId }, `Provenance of ${plural(nodes.length, 'article')} from ${plural(rows.length, 'outlet')}: ${plural(copies, 'copy', 'copies')}`));
    svg.append(s('defs', null,
      s('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
        s('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrow-head' })),
      s('marker', { id: 'arrow-reuse', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
        s('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrow-head reuse' }))));

    rows.forEach((name, i) => {
      const y = 20 + i * rowH + rowH / 2;
      svg.append(s('line', { x1: labelW, x2: width - 10, y1: y, y2: y, class: 'row-line' }));
      const label = outletLabel(name);
      svg.append(s('text', { x: labelW - 8, y: y + 4, 'text-anchor': 'end', class: 'row-label' },
        label.length > 20 ? `${label.slice(0, 19)}…` : label, s('title', null, label)));
    });
    if (times.length) {
      const y = height - 8;
      svg.append(s('text', { x: labelW + 10, y, class: 'axis-label' }, fmtTime.format(new Date(t0))));
      if (t1 !== t0) svg.append(s('text', { x: labelW + plotW - 10, y, 'text-anchor': 'end', class: 'axis-label' }, fmtTime.format(new Date(t1))));
    }
    if (hasUndated) svg.append(s('text', { x: labelW + plotW + undatedW / 2 + 10, y: height - 8, 'text-anchor': 'middle', class: 'axis-label' }, 'no date'));

    const r = 6;
    const edge = (from, to, cls, marker) => {
      const dx = to.x - from.x;
      const dy = to.y - from.y;
      const len = Math.hypot(dx, dy) || 1;
      const ux = dx / len;
      const uy = dy / len;
      // A curve keeps arrows between nodes of one row off the row line.
      const mx = (from.x + to.x) / 2 - uy * 14;
      const my = (from.y + to.y) / 2 + ux * 14 - (dy === 0 ? 10 : 0);
      return s('path', {
        d: `M${(from.x + ux * r).toFixed(1)},${(from.y + uy * r).toFixed(1)} Q${mx.toFixed(1)},${my.toFixed(1)} ${(to.x - ux * (r + 1)).toFixed(1)},${(to.y - uy * (r + 1)).toFixed(1)}`,
        class: cls, 'marker-end': `url(#${marker})`,
      });
    };
    const edges = s('g', { class: 'edges' });
    for (const a of nodes) {
      const to = pos.get(str(a.id));
      const orig = pos.get(str(a.duplicate_of));
      if (orig) edges.append(edge(orig, to, 'edge copy-edge', 'arrow'));
      for (const src of arr(a.reused_from)) {
        const from = pos.get(str(isObj(src) ? src.article : src));
        if (from) edges.append(edge(from, to, 'edge reuse-edge', 'arrow-reuse'));
      }
    }
    svg.append(edges);
    for (const { x, y, a } of pos.values()) {
      const cls = a.duplicate_of ? 'node copy-node' : 'node';
      const desc = `${str(a.title) || str(a.id)} — ${outletLabel(str(a.source))}${a.duplicate_of ? `, ${str(a.duplicate_kind) || ''} copy of ${str(a.duplicate_of)}` : ''}`;
      svg.append(s('a', { href: articleHref(a.id), class: 'node-link', 'aria-label': desc },
        s('circle', { cx: x.toFixed(1), cy: y.toFixed(1), r, class: cls }, s('title', null, desc))));
    }

    const legend = h('ul', { class: 'legend' },
      h('li', null, h('span', { class: 'swatch node-swatch', 'aria-hidden': 'true' }), 'original'),
      h('li', null, h('span', { class: 'swatch node-swatch copy', 'aria-hidden': 'true' }), 'copy'),
      h('li', null, h('span', { class: 'line-swatch', 'aria-hidden': 'true' }), 'copied from'),
      h('li', null, h('span', { class: 'line-swatch dashed', 'aria-hidden': 'true' }), 'reused a passage'));
    return section('Provenance', 'provenance', legend,
      h('div', { class: 'graph-scroll' }, svg),
      total > nodes.length ? h('p', { class: 'muted small' }, `and ${total - nodes.length} more`) : null);
  }

  async function viewStory(id, seq) {
    setNav('stories');
    loading('story');
    let story;
    let listed = null;
    try {
      [story, listed] = await Promise.all([
        api(`stories/${enc(id)}`),
        api(`stories/${enc(id)}/articles?limit=${GRAPH_CAP}`).catch(() => null),
      ]);
    } catch (e) {
      if (seq === routeSeq) showError(e, 'Could not load the story');
      return;
    }
    if (seq !== routeSeq) return;
    if (!isObj(story)) { showError(new ApiError(0, 'The story has an unexpected shape.')); return; }
    const canonical = str(story.story);
    let merged = null;
    if (canonical && canonical !== id) {
      merged = h('p', { class: 'note' }, `Story ${id} was merged into this story.`);
      history.replaceState(null, '', storyHref(canonical));
    }
    const headline = str(story.headline) || '(no headline)';
    setTitle(headline);
    const idx = articleIndex(story, listed && listed.articles);
    const counts = [];
    if (num(story.size) !== null) counts.push(plural(story.size, 'article'));
    if (num(story.originals) !== null) counts.push(plural(story.originals, 'original'));
    const outletCount = arr(story.outlets).filter(isObj).length;
    if (outletCount) counts.push(plural(outletCount, 'outlet'));
    const aliases = arr(story.aliases).filter((a) => typeof a === 'string' || typeof a === 'number');

    show(
      h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, h('a', { href: '#/' }, '← Stories')),
      h('h1', { testid: 'story-headline' }, headline),
      h('p', { class: 'meta' }, spanEl(story.first_date, story.last_date), counts.length ? ` · ${counts.join(' · ')}` : '',
        aliases.length ? ` · also story ${aliases.join(', ')}` : ''),
      merged,
      h('div', { class: 'story-grid' },
        h('div', { class: 'col-main' }, briefSection(story, idx), timelineSection(story, idx)),
        h('div', { class: 'col-side' }, entitySection(story))),
      outletsSection(story),
      listed ? provenanceSection(listed) : section('Provenance', 'provenance', h('p', { class: 'muted' }, 'The article list could not be loaded.')));
  }

  // ---------------------------------------------------------------- copy view

  async function viewCopy(id, seq) {
    setNav('stories');
    loading('comparison');
    let data;
    try {
      data = await api(`articles/${enc(id)}/copy`);
    } catch (e) {
      if (seq === routeSeq) showError(e, 'Could not load the comparison');
      return;
    }
    if (seq !== routeSeq) return;
    const copy = isObj(data.copy) ? data.copy : {};
    const orig = isObj(data.original) ? data.original : {};
    const marks = isObj(data.marks) ? data.marks : {};
    const copySegs = segmentByBytes(copy.text, marks.copy);
    const origSegs = segmentByBytes(orig.text, marks.original);
    const changedCopy = copySegs.filter((x) => x.mark && x.mark.kind === 'changed');
    const changedOrig = origSegs.filter((x) => x.mark && x.mark.kind === 'changed');
    // The marks come in text order on both sides; when both sides have the same number of
    // changes they pair up, so each change can say what it replaced.
    const paired = changedCopy.length === changedOrig.length;
    const partner = new Map();
    if (paired) changedCopy.forEach((x, i) => { partner.set(x.mark, changedOrig[i].text); partner.set(changedOrig[i].mark, x.text); });

    const makeMark = (side) => (text, m) => {
      const kind = ['changed', 'added', 'dropped'].includes(m.kind) ? m.kind : 'changed';
      const attrs = { class: kind };
      if (kind === 'changed') {
        attrs.testid = 'changed';
        if (partner.has(m)) attrs.title = side === 'copy' ? `original: “${partner.get(m)}”` : `copy: “${partner.get(m)}”`;
      } else {
        attrs.title = kind === 'added' ? 'sentence only in the copy' : 'sentence the copy dropped';
      }
      return h('mark', attrs, text);
    };
    const count = (segs, kind) => segs.filter((x) => x.mark && x.mark.kind === kind).length;
    const stats = [plural(changedCopy.length, 'changed passage'),
      `${plural(count(copySegs, 'added'), 'passage')} added`, `${plural(count(origSegs, 'dropped'), 'passage')} dropped`];

    const column = (side, a, segs, heading) => h('section', { class: `compare-col ${side}`, 'data-side': side, 'aria-labelledby': `col-${side}` },
      h('h2', { id: `col-${side}` }, heading, ': ', outletLabel(str(a.source))),
      h('p', { class: 'meta' }, h('a', { href: articleHref(a.id) }, str(a.title) || str(a.id)), ' · ', timeEl(a.date, fmtTime)),
      h('div', { class: 'article-body' }, paragraphs(segs, makeMark(side))));

    const title = str(copy.title) || str(copy.id);
    setTitle(`Compare: ${title}`);
    const swaps = paired && changedCopy.length
      ? h('details', { class: 'swaps' }, h('summary', null, `Word changes (${changedCopy.length})`),
        h('ol', null, changedCopy.map((x, i) => h('li', null, h('del', null, changedOrig[i].text), ' → ', h('ins', null, x.text)))))
      : null;

    show(
      h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, h('a', { href: articleHref(copy.id) }, '← Article')),
      h('h1', null, 'Copy compared with its original'),
      h('p', { class: 'meta' },
        h('span', { class: `kind kind-copy-${str(data.kind) || 'unknown'}` }, `${str(data.kind) || 'unknown'} copy`),
        num(data.similarity) !== null ? ` · ${pct(data.similarity)} similar` : '', ' · ', stats.join(', ')),
      h('ul', { class: 'legend', 'aria-label': 'Highlight legend' },
        h('li', null, h('mark', { class: 'changed' }, 'changed words'), ' differ between the two'),
        h('li', null, h('mark', { class: 'added' }, 'added'), ' only in the copy'),
        h('li', null, h('mark', { class: 'dropped' }, 'dropped'), ' left out by the copy')),
      swaps,
      h('div', { class: 'compare', testid: 'copy-view' },
        column('copy', copy, copySegs, 'Copy'),
        column('original', orig, origSegs, 'Original')));
  }

  // ---------------------------------------------------------------- search view

  async function viewSearch(params, seq) {
    setNav('search');
    const q = params.get('q') || '';
    const articles = params.get('articles') === '1';
    setTitle(q ? `Search: ${q}` : 'Search');
    const input = h('input', { type: 'search', name: 'q', value: q, id: 'search-q', required: true, placeholder: 'e.g. river flood' });
    const toggle = h('input', { type: 'checkbox', name: 'articles', id: 'search-articles', checked: articles });
    const form = h('form', { class: 'search-form', role: 'search', testid: 'search-form' },
      h('label', { for: 'search-q', class: 'field grow' }, h('span', null, 'Search for'), input),
      h('label', { for: 'search-articles', class: 'check' }, toggle, ' Articles instead of stories'),
      h('button', { type: 'submit' }, 'Search'));
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const p = new URLSearchParams({ q: input.value.trim(), articles: toggle.checked ? '1' : '0' });
      const next = `#/search?${p}`;
      if (location.hash === next) route(); else location.hash = next;
    });
    const heading = h('h1', null, 'Search');
    if (!q.trim()) {
      show(heading, form, h('p', { class: 'muted' }, 'Search the briefs and headlines of stories, or the full text of articles.'));
      if (!firstRender) input.focus();
      return;
    }
    loading('results');
    let data;
    try {
      data = await api(`search?${new URLSearchParams({ q, articles: articles ? '1' : '0', limit: '50' })}`);
    } catch (e) {
      if (seq === routeSeq) show(heading, form, errorBox(e, 'Search failed'));
      return;
    }
    if (seq !== routeSeq) return;
    const hits = arr(data.hits).filter(isObj);
    const list = h('ol', { class: 'results' }, hits.map((hit) => {
      const isArticle = articles || (hit.id !== undefined && hit.id !== null);
      const href = isArticle ? articleHref(hit.id) : storyHref(hit.story);
      const title = str(isArticle ? hit.title : hit.headline) || (isArticle ? str(hit.id) : `Story ${str(hit.story)}`);
      return h('li', { class: 'result', testid: 'search-result' },
        h('h2', { class: 'result-title' }, h('a', { href }, title)),
        isArticle ? h('p', { class: 'meta' }, outletLabel(str(hit.source)), ' · ', timeEl(hit.date),
          hit.story !== undefined && hit.story !== null ? [' · ', h('a', { href: storyHref(hit.story) }, 'story')] : null) : null,
        hit.snippet ? h('p', { class: 'snippet' }, snippetNodes(hit.snippet)) : null);
    }));
    show(heading, form,
      h('p', { class: 'muted small', role: 'status' }, hits.length ? `${plural(hits.length, 'result')} for “${q}”` : `No ${articles ? 'articles' : 'stories'} match “${q}”.`),
      list);
  }

  // ---------------------------------------------------------------- article view

  async function viewArticle(id, seq) {
    setNav('stories');
    loading('article');
    let a;
    try {
      a = await api(`articles/${enc(id)}`);
    } catch (e) {
      if (seq === routeSeq) showError(e, 'Could not load the article');
      return;
    }
    if (seq !== routeSeq) return;
    const title = str(a.title) || '(untitled)';
    setTitle(title);

    // Reused passages, each linked to the article it came from.
    const marks = [];
    const reused = arr(a.reused_from).filter(isObj);
    for (const r of reused) {
      for (const p of arr(r.passages).filter(isObj)) marks.push({ begin: p.begin, end: p.end, source: r });
    }
    const segs = segmentByBytes(a.text, marks);
    const body = h('div', { class: 'article-body', testid: 'article-text' },
      paragraphs(segs, (text, m) => h('a', { class: 'reused-link', href: articleHref(m.source.article), title: `Reused from ${outletLabel(str(m.source.source))}: ${str(m.source.title)}` },
        h('mark', { class: 'reused' }, text))));
    if (!body.textContent.trim()) body.append(h('p', { class: 'muted' }, 'This article has no text.'));

    const url = safeUrl(a.url);
    const facts = h('dl', { class: 'facts' });
    const fact = (k, ...v) => facts.append(h('dt', null, k), h('dd', null, ...v));
    fact('Outlet', outletLabel(str(a.source)));
    fact('Published', timeEl(a.date, fmtTime));
    if (url) fact('Source', h('a', { href: url, rel: 'noopener noreferrer nofollow', class: 'url' }, url));
    else if (a.url) fact('Source', h('span', { class: 'url' }, str(a.url)));
    let storyLink = null;
    if (a.story !== undefined && a.story !== null) {
      storyLink = h('a', { href: storyHref(a.story) }, `Story ${str(a.story)}`);
      fact('Story', storyLink);
    }
    let origLink = null;
    if (a.duplicate_of) {
      origLink = h('a', { href: articleHref(a.duplicate_of) }, str(a.duplicate_of));
      fact('Copy of', origLink, ` (${str(a.duplicate_kind) || 'copy'}${num(a.similarity) !== null ? `, ${pct(a.similarity)} similar` : ''}) · `,
        h('a', { href: copyHref(a.id), testid: 'copy-link' }, 'compare'));
    }
    const copies = arr(a.copies).filter(isObj);
    if (copies.length) {
      fact('Copies', h('ul', { class: 'plain' }, copies.map((c) => h('li', null,
        h('a', { href: articleHref(c.id) }, outletLabel(str(c.source)) || str(c.id)), ` (${str(c.kind) || 'copy'}) · `,
        h('a', { href: copyHref(c.id), testid: 'copy-link' }, 'compare')))));
    }
    if (reused.length) {
      fact('Reuses', h('ul', { class: 'plain' }, reused.map((r) => h('li', null,
        h('a', { href: articleHref(r.article) }, str(r.title) || str(r.article)), ` — ${outletLabel(str(r.source))}`,
        num(r.coverage) !== null ? ` (${pct(r.coverage)} of this text)` : ''))));
    }

    show(
      h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' },
        a.story !== undefined && a.story !== null ? h('a', { href: storyHref(a.story) }, '← Story') : h('a', { href: '#/' }, '← Stories')),
      h('article', { class: 'article' },
        h('h1', null, title),
        facts,
        reused.length ? h('p', { class: 'legend-line small' }, h('mark', { class: 'reused' }, 'Highlighted'), ' passages were reused from earlier articles; each links to its source.') : null,
        body));

    // Names for the links above, fetched after the page is shown; failures keep the ids.
    if (a.story !== undefined && a.story !== null) {
      api(`stories/${enc(str(a.story))}`).then((st) => {
        if (seq === routeSeq && isObj(st) && st.headline) storyLink.textContent = str(st.headline);
      }).catch(() => {});
    }
    if (origLink) {
      api(`articles/${enc(str(a.duplicate_of))}`).then((o) => {
        if (seq === routeSeq && isObj(o) && o.title) origLink.textContent = `${str(o.title)} — ${outletLabel(str(o.source))}`;
      }).catch(() => {});
    }
  }

  // ---------------------------------------------------------------- router

  function route() {
    const hash = location.hash || '#/';
    if (!hash.startsWith('#/')) return; // in-page anchors are not routes
    const seq = ++routeSeq;
    onBatchesChanged = null;
    const q = hash.indexOf('?');
    const path = q < 0 ? hash.slice(1) : hash.slice(1, q);
    const params = new URLSearchParams(q < 0 ? '' : hash.slice(q + 1));
    const parts = path.split('/').filter(Boolean).map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        return p;
      }
    });
    let view;
    if (parts.length === 0 || (parts.length === 1 && parts[0] === 'stories')) view = viewStories(params, seq);
    else if (parts[0] === 'story' && parts.length === 2) view = viewStory(parts[1], seq);
    else if (parts[0] === 'copy' && parts.length === 2) view = viewCopy(parts[1], seq);
    else if (parts[0] === 'article' && parts.length === 2) view = viewArticle(parts[1], seq);
    else if (parts[0] === 'search' && parts.length === 1) view = viewSearch(params, seq);
    else {
      setNav('');
      showError(new ApiError(0, `There is no page at “${hash}”.`), 'Not found');
      return;
    }
    view.catch((e) => {
      // A bug in a view must still leave a readable page.
      if (seq === routeSeq) showError(new ApiError(0, `The page could not be shown: ${e && e.message ? e.message : e}`));
    });
  }

  function start() {
    document.querySelector('.skip-link')?.addEventListener('click', (ev) => {
      ev.preventDefault();
      main().focus();
    });
    window.addEventListener('hashchange', route);
    route();
    startPolling();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
