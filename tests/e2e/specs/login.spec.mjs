// Logging in: the dialog opens on the first 401, keeps the view, refuses wrong
// passwords, and after a login the panels load.
import { test, expect } from './fixtures.mjs';
import { PASSWORD, USER, screenshots, watchErrors } from './helpers.mjs';

test('login dialog refuses a wrong password, then logs in and loads the panel', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/?keep=this&panels=protocol');
  const dialog = page.getByRole('dialog', { name: 'Log in to SPS' });
  await expect(dialog).toBeVisible();
  const panel = page.getByRole('region', { name: 'protocol', exact: true });
  await expect(panel.getByRole('status')).toHaveText(/Log in to SPS to see this panel/);
  await page.screenshot({ path: `${screenshots}login-dialog.png` });

  await dialog.getByLabel('Username').fill(USER);
  await dialog.getByLabel('Password').fill('wrong');
  await dialog.getByRole('button', { name: 'Log in' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Wrong user name or password.');

  await dialog.getByLabel('Password').fill(PASSWORD);
  await dialog.getByRole('button', { name: 'Log in' }).click();
  await expect(dialog).toBeHidden();
  await expect(panel.getByRole('img')).toBeVisible();
  await expect(page).toHaveURL(/\/\?keep=this&panels=protocol$/);
  await expect(page.getByText(`Logged in as ${USER}`)).toBeVisible();

  // The app never sees or stores the credentials or the cookie.
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + document.cookie);
  expect(stored).not.toContain(PASSWORD);
  expect(stored).not.toContain('session_id');
  expect(errors.filter((e) => !e.includes('401'))).toEqual([]);
});

test('log out asks for a login again', async ({ page }) => {
  await page.goto('/');
  const dialog = page.getByRole('dialog', { name: 'Log in to SPS' });
  await dialog.getByLabel('Username').fill(USER);
  await dialog.getByLabel('Password').fill(PASSWORD);
  await dialog.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(dialog).toBeVisible();
});
