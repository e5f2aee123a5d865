// The shapes a real appliance answers in (README "Real appliance shapes"): the sim's
// demo data has them (list-valued user names, upper-case protocols, AUTH_FAIL and
// TERMINATED verdicts, epoch-second event times); what the sim cannot be made to send
// (a server that ignores `bin_size`, a query it refuses with its own words) is faked
// with `page.route`.
import { test, expect } from './fixtures.mjs';
import { openLoggedIn, watchErrors } from './helpers.mjs';

/** The texts of a sessions-table column, one array of filter-button texts per row. */
async function columnButtons(page, label) {
  const headings = await page.locator('.sessions-table thead th').allTextContents();
  const at = headings.findIndex((h) => h.replace(/[↕▲▼]/g, '').trim() === label);
  expect(at, `column ${label}`).toBeGreaterThanOrEqual(0);
  return page.locator('.sessions-table tbody tr').evaluateAll((trs, i) =>
    trs.map((tr) => [...tr.querySelectorAll('td')[i].querySelectorAll('button')].map((b) => b.textContent.trim())), at);
}

test('list-valued server user names show joined, each name its own filter', async ({ page }) => {
  const errors = watchErrors(page);
  await openLoggedIn(page, '/sessions?refresh=off&start=now-7d&end=now&size=500&cols=start_time,protocol,user.server_username,verdict');
  await expect(page.locator('.sessions-table tbody tr').first()).toBeVisible();
  await expect(page.getByText('cannot read')).toHaveCount(0);
  const users = await columnButtons(page, 'Server user');
  expect(users.every((names) => names.length >= 1), 'every row has a server user').toBe(true);
  const row = users.findIndex((names) => names.length === 2);
  expect(row, 'a session whose user switched (two names)').toBeGreaterThanOrEqual(0);
  const cell = page.locator('.sessions-table tbody tr').nth(row).locator('td.col-text').filter({ hasText: ', ' });
  await expect(cell.first()).toHaveText(`${users[row][0]}, ${users[row][1]}`);
  // The comma follows the first name directly: no gap before it.
  const gap = await cell.first().getByRole('button').first().evaluate((b) => getComputedStyle(b).marginRight);
  expect(gap).toBe('0px');
  // Protocols come upper case and filter as they are.
  const protocols = (await columnButtons(page, 'Protocol')).flat();
  expect(protocols.every((p) => p === p.toUpperCase())).toBe(true);
  // The second name is a filter of its own.
  await cell.first().getByRole('button', { name: users[row][1], exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`q=user.server_username%3A${users[row][1]}`));
  await expect(page.locator('.sessions-table tbody tr').first()).toBeVisible();
  expect((await columnButtons(page, 'Server user')).every((names) => names.includes(users[row][1]))).toBe(true);
  expect(errors).toEqual([]);
});

test('a session with list values and epoch-second event times reads right', async ({ page }) => {
  const errors = watchErrors(page);
  await openLoggedIn(page, '/sessions?refresh=off&start=now-7d&end=now&q=protocol%3Ardp%20AND%20verdict%3AACCEPT%20AND%20recording.index_status%3AINDEXED');
  await page.locator('.sessions-table tbody tr').first().locator('.open-link').click();
  await expect(page.locator('.session-headline')).toContainText('(RDP)');
  const who = page.getByRole('region', { name: 'Who' });
  await expect(who.locator('.value-list li').first()).toBeVisible();
  // The events of a graphical session come with times in epoch seconds: today's, not 1970's.
  const events = page.getByRole('region', { name: 'Events' });
  const time = events.locator('.events-rows .ev-time').first();
  await expect(time).toHaveAttribute('title', /^20\d\d-/);
  expect(await time.getAttribute('title')).not.toMatch(/^1970/);
  expect(errors).toEqual([]);
});

test('an AUTH_FAIL session says it was not recorded', async ({ page }) => {
  await openLoggedIn(page, '/sessions?refresh=off&start=now-30d&end=now&q=verdict%3AAUTH_FAIL');
  await page.locator('.sessions-table tbody tr').first().locator('.open-link').click();
  await expect(page.getByText('SPS did not accept this connection (verdict AUTH_FAIL)')).toBeVisible();
});

