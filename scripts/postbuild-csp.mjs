#!/usr/bin/env node
// Trunk post_build hook (Trunk.toml [[hooks]]): makes the built index.html fit for
// production. Trunk runs it with the staging directory in TRUNK_STAGING_DIR.
//
// 1. Trunk's loader is an inline <script type="module">, which a strict
//    Content-Security-Policy (script-src 'self', no 'unsafe-inline') blocks. It is
//    moved into boot-<hash>.js beside the other assets and loaded with src= and an
//    integrity hash. The wasm path becomes relative to that file (import.meta.url),
//    not to the page.
// 2. <base href>: Trunk writes its public_url there. A relative one ("./", the
//    default in Trunk.toml) becomes "/": every asset URL and config.json resolve
//    against it, and the app reads its router base from it. A proxy serving the app
//    under a sub-path rewrites exactly `<base href="/">` (README "Production
//    deployment"). An absolute public_url (`trunk build --public-url /x/`) is kept.
// 3. Anything inline a strict CSP would block is reported; a release build fails
//    on it unless Trunk injected it for `trunk serve` (its live-reload script).
//
// Idempotent: run on its own output it changes nothing.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function fail(message) {
  console.error(`postbuild-csp: ${message}`);
  process.exit(1);
}

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) fail('TRUNK_STAGING_DIR is not set: run me as a Trunk post_build hook');
const publicUrl = process.env.TRUNK_PUBLIC_URL || '/';
const release = process.env.TRUNK_PROFILE === 'release';
const indexPath = join(dir, 'index.html');
let html = readFileSync(indexPath, 'utf8');

// 2. <base href>
const bases = html.match(/<base\b[^>]*>/gi) ?? [];
if (bases.length !== 1) fail(`index.html must have exactly one <base> element, found ${bases.length}`);
const baseHref = publicUrl.startsWith('/') ? publicUrl : '/';
html = html.replace(/<base\b[^>]*>/i, `<base href="${baseHref}">`);

// 1. The loader.
const loaders = [...html.matchAll(/<script type="module"(?: nonce="[^"]*")?>([\s\S]*?)<\/script>/g)]
  .filter((m) => /\bimport init\b/.test(m[1]));
if (loaders.length > 1) fail(`expected one inline loader script, found ${loaders.length}`);
if (loaders.length === 1) {
  const [tag, body] = loaders[0];
  const code = body
    .trim()
    // `init({ module_or_path: '<wasm>' })` (or `init('<wasm>')`): resolve against this file.
    .replace(/(module_or_path: |init\()'([^']+\.wasm)'/, (_, before, wasm) => `${before}new URL('${wasm}', import.meta.url)`)
    + '\n';
  if (!code.includes('import.meta.url')) fail('could not find the wasm path in the loader script');
  const name = `boot-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.js`;
  const integrity = `sha384-${createHash('sha384').update(code).digest('base64')}`;
  writeFileSync(join(dir, name), code);
  // The loader's own imports are relative to the page's base; so is this src.
  const prefix = publicUrl.startsWith('/') || /^[a-z]+:/i.test(publicUrl) ? publicUrl : './';
  html = html.replace(tag, `<script type="module" src="${prefix}${name}" integrity="${integrity}"></script>`);
  console.log(`postbuild-csp: loader moved to ${name}; <base href="${baseHref}">`);
} else if (!/<script type="module" src="[^"]*boot-[0-9a-f]{16}\.js"/.test(html)) {
  fail('found neither Trunk\'s inline loader nor a boot-<hash>.js script');
}

writeFileSync(indexPath, html);

// 3. What a strict CSP would still block.
const inlineScripts = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)]
  .filter((m) => m[1].trim() !== '');
const liveReload = (m) => m[1].includes('.well-known/trunk/ws');
const problems = [
  ...inlineScripts.filter((m) => !liveReload(m)).map(() => 'an inline <script>'),
  ...(/<style\b/i.test(html) ? ['a <style> element'] : []),
  ...(/\sstyle\s*=/i.test(html) ? ['a style="…" attribute'] : []),
  ...(/\son[a-z]+\s*=/i.test(html) ? ['an on…= event handler attribute'] : []),
];
if (problems.length > 0) {
  const message = `index.html has ${problems.join(', ')}: a strict Content-Security-Policy blocks it`;
  if (release) fail(message);
  console.warn(`postbuild-csp: warning: ${message}`);
}
