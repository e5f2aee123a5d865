// Session search and the session drill-down, against the sim's generated data
// (5,000 sessions, seed 7; a session with 100,000 events; hostile recorded text).
import { test, expect } from './fixtures.mjs';
import { openLoggedIn, screenshots, watchErrors } from './helpers.mjs';

const HUGE = 'huge-session-100000-events';
const ODD = 'svc/odd id#1?&=%ü';

/** Console errors, uncaught exceptions and failed API answers (with their URLs). */
function watch(page) {
  const errors = watchErrors(page);
  page.on('response', (r) => { if (r.status() >= 500) errors.push(`HTTP ${r.status()} ${r.url()}`); });
  return errors;
}

/** The sessions table's rows as arrays of cell texts (without the open column). */
async function tableRows(page) {
  return page.locator('.sessions-table tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td:not(.open-cell)')].map((td) => td.textContent.trim())));
}

/** Index of a column by its heading. */
async function columnIndex(page, label) {
  const headings = await page.locator('.sessions-table thead th').allTextContents();
  return headings.findIndex((h) => h.replace(/[↕▲▼]/g, '').trim() === label);
}

/** Parses CSV as a spreadsheet does (quotes, doubled quotes, CRLF, BOM). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i += 1) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') { field += '"'; i += 1; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\r' && s[i + 1] === '\n') { /* CRLF */ } else if (c === '\n') {
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

test('search: total from _count, sort by a column, page, filter by a value', async ({ page }) => {
  const errors = watch(page);
  const countAnswer = page.waitForResponse((r) => r.url().includes('/api/audit/sessions/_count') && !r.url().includes('active') && r.status() === 200);
  await openLoggedIn(page, '/sessions?start=now-30d&end=now');
  const { count } = await (await countAnswer).json();
  expect(count).toBeGreaterThan(100);
  await expect(page.locator('.result-count')).toHaveText(`${count.toLocaleString('en-US')} sessions`);
  await expect(page.locator('.sessions-table tbody tr')).toHaveCount(50);
  await expect(page.locator('.pager-rows')).toHaveText(`1–50 of ${count.toLocaleString('en-US')} sessions`);
  // The active badge counts active sessions with the same query.
  await expect(page.locator('.page-heading .badge-active')).toContainText('active');

  // Sort by duration: the server sorts (sort=-duration), largest first.
  const sorted = page.waitForRequest((r) => r.url().includes('/api/audit/sessions?') && r.url().includes('sort=-duration'));
  await page.getByRole('button', { name: /^Duration/ }).click();
  await sorted;
  await expect(page).toHaveURL(/sort=-duration/);
  await expect(page.locator('th[aria-sort="descending"]')).toContainText('Duration');
  // The heading follows the URL at once; the rows follow when the sorted answer is in.
  const durations = () => page.locator('.sessions-table tbody td.col-duration span[title]').evaluateAll((spans) =>
    spans.map((s) => Number(s.getAttribute('title').split(' ')[0])));
  await expect.poll(async () => {
    const shown = await durations();
    return shown.length > 10 && shown.every((d, i) => i === 0 || shown[i - 1] >= d);
  }).toBe(true);
  // Again: ascending.
  await page.getByRole('button', { name: /^Duration/ }).click();
  await expect(page).toHaveURL(/sort=duration/);
  await expect(page.locator('th[aria-sort="ascending"]')).toContainText('Duration');

  // Page 2 asks for offset 50.
  const firstPage = await tableRows(page);
  const paged = page.waitForRequest((r) => r.url().includes('/api/audit/sessions?') && r.url().includes('offset=50'));
  await page.getByRole('button', { name: 'Page 2' }).click();
  await paged;
  await expect(page).toHaveURL(/page=2/);
  await expect(page.locator('.pager-rows')).toHaveText(`51–100 of ${count.toLocaleString('en-US')} sessions`);
  expect(await tableRows(page)).not.toEqual(firstPage);

  // A value click narrows the query (and goes back to page 1, keeping the sort).
  const protocolAt = await columnIndex(page, 'Protocol');
  const protocol = (await tableRows(page))[0][protocolAt];
  await page.locator('.sessions-table tbody tr').first().locator('td').nth(protocolAt).getByRole('button').click();
  await expect(page).toHaveURL(new RegExp(`q=protocol%3A${protocol}`));
  await expect(page).not.toHaveURL(/page=2/);
  await expect(page).toHaveURL(/sort=duration/);
  await expect(page.getByLabel('Query', { exact: true })).toHaveValue(`protocol:${protocol}`);
  await expect.poll(async () => new Set((await tableRows(page)).map((r) => r[protocolAt])).size).toBe(1);
  expect((await tableRows(page))[0][protocolAt]).toBe(protocol);
  expect(errors).toEqual([]);
});

test('the 10,000 window is explained and the last reachable page is the limit', async ({ page }) => {
  // Pretend SPS counts far more sessions than it can list.
  await page.route('**/api/audit/sessions/_count**', (route) => route.fulfill({ json: { count: 123456, meta: {} } }));
  await openLoggedIn(page, '/sessions?size=500');
  const note = page.locator('.window-note');
  await expect(note).toContainText('123,456 sessions match, but SPS lists only the first 10,500');
  await expect(note).toContainText('narrow the time range or the query');
  await page.getByRole('button', { name: 'Last reachable page' }).click();
  await expect(page).toHaveURL(/page=21/);
  await expect(page.getByRole('button', { name: 'Next page' })).toBeDisabled();
  // A link past the window is brought back to it, and says so.
  await page.goto('/sessions?size=500&page=400');
  await expect(page.getByRole('alert').filter({ hasText: 'beyond what SPS lists' })).toBeVisible();
});

test('columns can be chosen and travel in the link', async ({ page }) => {
  const errors = watch(page);
  await openLoggedIn(page, '/sessions');
  await page.getByRole('button', { name: /^Columns/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Columns' });
  await dialog.getByLabel('Tags').check();
  await dialog.getByLabel('Client', { exact: true }).uncheck();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(page).toHaveURL(/cols=/);
  await expect.poll(() => columnIndex(page, 'Tags')).toBeGreaterThan(0);
  expect(await columnIndex(page, 'Client')).toBe(-1);
  const request = page.waitForRequest((r) => r.url().includes('/api/audit/sessions?') && decodeURIComponent(r.url()).includes('analytics.tags'));
  await page.reload();
  await request;
  await expect.poll(() => columnIndex(page, 'Tags')).toBeGreaterThan(0);
  expect(errors).toEqual([]);
});

test('CSV export: this page, and every row with progress; both parse back to the table', async ({ page }) => {
  const errors = watch(page);
  await openLoggedIn(page, '/sessions?q=protocol%3Atelnet&start=now-30d&end=now&size=25');
  await expect(page.locator('.sessions-table tbody tr')).toHaveCount(25);
  const shown = await tableRows(page);
  const [pageDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'CSV: this page' }).click(),
  ]);
  expect(pageDownload.suggestedFilename()).toMatch(/^sessions-page-\d{8}T\d{6}Z\.csv$/);
  const csv = parseCsv(await (await pageDownload.createReadStream()).toArray().then((b) => Buffer.concat(b).toString('utf8')));
  expect(csv[0][0]).toBe('id');
  expect(csv[0]).toContain('protocol');
  expect(csv[0]).toContain('duration (s)');
  expect(csv.length).toBe(26);
  const protocolAt = csv[0].indexOf('protocol');
  // `protocol:telnet` finds the sessions an appliance writes as TELNET.
  expect(csv.slice(1).every((r) => r[protocolAt] === 'TELNET')).toBe(true);
  const gatewayAt = csv[0].indexOf('user.gateway_username');
  const shownGatewayAt = await columnIndex(page, 'Gateway user');
  expect(csv.slice(1).map((r) => r[gatewayAt])).toEqual(shown.map((r) => r[shownGatewayAt]));

  const total = Number((await page.locator('.result-count').textContent()).replace(/[^0-9]/g, ''));
  const all = page.getByRole('button', { name: /^CSV: all/ });
  await expect(all).toHaveText(`CSV: all ${total.toLocaleString('en-US')} rows`);
  const [allDownload] = await Promise.all([page.waitForEvent('download'), all.click()]);
  const text = await (await allDownload.createReadStream()).toArray().then((b) => Buffer.concat(b).toString('utf8'));
  const rows = parseCsv(text);
  expect(rows.length - 1).toBe(total);
  expect(new Set(rows.slice(1).map((r) => r[0])).size).toBe(total);
  await expect(page.locator('.export-status')).toHaveText(`Exported ${total.toLocaleString('en-US')} rows.`);
  expect(errors).toEqual([]);
});

