//! The image-state model: what each stage's image holds at each step, in build order,
//! and the steps that cannot work as written (a command the image does not have, a
//! package install with no package lists, a privileged step as a non-root user, a RUN
//! on an image with no shell...).
//!
//! What a base image provides comes from `knowledge::image_facts` (generated from the
//! official images' own Dockerfiles) and a few patterns for images with no shell
//! (scratch, distroless, .NET chiseled). An image the tables do not know is *unknown*:
//! every tool is [`Status::Unknown`] and no hazard is reported for it. Earlier RUNs add
//! what they install (apt, apk, dnf/yum/microdnf, zypper); a stage built on an earlier
//! stage starts from that stage's final state.
//!
//! The same model guards the fix loop: a fix must not add a [`Hazard`] the text did not
//! have (see `fix.rs`), and the DC3 rules report the hazards of the file itself.

use crate::knowledge::base_image_facts;
use crate::model::{ImageRef, Model};
use crate::shell::{Command, Script};
use crate::syntax::{Args, CommandForm, InstructionKind, Parsed};
use crate::text::TextRange;

/// The tools the model tracks, in the order of [`Tools`]' bits.
pub const TOOLS: &[&str] = &[
    "bash",
    "ca-certificates",
    "curl",
    "gcc",
    "git",
    "gpg",
    "make",
    "ssh",
    "unzip",
    "wget",
    "xz",
];

/// Whether an image has something.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Present,
    Absent,
    Unknown,
}

/// The image's `/bin/sh`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShellKind {
    /// Debian's and Ubuntu's dash.
    Dash,
    /// BusyBox ash; BusyBox also provides wget, tar, sed... unless a package replaced them.
    Busybox,
    /// No shell at all (scratch, distroless, chiseled).
    None,
    Unknown,
}

/// The package manager of a base image.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PackageManager {
    Apt,
    Apk,
    None,
    Unknown,
}

/// What a base image provides, from the knowledge tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BaseFacts {
    pub package_manager: PackageManager,
    pub shell: ShellKind,
    /// `Some(true)` root, `Some(false)` a non-root user, `None` unknown.
    pub root: Option<bool>,
    /// Bit `i` set: `TOOLS[i]` is present / absent (neither: unknown).
    present: u16,
    absent: u16,
}

impl BaseFacts {
    /// True when the image is known to have tool `name` (one of [`TOOLS`]).
    pub fn has(&self, name: &str) -> bool {
        TOOLS
            .iter()
            .position(|t| *t == name)
            .is_some_and(|i| self.present & (1 << i) != 0)
    }
}

/// A step that cannot work as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hazard {
    pub kind: HazardKind,
    /// The stage (index into `Model::stages`).
    pub stage: usize,
    /// The instruction.
    pub instruction: usize,
    /// What to point at (the command name, the instruction keyword...).
    pub range: TextRange,
    /// The command, package manager or stage name concerned.
    pub subject: String,
}

/// The kinds of [`Hazard`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HazardKind {
    /// A command the image does not provide and nothing installed (`apt-get` on Alpine,
    /// `curl` on a slim image).
    MissingCommand,
    /// An option the image's variant of the tool rejects (`wget --progress` on BusyBox).
    UnsupportedOption,
    /// An https download or clone with no CA certificates in the image.
    NoCaCertificates,
    /// `apt-get install` with no package lists (removed earlier, or never fetched on an
    /// official Debian/Ubuntu image) and no `apt-get update` before it in the RUN.
    InstallWithoutLists,
    /// A package-manager or account step after a switch to a non-root USER.
    PrivilegedAsNonRoot,
    /// A shell-form RUN, CMD or ENTRYPOINT on an image with no shell.
    NoShell,
    /// `echo` with a backslash in a RUN that bash runs (set by a SHELL), where dash's
    /// echo would have expanded it: only the fix guard uses it (the output differs).
    BashEcho,
    /// `COPY --from=NAME` naming no stage (and not an image).
    UnresolvedStage,
}

impl HazardKind {
    /// True for the kinds that stop the build or the container (every kind but
    /// [`HazardKind::BashEcho`], which changes what a step writes).
    pub fn breaks_build(self) -> bool {
        self != HazardKind::BashEcho
    }
}

