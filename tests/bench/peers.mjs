// Histogram draw of 1,000 bins by uPlot and Chart.js in Chromium (tests/bench/peers.html).
// The app's own draw is measured by tests/bench_draw.rs in another page of the same
// Chromium (wasm-bindgen-test); scripts/bench draw runs both.
import { launch, openPage, fmt } from './lib.mjs';

const browser = await launch();
try {
  const { page, errors } = await openPage(browser, { width: 1280, height: 800 });
  await page.goto(new URL('./peers.html', import.meta.url).href);
  const r = await page.evaluate(() => window.runBench());
  if (errors.length) throw new Error(errors.join('\n'));
  console.log(`Chromium: ${browser.version()}  devicePixelRatio ${r.dpr}`);
  for (const [name, lib] of [['uplot', r.uplot], ['chartjs', r.chartjs]]) {
    console.log(`BENCH histogram-1000 ${name.padEnd(7)} draw       ${fmt(lib.draw, 'ms', 3)}`);
    console.log(`BENCH histogram-1000 ${name.padEnd(7)} draw+flush ${fmt(lib.drawFlush, 'ms', 3)}  [canvas ${lib.backing} backing]`);
  }
} finally {
  await browser.close();
}
