// A small Node server doing what deploy/nginx.conf and deploy/nginx-subpath.conf
// do: one dist/ served at `/` and under SUB, `/api/` proxied to the sim, the
// sub-path's config.json, index.html's `<base href>` rewritten under the mount.
// Used by the deployment and navigation specs.
import { existsSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import { extname, join, normalize } from 'node:path';
import { CSP } from './csp.mjs';

const root = new URL('../../', import.meta.url).pathname;
const dist = join(root, 'dist');
/** The portal's sub-path. */
export const SUB = '/tools/sps-dashboard';
const simPort = Number(process.env.E2E_PORT ?? 18089);
const upstream = `http://127.0.0.1:${simPort}`;
/** A hashed asset name, as Trunk writes them. */
export const HASHED = /-[0-9a-f]{8,16}(_bg)?\.(css|js|wasm)$/;

/** config.json of the sub-path deployment (nginx-subpath.conf maps it from outside dist/). */
export const subConfig = { ...JSON.parse(readFileSync(join(dist, 'config.json'), 'utf8')), api_base: `${SUB}/api` };

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css',
  '.wasm': 'application/wasm', '.json': 'application/json',
};

/** Content-Encoding → the suffix of the build's compressed copy (brotli preferred). */
const COPIES = { br: '.br', gzip: '.gz' };

/** Starts the stand-in on `port`; resolves to the listening server. */
export function startStandIn(port) {
  const documentHeaders = {
    'cache-control': 'no-cache', 'content-security-policy': CSP,
    'x-content-type-options': 'nosniff', 'referrer-policy': 'same-origin',
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://stand-in');
    let path = url.pathname;
    if (path === SUB) {
      res.writeHead(301, { location: `${SUB}/` }).end();
      return;
    }
    const mount = path.startsWith(`${SUB}/`) ? `${SUB}/` : '/';
    if (mount !== '/') path = path.slice(SUB.length);
    if (path.startsWith('/api/')) {
      const proxied = http.request(`${upstream}${path}${url.search}`,
        { method: req.method, headers: { ...req.headers, host: `127.0.0.1:${simPort}` } },
        (answer) => { res.writeHead(answer.statusCode, answer.headers); answer.pipe(res); });
      proxied.on('error', () => res.writeHead(502).end());
      req.pipe(proxied);
      return;
    }
    if (mount !== '/' && path === '/config.json') {
      res.writeHead(200, { ...documentHeaders, 'content-type': TYPES['.json'] }).end(JSON.stringify(subConfig));
      return;
    }
    const file = normalize(join(dist, decodeURIComponent(path)));
    if (file.startsWith(`${dist}/`) && existsSync(file) && statSync(file).isFile()) {
      const headers = HASHED.test(path)
        ? { 'cache-control': 'public, max-age=31536000, immutable', 'x-content-type-options': 'nosniff' }
        : documentHeaders;
      // gzip_static / brotli_static: the build's compressed copy, if the client takes it.
      const accepts = String(req.headers['accept-encoding'] ?? '').split(/\s*,\s*/);
      const copy = HASHED.test(path)
        ? Object.entries(COPIES).find(([e, suffix]) => accepts.includes(e) && existsSync(file + suffix))
        : undefined;
      const encoding = copy ? { 'content-encoding': copy[0], vary: 'Accept-Encoding' } : {};
      res.writeHead(200, { ...headers, ...encoding, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(readFileSync(copy ? file + copy[1] : file));
    } else if (HASHED.test(path)) {
      res.writeHead(404).end();
    } else {
      let html = readFileSync(join(dist, 'index.html'), 'utf8');
      if (mount !== '/') html = html.replace('<base href="/">', `<base href="${mount}">`);
      res.writeHead(200, { ...documentHeaders, 'content-type': TYPES['.html'] }).end(html);
    }
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