/// The state of one stage's image as the steps run.
#[derive(Clone, Debug)]
struct State {
    facts: Option<BaseFacts>,
    tools: [Status; 11],
    /// wget is BusyBox's applet (not replaced by the GNU package).
    busybox_wget: bool,
    shell: ShellKind,
    /// A SHELL instruction set bash (the stage's or an ancestor's).
    bash_shell: bool,
    /// Any SHELL instruction is active.
    custom_shell: bool,
    /// apt's package lists: `Some(true)` present, `Some(false)` absent, `None` unknown.
    apt_lists: Option<bool>,
    root: Option<bool>,
}

impl State {
    fn unknown() -> State {
        State {
            facts: None,
            tools: [Status::Unknown; 11],
            busybox_wget: false,
            shell: ShellKind::Unknown,
            bash_shell: false,
            custom_shell: false,
            apt_lists: None,
            root: None,
        }
    }

    fn from_facts(facts: BaseFacts) -> State {
        let mut tools = [Status::Unknown; 11];
        for (i, t) in tools.iter_mut().enumerate() {
            if facts.present & (1 << i) != 0 {
                *t = Status::Present;
            } else if facts.absent & (1 << i) != 0 {
                *t = Status::Absent;
            }
        }
        State {
            facts: Some(facts),
            tools,
            busybox_wget: facts.shell == ShellKind::Busybox,
            shell: facts.shell,
            bash_shell: false,
            custom_shell: false,
            apt_lists: (facts.package_manager == PackageManager::Apt).then_some(false),
            root: facts.root,
        }
    }

    fn tool(&self, name: &str) -> Status {
        TOOLS
            .iter()
            .position(|t| *t == name)
            .and_then(|i| self.tools.get(i).copied())
            .unwrap_or(Status::Unknown)
    }

    fn set_tool(&mut self, name: &str, status: Status) {
        if let Some(t) = TOOLS
            .iter()
            .position(|t| *t == name)
            .and_then(|i| self.tools.get_mut(i))
        {
            *t = status;
        }
    }

    /// Something may have put any command on the PATH: what was absent becomes unknown.
    fn forget_absent(&mut self) {
        for t in &mut self.tools {
            if *t == Status::Absent {
                *t = Status::Unknown;
            }
        }
        self.busybox_wget = false;
    }

    /// Whether the image has the package manager `name` (`apt-get`, `apk`, `dnf`...).
    fn package_manager(&self, name: &str) -> Status {
        let Some(facts) = self.facts else {
            return Status::Unknown;
        };
        let family = match name {
            "apt-get" | "apt" | "dpkg" => PackageManager::Apt,
            "apk" => PackageManager::Apk,
            _ => return Status::Unknown,
        };
        match facts.package_manager {
            PackageManager::Unknown => Status::Unknown,
            pm if pm == family => Status::Present,
            // A distro image with a package manager has only its own; an image with
            // none has no package manager at all.
            _ => Status::Absent,
        }
    }
}

/// The model of a file: the hazards found, in file order.
#[derive(Clone, Debug, Default)]
pub struct ImageModel {
    pub hazards: Vec<Hazard>,
    /// Per stage: the state's shell and user at the stage's end (for tests and rules).
    stage_ends: Vec<(ShellKind, Option<bool>)>,
}

