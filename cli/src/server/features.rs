//! What the server says about a document: diagnostics, code actions, hover.

use super::{Analysis, position};
use dockcoach_core::syntax::InstructionKind;
use dockcoach_core::{
    Applicability, Diagnostic, Edit, PositionEncoding, Settings, Severity, TextRange,
};
use lsp_types as lsp;
use std::collections::HashMap;

/// The fix-all source action's kind (a `source.fixAll` sub-kind, so editors that run
/// `source.fixAll` on save pick it up).
pub const FIX_ALL_KIND: &str = "source.fixAll.dockcoach";

/// The documentation link of a rule under the config's `rules-url` (else the build's
/// default), when it is an absolute URI: an editor cannot open a path relative to
/// nothing, and the hover shows the whole documentation anyway.
fn rule_link(settings: &Settings, code: &str) -> Option<lsp::Uri> {
    let base = dockcoach_core::links::rules_base(settings.rules_url.as_deref());
    let url = crate::output::help_uri(base, code);
    if !dockcoach_core::links::is_absolute(&url) {
        return None;
    }
    url.parse().ok()
}

fn range(analysis: &Analysis, range: TextRange, encoding: PositionEncoding) -> lsp::Range {
    let text = analysis.parsed.text();
    let index = analysis.parsed.line_index();
    lsp::Range {
        start: position(text, index, range.start(), encoding),
        end: position(text, index, range.end(), encoding),
    }
}

pub fn to_lsp_diagnostic(
    analysis: &Analysis,
    d: &Diagnostic,
    encoding: PositionEncoding,
) -> lsp::Diagnostic {
    let severity = match d.severity {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
        Severity::Style => lsp::DiagnosticSeverity::HINT,
    };
    lsp::Diagnostic {
        range: range(analysis, d.range, encoding),
        severity: Some(severity),
        code: Some(lsp::NumberOrString::String(d.code().to_string())),
        code_description: rule_link(&analysis.settings, d.code())
            .map(|href| lsp::CodeDescription { href }),
        source: Some("dockcoach".to_string()),
        message: d.message.clone(),
        ..Default::default()
    }
}

/// True when the request's range touches the finding's.
fn touches(request: TextRange, finding: TextRange) -> bool {
    finding.start() <= request.end() && request.start() <= finding.end()
}

fn wanted(only: Option<&Vec<lsp::CodeActionKind>>, kind: &str) -> bool {
    only.is_none_or(|only| {
        only.iter().any(|k| {
            let k = k.as_str();
            kind == k
                || kind
                    .strip_prefix(k)
                    .is_some_and(|rest| rest.starts_with('.'))
        })
    })
}

pub fn code_actions(
    analysis: &Analysis,
    uri: &lsp::Uri,
    params: &lsp::CodeActionParams,
    encoding: PositionEncoding,
) -> Vec<lsp::CodeActionOrCommand> {
    let text = analysis.parsed.text();
    let index = analysis.parsed.line_index();
    let start = super::offset(text, index, params.range.start, encoding);
    let end = super::offset(text, index, params.range.end, encoding);
    let request = TextRange::new(start.min(end), start.max(end));
    let only = params.context.only.as_ref();
    let edit = |edits: &[Edit]| {
        let edits = edits
            .iter()
            .map(|e| lsp::TextEdit {
                range: range(analysis, e.range, encoding),
                new_text: e.content.clone(),
            })
            .collect();
        lsp::WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), edits)])),
            ..Default::default()
        }
    };
    let mut actions = Vec::new();
    let mut ignores = Vec::new();
    for d in &analysis.diagnostics {
        if !touches(request, d.range) {
            continue;
        }
        let diagnostic = to_lsp_diagnostic(analysis, d, encoding);
        if let Some(fix) = &d.fix
            && wanted(only, lsp::CodeActionKind::QUICKFIX.as_str())
        {
            let unsafe_ = fix.applicability == Applicability::Unsafe;
            let title = if unsafe_ {
                format!("{} (unsafe)", fix.title)
            } else {
                fix.title.clone()
            };
            actions.push(lsp::CodeAction {
                title,
                kind: Some(lsp::CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic.clone()]),
                edit: Some(edit(&fix.edits)),
                is_preferred: Some(!unsafe_),
                ..Default::default()
            });
        }
        if wanted(only, lsp::CodeActionKind::QUICKFIX.as_str()) {
            for (title, edits) in ignore_edits(analysis, d) {
                ignores.push(lsp::CodeAction {
                    title,
                    kind: Some(lsp::CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![diagnostic.clone()]),
                    edit: Some(edit(&edits)),
                    ..Default::default()
                });
            }
        }
    }
    // The same rule twice in the range: one "ignore" action each way.
    let mut seen = std::collections::HashSet::new();
    ignores.retain(|a| seen.insert(a.title.clone()));
    actions.extend(ignores);
    if wanted(only, FIX_ALL_KIND)
        && let Some(action) = fix_all(analysis, uri, encoding)
    {
        actions.push(action);
    }
    actions
        .into_iter()
        .map(lsp::CodeActionOrCommand::CodeAction)
        .collect()
}

