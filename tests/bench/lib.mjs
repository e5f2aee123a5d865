// Shared by the browser benchmarks: Debian's Chromium through Playwright (from
// tests/e2e/node_modules; no browser is ever downloaded), and small statistics.
import { createRequire } from 'node:module';

const require = createRequire(new URL('../e2e/package.json', import.meta.url));
export const { chromium } = require('playwright-core');

export const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ARGS });
}

/** A page in a fresh context of `browser`, and the uncaught page errors it collects. */
export async function openPage(browser, viewport) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return { context, page, errors };
}

export function stats(values) {
  const v = values.slice().sort((a, b) => a - b);
  const q = (p) => v[Math.round((v.length - 1) * p)];
  return { median: q(0.5), p10: q(0.1), p90: q(0.9), p95: q(0.95), min: v[0], max: v[v.length - 1], n: v.length };
}

export function fmt(s, unit = 'ms', digits = 2) {
  const f = (x) => x.toFixed(digits);
  return `median ${f(s.median)} ${unit}  p10 ${f(s.p10)}  p90 ${f(s.p90)}  min ${f(s.min)}  max ${f(s.max)}  (n=${s.n})`;
}
