//! `dockcoach lint`: read the inputs, lint or fix them, report, and pick the exit code.

use crate::args::LintArgs;
use crate::discover::{self, Input, Source, io_message};
use crate::fixing;
use crate::output::{self, Context, FileReport, style};
use dockcoach_core::{Applicability, FailOn, FixResult, Settings, config};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// Exit codes.
pub const EXIT_OK: i32 = 0;
pub const EXIT_FINDINGS: i32 = 1;
pub const EXIT_ERROR: i32 = 2;

/// Inputs whose first 8 KiB hold a NUL byte are binary, not Dockerfiles.
const BINARY_SNIFF_LEN: usize = 8 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Action {
    Check,
    Fix,
    Diff,
}

/// The state of one run: what went wrong and what to print.
struct Run<'a> {
    settings: &'a Settings,
    action: Action,
    fix_mode: Applicability,
    /// An input could not be read or written: exit 2.
    failed: bool,
    /// `--diff`: some file would change.
    changed: bool,
    reports: Vec<FileReport>,
    /// `--fix` on standard input prints the fixed text to stdout.
    stdin_output: Option<Vec<u8>>,
    stdin_bytes: Option<Vec<u8>>,
    diffs: String,
}

pub fn run(args: &LintArgs) -> i32 {
    let mut settings = match load_config(args) {
        Ok(settings) => settings,
        Err(line) => {
            eprintln!("dockcoach: {line}");
            return EXIT_ERROR;
        }
    };
    apply_flags(&mut settings, args);
    let fix_mode = if args.unsafe_fixes {
        Applicability::Unsafe
    } else if args.no_unsafe_fixes {
        Applicability::Safe
    } else {
        settings.fix_mode.unwrap_or(Applicability::Safe)
    };
    let action = if args.diff {
        Action::Diff
    } else if args.fix {
        Action::Fix
    } else {
        Action::Check
    };

    let (inputs, errors) = discover::inputs(&args.paths, args.stdin_filename.as_deref());
    let mut run = Run {
        settings: &settings,
        action,
        fix_mode,
        failed: !errors.is_empty(),
        changed: false,
        reports: Vec::new(),
        stdin_output: None,
        stdin_bytes: None,
        diffs: String::new(),
    };
    for error in &errors {
        eprintln!("dockcoach: {}: {}", error.path, error.message);
    }
    let parallel = action == Action::Check
        && inputs.len() > 1
        && inputs.iter().all(|input| input.source != Source::Stdin);
    if parallel {
        // Linting is pure, so the files are shared out among threads; the results are put
        // back in input order, so the report and the error lines are the same as with one.
        let results = parallel_map(&inputs, jobs(args.jobs), |input| {
            read_and_check(&settings, input)
        });
        for (input, result) in inputs.iter().zip(results) {
            match result {
                Ok(report) => run.reports.push(report),
                Err(message) => run.error(&input.display, &message),
            }
        }
    } else {
        for input in &inputs {
            run.process(input);
        }
    }

    let mut stdout = io::stdout().lock();
    let written = match action {
        Action::Diff => stdout.write_all(run.diffs.as_bytes()),
        Action::Check | Action::Fix => {
            // With `--fix -` the fixed text owns stdout, so the report goes to stderr.
            let to_stderr = run.stdin_output.is_some();
            let color = if to_stderr {
                style::stderr_color(args.no_color)
            } else {
                style::stdout_color(args.no_color)
            };
            let rules_url = args.rules_url.as_deref().or(settings.rules_url.as_deref());
            let context = Context {
                color,
                fix_mode,
                rules_url: dockcoach_core::links::rules_base(rules_url),
            };
            if let Some(text) = &run.stdin_output {
                let report =
                    output::render(args.format, &run.reports, context, &mut io::stderr().lock());
                report.and_then(|()| stdout.write_all(text))
            } else {
                output::render(args.format, &run.reports, context, &mut stdout)
            }
        }
    };
    if let Err(err) = written.and_then(|()| stdout.flush()) {
        // A closed pipe (`dockcoach lint | head`) is not worth a message.
        if err.kind() != io::ErrorKind::BrokenPipe {
            eprintln!(
                "dockcoach: could not write the report: {}",
                io_message(&err)
            );
            return EXIT_ERROR;
        }
    }

    if run.failed {
        return EXIT_ERROR;
    }
    if action == Action::Diff {
        return if run.changed { EXIT_FINDINGS } else { EXIT_OK };
    }
    let fail_on = settings.fail_on.unwrap_or_default();
    if fail_on.fails(run.reports.iter().flat_map(|r| &r.diagnostics)) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

/// How many threads lint: `--jobs`, else `DOCKCOACH_JOBS`, else one per core.
fn jobs(flag: Option<usize>) -> usize {
    flag.or_else(|| std::env::var("DOCKCOACH_JOBS").ok()?.trim().parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
}

/// `f` over `items` on up to `jobs` threads (a shared counter hands out the next item),
/// the results in the order of `items`.
fn parallel_map<T, R, F>(items: &[T], jobs: usize, f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync,
{
    let jobs = jobs.clamp(1, items.len().max(1));
    if jobs == 1 {
        return items.iter().map(&f).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..jobs)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        mine.push((i, f(item)));
                    }
                    mine
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| match worker.join() {
                Ok(mine) => mine,
                // A panic in a worker is a bug; let it surface as it would on one thread.
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    });
    done.sort_unstable_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

/// Reads and lints one file; the error is the message to print after its path.
fn read_and_check(settings: &Settings, input: &Input) -> Result<FileReport, String> {
    let bytes = match &input.source {
        Source::File(path) => std::fs::read(path).map_err(|err| io_message(&err))?,
        Source::Stdin => return Err("standard input cannot be linted in parallel".into()),
    };
    if is_binary(&bytes) {
        return Err(BINARY_MESSAGE.to_string());
    }
    Ok(check_bytes(settings, input, &bytes))
}

const BINARY_MESSAGE: &str = "binary file (a NUL byte in the first 8 KiB), not linted";

fn is_binary(bytes: &[u8]) -> bool {
    bytes.get(..BINARY_SNIFF_LEN).unwrap_or(bytes).contains(&0)
}

fn check_bytes(settings: &Settings, input: &Input, bytes: &[u8]) -> FileReport {
    let parsed = dockcoach_core::syntax::parse_bytes(bytes);
    let settings = settings_for(settings, input);
    let diagnostics = dockcoach_core::lint(&parsed, &settings);
    FileReport::new(
        input.display.clone(),
        parsed.text().to_string(),
        diagnostics,
    )
}

impl Run<'_> {
    fn process(&mut self, input: &Input) {
        let bytes = match self.read(input) {
            Ok(bytes) => bytes,
            Err(err) => {
                self.error(&input.display, &io_message(&err));
                return;
            }
        };
        if is_binary(&bytes) {
            self.error(&input.display, BINARY_MESSAGE);
            return;
        }
        match self.action {
            Action::Check => self.check(input, &bytes),
            Action::Fix | Action::Diff => self.fix(input, &bytes),
        }
    }

    fn read(&mut self, input: &Input) -> io::Result<Vec<u8>> {
        match &input.source {
            Source::File(path) => std::fs::read(path),
            Source::Stdin => {
                if let Some(bytes) = &self.stdin_bytes {
                    return Ok(bytes.clone());
                }
                let mut bytes = Vec::new();
                io::stdin().lock().read_to_end(&mut bytes)?;
                self.stdin_bytes = Some(bytes.clone());
                Ok(bytes)
            }
        }
    }

    fn error(&mut self, path: &str, message: &str) {
        eprintln!("dockcoach: {path}: {message}");
        self.failed = true;
    }

    fn check(&mut self, input: &Input, bytes: &[u8]) {
        let report = check_bytes(self.settings, input, bytes);
        self.reports.push(report);
    }

    fn fix(&mut self, input: &Input, bytes: &[u8]) {
        let is_stdin = input.source == Source::Stdin;
        let Ok(text) = std::str::from_utf8(bytes) else {
            eprintln!(
                "dockcoach: {}: not fixed: the file is not valid UTF-8 (fix its encoding first)",
                input.display
            );
            if is_stdin && self.action == Action::Fix {
                self.stdin_output = Some(bytes.to_vec());
            }
            self.check(input, bytes);
            return;
        };
        let settings = settings_for(self.settings, input);
        let result = dockcoach_core::fix(text, &settings, self.fix_mode);
        let verdict = judge(text, &result);
        if self.action == Action::Diff {
            match verdict {
                Verdict::Changed => {
                    self.diffs.push_str(&fixing::unified_diff(
                        &input.display,
                        text,
                        &result.output,
                    ));
                    self.changed = true;
                    eprintln!(
                        "would fix {} in {}",
                        findings(result.fixed.len()),
                        input.display
                    );
                }
                Verdict::Unchanged => {}
                Verdict::Refused(reason) => {
                    eprintln!("dockcoach: {}: not fixed: {reason}", input.display);
                }
            }
            return;
        }
        match verdict {
            Verdict::Unchanged => {
                if is_stdin {
                    self.stdin_output = Some(bytes.to_vec());
                }
                self.reports.push(FileReport::new(
                    input.display.clone(),
                    result.output,
                    result.remaining,
                ));
            }
            Verdict::Refused(reason) => {
                eprintln!("dockcoach: {}: not fixed: {reason}", input.display);
                if is_stdin {
                    self.stdin_output = Some(bytes.to_vec());
                }
                self.check(input, bytes);
            }
            Verdict::Changed => {
                if let Source::File(path) = &input.source {
                    if let Err(err) = fixing::write_atomically(path, result.output.as_bytes()) {
                        self.error(
                            &input.display,
                            &format!("could not write the fixed file: {}", io_message(&err)),
                        );
                        self.check(input, bytes);
                        return;
                    }
                } else {
                    self.stdin_output = Some(result.output.as_bytes().to_vec());
                }
                eprintln!(
                    "fixed {} in {}",
                    findings(result.fixed.len()),
                    input.display
                );
                self.reports.push(FileReport::new(
                    input.display.clone(),
                    result.output,
                    result.remaining,
                ));
            }
        }
    }
}

/// The settings for one input: the shared ones plus the `.dockerignore` that applies to
/// it, as BuildKit picks it: `<Dockerfile>.dockerignore` first, else the
/// `.dockerignore` in the Dockerfile's directory (the usual build context).
fn settings_for<'s>(settings: &'s Settings, input: &Input) -> std::borrow::Cow<'s, Settings> {
    let Source::File(path) = &input.source else {
        return std::borrow::Cow::Borrowed(settings);
    };
    let mut own = path.as_os_str().to_owned();
    own.push(".dockerignore");
    let beside = path.parent().map_or_else(
        || PathBuf::from(".dockerignore"),
        |dir| dir.join(".dockerignore"),
    );
    let text = std::fs::read_to_string(PathBuf::from(own))
        .or_else(|_| std::fs::read_to_string(beside))
        .ok();
    match text {
        Some(text) => {
            let mut owned = settings.clone();
            owned.dockerignore = Some(text);
            std::borrow::Cow::Owned(owned)
        }
        None => std::borrow::Cow::Borrowed(settings),
    }
}

