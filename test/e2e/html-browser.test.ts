import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ROOT, cli } from '../helpers/cli.js';

/** Debian's Chromium (installed by .ci/run), or the browser named by CHROMIUM_PATH. */
const BROWSER = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(
  (path): path is string => !!path && existsSync(path),
);

// CI installs the browser, so there a missing one is a failure; elsewhere the test says why it did not run
const run = BROWSER || process.env.CI ? it : it.skip;

describe('the HTML report in a real browser', () => {
  run('renders offline with its charts and no console errors', async () => {
    expect(BROWSER, 'no Chromium found: install Debian\'s chromium or set CHROMIUM_PATH').toBeDefined();
    const output = join(ROOT, 'test/output');
    mkdirSync(output, { recursive: true });
    const html = join(output, 'report.html');
    const result = cli(['report', 'fixtures/demo', '--period', '2024-03', '--format', 'html', '--out', html]);
    expect(result.code).toBe(0);

    const browser = await chromium.launch({
      executablePath: BROWSER,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const problems: string[] = [];
      const requests: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('request', (request) => requests.push(request.url()));
      await page.goto(pathToFileURL(html).href);
      expect(problems).toEqual([]);
      // the page itself is the only thing loaded: nothing from the network
      expect(requests.filter((url) => !url.startsWith('file:'))).toEqual([]);
      const charts = await page.locator('svg.chart').count();
      expect(charts).toBeGreaterThanOrEqual(5);
      for (const name of ['Volume trend', 'Backlog trend', 'First response time distribution', 'Volume heatmap', 'SLA compliance by channel']) {
        expect(await page.locator(`svg[aria-label="${name}"]`).count(), name).toBe(1);
      }
      const box = await page.locator('svg[aria-label="Volume heatmap"]').boundingBox();
      expect(box?.width).toBeGreaterThan(100);
      await page.screenshot({ path: join(output, 'report.png'), fullPage: true });
      expect(existsSync(join(output, 'report.png'))).toBe(true);
    } finally {
      await browser.close();
    }
  });
});
