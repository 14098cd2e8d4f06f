//! One component per file; each takes its data and callbacks as props.

pub mod app;
pub mod ci_page;
pub mod editor;
pub mod findings;
pub mod fixed;
pub mod message;
pub mod notice;
pub mod rule_page;
pub mod rules_index;
pub mod settings;
pub mod toolbar;
