// The hostile corpus (crates/sps-sim/data/hostile.json, 70 payloads) in every field the
// dashboard shows, served by a second sim started with `--hostile`: chart labels,
// tooltips, chart tables and CSV (also on the dark wall through refresh rounds, and
// embedded), the sessions table, a session's properties, events,
// alerts and timeline, and the composer's value completion. Nothing may execute
// (the trap `window.__pwned` stays unset, no dialog, no navigation, no request off the
// app's origin), and the layout must hold (no horizontal page scroll, the 1 MB line
// is cut, not rendered whole).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures.mjs';
import { screenshots, watchErrors } from './helpers.mjs';
import { CSP } from '../csp.mjs';

const port = Number(process.env.E2E_PORT ?? 18089) + 7;
const origin = `http://127.0.0.1:${port}`;
const sim = process.env.SPS_SIM_BIN ?? '../../target/native/sps-sim';
const corpus = JSON.parse(readFileSync(new URL('../../../crates/sps-sim/data/hostile.json', import.meta.url))).payloads;
const CORPUS_SESSION = 'hostile-corpus';
// Characters that must never reach a label raw: C0/C1 controls, bidi embeddings,
// overrides and isolates, zero-width characters (they show as ⟨…⟩ markers instead).
const RAW_CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/u;
const PANELS = 'user.gateway_username;server.name;analytics.interesting_events;recording.connection_policy;analytics.tags;protocol';

let child;

test.beforeAll(async () => {
  // Under production's CSP, like every spec: a payload the policy blocks is a violation.
  child = spawn(sim, ['--listen', `127.0.0.1:${port}`, '--serve-dir', '../../dist', '--csp', CSP, '--no-auth', '--hostile',
    '--sessions', '400', '--days', '2', '--seed', '13',
    // Its own data directory: the main sim's index is never pruned to make room.
    '--data-dir', '../../target/sps-sim-data-hostile'], { stdio: 'ignore' });
  for (let i = 0; i < 120; i += 1) {
    try { if ((await fetch(`${origin}/config.json`)).ok) return; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the hostile sim did not start');
});

test.afterAll(async () => {
  child?.kill();
});

/** Everything that would show that a payload ran or leaked, collected while the page lives. */
function watchHostile(page) {
  const seen = { errors: watchErrors(page), dialogs: [], offOrigin: [], navigations: [] };
  page.on('dialog', async (d) => { seen.dialogs.push(d.message()); await d.dismiss(); });
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(`${origin}/`) && !/^(data|blob):/.test(url)) seen.offOrigin.push(url);
  });
  page.on('framenavigated', (f) => { if (!f.url().startsWith(`${origin}/`)) seen.navigations.push(f.url()); });
  return seen;
}

/** The trap: any payload that runs sets `__pwned` (on this window or a parent). */
async function trapFired(page) {
  return page.evaluate(() => window.__pwned !== undefined || window.__pwnedHits !== undefined);
}

/** Asserts nothing ran, loaded or broke the layout on the page as it is now. */
async function assertInert(page, seen, where) {
  expect(await trapFired(page), `${where}: the trap was set`).toBe(false);
  expect(page.url().startsWith(`${origin}/`), `${where}: navigated to ${page.url()}`).toBe(true);
  const dom = await page.evaluate(() => {
    const made = document.body.querySelectorAll('script, iframe, img, video, audio, object, embed, base, meta, style, math, form[action], a[href^="javascript" i]');
    const handlers = [...document.body.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on')));
    let longest = 0;
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walk.nextNode()) longest = Math.max(longest, walk.currentNode.data.length);
    return {
      made: [...made].map((e) => e.outerHTML.slice(0, 80)),
      handlers: handlers.map((e) => e.outerHTML.slice(0, 80)),
      longest,
      scrollWidth: document.documentElement.scrollWidth,
      width: window.innerWidth,
    };
  });
  expect(dom.made, `${where}: elements made of recorded text`).toEqual([]);
  expect(dom.handlers, `${where}: event-handler attributes`).toEqual([]);
  expect(dom.longest, `${where}: the longest text node`).toBeLessThan(20_000);
  expect(dom.scrollWidth, `${where}: horizontal page scroll`).toBeLessThanOrEqual(dom.width);
  expect(seen.dialogs, `${where}: dialogs`).toEqual([]);
  expect(seen.offOrigin, `${where}: requests off the app's origin`).toEqual([]);
  expect(seen.navigations, `${where}: navigations`).toEqual([]);
  expect(seen.errors, `${where}: console errors`).toEqual([]);
}

