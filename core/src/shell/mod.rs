//! TEMPORARY stand-in (the brush-parser based module replaces it): splits on
//! `&&`, `||`, `;`, `|` and whitespace only.

use crate::text::{OffsetMap, TextRange};

pub struct Script {
    pub commands: Vec<Command>,
    pub error: Option<ShellError>,
}
pub struct ShellError {
    pub message: String,
    pub range: TextRange,
}
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Connector {
    First,
    And,
    Or,
    Seq,
    Background,
}
pub struct PipePos {
    pub index: usize,
    pub len: usize,
    pub id: usize,
}
pub struct Redirect {
    pub op: String,
    pub target: Option<Word>,
}
pub struct Word {
    pub value: String,
    pub raw: String,
    pub range: TextRange,
    pub quoted: bool,
}
pub struct Command {
    pub name: Word,
    pub args: Vec<Word>,
    pub assignments: Vec<Word>,
    pub redirects: Vec<Redirect>,
    pub range: TextRange,
    pub connector: Connector,
    pub pipeline: Option<PipePos>,
    pub depth: u32,
    pub negated: bool,
}
pub struct Flag<'a> {
    pub name: String,
    pub long: bool,
    pub value: Option<String>,
    pub word: &'a Word,
}
impl Command {
    pub fn name(&self) -> &str {
        self.name.value.rsplit('/').next().unwrap_or("")
    }
    pub fn flags(&self) -> Vec<Flag<'_>> {
        let mut out = Vec::new();
        for w in &self.args {
            if w.value == "--" {
                break;
            }
            if let Some(long) = w.value.strip_prefix("--") {
                let (n, v) = match long.split_once('=') {
                    Some((n, v)) => (n.to_string(), Some(v.to_string())),
                    None => (long.to_string(), None),
                };
                out.push(Flag {
                    name: n,
                    long: true,
                    value: v,
                    word: w,
                });
            } else if let Some(short) = w.value.strip_prefix('-') {
                for ch in short.chars() {
                    out.push(Flag {
                        name: ch.to_string(),
                        long: false,
                        value: None,
                        word: w,
                    });
                }
            }
        }
        out
    }
    pub fn has_flag(&self, short: &[char], long: &[&str]) -> bool {
        self.flags().iter().any(|f| {
            if f.long {
                long.contains(&f.name.as_str())
            } else {
                f.name.chars().next().is_some_and(|c| short.contains(&c))
            }
        })
    }
    pub fn positionals(&self) -> impl Iterator<Item = &Word> {
        self.args.iter().filter(|w| !w.value.starts_with('-'))
    }
    pub fn arg_values(&self) -> impl Iterator<Item = &str> {
        self.args.iter().map(|w| w.value.as_str())
    }
}
pub fn parse(text: &str, map: &OffsetMap) -> Script {
    let mut commands = Vec::new();
    let mut words: Vec<Word> = Vec::new();
    let mut connector = Connector::First;
    let mut pipe_members: Vec<usize> = Vec::new();
    let mut pipes = 0;
    let flush =
        |words: &mut Vec<Word>, commands: &mut Vec<Command>, connector: Connector, piped: bool| {
            if words.is_empty() {
                return;
            }
            let mut it = std::mem::take(words).into_iter();
            if let Some(name) = it.next() {
                let args: Vec<Word> = it.collect();
                let end = args.last().map_or(name.range.end, |w| w.range.end);
                commands.push(Command {
                    range: TextRange {
                        start: name.range.start,
                        end,
                    },
                    name,
                    args,
                    assignments: Vec::new(),
                    redirects: Vec::new(),
                    connector,
                    pipeline: piped.then_some(PipePos {
                        index: 0,
                        len: 2,
                        id: 0,
                    }),
                    depth: 0,
                    negated: false,
                });
            }
        };
    let mut i = 0;
    let b = text.as_bytes();
    while i < b.len() {
        let c = b[i];
        if c == b' ' || c == b'\t' || c == b'\n' {
            i += 1;
            continue;
        }
        let op = if text[i..].starts_with("&&") {
            Some((Connector::And, 2, false))
        } else if text[i..].starts_with("||") {
            Some((Connector::Or, 2, false))
        } else if c == b';' {
            Some((Connector::Seq, 1, false))
        } else if c == b'|' {
            Some((Connector::Seq, 1, true))
        } else {
            None
        };
        if let Some((conn, len, pipe)) = op {
            let n = commands.len();
            flush(
                &mut words,
                &mut commands,
                connector,
                pipe || !pipe_members.is_empty(),
            );
            if pipe {
                pipe_members.push(n);
                pipes += 1;
            } else {
                pipe_members.clear();
            }
            connector = conn;
            i += len;
            continue;
        }
        let start = i;
        let mut value = String::new();
        while i < b.len() && !matches!(b[i], b' ' | b'\t' | b'\n' | b';' | b'|' | b'&') {
            let ch = text[i..].chars().next().unwrap_or(' ');
            if ch != '"' && ch != '\'' {
                value.push(ch);
            }
            i += ch.len_utf8();
        }
        if i == start {
            i += 1;
            continue;
        }
        words.push(Word {
            value,
            raw: text[start..i].to_string(),
            range: map.range_to_file(TextRange::new(start, i)),
            quoted: false,
        });
    }
    let _ = pipes;
    flush(
        &mut words,
        &mut commands,
        connector,
        !pipe_members.is_empty(),
    );
    Script {
        commands,
        error: None,
    }
}
