//! One rule's page, rendered from the core's docs (the rule file's doc comment).

use crate::markdown::{Block, Inline, first_code, parse};
use crate::state::Action;
use dockcoach_core::rules;
use yew::prelude::*;

fn inline(items: &[Inline]) -> Html {
    html! {
        {for items.iter().map(|i| match i {
            Inline::Text(t) => html! { {t.clone()} },
            Inline::Code(c) => html! { <code>{c.clone()}</code> },
            Inline::Link { text, href } => {
                let safe = href.starts_with("https://") || href.starts_with("http://") || href.starts_with('#');
                if safe {
                    html! { <a href={href.clone()} rel="noopener noreferrer">{text.clone()}</a> }
                } else {
                    html! { {text.clone()} }
                }
            }
        })}
    }
}

/// Renders the docs as elements; the heading levels shift below the page title.
fn render(blocks: &[Block]) -> Html {
    html! {
        {for blocks.iter().map(|b| match b {
            Block::Heading(_, items) => html! { <h3>{inline(items)}</h3> },
            Block::Paragraph(items) => html! { <p>{inline(items)}</p> },
            Block::List(items) => html! {
                <ul>{for items.iter().map(|i| html! { <li>{inline(i)}</li> })}</ul>
            },
            Block::Code { text, .. } => html! { <pre class="code-view">{text.clone()}</pre> },
        })}
    }
}

/// A plain function rather than a component: the page is shown alone.
pub fn rule_page(code: &str, on_action: &Callback<Action>) -> Html {
    let Some(meta) = rules::find(code) else {
        return html! {
            <article class="page" data-testid="rule-page">
                <p><a href="#rules">{"← All rules"}</a></p>
                <h2>{"Unknown rule"}</h2>
                <p>{format!("No rule is called “{code}”.")}</p>
            </article>
        };
    };
    let example = meta.section("Example").and_then(|s| first_code(&s));
    let on_open = example.map(|text| {
        let on_action = on_action.clone();
        Callback::from(move |_| {
            on_action.emit(Action::Load(text.clone()));
            crate::dom::set_hash("");
        })
    });
    let aliases = if meta.aliases.is_empty() {
        "none".to_string()
    } else {
        meta.aliases.join(", ")
    };
    html! {
        <article class="page rule-page" data-testid="rule-page" data-code={meta.code}>
            <p><a href="#rules">{"← All rules"}</a>{" · "}<a href="#">{"Playground"}</a></p>
            <h2><span class="code">{meta.code}</span>{" "}{meta.name}</h2>
            <dl class="facts">
                <dt>{"Severity"}</dt><dd>{meta.severity.as_str()}</dd>
                <dt>{"Category"}</dt><dd>{meta.category.as_str()}</dd>
                <dt>{"Fix"}</dt><dd>{meta.fix.as_str()}</dd>
                <dt>{"On by default"}</dt><dd>{if meta.default_enabled { "yes" } else { "no" }}</dd>
                <dt>{"Aliases"}</dt><dd>{aliases}</dd>
            </dl>
            if let Some(on_open) = on_open {
                <button type="button" class="btn btn-primary" data-testid="open-example" onclick={on_open}>
                    {"Open this example in the playground"}
                </button>
            }
            {render(&parse(&meta.docs()))}
        </article>
    }
}
