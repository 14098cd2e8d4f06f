use super::helpers::{configures_rpm_repos, word_deletion};
use super::{Checker, Onbuild};
use crate::diagnostic::{Edit, Fix};
use crate::shell::Command;
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Checks for TLS certificate verification switched off: `curl -k`/`--insecure`,
    /// `wget --no-check-certificate`, `pip --trusted-host`, `git -c http.sslVerify=false`,
    /// `npm`/`yarn config set strict-ssl false`, `sslverify=0` for yum/dnf, and the
    /// variables `PYTHONHTTPSVERIFY=0`, `NODE_TLS_REJECT_UNAUTHORIZED=0`,
    /// `NPM_CONFIG_STRICT_SSL=false`, `GIT_SSL_NO_VERIFY` and `PIP_TRUSTED_HOST` (in
    /// `ENV`, `ARG` or `RUN`).
    ///
    /// ## Why is this bad?
    /// Without certificate verification, anyone on the network path (a compromised
    /// mirror, proxy or Wi-Fi) can answer in the server's place and put their own code
    /// into the image. Set in `ENV`, the setting also stays on in every container that
    /// runs the image. Fix the trust store instead (install `ca-certificates`, or add the
    /// company CA).
    ///
    /// The severity is `error`: a verification bypass turns any network attacker into
    /// a supplier of the image's code.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN curl -fsSLk https://example.com/install.sh -o /tmp/install.sh
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN curl -fsSL https://example.com/install.sh -o /tmp/install.sh
    /// ```
    ///
    /// ## Fix safety
    /// For `curl -k`/`--insecure` and `wget --no-check-certificate` the fix removes the
    /// flag. It is unsafe: a download that only worked without verification now fails.
    /// No fix is offered for the other forms.
    ///
    /// ## References
    /// - [curl: --insecure](https://curl.se/docs/manpage.html#-k)
    /// - Checkov `CKV2_DOCKER_2`, `CKV2_DOCKER_3`, `CKV2_DOCKER_4`, `CKV2_DOCKER_5`,
    ///   `CKV2_DOCKER_6`, `CKV2_DOCKER_12`, `CKV2_DOCKER_13`, `CKV2_DOCKER_14`,
    ///   `CKV2_DOCKER_15`, `CKV2_DOCKER_16`
    pub static META = {
        code: "DC2005",
        name: "tls-verification-disabled",
        aliases: [
            "CKV2_DOCKER_2", "CKV2_DOCKER_3", "CKV2_DOCKER_4", "CKV2_DOCKER_5", "CKV2_DOCKER_6",
            "CKV2_DOCKER_12", "CKV2_DOCKER_13", "CKV2_DOCKER_14", "CKV2_DOCKER_15", "CKV2_DOCKER_16",
        ],
        severity: Error,
        category: Security,
        fix: Unsafe,
    }
}

/// `curl` short options that take a value: a `k` after one of them is its value.
const CURL_VALUE_FLAGS: &str = "AbcCdDeEFHKmoPQrtTuwxXyYz";

/// Whether `name=value` (an environment assignment) disables verification.
pub(super) fn insecure_assignment(name: &str, value: &str) -> bool {
    let value = value.trim_matches(|c| c == '"' || c == '\'');
    match name {
        "PYTHONHTTPSVERIFY" | "NODE_TLS_REJECT_UNAUTHORIZED" => value == "0",
        n if n.eq_ignore_ascii_case("NPM_CONFIG_STRICT_SSL") => value.eq_ignore_ascii_case("false"),
        "GIT_SSL_NO_VERIFY" | "PIP_TRUSTED_HOST" => !value.is_empty(),
        _ => false,
    }
}

fn false_like(v: &str) -> bool {
    let v = v
        .trim_matches(|c| c == '"' || c == '\'')
        .to_ascii_lowercase();
    matches!(v.as_str(), "0" | "false" | "no")
}

