//! The settings panel: rules on/off and severities, failure threshold, trusted
//! registries and publishers, the end-of-life date; `dockcoach.toml` export/import and
//! `.hadolint.yaml` import.

use crate::dom;
use crate::settings_form::{enabled, parse_list, set_enabled, set_severity, severity_override};
use crate::state::{Action, Notice};
use dockcoach_core::config::{parse_dockcoach_toml, parse_hadolint_yaml, to_dockcoach_toml};
use dockcoach_core::settings::Date;
use dockcoach_core::{FailOn, Settings, Severity, rules};
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SettingsProps {
    pub settings: Rc<Settings>,
    pub on_action: Callback<Action>,
}

#[derive(Clone, Copy)]
enum Format {
    Toml,
    HadolintYaml,
}

fn import(text: &str, format: Format) -> Result<Settings, String> {
    match format {
        Format::Toml => parse_dockcoach_toml(text).map_err(|e| format!("dockcoach.toml: {e}")),
        Format::HadolintYaml => {
            parse_hadolint_yaml(text).map_err(|e| format!(".hadolint.yaml: {e}"))
        }
    }
}

/// Sets each `<select>` to the settings' value: an `<option selected>` attribute no
/// longer moves a select the user has touched, so an import must set the value itself.
fn sync_selects(settings: &Settings) {
    use wasm_bindgen::JsCast;
    let Some(doc) = dom::window().and_then(|w| w.document()) else {
        return;
    };
    let set = |id: &str, value: &str| {
        if let Some(el) = doc
            .get_element_by_id(id)
            .and_then(|e| e.dyn_into::<HtmlSelectElement>().ok())
        {
            el.set_value(value);
        }
    };
    for meta in rules::rules() {
        let value = severity_override(settings, meta).map_or("default", |s| s.as_str());
        set(&format!("sev-{}", meta.code), value);
    }
    set("failure-threshold", threshold_value(settings));
}

/// The failure-threshold select's value: `default` or a `failure-threshold` value.
fn threshold_value(s: &Settings) -> &'static str {
    s.fail_on.map_or("default", FailOn::as_str)
}

