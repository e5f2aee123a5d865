// The SOC wall (kiosk), the portal iframe (embed), keyboard shortcuts and exports.
import { test, expect } from './fixtures.mjs';
import { readFile } from 'node:fs/promises';
import { openLoggedIn, screenshots, watchErrors } from './helpers.mjs';

test('kiosk mode hides the chrome, shows clock and freshness, forces the theme', async ({ page }) => {
  await openLoggedIn(page, '/?kiosk=1&theme=dark&refresh=30s');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  await expect(page.getByLabel('Query')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Edit panel/ })).toHaveCount(0);
  await expect(page.getByLabel('Current time', { exact: true })).toHaveText(/^\d\d:\d\d:\d\d$/);
  const first = await page.getByLabel('Current time', { exact: true }).textContent();
  await expect(page.getByLabel('Current time', { exact: true })).not.toHaveText(first, { timeout: 3000 }); // it ticks
  await expect(page.getByRole('region', { name: 'protocol', exact: true }).getByRole('img')).toBeVisible();
  // Bigger type on the wall: the chart's backing store is drawn at the zoom.
  const body = await page.evaluate(() => getComputedStyle(document.body).fontSize);
  expect(body).toBe('20px');
  await page.screenshot({ path: `${screenshots}wall-dark.png` });
  await page.getByRole('button', { name: 'Exit wall mode' }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page).toHaveURL(/theme=dark/);
  await expect(page).not.toHaveURL(/kiosk/);
});

test('the wall-mode button enters kiosk mode and keeps the view', async ({ page }) => {
  await openLoggedIn(page, '/?q=protocol%3Assh&refresh=off');
  await page.getByRole('button', { name: 'Wall mode' }).click();
  await expect(page).toHaveURL(/kiosk=1/);
  await expect(page).toHaveURL(/q=protocol%3Assh/);
  await expect(page.getByLabel('Current time', { exact: true })).toBeVisible();
});

test('embedded in a portal iframe: only the chosen panels, login prompt inside the frame', async ({ page }) => {
  const errors = watchErrors(page);
  await page.route('**/portal.html', (route) => route.fulfill({
    contentType: 'text/html',
    body: '<!doctype html><title>Portal</title><h1>Intranet</h1>' +
      '<iframe title="SPS" src="/?embed=1&histogram=off&refresh=off&panels=protocol%3Bverdict" style="width:760px;height:520px;border:1px solid #888"></iframe>',
  }));
  await page.goto('/portal.html');
  const frame = page.frameLocator('iframe[title="SPS"]');
  const dialog = frame.getByRole('dialog', { name: 'Log in to SPS' });
  await expect(dialog).toBeVisible();
  await page.screenshot({ path: `${screenshots}embed-login.png` });
  await dialog.getByLabel('Username').fill('admin');
  await dialog.getByLabel('Password').fill('demo');
  await dialog.getByRole('button', { name: 'Log in' }).click();
  await expect(frame.getByRole('region', { name: 'protocol', exact: true }).getByRole('img')).toBeVisible();
  await expect(frame.getByRole('region', { name: 'verdict', exact: true }).getByRole('img')).toBeVisible();
  await expect(frame.getByRole('navigation')).toHaveCount(0);
  await expect(frame.getByRole('region', { name: 'Sessions over time' })).toHaveCount(0);
  await expect(frame.getByLabel('Query')).toHaveCount(0);
  // Sizes to the frame: nothing wider than it.
  const overflow = await frame.locator('html').evaluate((h) => h.scrollWidth - h.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: `${screenshots}embed.png` });
  expect(errors).toEqual([]);
});

test('keyboard: ? help, / query, t tables, r refresh', async ({ page }) => {
  await openLoggedIn(page, '/?refresh=off&panels=protocol');
  const panel = page.getByRole('region', { name: 'protocol', exact: true });
  await expect(panel.getByRole('img')).toBeVisible();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  // The table is always in the DOM; hidden means visually hidden (sr-only).
  const wrap = panel.locator('.chart-table-wrap');
  await expect(wrap).toHaveClass(/sr-only/);
  await page.keyboard.press('t');
  await expect(wrap).not.toHaveClass(/sr-only/);
  await page.keyboard.press('t');
  await expect(wrap).toHaveClass(/sr-only/);

  const again = page.waitForResponse((r) => /stats\?.*field=protocol/.test(r.url()));
  await page.keyboard.press('r');
  await again;

  await page.keyboard.press('/');
  await expect(page.getByLabel('Query')).toBeFocused();
  await page.keyboard.type('t');
  await expect(wrap).toHaveClass(/sr-only/); // typing in the field is not a shortcut
});