/// Every fix the settings allow (safe ones, or unsafe ones too with `fix = "unsafe"`), to
/// a fixed point, as one edit over the part of the text that changes.
fn fix_all(
    analysis: &Analysis,
    uri: &lsp::Uri,
    encoding: PositionEncoding,
) -> Option<lsp::CodeAction> {
    let text = analysis.parsed.text();
    let mode = analysis.settings.fix_mode.unwrap_or(Applicability::Safe);
    let result = dockcoach_core::fix(text, &analysis.settings, mode);
    if result.error.is_some() || result.output == text || result.fixed.is_empty() {
        return None;
    }
    // The changed middle: the common prefix and suffix stay (on character boundaries).
    let prefix = text
        .char_indices()
        .zip(result.output.chars())
        .find(|((_, a), b)| a != b)
        .map_or(text.len().min(result.output.len()), |((i, _), _)| i);
    let suffix = text[prefix..]
        .chars()
        .rev()
        .zip(result.output[prefix..].chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum::<usize>();
    let old = TextRange::new(prefix, text.len() - suffix);
    let new = result
        .output
        .get(prefix..result.output.len() - suffix)?
        .to_string();
    let title = match (mode, result.fixed.len()) {
        (Applicability::Unsafe, n) => {
            format!("Fix all dockcoach findings ({n}, unsafe fixes included)")
        }
        (Applicability::Safe, n) => format!("Fix all dockcoach findings ({n})"),
    };
    let edit = lsp::TextEdit {
        range: range(analysis, old, encoding),
        new_text: new,
    };
    Some(lsp::CodeAction {
        title,
        kind: Some(lsp::CodeActionKind::new(FIX_ALL_KIND)),
        edit: Some(lsp::WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
            ..Default::default()
        }),
        ..Default::default()
    })
}

/// "Ignore this rule here": `# dockcoach ignore=CODE` above the instruction (added to
/// such a comment right above it when there is one), and `# dockcoach global
/// ignore=CODE` for the whole file (after the parser directives, which must stay first).
fn ignore_edits(analysis: &Analysis, d: &Diagnostic) -> Vec<(String, Vec<Edit>)> {
    let parsed = &analysis.parsed;
    let text = parsed.text();
    let index = parsed.line_index();
    let code = d.code();
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut out = Vec::new();
    let instruction = parsed
        .instructions
        .iter()
        .find(|ins| ins.range.start() <= d.range.start() && d.range.start() <= ins.range.end());
    if let Some(ins) = instruction {
        let line = index.line_of(ins.range.start());
        let line_start = match index.line_start(line) {
            // Not before a byte order mark.
            0 if parsed.bom => 3,
            start => start,
        };
        let indent: String = text
            .get(line_start..ins.range.start())
            .unwrap_or("")
            .chars()
            .take_while(|c| c.is_whitespace())
            .collect();
        // An ignore comment on the line right above: add the code to it.
        let above = parsed.comments.iter().find(|c| {
            !c.inside_instruction
                && line > 0
                && index.line_of(c.range.start()) == line - 1
                && is_next_ignore(&c.text)
        });
        let edit = match above {
            Some(comment) => {
                let written = comment.range.slice(text).trim_end();
                Edit::insert(comment.range.start() + written.len(), format!(",{code}"))
            }
            None => Edit::insert(
                line_start,
                format!("{indent}# dockcoach ignore={code}{eol}"),
            ),
        };
        out.push((format!("Ignore `{code}` for this instruction"), vec![edit]));
    }
    let after_directives = parsed
        .directives
        .iter()
        .map(|d| d.range.end())
        .max()
        .map(|end| {
            let line = index.line_of(end);
            index.line_start(line + 1).min(text.len())
        })
        .unwrap_or(if parsed.bom { 3 } else { 0 });
    let mut insert = format!("# dockcoach global ignore={code}{eol}");
    if after_directives == text.len() && !text.is_empty() && !text.ends_with('\n') {
        insert.insert_str(0, eol);
    }
    out.push((
        format!("Ignore `{code}` in this file"),
        vec![Edit::insert(after_directives, insert)],
    ));
    out
}

