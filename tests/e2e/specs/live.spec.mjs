// Live refresh against a sim that goes away: the last good data stays, marked
// stale, and the page recovers by itself when the sim is back.
import { test, expect } from './fixtures.mjs';
import { spawn } from 'node:child_process';
import { screenshots } from './helpers.mjs';
import { CSP } from '../csp.mjs';

// Clear of the main stand-in's port and of another checkout's run (E2E_PORT).
const port = Number(process.env.E2E_PORT ?? 18089) + 1000;
const sim = process.env.SPS_SIM_BIN ?? '../../target/native/sps-sim';

function startSim() {
  const child = spawn(sim, ['--listen', `127.0.0.1:${port}`, '--serve-dir', '../../dist', '--csp', CSP, '--sessions', '2000', '--no-auth'],
    { stdio: 'ignore' });
  return child;
}

async function waitUp() {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/config.json`)).ok) return;
    } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('sim did not start');
}

test('a stopped backend leaves stale data on screen; the page recovers on its own', async ({ page }) => {
  test.setTimeout(90_000);
  let child = startSim();
  try {
    await waitUp();
    await page.goto(`http://127.0.0.1:${port}/?refresh=5s&panels=protocol`);
    const panel = page.getByRole('region', { name: 'protocol', exact: true });
    await expect(panel.getByRole('img')).toBeVisible();
    await expect(page.locator('.refresh .freshness')).toHaveText(/^Updated \d\d:\d\d:\d\d$/);

    child.kill();
    await expect(page.locator('.refresh .freshness')).toHaveText(/^Stale since \d\d:\d\d:\d\d$/, { timeout: 15_000 });
    await expect(panel.locator('.stale')).toContainText('Cannot reach SPS');
    await expect(panel.getByRole('img')).toBeVisible(); // the last good chart stays
    await page.screenshot({ path: `${screenshots}dashboard-stale.png` });

    child = startSim();
    await waitUp();
    // One failed round backs off to 10 s, two to 20 s: recovery comes within that.
    await expect(page.locator('.refresh .freshness')).toHaveText(/^Updated \d\d:\d\d:\d\d$/, { timeout: 45_000 });
    await expect(panel.locator('.stale')).toHaveCount(0);
  } finally {
    child.kill();
  }
});
