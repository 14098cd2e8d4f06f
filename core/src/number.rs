//! Range checks for decimal number literals, without parsing them into floats.
//!
//! The TOML and JSON readers accept a decimal literal only when it fits an `f64`, as the
//! crates they replace did: `1e308` is a number, `1e309` an error. Nothing in the core
//! ever uses the value, so instead of linking the standard library's float parser (its
//! code and its table of powers of ten weighed ~15 KB gzip in the playground) the check
//! compares the literal's digits with the smallest decimal that rounds to infinity.
//!
//! Round-to-nearest-even sends a decimal to infinity exactly when it is at least
//! `f64::MAX` plus half an ulp, 2^1024 - 2^970, a 309-digit integer: `0.D x 10^E`
//! (digits `D` without leading or trailing zeros) overflows when `E > 309`, or when
//! `E == 309` and `D` is not smaller than that integer's digits. Values too small for an
//! `f64` round to zero, which is finite, so there is no lower bound to check.

/// The digits of 2^1024 - 2^970 (it has no trailing zeros).
const OVERFLOW_DIGITS: &str = "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792";

/// Exponents beyond this are all equally out of range (or equally tiny): saturating
/// here keeps the arithmetic exact for any length of input.
const EXPONENT_CAP: i64 = 1 << 40;

/// Whether a decimal literal rounds to a finite `f64`. `literal` must already be
/// well formed: an optional sign, ASCII digits with at most one `.`, then optionally
/// `e`/`E`, an optional sign and digits (no underscores).
pub(crate) fn decimal_fits_f64(literal: &str) -> bool {
    let unsigned = literal.strip_prefix(['+', '-']).unwrap_or(literal);
    let (mantissa, exponent) = unsigned.split_once(['e', 'E']).unwrap_or((unsigned, ""));
    let (int_part, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));

    // The exponent, saturated at +-EXPONENT_CAP.
    let negative = exponent.starts_with('-');
    let mut exp: i64 = 0;
    for b in exponent.bytes().filter(u8::is_ascii_digit) {
        exp = (exp * 10 + i64::from(b - b'0')).min(EXPONENT_CAP);
    }
    if negative {
        exp = -exp;
    }

    // `0.D x 10^E`: the digits of the integer part and the fraction, from the first
    // non-zero one; `E` is the integer part's length plus the exponent, minus one for
    // each zero skipped (`0.001` is `0.1 x 10^-2`).
    let digits = || int_part.bytes().chain(fraction.bytes());
    let leading_zeros = digits().take_while(|b| *b == b'0').count();
    if leading_zeros == int_part.len() + fraction.len() {
        // Zero.
        return true;
    }
    // Lengths are far below i64::MAX, and the exponent is capped: no overflow.
    let length = |n: usize| i64::try_from(n).unwrap_or(EXPONENT_CAP).min(EXPONENT_CAP);
    let magnitude = length(int_part.len()) - length(leading_zeros) + exp;
    match magnitude.cmp(&309) {
        std::cmp::Ordering::Less => true,
        std::cmp::Ordering::Greater => false,
        std::cmp::Ordering::Equal => {
            // Compare `D` with the boundary's digits, the shorter padded with zeros:
            // the first difference decides, and equal means a tie, which rounds to
            // infinity (the even neighbour).
            let mut significant = digits().skip(leading_zeros);
            let mut boundary = OVERFLOW_DIGITS.bytes();
            loop {
                match (significant.next(), boundary.next()) {
                    (None, None) => return false,
                    (d, t) => match d.unwrap_or(b'0').cmp(&t.unwrap_or(b'0')) {
                        std::cmp::Ordering::Less => return true,
                        std::cmp::Ordering::Greater => return false,
                        std::cmp::Ordering::Equal => {}
                    },
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::decimal_fits_f64;

    /// The verdict of the standard library's parser, which this replaces.
    fn std_verdict(literal: &str) -> bool {
        literal.parse::<f64>().is_ok_and(f64::is_finite)
    }

    #[test]
    fn agrees_with_the_standard_parser() {
        let mut cases: Vec<String> = [
            "0",
            "-0",
            "0.0",
            "0e999999999999999999999",
            "1e308",
            "1e309",
            "-1e309",
            "10e307",
            "10e308",
            "0.1e309",
            "0.1e310",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "-1.7976931348623158e308",
            "1e-400",
            "1e-99999999999999999",
            "1e99999999999999999999",
            "000000000000001e308",
            "0.00000001e316",
            "0.00000001e317",
            "12345.6789E+300",
            "1E-5",
            "+1.5",
            "3",
            "1.0",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Around the boundary: the digits themselves, one less, one more, and every
        // truncation, each scaled to land on either side of it.
        let max = super::OVERFLOW_DIGITS;
        for cut in 1..=max.len() {
            let prefix = &max[..cut];
            cases.push(format!("0.{prefix}e309"));
            cases.push(format!("{prefix}e{}", 309 - cut as i64));
            cases.push(format!("0.{prefix}1e309"));
            cases.push(format!("0.{prefix}0000e309"));
        }
        cases.push(max.to_string());
        cases.push(format!("{max}.0"));
        cases.push(format!("{max}.0000001"));
        cases.push(format!("{}7", &max[..max.len() - 1]));
        cases.push(format!("{}.5e1", &max[..max.len() - 1]));
        cases.push(format!("0.000{max}e312"));
        cases.push(format!("0.000{max}e313"));
        cases.push(format!("{max}0e-1"));
        cases.push(format!("{max}0e-2"));
        for exp in 290..320 {
            for mantissa in ["1", "9.99", "1.79", "1.8", "17.976931348623157", "0.5"] {
                cases.push(format!("{mantissa}e{exp}"));
                cases.push(format!("-{mantissa}E+{exp}"));
            }
        }
        // Random literals with the boundary's leading digits, around its magnitude.
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) % n
        };
        for _ in 0..20_000 {
            let keep = usize::try_from(next(40)).unwrap();
            let mut digits: String = max[..keep].to_string();
            for _ in 0..next(30) {
                digits.push(char::from(b'0' + u8::try_from(next(10)).unwrap()));
            }
            let zeros = "0".repeat(usize::try_from(next(4)).unwrap());
            let point = usize::try_from(next(u64::try_from(digits.len()).unwrap() + 1)).unwrap();
            let (int_part, fraction) = digits.split_at(point);
            let int_part = if int_part.is_empty() { "0" } else { int_part };
            let exp = 280 + i64::try_from(next(40)).unwrap() - i64::try_from(point).unwrap();
            cases.push(format!("{zeros}{int_part}.{fraction}0e{exp}"));
        }
        for case in &cases {
            assert_eq!(decimal_fits_f64(case), std_verdict(case), "{case}");
        }
    }
}
