// Production deployment: the release build (dist/) behind a reverse proxy, at the
// root and under the sub-path /tools/sps-dashboard/ — the same files, no rebuild —
// with the strict Content-Security-Policy and the caching headers of
// deploy/nginx.conf and deploy/nginx-subpath.conf.
//
// Two proxies serve it, each in front of the sim that playwright.config.mjs starts:
//   stand-in  a small Node server in this file doing what the nginx files do (always)
//   nginx     the shipped nginx files themselves, site values replaced (when an
//             `nginx` binary is installed; skipped otherwise)
// In the browser every page is visited while `securitypolicyviolation` events and
// console errors are recorded: there must be none.
import { test, expect } from './fixtures.mjs';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, mkdirSync, writeFileSync, chmodSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLoggedIn, screenshots, watchErrors } from './helpers.mjs';
import { CSP } from '../csp.mjs';
import { HASHED, startStandIn, SUB, subConfig } from '../standin.mjs';

const root = new URL('../../../', import.meta.url).pathname;
const dist = join(root, 'dist');
const simPort = Number(process.env.E2E_PORT ?? 18089);
const upstream = `http://127.0.0.1:${simPort}`;

const nginxSite = readFileSync(join(root, 'deploy/nginx.conf'), 'utf8');
const nginxSubpath = readFileSync(join(root, 'deploy/nginx-subpath.conf'), 'utf8');


/** `text` with `from` replaced by `to`, which must occur. */
function must(text, from, to) {
  if (!text.includes(from)) throw new Error(`deploy file changed shape: "${from}" not found`);
  return text.split(from).join(to);
}

const nginxBin = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx'].find(existsSync)
  ?? (spawnSync('sh', ['-c', 'command -v nginx']).stdout?.toString().trim() || null);
/** nginx's brotli_static module, if installed. */
const brotliModule = ['/usr/lib/nginx/modules/ngx_http_brotli_static_module.so',
  '/usr/local/lib/nginx/modules/ngx_http_brotli_static_module.so'].find(existsSync) ?? null;

/** The shipped nginx files, site values replaced, in one server (as a portal would). */
function writeNginxConfig(dir, port) {
  // brotli_static needs its module: loaded when installed (scripts/setup installs it),
  // else the line goes, as the files' comment tells admins to do.
  const fit = (conf) => (brotliModule ? conf : conf.replace(/^\s*brotli_static on;.*\n/gm, ''));
  mkdirSync(join(dir, 'www/tools'), { recursive: true });
  symlinkSync(dist, join(dir, 'www/tools/sps-dashboard'));
  writeFileSync(join(dir, 'sub-config.json'), JSON.stringify(subConfig));
  let sub = nginxSubpath;
  sub = must(sub, 'https://sps.example.internal/api/', `${upstream}/api/`);
  sub = must(sub, '/srv/sps-dashboard/www', join(dir, 'www'));
  sub = must(sub, '/etc/sps-dashboard/config.json', join(dir, 'sub-config.json'));
  writeFileSync(join(dir, 'subpath.conf'), fit(sub));
  let site = fit(nginxSite);
  site = must(site, 'listen 443 ssl;', `listen 127.0.0.1:${port};`);
  site = site.replace(/^\s*ssl_certificate(_key)?\s.*$/gm, '');
  site = must(site, 'https://sps.example.internal;', `${upstream};`);
  site = must(site, '/srv/sps-dashboard/dist', dist);
  const end = site.lastIndexOf('}');
  site = `${site.slice(0, end)}    include ${join(dir, 'subpath.conf')};\n}\n`;
  const mime = ['/etc/nginx/mime.types', '/usr/local/etc/nginx/mime.types'].find(existsSync);
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((t) => `${t}_temp_path ${join(dir, t)};`).join(' ');
  writeFileSync(join(dir, 'nginx.conf'), `${brotliModule ? `load_module ${brotliModule};\n` : ''}daemon off;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 64; }
http {
  include ${mime};
  default_type application/octet-stream;
  access_log off;
  ${temp}
${site}
}
`);
  return join(dir, 'nginx.conf');
}

