// The overview as an analyst uses it: view state in the URL, click-to-filter,
// panel editing, the histogram's tooltip, drag-zoom and click-through.
import { test, expect } from './fixtures.mjs';
import { openLoggedIn, screenshots, watchErrors } from './helpers.mjs';

const fmt = (n) => n.toLocaleString('en-US');

/** The rows of a panel's table as text, shown or not. */
async function tableRows(panel) {
  return panel.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td:not(.actions)')].map((td) => td.textContent)));
}

/** Waits for the next 200 answer of an endpoint matching `pattern`. */
function answer(page, pattern) {
  return page.waitForResponse((r) => pattern.test(r.url()) && r.status() === 200);
}

test('a link opens exactly its view, with the sim numbers in each panel', async ({ page }) => {
  const errors = watchErrors(page);
  const start = '2026-11-01T00:00:00Z';
  const stats = answer(page, /stats\?.*field=verdict/);
  await openLoggedIn(page, `/?q=protocol%3Assh&start=now-7d&end=now&tz=UTC&bin=day&refresh=off&panels=verdict%3Bprotocol%3A3`);
  const verdict = await (await stats).json();
  await expect(page.getByLabel('Query')).toHaveValue('protocol:ssh');
  await expect(page.getByRole('button', { name: 'Last 7 days' })).toBeVisible();
  const panels = page.locator('.panel-grid section.panel');
  await expect(panels).toHaveCount(2);
  await expect(panels.nth(0).getByRole('heading')).toHaveText('verdict');
  await expect(panels.nth(1).getByRole('heading')).toHaveText('protocol');
  const expected = verdict.items.map((i) => [i.value, fmt(i.count)]);
  await expect.poll(() => tableRows(panels.nth(0))).toEqual(expected);
  // protocol:ssh narrows the protocol panel to SSH alone (appliances write it in upper case).
  await expect.poll(() => tableRows(panels.nth(1))).toEqual([['SSH', expect.any(String)]]);
  expect(start).toBeTruthy();
  expect(errors).toEqual([]);
});

test('clicking a bar filters by its value, shift-click excludes, back undoes', async ({ page }) => {
  await openLoggedIn(page, '/?refresh=off&panels=protocol%3Bverdict');
  const protocol = page.getByRole('region', { name: 'protocol', exact: true });
  const canvas = protocol.getByRole('img');
  await expect(canvas).toBeVisible();
  const top = (await tableRows(protocol))[0][0];

  // The first bar's row: anywhere in its band counts.
  const verdictAfter = answer(page, /stats\?.*field=verdict.*q=protocol/);
  await canvas.click({ position: { x: 200, y: 20 } });
  await expect(page).toHaveURL(new RegExp(`q=protocol%3A${top}`));
  await expect(page.getByLabel('Query')).toHaveValue(`protocol:${top}`);
  await verdictAfter; // every panel asked again with the new query

  await page.goBack();
  await expect(page.getByLabel('Query')).toHaveValue('');
  await expect(canvas).toBeVisible();
  await canvas.click({ position: { x: 200, y: 20 }, modifiers: ['Shift'] });
  await expect(page.getByLabel('Query')).toHaveValue(`NOT protocol:${top}`);
  await expect.poll(async () => (await tableRows(protocol)).map((r) => r[0])).not.toContain(top);
});

test('the table buttons filter too, and panels can be added, edited and removed', async ({ page }) => {
  await openLoggedIn(page, '/?refresh=off&panels=verdict');
  const verdict = page.getByRole('region', { name: 'verdict', exact: true });
  await verdict.getByRole('button', { name: 'Table' }).click();
  await verdict.getByRole('button', { name: 'Exclude ACCEPT' }).click();
  await expect(page.getByLabel('Query')).toHaveValue('NOT verdict:ACCEPT');

  await page.getByRole('button', { name: '+ Add panel' }).click();
  await page.locator('.panel-add').getByLabel('Field').selectOption('server.ip');
  await page.locator('.panel-add').getByLabel('Top').fill('3');
  await page.locator('.panel-add').getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveURL(/panels=verdict%3Bserver\.ip%3A3/);
  const server = page.getByRole('region', { name: 'server.ip', exact: true });
  await expect(server.getByRole('img')).toBeVisible();

  await server.getByRole('button', { name: 'Edit panel server.ip' }).click();
  await server.getByLabel('Split by').selectOption('protocol');
  await server.getByRole('button', { name: 'Save' }).click();
  const split = page.getByRole('region', { name: 'server.ip by protocol' });
  await expect(split.getByRole('list', { name: 'Legend' })).toBeVisible();

  await split.getByRole('button', { name: 'Remove panel server.ip by protocol' }).click();
  await expect(page).toHaveURL(/panels=verdict(&|$)/);
  await page.reload();
  await expect(page.locator('.panel-grid section.panel')).toHaveCount(1);
});

