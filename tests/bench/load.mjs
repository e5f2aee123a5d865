// Cold load → first chart drawn. Each run is a fresh browser context (empty HTTP
// cache, no service worker, no storage) opening the app served by sps-sim on
// loopback (--no-auth, so no login dialog). Prints the median of RUNS (default 10).
//
//   node tests/bench/load.mjs http://127.0.0.1:PORT/ [RUNS]
//
// Figures per run, in ms from navigation start (performance.timeOrigin):
//   drawn  — first requestAnimationFrame in which a canvas[role=img] holds more than
//            two distinct colours (background plus ink); rAF-polled, so up to one
//            frame (~16 ms) late. This is the headline figure.
//   op     — first 2D drawing call on a canvas[role=img] (instrumented fillRect /
//            fill / stroke / fillText): when drawing starts.
//   wasm   — responseEnd of the .wasm (Resource Timing).
//   dcl    — DOMContentLoaded.
//   api    — startTime of the first /api/audit/ request (the app is running and asks);
//   answer — responseEnd of the first /api/audit/ answer.
// Also the bytes of wasm + js + css that crossed the network (Resource Timing's
// encodedBodySize: compressed as the server sent them; sps-sim sends the build's
// brotli copies, as deploy/nginx.conf does).
import { launch, openPage, stats, fmt } from './lib.mjs';

const url = process.argv[2];
const runs = Number(process.argv[3] ?? 10);
if (!url) { console.error('usage: node tests/bench/load.mjs URL [RUNS]'); process.exit(2); }

// Runs in the page before any of its scripts.
function probe() {
  const w = window;
  w.__bench = { op: null, drawn: null };
  const mark = function (name) {
    const orig = CanvasRenderingContext2D.prototype[name];
    CanvasRenderingContext2D.prototype[name] = function (...a) {
      if (w.__bench.op === null && this.canvas.getAttribute('role') === 'img') w.__bench.op = performance.now();
      return orig.apply(this, a);
    };
  };
  for (const n of ['fillRect', 'fill', 'stroke', 'fillText', 'strokeRect']) mark(n);
  const inked = (c) => {
    if (!c.width || !c.height) return false;
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const seen = new Set();
    for (let i = 0; i < d.length; i += 4 * 7) {
      seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
      if (seen.size > 2) return true;
    }
    return false;
  };
  const tick = () => {
    for (const c of document.querySelectorAll('canvas[role=img]')) {
      if (inked(c)) { w.__bench.drawn = performance.now(); return; }
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

const browser = await launch();
const rows = { drawn: [], op: [], wasm: [], dcl: [], api: [], answer: [], bytes: [] };
try {
  for (let i = 0; i < runs; i++) {
    const { context, page, errors } = await openPage(browser, { width: 1280, height: 800 });
    // Runs on the navigation below, before any of the app's scripts.
    await context.addInitScript(probe);
    await page.goto(url);
    await page.waitForFunction(() => window.__bench && window.__bench.drawn !== null, null, { timeout: 30_000 });
    const r = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const wasm = performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'));
      const api = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/audit/'));
      const app = performance.getEntriesByType('resource').filter((e) => /\.(wasm|js|css)$/.test(e.name));
      return {
        bytes: app.reduce((sum, e) => sum + e.encodedBodySize, 0),
        drawn: window.__bench.drawn, op: window.__bench.op, wasm: wasm ? wasm.responseEnd : NaN, dcl: nav.domContentLoadedEventEnd,
        api: Math.min(...api.map((e) => e.startTime)), answer: Math.min(...api.map((e) => e.responseEnd)),
      };
    });
    if (errors.length) throw new Error(errors.join('\n'));
    for (const k of Object.keys(rows)) rows[k].push(r[k]);
    console.log(`run ${String(i + 1).padStart(2)}: drawn ${r.drawn.toFixed(1)} ms  (first op ${r.op?.toFixed(1)}, wasm loaded ${r.wasm.toFixed(1)}, DOMContentLoaded ${r.dcl.toFixed(1)}, first API request ${r.api.toFixed(1)}, first answer ${r.answer.toFixed(1)})`);
    await context.close();
  }
  console.log(`Chromium ${browser.version()}, ${url}, ${runs} fresh contexts`);
  console.log(`BENCH cold-load drawn       ${fmt(stats(rows.drawn), 'ms', 1)}  (budget: median <= 500 ms)`);
  console.log(`BENCH cold-load transfer    ${Math.max(...rows.bytes)} B of wasm + js + css over the network, as the server compressed them`);
  console.log(`BENCH cold-load first-op    ${fmt(stats(rows.op), 'ms', 1)}`);
  console.log(`BENCH cold-load wasm-loaded ${fmt(stats(rows.wasm), 'ms', 1)}`);
  console.log(`BENCH cold-load dcl         ${fmt(stats(rows.dcl), 'ms', 1)}`);
  console.log(`BENCH cold-load api-request ${fmt(stats(rows.api), 'ms', 1)}`);
  console.log(`BENCH cold-load api-answer  ${fmt(stats(rows.answer), 'ms', 1)}`);
} finally {
  await browser.close();
}
