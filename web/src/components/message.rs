//! A finding message: `code` spans become <code>, everything else stays text.
//!
//! A plain function, not a component: the findings list shows up to a thousand of them,
//! and a component per message would cost a scope and a render each.

use yew::prelude::*;

pub fn message(text: &str) -> Html {
    let parts = text.split('`').enumerate().map(|(i, part)| {
        if i % 2 == 1 {
            html! { <code>{part.to_string()}</code> }
        } else {
            html! { {part.to_string()} }
        }
    });
    html! { <span class="message">{for parts}</span> }
}
