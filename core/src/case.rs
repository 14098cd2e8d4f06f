//! Lower-casing as Go's `strings.ToLower` does it, which is what BuildKit compares stage
//! names and protocols with.
//!
//! ASCII text, nearly everything a Dockerfile names, is lowered byte by byte. Other
//! characters use Unicode's simple lower-case mapping, one character to one character
//! (Go's `unicode.ToLower`): `İ` becomes `i` and `Σ` always `σ`, where Rust's
//! `str::to_lowercase` would write `i̇` and a word-final `ς`. The mapping is a short
//! table of runs instead of the standard library's, which with its context rules costs
//! the playground ~7 KB gzip.

/// Every non-ASCII character whose lower case differs, as runs `(first, count, step,
/// delta)`: the characters `first + k * step` for `k < count` lower to themselves plus
/// `delta`; every other character lowers to itself. Sorted by `first`; generated from the
/// standard library's tables by `tests::runs_match_the_standard_library`, which prints a
/// fresh copy when Rust's Unicode version moves on.
#[rustfmt::skip]
const LOWER_RUNS: &[(u32, u8, u8, i32)] = &[
    (0x00C0, 23, 1, 32), (0x00D8, 7, 1, 32), (0x0100, 24, 2, 1), (0x0130, 1, 1, -199),
    (0x0132, 3, 2, 1), (0x0139, 8, 2, 1), (0x014A, 23, 2, 1), (0x0178, 1, 1, -121),
    (0x0179, 3, 2, 1), (0x0181, 1, 1, 210), (0x0182, 2, 2, 1), (0x0186, 1, 1, 206),
    (0x0187, 1, 1, 1), (0x0189, 2, 1, 205), (0x018B, 1, 1, 1), (0x018E, 1, 1, 79),
    (0x018F, 1, 1, 202), (0x0190, 1, 1, 203), (0x0191, 1, 1, 1), (0x0193, 1, 1, 205),
    (0x0194, 1, 1, 207), (0x0196, 1, 1, 211), (0x0197, 1, 1, 209), (0x0198, 1, 1, 1),
    (0x019C, 1, 1, 211), (0x019D, 1, 1, 213), (0x019F, 1, 1, 214), (0x01A0, 3, 2, 1),
    (0x01A6, 1, 1, 218), (0x01A7, 1, 1, 1), (0x01A9, 1, 1, 218), (0x01AC, 1, 1, 1),
    (0x01AE, 1, 1, 218), (0x01AF, 1, 1, 1), (0x01B1, 2, 1, 217), (0x01B3, 2, 2, 1),
    (0x01B7, 1, 1, 219), (0x01B8, 1, 1, 1), (0x01BC, 1, 1, 1), (0x01C4, 1, 1, 2),
    (0x01C5, 1, 1, 1), (0x01C7, 1, 1, 2), (0x01C8, 1, 1, 1), (0x01CA, 1, 1, 2),
    (0x01CB, 9, 2, 1), (0x01DE, 9, 2, 1), (0x01F1, 1, 1, 2), (0x01F2, 2, 2, 1),
    (0x01F6, 1, 1, -97), (0x01F7, 1, 1, -56), (0x01F8, 20, 2, 1), (0x0220, 1, 1, -130),
    (0x0222, 9, 2, 1), (0x023A, 1, 1, 10795), (0x023B, 1, 1, 1), (0x023D, 1, 1, -163),
    (0x023E, 1, 1, 10792), (0x0241, 1, 1, 1), (0x0243, 1, 1, -195), (0x0244, 1, 1, 69),
    (0x0245, 1, 1, 71), (0x0246, 5, 2, 1), (0x0370, 2, 2, 1), (0x0376, 1, 1, 1),
    (0x037F, 1, 1, 116), (0x0386, 1, 1, 38), (0x0388, 3, 1, 37), (0x038C, 1, 1, 64),
    (0x038E, 2, 1, 63), (0x0391, 17, 1, 32), (0x03A3, 9, 1, 32), (0x03CF, 1, 1, 8),
    (0x03D8, 12, 2, 1), (0x03F4, 1, 1, -60), (0x03F7, 1, 1, 1), (0x03F9, 1, 1, -7),
    (0x03FA, 1, 1, 1), (0x03FD, 3, 1, -130), (0x0400, 16, 1, 80), (0x0410, 32, 1, 32),
    (0x0460, 17, 2, 1), (0x048A, 27, 2, 1), (0x04C0, 1, 1, 15), (0x04C1, 7, 2, 1),
    (0x04D0, 48, 2, 1), (0x0531, 38, 1, 48), (0x10A0, 38, 1, 7264), (0x10C7, 1, 1, 7264),
    (0x10CD, 1, 1, 7264), (0x13A0, 80, 1, 38864), (0x13F0, 6, 1, 8), (0x1C89, 1, 1, 1),
    (0x1C90, 43, 1, -3008), (0x1CBD, 3, 1, -3008), (0x1E00, 75, 2, 1), (0x1E9E, 1, 1, -7615),
    (0x1EA0, 48, 2, 1), (0x1F08, 8, 1, -8), (0x1F18, 6, 1, -8), (0x1F28, 8, 1, -8),
    (0x1F38, 8, 1, -8), (0x1F48, 6, 1, -8), (0x1F59, 4, 2, -8), (0x1F68, 8, 1, -8),
    (0x1F88, 8, 1, -8), (0x1F98, 8, 1, -8), (0x1FA8, 8, 1, -8), (0x1FB8, 2, 1, -8),
    (0x1FBA, 2, 1, -74), (0x1FBC, 1, 1, -9), (0x1FC8, 4, 1, -86), (0x1FCC, 1, 1, -9),
    (0x1FD8, 2, 1, -8), (0x1FDA, 2, 1, -100), (0x1FE8, 2, 1, -8), (0x1FEA, 2, 1, -112),
    (0x1FEC, 1, 1, -7), (0x1FF8, 2, 1, -128), (0x1FFA, 2, 1, -126), (0x1FFC, 1, 1, -9),
    (0x2126, 1, 1, -7517), (0x212A, 1, 1, -8383), (0x212B, 1, 1, -8262), (0x2132, 1, 1, 28),
    (0x2160, 16, 1, 16), (0x2183, 1, 1, 1), (0x24B6, 26, 1, 26), (0x2C00, 48, 1, 48),
    (0x2C60, 1, 1, 1), (0x2C62, 1, 1, -10743), (0x2C63, 1, 1, -3814), (0x2C64, 1, 1, -10727),
    (0x2C67, 3, 2, 1), (0x2C6D, 1, 1, -10780), (0x2C6E, 1, 1, -10749), (0x2C6F, 1, 1, -10783),
    (0x2C70, 1, 1, -10782), (0x2C72, 1, 1, 1), (0x2C75, 1, 1, 1), (0x2C7E, 2, 1, -10815),
    (0x2C80, 50, 2, 1), (0x2CEB, 2, 2, 1), (0x2CF2, 1, 1, 1), (0xA640, 23, 2, 1),
    (0xA680, 14, 2, 1), (0xA722, 7, 2, 1), (0xA732, 31, 2, 1), (0xA779, 2, 2, 1),
    (0xA77D, 1, 1, -35332), (0xA77E, 5, 2, 1), (0xA78B, 1, 1, 1), (0xA78D, 1, 1, -42280),
    (0xA790, 2, 2, 1), (0xA796, 10, 2, 1), (0xA7AA, 1, 1, -42308), (0xA7AB, 1, 1, -42319),
    (0xA7AC, 1, 1, -42315), (0xA7AD, 1, 1, -42305), (0xA7AE, 1, 1, -42308), (0xA7B0, 1, 1, -42258),
    (0xA7B1, 1, 1, -42282), (0xA7B2, 1, 1, -42261), (0xA7B3, 1, 1, 928), (0xA7B4, 8, 2, 1),
    (0xA7C4, 1, 1, -48), (0xA7C5, 1, 1, -42307), (0xA7C6, 1, 1, -35384), (0xA7C7, 2, 2, 1),
    (0xA7CB, 1, 1, -42343), (0xA7CC, 8, 2, 1), (0xA7DC, 1, 1, -42561), (0xA7F5, 1, 1, 1),
    (0xFF21, 26, 1, 32), (0x10400, 40, 1, 40), (0x104B0, 36, 1, 40), (0x10570, 11, 1, 39),
    (0x1057C, 15, 1, 39), (0x1058C, 7, 1, 39), (0x10594, 2, 1, 39), (0x10C80, 51, 1, 64),
    (0x10D50, 22, 1, 32), (0x118A0, 32, 1, 32), (0x16E40, 32, 1, 32), (0x16EA0, 25, 1, 27),
    (0x1E900, 34, 1, 34),
];

