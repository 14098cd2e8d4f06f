//! The settings panel: rules on/off and severities, failure threshold, trusted
//! registries and publishers, the end-of-life date; `dockcoach.toml` export/import and
//! `.hadolint.yaml` import.
//!
//! [`SettingsPanel`] is the `<details>` and its state; its body, built only while it is
//! open, is the general fields, the rules table and the config file box.

use crate::dom;
use crate::settings_form::{enabled, parse_list, set_enabled, set_severity, severity_override};
use crate::state::{Action, Notice};
use dockcoach_core::config::{parse_dockcoach_toml, parse_hadolint_yaml, to_dockcoach_toml};
use dockcoach_core::settings::Date;
use dockcoach_core::{FailOn, RuleMeta, Settings, Severity, rules};
use std::rc::Rc;
use yew::platform::spawn_local;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SettingsProps {
    pub settings: Rc<Settings>,
    pub on_action: Callback<Action>,
}

/// Makes the panel's edits: each emits `SetSettings` with one change applied to the
/// current settings.
#[derive(Clone)]
struct Edits {
    settings: Rc<Settings>,
    on_action: Callback<Action>,
}

impl Edits {
    fn new(props: &SettingsProps) -> Edits {
        Edits {
            settings: props.settings.clone(),
            on_action: props.on_action.clone(),
        }
    }

    /// A change handler: reads the control with `read`, then applies `edit` with the value.
    fn on_change<T: 'static>(
        &self,
        read: fn(&Event) -> T,
        edit: impl Fn(&mut Settings, T) + 'static,
    ) -> Callback<Event> {
        let this = self.clone();
        Callback::from(move |e: Event| {
            let mut next = (*this.settings).clone();
            edit(&mut next, read(&e));
            this.on_action.emit(Action::SetSettings(next));
        })
    }
}

#[function_component(SettingsPanel)]
pub fn settings_panel(props: &SettingsProps) -> Html {
    // The body (a row per rule) is built only while the panel is open: a closed panel
    // costs nothing on the first render.
    let open = use_state(|| false);
    // The config box's text: the current settings whenever they change or the panel opens.
    let draft = use_state(|| to_dockcoach_toml(&props.settings));
    {
        let draft = draft.clone();
        use_effect_with((props.settings.clone(), *open), move |(s, _)| {
            draft.set(to_dockcoach_toml(s));
            sync_selects(s);
        });
    }
    let on_toggle = {
        let open = open.clone();
        Callback::from(move |e: Event| open.set(dom::details_open(&e)))
    };
    let edits = Edits::new(props);
    html! {
        <details class="settings" data-testid="settings" ontoggle={on_toggle}>
            <summary><h2 class="pane-title">{"Settings"}</h2></summary>
            if *open {
                <div class="settings-body">
                    {general_fields(&props.settings, &edits)}
                    {rules_table(&props.settings, &edits)}
                    {config_io(&props.settings, &draft, &props.on_action)}
                </div>
            }
        </details>
    }
}

/// Sets each `<select>` to the settings' value: an `<option selected>` attribute no
/// longer moves a select the user has touched, so an import must set the value itself.
fn sync_selects(settings: &Settings) {
    for meta in rules::rules() {
        let value = severity_override(settings, meta).map_or("default", |s| s.as_str());
        dom::set_select_value(&format!("sev-{}", meta.code), value);
    }
    dom::set_select_value("failure-threshold", threshold_value(settings));
}

/// The failure-threshold select's value: `default` or a `failure-threshold` value.
fn threshold_value(s: &Settings) -> &'static str {
    s.fail_on.map_or("default", FailOn::as_str)
}

/// The failure threshold, trusted registries and publishers, and the date.
fn general_fields(s: &Settings, edits: &Edits) -> Html {
    let on_list = |field: fn(&mut Settings) -> &mut Vec<String>| {
        edits.on_change(dom::input_value, move |s, v| *field(s) = parse_list(&v))
    };
    let today = s.today.map(|d| d.to_string()).unwrap_or_default();
    html! {
        <div class="settings-fields">
            {threshold_field(s, edits)}
            <label>{"Trusted registries (comma-separated; empty = any)"}
                <input type="text" data-testid="trusted-registries" spellcheck="false"
                    value={s.trusted_registries.join(", ")}
                    onchange={on_list(|s| &mut s.trusted_registries)} />
            </label>
            <label>{"Trusted Docker Hub publishers"}
                <input type="text" data-testid="trusted-publishers" spellcheck="false"
                    value={s.trusted_publishers.join(", ")}
                    onchange={on_list(|s| &mut s.trusted_publishers)} />
            </label>
            <label>{"Date for end-of-life checks (empty = the data's date)"}
                <input type="date" data-testid="today" value={today}
                    onchange={edits.on_change(dom::input_value, |s, v| s.today = Date::parse(&v))} />
            </label>
        </div>
    }
}

