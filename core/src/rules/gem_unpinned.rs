use super::Checker;
use super::helpers::{GEM_VALUE_OPTIONS, has_arg, operands, report_unpinned};
use crate::shell::Word;

declare_rule! {
    /// ## What it does
    /// Checks for `gem install` of gems without a version (`bundler` instead of
    /// `bundler:2.5.22`).
    ///
    /// ## Why is this bad?
    /// Without a version, every build installs the newest release of that day. Two builds
    /// of the same Dockerfile then differ, and a new release can break the image without
    /// any change to the file.
    ///
    /// A `-v`/`--version` option pins the gems of the command and is accepted.
    ///
    /// Windows stages are checked too: `gem install` reads the same in PowerShell and cmd,
    /// and hadolint checks it there as well.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM ruby:3.3-slim
    /// RUN gem install bundler
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM ruby:3.3-slim
    /// RUN gem install bundler:2.5.22
    /// ```
    ///
    /// ## References
    /// - [RubyGems: gem install](https://guides.rubygems.org/command-reference/#gem-install)
    /// - hadolint `DL3028`
    pub static META = {
        code: "DL3028",
        name: "gem-unpinned",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        fix: None,
    }
}

pub(super) fn check(c: &Checker) {
    for cmd in c.run_commands_any_shell() {
        if cmd.name() != "gem" || !has_arg(cmd, &["install", "i"]) {
            continue;
        }
        // Ex) gem install bundler -v 2.5.22
        let versioned = cmd.args.iter().any(|w| {
            w.value == "-v" || w.value == "--version" || w.value.starts_with("--version=")
        });
        if versioned {
            continue;
        }
        // Ex) gem install bundler
        let unpinned: Vec<&Word> = operands(cmd, GEM_VALUE_OPTIONS)
            .into_iter()
            .filter(|w| w.value != "install" && w.value != "i" && !w.value.contains(':'))
            .collect();
        report_unpinned(c, &META, &unpinned, "gem install");
    }
}
