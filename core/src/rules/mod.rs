//! The rule engine: one explicit list of rules, each in its own file, run over the
//! syntax tree and the semantic model.

use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::model::Model;
use crate::settings::{Level, Settings};
use crate::shell::{self, Command, Script};
use crate::syntax::{Args, CommandForm, Instruction, InstructionKind, Parsed};
use crate::text::{OffsetMap, TextRange};
use std::cell::{OnceCell, RefCell};

/// What a rule is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    Syntax,
    Security,
    BestPractice,
    Maintainability,
    Style,
    Performance,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Syntax => "syntax",
            Category::Security => "security",
            Category::BestPractice => "best-practice",
            Category::Maintainability => "maintainability",
            Category::Style => "style",
            Category::Performance => "performance",
        }
    }
}

/// Whether and how a rule fixes what it finds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FixAvailability {
    None,
    /// Always a safe fix.
    Safe,
    /// A fix, unsafe.
    Unsafe,
    /// Safe or unsafe depending on the case, or only for some cases.
    Sometimes,
}

impl FixAvailability {
    pub fn as_str(self) -> &'static str {
        match self {
            FixAvailability::None => "none",
            FixAvailability::Safe => "safe",
            FixAvailability::Unsafe => "unsafe",
            FixAvailability::Sometimes => "sometimes",
        }
    }
}

/// A rule's identity and documentation.
#[derive(Debug)]
pub struct RuleMeta {
    /// Primary code: a hadolint code, a BuildKit check name, or `DCnnnn`.
    pub code: &'static str,
    /// Kebab-case name of the bad pattern.
    pub name: &'static str,
    /// The other tools' codes for the same problem.
    pub aliases: &'static [&'static str],
    pub severity: Severity,
    pub category: Category,
    pub fix: FixAvailability,
    pub default_enabled: bool,
    /// The rule's doc comment (each line keeps rustdoc's leading space; see [`RuleMeta::docs`]).
    pub doc_comment: &'static str,
}

/// Rules are identified by their code.
impl PartialEq for RuleMeta {
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code
    }
}

impl Eq for RuleMeta {}

impl RuleMeta {
    /// The documentation as Markdown.
    pub fn docs(&self) -> String {
        let mut out = String::with_capacity(self.doc_comment.len());
        for line in self.doc_comment.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out
    }

    /// The first sentence under `## What it does`.
    pub fn summary(&self) -> String {
        let docs = self.docs();
        let mut lines = docs
            .lines()
            .skip_while(|l| !l.starts_with("## What it does"))
            .skip(1);
        let mut summary = String::new();
        for line in lines.by_ref() {
            if line.trim().is_empty() {
                if summary.is_empty() {
                    continue;
                }
                break;
            }
            if !summary.is_empty() {
                summary.push(' ');
            }
            summary.push_str(line.trim());
        }
        summary
    }

    /// A section of the docs (`"Example"`, `"Fix safety"`...), without its heading.
    pub fn section(&self, heading: &str) -> Option<String> {
        let docs = self.docs();
        let start = docs.find(&format!("## {heading}\n"))?;
        let body = &docs[start + heading.len() + 4..];
        let end = body.find("\n## ").map_or(body.len(), |i| i + 1);
        Some(body[..end].trim().to_string())
    }

    /// True when `id` names this rule (code, name or alias; any case).
    pub fn matches(&self, id: &str) -> bool {
        let id = id.trim();
        self.code.eq_ignore_ascii_case(id)
            || self.name.eq_ignore_ascii_case(id)
            || self.aliases.iter().any(|a| a.eq_ignore_ascii_case(id))
    }
}

/// Declares a rule's metadata; the doc comment above it is the rule's documentation.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:expr])*
        $vis:vis static $meta:ident = {
            code: $code:expr,
            name: $name:expr,
            aliases: [$($alias:expr),* $(,)?],
            severity: $severity:ident,
            category: $category:ident,
            fix: $fix:ident
            $(, default_enabled: $enabled:expr)?
            $(,)?
        }
    ) => {
        $vis static $meta: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
            code: $code,
            name: $name,
            aliases: &[$($alias),*],
            severity: $crate::diagnostic::Severity::$severity,
            category: $crate::rules::Category::$category,
            fix: $crate::rules::FixAvailability::$fix,
            default_enabled: declare_rule!(@enabled $($enabled)?),
            doc_comment: concat!($($doc, "\n"),*),
        };
    };
    (@enabled) => { true };
    (@enabled $e:expr) => { $e };
}

