// The Content-Security-Policy production sends, read from deploy/nginx.conf: the
// stand-in serves the app under it in every spec (playwright.config.mjs), and
// specs/fixtures.mjs fails any test during which a page reports a violation.
import { readFileSync } from 'node:fs';

const nginxSite = readFileSync(new URL('../../deploy/nginx.conf', import.meta.url), 'utf8');

export const CSP = nginxSite.match(/add_header Content-Security-Policy "([^"]+)" always;/)[1];
