// Starts the playground. Trunk would inline this loader; the page's Content-Security-Policy
// allows no inline script, so it lives here and reads the (hashed) file names from its tag.
const boot = document.getElementById('dockcoach-boot');
// The CodeMirror editor (dist/editor.js, ~110 KB gzip) is imported only when the app asks
// for it, after its first render: the findings are on screen before the editor's code is
// even evaluated. index.html preloads it, so it is usually fetched by then.
let editorModule = null;
window.dockcoachLoadEditor = () => {
  editorModule ??= import(new URL(boot.dataset.editor, document.baseURI).href);
  return editorModule;
};
performance.mark('dockcoach:boot');
const bindings = await import(new URL(boot.dataset.js, document.baseURI).href);
performance.mark('dockcoach:js-loaded');
await bindings.default({ module_or_path: new URL(boot.dataset.wasm, document.baseURI) });
window.wasmBindings = bindings;
dispatchEvent(new CustomEvent('TrunkApplicationStarted'));
