// The overview shows the top-protocols panel with exactly the sim's numbers.
import { test, expect } from './fixtures.mjs';
import { openLoggedIn, screenshots, watchErrors } from './helpers.mjs';

test('overview shows top protocols as chart and table with the sim numbers', async ({ page }) => {
  const errors = watchErrors(page);
  const statsAnswer = page.waitForResponse(
    (r) => /\/api\/audit\/sessions\/stats\?.*field=protocol/.test(r.url()) && r.status() === 200);
  await openLoggedIn(page, '/?refresh=off&panels=protocol');
  const stats = await (await statsAnswer).json();
  expect(stats.items.length).toBeGreaterThan(0);

  const panel = page.getByRole('region', { name: 'protocol', exact: true });
  const canvas = panel.getByRole('img');
  await expect(canvas).toHaveAttribute('aria-label', new RegExp(`^protocol: ${stats.items[0].value} `));

  // The table is in the DOM (for screen readers) before it is shown.
  const table = panel.getByRole('table');
  await expect(table).toHaveCount(1);
  await expect(panel.locator('.chart-table-wrap')).toHaveClass(/sr-only/);
  await panel.getByRole('button', { name: 'Table' }).click();
  await expect(panel.locator('.chart-table-wrap')).not.toHaveClass(/sr-only/);

  const rows = await table.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td:not(.actions)')].map((td) => td.textContent)));
  const expected = stats.items.map((i) => [i.value, i.count.toLocaleString('en-US')]);
  if (stats.meta.others > 0) {
    expected.push([`other (${stats.meta.others.toLocaleString('en-US')} sessions)`, stats.meta.others.toLocaleString('en-US')]);
  }
  expect(rows).toEqual(expected);

  // The canvas holds drawn pixels of more than one colour.
  const colours = await canvas.evaluate((c) => {
    const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const seen = new Set();
    for (let i = 0; i < data.length; i += 4 * 97) seen.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
    return seen.size;
  });
  expect(colours).toBeGreaterThan(3);

  await page.screenshot({ path: `${screenshots}overview-light-1280.png`, fullPage: true });
  expect(errors).toEqual([]);
});

test('dark theme applies and is remembered', async ({ page }) => {
  await openLoggedIn(page);
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('region', { name: 'protocol', exact: true }).getByRole('img')).toBeVisible();
  await page.screenshot({ path: `${screenshots}overview-dark-1280.png`, fullPage: true });
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  // The login cookie survived the reload: no dialog this time.
  await expect(page.getByRole('region', { name: 'protocol', exact: true }).getByRole('img')).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('wall-screen size renders crisp at 4K', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  await openLoggedIn(page);
  const canvas = page.getByRole('region', { name: 'protocol', exact: true }).getByRole('img');
  await expect(canvas).toBeVisible();
  const [backing, css] = await canvas.evaluate((c) => [c.width, c.getBoundingClientRect().width]);
  expect(backing).toBe(Math.round(css * 2));
  await page.screenshot({ path: `${screenshots}overview-light-3840x2160.png` });
  await context.close();
});

test('navigation reaches every route; unknown paths say so', async ({ page }) => {
  const errors = watchErrors(page);
  await openLoggedIn(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sessions' }).click();
  await expect(page).toHaveURL(/\/sessions$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Sessions' })).toBeVisible();
  // An unknown session id: its 404 is expected; the id shows as text, never markup.
  await page.goto('/sessions/abc%3Cb%3Ex');
  await expect(page.getByText('abc<b>x').first()).toBeVisible();
  await expect(page.locator('b')).toHaveCount(0);
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
});

test('a failing API shows the error state in the panel', async ({ page }) => {
  await page.route('**/api/audit/sessions/stats**', (route) =>
    route.fulfill({ status: 500, contentType: 'application/json', body: '{"error":{"code":"SearchUnavailable","message":"backend down"}}' }));
  await page.goto('/?panels=protocol');
  const alert = page.getByRole('region', { name: 'protocol', exact: true }).getByRole('alert');
  await expect(alert).toContainText('The SPS search backend is unavailable: backend down');
  await page.screenshot({ path: `${screenshots}overview-error.png` });
});

test('an empty answer shows the empty state', async ({ page }) => {
  await page.route('**/api/audit/sessions/stats**', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: '{"items":[],"meta":{"others":0}}' }));
  await page.goto('/?panels=protocol');
  await expect(page.getByRole('region', { name: 'protocol', exact: true }).getByRole('status')).toHaveText(/No sessions in this time range/);
});