impl ImageModel {
    /// Builds the model from a parse, its semantic model and its RUN scripts.
    pub fn new<'s>(
        parsed: &Parsed,
        model: &Model,
        script: &dyn Fn(usize) -> Option<&'s Script>,
    ) -> ImageModel {
        let mut out = ImageModel::default();
        let mut finals: Vec<State> = Vec::with_capacity(model.stages.len());
        for stage in &model.stages {
            let mut state = match (stage.parent, &stage.image) {
                (Some(p), _) => finals.get(p).cloned().unwrap_or_else(State::unknown),
                (None, Some(image)) => {
                    base_facts(image).map_or_else(State::unknown, State::from_facts)
                }
                (None, None) => State::unknown(),
            };
            let end = stage.end.min(parsed.instructions.len());
            for index in stage.from + 1..end {
                let Some(ins) = parsed.instructions.get(index) else {
                    continue;
                };
                // ONBUILD triggers run in images built on this one, not here.
                if matches!(ins.args, Args::Onbuild(_)) {
                    continue;
                }
                let mut hazard = |kind: HazardKind, range: TextRange, subject: &str| {
                    out.hazards.push(Hazard {
                        kind,
                        stage: stage.index,
                        instruction: index,
                        range,
                        subject: subject.to_string(),
                    })
                };
                match (ins.kind, &ins.args) {
                    (InstructionKind::User, Args::Text(t)) => state.root = user_is_root(&t.text),
                    (InstructionKind::Shell, Args::Command(CommandForm::Exec { items, .. })) => {
                        let first = items.first().map(|s| s.text.as_str()).unwrap_or("");
                        let name = first.rsplit('/').next().unwrap_or(first);
                        state.custom_shell = true;
                        state.bash_shell = name == "bash";
                        if name == "bash" && state.tool("bash") == Status::Absent {
                            hazard(HazardKind::MissingCommand, ins.keyword.range, "bash");
                        }
                    }
                    (InstructionKind::Copy | InstructionKind::Add, args) => {
                        if let Some(from) = ins.flag("from").and_then(|f| f.value.as_deref())
                            && unresolved_stage(model, stage.index, from)
                        {
                            hazard(HazardKind::UnresolvedStage, ins.keyword.range, from);
                        }
                        // A copied file may be any command; a copied root file system
                        // or binary directory may bring a shell.
                        state.forget_absent();
                        if let Args::List { items, .. } = args
                            && items.iter().any(|s| {
                                s.text == "/" || s.text.contains("bin") || s.text.contains(".tar")
                            })
                        {
                            // Ex) FROM scratch + COPY --from=rootfs / /: any shell and
                            // package manager may come with it.
                            state = State {
                                root: state.root,
                                ..State::unknown()
                            };
                        }
                    }
                    (
                        InstructionKind::Cmd | InstructionKind::Entrypoint,
                        Args::Command(CommandForm::Shell(_)),
                    ) if state.shell == ShellKind::None && !state.custom_shell => {
                        hazard(HazardKind::NoShell, ins.keyword.range, "/bin/sh");
                    }
                    (InstructionKind::Run, Args::Command(CommandForm::Shell(_))) => {
                        if state.shell == ShellKind::None && !state.custom_shell {
                            hazard(HazardKind::NoShell, ins.keyword.range, "/bin/sh");
                            continue;
                        }
                        if let Some(s) = script(index) {
                            run_script(&mut state, s, &mut hazard);
                        } else {
                            state = forget_all(state);
                        }
                    }
                    (InstructionKind::Run, _) => state = forget_all(state),
                    _ => {}
                }
            }
            out.stage_ends.push((state.shell, state.root));
            finals.push(state);
        }
        out
    }

    /// Builds the model from a parse alone (for the fix loop and tests), reading the RUN
    /// scripts as the rules do.
    pub fn of(parsed: &Parsed) -> ImageModel {
        crate::rules::image_model(parsed)
    }

    /// The hazards as keys without positions (kind, stage, subject), sorted, for
    /// comparing a text with its fixed version.
    pub fn keys(&self) -> Vec<(HazardKind, usize, &str)> {
        let mut keys: Vec<_> = self
            .hazards
            .iter()
            .map(|h| (h.kind, h.stage, h.subject.as_str()))
            .collect();
        keys.sort_unstable();
        keys
    }

    /// The hazards of `after` that `self` does not have (counted: two missing `curl`s
    /// where there was one is one new).
    pub fn added<'a>(&self, after: &'a ImageModel) -> Vec<&'a Hazard> {
        let before = self.keys();
        let mut used = vec![false; before.len()];
        let mut out = Vec::new();
        for h in &after.hazards {
            let key = (h.kind, h.stage, h.subject.as_str());
            let found = before
                .iter()
                .enumerate()
                .position(|(i, k)| !used.get(i).copied().unwrap_or(true) && *k == key);
            match found.and_then(|i| used.get_mut(i)) {
                Some(u) => *u = true,
                None => out.push(h),
            }
        }
        out
    }

    /// The shell of a stage's image at its end.
    pub fn stage_shell(&self, stage: usize) -> ShellKind {
        self.stage_ends
            .get(stage)
            .map_or(ShellKind::Unknown, |(s, _)| *s)
    }
}

fn forget_all(mut state: State) -> State {
    state.forget_absent();
    state.apt_lists = None;
    state
}

/// `USER` text -> root or not (`None` when it uses a variable).
fn user_is_root(user: &str) -> Option<bool> {
    let user = user.trim();
    if user.contains('$') || user.is_empty() {
        return None;
    }
    let name = user.split(':').next().unwrap_or(user);
    Some(name == "root" || name == "0")
}

