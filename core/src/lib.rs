//! dockcoach-core: parse, lint and fix Dockerfiles.
//!
//! Pure: no IO, no threads, no globals; builds unchanged for native targets and
//! `wasm32-unknown-unknown`. The public surface is small and data-shaped:
//!
//! - [`parse`] returns the lossless syntax tree *and* its syntax errors; it never fails.
//! - [`lint`] runs the enabled rules over a parse.
//! - [`fix`] applies fixes to a fixed point and returns the new text and what remains.
//! - [`rules`] lists every rule with its documentation.

mod case;
pub mod collections;
pub mod config;
pub mod diagnostic;
pub mod dockerignore;
pub mod fix;
pub mod knowledge;
pub mod model;
mod number;
pub mod rules;
pub mod settings;
pub mod shell;
pub mod suppress;
pub mod syntax;
#[doc(hidden)]
pub mod testing;
pub mod text;

pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
pub use fix::{FixResult, fix};
pub use rules::{Category, FixAvailability, RuleMeta, rules};
pub use settings::Settings;
pub use syntax::{Parsed, parse, parse_bytes};
pub use text::{LineCol, LineIndex, PositionEncoding, TextRange};

/// Lints a parsed Dockerfile with the given settings. Syntax errors come first as
/// `DL1000` findings, then every enabled rule's findings, sorted by position.
pub fn lint(parsed: &Parsed, settings: &Settings) -> Vec<Diagnostic> {
    rules::run(parsed, settings)
}

/// Parses and lints a text in one call.
pub fn check(text: &str, settings: &Settings) -> Vec<Diagnostic> {
    lint(&parse(text), settings)
}

/// The crate's version, shown by the CLI and the playground.
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}
