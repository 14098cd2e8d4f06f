// End-to-end tests of the playground in headless Chromium: every user path of issue 5.
// Run: node --test tests/e2e/   (after `trunk build --release`; scripts/test.sh does both)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { deflateRawSync } from 'node:zlib';
import { readFile } from 'node:fs/promises';
import { launch, open, ready, editorText, setEditorText, codes, codeUrl } from './browser.mjs';

let app;
before(async () => { app = await launch(); });
after(async () => { await app?.close(); });

const ADD = 'FROM alpine:3.20\nADD app.py /app/\n';
const MIXED = 'FROM debian:12\nADD app.py /app/\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nUSER nobody\n';

const b64url = (buf) => buf.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const diag = (page, code) => page.locator(`[data-testid="diagnostic"][data-code="${code}"]`);

// Waits until the list of finding codes satisfies `pred` (polled from node: the page's
// CSP rightly forbids eval, so no predicate source is sent to it).
async function waitCodes(page, pred, what, timeout = 10000) {
  const end = Date.now() + timeout;
  let last = [];
  while (Date.now() < end) {
    last = await codes(page);
    if (pred(last)) return last;
    await page.waitForTimeout(50);
  }
  assert.fail(`${what}; findings: ${last}`);
}

async function openSettings(page) {
  const details = page.getByTestId('settings');
  if (!(await details.evaluate((d) => d.open))) await details.locator('summary').click();
}

test('?code= prefill shows the expected findings, as squiggles, gutter marks and list items', async () => {
  const page = await open(await app.newPage(), codeUrl(app.url, ADD));
  const item = diag(page, 'DL3020');
  await item.waitFor();
  assert.equal(await item.getAttribute('data-line'), '2');
  assert.equal(await editorText(page), ADD);
  await page.locator('.cm-lintRange').first().waitFor();
  assert.ok(await page.locator('.cm-lint-marker').count() >= 1, 'a gutter mark');
  const summary = page.getByTestId('summary');
  assert.equal(await summary.getAttribute('role'), 'status');
  assert.match(await summary.textContent(), /\d+ findings?: .*\d+ error/);
  // The ?code= was read; the address bar is clean so a reload shows the autosave.
  assert.equal(new URL(page.url()).search, '');
  await page.context().close();
});

test('squiggles cover the exact text after characters outside the BMP (UTF-16 columns)', async () => {
  // Each whale is one code point, two UTF-16 units and four UTF-8 bytes: columns counted
  // any other way would shift the mark off `curl`.
  const text = 'FROM debian:12\nRUN echo "\u{1F433}\u{1F433} h\u00e9" && apt-get install -y curl\n';
  const page = await open(await app.newPage(), codeUrl(app.url, text));
  const item = diag(page, 'DL3008');
  await item.waitFor();
  const column = text.split('\n')[1].indexOf('curl') + 1; // JS strings count UTF-16 units
  assert.match(await item.textContent(), new RegExp(`^2:${column}\\b`));
  await page.locator('.cm-lintRange').first().waitFor();
  const marked = await page.locator('.cm-lintRange').allTextContents();
  assert.ok(marked.includes('curl'), `a mark covers exactly curl: ${JSON.stringify(marked)}`);
  await page.context().close();
});

test('typing updates the findings', async () => {
  const page = await open(await app.newPage(), codeUrl(app.url, ADD));
  await diag(page, 'DL3020').waitFor();
  await setEditorText(page, 'FROM ubuntu\nCOPY app.py /app/\n');
  await waitCodes(page, (c) => c.includes('DL3006') && !c.includes('DL3020'), 'DL3006 after typing');
  await page.keyboard.press('Control+End');
  await page.keyboard.type('ADD x /y\n');
  await waitCodes(page, (c) => c.includes('DL3020'), 'DL3020 after typing more');
  assert.equal(await diag(page, 'DL3020').getAttribute('data-line'), '3');
  await page.context().close();
});

