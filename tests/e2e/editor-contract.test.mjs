// The editor contract, JS side: web/js/contract.js must read exactly the fields of
// web/js/contract.json, the sample the Rust contract types (web/src/editor_contract.rs)
// are tested to serialize to. A field renamed on either side fails this test or the Rust one.
// Run: node --test tests/e2e/   (no browser needed for this file)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { SEVERITY, readMark, readOptions, readRange, readSeverity } from '../../web/js/contract.js';

const sample = JSON.parse(await readFile(new URL('../../web/js/contract.json', import.meta.url), 'utf8'));

// The leaf paths of a JSON value (`range.endLine`, `fix.title`; a null is a leaf).
function leaves(value, prefix = '') {
  if (value === null || typeof value !== 'object') return [prefix];
  return Object.entries(value).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

// A view of `value` that records the path of every property read through it.
function recording(value, seen, prefix = '') {
  return new Proxy(value, {
    get(target, key) {
      if (typeof key === 'symbol') return Reflect.get(target, key);
      const path = prefix ? `${prefix}.${key}` : key;
      seen.add(path);
      const v = Reflect.get(target, key);
      return v !== null && typeof v === 'object' ? recording(v, seen, path) : v;
    },
    has(target, key) {
      seen.add(prefix ? `${prefix}.${String(key)}` : String(key));
      return Reflect.has(target, key);
    },
  });
}

// The leaf paths `read` reads of `message`, and what it returned.
function reads(read, message) {
  const seen = new Set();
  const out = read(recording(message, seen));
  const all = [...seen];
  const read_leaves = all.filter((p) => !all.some((q) => q.startsWith(`${p}.`)));
  return { paths: read_leaves.sort(), out };
}

function noUndefined(value, what) {
  for (const path of leaves(value)) {
    const v = path.split('.').reduce((o, k) => o?.[k], value);
    assert.notEqual(v, undefined, `${what}: ${path} is undefined`);
  }
}

test('the sample holds every message, with and without the optional fix', () => {
  assert.ok(sample.options && sample.select && Array.isArray(sample.marks));
  assert.ok(sample.marks.some((m) => m.fix === null), 'a mark without a fix');
  assert.ok(sample.marks.some((m) => m.fix !== null), 'a mark with a fix');
});

test('readOptions reads exactly the fields of EditorOptions', () => {
  const { paths, out } = reads(readOptions, sample.options);
  assert.deepEqual(paths, leaves(sample.options).sort());
  assert.deepEqual(out, sample.options);
});

test('readRange reads exactly the fields of Range', () => {
  const { paths, out } = reads(readRange, sample.select);
  assert.deepEqual(paths, leaves(sample.select).sort());
  assert.deepEqual(out, sample.select);
});

test('readMark reads exactly the fields of Mark, MarkFix and Range', () => {
  for (const mark of sample.marks) {
    const { paths, out } = reads(readMark, mark);
    assert.deepEqual(paths, leaves(mark).sort(), `mark ${mark.code}`);
    noUndefined(out, `mark ${mark.code}`);
    assert.equal(out.index, mark.index);
    assert.deepEqual(out.range, mark.range);
    assert.deepEqual(out.fix, mark.fix);
  }
});

test('every severity Rust sends has a CodeMirror severity', () => {
  assert.deepEqual(Object.keys(SEVERITY).sort(), [...sample.severities].sort());
  const codemirror = ['error', 'warning', 'info', 'hint'];
  for (const s of sample.severities) assert.ok(codemirror.includes(readSeverity(s)), s);
  assert.equal(readSeverity('style'), 'hint');
  assert.equal(readSeverity('toString'), 'info');
});
