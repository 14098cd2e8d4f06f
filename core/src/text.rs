//! Byte ranges inside, line/column at the edges.
//!
//! Every token, diagnostic and edit carries a [`TextRange`] of byte offsets into the
//! source text. [`LineIndex`] is the one place that turns offsets into 1-based lines and
//! columns (in Unicode scalar values for terminals, UTF-16 code units for browsers).

use serde::Serialize;

/// A half-open byte range `start..end` into a source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct TextRange {
    pub start: u32,
    pub end: u32,
}

impl TextRange {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "range {start}..{end} is reversed");
        TextRange {
            start: start as u32,
            end: end.max(start) as u32,
        }
    }

    pub fn empty(at: usize) -> Self {
        TextRange::new(at, at)
    }

    pub fn start(self) -> usize {
        self.start as usize
    }

    pub fn end(self) -> usize {
        self.end as usize
    }

    pub fn len(self) -> usize {
        self.end() - self.start()
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The smallest range that covers both.
    pub fn cover(self, other: TextRange) -> TextRange {
        TextRange {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    pub fn contains_range(self, other: TextRange) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// True when the two ranges share at least one byte, or when an empty range sits strictly inside the other.
    pub fn overlaps(self, other: TextRange) -> bool {
        self.start < other.end && other.start < self.end
            || (self.is_empty() && other.start < self.start && self.start < other.end)
            || (other.is_empty() && self.start < other.start && other.start < self.end)
    }

    /// The text this range covers, or "" when it does not fit `text`.
    pub fn slice(self, text: &str) -> &str {
        text.get(self.start()..self.end()).unwrap_or("")
    }

    pub fn shift(self, by: usize) -> TextRange {
        TextRange::new(self.start() + by, self.end() + by)
    }
}

/// How columns are counted at the edges.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PositionEncoding {
    /// Unicode scalar values (what terminals, hadolint and SARIF consumers expect).
    Utf32,
    /// UTF-16 code units (what browser editors such as CodeMirror use).
    Utf16,
    /// Raw bytes.
    Utf8,
}

/// A 1-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct LineCol {
    pub line: u32,
    pub column: u32,
}

/// Maps byte offsets to lines and columns. Lines end at `\n`; a `\r` before it belongs
/// to the line it ends.
#[derive(Clone, Debug)]
pub struct LineIndex {
    line_starts: Vec<u32>,
    len: u32,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                line_starts.push(i as u32 + 1);
            }
        }
        LineIndex {
            line_starts,
            len: text.len() as u32,
        }
    }

    /// The 0-based line that holds `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = (offset as u32).min(self.len);
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// The byte offset where 0-based `line` starts (the end of the text past the last line).
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts.get(line).copied().unwrap_or(self.len) as usize
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    pub fn line_col(&self, text: &str, offset: usize, encoding: PositionEncoding) -> LineCol {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let start = self.line_start(line);
        let prefix = text.get(start..offset).unwrap_or_else(|| {
            // `offset` fell inside a character: count up to the character's start.
            let mut o = offset;
            while o > start && !text.is_char_boundary(o) {
                o -= 1;
            }
            text.get(start..o).unwrap_or("")
        });
        let column = match encoding {
            PositionEncoding::Utf8 => prefix.len(),
            PositionEncoding::Utf16 => prefix.encode_utf16().count(),
            PositionEncoding::Utf32 => prefix.chars().count(),
        };
        LineCol {
            line: line as u32 + 1,
            column: column as u32 + 1,
        }
    }

    /// The byte offset of a 1-based line and column, clamped to the text.
    pub fn offset(&self, text: &str, at: LineCol, encoding: PositionEncoding) -> usize {
        let line = (at.line.max(1) - 1) as usize;
        if line >= self.line_count() {
            return text.len();
        }
        let start = self.line_start(line);
        let end = self.line_start(line + 1).min(text.len());
        let line_text = text.get(start..end).unwrap_or("");
        let mut want = at.column.max(1) as usize - 1;
        for (i, ch) in line_text.char_indices() {
            if want == 0 {
                return start + i;
            }
            let width = match encoding {
                PositionEncoding::Utf8 => ch.len_utf8(),
                PositionEncoding::Utf16 => ch.len_utf16(),
                PositionEncoding::Utf32 => 1,
            };
            want = want.saturating_sub(width);
        }
        end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_columns_per_encoding() {
        let text = "FROM a\nRUN echo 😀 x\r\n";
        let index = LineIndex::new(text);
        let x = text.find(" x").unwrap_or(0) + 1;
        assert_eq!(
            index.line_col(text, x, PositionEncoding::Utf32),
            LineCol {
                line: 2,
                column: 12
            }
        );
        assert_eq!(
            index.line_col(text, x, PositionEncoding::Utf16),
            LineCol {
                line: 2,
                column: 13
            }
        );
        assert_eq!(
            index.line_col(text, x, PositionEncoding::Utf8),
            LineCol {
                line: 2,
                column: 15
            }
        );
        for enc in [
            PositionEncoding::Utf8,
            PositionEncoding::Utf16,
            PositionEncoding::Utf32,
        ] {
            let lc = index.line_col(text, x, enc);
            assert_eq!(index.offset(text, lc, enc), x);
        }
    }

    #[test]
    fn offsets_past_the_end_clamp() {
        let text = "FROM a";
        let index = LineIndex::new(text);
        assert_eq!(
            index.line_col(text, 99, PositionEncoding::Utf32),
            LineCol { line: 1, column: 7 }
        );
        assert_eq!(
            index.offset(
                text,
                LineCol { line: 9, column: 1 },
                PositionEncoding::Utf32
            ),
            6
        );
    }
}