test('absurd URL parameters are explained, and the page still works', async ({ page }) => {
  await openLoggedIn(page, `/?start=now&end=now-1h&tz=Mars%2FOlympus&bin=fortnight&refresh=1s&panels=nope%3Bverdict%3A-1`);
  const banner = page.getByRole('alert').filter({ hasText: 'Parts of this link could not be used' });
  await expect(banner).toContainText('must be before the end');
  await expect(banner).toContainText('`Mars/Olympus` is not a time zone');
  await expect(banner).toContainText('`fortnight` is not a bin size');
  await expect(banner).toContainText('`nope` is not a session field');
  await expect(page.getByRole('region', { name: 'verdict', exact: true }).getByRole('img')).toBeVisible();
});

test('a 10 KB query, negative sizes and unknown columns are explained; both pages still work', async ({ page }) => {
  const errors = watchErrors(page);
  const huge = encodeURIComponent(`protocol:ssh OR ${'user.gateway_username:alice OR '.repeat(400)}protocol:rdp`);
  expect(huge.length).toBeGreaterThan(10 * 1024);
  await openLoggedIn(page, `/?refresh=off&panels=protocol&q=${huge}`);
  const banner = page.getByRole('alert').filter({ hasText: 'Parts of this link could not be used' });
  await expect(banner).toContainText('longer than 10 KB and was dropped');
  await expect(page.getByRole('region', { name: 'protocol', exact: true }).getByRole('img')).toBeVisible();

  await page.goto(`/sessions?refresh=off&size=-5&page=-3&sort=nope&cols=protocol,bogus&q=${huge}`);
  const problems = page.getByRole('alert').filter({ hasText: 'Parts of this link could not be used' });
  await expect(problems).toContainText('page size `-5` must be 1 to');
  await expect(problems).toContainText('page `-3` is not a page number');
  await expect(problems).toContainText('cannot sort by `nope`');
  await expect(problems).toContainText('`bogus`');
  await expect(problems).toContainText('longer than 10 KB');
  await expect(page.getByRole('table').locator('tbody tr').first()).toBeVisible();
  expect(errors).toEqual([]);
});

test('the time picker sets quick ranges, shifts and zooms out', async ({ page }) => {
  await openLoggedIn(page, '/?refresh=off&panels=protocol');
  await page.getByRole('button', { name: 'Last 24 hours' }).click();
  await page.getByRole('dialog', { name: 'Time range' }).getByRole('button', { name: 'Last 7 days' }).click();
  await expect(page).toHaveURL(/start=now-1w&end=now/);
  await page.getByRole('button', { name: 'Zoom out' }).click();
  await expect(page).toHaveURL(/start=now-2w&end=now/);
  await page.getByRole('button', { name: 'Shift the time range earlier' }).click();
  await expect(page).toHaveURL(/start=20\d\d-\d\d-\d\dT[\d%A]+Z&end=20/);
  await page.getByRole('button', { name: 'Shift the time range later' }).click();
  await expect(page).toHaveURL(/start=now-2w&end=now/);
});

