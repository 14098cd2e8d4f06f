//! The browser edge: every DOM and JS call of the app is here, behind small typed
//! functions, so components only render and dispatch. It holds the CodeMirror bridge
//! (web/js/editor.js, bundled into web/gen/ and imported after the first render; its data
//! contract is [`crate::editor_contract`]), the helpers web/boot.js provides (clipboard,
//! downloads, file reading, deflate), storage and the autosave, the URL, the theme, the
//! console, and the values of the form controls events come from.

use crate::editor_contract::{self, EditorOptions, Mark, Range};
use serde::Serialize;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{
    Event, HtmlDetailsElement, HtmlElement, HtmlInputElement, HtmlSelectElement,
    HtmlTextAreaElement,
};
use yew::TargetCast;

// ---------------------------------------------------------------------------------------
// The CodeMirror bridge

#[wasm_bindgen]
extern "C" {
    /// The module web/js/editor.js.
    type EditorModule;

    /// Makes an editor in `parent`: `options` is the JSON of an [`EditorOptions`].
    #[wasm_bindgen(method, catch, js_name = createEditor)]
    fn create_editor(
        this: &EditorModule,
        parent: &HtmlElement,
        options: &str,
        on_change: &Closure<dyn Fn(String)>,
        on_fix: &Closure<dyn Fn(u32)>,
    ) -> Result<JsEditor, JsValue>;

    /// An editor of web/js/editor.js. Every message is the JSON of a type in
    /// [`crate::editor_contract`].
    type JsEditor;

    #[wasm_bindgen(method, js_name = setText)]
    fn set_text(this: &JsEditor, text: &str);

    #[wasm_bindgen(method, js_name = setMarks)]
    fn set_marks(this: &JsEditor, marks_json: &str);

    #[wasm_bindgen(method)]
    fn select(this: &JsEditor, range_json: &str);

    #[wasm_bindgen(method)]
    fn destroy(this: &JsEditor);

    /// Imports the editor module once; resolves to the [`EditorModule`].
    #[wasm_bindgen(js_namespace = dockcoach, js_name = loadEditor, catch)]
    fn load_editor_module() -> Result<js_sys::Promise, JsValue>;
}

/// The element an editor is made in (a component's `NodeRef` casts to it).
pub type EditorHost = HtmlElement;

/// A CodeMirror editor and the callbacks it calls; destroyed when dropped.
pub struct Editor {
    editor: JsEditor,
    _on_change: Closure<dyn Fn(String)>,
    _on_fix: Closure<dyn Fn(u32)>,
}

impl Editor {
    /// Loads the editor module (on first use) and makes an editor in `host`; `None` when
    /// the module cannot be loaded (the page then keeps its plain-text view).
    /// `on_change` gets the whole text after typing (debounced in JS), `on_fix` the
    /// [`Mark::index`] of a hover's Fix button.
    pub async fn create(
        host: &EditorHost,
        options: &EditorOptions<'_>,
        on_change: impl Fn(String) + 'static,
        on_fix: impl Fn(u32) + 'static,
    ) -> Option<Editor> {
        let on_change = Closure::<dyn Fn(String)>::new(on_change);
        let on_fix = Closure::<dyn Fn(u32)>::new(on_fix);
        let module: EditorModule = wasm_bindgen_futures::JsFuture::from(load_editor_module().ok()?)
            .await
            .ok()?
            .unchecked_into();
        let options = editor_contract::to_json(options);
        let editor = module
            .create_editor(host, &options, &on_change, &on_fix)
            .ok()?;
        Some(Editor {
            editor,
            _on_change: on_change,
            _on_fix: on_fix,
        })
    }

    /// Replaces the text (undoable in the editor), without it coming back as typing.
    pub fn set_text(&self, text: &str) {
        self.editor.set_text(text);
    }

    /// Shows these marks (squiggles, gutter marks, hovers with Fix buttons).
    pub fn set_marks(&self, marks: &[Mark<'_>]) {
        self.editor.set_marks(&editor_contract::to_json(marks));
    }

    /// Selects a range, scrolls it into view and focuses the editor.
    pub fn select(&self, range: Range) {
        self.editor.select(&editor_contract::to_json(&range));
    }
}

impl Drop for Editor {
    fn drop(&mut self) {
        self.editor.destroy();
    }
}

// ---------------------------------------------------------------------------------------
// The helpers web/boot.js puts on `window.dockcoach`

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