/// The lower case of one character (Go's `unicode.ToLower`).
pub(crate) fn lower_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let cp = u32::from(c);
    let i = LOWER_RUNS.partition_point(|run| run.0 <= cp);
    let Some(&(first, count, step, delta)) = i.checked_sub(1).and_then(|i| LOWER_RUNS.get(i))
    else {
        return c;
    };
    let offset = cp - first;
    let step = u32::from(step);
    if offset % step != 0 || offset / step >= u32::from(count) {
        return c;
    }
    cp.checked_add_signed(delta)
        .and_then(char::from_u32)
        .unwrap_or(c)
}

/// The lower case of a text (Go's `strings.ToLower`).
pub(crate) fn to_lowercase(s: &str) -> String {
    if s.is_ascii() {
        s.to_ascii_lowercase()
    } else {
        s.chars().map(lower_char).collect()
    }
}

/// Whether lower-casing leaves the text unchanged.
pub(crate) fn is_lowercase(s: &str) -> bool {
    s.chars().all(|c| lower_char(c) == c)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The runs computed from the standard library's mapping, keeping the first
    /// character of a multi-character lower case (`İ` -> `i`, like Go).
    fn std_runs() -> Vec<(u32, u8, u8, i32)> {
        let mut runs: Vec<(u32, u32, u32, i64)> = Vec::new();
        for c in (0x80..=0x10_FFFF).filter_map(char::from_u32) {
            let cp = u32::from(c);
            let lower = c.to_lowercase().next().map_or(cp, u32::from);
            if lower == cp {
                continue;
            }
            let delta = i64::from(lower) - i64::from(cp);
            if let Some(last) = runs.last_mut() {
                if last.3 == delta && cp == last.0 + last.1 * last.2 {
                    last.1 += 1;
                    continue;
                }
                if last.1 == 1 && last.3 == delta && cp == last.0 + 2 {
                    (last.1, last.2) = (2, 2);
                    continue;
                }
            }
            runs.push((cp, 1, 1, delta));
        }
        runs.into_iter()
            .map(|(first, count, step, delta)| {
                let count = u8::try_from(count).unwrap();
                let step = u8::try_from(step).unwrap();
                (first, count, step, i32::try_from(delta).unwrap())
            })
            .collect()
    }

    #[test]
    fn runs_match_the_standard_library() {
        let fresh = std_runs();
        if fresh != LOWER_RUNS {
            let mut text = String::new();
            for (i, (first, count, step, delta)) in fresh.iter().enumerate() {
                text.push_str(if i % 4 == 0 { "\n    " } else { " " });
                text.push_str(&format!("(0x{first:04X}, {count}, {step}, {delta}),"));
            }
            panic!("LOWER_RUNS is stale; replace its body with:{text}");
        }
    }

    #[test]
    fn every_character_lowers_like_go() {
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            let expected = c.to_lowercase().next().unwrap_or(c);
            assert_eq!(lower_char(c), expected, "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn texts() {
        assert_eq!(to_lowercase("Builder-1.X"), "builder-1.x");
        assert_eq!(to_lowercase("ÉTAPE"), "étape");
        // Go's simple mapping, not Rust's full one.
        assert_eq!(to_lowercase("İSTANBUL"), "istanbul");
        assert_eq!(to_lowercase("ΟΔΟΣ"), "οδοσ");
        assert_eq!(to_lowercase("\u{212A}elvin"), "kelvin");
        assert!(is_lowercase("builder_2"));
        assert!(is_lowercase("étape-ß"));
        assert!(!is_lowercase("Étape"));
        assert!(!is_lowercase("tcP"));
    }
}