test('charts export PNG (2×) and CSV with the table numbers', async ({ page }) => {
  await openLoggedIn(page, '/?refresh=off&panels=protocol');
  const panel = page.getByRole('region', { name: 'protocol', exact: true });
  const canvas = panel.getByRole('img');
  await expect(canvas).toBeVisible();

  const [png] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'PNG' }).click()]);
  expect(png.suggestedFilename()).toMatch(/^sps-protocol-\d{8}-\d{6}\.png$/);
  const bytes = await readFile(await png.path());
  expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  const cssWidth = await canvas.evaluate((c) => c.getBoundingClientRect().width);
  expect(bytes.readUInt32BE(16)).toBe(Math.round(cssWidth * 2)); // IHDR width: drawn at 2×

  const [csv] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'CSV' }).click()]);
  const text = (await readFile(await csv.path(), 'utf8')).replace(/^\uFEFF/, ''); // BOM for spreadsheets
  const rows = await panel.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td:not(.actions)')].map((td) => td.textContent.replace(/,/g, ''))));
  expect(text.trim().split('\r\n')).toEqual(['protocol,count', ...rows.map((r) => r.join(','))]);
});

test('keyboard only: log in, filter, pick a range, edit a panel, open the table', async ({ page }) => {
  await page.goto('/?refresh=off&panels=protocol');
  // The login dialog takes the focus; type and submit without a mouse.
  const dialog = page.getByRole('dialog', { name: 'Log in to SPS' });
  await expect(dialog.getByLabel('Username')).toBeFocused();
  await page.keyboard.type('admin');
  await page.keyboard.press('Tab');
  await page.keyboard.type('demo');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();

  // `/` reaches the query; Enter applies it.
  await page.keyboard.press('/');
  await page.keyboard.type('protocol:ssh');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/q=protocol%3Assh/);

  // Tab to the time range button, open it with Enter, choose a quick range.
  const rangeButton = page.getByRole('button', { name: 'Last 24 hours' });
  for (let i = 0; i < 12 && !(await rangeButton.evaluate((b) => b === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(rangeButton).toBeFocused();
  await page.keyboard.press('Enter');
  const quick = page.getByRole('dialog', { name: 'Time range' }).getByRole('button', { name: 'Last 7 days' });
  await quick.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/start=now-1w/);

  // Every control shows where the focus is.
  const edit = page.getByRole('button', { name: 'Edit panel protocol' });
  await edit.focus();
  const outline = await edit.evaluate((b) => getComputedStyle(b).outlineStyle);
  expect(outline).not.toBe('none');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'protocol', exact: true }).getByLabel('Top')).toBeVisible();

  // The table toggle works from the keyboard too.
  const toggle = page.getByRole('region', { name: 'protocol', exact: true }).getByRole('button', { name: 'Table' });
  await toggle.focus();
  await page.keyboard.press('Space');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
});

// The wall fills any screen without scrolling (src/charts/wall.rs): the smallest cell
// a panel gets, and type that grows with the canvas.
const MIN_CELL = { width: 300, height: 160 };

/** Waits until the histogram and every panel are drawn, and measures the wall. */
async function measureWall(page, panelCount) {
  const canvases = page.locator('canvas[data-font-px]');
  await expect(canvases).toHaveCount(panelCount + 1);
  return page.evaluate(() => ({
    scrollHeight: document.scrollingElement.scrollHeight,
    scrollWidth: document.scrollingElement.scrollWidth,
    innerHeight: window.innerHeight,
    innerWidth: window.innerWidth,
    panels: [...document.querySelectorAll('.panel-grid > section.panel')].map((p) => {
      const r = p.getBoundingClientRect();
      return { name: p.getAttribute('aria-label'), width: r.width, height: r.height, bottom: r.bottom };
    }),
    histogram: document.querySelector('.histogram-canvas').getBoundingClientRect().height,
    fonts: [...document.querySelectorAll('.panel-grid canvas')].map((c) => Number(c.dataset.fontPx)),
    histogramFont: Number(document.querySelector('.histogram-canvas').dataset.fontPx),
    backing: [...document.querySelectorAll('canvas')].map((c) => [c.width, Math.round(c.clientWidth * devicePixelRatio)]),
  }));
}

