//! How numbers and lists are written in a report, in either language.

use crate::manifest::Lang;

/// A number as the report prints it: 9 significant digits (scientific
/// notation for very small or large magnitudes), trailing zeros dropped;
/// NaN and infinity by name.
pub fn num(x: f64) -> String {
    num_with(x, 9)
}

fn num_with(x: f64, digits: usize) -> String {
    if x.is_nan() {
        return "NaN".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if x == 0.0 {
        return "0".into();
    }
    let magnitude = x.abs().log10().floor() as i32;
    if !(-4..6).contains(&magnitude) {
        let s = format!("{x:.*e}", digits.saturating_sub(1));
        let (mantissa, exponent) = s.split_once('e').unwrap_or((&s, "0"));
        let mantissa = if mantissa.contains('.') {
            mantissa.trim_end_matches('0').trim_end_matches('.')
        } else {
            mantissa
        };
        return format!("{mantissa}e{exponent}");
    }
    let decimals = (digits as i32 - 1 - magnitude).max(0) as usize;
    let s = format!("{x:.decimals$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// Two numbers that differ, printed with enough digits to show that they do.
pub fn num_pair(a: f64, b: f64) -> (String, String) {
    for digits in 9..=17 {
        let (x, y) = (num_with(a, digits), num_with(b, digits));
        if x != y || digits == 17 {
            return (x, y);
        }
    }
    (num(a), num(b))
}

/// A list in the language's punctuation: `a, b` or `a、b`.
pub fn join(items: &[String], lang: Lang) -> String {
    items.join(lang.pick(", ", "、"))
}
