use super::helpers::word_deletion;
use super::{Checker, Onbuild};
use crate::diagnostic::{Edit, Fix};
use crate::syntax::InstructionKind;

declare_rule! {
    /// ## What it does
    /// Checks for package installs that skip signature checks: `apk --allow-untrusted`,
    /// `apt-get --allow-unauthenticated`/`--force-yes` (or the matching `-o` options),
    /// `--nogpgcheck` for yum/dnf/rpm, `zypper --no-gpg-checks`, `rpm --nosignature`,
    /// `--nodigest`, `--nofiledigest`, `--noverify`, and `gpgcheck=0` in a repository
    /// setting.
    ///
    /// ## Why is this bad?
    /// Package signatures are what proves a package comes from the distribution and was
    /// not altered on the way. Without the check, a compromised mirror or a network
    /// attacker can install anything, with root rights, into the image. Import the
    /// repository's key instead.
    ///
    /// The severity is `error`: the bypass lets unverified code into the image.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// RUN apk add --no-cache --allow-untrusted ./pkgs/tool.apk
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// COPY keys/builder.rsa.pub /etc/apk/keys/
    /// RUN apk add --no-cache ./pkgs/tool.apk
    /// ```
    ///
    /// ## Fix safety
    /// For the plain flags (`--allow-untrusted`, `--allow-unauthenticated`,
    /// `--force-yes`, `--nogpgcheck`, `--no-gpg-checks`, `--nosignature`, `--nodigest`,
    /// `--nofiledigest`, `--noverify`) the fix removes the flag. It is unsafe: an install
    /// of a package that is not signed by a known key fails afterwards.
    ///
    /// ## References
    /// - Checkov `CKV2_DOCKER_7`, `CKV2_DOCKER_8`, `CKV2_DOCKER_9`, `CKV2_DOCKER_10`,
    ///   `CKV2_DOCKER_11`
    pub static META = {
        code: "DC2006",
        name: "signature-verification-disabled",
        aliases: ["CKV2_DOCKER_7", "CKV2_DOCKER_8", "CKV2_DOCKER_9", "CKV2_DOCKER_10", "CKV2_DOCKER_11"],
        severity: Error,
        category: Security,
        fix: Unsafe,
    }
}

/// The plain flags that turn signature checks off, per package manager.
fn bypass_flag(manager: &str, flag: &str) -> bool {
    match manager {
        "apk" => flag == "--allow-untrusted",
        "apt-get" | "apt" | "aptitude" => matches!(flag, "--allow-unauthenticated" | "--force-yes"),
        "yum" | "dnf" | "microdnf" | "tdnf" => flag == "--nogpgcheck",
        "zypper" => matches!(flag, "--no-gpg-checks" | "--no-gpg-check"),
        "rpm" => matches!(
            flag,
            "--nogpgcheck" | "--nosignature" | "--nodigest" | "--nofiledigest" | "--noverify"
        ),
        _ => false,
    }
}

/// The Checkov check a bypass flag matches: Checkov looks for `apk --allow-untrusted`,
/// `apt-get --allow-unauthenticated`, `apt-get --force-yes`, `yum`/`dnf --nogpgcheck` and
/// `rpm --nosignature`/`--nodigest` only.
fn flag_aliases(manager: &str, flag: &str) -> &'static [&'static str] {
    match (manager, flag) {
        ("apk", _) => &["CKV2_DOCKER_7"],
        ("apt-get", "--allow-unauthenticated") => &["CKV2_DOCKER_8"],
        ("apt-get", "--force-yes") => &["CKV2_DOCKER_11"],
        ("yum" | "dnf" | "tdnf", "--nogpgcheck") => &["CKV2_DOCKER_9"],
        ("rpm", "--nosignature" | "--nodigest") => &["CKV2_DOCKER_10"],
        _ => &[],
    }
}

pub(super) fn check(c: &Checker) {
    let text = c.text();
    let escape = c.parsed.escape;
    for (index, ins) in c.walk(Onbuild::Trigger) {
        if ins.kind != InstructionKind::Run {
            continue;
        }
        let Some(script) = c.script(index) else {
            continue;
        };
        for cmd in &script.commands {
            let name = cmd.name();
            // Asked once per command, not per word: for `echo` it reads the whole line.
            let rpm_repos = super::helpers::configures_rpm_repos(text, cmd);
            for (i, w) in cmd.args.iter().enumerate() {
                // Ex) RUN apk add --allow-untrusted x.apk
                if bypass_flag(name, &w.value) {
                    let fix = word_deletion(text, w, escape).map(|r| {
                        Fix::unsafe_(format!("Remove `{}`", w.value), vec![Edit::delete(r)])
                    });
                    let mut report = c.report(
                        &META,
                        w.range,
                        format!(
                            "`{name} {}` installs packages without checking signatures",
                            w.value
                        ),
                    );
                    report.fix = fix;
                    report.aliases = flag_aliases(name, &w.value);
                    continue;
                }
                let lower = w.value.to_ascii_lowercase();
                // Ex) RUN apt-get -o APT::Get::AllowUnauthenticated=true install x
                let apt_option = matches!(name, "apt-get" | "apt")
                    && (lower.starts_with("apt::get::allowunauthenticated=")
                        || lower.starts_with("acquire::allowinsecurerepositories="))
                    && lower
                        .rsplit('=')
                        .next()
                        .is_some_and(|v| matches!(v, "true" | "1" | "yes"))
                    && i > 0;
                // Ex) RUN dnf --setopt=gpgcheck=0 install x  /  echo gpgcheck=0 >> x.repo
                let gpg_off = rpm_repos
                    && lower.find("gpgcheck=").is_some_and(|at| {
                        matches!(
                            lower[at + "gpgcheck=".len()..].trim_matches(|c| c == '"' || c == '\''),
                            "0" | "false" | "no"
                        )
                    });
                if apt_option || gpg_off {
                    c.report(
                        &META,
                        w.range,
                        format!("`{}` turns off package signature checks", w.value),
                    )
                    .aliases = &[];
                }
            }
        }
    }
}