for (const [width, height, minFont] of [[1280, 720, 12], [1920, 1080, 14], [3840, 2160, 28]]) {
  test(`the wall fills ${width}×${height} without scrolling, type to scale`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await openLoggedIn(page, '/?kiosk=1&theme=dark&refresh=off');
    const wall = await measureWall(page, 5);
    expect(wall.scrollHeight).toBeLessThanOrEqual(wall.innerHeight);
    expect(wall.scrollWidth).toBeLessThanOrEqual(wall.innerWidth);
    expect(wall.panels).toHaveLength(5);
    for (const p of wall.panels) {
      expect(p.width, p.name).toBeGreaterThanOrEqual(MIN_CELL.width);
      expect(p.height, p.name).toBeGreaterThanOrEqual(MIN_CELL.height);
      expect(p.bottom, p.name).toBeLessThanOrEqual(height);
    }
    expect(wall.histogram).toBeGreaterThan(80);
    for (const f of wall.fonts) expect(f).toBeGreaterThanOrEqual(minFont);
    expect(wall.histogramFont).toBeGreaterThanOrEqual(minFont);
    for (const [drawn, css] of wall.backing) expect(Math.abs(drawn - css)).toBeLessThanOrEqual(1);
    // A wall is read, not operated.
    await expect(page.getByRole('button', { name: 'Table' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'PNG' })).toHaveCount(0);
    await page.screenshot({ path: `${screenshots}wall-${width}x${height}.png` });
  });
}

test('the wall reflows when the screen changes size', async ({ page }) => {
  await page.setViewportSize({ width: 3840, height: 2160 });
  await openLoggedIn(page, '/?kiosk=1&refresh=off&panels=protocol%3Bverdict%3Bserver.ip');
  const big = await measureWall(page, 3);
  await page.setViewportSize({ width: 1280, height: 720 });
  await expect.poll(async () => (await measureWall(page, 3)).fonts[0]).toBeLessThan(big.fonts[0]);
  const small = await measureWall(page, 3);
  expect(small.scrollHeight).toBeLessThanOrEqual(small.innerHeight);
  for (const p of small.panels) expect(p.bottom).toBeLessThanOrEqual(720);
  expect(small.panels[0].width).toBeLessThan(big.panels[0].width);
});

test('on the wall, data that cannot be refreshed stays on screen, marked stale, and still fits', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openLoggedIn(page, '/?kiosk=1&refresh=off&panels=protocol%3Bverdict');
  await measureWall(page, 2);
  await expect(page.locator('.kiosk-status')).toHaveText(/^Live · updated/);
  await page.route('**/api/audit/**', (route) => route.fulfill({
    status: 500, contentType: 'application/json',
    body: JSON.stringify({ error: { type: 'SearchUnavailable', message: 'index offline' } }),
  }));
  await page.keyboard.press('r');
  await expect(page.locator('.kiosk-status')).toHaveText(/^Connection lost — showing data from before \d\d:\d\d:\d\d/);
  await expect(page.locator('.kiosk-bar')).toHaveClass(/offline/);
  for (const name of ['protocol', 'verdict', 'Sessions over time']) {
    const panel = page.getByRole('region', { name, exact: true });
    await expect(panel.locator('.stale'), name).toHaveText(/^Stale since \d\d:\d\d:\d\d: /);
  }
  await expect(page.getByRole('region', { name: 'protocol', exact: true }).getByRole('img')).toBeVisible();
  expect(await page.evaluate(() => document.scrollingElement.scrollHeight <= innerHeight)).toBe(true);
  await page.screenshot({ path: `${screenshots}wall-stale.png` });
});

