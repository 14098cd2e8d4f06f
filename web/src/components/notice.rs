//! The message bar: errors are announced as alerts, the rest politely.

use crate::state::{Action, Notice, NoticeKind};
use yew::prelude::*;

/// A plain function rather than a component: it is cheap and shown once.
pub fn notice_bar(notice: &Option<Notice>, on_action: &Callback<Action>) -> Html {
    let Some(notice) = notice else {
        return html! { <div class="notice-slot" aria-live="polite"></div> };
    };
    let (class, role, label) = match notice.kind {
        NoticeKind::Error => ("notice notice-error", "alert", "Problem: "),
        NoticeKind::Info => ("notice notice-info", "status", "Note: "),
    };
    let on_action = on_action.clone();
    html! {
        <div class={class} role={role} data-testid="notice">
            <p><strong>{label}</strong>{notice.text.clone()}</p>
            <button type="button" class="btn btn-quiet"
                onclick={Callback::from(move |_| on_action.emit(Action::Notice(None)))}>
                {"Dismiss"}
            </button>
        </div>
    }
}