/// The one list of rules, in run order. Each entry is a module (declared above, outside
/// the macro) with a `META` and a `check` function.
macro_rules! declare_rules {
    ($($module:ident),* $(,)?) => {
        static RULES: &[&RuleMeta] = &[&syntax_error::META, $(&$module::META),*];

        fn run_rules(checker: &Checker) {
            $(
                if checker.enabled(&$module::META) {
                    $module::check(checker);
                }
            )*
        }
    };
}

mod helpers;
mod syntax_error;
// Rule modules are declared here, outside `declare_rules!`, so that rustfmt and every
// other tool sees them; the compiler rejects a module missing from the list below
// (its `check` would be dead code) and a listed name with no module.
mod add_instead_of_copy;
mod add_url_without_checksum;
mod apk_add_without_no_cache;
mod apk_package_unpinned;
mod apt_get_install_without_yes;
mod apt_install_recommends;
mod apt_instead_of_apt_get;
mod apt_lists_not_deleted;
mod apt_package_unpinned;
mod base_image_not_digest_pinned;
mod cd_in_run;
mod chpasswd_in_run;
mod command_not_in_image;
mod consecutive_run;
mod copied_archive_extracted;
mod copy_dest_without_slash;
mod copy_entire_filesystem;
mod copy_from_own_stage;
mod copy_from_undefined_stage;
mod copy_ignored_file;
mod copy_relative_without_workdir;
mod dist_upgrade;
mod dnf_cache_not_cleaned;
mod dnf_missing_yes;
mod dnf_package_unpinned;
mod docker_socket_mounted;
mod duplicate_stage_name;
mod end_of_life_base_image;
mod env_self_reference;
mod expose_invalid_format;
mod expose_proto_casing;
mod exposed_ssh_port;
mod from_as_casing;
mod from_platform_flag;
mod from_platform_flag_const_disallowed;
mod gem_unpinned;
mod go_package_unpinned;
mod inconsistent_instruction_casing;
mod inline_ignore_pragma;
mod install_without_package_lists;
mod instruction_before_from;
mod invalid_default_arg_in_from;
mod invalid_definition_description;
mod invalid_label_key;
mod label_empty;
mod label_invalid_email;
mod label_invalid_hash;
mod label_invalid_rfc3339;
mod label_invalid_semver;
mod label_invalid_spdx;
mod label_invalid_url;
mod label_missing;
mod label_not_in_schema;
mod last_user_root;
mod latest_tag_base_image;
mod legacy_key_value_format;
mod ln_bin_sh;
mod maintainer_instruction;
mod missing_healthcheck;
mod missing_user;
mod multiple_cmd;
mod multiple_entrypoint;
mod multiple_healthchecks;
mod no_empty_continuation;
mod non_minimal_base_image;
mod non_numeric_user;
mod npm_package_unpinned;
mod onbuild_forbidden_trigger;
mod package_index_update_alone;
mod pip_cache_not_disabled;
mod pip_package_unpinned;
mod pipe_without_pipefail;
mod pointless_command_in_run;
mod port_out_of_range;
mod privileged_step_as_non_root;
mod redundant_target_platform;
mod relative_workdir;
mod remote_script_piped_to_shell;
mod reserved_stage_name;
mod secret_in_arg_or_env;
mod shell_form_cmd;
mod shell_step_without_shell;
mod signature_verification_disabled;
mod stage_name_casing;
mod sudo_in_run;
mod tls_verification_disabled;
mod undefined_arg_in_from;
mod undefined_var;
mod unofficial_base_image;
mod untagged_base_image;
mod untrusted_registry;
mod useradd_without_no_log_init;
mod wget_and_curl;
mod wget_without_progress;
mod workdir_system_directory;
mod yarn_cache_not_cleaned;
mod yum_cache_not_cleaned;
mod yum_install_without_yes;
mod yum_package_unpinned;
mod zypper_cache_not_cleaned;
mod zypper_dist_upgrade;
mod zypper_missing_yes;
mod zypper_package_unpinned;

