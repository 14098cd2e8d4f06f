//! The package managers' command lines: which words of a command are packages (not
//! options, nor the values options take), and, for the rpm family (yum, dnf, microdnf,
//! zypper), one table per manager that its four rules (missing `-y`, unpinned package,
//! cache not cleaned, and zypper's dist-upgrade) read instead of each spelling it out.

use super::super::{Checker, RuleMeta};
use crate::diagnostic::{Edit, Fix};
use crate::shell::{Command, Word};

/// The operands of `cmd`: the arguments that are neither options nor the value of an
/// option listed in `value_flags` (short letters like `"t"`, long names like `"target"`;
/// `--name=value` carries its own value). Every argument after `--` is an operand.
pub(crate) fn operands<'a>(cmd: &'a Command, value_flags: &[&str]) -> Vec<&'a Word> {
    let mut out = Vec::new();
    let mut skip_next = false;
    let mut options_done = false;
    for word in &cmd.args {
        if skip_next {
            skip_next = false;
            continue;
        }
        let v = word.value.as_str();
        if options_done || v == "-" || !v.starts_with('-') {
            out.push(word);
            continue;
        }
        if v == "--" {
            options_done = true;
        } else if let Some(long) = v.strip_prefix("--") {
            skip_next = !long.contains('=') && value_flags.contains(&long);
        } else if let Some(last) = v.chars().last() {
            let mut buf = [0u8; 4];
            skip_next = value_flags.contains(&&*last.encode_utf8(&mut buf));
        }
    }
    out
}

/// `apt-get` options whose value is the next word (`-t bookworm-backports`, `-o X=Y`).
pub(crate) const APT_GET_VALUE_OPTIONS: &[&str] = &[
    "t",
    "target-release",
    "o",
    "option",
    "c",
    "config-file",
    "a",
    "host-architecture",
];

/// `apk` options whose value is the next word (`-t .build-deps`, `-X url`, `--root /x`).
pub(crate) const APK_VALUE_OPTIONS: &[&str] = &[
    "t",
    "virtual",
    "repository",
    "X",
    "p",
    "root",
    "keys-dir",
    "arch",
    "cache-dir",
    "repositories-file",
];

/// `gem install` options whose value is the next word (`-i /opt/gems`, `--source url`).
pub(crate) const GEM_VALUE_OPTIONS: &[&str] = &[
    "i",
    "install-dir",
    "n",
    "bindir",
    "source",
    "platform",
    "P",
    "trust-policy",
];

/// `npm install` options whose value is the next word (`--loglevel notice`,
/// `--registry url`, `-w pkg`).
pub(crate) const NPM_VALUE_OPTIONS: &[&str] = &[
    "loglevel",
    "registry",
    "prefix",
    "cache",
    "userconfig",
    "globalconfig",
    "tag",
    "omit",
    "include",
    "install-strategy",
    "w",
    "workspace",
    "before",
    "location",
    "scope",
    "otp",
    "script-shell",
];

/// Whether any argument of `cmd` is one of `words` (as hadolint's `cmdHasArgs`).
pub(crate) fn has_arg(cmd: &Command, words: &[&str]) -> bool {
    cmd.args.iter().any(|w| words.contains(&w.value.as_str()))
}

/// Reports the first unpinned package of a command, counting the others in the message.
pub(crate) fn report_unpinned(
    c: &Checker,
    meta: &'static RuleMeta,
    unpinned: &[&Word],
    tool: &str,
) {
    let Some(first) = unpinned.first() else {
        return;
    };
    let message = match unpinned.len() - 1 {
        0 => format!(
            "`{tool}` installs `{}` without a pinned version",
            first.value
        ),
        n => format!(
            "`{tool}` installs `{}` and {n} more packages without a pinned version",
            first.value
        ),
    };
    c.report(meta, first.range, message);
}

/// How a package of an rpm-family manager names its version.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pin {
    /// `name-version` (yum, dnf, microdnf): see [`dash_version`].
    Dash,
    /// `name=version` or `name<version` / `name>version` (zypper).
    Relation,
}

/// One rpm-family package manager, as its rules read its command line.
pub(crate) struct Manager {
    /// The command names (`dnf` and `microdnf` share a table).
    pub names: &'static [&'static str],
    /// Subcommands whose operands are packages to install.
    pub install: &'static [&'static str],
    /// Subcommands that ask for a confirmation the build cannot give.
    pub confirm: &'static [&'static str],
    /// Options that answer yes: short letters and long names.
    pub yes: (&'static [char], &'static [&'static str]),
    /// Options whose value is the next word (`--enablerepo epel`, `-r repo`).
    pub value_options: &'static [&'static str],
    /// The clean-up command: one of these arguments (`clean`, `all`), as hadolint reads
    /// `yum clean all`.
    pub clean: &'static [&'static str],
    /// How a version is attached to a package name.
    pub pin: Pin,
}

