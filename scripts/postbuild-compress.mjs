#!/usr/bin/env node
// Trunk post_build step (Trunk.toml [[hooks]], after postbuild-csp.mjs): writes
// brotli (quality 11) and gzip (level 9) copies beside every hashed asset of a release
// build, `x-<hash>_bg.wasm.br` and `.gz`. The servers send them as they are
// (deploy/nginx.conf `brotli_static`/`gzip_static`, sps-sim's file service), so the
// wasm crosses the network at ~465 KB as brotli instead of the ~700 KB of nginx's
// on-the-fly gzip (level 1), and no request pays for compressing it (BENCHMARKS.md).
//
// Only hashed files: their content never changes under their name. index.html is
// rewritten by sub-path proxies and config.json is edited in place after deployment,
// so a stale compressed copy of either would be served instead of the real one.
// Debug builds (`trunk serve`) are skipped: they change every few seconds.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('postbuild-compress: TRUNK_STAGING_DIR is not set: run me as a Trunk post_build hook');
  process.exit(1);
}
if (process.env.TRUNK_PROFILE !== 'release') process.exit(0);

// Trunk prints its 64-bit hash without leading zeros: one name in 16 has 15 digits.
const HASHED = /-[0-9a-f]{8,16}(_bg)?\.(css|js|wasm)$/;
const totals = { raw: 0, gzip: 0, brotli: 0 };
for (const name of readdirSync(dir).filter((n) => HASHED.test(n))) {
  const data = readFileSync(join(dir, name));
  const gzip = gzipSync(data, { level: 9 });
  const brotli = brotliCompressSync(data, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  });
  writeFileSync(join(dir, `${name}.gz`), gzip);
  writeFileSync(join(dir, `${name}.br`), brotli);
  totals.raw += data.length;
  totals.gzip += gzip.length;
  totals.brotli += brotli.length;
}
console.log(`postbuild-compress: ${totals.raw} B of assets; precompressed gzip ${totals.gzip} B, brotli ${totals.brotli} B`);