fn unresolved_stage(model: &Model, current: usize, from: &str) -> bool {
    if from.contains('$') || from.contains('/') || from.contains(':') || from.contains('.') {
        return false;
    }
    if let Ok(n) = from.parse::<usize>() {
        return n >= current;
    }
    let lower = from.to_ascii_lowercase();
    // A name that is no stage is read as an image (`COPY --from=nginx`): only a name an
    // image could not be, or one used by a later stage, is unresolved.
    !model
        .stages
        .iter()
        .take(current)
        .any(|s| s.name.as_deref() == Some(lower.as_str()))
        && model
            .stages
            .iter()
            .skip(current)
            .any(|s| s.name.as_deref() == Some(lower.as_str()))
}

/// Package names that provide tracked tools (apt, apk, dnf... names).
fn package_tools(package: &str) -> &'static [&'static str] {
    match package {
        "bash" => &["bash"],
        "ca-certificates" | "ca-certificates-bundle" => &["ca-certificates"],
        "curl" => &["curl"],
        "gcc" => &["gcc"],
        "build-essential" | "build-base" => &["gcc", "make"],
        "git" | "git-core" => &["git"],
        "gnupg" | "gnupg2" | "gpg" => &["gpg"],
        "make" => &["make"],
        "openssh-client" | "openssh-clients" | "openssh" => &["ssh"],
        "unzip" => &["unzip"],
        "wget" => &["wget"],
        "xz-utils" | "xz" => &["xz"],
        _ => &[],
    }
}

/// Packages whose installation pulls CA certificates in as a recommendation (Debian's
/// curl, wget and git recommend `ca-certificates`).
fn recommends_ca(package: &str) -> bool {
    matches!(package, "curl" | "wget" | "git" | "git-core")
}

/// Commands after which the model no longer knows what is on the PATH. pip and npm are
/// not among them: they install Python and Node programs, never the tracked tools.
fn may_add_commands(cmd: &Command) -> bool {
    let name = cmd.name();
    let into_bin = || cmd.arg_values().any(|a| a.contains("bin"));
    name.ends_with(".sh")
        || matches!(
            name,
            "dpkg"
                | "rpm"
                | "tar"
                | "unzip"
                | "conda"
                | "mamba"
                | "brew"
                | "nix-env"
                | "micromamba"
                | "spack"
                | "update-alternatives"
                | "asdf"
                | "sdk"
        )
        || (matches!(
            name,
            "ln" | "cp" | "mv" | "install" | "curl" | "wget" | "chmod"
        ) && into_bin())
        || (name == "make" && cmd.arg_values().any(|a| a == "install"))
        || (matches!(name, "sh" | "bash" | "ash") && cmd.positionals().next().is_some())
}

const PACKAGE_MANAGERS: &[&str] = &["apt-get", "apt", "apk", "dnf", "yum", "microdnf", "zypper"];

/// Subcommands that change the system (need root).
fn privileged(cmd: &Command) -> bool {
    let name = cmd.name();
    let sub = cmd
        .positionals()
        .next()
        .map(|w| w.value.as_str())
        .unwrap_or("");
    match name {
        "apt-get" | "apt" => matches!(
            sub,
            "install" | "update" | "upgrade" | "dist-upgrade" | "remove" | "purge" | "autoremove"
        ),
        "apk" => matches!(sub, "add" | "del" | "update" | "upgrade"),
        "dnf" | "yum" | "microdnf" | "zypper" => {
            matches!(
                sub,
                "install" | "update" | "upgrade" | "remove" | "in" | "up" | "makecache"
            )
        }
        "useradd" | "groupadd" | "adduser" | "addgroup" | "usermod" => true,
        _ => false,
    }
}

