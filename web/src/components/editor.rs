//! The CodeMirror editor: takes over text the app sets, shows the findings as marks,
//! reports typing (debounced in JS) and fix buttons of its hovers. Its module is imported
//! after the first render (the text shows as plain text until then), so the findings
//! list does not wait for CodeMirror.

use crate::dom::{Editor, create_editor};
use crate::service::Analysis;
use crate::state::{Action, Selection};
use js_sys::{Array, Object, Reflect};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;
use yew::prelude::*;

/// Lint-as-you-type delay after the last keystroke.
const DEBOUNCE_MS: u32 = 150;

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub text: Rc<str>,
    pub rev: u64,
    pub analysis: Rc<Analysis>,
    pub selection: Option<Selection>,
    pub on_action: Callback<Action>,
}

struct Bridge {
    editor: Editor,
    _on_change: Closure<dyn Fn(String)>,
    _on_fix: Closure<dyn Fn(u32)>,
}

fn set(obj: &Object, key: &str, value: JsValue) {
    let _ = Reflect::set(obj, &JsValue::from_str(key), &value);
}

/// The editor marks at most this many findings (the first ones in the file); past that,
/// building and drawing the marks would freeze the page (a 1 MiB file can have 75,000).
pub const MAX_MARKS: usize = 5000;

fn diagnostics_js(analysis: &Analysis) -> JsValue {
    let list = Array::new();
    for f in analysis.findings.iter().take(MAX_MARKS) {
        let o = Object::new();
        set(&o, "index", (f.index as u32).into());
        set(&o, "code", f.code.into());
        set(&o, "message", f.message.as_str().into());
        set(&o, "severity", f.severity.as_str().into());
        set(&o, "line", f.line.into());
        set(&o, "column", f.column.into());
        set(&o, "endLine", f.end_line.into());
        set(&o, "endColumn", f.end_column.into());
        if let Some((title, applicability)) = &f.fix {
            set(&o, "fixTitle", title.as_str().into());
            set(
                &o,
                "fixUnsafe",
                (*applicability == dockcoach_core::Applicability::Unsafe).into(),
            );
        }
        list.push(&o);
    }
    list.into()
}

#[function_component(EditorPane)]
pub fn editor_pane(props: &EditorProps) -> Html {
    let host = use_node_ref();
    let bridge: Rc<RefCell<Option<Bridge>>> = use_mut_ref(|| None);
    // The newest text and findings, for an editor that arrives after they changed.
    let latest = use_mut_ref(|| (props.text.clone(), props.analysis.clone()));
    *latest.borrow_mut() = (props.text.clone(), props.analysis.clone());
    // Until the editor module has loaded, the text is shown as plain, read-only text.
    let ready = use_state(|| false);

    {
        let host = host.clone();
        let bridge = bridge.clone();
        let latest = latest.clone();
        let ready = ready.clone();
        let on_action = props.on_action.clone();
        use_effect_with((), move |_| {
            let alive = Rc::new(Cell::new(true));
            if let Some(el) = host.cast::<HtmlElement>() {
                let alive = alive.clone();
                let bridge = bridge.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let edit = on_action.clone();
                    let on_change = Closure::<dyn Fn(String)>::new(move |t: String| {
                        edit.emit(Action::Edited(t))
                    });
                    let on_fix = Closure::<dyn Fn(u32)>::new(move |i: u32| {
                        on_action.emit(Action::FixOne(i as usize))
                    });
                    crate::dom::mark("dockcoach:editor-start");
                    let text = latest.borrow().0.clone();
                    let Some(editor) = create_editor(
                        &el,
                        &text,
                        "Dockerfile editor",
                        on_change.as_ref().unchecked_ref(),
                        on_fix.as_ref().unchecked_ref(),
                        DEBOUNCE_MS,
                    )
                    .await
                    else {
                        return;
                    };
                    if !alive.get() {
                        editor.destroy();
                        return;
                    }
                    // The text or findings may have changed while the module loaded.
                    let (now, analysis) = latest.borrow().clone();
                    if now != text {
                        editor.set_text(&now);
                    }
                    editor.set_diagnostics(&diagnostics_js(&analysis));
                    crate::dom::mark("dockcoach:editor-ready");
                    *bridge.borrow_mut() = Some(Bridge {
                        editor,
                        _on_change: on_change,
                        _on_fix: on_fix,
                    });
                    ready.set(true);
                });
            }
            move || {
                alive.set(false);
                if let Some(b) = bridge.borrow_mut().take() {
                    b.editor.destroy();
                }
            }
        });
    }
    {
        let bridge = bridge.clone();
        let text = props.text.clone();
        use_effect_with(props.rev, move |_| {
            if let Some(b) = bridge.borrow().as_ref() {
                b.editor.set_text(&text);
            }
        });
    }
    {
        let bridge = bridge.clone();
        use_effect_with(props.analysis.clone(), move |analysis| {
            if let Some(b) = bridge.borrow().as_ref() {
                b.editor.set_diagnostics(&diagnostics_js(analysis));
            }
        });
    }
    {
        let bridge = bridge.clone();
        use_effect_with(props.selection.clone(), move |selection| {
            if let (Some(b), Some(sel)) = (bridge.borrow().as_ref(), selection) {
                let (l, c, el, ec) = sel.range;
                b.editor.select(l, c, el, ec);
            }
        });
    }

    html! {
        <div class="editor" data-testid="editor" ref={host} aria-describedby="editor-hint">
            if !*ready {
                <pre class="editor-loading" aria-label="Dockerfile (the editor is loading)">{&*props.text}</pre>
            }
        </div>
    }
}
