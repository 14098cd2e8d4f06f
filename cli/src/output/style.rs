//! ANSI colours, written by hand: only a handful are needed.

use dockcoach_core::Severity;
use std::io::IsTerminal;

pub const RESET: &str = "\x1b[0m";
pub const BOLD: &str = "\x1b[1m";
pub const RED: &str = "\x1b[1;31m";
pub const YELLOW: &str = "\x1b[1;33m";
pub const BLUE: &str = "\x1b[1;34m";
pub const MAGENTA: &str = "\x1b[1;35m";
pub const CYAN: &str = "\x1b[1;36m";
pub const GREEN: &str = "\x1b[1;32m";
pub const DIM: &str = "\x1b[2m";

/// Whether to colour a stream: never with `--no-color`, a non-empty `NO_COLOR` or
/// `TERM=dumb`; always with a non-empty `FORCE_COLOR`; otherwise only on a terminal.
pub fn use_color(no_color_flag: bool, is_terminal: bool) -> bool {
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    if no_color_flag || set("NO_COLOR") || std::env::var_os("TERM").is_some_and(|t| t == "dumb") {
        return false;
    }
    set("FORCE_COLOR") || is_terminal
}

pub fn stdout_color(no_color_flag: bool) -> bool {
    use_color(no_color_flag, std::io::stdout().is_terminal())
}

pub fn stderr_color(no_color_flag: bool) -> bool {
    use_color(no_color_flag, std::io::stderr().is_terminal())
}

/// A painter that is a no-op when colour is off.
#[derive(Clone, Copy, Debug)]
pub struct Paint {
    pub on: bool,
}

impl Paint {
    pub fn paint(self, style: &str, text: &str) -> String {
        if self.on && !text.is_empty() {
            format!("{style}{text}{RESET}")
        } else {
            text.to_string()
        }
    }

    pub fn severity(self, severity: Severity, text: &str) -> String {
        self.paint(severity_style(severity), text)
    }
}

pub fn severity_style(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => RED,
        Severity::Warning => YELLOW,
        Severity::Info => CYAN,
        Severity::Style => MAGENTA,
    }
}