test.beforeEach(async ({ page }) => {
  // A setter that cannot be replaced: even `window.__pwned = 1` from a frame counts.
  await page.addInitScript(() => {
    Object.defineProperty(window, '__pwned', {
      configurable: false,
      get() { return window.__pwnedHits; },
      set(v) { window.__pwnedHits = (window.__pwnedHits ?? 0) + 1; },
    });
  });
});

test('the corpus is at least 50 payloads of every kind the issue names', () => {
  expect(corpus.length).toBeGreaterThanOrEqual(50);
  const kinds = new Set(corpus.map((p) => p.kind));
  for (const k of ['script', 'handler', 'url', 'svg', 'css', 'ansi', 'control', 'bidi', 'invisible', 'long', 'utf8']) {
    expect(kinds.has(k), k).toBe(true);
  }
});

test('the watchers hear what they watch for', async ({ page }) => {
  const seen = watchHostile(page);
  // A bare page of the app's origin without the CSP, which would block the probe below
  // before it became a request (the app's own pages are all under the policy).
  await page.route(`${origin}/watchers.html`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>w</title>' }));
  await page.goto(`${origin}/watchers.html`);
  await page.evaluate(() => { window.__pwned = 1; });
  expect(await trapFired(page)).toBe(true);
  await page.evaluate(() => { window.alert('x'); });
  expect(seen.dialogs).toEqual(['x']);
  await page.evaluate(() => fetch('http://evil.invalid/probe').catch(() => {}));
  await expect.poll(() => seen.offOrigin).toEqual(['http://evil.invalid/probe']);
});

test('overview: hostile top-N labels in charts, tooltips, tables and CSV stay inert', async ({ page }) => {
  const seen = watchHostile(page);
  const statsAnswer = page.waitForResponse((r) => /\/api\/audit\/sessions\/stats\?.*field=server.name/.test(r.url()) && r.status() === 200);
  // The top 50 server names, most of the corpus: which payloads rank first depends on
  // the generated data, so a top 10 may hold none with markup.
  const panels = PANELS.replace('server.name', 'server.name:50');
  await page.goto(`${origin}/?refresh=off&panels=${encodeURIComponent(panels)}`);
  const stats = await (await statsAnswer).json();
  // The sim placed payloads: the top server names are corpus texts, markup among them.
  const texts = new Set(corpus.map((p) => `${p.text ?? ''}${(p.repeat ?? '').repeat(p.times ?? 0)}`));
  expect(stats.items.length).toBeGreaterThan(20);
  expect(stats.items.every((i) => texts.has(i.value) || i.value.includes('\uFFFD'))).toBe(true);
  expect(stats.items.some((i) => i.value.includes('<'))).toBe(true);

  const panel = page.getByRole('region', { name: 'server.name', exact: true });
  const canvas = panel.getByRole('img');
  await expect(canvas).toHaveAttribute('aria-label', /^server\.name: /);
  for (const region of await page.locator('section.panel').all()) {
    await expect(region.locator('canvas')).toHaveAttribute('aria-label', /\S/);
  }
  // Hover across the bars: tooltips carry the labels as text.
  const box = await canvas.boundingBox();
  let tooltips = 0;
  for (let y = box.y + 10; y < box.y + box.height - 10; y += 14) {
    await page.mouse.move(box.x + box.width * 0.6, y);
    if (await panel.locator('.tooltip').count()) tooltips += 1;
  }
  expect(tooltips).toBeGreaterThan(0);
  await page.mouse.move(box.x + box.width * 0.6, box.y + 24);
  await page.screenshot({ path: `${screenshots}hostile-overview-tooltip.png`, fullPage: true });
  await assertInert(page, seen, 'overview with tooltips');

  // Every chart table at once (`t`): each label is one table cell of text.
  await page.locator('body').press('t');
  const table = panel.getByRole('table');
  await expect(panel.locator('.chart-table-wrap')).not.toHaveClass(/sr-only/);
  const labels = await table.locator('tbody tr td:first-child').allTextContents();
  // One row per value, and the "other" row when SPS left sessions out.
  expect(labels.length).toBe(stats.items.length + (stats.meta.others > 0 ? 1 : 0));
  expect(labels.some((l) => l.includes('<') || l.includes('javascript:') || l.includes('{'))).toBe(true);
  // Control, bidi and invisible characters show as markers in labels, tables, tooltips.
  const shown = await page.locator('.chart-table td:first-child, .legend li, .tooltip').allTextContents();
  expect(shown.filter((l) => RAW_CONTROL.test(l))).toEqual([]);
  expect(shown.some((l) => /⟨(ESC|RLO|ZWSP|LF)⟩/.test(l))).toBe(true);
  for (const region of await page.locator('section.panel canvas').all()) {
    expect(await region.getAttribute('aria-label')).not.toMatch(RAW_CONTROL);
  }
  await page.screenshot({ path: `${screenshots}hostile-overview-tables.png`, fullPage: true });
  await assertInert(page, seen, 'overview with tables');

  // CSV: formula-looking labels are neutralised with a leading quote.
  const download = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'CSV' }).click();
  const csv = readFileSync(await (await download).path(), 'utf8');
  expect(csv).not.toMatch(/(^|\r\n|,)"?[=+\-@]/);
  await assertInert(page, seen, 'overview after CSV');
});

