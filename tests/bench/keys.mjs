// Query bar: what one keystroke costs with a 500-character query. Prints figures,
// never fails.
//
//   node tests/bench/keys.mjs http://127.0.0.1:PORT/ [KEYSTROKES]
//
// Each keystroke is timed until every update it causes has run: lexing, parsing,
// validating, colouring the overlay, completion at the cursor with its list, the
// problem list and the Apply state; the browser's layout and paint of the next frame
// are not included. KEYSTROKES (default 301) alternately type and delete the last
// character, so the ~45-option suggestion list appears and disappears each time: the
// worst case (`keystrokes.mjs`, shared with the e2e composer spec).
// Three runs; the figure is the run with the best median (other work shares the
// machine).
import { launch, openPage, stats, fmt } from './lib.mjs';
import { QUERY_500 as query, typeAndDelete } from './keystrokes.mjs';

const base = process.argv[2];
const keystrokes = Number(process.argv[3] ?? 301);
if (!base) { console.error('usage: node tests/bench/keys.mjs URL [KEYSTROKES]'); process.exit(2); }

const browser = await launch();
try {
  const { page, errors } = await openPage(browser, { width: 1600, height: 1000 });
  await page.goto(new URL('?refresh=off', base).href);
  const input = page.getByLabel('Query');
  await input.click();
  const runs = [];
  for (let run = 0; run < 3; run++) {
    runs.push(await input.evaluate(typeAndDelete, [query, keystrokes]));
  }
  const best = runs.map((r) => ({ ...r, s: stats(r.times) })).reduce((a, b) => (b.s.median < a.s.median ? b : a));
  console.log(`query bar keystroke, ${query.length}-char query, ${keystrokes} keystrokes × 3 runs (best median shown; ${best.spans} highlight spans)`);
  console.log(`  keystroke → highlighted + validated  ${fmt(best.s, 'ms', 3)}`);
  console.log(`  medians of the three runs: ${runs.map((r) => stats(r.times).median.toFixed(3)).join(', ')} ms`);
  const stale = runs.reduce((n, r) => n + r.stale, 0);
  if (stale) console.log(`  WARNING: ${stale} keystrokes ended with a stale overlay: the figure is not valid`);
  if (errors.length) console.log(`  page errors: ${errors.length}: ${errors[0]}`);
} finally {
  await browser.close();
}