test('a finding\'s Fix button changes the text and the findings; Undo restores', async () => {
  const page = await open(await app.newPage(), codeUrl(app.url, ADD));
  await diag(page, 'DL3020').getByTestId('fix').click();
  await waitCodes(page, (c) => !c.includes('DL3020'), 'DL3020 fixed');
  assert.equal(await editorText(page), 'FROM alpine:3.20\nCOPY app.py /app/\n');
  await page.getByTestId('undo').click();
  await diag(page, 'DL3020').waitFor();
  assert.equal(await editorText(page), ADD);
  await page.context().close();
});

test('the hover on a squiggle offers the fix', async () => {
  const page = await open(await app.newPage(), codeUrl(app.url, ADD));
  await page.locator('.cm-lintRange', { hasText: 'ADD' }).first().hover();
  const tip = page.locator('.cm-tooltip-lint .cm-diagnostic', { hasText: 'DL3020' });
  await tip.waitFor();
  assert.match(await tip.locator('a').textContent(), /About DL3020/);
  const action = tip.locator('.cm-diagnosticAction');
  await action.click();
  await waitCodes(page, (c) => !c.includes('DL3020'), 'fixed from the hover');
  await page.context().close();
});

test('fix all: safe by default, the unsafe switch changes the result, apply and undo', async () => {
  const page = await open(await app.newPage(), codeUrl(app.url, MIXED));
  await diag(page, 'DL3015').waitFor();
  assert.match(await diag(page, 'DL3015').getByTestId('fix').textContent(), /unsafe/);
  await page.getByTestId('fix-all').click();
  const out = page.getByTestId('fixed-output');
  await out.waitFor();
  const safe = await out.textContent();
  assert.match(safe, /COPY app\.py/);
  assert.doesNotMatch(safe, /--no-install-recommends/);
  await page.getByTestId('unsafe-switch').check();
  await page.waitForFunction(() => document.querySelector('[data-testid="fixed-output"]').textContent.includes('--no-install-recommends'));
  const all = await out.textContent();
  assert.notEqual(all, safe);
  const changed = await page.getByTestId('fixed-item').evaluateAll((els) => els.map((e) => e.dataset.code));
  assert.ok(changed.includes('DL3020') && changed.includes('DL3015'), `what changed: ${changed}`);
  assert.match(await page.getByTestId('what-changed').textContent(), /unsafe/);
  await page.getByTestId('apply-fixed').click();
  await waitCodes(page, (c) => !c.includes('DL3020') && !c.includes('DL3015'), 'findings after apply');
  assert.equal(await editorText(page), all);
  await page.getByTestId('undo').click();
  await diag(page, 'DL3020').waitFor();
  assert.equal(await editorText(page), MIXED);
  await page.context().close();
});

