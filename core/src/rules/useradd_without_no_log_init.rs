use super::helpers::StageValues;
use super::{Checker, Onbuild};
use crate::diagnostic::{Edit, Fix};
use crate::model::expand;
use crate::syntax::InstructionKind;

declare_rule! {
    /// ## What it does
    /// Checks for `useradd` with a long UID (more than five characters) and without
    /// `-l` (`--no-log-init`).
    ///
    /// ## Why is this bad?
    /// `useradd` records the new user in `/var/log/lastlog` and `/var/log/faillog`,
    /// sparse files indexed by UID. Docker's layer storage does not keep them sparse: a
    /// UID like `1000000` writes hundreds of megabytes of zeros into the image.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN useradd -u 1000000 app
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN useradd -l -u 1000000 app
    /// ```
    ///
    /// ## Fix safety
    /// The fix inserts `-l` after `useradd`. It is safe: the user is created the same way;
    /// only the lastlog and faillog entries are not initialised.
    ///
    /// ## Deviations from hadolint
    /// hadolint only reads the UID after the short `-u`; dockcoach also reads `--uid 1000000`
    /// and `--uid=1000000`, which hadolint misses:
    ///
    /// ```dockerfile
    /// RUN useradd --uid 1000000 app
    /// ```
    ///
    /// hadolint counts the characters of a variable as written (`${UID}` is six, so
    /// "long"); dockcoach reads the value an `ARG` or `ENV` gives it, and leaves a UID
    /// without a known value alone:
    ///
    /// ```dockerfile
    /// FROM debian:12
    /// ARG UID
    /// RUN useradd -u ${UID} app
    /// ```
    ///
    /// ## References
    /// - [Docker docs: USER](https://docs.docker.com/build/building/best-practices/#user)
    /// - [moby issue 5419](https://github.com/moby/moby/issues/5419)
    /// - hadolint `DL3046`
    pub static META = {
        code: "DL3046",
        name: "useradd-without-no-log-init",
        aliases: [],
        severity: Warning,
        category: Performance,
        fix: Safe,
    }
}

pub(super) fn check(c: &Checker) {
    // ARG and ENV values in scope (per stage, as in DL3020), to read `-u ${UID}`.
    let mut values = StageValues::default();
    for (index, ins) in c.walk(Onbuild::Trigger) {
        values.step(c, ins);
        if ins.kind != InstructionKind::Run {
            continue;
        }
        let Some(script) = c.script(index) else {
            continue;
        };
        for cmd in &script.commands {
            if cmd.name() != "useradd" || cmd.has_flag(&['l'], &["no-log-init"]) {
                continue;
            }
            // Ex) RUN useradd -u 1000000 app   /   useradd -ru 1000000 app   /   --uid=1000000
            let mut uid = None;
            for (i, word) in cmd.args.iter().enumerate() {
                let v = word.value.as_str();
                if let Some(value) = v.strip_prefix("--uid=") {
                    uid = Some(value.to_string());
                } else if v == "--uid"
                    || (v.starts_with('-') && !v.starts_with("--") && v.ends_with('u'))
                {
                    uid = cmd.args.get(i + 1).map(|w| w.value.clone());
                }
            }
            // Ex) useradd -u ${UID} app   (the UID's value, when an ARG or ENV gives one;
            // an unknown UID is not a long UID)
            let uid = uid.and_then(|u| {
                if u.contains('$') {
                    expand(&u, values.get())
                } else {
                    Some(u)
                }
            });
            if uid.is_some_and(|u| u.chars().count() > 5) {
                let fix = Fix::safe("Add `-l`", vec![Edit::insert(cmd.name.range.end(), " -l")]);
                c.report_with_fix(
                    &META,
                    cmd.range,
                    "`useradd` with a long UID and without `-l` writes huge lastlog and faillog files into the image",
                    Some(fix),
                );
            }
        }
    }
}
