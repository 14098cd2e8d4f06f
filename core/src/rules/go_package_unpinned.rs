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
    /// Windows stages are checked too: `go install` reads the same in PowerShell and cmd,
    /// and hadolint checks it there as well.
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
    /// ## Deviations from hadolint
    /// hadolint takes the value of a flag for a package (`netgo osusergo` below) and
    /// reports it; dockcoach knows which `go` flags take a value and checks only the
    /// packages:
    ///
    /// ```dockerfile
    /// FROM golang:1.22
    /// RUN go install -tags 'netgo osusergo' -ldflags '-s -w' example.com/cmd/tool@v1.2.3
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

/// `go` flags whose value is the next word (`-o /bin/app`, `-ldflags "-s -w"`).
const GO_VALUE_FLAGS: &[&str] = &[
    "o",
    "ldflags",
    "gcflags",
    "asmflags",
    "gccgoflags",
    "tags",
    "mod",
    "modfile",
    "p",
    "pkgdir",
    "overlay",
    "C",
    "exec",
    "toolexec",
    "buildmode",
    "compiler",
    "installsuffix",
    "pgo",
];

/// The words of a `go` command that are not flags nor flag values (go flags take one or
/// two dashes: `-o x`, `--tags=y`).
fn go_operands(cmd: &crate::shell::Command) -> Vec<&crate::shell::Word> {
    let mut out = Vec::new();
    let mut skip_next = false;
    for word in &cmd.args {
        let v = word.value.as_str();
        if std::mem::take(&mut skip_next) {
            continue;
        }
        match v.strip_prefix("--").or_else(|| v.strip_prefix('-')) {
            Some(flag) if !flag.is_empty() => {
                skip_next = !flag.contains('=') && GO_VALUE_FLAGS.contains(&flag);
            }
            _ => out.push(word),
        }
    }
    out
}

pub(super) fn check(c: &Checker) {
    for index in runs(c) {
        let Some(script) = c.script_any_shell(index) else {
            continue;
        };
        for cmd in &script.commands {
            if cmd.name() != "go" {
                continue;
            }
            let mut positionals = go_operands(cmd).into_iter();
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
                    let sub = &sub.value;
                    let package = word.value.split('@').next().unwrap_or(&word.value);
                    c.report(
                        &META,
                        word.range,
                        format!(
                            "`go {sub}` of `{package}` has no fixed version (`{package}@<version>`)"
                        ),
                    );
                }
            }
        }
    }
}
