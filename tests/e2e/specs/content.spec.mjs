// Content search (issue 17): words SPS recorded in the sessions narrow the top-N
// panels (the stats `content` parameter, counted by the sim as SPS documents it),
// the histogram says it is not narrowed, the search lives in the URL, and a session
// opened from it shows its events filtered by the words, marked.
import { test, expect } from './fixtures.mjs';
import { openLoggedIn, screenshots, watchErrors } from './helpers.mjs';

// In the demo data `restart` is recorded in SSH (`systemctl restart nginx`) and in
// desktop sessions (`… require a restart`), so the protocol panel has several bars.
const WORD = 'restart';
const fmt = (n) => n.toLocaleString('en-US');

/** The rows of a panel's table as text, shown or not. */
async function tableRows(panel) {
  return panel.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td:not(.actions)')].map((td) => td.textContent)));
}

test('a content search narrows every top-N panel to what SPS counts, not the histogram', async ({ page }) => {
  const errors = watchErrors(page);
  const asked = [];
  page.on('request', (r) => { if (r.url().includes('/api/audit/')) asked.push(r.url()); });
  // A fixed range: the reload below must ask about the same window (a relative one
  // moves, and a session crossing its edge changes the counts).
  const iso = (ms) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  const range = `start=${encodeURIComponent(iso(Date.now() - 86_400_000))}&end=${encodeURIComponent(iso(Date.now() + 3_600_000))}`;
  await openLoggedIn(page, `/?refresh=off&tz=UTC&panels=protocol%3Bverdict&${range}`);
  const protocol = page.getByRole('region', { name: 'protocol', exact: true });
  const verdict = page.getByRole('region', { name: 'verdict', exact: true });
  const histogram = page.getByRole('region', { name: 'Sessions over time' });
  await expect(protocol.getByRole('img')).toBeVisible();
  const unnarrowed = await tableRows(protocol);
  await expect(page.getByRole('note').filter({ hasText: /content/i })).toHaveCount(0);

  const search = page.getByLabel('Recorded content');
  await search.fill(WORD);
  const narrowed = page.waitForResponse((r) => /stats\?.*content=restart.*field=protocol/.test(r.url()) && r.status() === 200);
  await search.press('Enter');
  await expect(page).toHaveURL(new RegExp(`[?&]content=${WORD}(&|$)`));
  const request = new URL((await narrowed).url());

  // The sim's own answer to the same question, asked directly.
  const direct = new URL('/api/audit/sessions/stats', page.url());
  for (const key of ['field', 'size', 'start', 'end']) direct.searchParams.set(key, request.searchParams.get(key));
  direct.searchParams.set('content', WORD);
  const answer = await (await page.request.get(direct.href)).json();
  expect(answer.items.length).toBeGreaterThan(1);
  const expected = answer.items.map((i) => [i.value, fmt(i.count)]);
  await expect.poll(() => tableRows(protocol)).toEqual(expected);
  expect(expected).not.toEqual(unnarrowed);

  // Every top-N panel notes the cap; the histogram says it is not narrowed.
  for (const panel of [protocol, verdict]) {
    await expect(panel.getByRole('note')).toHaveText(/first 3,000 matching sessions/);
  }
  await expect(histogram.getByRole('note').filter({ hasText: 'Not narrowed by content' })).toBeVisible();
  await expect(histogram.getByRole('img')).toBeVisible();
  await expect(histogram.getByRole('alert')).toHaveCount(0);
  const statsAsked = asked.filter((u) => u.includes('/stats?'));
  expect(statsAsked.filter((u) => u.includes(`content=${WORD}`)).length).toBeGreaterThanOrEqual(2);
  expect(asked.filter((u) => u.includes('/histogram?') && u.includes('content='))).toEqual([]);
  await page.screenshot({ path: `${screenshots}content-overview.png`, fullPage: true });

  // A reload keeps it: box, URL, notes and counts.
  await page.reload();
  await expect(page.getByLabel('Recorded content')).toHaveValue(WORD);
  await expect.poll(() => tableRows(protocol)).toEqual(expected);
  await expect(histogram.getByRole('note').filter({ hasText: 'Not narrowed by content' })).toBeVisible();

  // A histogram bar lists its sessions, the content search kept (and said not to apply).
  const canvas = histogram.getByRole('img');
  const box = await canvas.boundingBox();
  await canvas.click({ position: { x: box.width * 0.5, y: box.height * 0.5 } });
  await expect(page).toHaveURL(new RegExp(`/sessions\\?start=20[^&]+&end=20[^&]+&content=${WORD}`));
  await expect(page.getByRole('note').filter({ hasText: 'The content search is not applied to this list' })).toBeVisible();
  await expect(page.getByLabel('Recorded content')).toHaveValue(WORD);
  await page.screenshot({ path: `${screenshots}content-sessions.png` });

  // Clearing it takes it out of the URL and the notes away.
  await page.goBack();
  await page.getByRole('button', { name: 'Clear content search' }).click();
  await expect(page).not.toHaveURL(/content=/);
  await expect(verdict.getByRole('note')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a session opened from a content search shows its events filtered by the words, marked', async ({ page }) => {
  // One session whose recorded content holds the word, found by asking the sim.
  await openLoggedIn(page, '/sessions?refresh=off');
  const ids = await page.request.get(`/api/audit/sessions/stats?field=recording.content_reference_id&content=${WORD}&size=1&start=1970-01-01T00:00:00Z`);
  const [{ value: reference }] = (await ids.json()).items;
  await page.goto(`/sessions?refresh=off&start=now-60d&content=${WORD}&q=recording.content_reference_id%3A${reference}`);
  await expect(page.getByRole('note').filter({ hasText: 'The content search is not applied to this list' })).toBeVisible();
  const link = page.locator('.sessions-table .open-link');
  await expect(link).toHaveCount(1);
  expect(await link.getAttribute('href')).toMatch(new RegExp(`\\?q=content%3A${WORD}$`));
  await page.locator('.sessions-table tbody tr td').first().click();

  await expect(page).toHaveURL(new RegExp(`/sessions/[^?]+\\?q=content%3A${WORD}$`));
  const events = page.getByRole('region', { name: 'Events' });
  await expect(events.getByLabel('Query')).toHaveValue(`content:${WORD}`);
  const marks = events.locator('.events-table mark');
  await expect(marks.first()).toBeVisible();
  expect(new Set((await marks.allTextContents()).map((t) => t.toLowerCase()))).toEqual(new Set([WORD]));
  // Every listed event holds the word; the marks are text, never markup.
  const contents = await events.locator('.events-table .ev-content').allTextContents();
  expect(contents.length).toBeGreaterThan(0);
  for (const c of contents) expect(c.toLowerCase()).toContain(WORD);
  expect(await events.locator('.events-table mark *:not(span)').count()).toBe(0);
  await page.screenshot({ path: `${screenshots}content-session.png`, fullPage: true });
});

test('a content search with an error is not applied and says why', async ({ page }) => {
  await openLoggedIn(page, '/?refresh=off&panels=protocol');
  const search = page.getByLabel('Recorded content');
  await search.fill('type:command');
  await expect(page.locator('#content-search-problem')).toContainText('type');
  await expect(page.getByRole('button', { name: 'Search content' })).toBeDisabled();
  await search.press('Enter');
  await expect(page).not.toHaveURL(/content=/);
  // Escape goes back to the applied search (none).
  await search.press('Escape');
  await expect(search).toHaveValue('');
  await expect(page.locator('#content-search-problem')).toBeEmpty();
});

test('previous and next keep the content search words as the events filter', async ({ page }) => {
  await openLoggedIn(page, `/sessions?refresh=off&start=now-60d&content=${WORD}&size=10`);
  await page.locator('.sessions-table tbody tr').nth(1).locator('td').first().click();
  const filtered = new RegExp(`/sessions/[^?]+\\?q=content%3A${WORD}$`);
  await expect(page).toHaveURL(filtered);
  const first = new URL(page.url()).pathname;
  await page.getByRole('button', { name: 'Next ›' }).click();
  await expect.poll(() => new URL(page.url()).pathname).not.toBe(first);
  await expect(page).toHaveURL(filtered);
  await page.getByRole('button', { name: '‹ Previous' }).click();
  await expect.poll(() => new URL(page.url()).pathname).toBe(first);
  await expect(page).toHaveURL(filtered);
});
