use super::Checker;

declare_rule! {
    /// ## What it does
    /// Checks for `FROM` images from a registry that is not in `trusted-registries`.
    /// Without that setting the rule checks nothing.
    ///
    /// ## Why is this bad?
    /// Base images run with full access to everything the build and the container
    /// touch. Organisations that mirror or vet their images want every Dockerfile to
    /// pull from their own registries, and a base image from anywhere else is a supply
    /// chain risk that slips through review.
    ///
    /// Images without a registry come from Docker Hub and are trusted when `docker.io`
    /// (or `hub.docker.com`) is listed. `*.example.com` trusts every subdomain of
    /// `example.com`. Stage names and `scratch` are always fine.
    ///
    /// ## Example
    /// ```toml
    /// trusted-registries = ["registry.example.com"]
    /// ```
    ///
    /// ```dockerfile
    /// FROM quay.io/keycloak/keycloak:26.0
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM registry.example.com/keycloak/keycloak:26.0
    /// ```
    ///
    /// ## References
    /// - [hadolint: trusted registries](https://github.com/hadolint/hadolint#configure)
    /// - hadolint `DL3026`
    pub static META = {
        code: "DL3026",
        name: "untrusted-registry",
        aliases: [],
        severity: Error,
        category: Security,
        fix: None,
    }
}

fn trusted(registry: &str, allowed: &[String]) -> bool {
    allowed.iter().any(|a| {
        a == registry
            || a.strip_prefix('*')
                .is_some_and(|suffix| suffix.starts_with('.') && registry.ends_with(suffix))
    })
}

pub(super) fn check(c: &Checker) {
    let allowed = &c.settings.trusted_registries;
    if allowed.is_empty() {
        return;
    }
    for stage in &c.model.stages {
        let Some(image) = &stage.image else { continue };
        if image.is_scratch() || (image.unresolved && stage.base_text.starts_with('$')) {
            continue;
        }
        // Ex) FROM quay.io/x/y:1 with trusted-registries = ["docker.io"]
        let ok = match image.registry.as_deref() {
            None => trusted("docker.io", allowed) || trusted("hub.docker.com", allowed),
            Some(registry) => trusted(registry, allowed),
        };
        if ok {
            continue;
        }
        let registry = image.registry.as_deref().unwrap_or("docker.io");
        c.report(
            &META,
            stage.base_range,
            format!("Registry `{registry}` is not in `trusted-registries`"),
        );
    }
}
