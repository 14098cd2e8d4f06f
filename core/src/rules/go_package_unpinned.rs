use super::Checker;
use super::helpers::runs;

declare_rule! {
    /// ## What it does
    /// Checks for `go install`, `go get` and `go run` of a remote package without a
    /// version (`pkg@v1.2.3`), or with `@latest` / `@none`.
    ///
    /// ## Why is this bad?
    /// Without a version Go fetches whatever the default branch holds that day: two builds
    /// of the same Dockerfile may differ, and an upstream change can break the image
    /// without any change to the file.
    ///
    /// Local packages (`.`, `./...`, absolute paths) are not reported; for `go run` only
    /// the package is checked, not the program's arguments.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.23
    /// RUN go install golang.org/x/tools/gopls
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM golang:1.23
    /// RUN go install golang.org/x/tools/gopls@v0.16.2
    /// ```
    ///
    /// ## References
    /// - [go install](https://go.dev/ref/mod#go-install)
    /// - hadolint `DL3062`
    pub static META = {
        code: "DL3062",
        name: "go-package-unpinned",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        fix: None,
    }
}

fn pinned(package: &str) -> bool {
    let local = package.starts_with('.') || package.starts_with('/');
    local || (package.contains('@') && !package.ends_with("@latest") && !package.ends_with("@none"))
}

pub(super) fn check(c: &Checker) {
    let mut found = Vec::new();
    for index in runs(c) {
        let Some(script) = c.script(index) else {
            continue;
        };
        for cmd in &script.commands {
            if cmd.name() != "go" {
                continue;
            }
            let mut positionals = cmd.positionals();
            let Some(sub) = positionals.next() else {
                continue;
            };
            if !matches!(sub.value.as_str(), "install" | "get" | "run") {
                continue;
            }
            // `go run pkg args...`: only the first word is a package; `go install tool`
            // installs the module's tools.
            let take = if sub.value == "run" { 1 } else { usize::MAX };
            for word in positionals.filter(|w| w.value != "tool").take(take) {
                // Ex) RUN go install golang.org/x/tools/gopls
                if !pinned(&word.value) {
                    found.push((word.range, sub.value.clone(), word.value.clone()));
                }
            }
        }
    }
    for (range, sub, package) in found {
        let package = package.split('@').next().unwrap_or(&package).to_string();
        c.report(
            &META,
            range,
            format!("`go {sub}` of `{package}` has no fixed version (`{package}@<version>`)"),
        );
    }
}