test('the diff, copy, download and Markdown export of the fixed file work', async () => {
  const page = await open(await app.newPage(), codeUrl(app.url, ADD));
  await page.getByTestId('fix-all').click();
  const diff = page.getByTestId('diff');
  await diff.waitFor();
  assert.match(await diff.locator('[data-kind="removed"]').textContent(), /ADD app\.py/);
  assert.match(await diff.locator('[data-kind="added"]').textContent(), /COPY app\.py/);
  const fixed = await page.getByTestId('fixed-output').textContent();
  await page.getByTestId('copy-fixed').click();
  await page.getByTestId('notice').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), fixed);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-fixed').click()]);
  assert.equal(download.suggestedFilename(), 'Dockerfile');
  assert.equal(await readFile(await download.path(), 'utf8'), fixed);
  await page.getByTestId('copy-markdown').click();
  await page.waitForFunction(async () => (await navigator.clipboard.readText()).includes('## dockcoach report'));
  const md = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(md, /\| DL3020 \|/);
  assert.match(md, /```dockerfile\nFROM alpine:3\.20\nCOPY app\.py/);
  await page.context().close();
});

test('a share link opened in a fresh page restores the text and the settings', async () => {
  const page = await open(await app.newPage(), codeUrl(app.url, MIXED));
  await openSettings(page);
  await page.locator('[data-testid="rule-toggle"][data-code="DL3020"]').uncheck();
  await waitCodes(page, (c) => !c.includes('DL3020'), 'DL3020 off');
  await page.getByTestId('unsafe-switch').check();
  await page.getByTestId('share').click();
  const link = await page.getByTestId('share-link').inputValue();
  assert.match(link, /#v1\.[A-Za-z0-9_-]+$/);
  assert.match(link, /ignore=DL3020/);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
  await page.context().close();

  const fresh = await open(await app.newPage(), link);
  await diag(fresh, 'DL3015').waitFor();
  assert.equal(await editorText(fresh), MIXED);
  assert.deepEqual((await codes(fresh)).includes('DL3020'), false);
  await openSettings(fresh);
  assert.equal(await fresh.locator('[data-testid="rule-toggle"][data-code="DL3020"]').isChecked(), false);
  assert.equal(await fresh.getByTestId('unsafe-switch').isChecked(), true);
  await fresh.context().close();
});

test('autosave survives a reload; Reset clears it', async () => {
  const page = await open(await app.newPage(), app.url);
  await setEditorText(page, 'FROM node\nUSER root\n');
  await waitCodes(page, (c) => c.includes('DL3006'), 'findings of the typed text');
  await openSettings(page);
  await page.locator('[data-testid="rule-toggle"][data-code="DL3002"]').uncheck();
  await waitCodes(page, (c) => !c.includes('DL3002'), 'DL3002 off');
  await page.reload();
  await ready(page);
  assert.equal(await editorText(page), 'FROM node\nUSER root\n');
  await waitCodes(page, (c) => c.includes('DL3006') && !c.includes('DL3002'), 'findings after reload');
  await page.getByTestId('reset').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="editor"]').dockcoachText().startsWith('# A Dockerfile'));
  await page.reload();
  await ready(page);
  assert.match(await editorText(page), /^# A Dockerfile/);
  await page.context().close();
});

test('disabling a rule in the settings hides its findings; a severity override regroups them', async () => {
  const page = await open(await app.newPage(), codeUrl(app.url, ADD));
  await diag(page, 'DL3020').waitFor();
  await openSettings(page);
  const toggle = page.locator('[data-testid="rule-toggle"][data-code="DL3020"]');
  await toggle.uncheck();
  await waitCodes(page, (c) => !c.includes('DL3020'), 'DL3020 hidden');
  await toggle.check();
  await diag(page, 'DL3020').waitFor();
  await page.locator('[data-testid="rule-severity"][data-code="DL3020"]').selectOption('style');
  await page.waitForFunction(() => document.querySelector('[data-testid="diagnostic"][data-code="DL3020"]')?.dataset.severity === 'style');
  await page.context().close();
});

test('dockcoach.toml export and import round-trip; .hadolint.yaml imports', async () => {
  const page = await open(await app.newPage(), codeUrl(app.url, 'FROM ubuntu\nADD a /b\n'));
  await openSettings(page);
  await page.locator('[data-testid="rule-toggle"][data-code="DL3020"]').uncheck();
  await page.locator('[data-testid="rule-severity"][data-code="DL3006"]').selectOption('error');
  await page.getByTestId('failure-threshold').selectOption('warning');
  await page.getByTestId('trusted-registries').fill('docker.io, ghcr.io');
  await page.getByTestId('trusted-registries').press('Enter');
  await page.getByTestId('trusted-registries').blur();
  await waitCodes(page, (c) => !c.includes('DL3020'), 'DL3020 off');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-toml').click()]);
  assert.equal(download.suggestedFilename(), 'dockcoach.toml');
  const toml = await readFile(await download.path(), 'utf8');
  assert.match(toml, /ignore = \["DL3020"\]/);
  assert.match(toml, /failure-threshold = "warning"/);
  assert.match(toml, /ghcr\.io/);
  assert.equal(await page.getByTestId('settings-toml').inputValue(), toml);

  await page.getByRole('button', { name: 'Default settings' }).click();
  await diag(page, 'DL3020').waitFor();
  await page.getByTestId('settings-toml').fill(toml);
  await page.getByTestId('import-toml').click();
  await waitCodes(page, (c) => !c.includes('DL3020'), 'DL3020 off after import');
  assert.equal(await page.locator('[data-testid="rule-severity"][data-code="DL3006"]').inputValue(), 'error');
  assert.equal(await page.getByTestId('failure-threshold').inputValue(), 'warning');
  assert.equal(await page.getByTestId('trusted-registries').inputValue(), 'docker.io, ghcr.io');
  assert.equal(await page.getByTestId('settings-toml').inputValue(), toml);

  await page.getByTestId('settings-toml').fill('ignored:\n  - DL3006\n');
  await page.getByTestId('import-hadolint').click();
  await waitCodes(page, (c) => !c.includes('DL3006') && c.includes('DL3020'), 'hadolint import');
  await page.getByTestId('settings-toml').fill('ignore = ["NOPE"]\n');
  await page.getByTestId('import-toml').click();
  assert.match(await page.locator('[role="alert"]').textContent(), /NOPE/);
  await page.context().close();
});

test('hostile share links show an error, never a crash', async () => {
  const text = 'RUN echo hello world\n'.repeat(40);
  const good = b64url(deflateRawSync(Buffer.from(text)));
  const links = {
    'bad base64': 'v1.@@not*base64@@',
    truncated: `v1.${good.slice(0, Math.floor(good.length / 2))}`,
    'deflate bomb': `v1.${b64url(deflateRawSync(Buffer.alloc(16 << 20), { level: 9 }))}`,
    'over the 64 KiB cap': `v1.${'A'.repeat(70000)}`,
    'unknown version': 'v9.abc',
  };
  for (const [what, fragment] of Object.entries(links)) {
    const page = await open(await app.newPage(), `${app.url}#${fragment}`);
    const alert = page.locator('[role="alert"]');
    await alert.waitFor();
    assert.match(await alert.textContent(), /share link cannot be opened/, what);
    assert.match(await editorText(page), /^# A Dockerfile/, `${what}: the default text is shown`);
    await page.context().close();
  }
});

