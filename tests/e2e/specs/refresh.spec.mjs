// Refresh re-asks on every page, for fixed and relative ranges alike (issue 16):
// with an absolute range nothing in a request changes between rounds, and the
// sessions page used to send nothing at all.
import { test, expect } from './fixtures.mjs';
import { openLoggedIn } from './helpers.mjs';

// An absolute range around the sim's demo data (which ends now).
const iso = (ms) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
const FIXED = `start=${encodeURIComponent(iso(Date.now() - 7 * 86_400_000))}&end=${encodeURIComponent(iso(Date.now() + 3_600_000))}`;

/** Counts the API requests whose path ends with one of `endings`. */
function countRequests(page, endings) {
  const seen = Object.fromEntries(endings.map((e) => [e, 0]));
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    for (const e of endings) if (path.endsWith(e)) seen[e] += 1;
  });
  return seen;
}

const pages = [
  { name: 'sessions page', path: 'sessions', endings: ['/audit/sessions', '/audit/sessions/_count'], ready: '.sessions-table tbody tr' },
  { name: 'overview', path: '', endings: ['/audit/sessions/histogram', '/audit/sessions/stats'], ready: '.panel canvas' },
];

for (const { name, path, endings, ready } of pages) {
  for (const range of ['fixed', 'relative']) {
    const query = range === 'fixed' ? FIXED : 'start=now-1w';

    test(`${name}, ${range} range: the Refresh button asks again`, async ({ page }) => {
      await openLoggedIn(page, `/${path}?refresh=off&${query}`);
      await expect(page.locator(ready).first()).toBeVisible();
      await expect(page.locator('.freshness')).toHaveText(/^Updated/);
      const seen = countRequests(page, endings);
      await page.getByRole('button', { name: 'Refresh', exact: true }).click();
      for (const e of endings) await expect.poll(() => seen[e], `${e} asked again`).toBeGreaterThan(0);
      await expect(page.locator(ready).first()).toBeVisible();
    });
  }

  test(`${name}, fixed range: auto-refresh asks every interval`, async ({ page }) => {
    test.setTimeout(40_000);
    await openLoggedIn(page, `/${path}?refresh=5s&${FIXED}`);
    await expect(page.locator(ready).first()).toBeVisible();
    const seen = countRequests(page, endings);
    // Two rounds in ~11 s at 5 s.
    for (const e of endings) await expect.poll(() => seen[e], { message: `${e} rounds`, timeout: 15_000 }).toBeGreaterThanOrEqual(2);
  });
}

test('sessions page, fixed range: a refresh shows a session that became active', async ({ page }) => {
  await openLoggedIn(page, `/sessions?refresh=off&${FIXED}`);
  await expect(page.locator('.result-count')).toBeVisible();
  // The answer changes between rounds: the page must show the second one.
  let round = 0;
  await page.route('**/audit/sessions/_count*', async (route) => {
    const answer = await route.fetch();
    const body = await answer.json();
    round += 1;
    await route.fulfill({ response: answer, json: { ...body, count: body.count + round * 1000 } });
  });
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  await expect.poll(() => round).toBeGreaterThan(0);
  const text = await page.locator('.result-count').textContent();
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  await expect(page.locator('.result-count')).not.toHaveText(text);
});
