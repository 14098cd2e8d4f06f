//! Comments that switch findings off, in dockcoach's own form and its peers':
//!
//! | comment | scope |
//! |---|---|
//! | `# dockcoach ignore=DL3008,no-tag` | the next instruction |
//! | `# dockcoach global ignore=...` | the whole file |
//! | `# hadolint ignore=DL3008` | the next instruction |
//! | `# hadolint global ignore=...` | the whole file |
//! | `# hadolint stage ignore=...` | the rest of the stage the comment is in |
//! | `# check=skip=A,B` (parser directive) or `skip=all` | the whole file |
//! | `# trivy:ignore:DS002` | the next instruction |
//! | `#checkov:skip=CKV_DOCKER_3:reason` | the whole file (Checkov's scope for Dockerfiles) |
//!
//! Ids may be codes, rule names or aliases, in any case. With `disable_ignore_pragma`
//! only the `# check=` directive still applies (it is part of the build's own config).

use crate::model::Model;
use crate::settings::Settings;
use crate::syntax::Parsed;
use crate::text::TextRange;

#[derive(Debug)]
struct Suppression {
    ids: Vec<String>,
    range: TextRange,
}

/// The suppressions a file declares.
#[derive(Debug, Default)]
pub struct Suppressions {
    entries: Vec<Suppression>,
}

impl Suppressions {
    pub fn new(parsed: &Parsed, model: &Model, settings: &Settings) -> Suppressions {
        let mut entries = Vec::new();
        let whole = TextRange::new(0, parsed.text().len());
        if let Some(check) = parsed.directive("check") {
            for part in check.value.split(';') {
                if let Some(list) = part.trim().strip_prefix("skip=") {
                    entries.push(Suppression {
                        ids: split_ids(list),
                        range: whole,
                    });
                }
            }
        }
        if settings.disable_ignore_pragma {
            return Suppressions { entries };
        }
        for comment in parsed.comments.iter().filter(|c| !c.inside_instruction) {
            let Some(pragma) = Pragma::read(&comment.text) else {
                continue;
            };
            let next = parsed
                .instructions
                .iter()
                .enumerate()
                .find(|(_, ins)| ins.range.start() >= comment.range.end());
            let range = match pragma.scope {
                Scope::Global => whole,
                Scope::Next => match next {
                    Some((_, ins)) => ins.range,
                    None => continue,
                },
                Scope::Stage => {
                    let end = next
                        .and_then(|(i, _)| model.stage_of(i).map(|s| s.end))
                        .and_then(|end| parsed.instructions.get(end))
                        .map_or(parsed.text().len(), |ins| ins.range.start());
                    TextRange::new(comment.range.end(), end.max(comment.range.end()))
                }
            };
            entries.push(Suppression {
                ids: pragma.ids,
                range,
            });
        }
        Suppressions { entries }
    }

    /// True when finding `d` is switched off by a comment: one naming its rule (code or
    /// name), or a peer tool's id the finding itself carries (a rule covering several
    /// Checkov checks attaches only the one each finding matches).
    pub fn suppressed(&self, d: &crate::diagnostic::Diagnostic) -> bool {
        let names = |id: &str| {
            let id = id.trim();
            id.eq_ignore_ascii_case("all")
                || d.meta.code.eq_ignore_ascii_case(id)
                || d.meta.name.eq_ignore_ascii_case(id)
                || d.aliases.iter().any(|a| a.eq_ignore_ascii_case(id))
        };
        self.entries.iter().any(|s| {
            s.range.start <= d.range.start
                && d.range.start <= s.range.end
                && s.ids.iter().any(|id| names(id))
        })
    }
}

enum Scope {
    Next,
    Stage,
    Global,
}

struct Pragma {
    scope: Scope,
    ids: Vec<String>,
}

impl Pragma {
    /// Reads the text after `#` (already trimmed).
    fn read(text: &str) -> Option<Pragma> {
        if let Some(rest) = text.strip_prefix("trivy:ignore:") {
            return Some(Pragma {
                scope: Scope::Next,
                ids: vec![rest.split_whitespace().next()?.to_string()],
            });
        }
        if let Some(rest) = text.strip_prefix("checkov:skip=") {
            let id = rest.split([':', ' ']).next()?;
            return Some(Pragma {
                scope: Scope::Global,
                ids: vec![id.to_string()],
            });
        }
        let mut words = text.split_whitespace();
        let tool = words.next()?;
        if !tool.eq_ignore_ascii_case("hadolint") && !tool.eq_ignore_ascii_case("dockcoach") {
            return None;
        }
        let mut word = words.next()?;
        let scope = match word.to_ascii_lowercase().as_str() {
            "global" => Scope::Global,
            "stage" => Scope::Stage,
            _ => Scope::Next,
        };
        if !matches!(scope, Scope::Next) {
            word = words.next()?;
        }
        let list = word.strip_prefix("ignore=")?;
        // `ignore=DL3008, DL3009` may continue after spaces following commas.
        let mut ids = list.to_string();
        for w in words {
            if ids.ends_with(',') || w.starts_with(',') {
                ids.push_str(w);
            } else {
                break;
            }
        }
        Some(Pragma {
            scope,
            ids: split_ids(&ids),
        })
    }
}

fn split_ids(list: &str) -> Vec<String> {
    list.split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::settings::Settings;
    use crate::syntax::parse_bytes;

    fn codes(text: &str) -> Vec<String> {
        let parsed = parse_bytes(text.as_bytes());
        crate::lint(&parsed, &Settings::default())
            .iter()
            .filter(|d| d.code() == "DC2005" || d.code() == "DL3006")
            .map(|d| format!("{}:{}", d.code(), parsed.line_of(d.range.start())))
            .collect()
    }

    #[test]
    fn a_peer_id_silences_only_the_findings_that_carry_it() {
        // CKV2_DOCKER_2 is Checkov's `curl -k`; the wget finding is CKV2_DOCKER_3.
        let text = "#checkov:skip=CKV2_DOCKER_2:reason\nFROM alpine:3.20\n\
                    RUN curl -k https://example.com/a -o /a\n\
                    RUN wget --no-check-certificate https://example.com/b\n";
        assert_eq!(codes(text), ["DC2005:4"]);
    }

    #[test]
    fn ckv_docker_7_silences_an_untagged_base_image() {
        assert_eq!(codes("FROM alpine\n"), ["DL3006:1"]);
        assert!(codes("#checkov:skip=CKV_DOCKER_7\nFROM alpine\n").is_empty());
    }
}
