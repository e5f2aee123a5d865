// Automated accessibility audit: axe-core (npm, run inside the page) on every page —
// the overview, the sessions list, one session, the login dialog — in both themes,
// and on the overview's popups. No serious or critical violation may remain;
// minor and moderate ones are printed for the record.
import { test, expect } from './fixtures.mjs';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { openLoggedIn, PASSWORD, USER } from './helpers.mjs';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe on the page as it is; returns the serious and critical violations. */
async function audit(page, name) {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary.split('\n').slice(1).join(' ').trim()}`),
    }));
  });
  for (const v of violations.filter((x) => !['serious', 'critical'].includes(x.impact))) {
    console.log(`a11y ${name}: ${v.impact} ${v.id} (${v.help}) ×${v.nodes.length}, first: ${v.nodes[0]}`);
  }
  return violations.filter((v) => ['serious', 'critical'].includes(v.impact));
}

/** Logs in through the dialog, then waits for the page to settle (charts drawn). */
async function settle(page) {
  await page.waitForLoadState('networkidle');
  await expect(page.locator('.splash')).toHaveCount(0);
}

test('the login dialog', async ({ page }) => {
  await page.goto('/?refresh=off');
  const dialog = page.getByRole('dialog', { name: 'Log in to SPS' });
  await expect(dialog).toBeVisible();
  expect(await audit(page, 'login')).toEqual([]);
  // With an error shown too.
  await dialog.getByLabel('Username').fill(USER);
  await dialog.getByLabel('Password').fill(`${PASSWORD}-wrong`);
  await dialog.getByRole('button', { name: 'Log in' }).click();
  await expect(dialog.getByRole('alert')).toBeVisible();
  expect(await audit(page, 'login error')).toEqual([]);
});

for (const theme of ['light', 'dark']) {
  test(`every page, ${theme} theme`, async ({ page }) => {
    test.setTimeout(60_000);
    await openLoggedIn(page, `/?refresh=off&theme=${theme}`);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await expect(page.getByRole('region', { name: 'Sessions over time' }).getByRole('img')).toBeVisible();
    await settle(page);
    expect(await audit(page, `overview ${theme}`)).toEqual([]);

    await page.getByRole('button', { name: 'Last 24 hours' }).click();
    await expect(page.getByRole('dialog', { name: 'Time range' })).toBeVisible();
    expect(await audit(page, `time range ${theme}`)).toEqual([]);
    await page.getByRole('button', { name: 'Last 24 hours', expanded: true }).click();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sessions' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sessions' })).toBeVisible();
    await settle(page);
    expect(await audit(page, `sessions ${theme}`)).toEqual([]);

    const list = await page.request.get('/api/audit/sessions?limit=1');
    const id = (await list.json()).items[0].key;
    await page.goto(`/sessions/${encodeURIComponent(id)}?theme=${theme}`);
    await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
    await settle(page);
    expect(await audit(page, `session ${theme}`)).toEqual([]);

    await page.goto('/no/such/page');
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    expect(await audit(page, `not found ${theme}`)).toEqual([]);
  });
}

test('wall mode and the shortcut help', async ({ page }) => {
  await openLoggedIn(page, '/?kiosk=1&theme=dark&refresh=off');
  await expect(page.getByRole('region', { name: 'protocol', exact: true }).getByRole('img')).toBeVisible();
  await settle(page);
  // The heading is out of sight on the wall, but still there for screen readers.
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toHaveClass('sr-only');
  expect(await audit(page, 'wall')).toEqual([]);
  await page.goto('/?refresh=off');
  await expect(page.getByRole('region', { name: 'protocol', exact: true }).getByRole('img')).toBeVisible();
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: /shortcuts/i })).toBeVisible();
  expect(await audit(page, 'shortcut help')).toEqual([]);
});

test('the audit itself finds serious problems', async ({ page }) => {
  await page.setContent('<!doctype html><html lang="en"><title>t</title><main><h1>t</h1>'
    + '<img src="data:,"><button></button><p style="color:#bbb;background:#fff">faint</p></main></html>');
  const found = (await audit(page, 'sanity')).map((v) => v.id).sort();
  expect(found).toEqual(['button-name', 'color-contrast', 'image-alt']);
});

test('the skip link moves focus to the main content and stays on the page', async ({ page }) => {
  // With <base href="/"> (README "Production deployment"), href="#main" means "/#main":
  // the shell's link therefore moves the focus itself instead of navigating.
  await openLoggedIn(page, '/?refresh=off');
  await page.goto('/sessions');
  await expect(page.getByRole('heading', { level: 1, name: 'Sessions' })).toBeVisible();
  await page.getByRole('link', { name: 'Skip to content' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/sessions$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Sessions' })).toBeVisible();
  await expect(page.locator('main')).toBeFocused();
});