declare_rules! {
    // -- foundation slice
    untagged_base_image,
    latest_tag_base_image,
    add_instead_of_copy,
    maintainer_instruction,
    shell_form_cmd,
    apt_install_recommends,
    apt_lists_not_deleted,
    last_user_root,
    pipe_without_pipefail,
    from_as_casing,
    inconsistent_instruction_casing,
    legacy_key_value_format,
    // -- hadolint DL3000-DL3030 (keep this marker; add rules below it)
    relative_workdir,
    pointless_command_in_run,
    cd_in_run,
    sudo_in_run,
    apt_package_unpinned,
    port_out_of_range,
    multiple_healthchecks,
    pip_package_unpinned,
    apt_get_install_without_yes,
    npm_package_unpinned,
    apk_package_unpinned,
    apk_add_without_no_cache,
    copy_dest_without_slash,
    copy_from_undefined_stage,
    copy_from_own_stage,
    duplicate_stage_name,
    apt_instead_of_apt_get,
    gem_unpinned,
    from_platform_flag,
    yum_install_without_yes,
    copied_archive_extracted,
    untrusted_registry,
    // -- hadolint DL3031-DL3099 and DL4xxx (keep this marker; add rules below it)
    inline_ignore_pragma,
    yum_cache_not_cleaned,
    yum_package_unpinned,
    zypper_missing_yes,
    zypper_dist_upgrade,
    zypper_cache_not_cleaned,
    zypper_package_unpinned,
    dnf_missing_yes,
    dnf_cache_not_cleaned,
    dnf_package_unpinned,
    pip_cache_not_disabled,
    onbuild_forbidden_trigger,
    env_self_reference,
    copy_relative_without_workdir,
    useradd_without_no_log_init,
    wget_without_progress,
    invalid_label_key,
    label_missing,
    label_not_in_schema,
    label_empty,
    label_invalid_url,
    label_invalid_rfc3339,
    label_invalid_spdx,
    label_invalid_hash,
    label_invalid_semver,
    missing_healthcheck,
    label_invalid_email,
    consecutive_run,
    yarn_cache_not_cleaned,
    instruction_before_from,
    go_package_unpinned,
    reserved_stage_name,
    redundant_target_platform,
    non_numeric_user,
    copy_entire_filesystem,
    wget_and_curl,
    multiple_cmd,
    multiple_entrypoint,
    ln_bin_sh,
    // -- Docker build checks (keep this marker; add rules below it)
    stage_name_casing,
    no_empty_continuation,
    undefined_arg_in_from,
    undefined_var,
    invalid_default_arg_in_from,
    from_platform_flag_const_disallowed,
    copy_ignored_file,
    invalid_definition_description,
    expose_proto_casing,
    expose_invalid_format,
    // -- security checks DC2xxx (keep this marker; add rules below it)
    exposed_ssh_port,
    package_index_update_alone,
    dist_upgrade,
    workdir_system_directory,
    secret_in_arg_or_env,
    tls_verification_disabled,
    signature_verification_disabled,
    chpasswd_in_run,
    remote_script_piped_to_shell,
    docker_socket_mounted,
    add_url_without_checksum,
    // -- image-security practices DC1xxx (keep this marker; add rules below it)
    unofficial_base_image,
    non_minimal_base_image,
    base_image_not_digest_pinned,
    end_of_life_base_image,
    missing_user,
    // -- steps that cannot work DC3xxx, from the image model (keep this marker; add rules below it)
    command_not_in_image,
    install_without_package_lists,
    privileged_step_as_non_root,
    shell_step_without_shell,
}

/// Every rule, in the order they are declared.
pub fn rules() -> &'static [&'static RuleMeta] {
    RULES
}

/// The rule a code, kebab name or alias names.
pub fn find(id: &str) -> Option<&'static RuleMeta> {
    RULES.iter().copied().find(|r| r.matches(id))
}

/// The level a rule runs at under `settings`.
pub fn level(meta: &RuleMeta, settings: &Settings) -> Level {
    if settings.ignored.iter().any(|id| meta.matches(id)) {
        return Level::Off;
    }
    for (id, level) in &settings.overrides {
        if meta.matches(id) {
            return *level;
        }
    }
    if meta.default_enabled {
        Level::On(meta.severity)
    } else {
        Level::Off
    }
}

/// What an `ONBUILD` instruction is in a [`Checker::walk`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Onbuild {
    /// Its trigger: `ONBUILD RUN x` is walked as `RUN x` (at the ONBUILD's index).
    Trigger,
    /// Left out: the rule checks only what this image's own build runs, as hadolint
    /// does for most rules.
    Skip,
    /// The `ONBUILD` instruction itself (kind `Onbuild`): for rules about how
    /// instructions are written (casing, continuations, order) and rules whose state
    /// an ONBUILD in between must reset.
    AsWritten,
}

