//! The dockcoach playground: a Yew app that lints and fixes Dockerfiles in the browser.
//!
//! The pure parts (the linter service, share links, the settings mapping, diff,
//! Markdown) build and are tested on every target; the UI builds for wasm32 only.

// The pure modules serve the UI, which only builds for wasm32; natively only tests use them.
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

mod diff;
mod editor_contract;
mod examples;
mod json;
mod markdown;
mod report;
mod service;
mod settings_form;
mod share;

#[cfg(target_arch = "wasm32")]
mod components;
#[cfg(target_arch = "wasm32")]
mod dom;
#[cfg(target_arch = "wasm32")]
mod state;

#[cfg(target_arch = "wasm32")]
fn main() {
    dom::mark("dockcoach:main");
    yew::Renderer::<components::app::App>::new().render();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("dockcoach-web is a browser app: build it with `trunk build --release`.");
}

/// Lints a text and returns the number of findings: the hook the timing script
/// (scripts/bench-web.mjs) calls to measure lint latency inside the page.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn bench_lint(text: &str) -> usize {
    service::analyze(text, &dockcoach_core::Settings::default())
        .findings
        .len()
}
