// The `test` every spec uses: Playwright's, plus automatic checks that no page of
// the test logged a wasm panic ("panicked at …") or crashed, and that no document
// reported a Content-Security-Policy violation (issue #10: zero panics and zero
// violations across the whole end-to-end suite; the app is served under production's
// policy, see ../csp.mjs).
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

  /** The violations reported so far; a test that provokes one on purpose removes it. */
  cspViolations: [async ({ context }, use) => {
    const violations = [];
    await context.exposeBinding('__spsCspViolation', (_source, v) => violations.push(v));
    // Installed before any of the page's own scripts run, in every frame.
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__spsCspViolation(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`);
      }, true);
    });
    await use(violations);
    expect(violations, 'Content-Security-Policy violations during the test').toEqual([]);
  }, { auto: true }],
});

export { expect };
