// Where the bytes of the app's wasm are: code size summed by the app module that
// caused it, and by crate for the rest. Prints figures, never fails.
//
//   node tests/bench/wasm-sizes.mjs target/wasm32-unknown-unknown/release/sps-dashboard.wasm [TOP]
//
// Reads cargo's output (before wasm-bindgen and wasm-opt, which drop the names):
// each function body's size from the code section, its symbol from the "name"
// section. Symbols are v0-mangled (`_RNv…13sps_dashboard10components8composer…`), and
// a generic function instantiated for an app closure or type names that type in its
// symbol, so a function counts for the first `sps_dashboard::a::b` path it names
// (`<tachys … Render for sps_dashboard::components::composer::{closure}>::build`
// counts for `components::composer`). Functions naming no app path count for their
// first crate. Sizes are raw, before wasm-bindgen and wasm-opt (about 0.8× after)
// and before gzip (about 0.4× after that): compare them with each other, not with
// the bundle figure.
import { readFileSync } from 'node:fs';

const path = process.argv[2];
const top = Number(process.argv[3] ?? 25);
if (!path) { console.error('usage: node tests/bench/wasm-sizes.mjs FILE.wasm [TOP]'); process.exit(2); }
const bytes = readFileSync(path);

let at = 8; // after the magic number and version
const leb = () => {
  let result = 0, shift = 0, byte;
  do { byte = bytes[at++]; result += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
  return result;
};
const name = () => { const n = leb(); const s = bytes.toString('utf8', at, at + n); at += n; return s; };

let imported = 0;
const bodies = [];
const names = new Map();
while (at < bytes.length) {
  const id = bytes[at++];
  const size = leb();
  const end = at + size;
  if (id === 2) { // imports: functions among them take the first indices
    for (let i = leb(); i > 0; i--) {
      name(); name();
      const kind = bytes[at++];
      if (kind === 0) { leb(); imported++; }
      else if (kind === 1) { at++; const flags = leb(); leb(); if (flags & 1) leb(); }
      else if (kind === 2) { const flags = leb(); leb(); if (flags & 1) leb(); }
      else if (kind === 3) { at += 2; }
      else { leb(); leb(); } // tag
    }
  } else if (id === 10) {
    for (let i = leb(); i > 0; i--) { const n = leb(); bodies.push(n); at += n; }
  } else if (id === 0 && name() === 'name') {
    while (at < end) {
      const sub = bytes[at++];
      const subEnd = leb() + at;
      if (sub === 1) for (let i = leb(); i > 0; i--) { const idx = leb(); names.set(idx, name()); }
      at = subEnd;
    }
  }
  at = end;
}
if (!bodies.length || !names.size) { console.error(`${path}: no code or no names (use cargo's output, not dist/)`); process.exit(1); }

// The path after the first `13sps_dashboard` that is followed by identifiers (v0
// symbols also end with the instantiating crate, which names no path). An identifier
// is `<length>[_]<bytes>`, perhaps after a disambiguator `s<base62>_`.
function appPath(symbol) {
  for (let i = symbol.indexOf('13sps_dashboard'); i >= 0; i = symbol.indexOf('13sps_dashboard', i + 1)) {
    let rest = symbol.slice(i + 15);
    const parts = [];
    while (parts.length < 2) {
      rest = rest.replace(/^s[0-9a-zA-Z]*_/, '');
      const m = /^(\d+)(_?)/.exec(rest);
      if (!m) break;
      const ident = rest.slice(m[0].length, m[0].length + Number(m[1]));
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(ident)) break;
      parts.push(ident);
      rest = rest.slice(m[0].length + ident.length);
    }
    if (parts.length) return parts.join('::');
  }
  return null;
}
function crate(symbol) {
  const m = /C[s0-9a-zA-Z]*_(\d+)([a-z_][a-z0-9_]*)/.exec(symbol) ?? /^_ZN(\d+)([a-z_][a-z0-9_]*)/.exec(symbol);
  return m ? m[2].slice(0, Number(m[1])) : symbol.startsWith('__wbindgen') ? 'wasm-bindgen glue' : 'other';
}

const byModule = new Map(), byCrate = new Map();
const add = (map, key, n) => map.set(key, (map.get(key) ?? 0) + n);
let total = 0, app = 0;
bodies.forEach((size, i) => {
  const symbol = names.get(imported + i) ?? '';
  total += size;
  // wasm-bindgen's describe functions only exist until wasm-bindgen runs.
  if (symbol.includes('__wbindgen_describe')) return;
  const module = appPath(symbol);
  if (module) { add(byModule, module, size); app += size; } else add(byCrate, crate(symbol), size);
});
const row = ([k, v]) => `  ${String(v).padStart(9)}  ${k}`;
const sorted = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top);
console.log(`${path}: ${bodies.length} functions, ${total} B of code (raw, before wasm-bindgen and wasm-opt)`);
console.log(`by app module (${app} B naming an app path):`);
sorted(byModule).forEach((e) => console.log(row(e)));
console.log('by crate, the rest:');
sorted(byCrate).forEach((e) => console.log(row(e)));
