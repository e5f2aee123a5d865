// Events table of the 100,000-event demo session: scroll through all of it and
// report frame times and how many rows the DOM holds. Prints figures, never fails.
//
//   node tests/bench/scroll.mjs http://127.0.0.1:PORT/ [FRAMES]
//
// The page is `/sessions/huge-session-100000-events` (sps-sim's demo data, served
// with --no-auth). The scroller moves from the top to the bottom in FRAMES equal
// steps (default 600, ~10 s at 60 Hz), one step per animation frame, as a user
// dragging the scroll bar at a steady pace; then back up in fast jumps of a tenth
// of the list. Measured while scrolling:
// - frame interval: time between consecutive requestAnimationFrame callbacks, what
//   the user sees as smoothness (60 Hz ⇒ 16.7 ms at best; a dropped frame doubles it);
// - frame work: main-thread time per frame, from a Chrome trace (the top-level
//   ThreadControllerImpl::RunTask slices of the renderer's main thread, summed per
//   frame interval);
// - row elements: the largest number of `.event-row` elements in the DOM, sampled
//   every frame.
import { launch, openPage, stats, fmt } from './lib.mjs';

const base = process.argv[2];
const frames = Number(process.argv[3] ?? 600);
if (!base) { console.error('usage: node tests/bench/scroll.mjs URL [FRAMES]'); process.exit(2); }
const url = new URL('sessions/huge-session-100000-events', base).href;

const browser = await launch();
try {
  const { page, errors } = await openPage(browser, { width: 1600, height: 1000 });
  await page.goto(url);
  const events = page.getByRole('region', { name: 'Events' });
  await events.locator('.event-row .ev-id').first().waitFor();
  await page.waitForLoadState('networkidle');

  await browser.startTracing(page, { categories: ['toplevel', 'blink.user_timing'] });
  const run = await page.evaluate(async (steps) => {
    const el = document.querySelector('.events-scroll');
    const span = el.scrollHeight - el.clientHeight;
    const rowCount = () => el.querySelectorAll('.event-row').length;
    const stamps = [];
    let maxRows = rowCount();
    performance.mark('scroll-start');
    await new Promise((done) => {
      let i = 0;
      const jumps = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0];
      const frame = (t) => {
        stamps.push(t);
        maxRows = Math.max(maxRows, rowCount());
        i += 1;
        if (i <= steps) el.scrollTop = (span * i) / steps;
        else if (i <= steps + jumps.length) el.scrollTop = span * jumps[i - steps - 1];
        else { done(); return; }
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
    performance.mark('scroll-end');
    // Rows once the last fetch has landed: the table shows events, not placeholders.
    await new Promise((r) => setTimeout(r, 1500));
    const intervals = stamps.slice(1).map((t, k) => t - stamps[k]);
    const first = el.querySelector('.event-row');
    return { intervals, maxRows, rowsAfter: rowCount(), top: el.scrollTop, firstRow: first?.getAttribute('aria-rowindex') ?? '-', firstId: first?.querySelector('.ev-id')?.textContent ?? '-' };
  }, frames);
  const trace = JSON.parse((await browser.stopTracing()).toString('utf8'));
  const intervals = stats(run.intervals);

  // The renderer's main thread, the window between the two marks, its top-level tasks.
  const traceEvents = trace.traceEvents ?? trace;
  const main = traceEvents.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain'
    && traceEvents.some((m) => m.pid === e.pid && m.name === 'scroll-start'));
  const mark = (name) => traceEvents.find((e) => e.name === name && e.pid === main?.pid)?.ts;
  const [t0, t1] = [mark('scroll-start'), mark('scroll-end')];
  let work = [];
  if (main && t0 && t1) {
    const tasks = traceEvents.filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && e.pid === main.pid && e.tid === main.tid
      && e.ts >= t0 && e.ts <= t1);
    // Frame boundaries: BeginFrame-driven animation frames would need the compositor's
    // view; the rAF cadence is steady, so bucket by the median interval instead.
    const period = intervals.median * 1000;
    const buckets = new Map();
    for (const task of tasks) {
      const k = Math.floor((task.ts - t0) / period);
      buckets.set(k, (buckets.get(k) ?? 0) + task.dur / 1000);
    }
    work = [...buckets.values()];
  }
  const dropped = run.intervals.filter((d) => d > 1.5 * intervals.median).length;
  console.log(`events table, 100,000 events: ${frames} scroll steps top → bottom, then 10 jumps back up (${url})`);
  console.log(`  frame interval  ${fmt(intervals)}; p95 ${intervals.p95.toFixed(2)} ms; ${dropped} of ${run.intervals.length} frames late (> 1.5× median)`);
  const perFrame = stats(work);
  if (work.length) console.log(`  frame work      ${fmt(perFrame)}; p95 ${perFrame.p95.toFixed(2)} ms (main-thread tasks per frame, from the trace)`);
  else console.log('  frame work      not found in the trace');
  console.log(`  row elements    at most ${run.maxRows} in the DOM while scrolling; ${run.rowsAfter} at rest (scrollTop ${run.top}: first row element is row ${run.firstRow}, ${run.firstId})`);
  if (errors.length) console.log(`  page errors     ${errors.length}: ${errors[0]}`);
} finally {
  await browser.close();
}