enum Verdict {
    Changed,
    Unchanged,
    Refused(String),
}

/// Whether a fix result may be written. Never a text the fixer flagged, and never one
/// with more syntax errors than the original (checked here again, belt and braces).
fn judge(text: &str, result: &FixResult) -> Verdict {
    if let Some(error) = &result.error {
        return Verdict::Refused(format!(
            "a fix would have broken the file, so nothing was changed ({error}); please report this bug"
        ));
    }
    if result.output == text {
        return Verdict::Unchanged;
    }
    let before = dockcoach_core::parse(text).errors.len();
    let after = dockcoach_core::parse(&result.output).errors.len();
    if after > before {
        return Verdict::Refused(
            "the fixed text would have more syntax errors than the original, so nothing was \
             changed; please report this bug"
                .to_string(),
        );
    }
    Verdict::Changed
}

fn findings(n: usize) -> String {
    if n == 1 {
        "1 finding".to_string()
    } else {
        format!("{n} findings")
    }
}

/// Reads the config file: `--config`, else the nearest one found from the current
/// directory up. Errors come back as the line to print after `dockcoach: `.
fn load_config(args: &LintArgs) -> Result<Settings, String> {
    if args.no_config {
        return Ok(Settings::default());
    }
    let (path, shown) = match &args.config {
        Some(path) => (path.clone(), path.to_string_lossy().into_owned()),
        None => {
            let cwd = std::env::current_dir().map_err(|err| {
                format!("cannot read the current directory: {}", io_message(&err))
            })?;
            match discover::find_config(&cwd) {
                Some(path) => {
                    let shown = shown_path(&cwd, &path);
                    (path, shown)
                }
                None => return Ok(Settings::default()),
            }
        }
    };
    let text = std::fs::read_to_string(&path).map_err(|err| {
        let why = match err.kind() {
            io::ErrorKind::InvalidData => "the file is not valid UTF-8".to_string(),
            _ => io_message(&err),
        };
        format!("{shown}: {why}")
    })?;
    parse_config(&path, &text).map_err(|err| format!("{shown}: {err}"))
}

