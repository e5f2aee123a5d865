// The `test` every spec uses: Playwright's, plus an automatic check that no page
// of the test logged a wasm panic ("panicked at …") or crashed (issue #10: zero
// panics across the whole end-to-end suite).
import { test as base, expect } from '@playwright/test';

export const test = base.extend({
  panicWatch: [async ({ context }, use) => {
    const panics = [];
    const watch = (page) => {
      page.on('console', (m) => { if (m.text().includes('panicked at')) panics.push(m.text().split('\n')[0]); });
      page.on('crash', () => panics.push('page crashed'));
    };
    context.pages().forEach(watch);
    context.on('page', watch);
    await use(panics);
    expect(panics, 'wasm panics during the test').toEqual([]);
  }, { auto: true }],
});

export { expect };