fn threshold_field(s: &Settings, edits: &Edits) -> Html {
    let threshold = threshold_value(s);
    let on_threshold = edits.on_change(dom::select_value, |s, v| s.fail_on = FailOn::parse(&v));
    html! {
        <label>{"Failure threshold (what fails a CI run)"}
            <select id="failure-threshold" data-testid="failure-threshold" onchange={on_threshold}>
                <option value="default" selected={threshold == "default"}>{"default (info)"}</option>
                {for Severity::ALL.iter().map(|sev| html! {
                    <option value={sev.as_str()} selected={threshold == sev.as_str()}>{sev.as_str()}</option>
                })}
                <option value="none" selected={threshold == "none"}>{"none (never fail)"}</option>
            </select>
        </label>
    }
}

/// A row per rule: on/off, severity, a link to its page.
fn rules_table(s: &Settings, edits: &Edits) -> Html {
    html! {
        <table class="rules-table">
            <caption>{"Rules"}</caption>
            <thead><tr><th scope="col">{"Rule (on/off)"}</th><th scope="col">{"Severity"}</th><th scope="col">{"Docs"}</th></tr></thead>
            <tbody>{for rules::rules().iter().map(|meta| rule_row(s, meta, edits))}</tbody>
        </table>
    }
}

fn rule_row(s: &Settings, meta: &'static RuleMeta, edits: &Edits) -> Html {
    let over = severity_override(s, meta);
    let on_toggle = edits.on_change(dom::input_checked, move |s, on| set_enabled(s, meta, on));
    let on_severity = edits.on_change(dom::select_value, move |s, v| {
        set_severity(s, meta, Severity::parse(&v))
    });
    let id = format!("rule-{}", meta.code);
    let options = Severity::ALL.iter().map(|sev| {
        html! { <option value={sev.as_str()} selected={over == Some(*sev)}>{sev.as_str()}</option> }
    });
    html! {
        <tr>
            <td>
                <input type="checkbox" id={id.clone()} data-testid="rule-toggle" data-code={meta.code}
                    checked={enabled(s, meta)} onchange={on_toggle} />
                <label for={id}><span class="code">{meta.code}</span>{" "}{meta.name}</label>
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
}

#[derive(Clone, Copy)]
enum Format {
    Toml,
    HadolintYaml,
}

impl Format {
    /// `.yaml` / `.yml` files are hadolint's; anything else is read as `dockcoach.toml`.
    fn of_file(name: &str) -> Format {
        let name = name.to_ascii_lowercase();
        if name.ends_with(".yaml") || name.ends_with(".yml") {
            Format::HadolintYaml
        } else {
            Format::Toml
        }
    }
}

fn import(text: &str, format: Format) -> Result<Settings, String> {
    match format {
        Format::Toml => parse_dockcoach_toml(text).map_err(|e| format!("dockcoach.toml: {e}")),
        Format::HadolintYaml => {
            parse_hadolint_yaml(text).map_err(|e| format!(".hadolint.yaml: {e}"))
        }
    }
}

/// Imports a config text: new settings and a notice, or a notice of why not.
fn import_into(on_action: &Callback<Action>, text: &str, format: Format, done: String) {
    match import(text, format) {
        Ok(settings) => {
            on_action.emit(Action::SetSettings(settings));
            on_action.emit(Action::Notice(Notice::info(done)));
        }
        Err(err) => on_action.emit(Action::Notice(Notice::error(err))),
    }
}

/// Imports the config file chosen in the file input (`.yaml`/`.yml` as hadolint's).
fn on_config_file(on_action: &Callback<Action>) -> Callback<Event> {
    let on_action = on_action.clone();
    Callback::from(move |e: Event| {
        let Some(file) = dom::take_file(&e) else {
            return;
        };
        let on_action = on_action.clone();
        spawn_local(async move {
            let Some(text) = file.read().await else {
                on_action.emit(Action::Notice(Notice::error("The file could not be read.")));
                return;
            };
            let done = format!("Settings imported from {}.", file.name);
            import_into(&on_action, &text, Format::of_file(&file.name), done);
        });
    })
}

/// The `dockcoach.toml` box: edit or paste and import (as TOML or `.hadolint.yaml`),
/// open a file, download, back to the defaults.
fn config_io(
    settings: &Rc<Settings>,
    draft: &UseStateHandle<String>,
    on_action: &Callback<Action>,
) -> Html {
    let on_draft = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| draft.set(dom::textarea_value(&e)))
    };
    let do_import = |format: Format| {
        let draft = draft.clone();
        let on_action = on_action.clone();
        Callback::from(move |_: MouseEvent| {
            import_into(&on_action, &draft, format, "Settings imported.".into())
        })
    };
    let on_file = on_config_file(on_action);
    let on_export = {
        let s = settings.clone();
        Callback::from(move |_| {
            dom::download_text("dockcoach.toml", &to_dockcoach_toml(&s), "application/toml")
        })
    };
    let on_defaults = {
        let on_action = on_action.clone();
        Callback::from(move |_| on_action.emit(Action::SetSettings(Settings::default())))
    };
    html! {
        <div class="config-io">
            <label for="settings-toml">{"dockcoach.toml (edit or paste, then import)"}</label>
            <textarea id="settings-toml" data-testid="settings-toml" rows="8" spellcheck="false"
                value={(**draft).clone()} oninput={on_draft} />
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
    }
}
