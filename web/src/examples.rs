//! The examples menu: one Dockerfile per practice dockcoach teaches.

pub struct Example {
    pub id: &'static str,
    pub title: &'static str,
    pub text: &'static str,
    /// Shown with the "loaded" notice: what to look at.
    pub note: &'static str,
}

/// The examples menu's entry that opens the CI page (the lint-in-CI and scanning
/// practices are about the pipeline, not one Dockerfile).
pub const CI_ENTRY: (&str, &str) = ("ci", "Lint and scan in CI: a pipeline to copy");

pub const EXAMPLES: &[Example] = &[
    Example {
        id: "tour",
        title: "A tour of common mistakes",
        text: include_str!("../../examples/Dockerfile"),
        note: "Each finding links to its rule; Fix all gives the fixed file.",
    },
    Example {
        id: "official",
        title: "Official images from verified publishers",
        text: "FROM someuser/python:3.12-slim\nCOPY app.py /app/\nUSER nobody\nCMD [\"python\", \"/app/app.py\"]\n",
        note: "DC1001 flags a base image that is not an official or verified-publisher image.",
    },
    Example {
        id: "minimal",
        title: "Minimal base images",
        text: "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\nUSER nobody\nCMD [\"python\", \"app.py\"]\n",
        note: "DC1002 suggests a slim variant (an unsafe fix: check your build still works).",
    },
    Example {
        id: "pinned",
        title: "Pinned base image versions",
        text: "FROM node\nWORKDIR /app\nCOPY . .\nRUN npm ci\n\nFROM redis:latest\nCOPY --from=0 /app /app\nUSER redis\n",
        note: "DL3006 and DL3007 ask for a pinned tag; DC1003 (off by default) asks for a digest.",
    },
    Example {
        id: "eol",
        title: "Scan-worthy: end-of-life base images",
        text: "FROM python:3.7-slim\nCOPY app.py /app/\nUSER nobody\nCMD [\"python\", \"/app/app.py\"]\n",
        note: "DC1004: an end-of-life base gets no security fixes, so an image scanner keeps finding known vulnerabilities in it. The CI page builds and scans the image.",
    },
    Example {
        id: "user",
        title: "A non-root user",
        text: "FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nUSER root\nCMD node server.js\n",
        note: "DL3002: the last USER is root, so the container runs as root; Switch to an unprivileged user before CMD.",
    },
    Example {
        id: "apt",
        title: "Lean, reproducible package installs",
        text: "FROM debian:12\nRUN apt-get update && apt-get install -y curl ca-certificates\nRUN curl -fsSL https://example.invalid/install.sh | sh\nUSER nobody\n",
        note: "DL3008 asks for pinned package versions, DL3015 for no recommended extras, DL3009 for clean package lists, and DC2008 flags piping a download into a shell.",
    },
    Example {
        id: "style",
        title: "Style and deprecated syntax",
        text: "from alpine:3.20 as base\nMAINTAINER Jane <jane@example.com>\nENV APP_HOME /app\nadd app /app\nUSER nobody\n",
        note: "DL4000 (the deprecated MAINTAINER), the legacy ENV form and inconsistent casing: Fix all rewrites them.",
    },
];

/// The Dockerfile a new visitor sees.
pub fn default_text() -> &'static str {
    EXAMPLES[0].text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::analyze;
    use dockcoach_core::Settings;

    /// Rule codes named in a note (`DL3006`, `DC1004`...).
    fn codes(note: &str) -> Vec<&str> {
        note.split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| {
                w.len() == 6
                    && (w.starts_with("DL") || w.starts_with("DC"))
                    && w[2..].bytes().all(|b| b.is_ascii_digit())
            })
            .collect()
    }

    #[test]
    fn every_example_shows_what_its_note_promises() {
        let settings = Settings::default();
        for ex in EXAMPLES {
            let analysis = analyze(ex.text, &settings);
            assert!(!analysis.findings.is_empty(), "{} finds nothing", ex.id);
            for code in codes(ex.note) {
                let meta = dockcoach_core::rules().iter().find(|m| m.code == code);
                let Some(meta) = meta else {
                    panic!("{}: the note names {code}, which is not a rule", ex.id);
                };
                if !meta.default_enabled {
                    continue;
                }
                assert!(
                    analysis.findings.iter().any(|f| f.code == code),
                    "{}: the note promises {code}, which does not fire",
                    ex.id
                );
            }
        }
    }

    #[test]
    fn ids_are_unique() {
        let mut ids: Vec<_> = EXAMPLES.iter().map(|x| x.id).collect();
        ids.push(CI_ENTRY.0);
        let n = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), n);
    }
}