/// What rules see: the parse, the model, the settings, and the RUN scripts parsed once.
pub(crate) struct Checker<'a> {
    pub parsed: &'a Parsed,
    pub model: Model,
    pub settings: &'a Settings,
    scripts: Vec<OnceCell<Option<Script>>>,
    /// RUNs of non-POSIX stages (PowerShell, cmd) read as POSIX shell, for the rules
    /// whose commands read the same in any shell (`npm install -g x`, `pip install x`).
    foreign_scripts: Vec<OnceCell<Option<Script>>>,
    image: OnceCell<crate::image::ImageModel>,
    stage_facts: OnceCell<Vec<Option<crate::image::BaseFacts>>>,
    diagnostics: RefCell<Vec<Diagnostic>>,
}

impl<'a> Checker<'a> {
    fn new(parsed: &'a Parsed, settings: &'a Settings) -> Self {
        Checker {
            parsed,
            model: Model::new(parsed),
            settings,
            scripts: (0..parsed.instructions.len())
                .map(|_| OnceCell::new())
                .collect(),
            foreign_scripts: (0..parsed.instructions.len())
                .map(|_| OnceCell::new())
                .collect(),
            image: OnceCell::new(),
            stage_facts: OnceCell::new(),
            diagnostics: RefCell::new(Vec::new()),
        }
    }

    fn enabled(&self, meta: &RuleMeta) -> bool {
        level(meta, self.settings) != Level::Off
    }

    pub fn text(&self) -> &'a str {
        self.parsed.text()
    }

    /// Every instruction with its index, in file order; `onbuild` says what an `ONBUILD`
    /// instruction is in this walk. The one way rules walk instructions, so that each rule
    /// states its choice.
    pub fn walk(&self, onbuild: Onbuild) -> impl Iterator<Item = (usize, &'a Instruction)> + 'a {
        self.parsed
            .instructions
            .iter()
            .enumerate()
            .filter_map(move |(i, ins)| match onbuild {
                Onbuild::Trigger => Some((i, ins.effective())),
                Onbuild::Skip if ins.kind == InstructionKind::Onbuild => None,
                Onbuild::Skip | Onbuild::AsWritten => Some((i, ins)),
            })
    }

    /// The line ending the file uses (for fixes that add lines).
    pub fn line_ending(&self) -> &'static str {
        let text = self.text();
        match text.find('\n') {
            Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => "\r\n",
            _ => "\n",
        }
    }

    /// The shell script of RUN instruction `index` (ONBUILD RUN included), parsed once.
    /// `None` for exec-form RUNs, non-POSIX shells and instructions that are not RUN.
    pub fn script(&self, index: usize) -> Option<&Script> {
        let cell = self.scripts.get(index)?;
        cell.get_or_init(|| {
            if self.model.state(index).is_some_and(|s| s.non_posix) {
                return None;
            }
            self.parse_run(index)
        })
        .as_ref()
    }

    /// The image-state model of the file (`crate::image`), built on first use, once.
    /// What the knowledge tables say about the base image of stage `stage`'s `FROM`
    /// chain (`None`: unknown), looked up once per stage and lint.
    pub fn stage_base_facts(&self, stage: usize) -> Option<crate::image::BaseFacts> {
        self.stage_facts
            .get_or_init(|| {
                let stages = &self.model.stages;
                stages
                    .iter()
                    .map(|s| {
                        let root = stages.get(s.root)?;
                        crate::image::base_facts(root.image.as_ref()?)
                    })
                    .collect()
            })
            .get(stage)
            .copied()
            .flatten()
    }

    pub fn image(&self) -> &crate::image::ImageModel {
        self.image.get_or_init(|| {
            crate::image::ImageModel::new(self.parsed, &self.model, &|i| self.script(i))
        })
    }

    /// Parses the shell script of RUN instruction `index` (ONBUILD RUN included), whatever
    /// the stage's shell; `None` for exec-form RUNs and instructions that are not RUN.
    fn parse_run(&self, index: usize) -> Option<Script> {
        let ins = self.parsed.instructions.get(index)?.effective();
        if ins.kind != InstructionKind::Run {
            return None;
        }
        let (text, map) = shell_source(self.parsed, ins)?;
        Some(shell::parse(&text, &map))
    }

    /// Every simple command of every RUN script (ONBUILD RUN included), in file order.
    pub fn run_commands(&self) -> impl Iterator<Item = &Command> + '_ {
        self.walk(Onbuild::Trigger)
            .filter_map(|(index, _)| self.script(index))
            .flat_map(|script| script.commands.iter())
    }

    /// Like [`Checker::script`], but a RUN of a non-POSIX stage (PowerShell, cmd) is read
    /// as a POSIX shell script too, as hadolint reads every RUN. Good enough for simple
    /// commands that read the same in any shell (`npm install -g x`, `pip install x`);
    /// rules about shell syntax (pipes, `cd`, quoting) use [`Checker::script`].
    pub fn script_any_shell(&self, index: usize) -> Option<&Script> {
        if !self.model.state(index).is_some_and(|s| s.non_posix) {
            return self.script(index);
        }
        let cell = self.foreign_scripts.get(index)?;
        cell.get_or_init(|| self.parse_run(index)).as_ref()
    }

    /// Every simple command of every RUN, non-POSIX stages included (see
    /// [`Checker::script_any_shell`]), in file order.
    pub fn run_commands_any_shell(&self) -> impl Iterator<Item = &Command> + '_ {
        self.walk(Onbuild::Trigger)
            .filter_map(|(index, _)| self.script_any_shell(index))
            .flat_map(|script| script.commands.iter())
    }

    /// Reports a finding. The returned guard adds it when dropped, so the caller can
    /// attach a fix (`c.report(..).fix = Some(fix)`) or narrow its aliases first.
    pub fn report(
        &self,
        meta: &'static RuleMeta,
        range: TextRange,
        message: impl Into<String>,
    ) -> Report<'_, 'a> {
        Report {
            checker: self,
            diagnostic: Some(Diagnostic {
                meta,
                aliases: meta.aliases,
                severity: meta.severity,
                message: message.into(),
                range,
                fix: None,
            }),
        }
    }

    pub fn report_with_fix(
        &self,
        meta: &'static RuleMeta,
        range: TextRange,
        message: impl Into<String>,
        fix: Option<Fix>,
    ) {
        self.report(meta, range, message).fix = fix;
    }
}

