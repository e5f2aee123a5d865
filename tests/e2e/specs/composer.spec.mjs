// The query composer on the overview: mistakes underlined under their characters,
// keyboard completion of fields and server values, applying changes the charts,
// the builder round trip, saved queries, accessibility, and a 500-character query kept
// up with keystroke by keystroke (its cost is `scripts/bench keys`).
import { test, expect } from './fixtures.mjs';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { openLoggedIn, screenshots, watchErrors } from './helpers.mjs';
import { QUERY_500, typeAndDelete } from '../../bench/keystrokes.mjs';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Serious and critical axe violations on the page as it is. */
async function seriousViolations(page) {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => ['serious', 'critical'].includes(v.impact));
}

async function darkTheme(page) {
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
}

test('a mistake is underlined under its characters and Apply is disabled with the reason', async ({ page }) => {
  const errors = watchErrors(page);
  await openLoggedIn(page, '/?refresh=off');
  const input = page.getByLabel('Query');
  await input.click();
  await input.pressSequentially('protocl:ssh AND duration:[60 TO *]');
  await page.getByRole('heading', { name: 'Overview' }).click(); // closes the suggestions

  const marked = page.locator('.composer-overlay .hl-error');
  await expect(marked).toHaveText(['protocl']);
  // The underline sits exactly under characters 1–7 of the textarea's text.
  const [mark, colon, box, inset] = await Promise.all([
    marked.boundingBox(),
    page.locator('.composer-overlay .hl-colon').first().boundingBox(),
    input.boundingBox(),
    input.evaluate((el) => parseFloat(getComputedStyle(el).paddingLeft) + parseFloat(getComputedStyle(el).borderLeftWidth)),
  ]);
  expect(Math.abs(mark.x - (box.x + inset))).toBeLessThan(1);
  expect(Math.abs(mark.width - 7 * colon.width)).toBeLessThan(1);

  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('button', { name: 'Apply' })).toBeDisabled();
  await expect(page.locator('.composer-blocker')).toHaveText('Apply is disabled: fix the error at column 1 first.');
  await expect(page.locator('#query-problems')).toContainText('unknown field `protocl`; did you mean `protocol`?');
  await page.screenshot({ path: `${screenshots}composer-error-light.png`, clip: { x: 0, y: 0, width: 1280, height: 260 } });
  await darkTheme(page);
  await page.screenshot({ path: `${screenshots}composer-error-dark.png`, clip: { x: 0, y: 0, width: 1280, height: 260 } });

  // Fixing it enables Apply; a long query wraps onto more lines, the copy with it.
  await input.fill('protocol:ssh AND duration:[60 TO *] AND user.gateway_username:adm* AND NOT verdict:DENY AND server.name:"db 01" AND (client.ip:10.0.0.1 OR client.ip:10.0.0.2) AND start_time:[2024-01-01 TO *]');
  await expect(page.getByRole('button', { name: 'Apply' })).toBeEnabled();
  await expect(marked).toHaveCount(0);
  const [overlayBox, inputBox] = await Promise.all([page.locator('.composer-overlay').boundingBox(), input.boundingBox()]);
  expect(inputBox.height).toBeGreaterThan(40);
  expect(overlayBox).toEqual(inputBox);
  await page.screenshot({ path: `${screenshots}composer-multiline-dark.png`, clip: { x: 0, y: 0, width: 1280, height: 260 } });
  expect(errors).toEqual([]);
});

