// Starts the playground. Trunk would inline this loader; the page's Content-Security-Policy
// allows no inline script, so it lives here and reads the (hashed) file names from its tag.
// It also holds the few browser helpers the Rust side calls (as `window.dockcoach.*`), so
// the wasm glue imports no snippet file: every file the page loads has a content-hashed
// name (web/hash-assets.mjs names this one and editor.js).
const boot = document.getElementById('dockcoach-boot');

// The CodeMirror editor (editor-<hash>.js, ~110 KB gzip) is imported only when the app asks
// for it, after its first render: the findings are on screen before the editor's code is
// even evaluated. index.html preloads it, so it is usually fetched by then.
let editorModule = null;

window.dockcoach = {
  loadEditor() {
    editorModule ??= import(new URL(boot.dataset.editor, document.baseURI).href);
    return editorModule;
  },

  // Copies text; falls back to a hidden textarea where the Clipboard API is refused.
  async copyText(text) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch (_) {
      const area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      document.body.append(area);
      area.select();
      const ok = document.execCommand('copy');
      area.remove();
      return ok;
    }
  },

  downloadText(name, text, type) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  },

  // Reads a file chosen in an <input type=file>.
  readFile(file) { return file.text(); },

  // Raw deflate (RFC 1951) of a text's UTF-8 bytes with the browser's own compressor, for
  // share links; the wasm then needs only the inflater.
  async deflateRaw(text) {
    const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  },
};

performance.mark('dockcoach:boot');
const bindings = await import(new URL(boot.dataset.js, document.baseURI).href);
performance.mark('dockcoach:js-loaded');
await bindings.default({ module_or_path: new URL(boot.dataset.wasm, document.baseURI) });
window.wasmBindings = bindings;
dispatchEvent(new CustomEvent('TrunkApplicationStarted'));
