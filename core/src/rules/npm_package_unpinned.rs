use super::Checker;
use super::helpers::{NPM_VALUE_OPTIONS, operands, report_unpinned};
use crate::shell::Word;

declare_rule! {
    /// ## What it does
    /// Checks for `npm install` of packages without a version (`express` instead of
    /// `express@4.21.1`).
    ///
    /// ## Why is this bad?
    /// Without a version, every build installs the newest release of that day. Two builds
    /// of the same Dockerfile then differ, and a new release can break the image without
    /// any change to the file.
    ///
    /// `npm install` without packages (installing from `package.json`), folders, tarballs
    /// and git URLs with a `#commit` are not reported.
    ///
    /// Windows stages are checked too: `npm install` reads the same in PowerShell and
    /// cmd, and hadolint checks them as well. The values of options that take one
    /// (`--loglevel notice`) are not packages.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22-slim
    /// RUN npm install -g pm2
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:22-slim
    /// RUN npm install -g pm2@5.4.2
    /// ```
    ///
    /// ## References
    /// - [npm docs: npm install](https://docs.npmjs.com/cli/commands/npm-install)
    /// - hadolint `DL3016`
    pub static META = {
        code: "DL3016",
        name: "npm-package-unpinned",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        fix: None,
    }
}

fn is_pinned(package: &str) -> bool {
    if ["git://", "git+ssh://", "git+http://", "git+https://"]
        .iter()
        .any(|p| package.starts_with(p))
    {
        return package.contains('#');
    }
    if [".tar", ".tar.gz", ".tgz"]
        .iter()
        .any(|s| package.ends_with(s))
        || ["/", "./", "../", "~/"]
            .iter()
            .any(|p| package.starts_with(p))
    {
        return true;
    }
    // `@scope/name@1.2`: the version `@` comes after the scope.
    let name = match package.strip_prefix('@') {
        Some(_) => package.trim_start_matches(|ch: char| ch > '/'),
        None => package,
    };
    name.contains('@')
}

pub(super) fn check(c: &Checker) {
    for cmd in c.run_commands_any_shell() {
        if cmd.name() != "npm" {
            continue;
        }
        let ops = operands(cmd, NPM_VALUE_OPTIONS);
        if ops.first().is_none_or(|w| w.value != "install") {
            continue;
        }
        // Ex) npm install -g pm2
        let unpinned: Vec<&Word> = ops
            .into_iter()
            .skip_while(|w| w.value == "install")
            .filter(|w| !is_pinned(&w.value))
            .collect();
        report_unpinned(c, &META, &unpinned, "npm install");
    }
}