fn run_script(
    state: &mut State,
    script: &Script,
    hazard: &mut dyn FnMut(HazardKind, TextRange, &str),
) {
    // A script that tests for commands decides at run time what runs.
    if script.fallback
        || script
            .commands
            .iter()
            .any(|c| matches!(c.name(), "command" | "which" | "type" | "hash"))
    {
        *state = forget_all(state.clone());
        return;
    }
    let errexit = |upto: usize| {
        script.commands.iter().take(upto).any(|c| {
            c.name() == "set"
                && c.arg_values()
                    .any(|a| a.starts_with('-') && a.contains('e'))
        })
    };
    let mut updated = false;
    for (k, cmd) in script.commands.iter().enumerate() {
        let name = cmd.name();
        let next = script.commands.get(k + 1);
        // Whether this command's failure fails the step: at top level, not tested by
        // `||` and followed by `&&` (or last, or under `set -e`).
        let matters = cmd.depth == 0
            && cmd.connector != crate::shell::Connector::Or
            && cmd.connector != crate::shell::Connector::Background
            && !cmd.negated
            && cmd.pipeline.is_none_or(|p| p.index + 1 == p.len)
            && match next {
                None => true,
                Some(n) if n.connector == crate::shell::Connector::Or => false,
                Some(n) if n.connector == crate::shell::Connector::And => true,
                Some(_) => errexit(k),
            };
        let range = cmd.name.range;
        if name.is_empty() {
            continue;
        }
        // Ex) RUN apt-get update   (on Alpine)
        if PACKAGE_MANAGERS.contains(&name) || name == "dpkg" {
            if state.package_manager(name) == Status::Absent && matters {
                // The step fails here; what follows never runs.
                hazard(HazardKind::MissingCommand, range, name);
                return;
            }
        } else if state.tool(name) == Status::Absent && matters {
            // Ex) RUN curl -fsSL https://x   (on a slim image)
            hazard(HazardKind::MissingCommand, range, name);
            return;
        }
        if state.root == Some(false) && privileged(cmd) && matters {
            // Ex) USER app ... RUN apt-get install -y curl
            hazard(HazardKind::PrivilegedAsNonRoot, range, name);
            return;
        }
        let positional: Vec<&str> = cmd.positionals().map(|w| w.value.as_str()).collect();
        let sub = positional.first().copied().unwrap_or("");
        match name {
            "apt-get" | "apt" => match sub {
                "update" => {
                    updated = true;
                    state.apt_lists = Some(true);
                }
                "install" => {
                    // apt 3's `install --update` fetches the lists first.
                    if cmd.arg_values().any(|a| a == "--update") {
                        updated = true;
                        state.apt_lists = Some(true);
                    }
                    // `apt-get -f install` alone only fixes what dpkg left: no claim.
                    if state.apt_lists == Some(false) && !updated && matters && positional.len() > 1
                    {
                        hazard(HazardKind::InstallWithoutLists, range, name);
                    }
                    let no_recommends = cmd.arg_values().any(|a| a == "--no-install-recommends");
                    install(state, positional.get(1..).unwrap_or(&[]), !no_recommends);
                }
                "purge" | "remove" => {
                    for p in positional.get(1..).unwrap_or(&[]) {
                        for t in package_tools(p) {
                            state.set_tool(t, Status::Absent);
                        }
                    }
                }
                _ => {}
            },
            "apk" if sub == "add" => {
                if !cmd.arg_values().any(|a| a == "--virtual" || a == "-t") {
                    install(state, positional.get(1..).unwrap_or(&[]), false);
                } else {
                    // The virtual package's name is the first positional; the rest are
                    // usually deleted again in the same RUN: unknown.
                    state.forget_absent();
                }
            }
            "dnf" | "yum" | "microdnf" | "zypper" if matches!(sub, "install" | "in") => {
                install(state, positional.get(1..).unwrap_or(&[]), false);
            }
            "rm" if cmd
                .arg_values()
                .any(|a| a.starts_with("/var/lib/apt/lists")) =>
            {
                state.apt_lists = Some(false);
            }
            "curl" | "wget" | "git" => {
                if state.tool("ca-certificates") == Status::Absent
                    && state.tool(name) == Status::Present
                    && matters
                    && cmd.arg_values().any(|a| a.starts_with("https://"))
                    && !cmd.arg_values().any(|a| {
                        matches!(a, "-k" | "--insecure" | "--no-check-certificate")
                            || a.contains("sslVerify=false")
                    })
                {
                    // Ex) RUN git clone https://x   (no ca-certificates)
                    hazard(HazardKind::NoCaCertificates, range, name);
                }
                if name == "wget"
                    && state.busybox_wget
                    && state.tool("wget") == Status::Present
                    && matters
                    && cmd.arg_values().any(|a| a.starts_with("--progress"))
                {
                    // Ex) RUN wget --progress=dot:giga https://x   (BusyBox wget)
                    hazard(HazardKind::UnsupportedOption, range, "wget --progress");
                }
            }
            "echo" if state.bash_shell => {
                let escapes = cmd.args.iter().any(|w| w.value.contains('\\'));
                let flagged = cmd.arg_values().next().is_some_and(|a| a.starts_with('-'));
                if escapes && !flagged {
                    hazard(HazardKind::BashEcho, range, "echo");
                }
            }
            _ => {}
        }
        if may_add_commands(cmd) {
            state.forget_absent();
        }
    }
}

