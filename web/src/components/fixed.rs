//! The fixed Dockerfile: read-only text, the diff against the editor, what changed,
//! copy, download, Markdown export and apply-to-editor.

use crate::components::message::message;
use crate::diff::{LineKind, diff_lines};
use crate::dom;
use crate::report::{self, plural};
use crate::service::{Analysis, Fixed};
use crate::state::{Action, Notice};
use dockcoach_core::Applicability;
use std::rc::Rc;
use yew::platform::spawn_local;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FixedProps {
    pub fixed: Rc<Fixed>,
    pub analysis: Rc<Analysis>,
    pub current: Rc<str>,
    pub on_action: Callback<Action>,
}

pub fn copy(text: String, what: &'static str, on_action: Callback<Action>) {
    spawn_local(async move {
        let notice = if dom::copy_text(&text).await {
            Notice::info(format!("{what} copied to the clipboard."))
        } else {
            Notice::error(format!(
                "The browser refused to copy the {what}; select it and copy by hand."
            ))
        };
        on_action.emit(Action::Notice(notice));
    });
}

#[function_component(FixedPanel)]
pub fn fixed_panel(props: &FixedProps) -> Html {
    let f = &props.fixed;
    let on = |a: fn() -> Action| {
        let on_action = props.on_action.clone();
        Callback::from(move |_: MouseEvent| on_action.emit(a()))
    };
    let on_copy = {
        let text = f.output.clone();
        let on_action = props.on_action.clone();
        Callback::from(move |_| copy(text.clone(), "Fixed Dockerfile", on_action.clone()))
    };
    let on_download = {
        let text = f.output.clone();
        Callback::from(move |_| dom::download_text("Dockerfile", &text, "application/octet-stream"))
    };
    let markdown = report::markdown(&props.analysis, f);
    let on_markdown = {
        let on_action = props.on_action.clone();
        Callback::from(move |_| copy(markdown.clone(), "Markdown report", on_action.clone()))
    };
    let lines = diff_lines(&f.input, &f.output, 3);
    let diff = lines.iter().map(|l| match l {
        None => html! { <div class="diff-line diff-cut" aria-label="unchanged lines">{"⋯"}</div> },
        Some(l) => {
            let (class, sign, label) = match l.kind {
                LineKind::Same => ("diff-line", " ", "unchanged"),
                LineKind::Removed => ("diff-line diff-removed", "-", "removed"),
                LineKind::Added => ("diff-line diff-added", "+", "added"),
            };
            let num = l.new.or(l.old).map(|n| n.to_string()).unwrap_or_default();
            html! {
                <div class={class} data-kind={label}>
                    <span class="diff-num" aria-hidden="true">{num}</span>
                    <span class="diff-sign" aria-label={label}>{sign}</span>
                    <span class="diff-text">{l.text.clone()}</span>
                </div>
            }
        }
    });
    let applied = f.applied.iter().map(|a| {
        let is_unsafe = a.applicability == Applicability::Unsafe;
        html! {
            <li data-testid="fixed-item" data-code={a.code}>
                <span class="loc">{format!("line {}", a.line)}</span>{" "}
                <span class="code">{a.code}</span>{" "}
                if is_unsafe { <span class="tag-unsafe">{"unsafe"}</span>{" "} }
                {message(&a.title)}
                <span class="resolved">{" — resolves: "}{message(&a.message)}</span>
            </li>
        }
    });
    let stale = *f.input != *props.current;
    let mode = if f.mode == Applicability::Unsafe {
        "safe and unsafe fixes"
    } else {
        "safe fixes only"
    };

    html! {
        <>
            <div class="pane-head">
                <h2 id="fixed-heading" class="pane-title">{"Fixed Dockerfile"}</h2>
                <div class="fix-controls">
                    <button type="button" class="btn" data-testid="copy-fixed" onclick={on_copy}>{"Copy"}</button>
                    <button type="button" class="btn" data-testid="download-fixed" onclick={on_download}>{"Download"}</button>
                    <button type="button" class="btn" data-testid="copy-markdown" onclick={on_markdown}>{"Copy Markdown report"}</button>
                    <button type="button" class="btn btn-primary" data-testid="apply-fixed"
                        disabled={stale || !f.changed()} onclick={on(|| Action::ApplyFixed)}>{"Apply to editor"}</button>
                    <button type="button" class="btn btn-quiet" onclick={on(|| Action::CloseFixed)}>{"Close"}</button>
                </div>
            </div>
            <p class="summary" data-testid="fixed-summary">
                {if f.changed() {
                    format!("{} applied ({mode}); {} {}.", plural(f.applied.len(), "fix"), plural(f.remaining, "finding"), if f.remaining == 1 { "remains" } else { "remain" })
                } else {
                    format!("Nothing to fix with {mode}; {} {}.", plural(f.remaining, "finding"), if f.remaining == 1 { "remains" } else { "remain" })
                }}
            </p>
            if let Some(err) = &f.error {
                <p class="warn" role="note">{err.clone()}</p>
            }
            <div class="fixed-grid">
                <div>
                    <h3>{"Result"}</h3>
                    <pre class="code-view" data-testid="fixed-output" tabindex="0"
                        aria-label="Fixed Dockerfile (read-only)">{f.output.clone()}</pre>
                </div>
                <div>
                    <h3>{"Diff"}</h3>
                    <div class="diff" data-testid="diff" tabindex="0" aria-label="Changes from the editor text">
                        if lines.is_empty() { <p class="muted">{"No changes."}</p> }
                        {for diff}
                    </div>
                </div>
            </div>
            if !f.applied.is_empty() {
                <h3>{"What changed"}</h3>
                <ul class="applied" data-testid="what-changed">{for applied}</ul>
            }
        </>
    }
}