test('fields and server values complete with the keyboard; applying changes the charts', async ({ page }) => {
  const errors = watchErrors(page);
  await openLoggedIn(page, '/?refresh=off&panels=protocol');
  const canvas = page.getByRole('region', { name: 'protocol', exact: true }).getByRole('img');
  await expect(canvas).toHaveAttribute('aria-label', /^protocol: /);
  const before = await canvas.getAttribute('aria-label');

  const input = page.getByLabel('Query');
  await input.click();
  await input.pressSequentially('server.na');
  const list = page.getByRole('listbox', { name: 'Suggestions' });
  const options = list.getByRole('option');
  await expect(options).toHaveCount(1);
  await expect(options.first()).toContainText('server.name');
  await expect(options.first()).toContainText('Host name of the server');
  await expect(input).toHaveAttribute('aria-expanded', 'true');

  const valuesAsked = page.waitForRequest((r) => /\/api\/audit\/sessions\/stats\?/.test(r.url())
    && r.url().includes('field=server.name') && r.url().includes('size=10'));
  await page.keyboard.press('ArrowDown');
  await expect(input).toHaveAttribute('aria-activedescendant', await options.first().getAttribute('id'));
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(input).toHaveValue('server.name:');
  await valuesAsked;
  await expect(options.first().locator('.completion-kind')).toHaveText('frequent');
  const value = await options.first().locator('.completion-label').textContent();
  await page.screenshot({ path: `${screenshots}composer-values-light.png`, clip: { x: 0, y: 0, width: 1280, height: 480 } });
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  // Inserted escaped, as sps-query's escape_value does: quoted when it holds `<`, `>`
  // or `=`, else every special character escaped (`-` and `+` only starting the word).
  const escaped = /[<>=]/.test(value)
    ? `"${value.replace(/["\\]/g, '\\$&')}"`
    : value.replace(/[&|!(){}[\]^"~*?:\\/\s]|^[-+]/g, '\\$&');
  await expect(input).toHaveValue(`server.name:${escaped}`);
  await expect(list).toHaveCount(0);

  const narrowed = page.waitForResponse((r) => /stats\?.*field=protocol/.test(r.url()) && r.url().includes('q=server.name') && r.status() === 200);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/q=server\.name%3A/);
  await narrowed;
  await expect(canvas).not.toHaveAttribute('aria-label', before);
  expect(errors).toEqual([]);
});

test('switching to the builder and back keeps the exact text; builder edits apply', async ({ page }) => {
  const errors = watchErrors(page);
  const text = 'protocol:(ssh OR rdp) AND NOT verdict:DENY';
  await openLoggedIn(page, `/?refresh=off&q=${encodeURIComponent(text)}`);
  const input = page.getByLabel('Query');
  await expect(input).toHaveValue(text);

  await page.getByRole('button', { name: 'Builder' }).click();
  const builder = page.getByRole('group', { name: 'Query builder' });
  await expect(builder.getByLabel('Field')).toHaveCount(2);
  await expect(builder.getByLabel('Field').nth(0)).toHaveValue('protocol');
  await expect(builder.getByLabel('Operator').nth(0)).toHaveValue('one-of');
  await expect(builder.getByLabel('Value 2', { exact: true })).toHaveValue('rdp');
  await expect(builder.getByLabel('Field').nth(1)).toHaveValue('verdict');
  await expect(builder.getByLabel('Operator').nth(1)).toHaveValue('is-not');
  await expect(page.locator('.builder-preview')).toHaveText(`Query: ${text}`);

  await page.getByRole('button', { name: 'Text' }).click();
  await expect(input).toHaveValue(text);

  // Add a condition: Apply waits for its value, then applies the rows.
  await page.getByRole('button', { name: 'Builder' }).click();
  await builder.getByRole('button', { name: '+ Condition' }).first().click();
  await expect(page.getByRole('button', { name: 'Apply' })).toBeDisabled();
  await expect(page.locator('.composer-blocker')).toHaveText('Apply is disabled: condition 3 needs a value.');
  await builder.getByLabel('Field').nth(2).selectOption('active');
  await builder.getByLabel('Value', { exact: true }).nth(1).fill('true');
  await expect(page.locator('.builder-preview')).toHaveText(`Query: ${text} AND active:true`);
  await page.screenshot({ path: `${screenshots}composer-builder-light.png`, clip: { x: 0, y: 0, width: 1280, height: 400 } });
  await darkTheme(page);
  await page.screenshot({ path: `${screenshots}composer-builder-dark.png`, clip: { x: 0, y: 0, width: 1280, height: 400 } });
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/q=protocol%3A%28ssh\+OR\+rdp%29\+AND\+NOT\+verdict%3ADENY\+AND\+active%3Atrue/);

  // What the builder cannot show stays text, untouched, with the reason.
  await page.getByRole('button', { name: 'Text' }).click();
  await input.fill('NOT (protocol:ssh OR protocol:rdp)');
  await page.getByRole('button', { name: 'Builder' }).click();
  await expect(page.locator('.composer-note')).toContainText('This query stays in text mode');
  await expect(input).toHaveValue('NOT (protocol:ssh OR protocol:rdp)');
  expect(errors).toEqual([]);
});

test('saved and recent queries survive a reload and export as JSON', async ({ page }) => {
  await openLoggedIn(page, '/?refresh=off');
  const input = page.getByLabel('Query');
  await input.fill('verdict:DENY');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/q=verdict%3ADENY/);

  await page.getByRole('button', { name: 'Queries' }).click();
  await page.getByLabel('Save the current query as').fill('Denied');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved as “Denied”.' })).toBeVisible();
  await page.screenshot({ path: `${screenshots}composer-picker-light.png`, clip: { x: 600, y: 0, width: 680, height: 560 } });

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export JSON' }).click();
  const file = JSON.parse(readFileSync(await (await download).path(), 'utf8'));
  expect(file).toMatchObject({ format: 'sps-dashboard-queries', version: 1, endpoint: 'sessions' });
  expect(file.saved).toEqual([{ name: 'Denied', query: 'verdict:DENY' }]);
  expect(file.recent[0]).toBe('verdict:DENY');

  await page.goto('/?refresh=off');
  await page.getByRole('button', { name: 'Queries' }).click();
  await page.getByRole('button', { name: /^Denied/ }).click();
  await expect(input).toHaveValue('verdict:DENY');

  // Import refuses another endpoint's file and says why.
  await page.getByRole('button', { name: 'Queries' }).click();
  await page.getByLabel('Import JSON').setInputFiles({
    name: 'events.json', mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ ...file, endpoint: 'events' })),
  });
  await expect(page.getByRole('status').filter({ hasText: 'Not imported: these are events queries' })).toBeVisible();
});

test('no serious accessibility violation with errors, suggestions, builder and picker shown', async ({ page }) => {
  await openLoggedIn(page, '/?refresh=off');
  const input = page.getByLabel('Query');
  await input.click();
  await input.pressSequentially('protocl:ssh AND ');
  await expect(page.getByRole('listbox', { name: 'Suggestions' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await input.fill('protocol:ssh');
  await page.getByRole('button', { name: 'Builder' }).click();
  await page.getByRole('button', { name: 'Queries' }).click();
  expect(await seriousViolations(page)).toEqual([]);
});

test('a 500-character query: every keystroke is highlighted and validated before the next', async ({ page }) => {
  // The cost of a keystroke is a benchmark (`scripts/bench keys`); this checks what it times.
  await openLoggedIn(page, '/?refresh=off');
  expect(QUERY_500.length).toBe(500);
  const input = page.getByLabel('Query');
  await input.click();
  const result = await input.evaluate(typeAndDelete, [QUERY_500, 21]);
  expect(result.stale).toBe(0);
  expect(result.spans).toBeGreaterThan(100);
});
