// Shared helpers of the browser tests: Debian's Chromium driven by playwright-core,
// a fresh profile per browser, and dist/ served on 127.0.0.1.
import { chromium } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './server.mjs';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = process.env.DOCKCOACH_DIST || join(REPO, 'dist');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
];

// Starts the server and Chromium with exactly ARGS plus a fresh --user-data-dir (and
// the pipe playwright talks over). Returns { url, errors, newPage(), close() }; each
// newPage() opens in a fresh context (its own storage), like a new visitor.
export async function launch() {
  const server = await startServer({ root: DIST });
  const profile = await mkdtemp(join(tmpdir(), 'dockcoach-chromium-'));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    ignoreDefaultArgs: true,
    args: [...ARGS, `--user-data-dir=${profile}`, '--remote-debugging-pipe', 'about:blank'],
  });
  const errors = [];
  const origin = server.url.replace(/\/$/, '');
  return {
    url: server.url,
    origin,
    browser,
    errors,
    async newPage({ context } = {}) {
      const ctx = context ?? await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
      await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
      const page = await ctx.newPage();
      watch(page, errors);
      return page;
    },
    async close() {
      await browser.close();
      await server.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

function watch(page, errors) {
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
}

// Opens the app and waits until it has rendered its findings summary and the editor
// (whose module is imported after the first render).
export async function open(page, url) {
  await page.goto(url);
  await ready(page);
  return page;
}

export async function ready(page) {
  await page.getByTestId('summary').waitFor();
  await page.getByTestId('editor').locator('.cm-content').waitFor();
}

export async function editorText(page) {
  return page.getByTestId('editor').evaluate((el) => el.dockcoachText());
}

// Replaces the editor text as a user would: select all, then paste (a real paste
// event with the text on its clipboard data, which CodeMirror handles like Ctrl+V).
export async function setEditorText(page, text) {
  const content = page.getByTestId('editor').locator('.cm-content');
  await content.click();
  await page.keyboard.press('Control+A');
  await content.evaluate((el, t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

export async function codes(page) {
  return page.getByTestId('diagnostic').evaluateAll((els) => els.map((e) => e.dataset.code));
}

export const codeUrl = (base, text, extra = '') =>
  `${base}?code=${encodeURIComponent(text)}${extra}`;
