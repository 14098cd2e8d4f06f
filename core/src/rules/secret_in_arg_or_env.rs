use super::{Checker, Onbuild};
use crate::syntax::{Args, InstructionKind};

declare_rule! {
    /// ## What it does
    /// Checks for `ARG` and `ENV` names that look like secrets (`GITHUB_TOKEN`,
    /// `DB_PASSWORD`, `API_KEY`...), `COPY` of a credentials file named by a
    /// well-known variable (`$GOOGLE_APPLICATION_CREDENTIALS`), and `RUN` commands that
    /// store cloud credentials (`aws configure set aws_secret_access_key`) without a
    /// secret mount.
    ///
    /// ## Why is this bad?
    /// `ENV` values are part of the image configuration and `ARG` values are recorded in
    /// the image history: anyone who can pull the image can read them with
    /// `docker history` or `docker inspect`. Pass secrets to the build with
    /// `RUN --mount=type=secret` and to the container at run time.
    ///
    /// A name is reported when hadolint's `DL3064` reports it (a list of well-known
    /// names, or `password`, `secret`, `token`, `api_key`, `client_key`, `private`,
    /// `username` anywhere in it), when BuildKit's `SecretsUsedInArgOrEnv` reports it (a
    /// `_`-separated word `key`, `auth`, `password`, `passwd`, `pword`, `secret`, `token`,
    /// `apikey`, `credential(s)`, unless the name also has `public`, `file`, `version`,
    /// `gpg`, `path`, `dir`, `url`, `id` or `config`, or is a .NET configuration path
    /// with `__`), or when it is one of Trivy's well-known
    /// secret variables (`AWS_SECRET_ACCESS_KEY`, `AZURE_CLIENT_SECRET`, `HF_TOKEN`...,
    /// also behind a `VITE_` or `REACT_APP_` prefix).
    ///
    /// Keys that are public by design are let through: a reCAPTCHA `SITE_KEY`, a Stripe
    /// `PUBLISHABLE_KEY`, a `PUBLIC_KEY`; so are switches such as
    /// `USE_GKE_GCLOUD_AUTH_PLUGIN` (`auth` there names a plugin, not a credential).
    /// A placeholder value (`ENV SECRET_KEY=changeme`) is still reported, as hadolint
    /// reports it: the name says a secret goes there, and the next build that passes the
    /// real one with `--build-arg` or edits the line stores it in the image.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22
    /// ARG NPM_TOKEN
    /// RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM node:22
    /// RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci
    /// ```
    ///
    /// ## Deviations from hadolint
    /// hadolint looks for a fixed list of names and substrings; dockcoach also reports
    /// what BuildKit reports, so `ENV LICENSE_KEY=lgNv...`, `ENV SIGNING_KEY=...` or
    /// `ARG GITHUB_AUTH` are found too (hadolint misses them: none of these names
    /// contains one of its substrings):
    ///
    /// ```dockerfile
    /// ENV LICENSE_KEY lgNvGyhnUKpa5PJi
    /// ```
    ///
    /// It also
    /// reports `COPY $GOOGLE_APPLICATION_CREDENTIALS ...` and credential set-up commands
    /// in `RUN`, as Trivy does.
    ///
    /// ## References
    /// - [Docker docs: build secrets](https://docs.docker.com/build/building/secrets/)
    /// - [Docker build checks: SecretsUsedInArgOrEnv](https://docs.docker.com/go/dockerfile/rule/secrets-used-in-arg-or-env/)
    /// - hadolint `DL3064`, Trivy `DS-0031`
    pub static META = {
        code: "DL3064",
        name: "secret-in-arg-or-env",
        aliases: ["SecretsUsedInArgOrEnv", "DS-0031", "DS031", "AVD-DS-0031"],
        severity: Warning,
        category: Security,
        fix: None,
    }
}

/// hadolint's list of well-known secret names.
const HADOLINT_NAMES: &[&str] = &[
    "ACCESS_TOKEN",
    "APPLICATION_KEY",
    "APP_SECRET",
    "AUTH_TOKEN",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "BITTREX_API_KEY",
    "BITTREX_API_SECRET",
    "CF_PASSWORD",
    "CF_USERNAME",
    "CIRCLE_TOKEN",
    "CI_DEPLOY_PASSWORD",
    "CI_DEPLOY_USER",
    "DOCKERHUB_PASSWORD",
    "DOCKER_EMAIL",
    "DOCKER_PASSWORD",
    "DOCKER_USERNAME",
    "FACEBOOK_ACCESS_TOKEN",
    "FACEBOOK_APP_ID",
    "FACEBOOK_APP_SECRET",
    "FIREBASE_API_TOKEN",
    "FIREBASE_TOKEN",
    "FOSSA_API_KEY",
    "GH_ENTERPRISE_TOKEN",
    "GH_TOKEN",
    "GITHUB_ENTERPRISE_TOKEN",
    "GITHUB_TOKEN",
    "HEROKU_API_KEY",
    "HEROKU_API_USER",
    "NPM_AUTH_TOKEN",
    "NPM_TOKEN",
    "OKTA_AUTHN_GROUPID",
    "OKTA_CLIENT_ORGURL",
    "OKTA_CLIENT_TOKEN",
    "OKTA_OAUTH2_CLIENTID",
    "OKTA_OAUTH2_CLIENTSECRET",
    "OPENAI_API_KEY",
    "OS_PASSWORD",
    "OS_USERNAME",
    "POSTGRES_PASSWORD",
    "SLACK_TOKEN",
    "STRIPE_API_KEY",
    "STRIPE_DEVICE_NAME",
    "TRAVIS_OS_NAME",
    "TRAVIS_SECURE_ENV_VARS",
    "TRAVIS_SUDO",
    "VAULT_CLIENT_KEY",
    "VAULT_TOKEN",
];