fn check_command(c: &Checker, cmd: &Command) {
    let text = c.text();
    let escape = c.parsed.escape;
    let rpm_config = configures_rpm_repos(text, cmd);
    let words = std::iter::once(&cmd.name)
        .chain(cmd.assignments.iter())
        .chain(cmd.args.iter());
    // Ex) RUN PYTHONHTTPSVERIFY=0 pip install x  /  export GIT_SSL_NO_VERIFY=1
    for w in words {
        if let Some((name, value)) = w.value.split_once('=')
            && insecure_assignment(name, value)
        {
            c.report(
                &META,
                w.range,
                format!("`{name}={value}` turns off TLS certificate verification"),
            )
            .aliases = assignment_aliases(name);
        }
        if !rpm_config {
            continue;
        }
        let lower = w.value.to_ascii_lowercase();
        // Ex) yum-config-manager --setopt=*.sslverify=0  /  echo sslverify=false >> x.repo
        if let Some(i) = lower.find("sslverify=")
            && false_like(&lower[i + "sslverify=".len()..])
            && !lower.contains("http.sslverify")
        {
            c.report(
                &META,
                w.range,
                format!("`{}` turns off TLS certificate verification", w.value),
            )
            .aliases = &["CKV2_DOCKER_15"];
        }
    }
    let args: Vec<&str> = cmd.arg_values().collect();
    match cmd.name() {
        // Ex) RUN curl -k https://...
        "curl" => {
            for w in &cmd.args {
                if w.value == "--" {
                    break;
                }
                let insecure = w.value == "--insecure"
                    || (w.value.starts_with('-') && !w.value.starts_with("--") && {
                        let flags = &w.value[1..];
                        let stop = flags
                            .find(|c| CURL_VALUE_FLAGS.contains(c))
                            .unwrap_or(flags.len());
                        flags[..stop].contains('k')
                    });
                if !insecure {
                    continue;
                }
                let fix = if w.value == "--insecure" || w.value == "-k" {
                    word_deletion(text, w, escape).map(|r| {
                        Fix::unsafe_(format!("Remove `{}`", w.value), vec![Edit::delete(r)])
                    })
                } else if w.raw == w.value && w.range.slice(text) == w.raw {
                    let cleaned: String = {
                        let flags = &w.value[1..];
                        let at = flags.find('k').unwrap_or(0);
                        format!("-{}{}", &flags[..at], &flags[at + 1..])
                    };
                    Some(Fix::unsafe_(
                        "Remove `k`",
                        vec![Edit::replace(w.range, cleaned)],
                    ))
                } else {
                    None
                };
                {
                    let mut report = c.report(
                        &META,
                        w.range,
                        format!("`curl {}` skips TLS certificate verification", w.value),
                    );
                    report.fix = fix;
                    report.aliases = &["CKV2_DOCKER_2"];
                }
            }
        }
        // Ex) RUN wget --no-check-certificate https://...
        "wget" => {
            for w in cmd
                .args
                .iter()
                .filter(|w| w.value == "--no-check-certificate")
            {
                let fix = word_deletion(text, w, escape).map(|r| {
                    Fix::unsafe_("Remove `--no-check-certificate`", vec![Edit::delete(r)])
                });
                {
                    let mut report = c.report(
                        &META,
                        w.range,
                        "`wget --no-check-certificate` skips TLS certificate verification",
                    );
                    report.fix = fix;
                    report.aliases = &["CKV2_DOCKER_3"];
                }
            }
        }
        // Ex) RUN pip install --trusted-host pypi.example.com x
        "pip" | "pip3" | "python" | "python3" | "uv" => {
            for w in cmd
                .args
                .iter()
                .filter(|w| w.value == "--trusted-host" || w.value.starts_with("--trusted-host="))
            {
                c.report(
                    &META,
                    w.range,
                    format!(
                        "`{} --trusted-host` skips TLS certificate verification for that host",
                        cmd.name()
                    ),
                )
                .aliases = &["CKV2_DOCKER_4"];
            }
        }
        // Ex) RUN npm config set strict-ssl false
        "npm" | "yarn" | "pnpm" => {
            let pos: Vec<&str> = args
                .iter()
                .map(|a| a.trim_matches(|c| c == '"' || c == '\''))
                .collect();
            let set = pos.iter().position(|a| *a == "set");
            if let Some(i) = set {
                let rest = pos.get(i + 1..).unwrap_or(&[]);
                let off = match rest {
                    [kv, ..] if kv.starts_with("strict-ssl=") => {
                        false_like(&kv["strict-ssl=".len()..])
                    }
                    [k, v, ..] if *k == "strict-ssl" => v.eq_ignore_ascii_case("false"),
                    _ => false,
                };
                if off {
                    c.report(
                        &META,
                        cmd.range,
                        format!("`{}` turns off `strict-ssl`", cmd.name()),
                    )
                    .aliases = &["CKV2_DOCKER_13"];
                }
            }
        }
        // Ex) RUN git -c http.sslVerify=false clone ...  /  git config --global http.sslVerify false
        "git" => {
            let lower: Vec<String> = args.iter().map(|a| a.to_ascii_lowercase()).collect();
            let off = lower.iter().enumerate().any(|(i, a)| {
                a.strip_prefix("http.sslverify=").is_some_and(false_like)
                    || (a == "http.sslverify" && lower.get(i + 1).is_some_and(|v| false_like(v)))
            });
            if off {
                c.report(
                    &META,
                    cmd.range,
                    "`git` is set to skip TLS certificate verification",
                )
                .aliases = &[];
            }
        }
        _ => {}
    }
}

/// The Checkov check of an insecure `NAME=value` assignment.
fn assignment_aliases(name: &str) -> &'static [&'static str] {
    match name.to_ascii_uppercase().as_str() {
        "PYTHONHTTPSVERIFY" => &["CKV2_DOCKER_5"],
        "NODE_TLS_REJECT_UNAUTHORIZED" => &["CKV2_DOCKER_6"],
        "NPM_CONFIG_STRICT_SSL" => &["CKV2_DOCKER_12"],
        "GIT_SSL_NO_VERIFY" => &["CKV2_DOCKER_14"],
        "PIP_TRUSTED_HOST" => &["CKV2_DOCKER_16"],
        _ => &[],
    }
}

pub(super) fn check(c: &Checker) {
    let escape = c.parsed.escape;
    for (index, ins) in c.walk(Onbuild::Trigger) {
        match (ins.kind, &ins.args) {
            // Ex) ENV NODE_TLS_REJECT_UNAUTHORIZED=0
            (InstructionKind::Env | InstructionKind::Arg, Args::Pairs(pairs)) => {
                for pair in pairs {
                    let value = pair.value_unquoted(escape).unwrap_or_default();
                    if insecure_assignment(&pair.key.text, &value) {
                        c.report(
                            &META,
                            pair.range,
                            format!(
                                "`{}={value}` turns off TLS certificate verification",
                                pair.key.text
                            ),
                        )
                        .aliases = assignment_aliases(&pair.key.text);
                    }
                }
            }
            (InstructionKind::Run, _) => {
                let Some(script) = c.script(index) else {
                    continue;
                };
                for cmd in &script.commands {
                    check_command(c, cmd);
                }
            }
            _ => {}
        }
    }
}
