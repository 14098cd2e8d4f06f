//! The top bar: name, examples, Share, theme, Reset and the rules link.

use crate::dom;
use crate::examples::{CI_ENTRY, EXAMPLES};
use crate::service::Analysis;
use crate::share;
use crate::state::{Action, Notice};
use dockcoach_core::Settings;
use std::rc::Rc;
use yew::platform::spawn_local;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub text: Rc<str>,
    pub settings: Rc<Settings>,
    pub unsafe_fixes: bool,
    pub analysis: Rc<Analysis>,
    pub theme: String,
    pub on_action: Callback<Action>,
    pub on_reset: Callback<()>,
}

/// The share fragment of `text`, deflated by the browser; why not, as a sentence part.
async fn share_fragment(text: &str) -> Result<String, String> {
    // Over the cap, `encode_packed` says so without a huge text being deflated first.
    let packed = if text.len() > share::MAX_TEXT {
        Vec::new()
    } else {
        dom::deflate_raw(text)
            .await
            .ok_or("this browser could not compress it (it lacks CompressionStream)")?
    };
    share::encode_packed(text.len(), &packed).map_err(|err| err.to_string())
}

#[function_component(Toolbar)]
pub fn toolbar(props: &ToolbarProps) -> Html {
    let link = use_state(String::new);
    let on_example = {
        let on_action = props.on_action.clone();
        Callback::from(move |e: Event| {
            let id = dom::take_select_value(&e);
            if id == CI_ENTRY.0 {
                dom::set_hash("ci");
            } else if let Some(ex) = EXAMPLES.iter().find(|x| x.id == id) {
                on_action.emit(Action::Load(ex.text.to_string()));
                on_action.emit(Action::Notice(Notice::info(format!(
                    "Loaded the example “{}”. {} Undo brings your text back.",
                    ex.title, ex.note
                ))));
                dom::set_hash("");
            }
        })
    };
    let on_share = {
        let text = props.text.clone();
        let settings = props.settings.clone();
        let unsafe_fixes = props.unsafe_fixes;
        let on_action = props.on_action.clone();
        let link = link.clone();
        Callback::from(move |_| {
            let text = text.clone();
            let settings = settings.clone();
            let on_action = on_action.clone();
            let link = link.clone();
            spawn_local(async move {
                let fragment = match share_fragment(&text).await {
                    Ok(fragment) => fragment,
                    Err(err) => {
                        link.set(String::new());
                        on_action.emit(Action::Notice(Notice::error(format!(
                            "This text cannot be shared as a link: {err}. Download it instead."
                        ))));
                        return;
                    }
                };
                let query = share::settings_to_query(&settings, unsafe_fixes);
                let url = if query.is_empty() {
                    format!("{}#{fragment}", dom::page_url())
                } else {
                    format!("{}?{query}#{fragment}", dom::page_url())
                };
                link.set(url.clone());
                let notice = if dom::copy_text(&url).await {
                    Notice::info(
                        "Share link copied. It holds the text and settings; nothing is uploaded.",
                    )
                } else {
                    Notice::info("Share link ready below; copy it from the field.")
                };
                on_action.emit(Action::Notice(notice));
            });
        })
    };
    let on_theme = {
        let on_action = props.on_action.clone();
        Callback::from(move |e: Event| {
            on_action.emit(Action::SetTheme(dom::select_value(&e)));
        })
    };
    let on_reset = {
        let on_reset = props.on_reset.clone();
        Callback::from(move |_| on_reset.emit(()))
    };
    let theme = props.theme.as_str();

    html! {
        <div class="toolbar">
            <h1 class="brand"><a href="#">{"dockcoach"}</a><span class="tagline">{" playground"}</span></h1>
            <nav class="tools" aria-label="Playground tools">
                <label class="visually-hidden" for="examples">{"Load an example"}</label>
                <select id="examples" data-testid="examples" onchange={on_example}>
                    <option value="" selected=true>{"Examples…"}</option>
                    {for EXAMPLES.iter().map(|x| html! { <option value={x.id}>{x.title}</option> })}
                    <option value={CI_ENTRY.0}>{CI_ENTRY.1}</option>
                </select>
                <button type="button" class="btn btn-primary" data-testid="share" onclick={on_share}>{"Share"}</button>
                <a class="btn" href="#rules">{"Rules"}</a>
                <a class="btn" href="#ci" data-testid="ci-link">{"CI"}</a>
                <label class="visually-hidden" for="theme">{"Theme"}</label>
                <select id="theme" data-testid="theme" onchange={on_theme}>
                    <option value="system" selected={theme == "system"}>{"Theme: system"}</option>
                    <option value="light" selected={theme == "light"}>{"Theme: light"}</option>
                    <option value="dark" selected={theme == "dark"}>{"Theme: dark"}</option>
                </select>
                <button type="button" class="btn btn-quiet" data-testid="reset" onclick={on_reset}
                    title="Clear the saved text and settings">{"Reset"}</button>
            </nav>
            if !link.is_empty() {
                <div class="share-link">
                    <label for="share-link">{"Share link"}</label>
                    <input id="share-link" data-testid="share-link" type="text" readonly=true value={(*link).clone()} />
                </div>
            }
        </div>
    }
}