test('<script> in the Dockerfile stays inert text', async () => {
  const evil = 'FROM alpine:3.20\nADD <script>window.__pwned=1</script> /x/\nRUN echo "<img src=x onerror=window.__pwned=2>"\n';
  const page = await open(await app.newPage(), codeUrl(app.url, evil));
  await diag(page, 'DL3020').waitFor();
  await page.getByTestId('fix-all').click();
  await page.getByTestId('fixed-output').waitFor();
  assert.match(await page.getByTestId('fixed-output').textContent(), /<script>window\.__pwned=1<\/script>/);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator('main script, main img, main iframe').count(), 0);
  await page.context().close();
});

test('keyboard only: paste, findings, fix all, copy; Tab leaves the editor', async () => {
  const page = await open(await app.newPage(), app.url);
  const focusedTestId = () => page.evaluate(() => document.activeElement?.dataset?.testid ?? document.activeElement?.className ?? '');
  const tabTo = async (pred, what) => {
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(pred)) return;
    }
    assert.fail(`Tab never reached ${what}`);
  };
  await tabTo(() => document.activeElement?.classList.contains('cm-content'), 'the editor');
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(ADD);
  await diag(page, 'DL3020').waitFor();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => !!document.activeElement?.closest('.cm-editor')), false, 'Tab leaves the editor');
  await tabTo(() => document.activeElement?.dataset.testid === 'fix-all', 'fix-all');
  await page.keyboard.press('Enter');
  await page.getByTestId('fixed-output').waitFor();
  await tabTo(() => document.activeElement?.dataset.testid === 'copy-fixed', 'copy');
  await page.keyboard.press('Enter');
  await page.getByTestId('notice').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'FROM alpine:3.20\nCOPY app.py /app/\n');
  // A finding is reachable and moves the editor selection to its range.
  await page.keyboard.press('Shift+Tab');
  await tabTo(() => document.activeElement?.classList.contains('finding-go'), 'a finding');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => getSelection().toString()), 'ADD');
  assert.ok((await focusedTestId()).length > 0);
  await page.context().close();
});

test('rule pages show the docs and open their example in the playground', async () => {
  const page = await open(await app.newPage(), app.url);
  await page.goto(`${app.url}#rules`);
  await page.locator('[data-testid="rule-row"][data-code="DL3020"] a').click();
  const rule = page.getByTestId('rule-page');
  await rule.waitFor();
  assert.match(await rule.textContent(), /Why is this bad\?/);
  await page.getByTestId('open-example').click();
  await diag(page, 'DL3020').waitFor();
  assert.match(await editorText(page), /ADD requirements\.txt/);
  await page.context().close();
});

