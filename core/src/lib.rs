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
mod collections;
pub mod config;
pub mod diagnostic;
mod dockerignore;
pub mod fix;
pub mod image;
pub mod knowledge;
pub mod links;
mod model;
mod number;
pub mod rules;
pub mod settings;
mod shell;
mod suppress;
pub mod syntax;
#[doc(hidden)]
pub mod testing;
pub mod text;

/// The shell parser, public only for the differential test against `brush-parser`
/// (`tests/tests/shell_differential.rs`, feature `brush-oracle`).
#[cfg(feature = "brush-oracle")]
#[doc(hidden)]
pub mod shell_oracle {
    pub use crate::shell::*;
    use crate::syntax::{Instruction, Parsed};
    use crate::text::OffsetMap;

    /// The script a RUN hands to the shell, with its map back to the file.
    pub fn shell_source(parsed: &Parsed, ins: &Instruction) -> Option<(String, OffsetMap)> {
        crate::rules::shell_source(parsed, ins)
    }
}

pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
pub use fix::{FixResult, fix};
pub use rules::{Category, FixAvailability, RuleMeta, rules};
pub use settings::{FailOn, Settings};
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
