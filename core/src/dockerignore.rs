//! `.dockerignore` patterns, read and matched as Docker's `ignorefile` and
//! `patternmatcher` packages do: Go `filepath.Match` syntax (`*`, `?`, `[a-z]`, `\`
//! escapes) plus `**` for any number of directories, and `!` exceptions.

/// One compiled line of a `.dockerignore`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    /// The cleaned pattern (no leading `/`, no `!`).
    pub text: String,
    /// `!pattern`: re-includes what earlier patterns excluded.
    pub exclusion: bool,
}

/// The patterns of a `.dockerignore`, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Matcher {
    pub patterns: Vec<Pattern>,
}

/// `path.Clean` for slash-separated paths.
fn clean(path: &str) -> String {
    let rooted = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|p| *p != "..") {
                    parts.pop();
                } else if !rooted {
                    parts.push("..");
                }
            }
            p => parts.push(p),
        }
    }
    let joined = parts.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".to_string(),
        (false, false) => joined,
    }
}

impl Matcher {
    /// Reads a `.dockerignore`: blank lines and `#` comments are skipped, patterns are
    /// trimmed and cleaned, and a leading `/` is dropped.
    pub fn parse(text: &str) -> Matcher {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut patterns = Vec::new();
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (exclusion, rest) = match line.strip_prefix('!') {
                Some(rest) => (true, rest.trim()),
                None => (false, line),
            };
            if rest.is_empty() {
                continue;
            }
            let mut cleaned = clean(rest);
            if cleaned.len() > 1 && cleaned.starts_with('/') {
                cleaned.remove(0);
            }
            patterns.push(Pattern {
                text: cleaned,
                exclusion,
            });
        }
        Matcher { patterns }
    }

    /// True when some pattern is an `!` exception.
    pub fn has_exclusions(&self) -> bool {
        self.patterns.iter().any(|p| p.exclusion)
    }

    /// Whether `path` (relative to the context, `/`-separated) or one of its parent
    /// directories is excluded from the build context.
    pub fn matches_or_parent_matches(&self, path: &str) -> bool {
        let file = clean(path.trim_start_matches('/'));
        let parent = match file.rfind('/') {
            Some(i) => &file[..i],
            None => ".",
        };
        let dirs: Vec<&str> = parent.split('/').collect();
        let mut matched = false;
        for pattern in &self.patterns {
            if pattern.exclusion != matched {
                continue;
            }
            let mut hit = glob(pattern.text.as_bytes(), file.as_bytes());
            if !hit && parent != "." {
                hit = (1..=dirs.len())
                    .any(|n| glob(pattern.text.as_bytes(), dirs[..n].join("/").as_bytes()));
            }
            if hit {
                matched = !pattern.exclusion;
            }
        }
        matched
    }
}

/// Matches `name` against `pattern` as patternmatcher's regular expression does:
/// `*` and `?` never match `/`, `**` (with an optional following `/`) matches any
/// number of directories, a trailing `**` matches everything.
fn glob(pattern: &[u8], name: &[u8]) -> bool {
    match pattern.split_first() {
        None => name.is_empty(),
        Some((b'*', rest)) if rest.first() == Some(&b'*') => {
            let mut rest = &rest[1..];
            if rest.first() == Some(&b'/') {
                rest = &rest[1..];
            }
            if rest.is_empty() {
                return true;
            }
            // `(.*/)?`: nothing, or anything up to and including a `/`.
            if glob(rest, name) {
                return true;
            }
            (0..name.len()).any(|i| name[i] == b'/' && glob(rest, &name[i + 1..]))
        }
        Some((b'*', rest)) => {
            let mut i = 0;
            loop {
                if glob(rest, &name[i..]) {
                    return true;
                }
                match name.get(i) {
                    Some(b'/') | None => return false,
                    Some(_) => i += 1,
                }
            }
        }
        Some((b'?', rest)) => match name.split_first() {
            Some((c, tail)) if *c != b'/' => glob(rest, skip_char(*c, tail)),
            _ => false,
        },
        Some((b'[', rest)) => {
            let Some((c, tail)) = name.split_first() else {
                return false;
            };
            if *c == b'/' {
                return false;
            }
            let Some(close) = rest.iter().skip(1).position(|b| *b == b']').map(|p| p + 1) else {
                // An unterminated class matches a literal `[`.
                return *c == b'[' && glob(rest, tail);
            };
            let (negated, class) = match rest.first() {
                Some(b'^') | Some(b'!') => (true, &rest[1..close]),
                _ => (false, &rest[..close]),
            };
            let mut inside = false;
            let mut k = 0;
            while k < class.len() {
                if class.get(k + 1) == Some(&b'-') && k + 2 < class.len() {
                    if class[k] <= *c && *c <= class[k + 2] {
                        inside = true;
                    }
                    k += 3;
                } else {
                    if class[k] == *c {
                        inside = true;
                    }
                    k += 1;
                }
            }
            inside != negated && glob(&rest[close + 1..], tail)
        }
        Some((b'\\', rest)) => match (rest.split_first(), name.split_first()) {
            (Some((p, prest)), Some((c, tail))) => p == c && glob(prest, tail),
            (None, Some((c, tail))) => *c == b'\\' && tail.is_empty(),
            _ => false,
        },
        Some((p, rest)) => match name.split_first() {
            Some((c, tail)) => p == c && glob(rest, tail),
            None => false,
        },
    }
}

/// After `?` consumed the first byte of a UTF-8 character, skip its continuation bytes.
fn skip_char(first: u8, tail: &[u8]) -> &[u8] {
    if first < 0x80 {
        return tail;
    }
    let n = tail.iter().take_while(|b| (**b & 0xC0) == 0x80).count();
    &tail[n..]
}

#[cfg(test)]
mod tests {
    use super::Matcher;

    #[test]
    fn patterns_match_like_docker() {
        let m = Matcher::parse(
            "# comment\n\n/node_modules\n*.log\n**/secret*\nbuild/**\n!build/keep\ndocs/?.md\n[ab].txt\n",
        );
        assert!(m.matches_or_parent_matches("node_modules/x/y.js"));
        assert!(m.matches_or_parent_matches("/node_modules"));
        assert!(m.matches_or_parent_matches("app.log"));
        assert!(!m.matches_or_parent_matches("logs/app.log"));
        assert!(m.matches_or_parent_matches("a/b/secret.txt"));
        assert!(m.matches_or_parent_matches("secret.pem"));
        assert!(m.matches_or_parent_matches("build/out"));
        assert!(!m.matches_or_parent_matches("build/keep"));
        assert!(m.matches_or_parent_matches("docs/a.md"));
        assert!(!m.matches_or_parent_matches("docs/ab.md"));
        assert!(m.matches_or_parent_matches("a.txt"));
        assert!(!m.matches_or_parent_matches("c.txt"));
        assert!(!m.matches_or_parent_matches("src/main.rs"));
        assert!(m.has_exclusions());
    }
}
