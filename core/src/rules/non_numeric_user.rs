use super::helpers::{Declared, DeclaredVars, substitute_vars};
use super::{Checker, Onbuild};
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Checks for `USER` with a user name (or a variable) instead of a numeric UID.
    ///
    /// ## Why is this bad?
    /// A name only means something inside the image's `/etc/passwd`. Kubernetes'
    /// `runAsNonRoot` and other host-side checks cannot tell whether `USER app` is root;
    /// a numeric UID (`USER 10001`, or `USER 10001:10001`) they can verify.
    ///
    /// Only the user part is checked; a group name after `:` is fine. As in hadolint, a
    /// user taken from a build argument (`ARG UID=10001` then `USER $UID`) is not
    /// reported.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.20
    /// USER app
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// USER 10001
    /// ```
    ///
    /// ## References
    /// - [Kubernetes: runAsNonRoot](https://kubernetes.io/docs/concepts/security/pod-security-standards/)
    /// - hadolint `DL3066`
    pub static META = {
        code: "DL3066",
        name: "non-numeric-user",
        aliases: [],
        severity: Info,
        category: Security,
        fix: None,
    }
}

pub(super) fn check(c: &Checker) {
    // The ARG names declared anywhere above, as hadolint reads them.
    let mut args = DeclaredVars::new(Declared::Arg);
    for (index, ins) in c.walk(Onbuild::Skip) {
        if ins.kind != InstructionKind::User {
            continue;
        }
        let Args::Text(user) = &ins.args else {
            continue;
        };
        let uid = user.text.split(':').next().unwrap_or("");
        // A build argument may hold a UID; hadolint does not report `USER $ARG_NAME`.
        let from_arg = substitute_vars(uid, args.before(c, index), "") != uid;
        // Ex) USER app   /   USER $APP_USER   (APP_USER not an ARG)
        if !from_arg && !uid.chars().all(|ch| ch.is_ascii_digit()) {
            c.report(
                &META,
                user.range,
                format!("`USER {uid}` names a user instead of a numeric UID"),
            );
        }
    }
}