/// yum.
pub(crate) const YUM: Manager = Manager {
    names: &["yum"],
    install: &["install"],
    confirm: &["install", "groupinstall", "localinstall"],
    yes: (&['y'], &["assumeyes"]),
    value_options: &[
        "c",
        "config",
        "d",
        "debuglevel",
        "e",
        "errorlevel",
        "R",
        "randomwait",
        "x",
        "exclude",
        "installroot",
        "enablerepo",
        "disablerepo",
        "releasever",
        "setopt",
        "downloaddir",
    ],
    clean: &["clean", "all"],
    pin: Pin::Dash,
};

/// dnf and microdnf.
pub(crate) const DNF: Manager = Manager {
    names: &["dnf", "microdnf"],
    install: &["install"],
    confirm: &["install", "groupinstall", "localinstall"],
    yes: (&['y'], &["assumeyes"]),
    value_options: &[
        "c",
        "config",
        "d",
        "debuglevel",
        "e",
        "errorlevel",
        "R",
        "randomwait",
        "x",
        "exclude",
        "installroot",
        "enablerepo",
        "disablerepo",
        "repo",
        "repoid",
        "releasever",
        "setopt",
        "downloaddir",
        "destdir",
        "forcearch",
    ],
    clean: &["clean", "all"],
    pin: Pin::Dash,
};

/// zypper.
pub(crate) const ZYPPER: Manager = Manager {
    names: &["zypper"],
    install: &["install", "in"],
    confirm: &[
        "install",
        "in",
        "remove",
        "rm",
        "source-install",
        "si",
        "patch",
    ],
    yes: (&['y'], &["no-confirm"]),
    value_options: &[
        "r",
        "repo",
        "t",
        "type",
        "from",
        "C",
        "capability",
        "root",
        "R",
        "reposd-root",
        "D",
        "cache-dir",
        "download",
        "oldpackage-from",
    ],
    clean: &["clean", "cc"],
    pin: Pin::Relation,
};

impl Manager {
    /// Whether `cmd` runs this manager.
    pub fn runs(&self, cmd: &Command) -> bool {
        self.names.contains(&cmd.name())
    }

    /// Whether `cmd` runs this manager with one of `subcommands` (anywhere among its
    /// arguments, as hadolint looks for them: `yum -y install`, `yum install -y`).
    pub fn runs_any(&self, cmd: &Command, subcommands: &[&str]) -> bool {
        self.runs(cmd) && has_arg(cmd, subcommands)
    }

    /// Whether `cmd` answers yes (`-y`, `--assumeyes`...).
    pub fn says_yes(&self, cmd: &Command) -> bool {
        cmd.has_flag(self.yes.0, self.yes.1)
    }

    /// When `cmd` runs a subcommand that asks for confirmation without answering yes:
    /// that subcommand's word and the fix that adds `-y` after it.
    pub fn missing_yes<'a>(&self, cmd: &'a Command) -> Option<(&'a Word, Fix)> {
        if !self.runs(cmd) || self.says_yes(cmd) {
            return None;
        }
        let sub = cmd
            .args
            .iter()
            .find(|w| self.confirm.contains(&w.value.as_str()))?;
        let fix = Fix::safe("Add `-y`", vec![Edit::insert(sub.range.end(), " -y")]);
        Some((sub, fix))
    }

    /// Whether `cmd` is this manager's clean-up.
    pub fn cleans(&self, cmd: &Command) -> bool {
        self.runs_any(cmd, self.clean)
    }

    /// The packages `cmd` installs: its operands after the first install subcommand,
    /// without option values. For `module install` the streams (`nodejs:18`).
    pub fn packages<'a>(&self, cmd: &'a Command) -> Vec<&'a Word> {
        let ops = operands(cmd, self.value_options);
        ops.into_iter()
            .skip_while(|w| !self.install.contains(&w.value.as_str()))
            .filter(|w| {
                let v = w.value.as_str();
                v != "module" && !self.install.contains(&v)
            })
            .collect()
    }

    /// Whether `package` names a version. `declared` variables (ARG or ENV before the
    /// RUN) stand for a version, as hadolint 2.15.1 reads `name-${VERSION}`.
    pub fn pinned(&self, package: &str, declared: &crate::collections::StrSet) -> bool {
        match self.pin {
            Pin::Dash => dash_version(&super::substitute_vars(package, declared, "1")),
            Pin::Relation => package.contains(['=', '<', '>']) || package.ends_with(".rpm"),
        }
    }
}

/// How yum and dnf (hadolint 2.15.1 alike) tell a pinned package: a `-` followed by a
/// version, a part starting with a digit (`httpd-2.4.6`, `java-1.8.0-openjdk`,
/// `nginx-1:1.20.1-1.el9`), and no glob (`foo-1.*` could be any version). A local or
/// remote `.rpm` is one file, so one version (hadolint asks for a `-` there too).
pub(crate) fn dash_version(package: &str) -> bool {
    if package.ends_with(".rpm") {
        return true;
    }
    let mut parts = package.split('-');
    parts.next();
    let rest: Vec<&str> = parts.collect();
    !rest.is_empty()
        && rest.iter().all(|p| {
            p.chars()
                .all(|ch| ch.is_ascii_alphanumeric() || ".~^_:+".contains(ch))
        })
        && rest
            .iter()
            .any(|p| p.chars().next().is_some_and(|ch| ch.is_ascii_digit()))
}
