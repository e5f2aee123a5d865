// Query bar: what one keystroke costs with a 500-character query. Prints figures,
// never fails.
//
//   node tests/bench/keys.mjs http://127.0.0.1:PORT/ [KEYSTROKES]
//
// From setting the textarea's value and dispatching `input` until every update the
// keystroke causes has run: lexing, parsing, validating, colouring the overlay,
// completion at the cursor with its list, the problem list and the Apply state
// (Leptos runs its effects as microtasks; a posted message arrives once they are all
// done). The browser's layout and paint of the next frame are not included.
// KEYSTROKES (default 301) alternately type and delete the last character, so the
// ~45-option suggestion list appears and disappears each time: the worst case.
// Three runs; the figure is the run with the best median (other work shares the
// machine).
import { launch, stats, fmt } from './lib.mjs';

const base = process.argv[2];
const keystrokes = Number(process.argv[3] ?? 301);
if (!base) { console.error('usage: node tests/bench/keys.mjs URL [KEYSTROKES]'); process.exit(2); }

const clause = '(protocol:ssh OR protocol:rdp) AND user.gateway_username:adm* AND NOT verdict:DENY AND duration:[60 TO *] OR ';
const query = `${clause.repeat(5).slice(0, 499)}x`;

const browser = await launch();
try {
  const page = await (await browser.newContext({ viewport: { width: 1600, height: 1000 } })).newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(new URL('?refresh=off', base).href);
  const input = page.getByLabel('Query');
  await input.click();
  const runs = [];
  for (let run = 0; run < 3; run++) {
    runs.push(await input.evaluate(async (el, [text, count]) => {
      const overlay = document.querySelector('.composer-overlay');
      const times = [];
      let stale = 0;
      for (let i = 0; i < count; i++) {
        const value = i % 2 ? text.slice(0, -1) : text;
        const t0 = performance.now();
        el.value = value;
        el.setSelectionRange(value.length, value.length);
        el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' }));
        await new Promise((resolve) => {
          const channel = new MessageChannel();
          channel.port1.onmessage = resolve;
          channel.port2.postMessage(0);
        });
        times.push(performance.now() - t0);
        // The overlay must show this keystroke's text, or the time measured too little.
        if (overlay.textContent !== `${value} `) stale += 1;
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      return { times, stale, spans: overlay.children.length };
    }, [query, keystrokes]));
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
