// The query-bar keystrokes that `scripts/bench keys` times and the e2e composer spec
// checks: one module, so the check covers exactly what the benchmark measures. No
// dependencies: the e2e suite imports it too.

/** A 500-character query: groups, wildcards, NOT, a range, ending in a bare term. */
export const QUERY_500 = `${'(protocol:ssh OR protocol:rdp) AND user.gateway_username:adm* AND NOT verdict:DENY AND duration:[60 TO *] OR '.repeat(5).slice(0, 499)}x`;

/**
 * Runs in the page (`locator.evaluate(typeAndDelete, [text, count])` on the query
 * textarea): `count` keystrokes alternately type and delete the last character of
 * `text`, so the suggestion list appears and disappears each time. Each is timed from
 * setting the value and dispatching `input` until every update it causes has run
 * (Leptos runs its effects as microtasks; a posted message arrives once they are all
 * done). Returns the times (ms), how many keystrokes left the highlighting overlay
 * showing other text than the input's, and the overlay's span count.
 */
export async function typeAndDelete(el, [text, count]) {
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
    if (overlay.textContent !== `${value} `) stale += 1;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return { times, stale, spans: overlay.children.length };
}
