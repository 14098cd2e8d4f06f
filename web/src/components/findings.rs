//! The findings list, grouped by severity, with Fix buttons and the fix-all controls.

use crate::components::message::message;
use crate::dom;
use crate::editor_contract::MAX_MARKS;
use crate::report::plural;
use crate::service::Analysis;
use crate::state::Action;
use dockcoach_core::{Applicability, Settings, Severity};
use std::rc::Rc;
use yew::prelude::*;

/// The most findings listed per severity; a huge text keeps the page responsive.
const MAX_SHOWN: usize = 500;

#[derive(Properties, PartialEq)]
pub struct FindingsProps {
    pub analysis: Rc<Analysis>,
    pub settings: Rc<Settings>,
    pub unsafe_fixes: bool,
    pub can_undo: bool,
    pub on_action: Callback<Action>,
}

fn heading(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "Errors",
        Severity::Warning => "Warnings",
        Severity::Info => "Info",
        Severity::Style => "Style",
    }
}

/// A text-and-shape badge, so severity never depends on colour alone.
fn badge(severity: Severity) -> Html {
    let (class, symbol) = match severity {
        Severity::Error => ("sev sev-error", "✖"),
        Severity::Warning => ("sev sev-warning", "▲"),
        Severity::Info => ("sev sev-info", "ℹ"),
        Severity::Style => ("sev sev-style", "◆"),
    };
    html! {
        <span class={class}><span aria-hidden="true">{symbol}</span>{" "}{severity.as_str()}</span>
    }
}

#[function_component(Findings)]
pub fn findings(props: &FindingsProps) -> Html {
    let a = &props.analysis;
    let mode = if props.unsafe_fixes {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };
    let counts = a.counts();
    let total = a.findings.len();
    let summary = if let Some(reason) = &a.skipped {
        reason.clone()
    } else if total == 0 {
        "No findings.".to_string()
    } else {
        let parts: Vec<String> = counts
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(s, n)| match s {
                Severity::Error | Severity::Warning => plural(*n, s.as_str()),
                _ => format!("{n} {}", s.as_str()),
            })
            .collect();
        let marks = if total > MAX_MARKS {
            format!(" The editor marks the first {MAX_MARKS}.")
        } else {
            String::new()
        };
        format!(
            "{}: {}. {}{marks}",
            plural(total, "finding"),
            parts.join(", "),
            if a.fails(&props.settings) {
                "A CI run would fail."
            } else {
                "A CI run would pass."
            }
        )
    };

    let on_unsafe = {
        let on_action = props.on_action.clone();
        Callback::from(move |e: Event| {
            on_action.emit(Action::SetUnsafe(dom::input_checked(&e)));
        })
    };
    let on_fix_all = {
        let on_action = props.on_action.clone();
        Callback::from(move |_| on_action.emit(Action::FixAll))
    };
    let on_undo = {
        let on_action = props.on_action.clone();
        Callback::from(move |_| on_action.emit(Action::Undo))
    };
    let fixable = a.fixable(mode);

    let groups = counts.iter().filter(|(_, n)| *n > 0).map(|(severity, n)| {
        let items = a.findings.iter().filter(|f| f.severity == *severity).take(MAX_SHOWN).map(|f| {
            let on_select = {
                let on_action = props.on_action.clone();
                let index = f.index;
                Callback::from(move |_| on_action.emit(Action::Select(index)))
            };
            let fix = f.fix.as_ref().map(|(title, applicability)| {
                let on_action = props.on_action.clone();
                let index = f.index;
                let is_unsafe = *applicability == Applicability::Unsafe;
                let label = format!("{}{title}", if is_unsafe { "Unsafe fix: " } else { "Fix: " });
                html! {
                    <button type="button"
                        class={if is_unsafe { "btn btn-fix btn-unsafe" } else { "btn btn-fix" }}
                        data-testid="fix"
                        title={label.clone()}
                        aria-label={format!("{label} (line {})", f.line)}
                        onclick={Callback::from(move |_| on_action.emit(Action::FixOne(index)))}>
                        { if is_unsafe { "Fix (unsafe)" } else { "Fix" } }
                    </button>
                }
            });
            html! {
                <li class="finding" data-testid="diagnostic" data-code={f.code}
                    data-line={f.line.to_string()} data-severity={f.severity.as_str()}>
                    <button type="button" class="finding-go" onclick={on_select}
                        aria-label={format!("Line {}, column {}: {} {}. Show in editor", f.line, f.column, f.code, f.message)}>
                        <span class="loc">{format!("{}:{}", f.line, f.column)}</span>
                        {badge(f.severity)}
                        <span class="code">{f.code}</span>
                        {message(&f.message)}
                    </button>
                    <span class="finding-actions">
                        <a class="rule-link" href={format!("#rules/{}", f.code)}
                            aria-label={format!("About rule {} ({})", f.code, f.rule)}>{f.rule}</a>
                        {for fix}
                    </span>
                </li>
            }
        });
        html! {
            <section class="group" aria-label={heading(*severity)}>
                <h3>{format!("{} ({n})", heading(*severity))}</h3>
                <ul class="finding-list">{for items}</ul>
                if *n > MAX_SHOWN {
                    <p class="muted">{format!("Showing the first {MAX_SHOWN} of {n}.")}</p>
                }
            </section>
        }
    });

    html! {
        <>
            <div class="pane-head">
                <h2 id="findings-heading" class="pane-title">{"Findings"}</h2>
                <div class="fix-controls">
                    <label class="switch">
                        <input type="checkbox" role="switch" data-testid="unsafe-switch"
                            checked={props.unsafe_fixes} onchange={on_unsafe} />
                        {" Include unsafe fixes"}
                    </label>
                    <button type="button" class="btn btn-primary" data-testid="fix-all"
                        onclick={on_fix_all}
                        title="Show the Dockerfile with every fix applied">
                        {format!("Fix all ({fixable})")}
                    </button>
                    <button type="button" class="btn" data-testid="undo"
                        disabled={!props.can_undo} onclick={on_undo}>{"Undo"}</button>
                </div>
            </div>
            <p class="summary" role="status" aria-live="polite" data-testid="summary">{summary}</p>
            <div class="groups">{for groups}</div>
        </>
    }
}
