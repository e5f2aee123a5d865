// Faults on the API: each one shows a clear message in the panels only, keeps the
// last good data marked stale, never panics, and recovers on its own within the
// refresh interval (plus backoff) once the fault ends. Recovery times are written
// to target/reliability.json (see RELIABILITY.md).
import { test, expect } from './fixtures.mjs';
import { mkdir, writeFile, readFile } from 'node:fs/promises';
import { openLoggedIn, watchErrors } from './helpers.mjs';

const results = new URL('../../../target/reliability.json', import.meta.url).pathname;

async function record(name, seconds) {
  await mkdir(new URL('../../../target/', import.meta.url).pathname, { recursive: true });
  let all = {};
  try { all = JSON.parse(await readFile(results, 'utf8')); } catch { /* first */ }
  all[name] = { recovered: true, seconds_to_recover: Math.round(seconds * 10) / 10 };
  await writeFile(results, JSON.stringify(all, null, 2));
}

const FAULTS = [
  ['500 SearchUnavailable', (route) => route.fulfill({ status: 500, contentType: 'application/json',
    body: '{"error":{"code":"SearchUnavailable","message":"search backend down"}}' }), /search backend is unavailable/],
  ['429 Too Many Requests', (route) => route.fulfill({ status: 429, contentType: 'text/plain', body: 'slow down' }), /HTTP 429: slow down/],
  ['connection reset', (route) => route.abort('connectionreset'), /Cannot reach SPS/],
  ['truncated JSON', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"items": [{"value": "ss' }), /cannot read/],
];

for (const [name, fault, message] of FAULTS) {
  test(`fault: ${name} — stale data, clear message, automatic recovery`, async ({ page }) => {
    test.setTimeout(60_000);
    const errors = watchErrors(page);
    await openLoggedIn(page, '/?refresh=5s&panels=protocol%3Bverdict');
    const panels = page.locator('.panel-grid section.panel[aria-label]');
    await expect(page.locator('.refresh .freshness')).toHaveText(/^Updated/);
    await page.route('**/api/audit/**', fault);
    await expect(page.locator('.refresh .freshness')).toHaveText(/^Stale since/, { timeout: 15_000 });
    for (const panel of await panels.all()) {
      await expect(panel.locator('.stale')).toContainText(message);
      await expect(panel.getByRole('img')).toBeVisible(); // last good data stays
    }
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible(); // the page itself is fine
    const healed = Date.now();
    await page.unroute('**/api/audit/**');
    await expect(page.locator('.refresh .freshness')).toHaveText(/^Updated/, { timeout: 30_000 });
    await expect(page.locator('.stale')).toHaveCount(0);
    await record(name, (Date.now() - healed) / 1000);
    expect(errors.filter((e) => !/Failed to load resource|net::ERR/.test(e))).toEqual([]);
  });
}

test('fault: 5 s latency — old data stays, no overlapping or duplicate rounds', async ({ page }) => {
  test.setTimeout(60_000);
  await openLoggedIn(page, '/?refresh=5s&panels=protocol&histogram=off');
  const panel = page.getByRole('region', { name: 'protocol', exact: true });
  await expect(panel.getByRole('img')).toBeVisible();
  let requests = 0;
  let running = 0;
  let most = 0;
  await page.route('**/api/audit/sessions/stats**', async (route) => {
    requests += 1;
    running += 1;
    most = Math.max(most, running);
    await new Promise((r) => setTimeout(r, 5000));
    await route.continue();
    running -= 1;
  });
  await page.waitForTimeout(16_000);
  // Rounds follow each other, never overlap: one request at a time, at most
  // one per 5 s (plus the one under way when the wait began).
  expect(most).toBe(1);
  expect(requests).toBeGreaterThanOrEqual(2);
  expect(requests).toBeLessThanOrEqual(4);
  await expect(panel.getByRole('img')).toBeVisible();
  await expect(panel.locator('.stale')).toHaveCount(0); // slow is not failed
});

test('fault: login expires mid-session — dialog, re-login, the same view comes back', async ({ page }) => {
  await openLoggedIn(page, '/?q=protocol%3Assh&refresh=off&panels=verdict');
  const panel = page.getByRole('region', { name: 'verdict', exact: true });
  await expect(panel.getByRole('img')).toBeVisible();
  let expired = true;
  await page.route('**/api/audit/**', (route) => expired
    ? route.fulfill({ status: 401, contentType: 'application/json', body: '{"error":{"code":"Unauthenticated","message":"expired"}}' })
    : route.continue());
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Log in to SPS' });
  await expect(dialog).toBeVisible();
  expired = false;
  await dialog.getByLabel('Username').fill('admin');
  await dialog.getByLabel('Password').fill('demo');
  await dialog.getByRole('button', { name: 'Log in' }).click();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/q=protocol%3Assh/);
  await expect(page.getByLabel('Query')).toHaveValue('protocol:ssh');
  await expect(panel.getByRole('img')).toBeVisible();
  await expect(page.locator('.refresh .freshness')).toHaveText(/^Updated/);
});
