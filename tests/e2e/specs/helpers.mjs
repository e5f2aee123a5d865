// Shared steps of the end-to-end tests.
import { expect } from '@playwright/test';

export const screenshots = new URL('../screenshots/', import.meta.url).pathname;

/** The sim's demo account (see playwright.config.mjs). */
export const USER = 'admin';
export const PASSWORD = 'demo';

/** Collects console errors and uncaught exceptions (a wasm panic lands here). */
export function watchErrors(page) {
  const errors = [];
  page.on('console', (m) => {
    // A 401 before logging in is expected and logged by the browser as a failed resource.
    if (m.type() === 'error' && !m.text().includes('401 (Unauthorized)')) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

/** Opens `path` and logs in through the dialog the first 401 opens. */
export async function openLoggedIn(page, path = '/') {
  await page.goto(path);
  const dialog = page.getByRole('dialog', { name: 'Log in to SPS' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Username').fill(USER);
  await dialog.getByLabel('Password').fill(PASSWORD);
  await dialog.getByRole('button', { name: 'Log in' }).click();
  await expect(dialog).toBeHidden();
}