test('screenshots: light and dark, laptop and wall', async ({ browser }) => {
  for (const [name, viewport, scale] of [['1280x800', { width: 1280, height: 800 }, 1], ['3840x2160', { width: 1920, height: 1080 }, 2]]) {
    for (const theme of ['light', 'dark']) {
      const context = await browser.newContext({ viewport, deviceScaleFactor: scale, colorScheme: theme });
      const page = await context.newPage();
      await openLoggedIn(page, '/?refresh=off');
      await expect(page.getByRole('region', { name: 'user.gateway_username by protocol' }).getByRole('img')).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await page.screenshot({ path: `${screenshots}dashboard-${theme}-${name}.png` });
      await context.close();
    }
  }
});

test('histogram: table matches the sim, tooltip on hover, drag zooms, click opens the bin', async ({ page }) => {
  const errors = watchErrors(page);
  const hist = answer(page, /sessions\/histogram\?/);
  await openLoggedIn(page, '/?refresh=off&tz=UTC&panels=protocol');
  const body = await (await hist).json();
  const panel = page.getByRole('region', { name: 'Sessions over time' });
  const canvas = panel.getByRole('img');
  await expect(canvas).toHaveAttribute('aria-label', /^Sessions per hour: /);

  // The table holds the server's buckets: start (in the chosen zone), started, active.
  const rows = await tableRows(panel);
  expect(rows).toEqual(body.body.buckets.map((b) => [
    b.id.slice(0, 16).replace('T', ' '), fmt(b.start_count), fmt(b.active_count),
  ]));

  const box = await canvas.boundingBox();
  await canvas.hover({ position: { x: box.width * 0.75, y: box.height * 0.6 } });
  await expect(panel.locator('.tooltip')).toContainText('started:');

  // Drag across the middle half: the range becomes absolute and narrower.
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.5);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5, { steps: 5 });
  await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.5, { steps: 5 });
  await page.mouse.up();
  await expect(page).toHaveURL(/start=20\d\d-[\d-]+T[\d%A]+Z&end=20\d\d/);
  const url = new URL(page.url());
  const span = Date.parse(url.searchParams.get('end')) - Date.parse(url.searchParams.get('start'));
  expect(span).toBeGreaterThan(6 * 3600e3);
  expect(span).toBeLessThan(14 * 3600e3);
  await expect(canvas).toHaveAttribute('aria-label', /^Sessions per (minute|hour): /);

  // A click (no drag) on a bin lists its sessions.
  await canvas.click({ position: { x: box.width * 0.5, y: box.height * 0.5 } });
  await expect(page).toHaveURL(/\/sessions\?start=20[^&]+&end=20/);
  expect(errors).toEqual([]);
});

test('a newer query aborts the older request; a slow old answer never wins', async ({ page }) => {
  // Record which requests the page aborts (gloo-net passes the signal on the Request).
  await page.addInitScript(() => {
    window.__aborted = [];
    const fetch = window.fetch.bind(window);
    window.fetch = (input, init) => {
      const signal = init?.signal ?? input?.signal;
      signal?.addEventListener('abort', () => window.__aborted.push(String(input?.url ?? input)));
      return fetch(input, init);
    };
  });
  await openLoggedIn(page, '/?refresh=off&histogram=off&panels=protocol');
  const panel = page.getByRole('region', { name: 'protocol', exact: true });
  await expect(panel.getByRole('img')).toBeVisible();
  // Answers for q=protocol:rdp take 3 s; any other answer is immediate.
  await page.route('**/api/audit/sessions/stats**', async (route) => {
    if (route.request().url().includes('q=protocol%3Ardp')) await new Promise((r) => setTimeout(r, 3000));
    await route.continue().catch(() => {});
  });
  const query = page.getByLabel('Query');
  await query.fill('protocol:rdp');
  await query.press('Enter');
  await query.fill('protocol:ssh');
  await query.press('Enter');
  await expect(page).toHaveURL(/q=protocol%3Assh/);
  await expect.poll(async () => (await tableRows(panel)).map((r) => r[0])).toEqual(['SSH']);
  await page.waitForTimeout(3500); // the slow rdp answer would have arrived by now
  expect((await tableRows(panel)).map((r) => r[0])).toEqual(['SSH']);
  // The page aborted the superseded request.
  const aborted = await page.evaluate(() => window.__aborted);
  expect(aborted.some((u) => u.includes('q=protocol%3Ardp'))).toBe(true);
});
