// Wall-mode soak: the overview in kiosk mode with live refresh, driven through
// CYCLES refresh rounds (default 200), with memory measured after forced GC before
// and after. Prints figures, never fails.
//
//   node tests/bench/soak.mjs http://127.0.0.1:PORT/ [CYCLES]
//
// The page is `/?kiosk=1&refresh=5s` (5 s is the app's shortest interval);
// SOAK_PAGE replaces that path and query (e.g. `?panels=protocol&histogram=off`)
// to bisect a leak by page; SOAK_READY is the selector the first load waits for
// (default `canvas[role=img]`; e.g. `.panel .state` for a page without charts).
// SOAK_VIEWS, a JSON list of saved views (`[{"name": "a", "query": "panels=protocol"}]`),
// is put in the browser's storage first, for a rotating wall:
// SOAK_PAGE='?kiosk=1&refresh=5s&rotate=5s&views=a,b' (each `r` also pauses or
// resumes the rotation, so it turns about every 10 s). Rounds are started with the `r` key (what the wall's
// operator would press; the same code path as the timer's tick): press, wait for
// the round's /api/audit/ requests to finish, wait two animation frames (charts
// redraw), repeat. The 5 s timer also fires now and then; its rounds count as extra
// work, not as cycles.
// Memory (Chrome DevTools Protocol): HeapProfiler.collectGarbage (×2, with a pause
// for FinalizationRegistry callbacks, which free the Rust side of collected
// closures), then Runtime.getHeapUsage (JS heap used) and Memory.getDOMCounters
// (nodes, documents, JS event listeners — detached nodes not yet collected would
// count too). Also the live element count (document.querySelectorAll('*')), the
// wasm linear memory (whole 64 KiB pages) and, when the bundle was built with
// `--features alloc-stats`, the Rust heap's live bytes (src/alloc_stats.rs),
// sampled every SAMPLE rounds: the growth per round is the least-squares slope
// of those samples. Start = after WARMUP (default 20) warm-up rounds; end =
// after the CYCLES rounds.
import { launch, openPage } from './lib.mjs';

const base = process.argv[2];
const cycles = Number(process.argv[3] ?? 200);
if (!base) { console.error('usage: node tests/bench/soak.mjs URL [CYCLES]'); process.exit(2); }
const url = new URL(process.env.SOAK_PAGE ?? '?kiosk=1&refresh=5s', base).href;
const warmup = Number(process.env.SOAK_WARMUP ?? 20);
const sampleEvery = Number(process.env.SOAK_SAMPLE ?? Math.max(1, Math.floor(cycles / 20)));