test('a long export shows progress and can be cancelled', async ({ page }) => {
  await openLoggedIn(page, '/sessions?start=now-30d&end=now');
  await expect(page.locator('.sessions-table tbody tr').first()).toBeVisible();
  // Hold the second page of the export so the progress stays on screen.
  let held = 0;
  await page.route(/\/api\/audit\/sessions\?.*offset=500/, async (route) => {
    held += 1;
    await new Promise((resolve) => setTimeout(resolve, 5000));
    await route.continue().catch(() => {});
  });
  await page.getByRole('button', { name: /^CSV: all/ }).click();
  const progress = page.locator('.export-progress');
  await expect(progress).toContainText('Exporting 500 of');
  await expect(progress.locator('progress')).toHaveAttribute('value', '500');
  await progress.getByRole('button', { name: 'Cancel export' }).click();
  await expect(progress).toHaveCount(0);
  await expect(page.locator('.export-status')).toHaveText('Export cancelled.');
  expect(held).toBe(1);
});

test('open a session from the table, step to the next and back to the result', async ({ page }) => {
  const errors = watch(page);
  await openLoggedIn(page, '/sessions?q=verdict%3AACCEPT&start=now-30d&end=now&size=25');
  const rows = page.locator('.sessions-table tbody tr');
  await expect(rows).toHaveCount(25);
  const ids = await page.locator('.sessions-table .open-link').evaluateAll((as) => as.map((a) => decodeURIComponent(a.getAttribute('href').split('/sessions/')[1])));
  await rows.nth(24).locator('td').first().click();
  await expect(page).toHaveURL(new RegExp(`/sessions/${encodeURIComponent(ids[24])}`));
  await expect(page.getByRole('heading', { level: 1, name: 'Session' })).toBeVisible();
  await expect(page.locator('.session-id')).toHaveText(ids[24]);
  for (const group of ['Who', 'From where', 'To where', 'When', 'Policy', 'Verdict', 'Recording and index']) {
    await expect(page.getByRole('region', { name: group, exact: true })).toBeVisible();
  }
  const place = page.locator('.result-place');
  await expect(place).toHaveText(/^Session 25 of /);
  // Next past the end of the page fetches the next page of the result.
  await page.getByRole('button', { name: 'Next ›' }).click();
  await expect(place).toHaveText(/^Session 26 of /);
  await page.getByRole('button', { name: '‹ Previous' }).click();
  await expect(place).toHaveText(/^Session 25 of /);
  await expect(page.locator('.session-id')).toHaveText(ids[24]);
  await page.getByRole('link', { name: '← Back to results' }).click();
  await expect(page).toHaveURL(/\/sessions\?/);
  await expect(page).toHaveURL(/q=verdict%3AACCEPT/);
  await expect(rows).toHaveCount(25);
  expect(errors).toEqual([]);
});