test('stat tiles show the _count of their query in the range, its trend and level', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  const panels = 'stat:sessions:crit=1;stat:active;stat:denied:warn=1:crit=1000000;stat:q=protocol:SSH;protocol';
  await openLoggedIn(page, `/?kiosk=1&theme=dark&refresh=off&panels=${encodeURIComponent(panels)}`);
  const tiles = [
    ['Sessions', '', (n) => (n >= 1 ? 'CRIT' : 'OK')],
    ['Active sessions', 'active:true', null],
    ['Denied or failed', 'verdict:(DENY OR REJECT OR FAIL OR AUTH_FAIL)', (n) => (n >= 1 ? 'WARN' : 'OK')],
    ['protocol:SSH', 'protocol:SSH', null],
  ];
  for (const [name, q, level] of tiles) {
    const tile = page.getByRole('region', { name, exact: true });
    const body = tile.locator('.stat-body');
    await expect(body).toHaveAttribute('data-end', /Z$/);
    const params = new URLSearchParams({ start: await body.getAttribute('data-start'), end: await body.getAttribute('data-end') });
    if (q) params.set('q', q);
    // The same question, asked of the sim directly.
    const answer = await page.request.get(`/api/audit/sessions/_count?${params}`);
    expect(answer.ok(), name).toBeTruthy();
    const count = Number((await answer.json()).count);
    await expect(tile.locator('.stat-number'), name).toHaveText(count.toLocaleString('en-US'));
    await expect(tile.locator('.stat-trend'), name).toHaveText(/^(▲|▼|=) .* vs the previous 1 d$/);
    if (level) await expect(tile.locator('.stat-level'), name).toHaveText(level(count));
    else await expect(tile.locator('.stat-level'), name).toHaveCount(0);
  }
  expect(await page.evaluate(() => document.scrollingElement.scrollHeight <= innerHeight)).toBe(true);
  await page.screenshot({ path: `${screenshots}wall-stat-tiles.png` });
});

test('the wall rotates saved views, says which one shows, and pauses on a key', async ({ page }) => {
  test.setTimeout(60_000);
  // One view saved through the menu, one imported from a file.
  await openLoggedIn(page, '/?panels=protocol&histogram=off&refresh=off');
  await page.getByText('Views', { exact: true }).click();
  await page.getByLabel('Save this view as').fill('protocols');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved as “protocols”.' })).toBeVisible();
  const exported = decodeURIComponent((await page.getByRole('link', { name: 'Export views' }).getAttribute('href')).split(',')[1]);
  expect(JSON.parse(exported).saved).toEqual([{ name: 'protocols', query: 'refresh=off&panels=protocol&histogram=off' }]);
  const file = JSON.parse(exported);
  await page.getByLabel('Import views').setInputFiles({
    name: 'views.json', mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ ...file, saved: [{ name: 'denied', query: 'refresh=off&panels=stat%3Adenied%3Bverdict' }] })),
  });
  await expect(page.getByRole('status').filter({ hasText: 'Imported 1 view.' })).toBeVisible();

  await page.goto('/?kiosk=1&rotate=5s&views=protocols,denied');
  const status = page.getByLabel('Rotation', { exact: true });
  await expect(status).toHaveText(/^protocols \(1\/2\) · next in \d s$/);
  await expect(page).toHaveURL(/panels=protocol&histogram=off&kiosk=1&rotate=5s&views=protocols%2Cdenied$/);
  await expect(page.getByRole('region', { name: 'protocol', exact: true }).getByRole('img')).toBeVisible();
  await expect(status).toHaveText(/^denied \(2\/2\)/, { timeout: 8000 });
  await expect(page.getByRole('region', { name: 'Denied or failed', exact: true }).locator('.stat-number')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Sessions over time' })).toBeVisible();
  // The requests the old view's panels had running are cancelled, not failed.
  await expect(page.locator('.kiosk-status')).toHaveText(/^Live · updated/);
  await expect(page.locator('.kiosk-bar')).not.toHaveClass(/offline/);
  await page.screenshot({ path: `${screenshots}wall-rotation.png` });

  await page.keyboard.press('p');
  await expect(status).toHaveText(/^denied \(2\/2\) · rotation paused, press a key to resume$/);
  await page.waitForTimeout(6000);
  await expect(status).toHaveText(/^denied \(2\/2\) · rotation paused/);
  await page.keyboard.press('p');
  await expect(status).toHaveText(/^protocols \(1\/2\)/, { timeout: 8000 });
});
