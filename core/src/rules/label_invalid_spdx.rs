use super::Checker;
use super::helpers::check_label_type;
use crate::settings::LabelType;

declare_rule! {
    /// ## What it does
    /// Checks that labels the label schema (settings `[label-schema]`) types as `spdx`
    /// hold an SPDX license identifier (`MIT`, `Apache-2.0`, `GPL-3.0-or-later`...).
    ///
    /// ## Why is this bad?
    /// License scanners match the label against the SPDX list; a free-form value
    /// (`Apache 2`, `BSD`) cannot be matched and the image's license stays unknown.
    ///
    /// ## Example
    /// ```toml
    /// [label-schema]
    /// "org.opencontainers.image.licenses" = "spdx"
    /// ```
    ///
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.licenses="Apache 2"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.20
    /// LABEL org.opencontainers.image.licenses="Apache-2.0"
    /// ```
    ///
    /// ## Deviations from hadolint
    /// hadolint knows the whole SPDX license list; dockcoach knows the licenses in common
    /// use (about 120 identifiers) and reports a rarer identifier, such as
    /// `LABEL org.opencontainers.image.licenses="Glulxe"`, as invalid.
    ///
    /// ## References
    /// - [SPDX license list](https://spdx.org/licenses/)
    /// - hadolint `DL3054`
    pub static META = {
        code: "DL3054",
        name: "label-invalid-spdx",
        aliases: [],
        severity: Warning,
        category: Maintainability,
        fix: None,
    }
}

const LICENSES: &[&str] = &[
    "0BSD",
    "AAL",
    "AFL-1.1",
    "AFL-1.2",
    "AFL-2.0",
    "AFL-2.1",
    "AFL-3.0",
    "AGPL-1.0",
    "AGPL-3.0",
    "AGPL-3.0-only",
    "AGPL-3.0-or-later",
    "APSL-2.0",
    "Apache-1.0",
    "Apache-1.1",
    "Apache-2.0",
    "Artistic-1.0",
    "Artistic-2.0",
    "BSD-1-Clause",
    "BSD-2-Clause",
    "BSD-2-Clause-Patent",
    "BSD-3-Clause",
    "BSD-3-Clause-Clear",
    "BSD-4-Clause",
    "BSL-1.0",
    "BlueOak-1.0.0",
    "CAL-1.0",
    "CC-BY-1.0",
    "CC-BY-2.0",
    "CC-BY-2.5",
    "CC-BY-3.0",
    "CC-BY-4.0",
    "CC-BY-NC-4.0",
    "CC-BY-NC-SA-4.0",
    "CC-BY-ND-4.0",
    "CC-BY-SA-3.0",
    "CC-BY-SA-4.0",
    "CC0-1.0",
    "CDDL-1.0",
    "CDDL-1.1",
    "CECILL-2.1",
    "CPAL-1.0",
    "CPL-1.0",
    "ECL-2.0",
    "EFL-2.0",
    "EPL-1.0",
    "EPL-2.0",
    "EUPL-1.1",
    "EUPL-1.2",
    "FSFAP",
    "FTL",
    "GFDL-1.3",
    "GFDL-1.3-only",
    "GFDL-1.3-or-later",
    "GPL-1.0",
    "GPL-1.0-only",
    "GPL-1.0-or-later",
    "GPL-2.0",
    "GPL-2.0-only",
    "GPL-2.0-or-later",
    "GPL-3.0",
    "GPL-3.0-only",
    "GPL-3.0-or-later",
    "HPND",
    "ICU",
    "IJG",
    "IPA",
    "IPL-1.0",
    "ISC",
    "LGPL-2.0",
    "LGPL-2.0-only",
    "LGPL-2.0-or-later",
    "LGPL-2.1",
    "LGPL-2.1-only",
    "LGPL-2.1-or-later",
    "LGPL-3.0",
    "LGPL-3.0-only",
    "LGPL-3.0-or-later",
    "LPL-1.02",
    "LPPL-1.3c",
    "MIT",
    "MIT-0",
    "MPL-1.0",
    "MPL-1.1",
    "MPL-2.0",
    "MPL-2.0-no-copyleft-exception",
    "MS-PL",
    "MS-RL",
    "MirOS",
    "Motosoto",
    "MulanPSL-2.0",
    "NCSA",
    "NTP",
    "OFL-1.1",
    "OLDAP-2.8",
    "OSL-1.0",
    "OSL-2.0",
    "OSL-2.1",
    "OSL-3.0",
    "OpenSSL",
    "PHP-3.0",
    "PHP-3.01",
    "PostgreSQL",
    "Python-2.0",
    "QPL-1.0",
    "RPL-1.5",
    "RPSL-1.0",
    "Ruby",
    "SISSL",
    "SSPL-1.0",
    "Sleepycat",
    "UPL-1.0",
    "Unicode-DFS-2016",
    "Unicode-3.0",
    "Unlicense",
    "VSL-1.0",
    "W3C",
    "WTFPL",
    "X11",
    "Xnet",
    "ZPL-2.0",
    "ZPL-2.1",
    "Zlib",
    "curl",
    "libpng-2.0",
];

/// One identifier from the SPDX list (compared without case, as SPDX allows).
fn valid(value: &str) -> bool {
    LICENSES.iter().any(|l| l.eq_ignore_ascii_case(value))
}

pub(super) fn check(c: &Checker) {
    // Ex) LABEL org.opencontainers.image.licenses="Apache 2"
    check_label_type(
        c,
        &META,
        LabelType::Spdx,
        valid,
        "an SPDX license identifier",
    );
}