/// `dockcoach ignore=...` or `hadolint ignore=...` (the comment text after `#`).
fn is_next_ignore(comment: &str) -> bool {
    let mut words = comment.split_whitespace();
    let tool = words.next().unwrap_or("");
    (tool.eq_ignore_ascii_case("dockcoach") || tool.eq_ignore_ascii_case("hadolint"))
        && words.next().is_some_and(|w| w.starts_with("ignore="))
        && words.next().is_none()
}

pub fn hover(
    analysis: &Analysis,
    at: lsp::Position,
    encoding: PositionEncoding,
) -> Option<lsp::Hover> {
    let text = analysis.parsed.text();
    let offset = super::offset(text, analysis.parsed.line_index(), at, encoding);
    let findings: Vec<&Diagnostic> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.range.start() <= offset && offset <= d.range.end())
        .collect();
    if let Some(first) = findings.first() {
        let mut markdown = String::new();
        let mut documented = Vec::new();
        let mut covered = first.range;
        for d in &findings {
            covered = covered.cover(d.range);
            markdown.push_str(&format!(
                "**{}** `{}` ({}): {}\n\n",
                d.code(),
                d.rule(),
                d.severity,
                d.message
            ));
        }
        for d in &findings {
            if documented.contains(&d.code()) {
                continue;
            }
            documented.push(d.code());
            markdown.push_str("---\n\n");
            markdown.push_str(&d.meta.docs());
            if let Some(link) = rule_link(&analysis.settings, d.code()) {
                markdown.push_str(&format!(
                    "\n[{} documentation]({})\n",
                    d.code(),
                    link.as_str()
                ));
            }
        }
        return Some(lsp::Hover {
            contents: lsp::HoverContents::Markup(lsp::MarkupContent {
                kind: lsp::MarkupKind::Markdown,
                value: markdown,
            }),
            range: Some(range(analysis, covered, encoding)),
        });
    }
    let ins = analysis
        .parsed
        .instructions
        .iter()
        .find(|ins| ins.keyword.range.start() <= offset && offset <= ins.keyword.range.end())?;
    let (name, what) = keyword_doc(ins.kind)?;
    let anchor = match ins.kind {
        InstructionKind::Maintainer => "maintainer-deprecated".to_string(),
        _ => name.to_ascii_lowercase(),
    };
    let value = format!(
        "**{name}**: {what}\n\n[Dockerfile reference](https://docs.docker.com/reference/dockerfile/#{anchor})"
    );
    Some(lsp::Hover {
        contents: lsp::HoverContents::Markup(lsp::MarkupContent {
            kind: lsp::MarkupKind::Markdown,
            value,
        }),
        range: Some(range(analysis, ins.keyword.range, encoding)),
    })
}