/// A finding being reported: dereferences to the [`Diagnostic`] and hands it to the
/// checker when dropped.
pub(crate) struct Report<'c, 'a> {
    checker: &'c Checker<'a>,
    diagnostic: Option<Diagnostic>,
}

impl std::ops::Deref for Report<'_, '_> {
    type Target = Diagnostic;

    fn deref(&self) -> &Diagnostic {
        // Always `Some` until dropped.
        self.diagnostic.as_ref().unwrap_or_else(|| unreachable!())
    }
}

impl std::ops::DerefMut for Report<'_, '_> {
    fn deref_mut(&mut self) -> &mut Diagnostic {
        self.diagnostic.as_mut().unwrap_or_else(|| unreachable!())
    }
}

impl Drop for Report<'_, '_> {
    fn drop(&mut self) {
        if let Some(diagnostic) = self.diagnostic.take() {
            self.checker.diagnostics.borrow_mut().push(diagnostic);
        }
    }
}

/// The image model of a parse on its own (no settings matter to it), built from the same
/// model and RUN scripts a lint uses.
pub(crate) fn image_model(parsed: &Parsed) -> crate::image::ImageModel {
    let settings = Settings::default();
    let checker = Checker::new(parsed, &settings);
    checker.image();
    checker.image.into_inner().unwrap_or_default()
}

/// The text a RUN hands to `/bin/sh -c`, with a map back to the file: the shell-form
/// arguments, then each heredoc's body and terminator (as a shell reads a heredoc).
/// A RUN whose heredoc is its script (see [`script_heredoc`]) runs that body instead.
pub(crate) fn shell_source(parsed: &Parsed, ins: &Instruction) -> Option<(String, OffsetMap)> {
    let Args::Command(CommandForm::Shell(span)) = &ins.args else {
        return None;
    };
    let text = parsed.text();
    match script_heredoc(parsed, ins) {
        Some(HeredocScript::Shell(doc)) => {
            let body = doc.body.slice(text);
            return Some((
                body.to_string(),
                OffsetMap::contiguous(doc.body.start(), body.len()),
            ));
        }
        Some(HeredocScript::Other) => return None,
        None => {}
    }
    // The logical arguments (continuations removed) mapped through the instruction's map.
    let mut source = span.text.clone();
    let mut map = OffsetMap::contiguous(ins.logical_args.start(), span.text.len()).then(&ins.map);
    for doc in &ins.heredocs {
        source.push('\n');
        map.push(source.len(), doc.body.start());
        let tail = TextRange::new(doc.body.start(), doc.terminator.end());
        source.push_str(tail.slice(text));
    }
    map.set_len(source.len());
    Some((source, map))
}