test('events: filter with a query and type chips', async ({ page }) => {
  const errors = watch(page);
  await openLoggedIn(page, `/sessions/${HUGE}`);
  const events = page.getByRole('region', { name: 'Events' });
  await expect(events.locator('.panel-subtitle')).toHaveText('100,000 events');
  const input = events.getByLabel('Query');
  const apply = events.getByRole('button', { name: 'Apply' });
  await input.fill('content:(');
  await expect(apply).toBeDisabled();
  await input.fill('content:sudo');
  await apply.click();
  await expect(page).toHaveURL(/q=content%3Asudo/);
  await expect(events.locator('.panel-subtitle')).toHaveText(/^[1-9][0-9,]* events$/);
  await expect(events.locator('.panel-subtitle')).not.toHaveText('100,000 events');
  await expect(events.locator('.events-rows .ev-id').first()).toHaveText(/^#\d+/);
  const contents = await events.locator('.events-rows .ev-content').allTextContents();
  expect(contents.length).toBeGreaterThan(3);
  for (const c of contents) expect(c.toLowerCase()).toContain('sudo');
  // A chip narrows by type; the sent query joins both.
  const request = page.waitForRequest((r) => r.url().includes('/events?') && decodeURIComponent(r.url().replace(/\+/g, ' ')).includes('content:sudo AND type:file_transfer'));
  await events.getByRole('button', { name: 'file_transfer', exact: true }).click();
  await request;
  await expect(events.getByText('No events match this filter.')).toBeVisible();
  await events.getByRole('button', { name: 'Show all events' }).click();
  await expect(events.locator('.panel-subtitle')).toHaveText('100,000 events');
  expect(errors).toEqual([]);
});

test('events: scroll far through 100,000 events with only the visible rows in the DOM', async ({ page }) => {
  const errors = watch(page);
  await openLoggedIn(page, `/sessions/${HUGE}`);
  const events = page.getByRole('region', { name: 'Events' });
  await expect(events.locator('.panel-subtitle')).toHaveText('100,000 events');
  const scroller = events.locator('.events-scroll');
  await expect(events.locator('.event-row .ev-id').first()).toHaveText(/^#\d+/);
  const rowsInDom = () => events.locator('.events-rows > .event-row').count();
  expect(await rowsInDom()).toBeLessThan(80);
  // To the very end: the last event shows, fetched at its offset.
  const last = page.waitForRequest((r) => r.url().includes('/events?') && /offset=99500/.test(r.url()));
  await scroller.evaluate((el) => { el.scrollTop = el.scrollHeight; });
  await last;
  const lastRow = events.locator('.events-rows > .event-row[aria-rowindex="100001"]');
  await expect(lastRow).toBeVisible();
  await expect(lastRow.locator('.ev-id')).toHaveText(/^#\d+/);
  expect(await rowsInDom()).toBeLessThan(80);
  // And into the middle, by steps, as a user drags.
  for (const share of [0.2, 0.45, 0.731]) {
    await scroller.evaluate((el, s) => { el.scrollTop = (el.scrollHeight - el.clientHeight) * s; }, share);
    await page.waitForTimeout(50);
  }
  const row = Math.round(0.731 * (100000 - 1));
  await expect(events.locator('.events-rows .ev-id').first()).toHaveText(/^#\d+/);
  const indexes = await events.locator('.events-rows > .event-row').evaluateAll((rs) => rs.map((r) => Number(r.getAttribute('aria-rowindex'))));
  expect(Math.min(...indexes)).toBeLessThan(row);
  expect(Math.max(...indexes)).toBeGreaterThan(row - 40);
  expect(await rowsInDom()).toBeLessThan(80);
  // The timeline jumps the table: a click near its start shows early events.
  await events.locator('.timeline-canvas').click({ position: { x: 10, y: 40 } });
  await expect.poll(async () => scroller.evaluate((el) => el.scrollTop)).toBeLessThan(20000);
  expect(errors).toEqual([]);
});

test('alerts: matched pattern marked as text; an alert leads to its event', async ({ page }) => {
  const errors = watch(page);
  await openLoggedIn(page, `/sessions/${HUGE}`);
  const alerts = page.getByRole('region', { name: 'Alerts' });
  await expect(alerts.locator('.panel-subtitle')).toHaveText(/\d+ alerts/);
  const first = alerts.locator('tbody tr').first();
  await expect(first.locator('mark').first()).toBeVisible();
  const link = first.getByRole('button', { name: /^#\d+ →$/ });
  const recordId = (await link.textContent()).match(/#(\d+)/)[1];
  await link.click();
  await expect(page).toHaveURL(new RegExp(`event=${recordId}`));
  const events = page.getByRole('region', { name: 'Events' });
  const selected = events.locator('.event-row.selected');
  await expect(selected.locator('.ev-id')).toHaveText(`#${recordId}`);
  await expect(selected).toBeInViewport();
  await expect(events.getByRole('region', { name: `Event #${recordId}` })).toBeVisible();
  // The second page of alerts.
  if (await alerts.getByRole('button', { name: 'Next page' }).isEnabled()) {
    await alerts.getByRole('button', { name: 'Next page' }).click();
    await expect(page).toHaveURL(/apage=2/);
    await expect(alerts.locator('.pager-rows')).toHaveText(/^11–/);
  }
  expect(errors).toEqual([]);
});

test('hostile recorded content renders as inert text', async ({ page }) => {
  const errors = watch(page);
  const dialogs = [];
  page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  await openLoggedIn(page, `/sessions/${HUGE}?q=content%3Aecho+OR+content%3Aprintf+OR+content%3Amv+OR+content%3Asudo`);
  const events = page.getByRole('region', { name: 'Events' });
  await expect(events.locator('.event-row:not(.event-head)').first()).toBeVisible();
  // Markup in commands is text: no element was made of it, and it reads as typed.
  await expect(events.locator('.ev-content').filter({ hasText: "echo '<script>alert(1)</script>'" }).first()).toBeVisible();
  expect(await page.locator('main script, main img, main b[onmouseover]').count()).toBe(0);
  // Escape sequences and control characters: visible, inert markers. Each is its own
  // command; filtered by it, it is among the first rows whatever the clock made of the data.
  for (const [word, marker] of [['printf', '⟨ESC⟩[31m'], ['mv', '⟨RLO⟩'], ['sudo', '⟨ZWSP⟩']]) {
    await page.goto(`/sessions/${HUGE}?q=content%3A${word}`);
    const ctl = events.locator('.ctl', { hasText: marker }).first();
    await expect(ctl, marker).toBeVisible();
    if (word === 'printf') await expect(ctl).toHaveAttribute('title', /ANSI control sequence/);
  }
  await page.goto(`/sessions/${HUGE}?q=content%3Aecho+OR+content%3Aprintf+OR+content%3Amv+OR+content%3Asudo`);
  // Opening an event shows its full text, still inert.
  await events.locator('.event-row:not(.event-head)', { hasText: '<script>' }).first().click();
  const detail = events.locator('.event-detail');
  await expect(detail).toContainText("echo '<script>alert(1)</script>'");
  // The alerts' matched content too.
  const alerts = page.getByRole('region', { name: 'Alerts' });
  await expect(alerts.locator('mark', { hasText: '<script' }).first()).toBeVisible();
  // A 12,000-character line does not widen the page.
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(1280);
  expect(dialogs).toEqual([]);
  expect(errors).toEqual([]);
});

test('not found, not indexed and no alerts each say so; odd ids work', async ({ page, request }) => {
  const errors = watch(page);
  await openLoggedIn(page, '/sessions/no-such-session-42');
  await expect(page.getByText('Session not found.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Events' })).toHaveCount(0);

  // A denied session: nothing recorded, no alerts.
  const list = await page.evaluate(async () => (await fetch('/api/audit/sessions?q=verdict:DENY&limit=1')).json());
  await page.goto(`/sessions/${encodeURIComponent(list.items[0].key)}`);
  await expect(page.getByRole('region', { name: 'Events' }).getByText('No events.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Events' })).toContainText('verdict DENY');
  await expect(page.getByRole('region', { name: 'Alerts' }).getByText(/No alerts: no content policy/)).toBeVisible();

  // An id that needs percent-encoding.
  await page.goto(`/sessions/${encodeURIComponent(ODD)}`);
  await expect(page.locator('.session-id')).toHaveText(ODD);
  await expect(page.getByRole('region', { name: 'Who', exact: true })).toBeVisible();
  // Only the missing session's own requests failed (404), nothing else.
  expect(errors.filter((e) => !e.includes('status of 404'))).toEqual([]);
});

for (const theme of ['light', 'dark']) {
  test(`screenshots (${theme})`, async ({ browser }) => {
    for (const [width, height, scale] of [[1280, 800, 1], [1920, 1080, 2]]) {
      const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: scale });
      const page = await context.newPage();
      const errors = watch(page);
      await openLoggedIn(page, '/sessions?start=now-7d&end=now');
      if (theme === 'dark') {
        await page.getByRole('button', { name: 'Dark theme' }).click();
        await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
      }
      await expect(page.locator('.sessions-table tbody tr').first()).toBeVisible();
      await page.screenshot({ path: `${screenshots}sessions-${theme}-${width}.png`, fullPage: width === 1280 });
      await page.goto(`/sessions/${HUGE}?q=content%3Aecho+OR+content%3Aprintf+OR+content%3Amv+OR+content%3Asudo`);
      const events = page.getByRole('region', { name: 'Events' });
      await expect(events.locator('.event-row:not(.event-head)').first()).toBeVisible();
      // The first hostile row (which commands come first follows the clock of the data).
      await events.locator('.event-row:not(.event-head)').first().click();
      await expect(page.locator('.timeline-canvas')).toBeVisible();
      const [backing, css] = await page.locator('.timeline-canvas').evaluate((c) => [c.width, c.getBoundingClientRect().width]);
      expect(backing).toBe(Math.round(css * scale));
      await page.screenshot({ path: `${screenshots}session-${theme}-${width}.png`, fullPage: width === 1280 });
      expect(errors).toEqual([]);
      await context.close();
    }
  });
}
