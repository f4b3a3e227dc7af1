#!/usr/bin/env node
// Headless-browser test of the Storyline web app (server/web) against a running server.
//
//   node app_test.mjs --base http://127.0.0.1:PORT --token TOKEN --out DIR [--chromium PATH]
//
// The server must hold a store built from examples/corpus.jsonl (scenario c needs a story with a
// near copy). Scenario e adds one article through POST /api/articles, so the store changes.
// Prints one line per scenario and exits 0 only when all pass; screenshots go to DIR.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import puppeteer from 'puppeteer-core';

const { values: opts } = parseArgs({
  options: {
    base: { type: 'string' },
    token: { type: 'string', default: process.env.STORYLINE_TOKEN || '' },
    out: { type: 'string', default: 'artifacts' },
    chromium: { type: 'string', default: process.env.CHROMIUM || '/usr/bin/chromium' },
    timeout: { type: 'string', default: '10000' },
  },
});
if (!opts.base) {
  console.log('usage: node app_test.mjs --base http://127.0.0.1:PORT --token TOKEN --out DIR [--chromium PATH]');
  process.exit(2);
}
const BASE = opts.base.replace(/\/+$/, '');
const OUT = path.resolve(opts.out);
const WAIT = Number(opts.timeout) || 10000;
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
fs.mkdirSync(OUT, { recursive: true });

// Never hang a CI job: the whole run gets a hard limit.
const watchdog = setTimeout(() => {
  console.log('browser test: gave up after 240 s');
  process.exit(1);
}, 240_000);

// ---------------------------------------------------------------- browser

let browser;
try {
  if (!fs.existsSync(opts.chromium)) throw new Error(`${opts.chromium} does not exist (set --chromium or CHROMIUM)`);
  const args = ['--disable-dev-shm-usage', '--no-first-run', '--no-default-browser-check', '--disable-extensions'];
  if (typeof process.getuid === 'function' && process.getuid() === 0) args.push('--no-sandbox');
  browser = await puppeteer.launch({ executablePath: opts.chromium, headless: true, args, timeout: 30_000 });
} catch (e) {
  console.log(`browser test: Chromium could not start: ${String(e && e.message ? e.message : e).split('\n')[0]}`);
  process.exit(1);
}

const page = await browser.newPage();
await page.setViewport(DESKTOP);
page.setDefaultTimeout(WAIT);

// Console errors, page errors and CSP violations, tagged with the scenario that caused them.
// A scenario that provokes an error on purpose lists the URLs it expects to fail.
let current = 'setup';
let expectedFailures = [];
const problems = [];
page.on('console', (msg) => {
  if (msg.type() !== 'error') return;
  const where = (msg.location() && msg.location().url) || '';
  if (expectedFailures.some((u) => where.includes(u))) return;
  problems.push(`(${current}) console error: ${msg.text()}${where ? ` [${where}]` : ''}`);
});
page.on('pageerror', (err) => problems.push(`(${current}) page error: ${err && err.message ? err.message : err}`));
await page.exposeFunction('__reportCspViolation', (text) => problems.push(`(${current}) CSP violation: ${text}`));
await page.evaluateOnNewDocument(() => {
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__reportCspViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline code'} at ${e.sourceFile || '?'}:${e.lineNumber || '?'}`);
  });
});

// ---------------------------------------------------------------- helpers

const results = [];
async function scenario(key, name, fn) {
  current = key;
  try {
    const detail = await fn();
    results.push(true);
    console.log(`PASS (${key}) ${name}${detail ? `: ${detail}` : ''}`);
  } catch (e) {
    results.push(false);
    console.log(`FAIL (${key}) ${name}: ${String(e && e.message ? e.message : e).split('\n')[0]}`);
    await shot(`${key}-failure`).catch(() => {});
  } finally {
    expectedFailures = [];
  }
}

function check(cond, message) {
  if (!cond) throw new Error(message);
}

