//! A finding message: `code` spans become <code>, everything else stays text.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct MessageProps {
    pub text: AttrValue,
}

#[function_component(Message)]
pub fn message(props: &MessageProps) -> Html {
    let parts = props.text.split('`').enumerate().map(|(i, part)| {
        if i % 2 == 1 {
            html! { <code>{part.to_string()}</code> }
        } else {
            html! { {part.to_string()} }
        }
    });
    html! { <span class="message">{for parts}</span> }
}