/// Maps offsets in a derived text (an instruction's joined logical line, a RUN's shell
/// script) back to byte offsets in the file. The derived text is a concatenation of
/// file pieces; each segment records where a piece starts in both texts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OffsetMap {
    /// `(derived_start, file_start)`, sorted by `derived_start`.
    segments: Vec<(u32, u32)>,
    /// Length of the derived text.
    len: u32,
}

impl OffsetMap {
    /// A map for a derived text that is one contiguous piece of the file at `file_start`.
    pub fn contiguous(file_start: usize, len: usize) -> Self {
        OffsetMap {
            segments: vec![(0, file_start as u32)],
            len: len as u32,
        }
    }

    /// Builds a derived text from `(file_offset, piece)` pairs, returning the text and its map.
    pub fn join<'a>(pieces: impl IntoIterator<Item = (usize, &'a str)>) -> (String, OffsetMap) {
        let mut text = String::new();
        let mut map = OffsetMap::default();
        for (file_offset, piece) in pieces {
            map.push(text.len(), file_offset);
            text.push_str(piece);
        }
        map.len = text.len() as u32;
        (text, map)
    }

    /// Records that derived offset `derived` continues at file offset `file`.
    pub fn push(&mut self, derived: usize, file: usize) {
        if let Some(last) = self.segments.last_mut()
            && last.0 as usize == derived
        {
            last.1 = file as u32;
            return;
        }
        self.segments.push((derived as u32, file as u32));
    }

    pub fn set_len(&mut self, len: usize) {
        self.len = len as u32;
    }

    /// The file offset of the derived offset `at` (start positions: a piece boundary maps to the next piece).
    pub fn to_file(&self, at: usize) -> usize {
        let at = at as u32;
        let i = match self.segments.binary_search_by_key(&at, |s| s.0) {
            Ok(i) => i,
            Err(0) => return self.segments.first().map_or(at as usize, |s| s.1 as usize),
            Err(i) => i - 1,
        };
        let (d, f) = self.segments[i];
        (f + (at - d)) as usize
    }

    /// The file offset just after derived byte `at - 1` (end positions: a piece boundary maps to the end of the previous piece).
    pub fn to_file_end(&self, at: usize) -> usize {
        if at == 0 {
            return self.to_file(0);
        }
        self.to_file(at - 1) + 1
    }

    /// Maps a derived range to the file range from its first to its last byte.
    pub fn range_to_file(&self, range: TextRange) -> TextRange {
        if range.is_empty() {
            let at = self.to_file(range.start());
            return TextRange::new(at, at);
        }
        TextRange::new(self.to_file(range.start()), self.to_file_end(range.end()))
    }

    /// Composes: `self` maps derived → intermediate, `outer` maps intermediate → file.
    pub fn then(&self, outer: &OffsetMap) -> OffsetMap {
        let mut map = OffsetMap::default();
        // Every boundary of either map becomes a boundary of the composition.
        let mut cuts: Vec<u32> = self.segments.iter().map(|s| s.0).collect();
        for &(inter, _) in &outer.segments {
            // Find derived offsets whose intermediate offset is `inter`.
            for (i, &(d, f)) in self.segments.iter().enumerate() {
                let seg_end = self.segments.get(i + 1).map_or(self.len, |s| s.0);
                let len = seg_end - d;
                if inter >= f && inter < f + len {
                    cuts.push(d + (inter - f));
                }
            }
        }
        crate::collections::sort_stable(&mut cuts, |&c| (c as usize, 0, 0));
        cuts.dedup();
        for cut in cuts {
            map.push(cut as usize, outer.to_file(self.to_file(cut as usize)));
        }
        map.len = self.len;
        map
    }
}

#[cfg(test)]
mod offset_map_tests {
    use super::*;

    #[test]
    fn joined_pieces_map_back() {
        // File: "RUN a \\\n  b" ; derived: "a   b" from pieces at 4 ("a ") and 10 ("  b")
        let (text, map) = OffsetMap::join([(4, "a "), (9, "  b")]);
        assert_eq!(text, "a   b");
        assert_eq!(map.to_file(0), 4);
        assert_eq!(map.to_file(2), 9);
        assert_eq!(map.to_file(4), 11);
        assert_eq!(
            map.range_to_file(TextRange::new(0, 2)),
            TextRange::new(4, 6)
        );
        assert_eq!(
            map.range_to_file(TextRange::new(0, 5)),
            TextRange::new(4, 12)
        );
    }

    #[test]
    fn composition_maps_through_both() {
        let (_, inner) = OffsetMap::join([(0, "ab"), (5, "cd")]);
        let outer = OffsetMap::contiguous(100, 10);
        let both = inner.then(&outer);
        assert_eq!(both.to_file(1), 101);
        assert_eq!(both.to_file(2), 105);
    }
}
