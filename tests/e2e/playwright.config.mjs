// End-to-end tests against the release build (`dist/`) served by sps-sim on one
// origin, as a reverse proxy serves it in production, with production's
// Content-Security-Policy. Chromium is Debian's: no browser is ever downloaded.
import { defineConfig } from '@playwright/test';
import { CSP } from './csp.mjs';

const port = Number(process.env.E2E_PORT ?? 18089);
const sim = process.env.SPS_SIM_BIN ?? '../../target/native/sps-sim';

export default defineConfig({
  testDir: './specs',
  outputDir: './test-results',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ],
    },
  },
  webServer: {
    command: `${sim} --listen 127.0.0.1:${port} --serve-dir ../../dist --sessions 5000 --seed 7 --user admin --password demo`,
    env: { SPS_SIM_CSP: CSP },
    url: `http://127.0.0.1:${port}/config.json`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
