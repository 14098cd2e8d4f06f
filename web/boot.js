// Starts the playground. Trunk would inline this loader; the page's Content-Security-Policy
// allows no inline script, so it lives here and reads the (hashed) file names from its tag.
const boot = document.getElementById('dockcoach-boot');
performance.mark('dockcoach:boot');
const bindings = await import(new URL(boot.dataset.js, document.baseURI).href);
performance.mark('dockcoach:js-loaded');
await bindings.default({ module_or_path: new URL(boot.dataset.wasm, document.baseURI) });
window.wasmBindings = bindings;
dispatchEvent(new CustomEvent('TrunkApplicationStarted'));