/// The rules URL for `explain` and `rules`: the flag, else the `rules-url` of the config
/// file that `lint` would use (a config that cannot be read is `lint`'s to report).
pub fn rules_url_for(flag: Option<&str>) -> String {
    if let Some(url) = flag {
        return dockcoach_core::links::rules_base(Some(url)).to_string();
    }
    let configured = std::env::current_dir()
        .ok()
        .and_then(|cwd| discover::find_config(&cwd))
        .and_then(|path| {
            let text = std::fs::read_to_string(&path).ok()?;
            parse_config(&path, &text).ok()?.rules_url
        });
    dockcoach_core::links::rules_base(configured.as_deref()).to_string()
}

/// `.yaml`/`.yml` files are hadolint's format; anything else is `dockcoach.toml`.
pub fn parse_config(path: &Path, text: &str) -> Result<Settings, config::ConfigError> {
    let is_yaml = path
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("yaml") || ext.eq_ignore_ascii_case("yml"));
    if is_yaml {
        config::parse_hadolint_yaml(text)
    } else {
        config::parse_dockcoach_toml(text)
    }
}

fn shown_path(cwd: &Path, path: &Path) -> String {
    let shown: PathBuf = path
        .strip_prefix(cwd)
        .map_or_else(|_| path.to_path_buf(), Path::to_path_buf);
    shown.to_string_lossy().into_owned()
}

/// Flags win over the config file; list flags add to its lists.
fn apply_flags(settings: &mut Settings, args: &LintArgs) {
    for rule in &args.ignore {
        if !settings.ignored.contains(rule) {
            settings.ignored.push(rule.clone());
        }
    }
    if let Some(threshold) = args.failure_threshold {
        settings.fail_on = Some(threshold.into());
    }
    if args.no_fail {
        settings.fail_on = Some(FailOn::Never);
    }
    if let Some(today) = args.today {
        settings.today = Some(today);
    }
    for registry in &args.trusted_registry {
        let registry = registry.trim();
        if !registry.is_empty() && !settings.trusted_registries.iter().any(|r| r == registry) {
            settings.trusted_registries.push(registry.to_string());
        }
    }
}
