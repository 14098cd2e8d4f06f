//! Just enough Markdown for the rule docs (headings, paragraphs, lists, fenced code,
//! inline code and links), parsed into data the rule page renders as text nodes. No
//! HTML is ever produced from the docs.

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Code(String),
    Link { text: String, href: String },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Heading(u8, Vec<Inline>),
    Paragraph(Vec<Inline>),
    List(Vec<Vec<Inline>>),
    Code { lang: String, text: String },
}

/// Splits one line of Markdown into text, `code` and [links](href).
pub fn inlines(text: &str) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut plain = String::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '`'
            && let Some(end) = rest[1..].find('`')
        {
            flush(&mut plain, &mut out);
            out.push(Inline::Code(rest[1..1 + end].to_string()));
            rest = &rest[end + 2..];
            continue;
        }
        if c == '['
            && let Some(link) = parse_link(rest)
        {
            flush(&mut plain, &mut out);
            let (inline, used) = link;
            out.push(inline);
            rest = &rest[used..];
            continue;
        }
        plain.push(c);
        rest = &rest[c.len_utf8()..];
    }
    flush(&mut plain, &mut out);
    out
}

fn flush(plain: &mut String, out: &mut Vec<Inline>) {
    if !plain.is_empty() {
        out.push(Inline::Text(std::mem::take(plain)));
    }
}

fn parse_link(text: &str) -> Option<(Inline, usize)> {
    let close = text.find("](")?;
    let end = text[close + 2..].find(')')? + close + 2;
    let label = &text[1..close];
    let href = &text[close + 2..end];
    if label.contains('[') || href.contains(char::is_whitespace) {
        return None;
    }
    Some((
        Inline::Link {
            text: label.to_string(),
            href: href.to_string(),
        },
        end + 1,
    ))
}

/// Parses a document into blocks.
pub fn parse(doc: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut para: Vec<&str> = Vec::new();
    let mut list: Vec<String> = Vec::new();
    let mut lines = doc.lines();
    let end_para = |para: &mut Vec<&str>, blocks: &mut Vec<Block>| {
        if !para.is_empty() {
            blocks.push(Block::Paragraph(inlines(&para.join(" "))));
            para.clear();
        }
    };
    let end_list = |list: &mut Vec<String>, blocks: &mut Vec<Block>| {
        if !list.is_empty() {
            blocks.push(Block::List(list.iter().map(|i| inlines(i)).collect()));
            list.clear();
        }
    };
    while let Some(line) = lines.next() {
        let trimmed = line.trim_end();
        if let Some(lang) = trimmed.strip_prefix("```") {
            end_para(&mut para, &mut blocks);
            end_list(&mut list, &mut blocks);
            let mut code = String::new();
            for body in lines.by_ref() {
                if body.trim_end() == "```" {
                    break;
                }
                code.push_str(body);
                code.push('\n');
            }
            blocks.push(Block::Code {
                lang: lang.trim().to_string(),
                text: code,
            });
        } else if trimmed.starts_with('#') {
            end_para(&mut para, &mut blocks);
            end_list(&mut list, &mut blocks);
            let level = trimmed.bytes().take_while(|b| *b == b'#').count();
            let title = trimmed[level..].trim();
            blocks.push(Block::Heading(level.min(6) as u8, inlines(title)));
        } else if let Some(item) = trimmed.strip_prefix("- ").or(trimmed.strip_prefix("* ")) {
            end_para(&mut para, &mut blocks);
            list.push(item.trim().to_string());
        } else if trimmed.is_empty() {
            end_para(&mut para, &mut blocks);
            end_list(&mut list, &mut blocks);
        } else if !list.is_empty() && line.starts_with("  ") {
            if let Some(last) = list.last_mut() {
                last.push(' ');
                last.push_str(trimmed.trim());
            }
        } else {
            end_list(&mut list, &mut blocks);
            para.push(trimmed);
        }
    }
    end_para(&mut para, &mut blocks);
    end_list(&mut list, &mut blocks);
    blocks
}

/// The first fenced code block of a Markdown section (a rule's bad example).
pub fn first_code(section: &str) -> Option<String> {
    parse(section).into_iter().find_map(|b| match b {
        Block::Code { text, .. } => Some(text),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_rule_doc_shapes() {
        let doc = "## What it does\nChecks `ADD`\nfor files.\n\n```dockerfile\nFROM a\n```\n\n- [Docs](https://x.invalid/a) and `b`\n- hadolint <script>\n";
        let blocks = parse(doc);
        assert_eq!(
            blocks[0],
            Block::Heading(2, vec![Inline::Text("What it does".into())])
        );
        assert_eq!(
            blocks[1],
            Block::Paragraph(vec![
                Inline::Text("Checks ".into()),
                Inline::Code("ADD".into()),
                Inline::Text(" for files.".into())
            ])
        );
        assert_eq!(
            blocks[2],
            Block::Code {
                lang: "dockerfile".into(),
                text: "FROM a\n".into()
            }
        );
        let Block::List(items) = &blocks[3] else {
            panic!("{blocks:?}")
        };
        assert_eq!(
            items[0][0],
            Inline::Link {
                text: "Docs".into(),
                href: "https://x.invalid/a".into()
            }
        );
        assert_eq!(items[1], vec![Inline::Text("hadolint <script>".into())]);
    }

    #[test]
    fn unclosed_markup_stays_text() {
        assert_eq!(inlines("a `b [c"), vec![Inline::Text("a `b [c".into())]);
        assert_eq!(first_code("x\n```\nFROM a\n```"), Some("FROM a\n".into()));
    }
}