test('composer: hostile server names as completion values', async ({ page }) => {
  const seen = watchHostile(page);
  await page.goto(`${origin}/?refresh=off&panels=protocol`);
  const input = page.getByLabel('Query');
  await input.click();
  await input.pressSequentially('server.name:');
  const options = page.getByRole('listbox', { name: 'Suggestions' }).getByRole('option');
  await expect(options.first().locator('.completion-kind')).toHaveText('frequent');
  expect(await options.count()).toBeGreaterThan(3);
  const values = await options.locator('.completion-label').allTextContents();
  expect(values.filter((l) => RAW_CONTROL.test(l) || l.trim() === '')).toEqual([]);
  await page.screenshot({ path: `${screenshots}hostile-composer.png`, clip: { x: 0, y: 0, width: 1280, height: 520 } });
  await assertInert(page, seen, 'composer');
});

test('sessions table: hostile properties in every column', async ({ page }) => {
  const seen = watchHostile(page);
  const cols = 'start_time,protocol,user.gateway_username,user.server_username,client.ip,client.name,server.name,server.address,recording.connection_policy,analytics.tags,analytics.interesting_events';
  await page.goto(`${origin}/sessions?refresh=off&cols=${cols}`);
  const rows = page.locator('.sessions-table tbody tr');
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThan(10);
  await page.screenshot({ path: `${screenshots}hostile-sessions.png`, fullPage: true });
  await assertInert(page, seen, 'sessions table');
});

