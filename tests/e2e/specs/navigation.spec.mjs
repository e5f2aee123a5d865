// Every control that links or navigates, walked at the root and under the portal's
// sub-path (issue 16): after each click the URL must stay under the mount, hold the
// base exactly once, and the page must not be "Page not found". Served by the
// stand-in proxy (../standin.mjs), which serves the same dist/ at both mounts.
import { test, expect } from './fixtures.mjs';
import { openLoggedIn, watchErrors } from './helpers.mjs';
import { startStandIn, SUB } from '../standin.mjs';

const port = Number(process.env.E2E_PORT ?? 18089) + 4000;
const origin = `http://127.0.0.1:${port}`;

let server;
test.beforeAll(async () => { server = await startStandIn(port); });
test.afterAll(async () => new Promise((r) => server.close(r)));

for (const mount of ['/', `${SUB}/`]) {
  const base = `${origin}${mount}`;
  const prefix = mount.replace(/\/$/, '');

  /** The page is the app's `path` (a regex source on the app-relative path) under the mount. */
  async function expectAt(page, path) {
    await expect(page).toHaveURL(new RegExp(`^${origin}${prefix}${path}`));
    const url = new URL(page.url());
    if (prefix) expect(url.pathname.split(SUB).length - 1, `${url.pathname}: the base once`).toBe(1);
    await expect(page.getByRole('heading', { name: 'Page not found' })).toHaveCount(0);
  }

  test.describe(`under ${mount}`, () => {
    test('overview: header, time range, panel filter, histogram bar', async ({ page }) => {
      const errors = watchErrors(page);
      await openLoggedIn(page, `${base}?refresh=off&panels=protocol`);
      await expectAt(page, '/\\?');
      const nav = page.getByRole('navigation', { name: 'Main' });
      await nav.getByRole('link', { name: 'Sessions' }).click();
      await expectAt(page, '/sessions$');
      await nav.getByRole('link', { name: 'Overview' }).click();
      await expectAt(page, '/?$');
      await page.getByRole('button', { name: 'Last 24 hours' }).click();
      await page.getByRole('dialog', { name: 'Time range' }).getByRole('button', { name: 'Last 7 days' }).click();
      await expectAt(page, '/\\?.*start=now-1w');
      // A bar of a top-N panel narrows the query, on the overview.
      const panel = page.getByRole('region', { name: 'protocol', exact: true });
      await panel.getByRole('button', { name: 'Table' }).click();
      await panel.getByRole('button', { name: /^Filter to / }).first().click();
      await expectAt(page, '/\\?.*q=protocol');
      // A histogram bar lists its sessions.
      const histogram = page.getByRole('region', { name: 'Sessions over time' }).getByRole('img');
      await expect(histogram).toBeVisible();
      await histogram.click();
      await expectAt(page, '/sessions\\?.*start=');
      await expect(page.getByRole('heading', { level: 1, name: 'Sessions' })).toBeVisible();
      await page.getByRole('link', { name: 'SPS Dashboard' }).click();
      await expectAt(page, '/?$');
      expect(errors).toEqual([]);
    });

    test('session search: sort, page, rows per page, columns, cell filter, active badge, open', async ({ page }) => {
      const errors = watchErrors(page);
      await openLoggedIn(page, `${base}sessions?refresh=off&start=now-1w`);
      const rows = page.locator('.sessions-table tbody tr');
      await expect(rows.first()).toBeVisible();
      await page.getByRole('button', { name: /^Protocol/ }).click();
      await expectAt(page, '/sessions\\?.*sort=');
      await expect(rows.first()).toBeVisible();
      await page.getByRole('button', { name: 'Page 2', exact: true }).click();
      await expectAt(page, '/sessions\\?.*page=2');
      await page.getByLabel('Rows per page').selectOption('25');
      await expectAt(page, '/sessions\\?.*size=25');
      await expect(rows).toHaveCount(25);
      await page.getByRole('button', { name: /^Columns/ }).click();
      const columns = page.getByRole('dialog', { name: 'Columns' });
      await columns.getByRole('checkbox', { name: 'Server name' }).click();
      await columns.getByRole('button', { name: 'Done' }).click();
      await expectAt(page, '/sessions\\?.*cols=');
      // Click-to-filter on a cell's value.
      await rows.first().locator('td.col-text').getByRole('button').first().click();
      await expectAt(page, '/sessions\\?.*q=');
      await expect(rows.first()).toBeVisible();
      await page.goto(`${base}sessions?refresh=off&start=now-1w`);
      const badge = page.locator('.page-heading .badge-active');
      await expect(badge).toBeVisible();
      await badge.click();
      await expectAt(page, '/sessions\\?.*q=active%3Atrue');
      await expect(rows.first()).toBeVisible();
      // A row opens its session; the plain link points at the same place.
      const href = await rows.first().locator('.open-link').getAttribute('href');
      expect(href.startsWith(`${prefix}/sessions/`)).toBe(true);
      await rows.first().locator('td').first().click();
      await expectAt(page, '/sessions/[^/?]+');
      await expect(page.getByRole('heading', { level: 1, name: 'Session' })).toBeVisible();
      expect(errors).toEqual([]);
    });

    test('session page: chips, event filter and selection, prev/next, back, find similar', async ({ page }) => {
      const errors = watchErrors(page);
      // Accepted SSH sessions have recorded events (a denied one has none to select).
      const accepted = encodeURIComponent('protocol:SSH AND verdict:ACCEPT');
      await openLoggedIn(page, `${base}sessions?refresh=off&start=now-1w&size=10&q=${accepted}`);
      const rows = page.locator('.sessions-table tbody tr');
      await expect(rows.first()).toBeVisible();
      await rows.nth(1).locator('td').first().click();
      await expectAt(page, '/sessions/[^/?]+');
      const first = new URL(page.url()).pathname;

      const events = page.getByRole('region', { name: 'Events' });
      const chip = events.getByRole('group', { name: 'Event types' }).locator('.chip:not(.chip-clear)').first();
      await expect(chip).toBeVisible();
      await chip.click();
      await expectAt(page, '/sessions/[^/?]+\\?.*types=');
      await events.getByRole('button', { name: 'All types' }).click();
      await expectAt(page, '/sessions/[^/?]+');
      const row = events.locator('.events-rows > .event-row').first();
      await expect(row).toBeVisible();
      await row.click();
      await expectAt(page, '/sessions/[^/?]+\\?.*event=');

      await page.getByRole('button', { name: 'Next ›' }).click();
      await expectAt(page, '/sessions/[^/?]+');
      await expect.poll(() => new URL(page.url()).pathname).not.toBe(first);
      await page.getByRole('button', { name: '‹ Previous' }).click();
      await expect.poll(() => new URL(page.url()).pathname).toBe(first);
      await expectAt(page, '/sessions/[^/?]+');

      // A property's "find similar" link searches sessions with its value.
      const similar = page.locator('.session-summary .find-similar').first();
      await expect(similar).toBeVisible();
      await similar.click();
      await expectAt(page, '/sessions\\?q=');
      await page.goBack();
      await expectAt(page, '/sessions/[^/?]+');

      await page.getByRole('link', { name: '← Back to results' }).click();
      await expectAt(page, '/sessions\\?.*size=10');
      await expect(rows.first()).toBeVisible();

      // Opened without a remembered result, the bar links to the search.
      await page.goto(`${base}sessions/${first.split('/').pop()}`);
      await page.evaluate(() => sessionStorage.clear());
      await page.reload();
      await page.getByRole('link', { name: '← Session search' }).click();
      await expectAt(page, '/sessions$');
      expect(errors).toEqual([]);
    });
  });
}
