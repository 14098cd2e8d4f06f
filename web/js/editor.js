// The browser editor of the playground: CodeMirror 6 with the Dockerfile mode and lint
// marks. Bundled by esbuild (web/build-editor.mjs) into web/gen/editor.js, which the Rust
// side imports through wasm-bindgen. The linter itself runs in Rust; this file only
// shows what Rust found and reports edits back, debounced.
import { EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter,
  drawSelection, highlightSpecialChars } from '@codemirror/view';
import { EditorState, Annotation } from '@codemirror/state';
import { history, historyKeymap, standardKeymap, moveLineUp, moveLineDown, copyLineUp,
  copyLineDown, deleteLine, selectLine, indentMore, indentLess, toggleComment } from '@codemirror/commands';
import { StreamLanguage, syntaxHighlighting, HighlightStyle } from '@codemirror/language';
import { tags } from '@lezer/highlight';
import { dockerFile } from '@codemirror/legacy-modes/mode/dockerfile';
import { setDiagnostics, lintGutter } from '@codemirror/lint';

// Marks the changes the app makes itself, so they are not reported back as typing.
const fromApp = Annotation.define();

const highlight = HighlightStyle.define([
  { tag: tags.keyword, color: 'var(--tok-keyword)', fontWeight: '600' },
  { tag: [tags.string, tags.special(tags.string)], color: 'var(--tok-string)' },
  { tag: tags.comment, color: 'var(--tok-comment)', fontStyle: 'italic' },
  { tag: [tags.variableName, tags.special(tags.variableName)], color: 'var(--tok-variable)' },
  { tag: [tags.number, tags.bool, tags.atom], color: 'var(--tok-number)' },
  { tag: [tags.operator, tags.meta, tags.bracket], color: 'var(--tok-meta)' },
]);

const lineKeys = [
  { key: 'Alt-ArrowUp', run: moveLineUp },
  { key: 'Alt-ArrowDown', run: moveLineDown },
  { key: 'Shift-Alt-ArrowUp', run: copyLineUp },
  { key: 'Shift-Alt-ArrowDown', run: copyLineDown },
  { key: 'Shift-Mod-k', run: deleteLine },
  { key: 'Mod-l', run: selectLine, preventDefault: true },
  { key: 'Mod-[', run: indentLess },
  { key: 'Mod-]', run: indentMore },
  { key: 'Mod-/', run: toggleComment },
];

const SEVERITY = { error: 'error', warning: 'warning', info: 'info', style: 'hint' };

function pos(doc, line, col) {
  const l = doc.line(Math.max(1, Math.min(line, doc.lines)));
  return Math.min(l.from + Math.max(0, col - 1), l.to);
}

function message(d) {
  const box = document.createElement('div');
  box.className = 'cm-dc-message';
  const code = document.createElement('strong');
  code.textContent = `${d.code} `;
  box.append(code, document.createTextNode(d.message));
  const link = document.createElement('a');
  link.href = `#rules/${encodeURIComponent(d.code)}`;
  link.textContent = ` About ${d.code}`;
  box.append(document.createElement('br'), link);
  if (d.fixTitle) {
    const fix = document.createElement('div');
    fix.className = 'cm-dc-fix';
    fix.textContent = `Fix${d.fixUnsafe ? ' (unsafe)' : ''}: ${d.fixTitle}`;
    box.append(fix);
  }
  return box;
}

export class Editor {
  constructor(parent, text, label, onChange, onFix, delayMs) {
    this.onChange = onChange;
    this.onFix = onFix;
    this.delayMs = delayMs;
    this.timer = 0;
    this.view = new EditorView({
      parent,
      state: EditorState.create({
        doc: text,
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          highlightSpecialChars(),
          history(),
          drawSelection(),
          highlightActiveLine(),
          StreamLanguage.define(dockerFile),
          syntaxHighlighting(highlight),
          lintGutter(),
          // Tab is deliberately not bound: Tab and Shift+Tab move the focus out. The
          // platform's standard keys plus the line commands people reach for most (the
          // full defaultKeymap would pull in every command of @codemirror/commands).
          keymap.of([...standardKeymap, ...historyKeymap, ...lineKeys]),
          EditorView.contentAttributes.of({ 'aria-label': label, 'aria-multiline': 'true' }),
          EditorView.updateListener.of((u) => {
            if (!u.docChanged || u.transactions.some((t) => t.annotation(fromApp))) return;
            clearTimeout(this.timer);
            // Big texts wait longer after the last keystroke, so typing stays fluid.
            const wait = this.delayMs + Math.min(1500, u.state.doc.length / 1024);
            this.timer = setTimeout(() => this.onChange(this.view.state.doc.toString()), wait);
          }),
        ],
      }),
    });
    // For the browser tests: the whole text, including lines outside the viewport.
    parent.dockcoachText = () => this.text();
  }

  text() { return this.view.state.doc.toString(); }

  // Replaces the text (an undoable change), without reporting it back.
  setText(text) {
    clearTimeout(this.timer);
    if (this.text() === text) return;
    this.view.dispatch({
      changes: { from: 0, to: this.view.state.doc.length, insert: text },
      annotations: fromApp.of(true),
    });
  }

  // `list`: [{index, code, message, severity, line, column, endLine, endColumn, fixTitle, fixUnsafe}]
  setDiagnostics(list) {
    const doc = this.view.state.doc;
    const diagnostics = list.map((d) => {
      const from = pos(doc, d.line, d.column);
      const to = Math.max(from, pos(doc, d.endLine, d.endColumn));
      const out = {
        from, to,
        severity: SEVERITY[d.severity] || 'info',
        source: d.code,
        message: `${d.code}: ${d.message}`,
        renderMessage: () => message(d),
      };
      if (d.fixTitle) {
        out.actions = [{ name: d.fixUnsafe ? 'Fix (unsafe)' : 'Fix', apply: () => this.onFix(d.index) }];
      }
      return out;
    });
    this.view.dispatch(setDiagnostics(this.view.state, diagnostics));
  }

  select(line, column, endLine, endColumn) {
    const doc = this.view.state.doc;
    const anchor = pos(doc, line, column);
    const head = Math.max(anchor, pos(doc, endLine, endColumn));
    this.view.dispatch({ selection: { anchor, head }, scrollIntoView: true });
    this.view.focus();
  }

  focus() { this.view.focus(); }

  destroy() { clearTimeout(this.timer); this.view.destroy(); }
}