#[function_component(SettingsPanel)]
pub fn settings_panel(props: &SettingsProps) -> Html {
    let s = props.settings.clone();
    // The body (a row per rule) is built only while the panel is open: a closed panel
    // costs nothing on the first render.
    let open = use_state(|| false);
    let draft = use_state(|| to_dockcoach_toml(&s));
    {
        let draft = draft.clone();
        use_effect_with((props.settings.clone(), *open), move |(s, _)| {
            draft.set(to_dockcoach_toml(s));
            sync_selects(s);
        });
    }
    let on_toggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            let details = e.target_unchecked_into::<web_sys::HtmlDetailsElement>();
            open.set(details.open());
        })
    };
    let update = {
        let s = s.clone();
        let on_action = props.on_action.clone();
        move |f: Box<dyn Fn(&mut Settings)>| {
            let mut next = (*s).clone();
            f(&mut next);
            on_action.emit(Action::SetSettings(next));
        }
    };

    let on_threshold = {
        let update = update.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            update(Box::new(move |s: &mut Settings| {
                s.fail_on = FailOn::parse(&v);
            }));
        })
    };
    let threshold = threshold_value(&s);
    let list_input = |get: fn(&mut Settings) -> &mut Vec<String>| {
        let update = update.clone();
        Callback::from(move |e: Event| {
            let v = parse_list(&e.target_unchecked_into::<HtmlInputElement>().value());
            update(Box::new(move |s: &mut Settings| *get(s) = v.clone()));
        })
    };
    let on_registries = list_input(|s| &mut s.trusted_registries);
    let on_publishers = list_input(|s| &mut s.trusted_publishers);
    let on_today = {
        let update = update.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlInputElement>().value();
            update(Box::new(move |s: &mut Settings| s.today = Date::parse(&v)));
        })
    };

    let rows = rules::rules().iter().map(|meta| {
        let on = enabled(&s, meta);
        let over = severity_override(&s, meta);
        let on_toggle = {
            let update = update.clone();
            Callback::from(move |e: Event| {
                let checked = e.target_unchecked_into::<HtmlInputElement>().checked();
                update(Box::new(move |s: &mut Settings| set_enabled(s, meta, checked)));
            })
        };
        let on_severity = {
            let update = update.clone();
            Callback::from(move |e: Event| {
                let v = e.target_unchecked_into::<HtmlSelectElement>().value();
                let sev = Severity::parse(&v);
                update(Box::new(move |s: &mut Settings| set_severity(s, meta, sev)));
            })
        };
        let id = format!("rule-{}", meta.code);
        let options = Severity::ALL.iter().map(|sev| {
            html! { <option value={sev.as_str()} selected={over == Some(*sev)}>{sev.as_str()}</option> }
        });
        html! {
            <tr>
                <td>
                    <input type="checkbox" id={id.clone()} data-testid="rule-toggle" data-code={meta.code}
                        checked={on} onchange={on_toggle} />
                    <label for={id.clone()}><span class="code">{meta.code}</span>{" "}{meta.name}</label>
                </td>
                <td>
                    <select id={format!("sev-{}", meta.code)} data-testid="rule-severity" data-code={meta.code}
                        aria-label={format!("Severity of {}", meta.code)} onchange={on_severity}>
                        <option value="default" selected={over.is_none()}>
                            {format!("default ({})", meta.severity.as_str())}
                        </option>
                        {for options}
                    </select>
                </td>
                <td><a href={format!("#rules/{}", meta.code)} aria-label={format!("About {}", meta.code)}>{"docs"}</a></td>
            </tr>
        }
    });

    let on_draft = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            draft.set(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    let do_import = |format: Format| {
        let draft = draft.clone();
        let on_action = props.on_action.clone();
        Callback::from(move |_: MouseEvent| match import(&draft, format) {
            Ok(settings) => {
                on_action.emit(Action::SetSettings(settings));
                on_action.emit(Action::Notice(Notice::info("Settings imported.")));
            }
            Err(err) => on_action.emit(Action::Notice(Notice::error(err))),
        })
    };
    let on_file = {
        let on_action = props.on_action.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            let name = file.name().to_ascii_lowercase();
            let format = if name.ends_with(".yaml") || name.ends_with(".yml") {
                Format::HadolintYaml
            } else {
                Format::Toml
            };
            let on_action = on_action.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let Some(text) = dom::read_file(&file).await else {
                    on_action.emit(Action::Notice(Notice::error("The file could not be read.")));
                    return;
                };
                match import(&text, format) {
                    Ok(settings) => {
                        on_action.emit(Action::SetSettings(settings));
                        on_action.emit(Action::Notice(Notice::info(format!(
                            "Settings imported from {}.",
                            file.name()
                        ))));
                    }
                    Err(err) => on_action.emit(Action::Notice(Notice::error(err))),
                }
            });
        })
    };
    let on_export = {
        let s = s.clone();
        Callback::from(move |_| {
            dom::download_text("dockcoach.toml", &to_dockcoach_toml(&s), "application/toml")
        })
    };
    let on_defaults = {
        let on_action = props.on_action.clone();
        Callback::from(move |_| on_action.emit(Action::SetSettings(Settings::default())))
    };
    let today = s.today.map(|d| d.to_string()).unwrap_or_default();

    html! {
        <details class="settings" data-testid="settings" ontoggle={on_toggle}>
            <summary><h2 class="pane-title">{"Settings"}</h2></summary>
            if *open {
            <div class="settings-body">
                <div class="settings-fields">
                    <label>{"Failure threshold (what fails a CI run)"}
                        <select id="failure-threshold" data-testid="failure-threshold" onchange={on_threshold}>
                            <option value="default" selected={threshold == "default"}>{"default (info)"}</option>
                            {for Severity::ALL.iter().map(|sev| html! {
                                <option value={sev.as_str()} selected={threshold == sev.as_str()}>{sev.as_str()}</option>
                            })}
                            <option value="none" selected={threshold == "none"}>{"none (never fail)"}</option>
                        </select>
                    </label>
                    <label>{"Trusted registries (comma-separated; empty = any)"}
                        <input type="text" data-testid="trusted-registries" spellcheck="false"
                            value={s.trusted_registries.join(", ")} onchange={on_registries} />
                    </label>
                    <label>{"Trusted Docker Hub publishers"}
                        <input type="text" data-testid="trusted-publishers" spellcheck="false"
                            value={s.trusted_publishers.join(", ")} onchange={on_publishers} />
                    </label>
                    <label>{"Date for end-of-life checks (empty = the data's date)"}
                        <input type="date" data-testid="today" value={today} onchange={on_today} />
                    </label>
                </div>
                <table class="rules-table">
                    <caption>{"Rules"}</caption>
                    <thead><tr><th scope="col">{"Rule (on/off)"}</th><th scope="col">{"Severity"}</th><th scope="col">{"Docs"}</th></tr></thead>
                    <tbody>{for rows}</tbody>
                </table>
                <div class="config-io">
                    <label for="settings-toml">{"dockcoach.toml (edit or paste, then import)"}</label>
                    <textarea id="settings-toml" data-testid="settings-toml" rows="8" spellcheck="false"
                        value={(*draft).clone()} oninput={on_draft} />
                    <div class="row">
                        <button type="button" class="btn" data-testid="import-toml" onclick={do_import(Format::Toml)}>{"Import dockcoach.toml"}</button>
                        <button type="button" class="btn" data-testid="import-hadolint" onclick={do_import(Format::HadolintYaml)}>{"Import as .hadolint.yaml"}</button>
                        <button type="button" class="btn" data-testid="export-toml" onclick={on_export}>{"Download dockcoach.toml"}</button>
                        <label class="btn file-btn">{"Open a config file…"}
                            <input type="file" accept=".toml,.yaml,.yml" data-testid="import-file" onchange={on_file} />
                        </label>
                        <button type="button" class="btn btn-quiet" onclick={on_defaults}>{"Default settings"}</button>
                    </div>
                </div>
            </div>
            }
        </details>
    }
}
