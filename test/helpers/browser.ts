// Opens pages in Debian's headless Chromium (the `chromium` package), driven by playwright-core,
// which never downloads a browser of its own: it is pointed at /usr/bin/chromium (or at the
// browser SIM_CHROMIUM names, as on CI runners that ship Chrome instead), with a fresh profile
// directory per launch and everything that could reach the network switched off.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.SIM_CHROMIUM || '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export interface OpenPage {
  readonly page: Page;
  /** Uncaught errors and console errors the page has had so far. */
  readonly errors: string[];
}

export interface Browser {
  open(file: string): Promise<OpenPage>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'sim-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1400, height: 900 },
  });
  return {
    async open(file) {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      // Any request but the file itself would be a network access the report must not make.
      page.on('request', (r) => {
        if (!r.url().startsWith('file://')) errors.push(`request to ${r.url()}`);
      });
      await page.goto(`file://${file}`);
      return { page, errors };
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