/** Content-Encoding and byte count of `url` asked with `Accept-Encoding: accept` (undecoded). */
function getEncoded(url, accept) {
  return new Promise((resolve, reject) => {
    http.get(url, { headers: { 'accept-encoding': accept } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk) => { bytes += chunk.length; });
      res.on('end', () => resolve({ status: res.statusCode, encoding: res.headers['content-encoding'] ?? null, vary: res.headers.vary ?? '', bytes }));
    }).on('error', reject);
  });
}

async function waitUp(url) {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up`);
}

const targets = [
  { name: 'stand-in', port: simPort + 2000 },
  { name: 'nginx', port: simPort + 3000 },
];

for (const target of targets) {
  test.describe(`behind ${target.name}`, () => {
    let stop = async () => {};
    const origin = `http://127.0.0.1:${target.port}`;

    test.beforeAll(async () => {
      if (target.name === 'stand-in') {
        const server = await startStandIn(target.port);
        stop = () => new Promise((r) => server.close(r));
      } else {
        test.skip(!nginxBin, 'nginx is not installed (apt-get install nginx-light): the stand-in covers the same ground');
        const dir = mkdtempSync(join(tmpdir(), 'sps-nginx-'));
        chmodSync(dir, 0o755); // nginx's workers may run as another user
        const conf = writeNginxConfig(dir, target.port);
        const check = spawnSync(nginxBin, ['-t', '-p', dir, '-e', join(dir, 'error.log'), '-c', conf]);
        expect(check.status, `nginx -t: ${check.stderr}`).toBe(0);
        const child = spawn(nginxBin, ['-p', dir, '-e', join(dir, 'error.log'), '-c', conf], { stdio: 'ignore' });
        stop = async () => {
          child.kill();
          await new Promise((r) => (child.exitCode !== null ? r() : child.on('exit', r)));
          rmSync(dir, { recursive: true, force: true });
        };
      }
      await waitUp(`${origin}/config.json`);
    });
    test.afterAll(async () => stop());

    for (const mount of ['/', `${SUB}/`]) {
      const base = `${origin}${mount}`;

      test(`${mount}: caching and security headers, client-side routes, config.json`, async () => {
        const index = await fetch(base);
        expect(index.status).toBe(200);
        expect(index.headers.get('cache-control')).toBe('no-cache');
        expect(index.headers.get('content-security-policy')).toBe(CSP);
        expect(index.headers.get('x-content-type-options')).toBe('nosniff');
        const html = await index.text();
        expect(html).toContain(`<base href="${mount}">`);
        expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script

        // A deep link is the app too (the router takes it from there).
        const deep = await fetch(`${base}sessions/abc`);
        expect(deep.status).toBe(200);
        expect(await deep.text()).toContain(`<base href="${mount}">`);

        const config = await fetch(`${base}config.json`);
        expect(config.headers.get('cache-control')).toBe('no-cache');
        expect((await config.json()).api_base ?? '/api').toBe(mount === '/' ? '/api' : `${SUB}/api`);

        // Every asset index.html names is hashed, cached for a year, immutable.
        const assets = [...html.matchAll(/(?:href|src)="\.\/([^"]+)"/g)].map((m) => m[1]);
        expect(assets.filter((a) => a.startsWith('boot-'))).toHaveLength(1);
        expect(assets.some((a) => a.endsWith('_bg.wasm'))).toBe(true);
        for (const asset of assets) {
          expect(asset).toMatch(HASHED);
          const answer = await fetch(`${base}${asset}`);
          expect(answer.status, asset).toBe(200);
          expect(answer.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
          if (asset.endsWith('.wasm')) expect(answer.headers.get('content-type')).toBe('application/wasm');
          await answer.arrayBuffer();
        }
        // The build's compressed copies are what crosses the network: gzip_static, and
        // brotli_static where nginx has the module (the stand-in does both).
        const wasm = assets.find((a) => a.endsWith('_bg.wasm'));
        const size = (suffix) => statSync(join(dist, `${wasm}${suffix}`)).size;
        const gzip = await getEncoded(`${base}${wasm}`, 'gzip');
        expect(gzip).toMatchObject({ status: 200, encoding: 'gzip', bytes: size('.gz') });
        expect(gzip.vary).toMatch(/accept-encoding/i);
        if (target.name === 'stand-in' || brotliModule) {
          expect(await getEncoded(`${base}${wasm}`, 'gzip, deflate, br')).toMatchObject({ status: 200, encoding: 'br', bytes: size('.br') });
        }
        expect(await getEncoded(`${base}${wasm}`, 'identity')).toMatchObject({ status: 200, encoding: null, bytes: size('') });
        expect(size('.br')).toBeLessThan(size('.gz'));
        // A hashed name that is not there (a tab of the previous build) is a 404, not HTML.
        expect((await fetch(`${base}sps-dashboard-0123456789abcdef.js`)).status).toBe(404);
        // The API is proxied on the same origin, under the mount.
        expect((await fetch(`${base}api/audit/sessions?limit=1`)).status).toBe(401);
      });

      test(`${mount}: every page under the strict CSP, no violation, no console error`, async ({ page, cspViolations }) => {
        test.setTimeout(60_000);
        const errors = watchErrors(page);
        const requests = [];
        page.on('request', (r) => requests.push(r.url()));

        await openLoggedIn(page, `${base}?refresh=off&panels=protocol%3Bverdict`);
        const protocol = page.getByRole('region', { name: 'protocol', exact: true });
        await expect(protocol.getByRole('img')).toBeVisible();
        const histogram = page.getByRole('region', { name: 'Sessions over time' }).getByRole('img');
        await expect(histogram).toBeVisible();
        await protocol.getByRole('button', { name: 'Table' }).click();
        await expect(protocol.getByRole('table')).toBeVisible();
        for (const format of ['PNG', 'CSV']) {
          const download = page.waitForEvent('download');
          await protocol.getByRole('button', { name: format }).click();
          expect((await download).suggestedFilename()).toMatch(new RegExp(`\\.${format.toLowerCase()}$`));
        }
        await page.getByRole('button', { name: 'Dark theme' }).click();
        await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
        await page.getByRole('button', { name: 'Last 24 hours' }).click();
        await expect(page.getByRole('dialog', { name: 'Time range' })).toBeVisible();
        await page.getByRole('button', { name: 'Last 24 hours', expanded: true }).click();
        await expect(page.getByRole('dialog', { name: 'Time range' })).toHaveCount(0);
        await histogram.hover(); // the tooltip is positioned by script
        await expect(page.getByText('click to list these sessions')).toBeVisible();
        if (mount === '/') await page.screenshot({ path: `${screenshots}csp-overview.png` });

        // A histogram bar opens its sessions: use_navigate() adds the router base.
        await histogram.click();
        await expect(page).toHaveURL(new RegExp(`^${base}sessions\\?`));
        await expect(page.getByRole('heading', { level: 1, name: 'Sessions' })).toBeVisible();

        // Deep links, loaded afresh: the proxy's fallback, then the router.
        await page.goto(`${base}sessions?refresh=off`);
        await expect(page.getByRole('heading', { level: 1, name: 'Sessions' })).toBeVisible();

        const api = mount === '/' ? `${origin}/api` : `${origin}${SUB}/api`;
        const list = await page.request.get(`${api}/audit/sessions?limit=1`);
        expect(list.status()).toBe(200);
        const id = (await list.json()).items[0].key;
        await page.goto(`${base}sessions/${encodeURIComponent(id)}`);
        await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
        await expect(page.getByRole('heading', { name: 'Page not found' })).toHaveCount(0);
        await expect(page.getByRole('dialog')).toHaveCount(0); // the login cookie reached the API through the proxy

        if (mount === '/') {
          // (Under the sub-path, the header-links test below clicks them.)
          await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sessions' }).click();
          await expect(page).toHaveURL(`${base}sessions`);
          await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }).click();
          await expect(histogram).toBeVisible();
        }

        // Nothing was fetched from outside the mount: assets, config.json and the API.
        const outside = requests.filter((u) => !u.startsWith('data:') && !u.startsWith(base));
        expect(outside).toEqual([]);
        expect(requests).toContain(`${base}config.json`);
        expect(cspViolations).toEqual([]);
        expect(errors).toEqual([]);

        // The policy is in force and the fixture's listener hears it: an inline style
        // attribute is refused. (Taken off the list: this one is on purpose.)
        await page.evaluate(() => document.body.setAttribute('style', 'outline: 1px solid red'));
        await expect.poll(() => cspViolations.length).toBe(1);
        expect(cspViolations.splice(0)[0]).toMatch(/^style-src-attr blocked inline/);
      });
    }

    test(`${SUB}/: header links, the skip link, view changes and the not-found link stay under the sub-path`, async ({ page }) => {
      test.skip(target.name !== 'stand-in', 'one proxy suffices');
      // Internal links and navigations carry the base once (src/paths), and the skip
      // link moves the focus instead of navigating.
      const base = `${origin}${SUB}/`;
      await openLoggedIn(page, `${base}?refresh=off&panels=protocol`);
      const nav = page.getByRole('navigation', { name: 'Main' });
      await nav.getByRole('link', { name: 'Sessions' }).click();
      await expect(page).toHaveURL(`${base}sessions`);
      await nav.getByRole('link', { name: 'Overview' }).click();
      await expect(page).toHaveURL(new RegExp(`^${origin}${SUB}/?$`));
      await page.getByRole('button', { name: 'Last 24 hours' }).click();
      await page.getByRole('dialog', { name: 'Time range' }).getByRole('button', { name: 'Last 7 days' }).click();
      await expect(page).toHaveURL(new RegExp(`^${base}\\?.*start=now-1w`));
      await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
      await page.getByRole('link', { name: 'SPS Dashboard' }).click();
      await expect(page).toHaveURL(new RegExp(`^${origin}${SUB}/?$`));
      await page.goto(`${base}sessions`);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await expect(page).toHaveURL(new RegExp(`^${base}sessions`));
      await page.goto(`${base}no/such/page`);
      await page.getByRole('link', { name: 'Go to the overview' }).click();
      await expect(page).toHaveURL(new RegExp(`^${origin}${SUB}/?$`));
      await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
    });

    test('frame-ancestors: a portal on the same origin can frame the dashboard, another origin cannot', async ({ page }) => {
      test.skip(target.name !== 'stand-in', 'the header is the same; one run suffices');
      const errors = watchErrors(page);
      const frameSrc = `${SUB}/?embed=1&histogram=off&refresh=off&panels=protocol`;
      const portal = `<!doctype html><title>Portal</title><h1>Intranet</h1><iframe title="SPS" src="${origin}${frameSrc}"></iframe>`;
      await page.route('**/portal.html', (route) => route.fulfill({ contentType: 'text/html', body: portal }));
      await page.goto(`${origin}/portal.html`);
      const frame = page.frameLocator('iframe[title="SPS"]');
      await expect(frame.getByRole('dialog', { name: 'Log in to SPS' })).toBeVisible();

      // localhost is another origin than 127.0.0.1: the browser refuses to show the frame.
      await page.goto(`http://localhost:${target.port}/portal.html`);
      await expect(page.getByRole('heading', { name: 'Intranet' })).toBeVisible();
      await page.waitForTimeout(1000);
      await expect(frame.getByRole('dialog')).toHaveCount(0);
      await expect(frame.getByRole('heading')).toHaveCount(0);
      expect(errors.filter((e) => !/frame-ancestors|Refused to (display|frame)/.test(e))).toEqual([]);
    });
  });
}

test('dist/index.html: no inline script or style, loader in a hashed file, <base href="/">', () => {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  expect(html).toContain('<base href="/">');
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  expect(html).not.toMatch(/<style\b|\sstyle=/);
  const boot = html.match(/<script type="module" src="\.\/(boot-[0-9a-f]{16}\.js)" integrity="sha384-[^"]+"><\/script>/);
  expect(boot).not.toBeNull();
  expect(readFileSync(join(dist, boot[1]), 'utf8')).toMatch(/module_or_path: new URL\('\.\/sps-dashboard-[0-9a-f]{8,16}_bg\.wasm', import\.meta\.url\)/);
});