/// Records packages installed: their tools become present.
fn install(state: &mut State, packages: &[&str], recommends: bool) {
    for p in packages {
        if p.contains('$')
            || p.contains('*')
            || p.contains('`')
            || p.starts_with('/')
            || p.ends_with(".deb")
        {
            state.forget_absent();
            continue;
        }
        let name = p.split(['=', '<', '>']).next().unwrap_or(p);
        for t in package_tools(name) {
            state.set_tool(t, Status::Present);
            if *t == "wget" {
                state.busybox_wget = false;
            }
        }
        if TOOLS.contains(&name) {
            state.set_tool(name, Status::Present);
        }
        if recommends && recommends_ca(name) {
            state.set_tool("ca-certificates", Status::Present);
        }
    }
}

/// What the knowledge tables say about a base image; `None` when unknown.
pub fn base_facts(image: &ImageRef) -> Option<BaseFacts> {
    if image.unresolved {
        return None;
    }
    if image.is_scratch() {
        return Some(BaseFacts {
            package_manager: PackageManager::None,
            shell: ShellKind::None,
            root: Some(true),
            present: 0,
            absent: all_tools(),
        });
    }
    let tag = image.tag.as_deref().unwrap_or("latest");
    let registry = image.registry.as_deref().unwrap_or("");
    // Ex) gcr.io/distroless/static-debian12:nonroot  (no shell unless :debug)
    if registry == "gcr.io" && image.path.starts_with("distroless/") {
        if tag.contains("debug") {
            return None;
        }
        return Some(BaseFacts {
            package_manager: PackageManager::None,
            shell: ShellKind::None,
            root: Some(!tag.contains("nonroot")),
            present: 0,
            absent: all_tools(),
        });
    }
    // Ex) mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled  (no shell, user app)
    if registry == "mcr.microsoft.com"
        && image.path.starts_with("dotnet/")
        && (tag.contains("chiseled") || tag.contains("distroless"))
    {
        return Some(BaseFacts {
            package_manager: PackageManager::None,
            shell: ShellKind::None,
            root: Some(false),
            present: 0,
            absent: all_tools(),
        });
    }
    let name = image.official_name()?;
    let class = if tag.contains("alpine") {
        "alpine"
    } else if tag.contains("slim") {
        "slim"
    } else if name == "buildpack-deps" && tag.ends_with("-curl") || tag == "curl" {
        "curl"
    } else if name == "buildpack-deps" && tag.ends_with("-scm") || tag == "scm" {
        "scm"
    } else if tag.contains("windows")
        || tag.contains("nanoserver")
        || tag.contains("servercore")
        || tag.contains("oracle")
        || tag.contains("ubi")
        || (name != "debian" && name != "ubuntu" && tag.contains("ubuntu"))
    {
        return None;
    } else {
        "default"
    };
    let (pm, shell, user, present, absent) = base_image_facts(name, class)?;
    let package_manager = match pm {
        "apt" => PackageManager::Apt,
        "apk" => PackageManager::Apk,
        "none" => PackageManager::None,
        _ => PackageManager::Unknown,
    };
    let shell = match shell {
        "dash" => ShellKind::Dash,
        "busybox" => ShellKind::Busybox,
        "none" => ShellKind::None,
        _ => ShellKind::Unknown,
    };
    let root = match user {
        "root" => Some(true),
        "?" => None,
        _ => Some(false),
    };
    Some(BaseFacts {
        package_manager,
        shell,
        root,
        present: tool_bits(present),
        absent: tool_bits(absent),
    })
}

fn all_tools() -> u16 {
    (1u16 << TOOLS.len()) - 1
}