test('a query SPS refuses is said in words at the panels and in the query bar', async ({ page }) => {
  await openLoggedIn(page, '/?refresh=off&panels=protocol');
  await expect(page.getByRole('region', { name: 'protocol', exact: true }).getByRole('img')).toBeVisible();
  const message = "Invalid query: the appliance cannot parse 'user.name:refuse-me'";
  await page.route('**/api/audit/sessions/**', (route) => {
    if (!decodeURIComponent(route.request().url()).includes('refuse-me')) return route.continue();
    return route.fulfill({ status: 400, json: { error: { type: 'InvalidQueryValue', message } } });
  });
  const input = page.getByLabel('Query', { exact: true });
  await input.fill('user.name:refuse-me');
  await input.press('Enter');
  const panel = page.getByRole('region', { name: 'protocol', exact: true });
  await expect(panel).toContainText(`SPS rejected the query: ${message}`);
  await expect(panel).not.toContainText('{');
  await expect(page.locator('.composer-refused')).toHaveText(`SPS refused this query: ${message}`);
  // Another query: the refusal is no longer the applied query's.
  await input.fill('protocol:ssh');
  await input.press('Enter');
  await expect(panel.getByRole('img')).toBeVisible();
  await expect(page.locator('.composer-refused')).toHaveCount(0);
});

test('hourly buckets answered to a minute request are drawn and labelled as hours', async ({ page }) => {
  const buckets = [
    { id: '2026-11-23T08:00:00.000Z', start_count: 61, active_count: 61 },
    { id: '2026-11-23T09:00:00.000Z', start_count: 89, active_count: 99 },
    { id: '2026-11-23T10:00:00.000Z', start_count: 24, active_count: 39 },
  ];
  let asked = '';
  // A server that ignores `bin_size` (and echoes it in meta).
  await page.route('**/api/audit/sessions/histogram**', (route) => {
    asked = new URL(route.request().url()).searchParams.get('bin_size');
    return route.fulfill({ json: { key: 'histogram', body: { buckets }, meta: { bin_size: asked, time_zone: 'Etc/UTC' } } });
  });
  await openLoggedIn(page, '/?refresh=off&tz=UTC&bin=minute&start=2026-11-23T08:00:00Z&end=2026-11-23T11:00:00Z&panels=protocol');
  const panel = page.getByRole('region', { name: 'Sessions over time' });
  const canvas = panel.locator('canvas.histogram-canvas');
  await expect(canvas).toHaveAttribute('aria-label', /^Sessions per hour: 174 started in 3 bins/);
  expect(asked).toBe('minute');
  await expect(panel.locator('.panel-subtitle')).toHaveText('per hour');
  await expect(panel.locator('.histogram-note')).toContainText('SPS answered per hour, not per minute as asked');
  const starts = await panel.locator('table tbody tr').evaluateAll((trs) => trs.map((tr) => tr.querySelector('td').textContent));
  expect(starts).toEqual(['2026-11-23 08:00', '2026-11-23 09:00', '2026-11-23 10:00']);

  // The bars are a third of the plot wide each, not one-pixel minutes: find the runs of
  // bar colour along a line just above the axis.
  const runs = await canvas.evaluate((c) => {
    const ctx = c.getContext('2d');
    const y = c.height - Math.round(26 * (c.width / c.clientWidth));
    const row = ctx.getImageData(0, y, c.width, 1).data;
    const widths = [];
    let run = 0;
    for (let x = 0; x < c.width; x += 1) {
      const [r, g, b] = [row[4 * x], row[4 * x + 1], row[4 * x + 2]];
      const bar = Math.abs(r - 0) < 40 && Math.abs(g - 114) < 40 && Math.abs(b - 178) < 40;
      if (bar) run += 1; else if (run) { widths.push(run); run = 0; }
    }
    if (run) widths.push(run);
    return { widths: widths.map((w) => w / (c.width / c.clientWidth)), plot: c.clientWidth };
  });
  expect(runs.widths.length).toBe(3);
  for (const w of runs.widths) expect(w).toBeGreaterThan(runs.plot / 4);

  // A bar's click lists that hour's sessions.
  const box = await canvas.boundingBox();
  await canvas.click({ position: { x: box.width / 2, y: box.height - 30 } });
  await expect(page).toHaveURL(/\/sessions\?/);
  await expect(page).toHaveURL(/start=2026-11-23T09%3A00%3A00Z&end=2026-11-23T10%3A00%3A00Z/);
});

test('a property SPS sent as an empty list reads "none", and long property names wrap', async ({ page }) => {
  await openLoggedIn(page, '/sessions/on-call-session-active');
  const other = page.getByRole('region', { name: 'Other properties' });
  const row = other.locator('.detail-row').filter({ hasText: 'analytics.similar_sessions' });
  await expect(row.locator('dd')).toHaveText('none');
  // The name stays inside its column: it wraps rather than running under the value.
  const name = await row.locator('dt').boundingBox();
  const value = await row.locator('dd').boundingBox();
  expect(name.x + name.width).toBeLessThanOrEqual(value.x);
});
