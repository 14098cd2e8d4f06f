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
import { readMark, readOptions, readRange } from './contract.js';

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

function pos(doc, line, col) {
  const l = doc.line(Math.max(1, Math.min(line, doc.lines)));
  return Math.min(l.from + Math.max(0, col - 1), l.to);
}

// A mark's hover (a mark from readMark).
function message(mark) {
  const box = document.createElement('div');
  box.className = 'cm-dc-message';
  const code = document.createElement('strong');
  code.textContent = `${mark.code} `;
  box.append(code, document.createTextNode(mark.message));
  const link = document.createElement('a');
  link.href = `#rules/${encodeURIComponent(mark.code)}`;
  link.textContent = ` About ${mark.code}`;
  box.append(document.createElement('br'), link);
  if (mark.fix) {
    const fix = document.createElement('div');
    fix.className = 'cm-dc-fix';
    fix.textContent = `Fix${mark.fix.unsafe ? ' (unsafe)' : ''}: ${mark.fix.title}`;
    box.append(fix);
  }
  return box;
}

// The messages from Rust are JSON texts (web/src/editor_contract.rs), read by contract.js.
// Rust makes editors with createEditor (below).
export class Editor {
  // `options`: EditorOptions. `onChange(text)` gets the whole text after typing, `onFix(index)`
  // the index of the mark whose Fix button was pressed.
  constructor(parent, options, onChange, onFix) {
    const { text, label, delayMs } = readOptions(JSON.parse(options));
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

  // `marks`: a JSON list of Marks.
  setMarks(marks) {
    const doc = this.view.state.doc;
    const diagnostics = JSON.parse(marks).map(readMark).map((mark) => {
      const { range } = mark;
      const from = pos(doc, range.line, range.column);
      const to = Math.max(from, pos(doc, range.endLine, range.endColumn));
      const out = {
        from, to,
        severity: mark.severity,
        source: mark.code,
        message: `${mark.code}: ${mark.message}`,
        renderMessage: () => message(mark),
      };
      if (mark.fix) {
        out.actions = [{ name: mark.fix.unsafe ? 'Fix (unsafe)' : 'Fix', apply: () => this.onFix(mark.index) }];
      }
      return out;
    });
    this.view.dispatch(setDiagnostics(this.view.state, diagnostics));
  }

  // `range`: a JSON Range.
  select(range) {
    const { line, column, endLine, endColumn } = readRange(JSON.parse(range));
    const doc = this.view.state.doc;
    const anchor = pos(doc, line, column);
    const head = Math.max(anchor, pos(doc, endLine, endColumn));
    this.view.dispatch({ selection: { anchor, head }, scrollIntoView: true });
    this.view.focus();
  }

  focus() { this.view.focus(); }

  destroy() { clearTimeout(this.timer); this.view.destroy(); }
}

export function createEditor(parent, options, onChange, onFix) {
  return new Editor(parent, options, onChange, onFix);
}