const browser = await launch();
try {
  const { context, page, errors } = await openPage(browser, { width: 1920, height: 1080 });
  let inFlight = 0, started = 0, failed = 0;
  const api = (r) => r.url().includes('/api/audit/');
  page.on('request', (r) => { if (api(r)) { inFlight++; started++; } });
  page.on('requestfinished', (r) => { if (api(r)) inFlight--; });
  page.on('requestfailed', (r) => { if (api(r)) { inFlight--; failed++; } });

  // Trunk's loader announces the wasm instance; its linear memory is outside the JS heap.
  await context.addInitScript(() => addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail && e.detail.wasm; }));
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  const measure = async () => {
    for (let i = 0; i < 2; i++) {
      await cdp.send('HeapProfiler.collectGarbage');
      await new Promise((r) => setTimeout(r, 50));
    }
    const heap = await cdp.send('Runtime.getHeapUsage');
    const dom = await cdp.send('Memory.getDOMCounters');
    const elements = await page.evaluate(() => document.querySelectorAll('*').length);
    const wasmBytes = await page.evaluate(() => window.__wasm?.memory?.buffer?.byteLength ?? NaN);
    const liveBytes = await page.evaluate(() => window.wasmBindings?.sps_live_bytes?.() ?? NaN);
    return { wasmBytes, liveBytes, heapUsed: heap.usedSize, heapTotal: heap.totalSize, nodes: dom.nodes, documents: dom.documents, listeners: dom.jsEventListeners, elements };
  };
  const settle = async (timeoutMs = 10_000) => {
    const t0 = Date.now();
    while (inFlight > 0 && Date.now() - t0 < timeoutMs) await new Promise((r) => setTimeout(r, 5));
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  };
  // View switches of a rotating wall, seen as URL changes between rounds.
  let switches = 0, lastUrl = null;
  const round = async () => {
    if (lastUrl !== null && page.url() !== lastUrl) switches++;
    lastUrl = page.url();
    const before = started;
    await page.keyboard.press('r');
    const t0 = Date.now();
    while (started === before && Date.now() - t0 < 2_000) await new Promise((r) => setTimeout(r, 2));
    await settle();
    return started > before;
  };

  if (process.env.SOAK_VIEWS) {
    const saved = JSON.parse(process.env.SOAK_VIEWS);
    await context.addInitScript((s) => localStorage.setItem('sps-dashboard.queries.views', JSON.stringify({ recent: [], saved: s })), saved);
  }
  await page.goto(url);
  await page.locator(process.env.SOAK_READY ?? 'canvas[role=img]').first().waitFor({ timeout: 30_000 });
  await settle();
  for (let i = 0; i < warmup; i++) await round();
  const start = await measure();
  const samples = [[0, start.liveBytes]];
  const t0 = Date.now();
  let effective = 0, measuring = 0;
  const requestsAtStart = started;
  for (let i = 1; i <= cycles; i++) {
    if (await round()) effective++;
    if (i % sampleEvery === 0 && i < cycles) {
      const t = Date.now();
      samples.push([i, (await measure()).liveBytes]);
      measuring += Date.now() - t;
    }
  }
  const seconds = (Date.now() - t0 - measuring) / 1000;
  const requests = started - requestsAtStart;
  const end = await measure();
  samples.push([cycles, end.liveBytes]);
  // Least-squares slope of live bytes over rounds.
  const n = samples.length, mx = samples.reduce((a, [x]) => a + x, 0) / n, my = samples.reduce((a, [, y]) => a + y, 0) / n;
  const slope = samples.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0) / samples.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  if (errors.length) console.log(`page errors: ${errors.join(' | ')}`);
  const mb = (b) => (b / 1048576).toFixed(2);
  console.log(`Chromium ${browser.version()}, ${url}, viewport 1920x1080`);
  console.log(`${cycles} rounds pressed (${effective} of them started requests) in ${seconds.toFixed(1)} s (without the GC samples), ${requests} API requests, ${failed} failed${process.env.SOAK_VIEWS ? `, ${switches} view switches` : ''}`);
  console.log(`              start      end     growth`);
  console.log(`JS heap MB  ${mb(start.heapUsed).padStart(7)}  ${mb(end.heapUsed).padStart(7)}  ${(end.heapUsed - start.heapUsed >= 0 ? '+' : '') + mb(end.heapUsed - start.heapUsed)}`);
  console.log(`live KB     ${(start.liveBytes / 1024).toFixed(1).padStart(7)}  ${(end.liveBytes / 1024).toFixed(1).padStart(7)}  ${(end.liveBytes - start.liveBytes >= 0 ? '+' : '') + ((end.liveBytes - start.liveBytes) / 1024).toFixed(1)}  (Rust heap; slope ${slope.toFixed(1)} B/round over ${n} samples${Number.isNaN(start.liveBytes) ? ': build with --features alloc-stats' : ''})`);
  console.log(`wasm mem MB ${mb(start.wasmBytes).padStart(7)}  ${mb(end.wasmBytes).padStart(7)}  +${mb(end.wasmBytes - start.wasmBytes)}  (linear memory: grows, never shrinks)`);
  for (const k of ['nodes', 'elements', 'listeners', 'documents']) {
    const d = end[k] - start[k];
    console.log(`${k.padEnd(10)}  ${String(start[k]).padStart(7)}  ${String(end[k]).padStart(7)}  ${d >= 0 ? '+' : ''}${d}`);
  }
  console.log(`BENCH soak cycles=${cycles} heap_growth_mb=${mb(end.heapUsed - start.heapUsed)} nodes_growth=${end.nodes - start.nodes} listeners_growth=${end.listeners - start.listeners} wasm_memory_growth_mb=${mb(end.wasmBytes - start.wasmBytes)} live_bytes_per_round=${slope.toFixed(1)} (budget: <= 5 MB, 0, 0)`);
} finally {
  await browser.close();
}