async function shot(name) {
  await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true });
}

// Opens a route of the app; a full load unless the app is already open (then only the hash).
async function open(hash, { reload = false } = {}) {
  if (reload) await page.goto('about:blank');
  const res = await page.goto(`${BASE}/${hash}`, { waitUntil: 'load' });
  return res;
}

async function api(p, init) {
  const res = await fetch(`${BASE}/api/${p}`, init);
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new Error(`${init && init.method ? init.method : 'GET'} /api/${p}: HTTP ${res.status} ${body && body.error ? body.error : ''}`);
  return body;
}

const texts = (sel) => page.$$eval(sel, (els) => els.map((e) => e.textContent.trim()));
const visible = (sel) => page.waitForSelector(sel, { visible: true });

// ---------------------------------------------------------------- scenarios

let cspHeader = null;

await scenario('a', 'stories list', async () => {
  const res = await open('', { reload: true });
  check(res && res.ok(), `GET / answered ${res ? res.status() : 'nothing'}`);
  cspHeader = res.headers()['content-security-policy'] || null;
  await visible('[data-testid="story-list"] [data-testid="story-item"]');
  const n = (await page.$$('[data-testid="story-item"]')).length;
  check(n >= 1, 'no story items');
  await shot('a-stories');
  return `${n} stories shown`;
});

await scenario('b', 'story page', async () => {
  await open('#/', { reload: true });
  await visible('[data-testid="story-item"] [data-testid="story-headline"]');
  const headline = (await texts('[data-testid="story-item"] [data-testid="story-headline"]'))[0];
  await Promise.all([
    page.waitForFunction(() => location.hash.startsWith('#/story/')),
    page.click('[data-testid="story-item"] [data-testid="story-headline"]'),
  ]);
  await visible('[data-testid="brief"]');
  const h1 = (await texts('h1'))[0];
  check(h1 === headline, `story page heading "${h1}" is not the clicked headline "${headline}"`);
  const brief = (await texts('[data-testid="brief"] .sentence')).join(' ');
  check(brief.length > 20, 'the brief is empty');
  const credits = (await page.$$('[data-testid="brief"] a.credit')).length;
  check(credits >= 1, 'no brief sentence is credited to an outlet');
  const chips = (await page.$$('[data-testid="entity-chip"]')).length;
  check(chips >= 1, 'no entity chips');
  await visible('[data-testid="timeline"]');
  const events = (await page.$$('[data-testid="timeline"] li')).length;
  check(events >= 1, 'the timeline has no entries');
  await visible('[data-testid="outlets"]');
  const outlets = (await page.$$('[data-testid="outlets"] .outlet')).length;
  check(outlets >= 1, 'no outlets listed');
  const nodes = (await page.$$('[data-testid="provenance"] svg circle')).length;
  check(nodes >= 1, 'the provenance graph has no nodes');
  await shot('b-story');
  await page.setViewport(PHONE);
  await visible('[data-testid="brief"]');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await shot('b-story-phone');
  await page.setViewport(DESKTOP);
  check(overflow <= 1, `the story page is ${overflow}px wider than a 390px phone screen`);
  return `"${headline}": ${chips} entity chips, ${events} timeline entries, ${outlets} outlets, ${nodes} graph nodes`;
});

