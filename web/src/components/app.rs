//! The root: builds the first state from the URL and the autosave, owns the reducer,
//! and runs the side effects (autosave, URL routing, theme, the first-findings mark).

use crate::components::{
    ci_page::CiPage, editor::EditorPane, findings::Findings, fixed::FixedPanel, notice::notice_bar,
    rule_page::rule_page, rules_index::rules_index, settings::SettingsPanel, toolbar::Toolbar,
};
use crate::dom;
use crate::examples;
use crate::share;
use crate::state::{Action, AppState, Notice, Route};
use dockcoach_core::Settings;
use dockcoach_core::config::{parse_dockcoach_toml, to_dockcoach_toml};
use yew::prelude::*;

/// The autosave key; the `v1` changes when the stored shape does.
pub const STORAGE_KEY: &str = "dockcoach.playground.v1";
const THEME_KEY: &str = "dockcoach.theme";

/// The autosave's settings (bad ones read as the defaults).
fn saved_settings(saved: &dom::Draft<String>) -> Settings {
    parse_dockcoach_toml(&saved.settings_toml).unwrap_or_default()
}

fn save(state: &AppState) -> bool {
    let settings_toml = to_dockcoach_toml(&state.settings);
    let draft = dom::Draft {
        text: &*state.text,
        settings_toml: &*settings_toml,
        unsafe_fixes: state.unsafe_fixes,
    };
    dom::save_draft(STORAGE_KEY, &draft)
}

/// The first state: a share link wins, then `?code=`, then the autosave, then the tour.
fn initial_state() -> AppState {
    let (search, hash) = dom::location_parts();
    let url = share::parse_query(&search);
    let saved = dom::load_draft(STORAGE_KEY);
    let mut notices: Vec<String> = Vec::new();
    let mut text: Option<String> = None;
    let mut from_url = false;

    if share::is_share_fragment(&hash) {
        from_url = true;
        match share::decode_text(&hash) {
            Ok(t) => text = Some(t),
            Err(err) => notices.push(format!(
                "This share link cannot be opened: {err}. Showing your last text instead."
            )),
        }
    }
    if text.is_none()
        && let Some(code) = url.code.clone()
    {
        from_url = true;
        if code.len() > share::MAX_TEXT {
            notices.push("The ?code= text is over the 1 MiB limit; it was not loaded.".into());
        } else {
            text = Some(code);
        }
    }
    for err in &url.errors {
        notices.push(format!("Link setting ignored: {err}"));
    }
    let settings = url
        .settings
        .clone()
        .or_else(|| saved.as_ref().map(saved_settings))
        .unwrap_or_default();
    let unsafe_fixes = url.unsafe_fixes
        || (url.settings.is_none() && saved.as_ref().is_some_and(|s| s.unsafe_fixes));
    let text = text
        .or_else(|| saved.map(|s| s.text))
        .unwrap_or_else(|| examples::default_text().to_string());

    let route = Route::from_hash(&hash);
    if from_url || url.settings.is_some() || url.unsafe_fixes {
        // The link has been read; a reload should show the autosave of what follows.
        let keep = if route == Route::Playground {
            String::new()
        } else {
            format!("#{hash}")
        };
        dom::replace_url(&format!("{}{keep}", dom::page_url()));
    }
    let mut state = AppState::new(text, settings, unsafe_fixes, route);
    state.theme = dom::storage_get(THEME_KEY).unwrap_or_else(|| "system".into());
    if !notices.is_empty() {
        state.notice = Notice::error(notices.join(" "));
    }
    state
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(initial_state);

    // The first findings are on screen: a mark for scripts/bench-web.mjs.
    use_effect_with((), |_| {
        dom::mark("dockcoach:first-findings");
    });

    // Routing by fragment (`#rules`, `#rules/CODE`).
    {
        let dispatch = state.dispatcher();
        use_effect_with((), move |_| {
            let listener = dom::on_hash_change(move |hash| {
                if !share::is_share_fragment(&hash) {
                    dispatch.dispatch(Action::Route(Route::from_hash(&hash)));
                }
            });
            move || drop(listener)
        });
    }

    // Autosave.
    {
        let s = state.clone();
        use_effect_with(
            (s.text.clone(), s.settings.clone(), s.unsafe_fixes),
            move |_| {
                if !save(&s) && s.text.len() < share::MAX_TEXT {
                    dom::console_log("autosave: localStorage refused the text");
                }
            },
        );
    }

    // Theme.
    use_effect_with(state.theme.clone(), |theme| {
        dom::apply_theme(theme);
        dom::storage_set(THEME_KEY, theme);
    });

    // Scroll to the top of a page when it changes.
    use_effect_with(state.route.clone(), |route| {
        if *route != Route::Playground {
            dom::scroll_to_top();
        }
    });

    let dispatch = state.dispatcher();
    let on_action = Callback::from(move |a: Action| dispatch.dispatch(a));
    let on_reset = {
        let on_action = on_action.clone();
        Callback::from(move |_| {
            dom::storage_remove(STORAGE_KEY);
            on_action.emit(Action::Reset);
        })
    };

    let page = match &state.route {
        Route::Playground => html! {
            <div class="workspace">
                <section class="pane pane-editor" aria-labelledby="editor-heading">
                    <h2 id="editor-heading" class="pane-title">{"Dockerfile"}</h2>
                    <EditorPane
                        text={state.text.clone()}
                        rev={state.editor_rev}
                        analysis={state.analysis.clone()}
                        selection={state.selection.clone()}
                        on_action={on_action.clone()}
                    />
                    <p class="hint" id="editor-hint">
                        {"Findings update as you type. In the editor, Tab and Shift+Tab move the focus out (they never indent); Ctrl+Z undoes."}
                    </p>
                </section>
                <section class="pane pane-findings" aria-labelledby="findings-heading">
                    <Findings
                        analysis={state.analysis.clone()}
                        settings={state.settings.clone()}
                        unsafe_fixes={state.unsafe_fixes}
                        can_undo={!state.undo.is_empty()}
                        on_action={on_action.clone()}
                    />
                </section>
                if let Some(fixed) = state.fixed.clone() {
                    <section class="pane pane-fixed" aria-labelledby="fixed-heading">
                        <FixedPanel
                            fixed={fixed}
                            analysis={state.analysis.clone()}
                            current={state.text.clone()}
                            on_action={on_action.clone()}
                        />
                    </section>
                }
                <section class="pane pane-settings">
                    <SettingsPanel settings={state.settings.clone()} on_action={on_action.clone()} />
                </section>
            </div>
        },
        Route::Rules => rules_index(&state.settings),
        Route::Rule(code) => rule_page(code, &on_action),
        Route::Ci => html! { <CiPage on_action={on_action.clone()} /> },
    };

    html! {
        <>
            <a class="skip" href="#main">{"Skip to the editor"}</a>
            <header class="top">
                <Toolbar
                    text={state.text.clone()}
                    settings={state.settings.clone()}
                    unsafe_fixes={state.unsafe_fixes}
                    analysis={state.analysis.clone()}
                    theme={state.theme.clone()}
                    on_action={on_action.clone()}
                    on_reset={on_reset}
                />
            </header>
            <main id="main" tabindex="-1">
                {notice_bar(&state.notice, &on_action)}
                {page}
            </main>
            <footer class="foot">
                <p>
                    {format!("dockcoach {} · ", dockcoach_core::version())}
                    {"Everything runs in your browser; nothing you type leaves this page. "}
                    <a href="#rules">{"All rules"}</a>{" · "}
                    <a href="#ci">{"Lint and scan in CI"}</a>
                </p>
            </footer>
        </>
    }
}