/// One line about each instruction, for hover on its keyword.
fn keyword_doc(kind: InstructionKind) -> Option<(&'static str, &'static str)> {
    use InstructionKind as K;
    Some(match kind {
        K::Add => (
            "ADD",
            "Adds local or remote files and directories (URLs, Git repositories, and tar archives, which it extracts).",
        ),
        K::Arg => (
            "ARG",
            "Declares a build-time variable, optionally with a default value.",
        ),
        K::Cmd => (
            "CMD",
            "Sets the default command (or the default arguments of the ENTRYPOINT) of a container.",
        ),
        K::Copy => (
            "COPY",
            "Copies files and directories from the build context or another stage.",
        ),
        K::Entrypoint => ("ENTRYPOINT", "Sets the executable a container runs."),
        K::Env => (
            "ENV",
            "Sets environment variables, in the build and in the image.",
        ),
        K::Expose => ("EXPOSE", "Documents the ports the application listens on."),
        K::From => ("FROM", "Starts a build stage from a base image."),
        K::Healthcheck => (
            "HEALTHCHECK",
            "Tells the engine how to test that a container still works.",
        ),
        K::Label => ("LABEL", "Adds metadata to the image as key-value pairs."),
        K::Maintainer => (
            "MAINTAINER",
            "Sets the author field of the image (deprecated: use a LABEL).",
        ),
        K::Onbuild => (
            "ONBUILD",
            "Adds an instruction that runs when the image is used as the base of another build.",
        ),
        K::Run => ("RUN", "Runs a command in a new layer at build time."),
        K::Shell => (
            "SHELL",
            "Sets the shell that the shell form of RUN, CMD and ENTRYPOINT uses.",
        ),
        K::Stopsignal => (
            "STOPSIGNAL",
            "Sets the signal sent to a container to stop it.",
        ),
        K::User => (
            "USER",
            "Sets the user (and group) that later instructions and the container run as.",
        ),
        K::Volume => (
            "VOLUME",
            "Creates a mount point for externally mounted volumes.",
        ),
        K::Workdir => (
            "WORKDIR",
            "Sets the working directory of later instructions and of the container.",
        ),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::rc::Rc;

    fn analysis(text: &str) -> Analysis {
        let parsed = dockcoach_core::parse(text);
        let settings = Rc::new(Settings::default());
        let diagnostics = dockcoach_core::lint(&parsed, &settings);
        Analysis {
            parsed,
            diagnostics,
            settings,
        }
    }

    /// Applies each "ignore" action for the first `code` finding; returns the texts.
    fn ignored(text: &str, code: &str) -> Vec<(String, String)> {
        let a = analysis(text);
        let d = a.diagnostics.iter().find(|d| d.code() == code);
        let d = d.unwrap_or_else(|| panic!("no {code} in {text:?}"));
        ignore_edits(&a, d)
            .into_iter()
            .map(|(title, edits)| {
                let out = dockcoach_core::fix::apply_edits(text, &edits);
                (title, out.unwrap_or_else(|| panic!("edits do not apply")))
            })
            .collect()
    }

    fn codes(text: &str) -> Vec<&'static str> {
        analysis(text)
            .diagnostics
            .iter()
            .map(|d| d.code())
            .collect()
    }

    #[test]
    fn ignore_comments_silence_the_finding() {
        let text = "# syntax=docker/dockerfile:1\nFROM alpine:3.20\n  ADD a /a\n";
        let out = ignored(text, "DL3020");
        assert_eq!(
            out,
            [
                (
                    "Ignore `DL3020` for this instruction".to_string(),
                    "# syntax=docker/dockerfile:1\nFROM alpine:3.20\n  # dockcoach ignore=DL3020\n  ADD a /a\n".to_string()
                ),
                (
                    "Ignore `DL3020` in this file".to_string(),
                    "# syntax=docker/dockerfile:1\n# dockcoach global ignore=DL3020\nFROM alpine:3.20\n  ADD a /a\n".to_string()
                ),
            ]
        );
        for (_, text) in &out {
            assert!(!codes(text).contains(&"DL3020"), "{text}");
            assert!(
                analysis(text).parsed.directive("syntax").is_some(),
                "{text}"
            );
        }
    }

    #[test]
    fn ignore_comments_go_after_a_byte_order_mark() {
        let out = ignored("\u{feff}FROM ubuntu\n", "DL3006");
        assert_eq!(out[0].1, "\u{feff}# dockcoach ignore=DL3006\nFROM ubuntu\n");
        assert_eq!(
            out[1].1,
            "\u{feff}# dockcoach global ignore=DL3006\nFROM ubuntu\n"
        );
        for (_, text) in &out {
            assert!(!codes(text).contains(&"DL3006"), "{text}");
        }
    }

    #[test]
    fn an_ignore_comment_above_gets_the_code_added() {
        let text = "FROM alpine:3.20\n# hadolint ignore=DL3006 \r\nADD a /a\n";
        let out = ignored(text, "DL3020");
        let (_, first) = &out[0];
        assert_eq!(
            first,
            "FROM alpine:3.20\n# hadolint ignore=DL3006,DL3020 \r\nADD a /a\n"
        );
        assert!(!codes(first).contains(&"DL3020"));
    }

    #[test]
    // `WorkspaceEdit::changes` is lsp-types' map keyed by `Uri`; nothing mutates the keys.
    #[allow(clippy::mutable_key_type)]
    fn fix_all_is_one_edit_over_the_changed_part() {
        let text = "FROM alpine:3.20\nADD a /a\nrun echo hi\n";
        let a = analysis(text);
        let uri: lsp::Uri = "file:///w/Dockerfile".parse().unwrap_or_else(|_| panic!());
        let action = fix_all(&a, &uri, PositionEncoding::Utf16);
        let action = action.unwrap_or_else(|| panic!("no fix-all action"));
        let edits = action.edit.and_then(|e| e.changes).unwrap_or_default();
        let edits = &edits[&uri];
        assert_eq!(edits.len(), 1);
        assert_eq!(edits[0].range.start, lsp::Position::new(1, 0));
        assert_eq!(edits[0].range.end, lsp::Position::new(2, 3));
        assert_eq!(edits[0].new_text, "COPY a /a\nRUN");
    }
}