    #[wasm_bindgen(js_namespace = console, js_name = log)]
    fn console_log_js(text: &str);
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

/// Writes a line to the browser's console.
pub fn console_log(text: &str) {
    console_log_js(text);
}

// ---------------------------------------------------------------------------------------
// Storage and the autosave

fn window() -> Option<web_sys::Window> {
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

/// The autosaved playground: the text, the settings as a `dockcoach.toml`, the unsafe
/// switch. Loaded as `Draft<String>`, saved from a `Draft<&str>`.
pub struct Draft<S> {
    pub text: S,
    pub settings_toml: S,
    pub unsafe_fixes: bool,
}

/// Reads the draft stored under `key`; `None` when there is none or it has another shape.
/// It is JSON (`{"v":1,"text":…,"settings":<dockcoach.toml>,"unsafe":…}`), read with the
/// browser's own `JSON.parse` (the wasm carries no JSON parser) and written by [`crate::json`].
pub fn load_draft(key: &str) -> Option<Draft<String>> {
    let raw = storage_get(key)?;
    let value = js_sys::JSON::parse(&raw).ok()?;
    let get = |key: &str| js_sys::Reflect::get(&value, &JsValue::from_str(key)).ok();
    if get("v")?.as_f64()? != 1.0 {
        return None;
    }
    Some(Draft {
        text: get("text")?.as_string()?,
        settings_toml: get("settings")
            .and_then(|s| s.as_string())
            .unwrap_or_default(),
        unsafe_fixes: get("unsafe").and_then(|v| v.as_bool()).unwrap_or(false),
    })
}

/// Stores `draft` under `key`; false when storage refused it (full, or switched off).
pub fn save_draft(key: &str, draft: &Draft<&str>) -> bool {
    #[derive(Serialize)]
    struct Stored<'a> {
        v: u32,
        text: &'a str,
        settings: &'a str,
        #[serde(rename = "unsafe")]
        unsafe_fixes: bool,
    }
    let stored = Stored {
        v: 1,
        text: draft.text,
        settings: draft.settings_toml,
        unsafe_fixes: draft.unsafe_fixes,
    };
    crate::json::to_string(&stored).is_ok_and(|json| storage_set(key, &json))
}

// ---------------------------------------------------------------------------------------
// The URL, the page

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

/// Navigates to `#hash` (`""` for the playground), as a link would.
pub fn set_hash(hash: &str) {
    if let Some(w) = window() {
        let _ = w.location().set_hash(hash);
    }
}

/// Calls `on_change` with the new fragment (without `#`) whenever it changes, until the
/// returned listener is dropped.
pub fn on_hash_change(on_change: impl Fn(String) + 'static) -> HashListener {
    let closure = Closure::<dyn Fn()>::new(move || on_change(location_parts().1));
    if let Some(w) = window() {
        let _ = w.add_event_listener_with_callback("hashchange", closure.as_ref().unchecked_ref());
    }
    HashListener { closure }
}

/// A `hashchange` listener; removed when dropped.
pub struct HashListener {
    closure: Closure<dyn Fn()>,
}

impl Drop for HashListener {
    fn drop(&mut self) {
        if let Some(w) = window() {
            let _ = w.remove_event_listener_with_callback(
                "hashchange",
                self.closure.as_ref().unchecked_ref(),
            );
        }
    }
}

pub fn scroll_to_top() {
    if let Some(w) = window() {
        w.scroll_to_with_x_and_y(0.0, 0.0);
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

// ---------------------------------------------------------------------------------------
// Form controls

/// The value of the `<select>` an event came from.
pub fn select_value(e: &Event) -> String {
    e.target_unchecked_into::<HtmlSelectElement>().value()
}

/// The value of the `<select>` an event came from, which is set back to its empty first
/// option (a menu of actions, not a setting).
pub fn take_select_value(e: &Event) -> String {
    let select = e.target_unchecked_into::<HtmlSelectElement>();
    let value = select.value();
    select.set_value("");
    value
}

/// Sets the `<select id=…>` to `value`: an `<option selected>` attribute no longer moves
/// a select the user has touched, so a change from elsewhere (an import) must set it.
pub fn set_select_value(id: &str, value: &str) {
    if let Some(select) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<HtmlSelectElement>().ok())
    {
        select.set_value(value);
    }
}

/// The value of the `<input>` an event came from.
pub fn input_value(e: &Event) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

/// Whether the checkbox an event came from is checked.
pub fn input_checked(e: &Event) -> bool {
    e.target_unchecked_into::<HtmlInputElement>().checked()
}

/// The value of the `<textarea>` an event came from.
pub fn textarea_value(e: &Event) -> String {
    e.target_unchecked_into::<HtmlTextAreaElement>().value()
}

/// Whether the `<details>` a `toggle` event came from is open.
pub fn details_open(e: &Event) -> bool {
    e.target_unchecked_into::<HtmlDetailsElement>().open()
}

/// A file chosen in an `<input type=file>`.
pub struct ChosenFile {
    pub name: String,
    file: web_sys::File,
}

impl ChosenFile {
    /// The file's text; `None` when the browser could not read it.
    pub async fn read(&self) -> Option<String> {
        wasm_bindgen_futures::JsFuture::from(read_file_js(&self.file))
            .await
            .ok()
            .and_then(|v| v.as_string())
    }
}

/// The file chosen in the `<input type=file>` an event came from; the input is cleared,
/// so choosing the same file again is a change too.
pub fn take_file(e: &Event) -> Option<ChosenFile> {
    let input = e.target_unchecked_into::<HtmlInputElement>();
    let file = input.files().and_then(|f| f.get(0))?;
    input.set_value("");
    Some(ChosenFile {
        name: file.name(),
        file,
    })
}