const HADOLINT_SUBSTRINGS: &[&str] = &[
    "api_key",
    "client_key",
    "password",
    "private",
    "secret",
    "token",
    "username",
];

const BUILDKIT_TOKENS: &[&str] = &[
    "apikey",
    "auth",
    "credential",
    "credentials",
    "key",
    "password",
    "pword",
    "passwd",
    "secret",
    "token",
];

const ALLOW_TOKENS: &[&str] = &[
    "public",
    "file",
    "version",
    "gpg",
    "path",
    "dir",
    "url",
    "id",
    "site",
    "publishable",
    "plugin",
];

/// Trivy's well-known secret variables.
const TRIVY_NAMES: &[&str] = &[
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AZURE_CLIENT_ID",
    "AZURE_CLIENT_SECRET",
    "GITHUB_TOKEN",
    "OPENAI_API_KEY",
    "HF_TOKEN",
];

/// Variables that name a credentials file.
const SECRET_FILE_VARS: &[&str] = &[
    "AWS_CONFIG_FILE",
    "HF_TOKEN_PATH",
    "GOOGLE_APPLICATION_CREDENTIALS",
];

const CREDENTIAL_COMMANDS: &[&str] = &[
    "aws configure set aws_access_key_id",
    "aws configure set aws_secret_access_key",
    "gcloud auth activate-service-account",
    "az login",
];

/// True when `name` looks like a secret to hadolint, BuildKit or Trivy.
pub(super) fn is_secret_name(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    let lower = name.to_ascii_lowercase();
    if HADOLINT_NAMES.contains(&upper.as_str())
        || HADOLINT_SUBSTRINGS.iter().any(|s| lower.contains(s))
    {
        return true;
    }
    let unprefixed = ["VITE_", "REACT_APP_"]
        .iter()
        .find_map(|p| upper.strip_prefix(p))
        .unwrap_or(&upper);
    if TRIVY_NAMES.contains(&unprefixed) {
        return true;
    }
    // .NET configuration paths (`Section__0__Key`) name settings, not secrets.
    if lower.contains("__") {
        return false;
    }
    let words: Vec<&str> = lower.split('_').collect();
    words.iter().any(|w| BUILDKIT_TOKENS.contains(w))
        && !words.iter().any(|w| ALLOW_TOKENS.contains(w))
}

pub(super) fn check(c: &Checker) {
    for (index, ins) in c.walk(Onbuild::Trigger) {
        match (ins.kind, &ins.args) {
            // Ex) ARG NPM_TOKEN  /  ENV DB_PASSWORD=x
            (InstructionKind::Arg | InstructionKind::Env, Args::Pairs(pairs)) => {
                for pair in pairs {
                    if is_secret_name(&pair.key.text) {
                        c.report(
                            &META,
                            pair.key.range,
                            format!(
                                "`{} {}` looks like a secret, and its value is stored in the image",
                                ins.kind.as_str(),
                                pair.key.text
                            ),
                        );
                    }
                }
            }
            // Ex) COPY $GOOGLE_APPLICATION_CREDENTIALS /creds.json
            (InstructionKind::Copy | InstructionKind::Add, Args::List { items, .. }) => {
                if let [src, _] = items.as_slice() {
                    let var = src
                        .text
                        .trim_start_matches('$')
                        .trim_start_matches('{')
                        .trim_end_matches('}');
                    if src.text.starts_with('$') && SECRET_FILE_VARS.contains(&var) {
                        c.report(
                            &META,
                            src.range,
                            format!("`{}` copies a credentials file into the image", src.text),
                        );
                    }
                }
            }
            // Ex) RUN aws configure set aws_secret_access_key $KEY
            (InstructionKind::Run, _) => {
                let secret_mount = ins.flags.iter().any(|f| {
                    f.name == "mount"
                        && f.value
                            .as_deref()
                            .is_some_and(|v| v.split(',').any(|p| p == "type=secret"))
                });
                if secret_mount {
                    continue;
                }
                let Some(script) = c.script(index) else {
                    continue;
                };
                for cmd in &script.commands {
                    let line = std::iter::once(cmd.name.value.as_str())
                        .chain(cmd.arg_values())
                        .collect::<Vec<_>>()
                        .join(" ");
                    if let Some(prefix) = CREDENTIAL_COMMANDS.iter().find(|p| line.starts_with(**p))
                    {
                        c.report(
                            &META,
                            cmd.range,
                            format!("`{prefix}` stores credentials in the image"),
                        );
                    }
                }
            }
            _ => {}
        }
    }
}
