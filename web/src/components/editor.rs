//! The CodeMirror editor: takes over text the app sets, shows the findings as marks,
//! reports typing (debounced in JS) and fix buttons of its hovers. Its module is imported
//! after the first render (the text shows as plain text until then), so the findings
//! list does not wait for CodeMirror.

use crate::dom::{self, Editor, EditorHost};
use crate::editor_contract::{EditorOptions, marks};
use crate::service::Analysis;
use crate::state::{Action, Selection};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use yew::platform::spawn_local;
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

#[function_component(EditorPane)]
pub fn editor_pane(props: &EditorProps) -> Html {
    let host = use_node_ref();
    let bridge: Rc<RefCell<Option<Editor>>> = use_mut_ref(|| None);
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
            if let Some(el) = host.cast::<EditorHost>() {
                let alive = alive.clone();
                let bridge = bridge.clone();
                spawn_local(async move {
                    let edit = on_action.clone();
                    let on_change = move |text| edit.emit(Action::Edited(text));
                    let on_fix = move |i: u32| on_action.emit(Action::FixOne(i as usize));
                    dom::mark("dockcoach:editor-start");
                    let text = latest.borrow().0.clone();
                    let options = EditorOptions {
                        text: &text,
                        label: "Dockerfile editor",
                        delay_ms: DEBOUNCE_MS,
                    };
                    let Some(editor) = Editor::create(&el, &options, on_change, on_fix).await
                    else {
                        return;
                    };
                    if !alive.get() {
                        // Dropping it destroys it.
                        return;
                    }
                    // The text or findings may have changed while the module loaded.
                    let (now, analysis) = latest.borrow().clone();
                    if now != text {
                        editor.set_text(&now);
                    }
                    editor.set_marks(&marks(&analysis));
                    dom::mark("dockcoach:editor-ready");
                    *bridge.borrow_mut() = Some(editor);
                    ready.set(true);
                });
            }
            move || {
                alive.set(false);
                // Dropping the editor destroys it.
                bridge.borrow_mut().take();
            }
        });
    }
    {
        let bridge = bridge.clone();
        let text = props.text.clone();
        use_effect_with(props.rev, move |_| {
            if let Some(editor) = bridge.borrow().as_ref() {
                editor.set_text(&text);
            }
        });
    }
    {
        let bridge = bridge.clone();
        use_effect_with(props.analysis.clone(), move |analysis| {
            if let Some(editor) = bridge.borrow().as_ref() {
                editor.set_marks(&marks(analysis));
            }
        });
    }
    {
        let bridge = bridge.clone();
        use_effect_with(props.selection.clone(), move |selection| {
            if let (Some(editor), Some(sel)) = (bridge.borrow().as_ref(), selection) {
                editor.select(sel.range);
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
