use super::Checker;
use super::helpers::{operands, report_unpinned};
use crate::shell::{Command, Word};

declare_rule! {
    /// ## What it does
    /// Checks for `pip install` of packages without a version (`flask` instead of
    /// `flask==3.0.3`).
    ///
    /// ## Why is this bad?
    /// Without a version, every build installs the newest release of that day. Two builds
    /// of the same Dockerfile then differ, and a new release can break the image without
    /// any change to the file.
    ///
    /// Installs from a requirements file (`-r`), of the local project (`.`), under a
    /// constraints file (`-c`), of wheels, sdists, paths and VCS URLs with a revision are
    /// not reported. `python -m pip install` is checked like `pip install`.
    ///
    /// Windows stages are checked too: `pip install` reads the same in PowerShell and
    /// cmd, and hadolint checks them as well. The values of options that take one
    /// (`--loglevel notice`) are not packages.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// RUN pip install --no-cache-dir flask
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// RUN pip install --no-cache-dir flask==3.0.3
    /// ```
    ///
    /// ## Deviations from hadolint
    /// dockcoach matches the command by its base name, so a pip called through a path
    /// is checked too; hadolint only recognises a literal `pip`:
    ///
    /// ```dockerfile
    /// RUN "${CONDA_DIR}/envs/${env_name}/bin/pip" install --no-cache-dir 'flake8'
    /// ```
    ///
    /// `flake8` is unpinned here, and dockcoach reports it. Such a pip upgrading itself
    /// (`/venv/bin/pip install --upgrade pip`, `/usr/local/bin/python -m pip install -U
    /// pip`) is left alone, as hadolint leaves it: the installer is not part of what the
    /// image is built for. A plain `pip install --upgrade pip` is reported, as hadolint
    /// reports it.
    ///
    /// ## References
    /// - [pip: repeatable installs](https://pip.pypa.io/en/stable/topics/repeatable-installs/)
    /// - hadolint `DL3013`
    pub static META = {
        code: "DL3013",
        name: "pip-package-unpinned",
        aliases: [],
        severity: Warning,
        category: BestPractice,
        fix: None,
    }
}

const VALUE_FLAGS: &[&str] = &[
    "abi",
    "b",
    "build",
    "e",
    "editable",
    "extra-index-url",
    "f",
    "find-links",
    "i",
    "index-url",
    "implementation",
    "no-binary",
    "only-binary",
    "platform",
    "prefix",
    "progress-bar",
    "proxy",
    "python-version",
    "root",
    "src",
    "t",
    "target",
    "trusted-host",
    "upgrade-strategy",
];

const VCS: &[&str] = &[
    "git+file",
    "git+https",
    "git+ssh",
    "git+http",
    "git+git",
    "git",
    "hg+file",
    "hg+http",
    "hg+https",
    "hg+ssh",
    "hg+static-http",
    "svn",
    "svn+svn",
    "svn+http",
    "svn+https",
    "svn+ssh",
    "bzr+http",
    "bzr+https",
    "bzr+ssh",
    "bzr+sftp",
    "bzr+ftp",
    "bzr+lp",
];

/// True for `pip install` and `python -m pip install` (any `pip*`/`python*` name).
pub(super) fn is_pip_install(cmd: &Command) -> bool {
    let args: Vec<&str> = cmd.args.iter().map(|w| w.value.as_str()).collect();
    let name = cmd.name();
    (name.starts_with("pip") && args.contains(&"install"))
        || (name.starts_with("python") && args.windows(3).any(|w| w == ["-m", "pip", "install"]))
}

fn is_pinned(package: &str) -> bool {
    let vcs = VCS.iter().any(|s| package.starts_with(s));
    ["==", ">=", "<=", ">", "<", "!=", "~=", "==="]
        .iter()
        .any(|s| package.contains(s))
        || (vcs && package.contains('@'))
        || package.ends_with(".whl")
        || package.ends_with(".tar.gz")
        || (!vcs && package.contains('/'))
}

pub(super) fn check(c: &Checker) {
    for cmd in c.run_commands_any_shell() {
        if !is_pip_install(cmd) {
            continue;
        }
        // Ex) pip install -r requirements.txt / pip install -c constraints.txt x / pip install .
        let from_file = cmd
            .args
            .iter()
            .any(|w| matches!(w.value.as_str(), "-r" | "--requirement" | "."));
        if from_file || cmd.has_flag(&['c'], &["constraint"]) {
            continue;
        }
        let by_path = cmd.name.value.contains('/');
        // Ex) pip install flask
        let unpinned: Vec<&Word> = operands(cmd, VALUE_FLAGS)
            .into_iter()
            .skip_while(|w| w.value != "install")
            .skip_while(|w| w.value == "install")
            // Ex) /venv/bin/pip install --upgrade pip   (pip upgrading itself)
            .filter(|w| !(is_pinned(&w.value) || (by_path && w.value == "pip")))
            .collect();
        report_unpinned(c, &META, &unpinned, "pip install");
    }
}