test('after the first findings the page makes no network request, and none off its origin', async () => {
  const page = await app.newPage();
  const requests = [];
  let firstFindings = false;
  page.on('request', (r) => requests.push({ url: r.url(), late: firstFindings }));
  await open(page, codeUrl(app.url, MIXED));
  await diag(page, 'DL3020').waitFor();
  firstFindings = true;
  await setEditorText(page, `${MIXED}RUN echo more\n`);
  await waitCodes(page, (c) => c.length > 0, 'findings');
  await page.getByTestId('fix-all').click();
  await page.getByTestId('unsafe-switch').check();
  await page.getByTestId('copy-fixed').click();
  await page.getByTestId('share').click();
  await openSettings(page);
  await page.locator('[data-testid="rule-toggle"][data-code="DL3020"]').uncheck();
  await page.getByTestId('theme').selectOption('dark');
  await page.goto(`${app.url}#rules/DL3015`);
  await page.getByTestId('rule-page').waitFor();
  await page.waitForTimeout(300);
  const late = requests.filter((r) => r.late);
  assert.deepEqual(late, [], 'requests after the first findings');
  // The page's own view: every resource (the editor module included, which is imported
  // after the first render) was requested before the first findings were on screen.
  const afterMark = await page.evaluate(() => {
    const mark = performance.getEntriesByName('dockcoach:first-findings')[0].startTime;
    return performance.getEntriesByType('resource').filter((e) => e.startTime > mark).map((e) => e.name);
  });
  assert.deepEqual(afterMark, [], 'resources requested after the first findings');
  const foreign = requests.filter((r) => !r.url.startsWith(app.origin) && !r.url.startsWith('data:'));
  assert.deepEqual(foreign, [], 'requests off the origin');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /'wasm-unsafe-eval'/);
  await page.context().close();
});

test('a 1 MiB text stays responsive; a bigger one gets a clear message', async () => {
  const page = await open(await app.newPage(), app.url);
  const line = 'RUN apt-get install -y curl && echo hello\n';
  const big = `FROM debian:12\n${line.repeat(Math.floor((1024 * 1024 - 16) / line.length))}`;
  assert.ok(big.length <= 1024 * 1024);
  await setEditorText(page, big);
  const t0 = Date.now();
  await page.waitForFunction(() => /\d{5} findings:/.test(document.querySelector('[data-testid="summary"]').textContent), null, { timeout: 30000 });
  const lintMs = Date.now() - t0;
  assert.match(await page.getByTestId('summary').textContent(), /The editor marks the first 5000\./);
  // The first findings are marked (back at the top: the paste left the view at the end).
  await page.keyboard.press('Control+Home');
  await page.locator('.cm-lintRange').first().waitFor();
  // The page answers promptly once the findings are in.
  const t1 = Date.now();
  await page.evaluate(() => 1);
  assert.ok(Date.now() - t1 < 3000, 'the page answers within 3 s');
  await page.keyboard.insertText('#');
  await setEditorText(page, `${big}${'#'.repeat(2048)}\n`);
  await page.waitForFunction(() => document.querySelector('[data-testid="summary"]').textContent.includes('lints up to 1024 KiB'), null, { timeout: 30000 });
  console.log(`# 1 MiB text: findings after ${lintMs} ms`);
  await page.context().close();
});

test('the theme switch applies and persists', async () => {
  const page = await open(await app.newPage(), app.url);
  await page.getByTestId('theme').selectOption('dark');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  await page.reload();
  await ready(page);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  await page.context().close();
});