await scenario('c', 'copy view', async () => {
  // Find a story with a near copy through the API, then reach the copy view through the UI.
  let found = null;
  let cursor = null;
  for (let pages = 0; pages < 20 && !found; pages++) {
    const list = await api(`stories?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    for (const st of list.stories || []) {
      if (!st || typeof st !== 'object' || (st.size || 0) < 2) continue;
      const full = await api(`stories/${encodeURIComponent(st.story)}`);
      for (const o of full.outlets || []) {
        for (const a of (o && o.articles) || []) {
          const near = ((a && a.copies) || []).find((c) => c && c.kind === 'near');
          if (near && !found) found = { story: full.story, copy: near.id };
        }
      }
      if (found) break;
    }
    cursor = list.next_cursor;
    if (!cursor) break;
  }
  check(found, 'no story with a near copy in the store (is it built from examples/corpus.jsonl?)');
  await open(`#/story/${encodeURIComponent(found.story)}`);
  const copyLink = `a[data-testid="copy-link"][href="#/copy/${encodeURIComponent(found.copy)}"]`;
  const link = `[data-testid="outlets"] ${copyLink}`;
  await page.waitForSelector(link).catch(() => {});
  const summary = await page.$(`[data-testid="outlets"] details:has(${copyLink}) > summary`);
  check(summary, `no copy link to ${found.copy} on story ${found.story}`);
  await summary.click();
  await visible(link);
  await Promise.all([page.waitForFunction(() => location.hash.startsWith('#/copy/')), page.click(link)]);
  await visible('[data-testid="copy-view"]');
  await visible('[data-testid="copy-view"] [data-side="copy"] mark[data-testid="changed"]');
  const copyMarks = await texts('[data-side="copy"] mark[data-testid="changed"]');
  const origMarks = await texts('[data-side="original"] mark[data-testid="changed"]');
  check(copyMarks.length >= 1 && origMarks.length >= 1, 'changed words are not marked on both sides');
  const norm = (t) => t.toLowerCase().replace(/\s+/g, ' ');
  check(norm(copyMarks[0]) !== norm(origMarks[0]), `first change reads "${copyMarks[0]}" on both sides`);
  // "At a glance": the mark must stand out from the text around it.
  const bg = await page.$eval('[data-side="copy"] mark[data-testid="changed"]', (m) => getComputedStyle(m).backgroundColor);
  check(bg && bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent', 'changed words have no highlight colour');
  await shot('c-copy');
  return `${found.copy} in story ${found.story}: ${copyMarks.length} changes, e.g. "${origMarks[0]}" → "${copyMarks[0]}"`;
});

await scenario('d', 'search', async () => {
  const word = 'river';
  await open('#/search');
  await visible('[data-testid="search-form"] input[name="q"]');
  await page.type('[data-testid="search-form"] input[name="q"]', word);
  await Promise.all([
    page.waitForFunction(() => location.hash.startsWith('#/search?')),
    page.keyboard.press('Enter'),
  ]);
  await visible('[data-testid="search-result"]');
  const n = (await page.$$('[data-testid="search-result"]')).length;
  const marks = await texts('[data-testid="search-result"] mark');
  check(marks.some((m) => m.toLowerCase().includes(word)), `no <mark> with "${word}" in the results`);
  const raw = (await texts('[data-testid="search-result"] .snippet')).join(' ');
  check(!/\[|\]/.test(raw), 'snippet still shows [ ] brackets');
  await shot('d-search');
  await Promise.all([
    page.waitForFunction(() => /^#\/(story|article)\//.test(location.hash)),
    page.click('[data-testid="search-result"] h2 a'),
  ]);
  await page.waitForSelector('[data-testid="brief"], [data-testid="article-text"]', { visible: true });
  const landed = await page.evaluate(() => location.hash);
  await shot('d-search-landing');
  return `${n} results, ${marks.length} marks; first result opened ${landed}`;
});

await scenario('e', 'new article appears without reload', async () => {
  check(opts.token, 'no --token given');
  const tag = Date.now().toString(36);
  const title = `Quillfeather Hollow launches solar ferry across Tamsin Lake (${tag})`;
  const record = {
    id: `browser-1-${tag}`,
    url: 'https://test.example/x',
    source: 'Browser Test Gazette',
    title,
    date: '2026-04-05T10:00:00Z',
    text: `QUILLFEATHER HOLLOW - The village of Quillfeather Hollow launched a solar-powered ferry across Tamsin Lake on Sunday, mayor Odalys Brennick said.\n\n`
      + `The ferry, named Lantern ${tag}, carries 40 passengers and replaces a diesel boat that ran for 31 years.\n\n`
      + `Brennick said the Tamsin Lake Authority paid for half of the $2.1 million vessel. Crossings start on Monday.`,
  };
  // Show only stories from the article's day: filters must survive the automatic refresh.
  await open('#/?since=2026-04-05', { reload: true });
  await page.waitForFunction(() => document.querySelector('[data-testid="story-list"]') && !document.querySelector('main[aria-busy="true"]'));
  await page.evaluate(() => { window.__notReloaded = true; });
  const before = await page.$$eval('[data-testid="story-item"] [data-testid="story-headline"]', (els) => els.map((a) => a.getAttribute('href')));
  const posted = await api('articles', {
    method: 'POST',
    headers: { Authorization: `Bearer ${opts.token}`, 'Content-Type': 'application/x-ndjson' },
    body: `${JSON.stringify(record)}\n`,
  });
  const result = (posted.results || [])[0] || {};
  check(result.status === 'added', `POST answered ${JSON.stringify(posted)}`);
  const storyHref = `#/story/${encodeURIComponent(result.story)}`;
  const t0 = Date.now();
  await page.waitForFunction((href) => [...document.querySelectorAll('[data-testid="story-item"] [data-testid="story-headline"]')]
    .some((a) => a.getAttribute('href') === href), { timeout: 20_000, polling: 250 }, storyHref)
    .catch(() => { throw new Error(`story ${result.story} did not appear within 20 s`); });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  check(await page.evaluate(() => window.__notReloaded === true), 'the page was reloaded');
  const headline = await page.$eval(`[data-testid="story-item"] [data-testid="story-headline"][href="${storyHref}"]`, (a) => a.textContent);
  // A story of its own is headed by the article's title; on a store that already holds an
  // earlier run's article the new one joins that story instead.
  if (!before.includes(storyHref) && !result.duplicate_of) check(headline.includes(tag), `the new story's headline is "${headline}", not the article's title`);
  check(await page.evaluate(() => location.hash.includes('since=2026-04-05')), 'the filter was lost');
  const notice = await page.$eval('#notice', (n) => (n.hidden ? '' : n.textContent));
  check(/updated/i.test(notice), 'no "updated" notice');
  await shot('e-new-article');
  return `story ${result.story} "${headline}" appeared after ${seconds} s`;
});

await scenario('i', 'article view: reused passages linked to their source', async () => {
  check(opts.token, 'no --token given');
  // A new article quoting two paragraphs of the flood story's wire original (a036) inside its
  // own text: a reused passage, not a copy.
  const source = await api('articles/a036');
  const paras = String(source.text).split('\n\n');
  check(paras.length >= 3, 'a036 has fewer than three paragraphs');
  const tag = Date.now().toString(36);
  const record = {
    id: `browser-reuse-${tag}`,
    url: `https://valleyview.example/${tag}`,
    source: 'Valley View',
    title: `A week after the flood, Ashford Falls counts the cost (${tag})`,
    date: '2026-04-03T09:00:00Z',
    text: 'Residents of the valley spent Monday clearing mud from basements and counting their losses, a week after the storm.\n\n'
      + 'In its first report on the flood, the wire service wrote:\n\n' + paras.slice(1, 3).join('\n\n')
      + '\n\nThe county board said it would meet on Thursday to discuss buying out the homes in the lowest streets, and the state promised money for the levee.',
  };
  const posted = await api('articles', {
    method: 'POST',
    headers: { Authorization: `Bearer ${opts.token}`, 'Content-Type': 'application/x-ndjson' },
    body: JSON.stringify(record),
  });
  const result = (posted.results || [])[0] || {};
  check(result.status === 'added' && !result.duplicate_of, `POST answered ${JSON.stringify(posted)}`);
  await open(`#/article/${encodeURIComponent(record.id)}`, { reload: true });
  await visible('[data-testid="article-text"]');
  await visible('[data-testid="article-text"] a.reused-link mark.reused');
  const links = await page.$$eval('[data-testid="article-text"] a.reused-link', (els) => els.map((a) => [a.getAttribute('href'), a.textContent]));
  check(links.some(([href]) => href === '#/article/a036'), `no reused passage links to a036: ${JSON.stringify(links).slice(0, 200)}`);
  const marked = links.map(([, t]) => t).join(' ');
  check(marked.includes(paras[1].slice(0, 40)), 'the marked text is not the quoted paragraph');
  check(!marked.includes('clearing mud'), 'the article\'s own words are marked as reused');
  await shot('i-article-reuse');
  return `${links.length} reused passage link(s), e.g. to ${links[0][0]}`;
});

await scenario('j', 'largest stories first', async () => {
  await open('#/', { reload: true });
  await visible('[data-testid="sort"]');
  await page.select('[data-testid="sort"]', 'largest');
  await Promise.all([
    page.waitForFunction(() => location.hash.includes('sort=largest')),
    page.click('form.filters button[type="submit"]'),
  ]);
  await page.waitForFunction(() => document.querySelector('[data-testid="story-list"]') && !document.querySelector('main[aria-busy="true"]'));
  const first = await page.$eval('[data-testid="story-item"] [data-testid="story-headline"]', (a) => a.getAttribute('href'));
  const largest = (await api('stories?sort=largest&limit=1')).stories[0];
  check(first === `#/story/${largest.story}`, `the first story is ${first}, not the largest (${largest.story})`);
  await shot('j-largest');
  return `first: story ${largest.story} (${largest.size} articles)`;
});

await scenario('h', 'error page', async () => {
  expectedFailures = ['/api/stories/987654321'];
  await open('#/story/987654321');
  await visible('[role="alert"]');
  const message = await page.$eval('[role="alert"]', (e) => e.innerText);
  check(message.length > 5, 'the error message is empty');
  await shot('h-error');
  return `"${message.replace(/\s+/g, ' ').slice(0, 80)}"`;
});

await scenario('g', 'keyboard reaches the first story', async () => {
  await open('#/', { reload: true });
  await visible('[data-testid="story-item"] [data-testid="story-headline"]');
  let presses = 0;
  let reached = false;
  while (presses < 60 && !reached) {
    await page.keyboard.press('Tab');
    presses++;
    reached = await page.evaluate(() => document.activeElement === document.querySelector('[data-testid="story-item"] [data-testid="story-headline"]'));
  }
  check(reached, 'Tab never focused the first story link');
  const outline = await page.evaluate(() => {
    const st = getComputedStyle(document.activeElement);
    return st.outlineStyle !== 'none' && parseFloat(st.outlineWidth) > 0 ? `${st.outlineWidth} ${st.outlineStyle}` : '';
  });
  check(outline, 'the focused story link has no visible focus outline');
  await shot('g-keyboard');
  return `${presses} Tab presses, focus outline ${outline}`;
});

current = 'f';
await scenario('f', 'no console errors or CSP violations', async () => {
  check(cspHeader, 'the page was served without a Content-Security-Policy header, so violations cannot be caught');
  check(problems.length === 0, `${problems.length} problem(s), listed below; first: ${problems[0] ? problems[0].slice(0, 200) : ''}`);
  return `CSP: ${cspHeader.slice(0, 40)}…`;
});

await browser.close();
clearTimeout(watchdog);
const passed = results.filter(Boolean).length;
console.log(`browser test: ${passed}/${results.length} scenarios passed; screenshots in ${OUT}`);
for (const p of [...new Set(problems)].slice(0, 20)) console.log(`  ${p.length > 300 ? `${p.slice(0, 300)}…` : p}`);
process.exit(passed === results.length ? 0 : 1);
