//! Applying fixes to a fixed point.
//!
//! Each pass lints the current text, takes the fixes the mode allows, keeps those whose
//! edits do not overlap an earlier-chosen fix, applies them, and re-parses. A pass that
//! would add a syntax error is retried one fix at a time, and the fixes that break the
//! file are skipped and reported. A fix after which the image model (`image.rs`) shows
//! a step that cannot work and the text before did not (a command the new base lacks, an
//! install with no package lists, a privileged step as non-root...) is skipped the same
//! way, silently: the guard is a backstop for rules that cannot see the whole file.
//! Passes stop when nothing applies, or after
//! [`MAX_PASSES`] (then the result says the fixes did not converge).

use crate::collections::sort_stable;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::image::ImageModel;
use crate::settings::Settings;
use crate::syntax::{Parsed, parse};
use crate::text::TextRange;

/// The most passes a fix run makes.
pub const MAX_PASSES: usize = 12;

/// What [`fix`] did.
#[derive(Clone, Debug)]
pub struct FixResult {
    /// The fixed text (the input when nothing applied).
    pub output: String,
    /// The findings whose fixes were applied, with ranges in the original text (a range
    /// inside text an earlier fix wrote points at that fix's position).
    pub fixed: Vec<Diagnostic>,
    /// The findings that remain in `output`, with ranges in `output`.
    pub remaining: Vec<Diagnostic>,
    /// How many passes changed the text.
    pub passes: usize,
    /// Set when a fix was skipped because it would have broken the file, or the passes
    /// did not converge. The output is still a good file.
    pub error: Option<String>,
}

impl FixResult {
    pub fn changed(&self, input: &str) -> bool {
        self.output != input
    }
}

