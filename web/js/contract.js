// The data contract with the Rust side (web/src/editor_contract.rs): the only code that
// reads what Rust sends the editor. Each reader copies one parsed JSON message into the
// bridge's own objects, so the rest of editor.js never touches Rust's field names.
// tests/e2e/editor-contract.test.mjs checks that these readers read exactly the fields of
// web/js/contract.json, and a Rust test that the Rust types serialize to exactly that file.

// dockcoach severities -> CodeMirror's.
export const SEVERITY = { error: 'error', warning: 'warning', info: 'info', style: 'hint' };

// EditorOptions: what the editor is made with.
export function readOptions(o) {
  return { text: o.text, label: o.label, delayMs: o.delayMs };
}

// Range: 1-based lines, 1-based UTF-16 columns, end exclusive.
export function readRange(r) {
  return { line: r.line, column: r.column, endLine: r.endLine, endColumn: r.endColumn };
}

export function readSeverity(s) {
  return Object.hasOwn(SEVERITY, s) ? SEVERITY[s] : 'info';
}

// Mark: one finding; `index` goes back to Rust when its Fix button is pressed.
export function readMark(m) {
  const fix = m.fix;
  return {
    index: m.index,
    code: m.code,
    message: m.message,
    severity: readSeverity(m.severity),
    range: readRange(m.range),
    fix: fix == null ? null : { title: fix.title, unsafe: fix.unsafe },
  };
}