fn tool_bits(list: &str) -> u16 {
    list.split(',')
        .filter_map(|t| TOOLS.iter().position(|x| *x == t))
        .fold(0, |bits, i| bits | (1 << i))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::syntax::parse;

    fn kinds(text: &str) -> Vec<(HazardKind, String)> {
        ImageModel::of(&parse(text))
            .hazards
            .into_iter()
            .map(|h| (h.kind, h.subject))
            .collect()
    }

    #[test]
    fn known_bases() {
        let f = base_facts(&ImageRef::parse("python:3.12-slim")).unwrap();
        assert_eq!(f.package_manager, PackageManager::Apt);
        let s = State::from_facts(f);
        assert_eq!(s.tool("curl"), Status::Absent);
        assert_eq!(s.tool("bash"), Status::Present);
        let s = State::from_facts(base_facts(&ImageRef::parse("python:3.12")).unwrap());
        assert_eq!(s.tool("curl"), Status::Present);
        assert_eq!(s.tool("make"), Status::Present);
        let s = State::from_facts(base_facts(&ImageRef::parse("alpine:3.20")).unwrap());
        assert_eq!(s.tool("bash"), Status::Absent);
        assert!(s.busybox_wget);
        assert!(base_facts(&ImageRef::parse("example.com/team/app:1")).is_none());
        assert!(base_facts(&ImageRef::parse("mongo:7-windowsservercore")).is_none());
        let chiseled = base_facts(&ImageRef::parse(
            "mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled",
        ))
        .unwrap();
        assert_eq!(
            (chiseled.shell, chiseled.root),
            (ShellKind::None, Some(false))
        );
    }

    #[test]
    fn hazards_of_steps_that_cannot_work() {
        assert_eq!(
            kinds("FROM alpine:3.20\nRUN apt-get update && apt-get install -y curl\n"),
            vec![(HazardKind::MissingCommand, "apt-get".into())]
        );
        assert_eq!(
            kinds("FROM python:3.12-slim\nRUN curl -fsSL https://x -o y\n"),
            vec![(HazardKind::MissingCommand, "curl".into())]
        );
        assert!(kinds("FROM python:3.12-slim\nRUN apt-get update && apt-get install -y curl && curl -fsSL https://x\n").is_empty());
        assert_eq!(
            kinds(
                "FROM debian:12\nRUN apt-get update\nRUN rm -rf /var/lib/apt/lists/*\nRUN apt-get install -y git\n"
            ),
            vec![(HazardKind::InstallWithoutLists, "apt-get".into())]
        );
        assert_eq!(
            kinds("FROM debian:12\nUSER app\nRUN apt-get update\n"),
            vec![(HazardKind::PrivilegedAsNonRoot, "apt-get".into())]
        );
        assert_eq!(
            kinds("FROM gcr.io/distroless/static-debian12\nRUN echo hi\nCMD echo hi\n"),
            vec![
                (HazardKind::NoShell, "/bin/sh".into()),
                (HazardKind::NoShell, "/bin/sh".into())
            ]
        );
        assert_eq!(
            kinds("FROM alpine:3.20\nRUN wget --progress=dot:giga https://x\n"),
            vec![(HazardKind::UnsupportedOption, "wget --progress".into())]
        );
        assert_eq!(
            kinds(
                "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends git && git clone https://x\n"
            ),
            vec![(HazardKind::NoCaCertificates, "git".into())]
        );
        // A copied root file system may bring anything.
        assert!(
            kinds("FROM scratch\nCOPY --from=rootfs / /\nRUN apk add --no-cache bash\n").is_empty()
        );
        // Unknown images and tested commands: no claim.
        assert!(
            kinds("FROM example.com/base\nRUN apt-get install -y x && curl https://x\n").is_empty()
        );
        assert!(kinds("FROM alpine:3.20\nRUN curl -V || apk add curl\n").is_empty());
        assert!(kinds("FROM alpine:3.20\nRUN if command -v curl; then curl x; fi\n").is_empty());
        // A stage built on an earlier one starts from its state.
        assert_eq!(
            kinds(
                "FROM node:22-alpine AS base\nRUN apk add --no-cache bash\nFROM base\nRUN bash -c 'echo'\nFROM node:22-alpine\nRUN bash -c x\n"
            ),
            vec![(HazardKind::MissingCommand, "bash".into())]
        );
    }

    #[test]
    fn added_counts_new_hazards_only() {
        let before = ImageModel::of(&parse("FROM python:3.12\nRUN curl -O https://x && make\n"));
        let after = ImageModel::of(&parse(
            "FROM python:3.12-slim\nRUN curl -O https://x && make\n",
        ));
        assert!(before.hazards.is_empty());
        let added: Vec<_> = before
            .added(&after)
            .iter()
            .map(|h| h.subject.clone())
            .collect();
        // The step stops at the first command that cannot run.
        assert_eq!(added, vec!["curl".to_string()]);
        assert!(after.added(&before).is_empty());
    }
}
