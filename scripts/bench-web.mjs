#!/usr/bin/env node
// Browser timing of the playground (a benchmark, not a test), in headless Chromium:
//   - page weight: gzip -9 size of every file in dist/ (wasm, JS, CSS, total);
//   - first findings: navigation start -> the app's `dockcoach:first-findings` mark,
//     fresh context per run, median of 5;
//   - lint latency of a 200-line Dockerfile inside the page: dockcoach (the wasm the
//     page runs, through its `bench_lint` export) against dockerfile-utils' validate()
//     loaded into the same page from a separate bundle (bench/dfu-entry.js), median of
//     batches.
// Needs a release build in dist/ (scripts/run.sh or `trunk build index.html --release`).
// Usage: node scripts/bench-web.mjs [--runs N]
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { gzipSync } from 'node:zlib';
import { mkdtemp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, extname } from 'node:path';
import { REPO, DIST, CHROMIUM, ARGS } from '../tests/e2e/browser.mjs';
import { startServer } from '../tests/e2e/server.mjs';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

// --- page weight
async function files(dir) {
  const out = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...await files(p));
    else if (!e.name.startsWith('.')) out.push(p);
  }
  return out;
}
try { await stat(join(DIST, 'index.html')); } catch {
  console.error('bench-web: no dist/index.html; run `trunk build index.html --release` first');
  process.exit(2);
}
const weight = { wasm: 0, js: 0, css: 0, other: 0 };
for (const f of await files(DIST)) {
  const gz = gzipSync(await readFile(f), { level: 9 }).length;
  const kind = { '.wasm': 'wasm', '.js': 'js', '.css': 'css' }[extname(f)] || 'other';
  weight[kind] += gz;
}
const total = Object.values(weight).reduce((a, b) => a + b, 0);
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;

// --- the reference linter, bundled for the bench page only
const benchDir = join(REPO, 'target', 'bench-web');
await mkdir(benchDir, { recursive: true });
await build({
  entryPoints: [join(REPO, 'bench', 'dfu-entry.js')], bundle: true, format: 'iife', minify: true,
  platform: 'browser', outfile: join(benchDir, 'dfu.js'), logLevel: 'warning',
});

// A 200-line Dockerfile: the examples' instructions, repeated with variations.
const base = (await readFile(join(REPO, 'examples', 'Dockerfile'), 'utf8')).split('\n').filter((l) => l.trim());
const lines = ['FROM python:3.12-slim AS build'];
for (let i = 0; lines.length < 200; i++) {
  const l = base[(i % (base.length - 1)) + 1];
  lines.push(l.startsWith('FROM') || l.startsWith('from') ? `FROM python:3.1${i % 10} AS s${i}` : l.replace('/app', `/app${i}`));
}
const text = `${lines.join('\n')}\n`;

const server = await startServer({ root: DIST, extra: { '/__bench/': benchDir } });
const profile = await mkdtemp(join(tmpdir(), 'dockcoach-bench-'));
const browser = await chromium.launch({
  executablePath: CHROMIUM, ignoreDefaultArgs: true,
  args: [...ARGS, `--user-data-dir=${profile}`, '--remote-debugging-pipe', 'about:blank'],
});
try {
  // --- first findings
  const first = [];
  for (let i = 0; i < runs; i++) {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(server.url);
    await page.waitForFunction(() => performance.getEntriesByName('dockcoach:first-findings').length > 0);
    const ms = await page.evaluate(() => {
      const n = document.querySelectorAll('[data-testid="diagnostic"]').length;
      return n > 0 ? performance.getEntriesByName('dockcoach:first-findings')[0].startTime : NaN;
    });
    first.push(ms);
    await ctx.close();
  }

  // --- lint latency, both linters in the same page on the same text
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(server.url);
  await page.waitForFunction(() => window.wasmBindings && performance.getEntriesByName('dockcoach:first-findings').length);
  await page.addScriptTag({ url: `${server.url}__bench/dfu.js` });
  const r = await page.evaluate((t) => {
    const linters = {
      dc: () => window.wasmBindings.bench_lint(t),
      du: () => window.dockerfileUtils.validate(t),
    };
    // Warm up for a second each, so both run optimized code (V8 tiers wasm and JS up in
    // the background), then time interleaved batches so both see the same noise.
    for (const fn of Object.values(linters)) {
      const end = performance.now() + 1000;
      while (performance.now() < end) fn();
    }
    const per = { dc: [], du: [] };
    for (let b = 0; b < 41; b++) {
      for (const [k, fn] of Object.entries(linters)) {
        const n = 20;
        const t0 = performance.now();
        for (let i = 0; i < n; i++) fn();
        per[k].push((performance.now() - t0) / n);
      }
    }
    const med = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
    return { dc: med(per.dc), du: med(per.du), dcFindings: linters.dc(), duFindings: linters.du().length };
  }, text);
  await ctx.close();

  console.log(`page weight (gzip -9): wasm ${kb(weight.wasm)}, JS ${kb(weight.js)}, CSS ${kb(weight.css)}, other ${kb(weight.other)}; total ${kb(total)}`);
  console.log(`first findings (navigation -> findings on screen, median of ${runs}): ${median(first).toFixed(0)} ms  [${first.map((x) => x.toFixed(0)).join(', ')}]`);
  console.log(`lint latency, 200-line Dockerfile (${text.length} bytes), median per call:`);
  console.log(`  dockcoach (wasm, in page):      ${r.dc.toFixed(3)} ms  (${r.dcFindings} findings)`);
  console.log(`  dockerfile-utils validate():    ${r.du.toFixed(3)} ms  (${r.duFindings} diagnostics)`);
  console.log(`  ratio dockcoach / dockerfile-utils: ${(r.dc / r.du).toFixed(2)}x`);
} finally {
  await browser.close();
  await server.close();
  await rm(profile, { recursive: true, force: true });
}
