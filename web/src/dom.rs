//! The browser edge: the CodeMirror bridge (web/js/editor.js, bundled into web/gen/ and
//! imported after the first render), the helpers web/boot.js provides (clipboard, downloads,
//! file reading, deflate) and small wrappers over storage and the URL.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

#[wasm_bindgen]
extern "C" {
    /// A CodeMirror editor (see web/js/editor.js); made by [`create_editor`].
    pub type Editor;

    #[wasm_bindgen(method, js_name = setText)]
    pub fn set_text(this: &Editor, text: &str);

    #[wasm_bindgen(method, js_name = setDiagnostics)]
    pub fn set_diagnostics(this: &Editor, list: &JsValue);

    #[wasm_bindgen(method)]
    pub fn select(this: &Editor, line: u32, column: u32, end_line: u32, end_column: u32);

    #[wasm_bindgen(method)]
    pub fn destroy(this: &Editor);

    /// Imports the editor module once; resolves to the module.
    #[wasm_bindgen(js_namespace = dockcoach, js_name = loadEditor, catch)]
    fn load_editor_module() -> Result<js_sys::Promise, JsValue>;
}

/// The helpers web/boot.js puts on `window.dockcoach`.
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = dockcoach, js_name = copyText)]
    fn copy_text_js(text: &str) -> js_sys::Promise;

    #[wasm_bindgen(js_namespace = dockcoach, js_name = downloadText)]
    pub fn download_text(name: &str, text: &str, mime: &str);

    #[wasm_bindgen(js_namespace = dockcoach, js_name = readFile)]
    fn read_file_js(file: &web_sys::File) -> js_sys::Promise;

    #[wasm_bindgen(js_namespace = dockcoach, js_name = deflateRaw)]
    fn deflate_raw_js(text: &str) -> js_sys::Promise;
}

/// Loads the editor module (on first use) and makes a CodeMirror editor in `parent`;
/// `None` when the module cannot be loaded (the page then keeps its plain-text view).
pub async fn create_editor(
    parent: &HtmlElement,
    text: &str,
    label: &str,
    on_change: &js_sys::Function,
    on_fix: &js_sys::Function,
    delay_ms: u32,
) -> Option<Editor> {
    let module = wasm_bindgen_futures::JsFuture::from(load_editor_module().ok()?)
        .await
        .ok()?;
    let class: js_sys::Function = js_sys::Reflect::get(&module, &JsValue::from_str("Editor"))
        .ok()?
        .dyn_into()
        .ok()?;
    let args = js_sys::Array::new();
    for arg in [
        parent.as_ref(),
        &JsValue::from_str(text),
        &JsValue::from_str(label),
        on_change.as_ref(),
        on_fix.as_ref(),
        &JsValue::from(delay_ms),
    ] {
        args.push(arg);
    }
    js_sys::Reflect::construct(&class, &args)
        .ok()
        .map(JsCast::unchecked_into)
}

/// Copies `text` to the clipboard; true when it worked.
pub async fn copy_text(text: &str) -> bool {
    wasm_bindgen_futures::JsFuture::from(copy_text_js(text))
        .await
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// Raw deflate of `text`'s UTF-8 bytes by the browser (`CompressionStream`), for share links.
pub async fn deflate_raw(text: &str) -> Option<Vec<u8>> {
    let bytes = wasm_bindgen_futures::JsFuture::from(deflate_raw_js(text))
        .await
        .ok()?;
    Some(js_sys::Uint8Array::new(&bytes).to_vec())
}

/// The text of a chosen file.
pub async fn read_file(file: &web_sys::File) -> Option<String> {
    wasm_bindgen_futures::JsFuture::from(read_file_js(file))
        .await
        .ok()
        .and_then(|v| v.as_string())
}

pub fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

fn storage() -> Option<web_sys::Storage> {
    window()?.local_storage().ok().flatten()
}

pub fn storage_get(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Stores a value; false when storage is full or refused.
pub fn storage_set(key: &str, value: &str) -> bool {
    storage().is_some_and(|s| s.set_item(key, value).is_ok())
}

pub fn storage_remove(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

/// `(search, hash)` of the current URL, each without its leading `?` / `#`.
pub fn location_parts() -> (String, String) {
    let Some(loc) = window().map(|w| w.location()) else {
        return (String::new(), String::new());
    };
    let search = loc.search().unwrap_or_default();
    let hash = loc.hash().unwrap_or_default();
    (
        search.trim_start_matches('?').to_string(),
        hash.trim_start_matches('#').to_string(),
    )
}

/// The page URL without query and fragment.
pub fn page_url() -> String {
    let Some(loc) = window().map(|w| w.location()) else {
        return String::new();
    };
    format!(
        "{}{}",
        loc.origin().unwrap_or_default(),
        loc.pathname().unwrap_or_default()
    )
}

/// Replaces the address bar's URL without a reload or a history entry.
pub fn replace_url(url: &str) {
    if let Some(h) = window().and_then(|w| w.history().ok()) {
        let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(url));
    }
}

/// Sets `data-theme` on `<html>` (`light`, `dark`, or `system` for the OS setting).
pub fn apply_theme(theme: &str) {
    if let Some(el) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = el.set_attribute("data-theme", theme);
    }
}

/// A performance mark for the timing script (scripts/bench-web.mjs).
pub fn mark(name: &str) {
    if let Some(p) = window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}
