#!/usr/bin/env node
// Screenshots of the playground for the README and the issue notes (docs/*.png), from the
// release build in dist/: the main view with the fixed Dockerfile, dark theme, phone
// width, a rule page and the CI page. Usage: node scripts/screenshot-web.mjs
import { chromium } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, DIST, CHROMIUM, ARGS } from '../tests/e2e/browser.mjs';
import { startServer } from '../tests/e2e/server.mjs';

const server = await startServer({ root: DIST });
const profile = await mkdtemp(join(tmpdir(), 'dockcoach-shot-'));
const browser = await chromium.launch({
  executablePath: CHROMIUM, ignoreDefaultArgs: true,
  args: [...ARGS, `--user-data-dir=${profile}`, '--remote-debugging-pipe', 'about:blank'],
});
const shot = async (name, { width = 1440, height = 1000, theme = 'light', fixed = true, hash = '', full = false } = {}) => {
  const ctx = await browser.newContext({ viewport: { width, height }, colorScheme: theme === 'dark' ? 'dark' : 'light' });
  const page = await ctx.newPage();
  await page.goto(`${server.url}${hash}`);
  const page_id = { '': 'summary', '#ci': 'ci-page' }[hash] ?? 'rule-page';
  await page.getByTestId(page_id).waitFor();
  if (!hash) await page.getByTestId('editor').locator('.cm-content').waitFor();
  if (fixed) {
    await page.getByTestId('fix-all').click();
    await page.getByTestId('fixed-output').waitFor();
  }
  await page.waitForTimeout(200);
  await page.screenshot({ path: join(REPO, 'docs', name), fullPage: full });
  console.log(`wrote docs/${name}`);
  await ctx.close();
};
try {
  await shot('playground.png', { full: true });
  await shot('playground-dark.png', { theme: 'dark', fixed: false });
  await shot('playground-phone.png', { width: 390, height: 844, fixed: false });
  await shot('playground-rule.png', { hash: '#rules/DL3020', fixed: false, height: 900 });
  await shot('playground-ci.png', { hash: '#ci', fixed: false, height: 900 });
} finally {
  await browser.close();
  await server.close();
  await rm(profile, { recursive: true, force: true });
}
