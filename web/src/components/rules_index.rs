//! The list of every rule, linking to each rule's page.

use crate::settings_form::enabled;
use dockcoach_core::{Settings, rules};
use yew::prelude::*;

/// A plain function rather than a component: the page is shown alone.
pub fn rules_index(settings: &Settings) -> Html {
    let rows = rules::rules().iter().map(|meta| {
        html! {
            <tr data-testid="rule-row" data-code={meta.code}>
                <td><a href={format!("#rules/{}", meta.code)}><span class="code">{meta.code}</span></a></td>
                <td>{meta.name}</td>
                <td>{meta.severity.as_str()}</td>
                <td>{meta.fix.as_str()}</td>
                <td>{if enabled(settings, meta) { "on" } else { "off" }}</td>
                <td>{meta.summary()}</td>
            </tr>
        }
    });
    html! {
        <article class="page">
            <p><a href="#">{"← Back to the playground"}</a></p>
            <h2>{format!("Rules ({})", rules::rules().len())}</h2>
            <div class="table-wrap">
                <table class="rules-table">
                    <thead><tr>
                        <th scope="col">{"Code"}</th><th scope="col">{"Name"}</th><th scope="col">{"Severity"}</th>
                        <th scope="col">{"Fix"}</th><th scope="col">{"Here"}</th><th scope="col">{"What it does"}</th>
                    </tr></thead>
                    <tbody>{for rows}</tbody>
                </table>
            </div>
        </article>
    }
}