/// Fixes `text`: safe fixes, and unsafe ones too when `mode` is [`Applicability::Unsafe`].
pub fn fix(text: &str, settings: &Settings, mode: Applicability) -> FixResult {
    let mut current = text.to_string();
    let mut fixed: Vec<Diagnostic> = Vec::new();
    // The edits of each pass, to map positions back to the original text.
    let mut history: Vec<Vec<Shift>> = Vec::new();
    let mut errors: Vec<String> = Vec::new();
    let mut skipped: Vec<(&'static str, String)> = Vec::new();
    let mut passes = 0;
    let mut converged = false;
    // The parse of `current` when the last pass already made it (to check its fixes).
    let mut parsed_current: Option<Parsed> = None;
    // The findings of `current` when the loop ends without changing it since linting.
    let mut remaining: Option<Vec<Diagnostic>> = None;

    for _ in 0..MAX_PASSES {
        let parsed = parsed_current.take().unwrap_or_else(|| parse(&current));
        let error_count = parsed.errors.len();
        let diagnostics = crate::lint(&parsed, settings);
        let (candidates, others): (Vec<Diagnostic>, Vec<Diagnostic>) =
            diagnostics.into_iter().partition(|d| {
                d.fix
                    .as_ref()
                    .is_some_and(|f| f.applicability <= mode && !f.edits.is_empty())
                    && !skipped.iter().any(|(c, t)| {
                        *c == d.code() && d.fix.as_ref().is_some_and(|f| &f.title == t)
                    })
            });
        let had_candidates = !candidates.is_empty();
        let chosen = choose(candidates);
        if chosen.is_empty() {
            converged = true;
            // With no candidate, `others` is every finding of `current`, in lint order:
            // what remains, without linting `current` again.
            remaining = (!had_candidates).then_some(others);
            break;
        }
        // The image model of `current`: a fix must not add a step that cannot work.
        let image = ImageModel::of(&parsed);
        let builds = |p: &Parsed| image.added(&ImageModel::of(p)).is_empty();
        // A text whose parse has no more errors than `current` and whose model adds no
        // hazard, with that parse.
        let checked = |text: String| {
            let p = parse(&text);
            (p.errors.len() <= error_count && builds(&p)).then_some((text, p))
        };
        let (next, next_parsed, applied) = match apply_all(&current, &chosen).and_then(checked) {
            Some((next, p)) => (next, Some(p), chosen),
            _ => {
                // Find the fixes that break the file, one at a time.
                let mut good = Vec::new();
                for d in chosen {
                    let alone = apply_all(&current, std::slice::from_ref(&d)).map(|t| parse(&t));
                    match alone {
                        Some(p) if p.errors.len() <= error_count && builds(&p) => good.push(d),
                        // A fix after which the image would not build is not applied
                        // (and is not a bug to report: the model is stricter than a rule).
                        Some(p) if p.errors.len() <= error_count => {
                            if let Some(f) = &d.fix {
                                skipped.push((d.code(), f.title.clone()));
                            }
                        }
                        _ => {
                            errors.push(format!(
                                "the fix for `{}` at byte {} would have broken the file and was skipped",
                                d.code(), d.range.start
                            ));
                            if let Some(f) = &d.fix {
                                skipped.push((d.code(), f.title.clone()));
                            }
                        }
                    }
                }
                match apply_all(&current, &good).and_then(checked) {
                    Some((t, p)) => (t, Some(p), good),
                    _ => (current.clone(), None, Vec::new()),
                }
            }
        };
        if applied.is_empty() || next == current {
            if skipped.is_empty() {
                converged = true;
                break;
            }
            continue;
        }
        let edits: Vec<Edit> = applied
            .iter()
            .filter_map(|d| d.fix.as_ref())
            .flat_map(|f| f.edits.iter().cloned())
            .collect();
        for mut d in applied {
            d.range = map_back(d.range, &history);
            if let Some(f) = d.fix.as_mut() {
                for e in &mut f.edits {
                    e.range = map_back(e.range, &history);
                }
            }
            fixed.push(d);
        }
        history.push(shifts(&sorted(edits)));
        current = next;
        parsed_current = next_parsed;
        passes += 1;
    }
    if !converged {
        errors.push(format!(
            "fixes did not settle after {MAX_PASSES} passes; the last good text is kept"
        ));
    }
    let remaining = remaining.unwrap_or_else(|| {
        let parsed = parsed_current.unwrap_or_else(|| parse(&current));
        crate::lint(&parsed, settings)
    });
    FixResult {
        output: current,
        fixed,
        remaining,
        passes,
        error: if errors.is_empty() {
            None
        } else {
            Some(errors.join("; "))
        },
    }
}

/// Applies one fix to a text (for "fix this one finding" in a UI). `None` when the
/// fix's edits do not fit the text or would add a syntax error.
pub fn apply_fix(text: &str, fix: &Fix) -> Option<String> {
    let out = apply_edits(text, &fix.edits)?;
    let (before, after) = (parse(text), parse(&out));
    if after.errors.len() > before.errors.len()
        || !ImageModel::of(&before)
            .added(&ImageModel::of(&after))
            .is_empty()
    {
        return None;
    }
    Some(out)
}

/// Picks fixes in position order, skipping any whose edits touch an already-chosen one.
fn choose(mut candidates: Vec<Diagnostic>) -> Vec<Diagnostic> {
    // Diagnostics without a fix are skipped below, so where they sort does not matter.
    sort_stable(&mut candidates, |d| {
        d.fix
            .as_ref()
            .and_then(Fix::range)
            .map_or((0, 0, 0), |r| (r.start as usize, r.end as usize, 1))
    });
    // The ranges of the chosen edits, sorted; they do not overlap, so their ends are
    // sorted too, and the ones an edit could clash with (those touching it) are found by
    // bisection rather than a scan of all.
    let mut taken: Vec<TextRange> = Vec::new();
    let mut chosen = Vec::new();
    for d in candidates {
        let Some(fix) = &d.fix else { continue };
        let clashes = fix.edits.iter().any(|e| {
            let from = taken.partition_point(|t| t.end < e.range.start);
            taken[from..]
                .iter()
                .take_while(|t| t.start <= e.range.end)
                .any(|t| {
                    t.overlaps(e.range)
                        || (t.start == e.range.start)
                        || (t.end == e.range.start && e.range.is_empty())
                        || (e.range.end == t.start && t.is_empty())
                })
        });
        if clashes {
            continue;
        }
        for e in &fix.edits {
            let at = taken.partition_point(|t| (t.start, t.end) <= (e.range.start, e.range.end));
            taken.insert(at, e.range);
        }
        chosen.push(d);
    }
    chosen
}

fn sorted(mut edits: Vec<Edit>) -> Vec<Edit> {
    sort_stable(&mut edits, |e| {
        (e.range.start as usize, e.range.end as usize, 0)
    });
    edits
}

fn apply_all(text: &str, diagnostics: &[Diagnostic]) -> Option<String> {
    let edits: Vec<Edit> = diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .flat_map(|f| f.edits.iter().cloned())
        .collect();
    apply_edits(text, &sorted(edits))
}

/// Applies sorted, non-overlapping edits. `None` when an edit does not fit the text.
pub fn apply_edits(text: &str, edits: &[Edit]) -> Option<String> {
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0;
    for e in edits {
        let (start, end) = (e.range.start(), e.range.end());
        if start < at
            || end > text.len()
            || !text.is_char_boundary(start)
            || !text.is_char_boundary(end)
        {
            return None;
        }
        out.push_str(&text[at..start]);
        out.push_str(&e.content);
        at = end;
    }
    out.push_str(text.get(at..)?);
    Some(out)
}

/// Where one edit of a pass moved the text: its range in the text after the pass
/// (`new_start..new_end`), its start before, and the total length change up to and
/// including it.
struct Shift {
    new_start: usize,
    new_end: usize,
    start: usize,
    delta_after: isize,
}

/// The shifts of a pass's sorted, non-overlapping edits. Their `new_start`s never
/// decrease, so an offset is mapped back by bisection.
fn shifts(edits: &[Edit]) -> Vec<Shift> {
    let mut delta: isize = 0;
    edits
        .iter()
        .map(|e| {
            let new_start = (e.range.start() as isize + delta).max(0) as usize;
            delta += e.content.len() as isize - e.range.len() as isize;
            Shift {
                new_start,
                new_end: new_start + e.content.len(),
                start: e.range.start(),
                delta_after: delta,
            }
        })
        .collect()
}

/// Maps a range in the text after `history` back to the original text.
fn map_back(range: TextRange, history: &[Vec<Shift>]) -> TextRange {
    let mut r = range;
    for shifts in history.iter().rev() {
        r = TextRange::new(back_offset(r.start(), shifts), back_offset(r.end(), shifts));
    }
    r
}

/// An offset after a pass, before it: inside text an edit wrote, that edit's start.
fn back_offset(offset: usize, shifts: &[Shift]) -> usize {
    let Some(last) = shifts
        .partition_point(|s| s.new_start <= offset)
        .checked_sub(1)
        .and_then(|k| shifts.get(k))
    else {
        return offset;
    };
    if offset < last.new_end {
        return last.start;
    }
    (offset as isize - last.delta_after).max(0) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_apply_and_map_back() {
        let text = "abcdef";
        let edits = vec![
            Edit::replace(TextRange::new(1, 2), "XX"),
            Edit::insert(4, "--"),
        ];
        let out = apply_edits(text, &edits).unwrap();
        assert_eq!(out, "aXXcd--ef");
        let shifts = shifts(&edits);
        assert_eq!(back_offset(3, &shifts), 2); // 'c'
        assert_eq!(back_offset(7, &shifts), 4); // 'e'
        assert_eq!(back_offset(5, &shifts), 4); // inside the insertion
    }

    /// The bisection gives what a walk over every edit gives (the first implementation),
    /// for random sorted, non-overlapping edits and every offset.
    #[test]
    fn back_offset_bisection_equals_the_walk() {
        fn walk(offset: usize, edits: &[Edit]) -> usize {
            let mut delta: isize = 0;
            for e in edits {
                let new_start = (e.range.start() as isize + delta) as usize;
                if offset < new_start {
                    break;
                }
                if offset < new_start + e.content.len() {
                    return e.range.start();
                }
                delta += e.content.len() as isize - e.range.len() as isize;
            }
            (offset as isize - delta).max(0) as usize
        }
        let mut rng = crate::testing::Rng(0x5eed_f1c5);
        for _ in 0..2_000 {
            let mut edits = Vec::new();
            let mut at = 0usize;
            for _ in 0..rng.below(8) {
                let start = at + rng.below(4);
                let end = start + rng.below(4);
                let content = "x".repeat(rng.below(5));
                edits.push(Edit::replace(TextRange::new(start, end), content));
                // A next edit may start where this one ends, but not at the same start.
                at = end.max(start + 1);
            }
            let table = shifts(&edits);
            for offset in 0..80 {
                assert_eq!(
                    back_offset(offset, &table),
                    walk(offset, &edits),
                    "{offset} {edits:?}"
                );
            }
        }
    }

    #[test]
    fn overlapping_edits_are_refused() {
        let edits = vec![
            Edit::delete(TextRange::new(0, 3)),
            Edit::delete(TextRange::new(2, 4)),
        ];
        assert_eq!(apply_edits("abcdef", &edits), None);
    }
}