test('the examples menu has one example per practice, and its CI entry opens the pipeline page', async () => {
  const page = await open(await app.newPage(), app.url);
  const menu = page.getByTestId('examples');
  // Each practice's example, and a finding it must show.
  const practice = { official: 'DC1001', minimal: 'DC1002', pinned: 'DL3007', eol: 'DC1004', user: 'DL3002', apt: 'DL3008' };
  for (const [id, code] of Object.entries(practice)) {
    await menu.selectOption(id);
    await waitCodes(page, (c) => c.includes(code), `example ${id} shows ${code}`);
    assert.match(await page.getByTestId('notice').textContent(), new RegExp(code));
  }
  await menu.selectOption('ci');
  const pipeline = page.getByTestId('ci-pipeline');
  await pipeline.waitFor();
  assert.equal(new URL(page.url()).hash, '#ci');
  assert.match(await pipeline.textContent(), /dockcoach[\s\S]*trivy/i);
  await page.getByTestId('ci-scanner').selectOption('grype');
  await page.waitForFunction(() => /Grype/.test(document.querySelector('[data-testid="ci-pipeline"]').textContent));
  assert.match(await pipeline.textContent(), /Anchore Engine/);
  await page.getByTestId('ci-platform').selectOption('gitlab');
  await page.waitForFunction(() => document.querySelector('[data-testid="ci-path"]').textContent === '.gitlab-ci.yml');
  const text = await pipeline.textContent();
  assert.match(text, /stages:/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ci-download').click()]);
  assert.equal(download.suggestedFilename(), 'gitlab-ci.yml');
  assert.equal(await readFile(await download.path(), 'utf8'), text);
  await page.getByTestId('ci-copy').click();
  await page.waitForFunction(async () => (await navigator.clipboard.readText()).includes('stages:'));
  await page.context().close();
});

test('phone width: nothing overflows sideways, and the findings stay reachable', async () => {
  const page = await open(await app.newPage(), codeUrl(app.url, MIXED));
  await page.setViewportSize({ width: 360, height: 740 });
  await diag(page, 'DL3020').waitFor();
  const overflow = await page.evaluate(() => document.scrollingElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than a 360px screen`);
  await diag(page, 'DL3020').scrollIntoViewIfNeeded();
  assert.ok(await diag(page, 'DL3020').isVisible());
  await page.context().close();
});

test('text contrast meets WCAG AA in the light and the dark theme', async () => {
  const page = await open(await app.newPage(), codeUrl(app.url, MIXED));
  await diag(page, 'DL3020').waitFor();
  await page.getByTestId('fix-all').click();
  await page.getByTestId('diff').waitFor();
  for (const theme of ['light', 'dark']) {
    await page.getByTestId('theme').selectOption(theme);
    await page.waitForTimeout(100);
    const low = await page.evaluate(() => {
      const rgba = (c) => (c.match(/[\d.]+/g) || []).map(Number);
      const lum = ([r, g, b]) => {
        const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
      };
      // The colour behind an element: the first ancestor with an opaque background.
      const behind = (el) => {
        for (let e = el; e; e = e.parentElement) {
          const c = rgba(getComputedStyle(e).backgroundColor);
          if (c.length === 3 || c[3] === 1) return c.slice(0, 3);
        }
        return [255, 255, 255];
      };
      const out = [];
      const seen = new Set();
      const all = document.querySelectorAll('body *');
      for (const el of all) {
        const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
        if (!own || el.closest('.visually-hidden, [hidden], option, noscript')) continue;
        const st = getComputedStyle(el);
        if (st.visibility === 'hidden' || st.display === 'none' || Number(st.opacity) < 1) continue;
        if (el.closest('button:disabled')) continue; // WCAG exempts inactive controls
        const fg = rgba(st.color);
        const a = fg.length > 3 ? fg[3] : 1;
        const bg = behind(el);
        const mixed = fg.slice(0, 3).map((v, i) => v * a + bg[i] * (1 - a));
        const [l1, l2] = [lum(mixed), lum(bg)].sort((x, y) => y - x);
        const ratio = (l1 + 0.05) / (l2 + 0.05);
        const size = parseFloat(st.fontSize);
        const large = size >= 24 || (size >= 18.66 && Number(st.fontWeight) >= 700);
        if (ratio < (large ? 3 : 4.5)) {
          const key = `${el.tagName.toLowerCase()}.${el.className} ${st.color} on ${bg}`;
          if (!seen.has(key)) { seen.add(key); out.push(`${key}: ${ratio.toFixed(2)} "${el.textContent.trim().slice(0, 30)}"`); }
        }
      }
      return out;
    });
    assert.deepEqual(low, [], `${theme} theme: text below AA contrast`);
  }
  await page.context().close();
});

test('no page errors or console errors during the run', () => {
  assert.deepEqual(app.errors, []);
});