test('the corpus session: properties, events, alerts and timeline stay inert; the 1 MB line is cut', async ({ page }) => {
  const seen = watchHostile(page);
  await page.goto(`${origin}/sessions/${CORPUS_SESSION}?refresh=off`);
  const events = page.getByRole('region', { name: 'Events' });
  await expect(events.locator('.panel-subtitle')).toHaveText(`${corpus.length} events`);
  const alerts = page.getByRole('region', { name: 'Alerts' });
  await expect(alerts.locator('.panel-subtitle')).toHaveText(/\d+ alerts/);
  await expect(events.locator('.timeline-canvas')).toBeVisible();
  await page.screenshot({ path: `${screenshots}hostile-session.png`, fullPage: true });
  await assertInert(page, seen, 'session page');

  // Every event row, scrolled through; each opened shows its full text, still inert.
  const scroller = events.locator('.events-scroll');
  await scroller.evaluate((el) => { el.scrollTop = el.scrollHeight; });
  await expect(events.locator(`.events-rows > .event-row[aria-rowindex="${corpus.length + 1}"]`)).toBeVisible();
  await assertInert(page, seen, 'events scrolled to the end');

  // The 1 MB line: its row and its opened detail are cut, with a way to see more.
  const mega = corpus.findIndex((p) => p.kind === 'long' && p.times >= 1 << 20) + 1;
  await page.goto(`${origin}/sessions/${CORPUS_SESSION}?refresh=off&event=${mega}`);
  const detail = events.locator('.event-detail');
  await expect(detail).toBeVisible();
  // The deep link scrolls the list to the event: its row is drawn where the list shows.
  await expect(events.locator('.event-row.selected .ev-id')).toHaveText(`#${mega}`);
  await expect.poll(() => events.locator('.event-row.selected').evaluate((row) => {
    const list = row.closest('.events-scroll').getBoundingClientRect();
    const r = row.getBoundingClientRect();
    return r.top >= list.top && r.bottom <= list.bottom;
  }), 'the selected row is inside the list\'s visible part').toBe(true);
  await expect(detail.getByRole('button', { name: /more/i }).first()).toBeVisible();
  await events.screenshot({ path: `${screenshots}hostile-session-mega-line.png` });
  await assertInert(page, seen, 'the 1 MB line opened');

  // Alert pages: hostile rule names, types, patterns and matched content.
  await alerts.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${screenshots}hostile-alerts.png`, fullPage: true });
  while (await alerts.getByRole('button', { name: 'Next page' }).isEnabled()) {
    await alerts.getByRole('button', { name: 'Next page' }).click();
    await assertInert(page, seen, 'alerts paged');
  }
});

test('the dark wall through refresh rounds, and the embedded view: hostile labels stay inert', async ({ page }) => {
  const seen = watchHostile(page);
  // The wall: kiosk, dark, live refresh; every round redraws the charts in place.
  const rounds = () => page.waitForResponse((r) => /\/api\/audit\/sessions\/stats\?.*field=server.name/.test(r.url()) && r.status() === 200);
  const first = rounds();
  await page.goto(`${origin}/?kiosk=1&theme=dark&refresh=5s&panels=${encodeURIComponent(PANELS)}`);
  await first;
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const panel = page.getByRole('region', { name: 'server.name', exact: true });
  await expect(panel.getByRole('img')).toHaveAttribute('aria-label', /^server\.name: /);
  for (let round = 0; round < 2; round += 1) {
    const next = rounds();
    await page.locator('body').press('r');
    await next;
    await assertInert(page, seen, `wall, refresh round ${round + 1}`);
  }
  const labels = await page.locator('section.panel canvas').evaluateAll((cs) => cs.map((c) => c.getAttribute('aria-label')));
  expect(labels.length).toBeGreaterThan(3);
  expect(labels.filter((l) => RAW_CONTROL.test(l ?? ''))).toEqual([]);
  const legends = await page.locator('.legend li').allTextContents();
  expect(legends.filter((l) => RAW_CONTROL.test(l))).toEqual([]);
  await page.screenshot({ path: `${screenshots}hostile-wall-dark.png` });

  // The portal's view of the same data: embed mode, the chosen panels only.
  await page.goto(`${origin}/?embed=1&histogram=off&refresh=off&panels=${encodeURIComponent('server.name;user.gateway_username')}`);
  await expect(page.getByRole('region', { name: 'server.name', exact: true }).getByRole('img')).toHaveAttribute('aria-label', /^server\.name: /);
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  await page.screenshot({ path: `${screenshots}hostile-embed.png` });
  await assertInert(page, seen, 'embedded view');
});