/// What runs the body of a RUN's only heredoc, when the heredoc is the script.
pub(crate) enum HeredocScript<'p> {
    /// A POSIX shell: `RUN <<EOT` (no shebang, or a shell's), or the heredoc fed to a
    /// shell named after the marker, `RUN <<EOT bash`, `<<EOT sh -ex`, `<<EOT /bin/bash`.
    Shell(&'p crate::syntax::Heredoc),
    /// Another program (`RUN <<EOT python3`, a `#!/usr/bin/env python3` shebang).
    Other,
}

/// The shells whose script a heredoc can be (`RUN <<EOT bash`).
const POSIX_SHELLS: &[&str] = &["sh", "bash", "ash", "dash", "zsh", "ksh"];

/// How the body of a RUN's single heredoc runs, when the RUN is the marker alone
/// (`RUN <<EOT`) or the marker followed by the program that reads it (`RUN <<EOT bash
/// -ex`). `None` for other RUNs (`RUN cat <<EOT > f`, `RUN bash <<EOT`), whose heredoc
/// is data on a command's standard input, as hadolint reads them too.
pub(crate) fn script_heredoc<'p>(
    parsed: &'p Parsed,
    ins: &'p Instruction,
) -> Option<HeredocScript<'p>> {
    let Args::Command(CommandForm::Shell(span)) = &ins.args else {
        return None;
    };
    let [doc] = ins.heredocs.as_slice() else {
        return None;
    };
    let text = parsed.text();
    let marker = doc.marker.slice(text).trim();
    let mut words = span.text.split_whitespace();
    if words.next() != Some(marker) {
        return None;
    }
    let body = doc.body.slice(text);
    let Some(program) = words.next() else {
        // Ex) RUN <<EOT   (the body is the script, unless its shebang names another program)
        if let Some(first) = body.lines().next().filter(|l| l.starts_with("#!")) {
            let shell = POSIX_SHELLS.iter().any(|s| first.ends_with(s));
            return Some(if shell {
                HeredocScript::Shell(doc)
            } else {
                HeredocScript::Other
            });
        }
        return Some(HeredocScript::Shell(doc));
    };
    // Ex) RUN <<EOT bash -ex   /   RUN <<EOT /bin/sh -o pipefail
    let base = program.rsplit('/').next().unwrap_or(program);
    let options_only = {
        let mut takes_value = false;
        words.all(|w| {
            let ok = takes_value || w.starts_with('-');
            takes_value = w == "-o" || w == "+o";
            ok
        })
    };
    Some(if POSIX_SHELLS.contains(&base) && options_only {
        HeredocScript::Shell(doc)
    } else {
        HeredocScript::Other
    })
}

/// Runs every enabled rule and applies severity overrides and suppressions.
pub(crate) fn run(parsed: &Parsed, settings: &Settings) -> Vec<Diagnostic> {
    let checker = Checker::new(parsed, settings);
    if checker.enabled(&syntax_error::META) {
        syntax_error::check(&checker);
    }
    run_rules(&checker);
    let suppressions = crate::suppress::Suppressions::new(parsed, &checker.model, settings);
    let mut out: Vec<Diagnostic> = checker
        .diagnostics
        .into_inner()
        .into_iter()
        .filter_map(|mut d| {
            match level(d.meta, settings) {
                Level::Off => return None,
                // A rule may report below its default severity (DC1004: info for a
                // build stage); only a level the user changed replaces it.
                Level::On(severity) if severity != d.meta.severity => d.severity = severity,
                Level::On(_) => {}
            }
            if d.meta != &syntax_error::META && suppressions.suppressed(&d) {
                return None;
            }
            Some(d)
        })
        .collect();
    crate::collections::sort_stable(&mut out, |d| {
        (
            d.range.start as usize,
            d.range.end as usize,
            crate::collections::code_key(d.code()),
        )
    });
    out.dedup_by(|a, b| a.meta == b.meta && a.range == b.range && a.message == b.message);
    out
}

#[cfg(test)]
mod tests;
