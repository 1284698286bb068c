//! The operands a plural rule reads from a number (UTS #35): `n` the
//! absolute value, `i` its integer digits, `v`/`w` the count of visible
//! fraction digits with and without trailing zeros, `f`/`t` those digits as
//! a number, and `e` (also `c`) the compact exponent.
//!
//! The conversions are intl_pluralrules 7.0.2's, so numbers reach the rules
//! exactly as before (floats go through their decimal text, which is how
//! "1.50" keeps `v = 2`); only `e` is new, and it is 0 for every plain number.

use std::convert::TryFrom;
use std::str::FromStr;

/// A number as plural rules see it.
#[derive(Debug, PartialEq, Clone)]
pub struct PluralOperands {
    /// Absolute value.
    pub n: f64,
    /// Integer digits of `n`.
    pub i: u64,
    /// Number of visible fraction digits, with trailing zeros.
    pub v: usize,
    /// Number of visible fraction digits, without trailing zeros.
    pub w: usize,
    /// Visible fraction digits, with trailing zeros.
    pub f: u64,
    /// Visible fraction digits, without trailing zeros.
    pub t: u64,
    /// Compact decimal exponent (`c`, also written `e`): 0 unless the number
    /// was written like `1.2c6`.
    pub e: usize,
}

impl<'a> TryFrom<&'a str> for PluralOperands {
    type Error = &'static str;

    fn try_from(input: &'a str) -> Result<Self, Self::Error> {
        let abs = input.strip_prefix('-').unwrap_or(input);
        // `1.2c6` (CLDR's sample notation): the exponent is an operand, and
        // the other operands are those of the number written out (1200000).
        let (mantissa, e) = match abs.split_once(['c', 'e']) {
            Some((m, exp)) if !m.is_empty() && !exp.is_empty() && exp.bytes().all(|b| b.is_ascii_digit()) => {
                (m, exp.parse::<usize>().map_err(|_| "Exponent too large!")?)
            }
            _ => (abs, 0),
        };
        if e > 0 {
            let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
            let digits = format!("{int}{frac:0<e$}", e = e);
            let (int, frac) = digits.split_at(int.len() + e);
            let written = if frac.is_empty() { int.to_string() } else { format!("{int}.{frac}") };
            let mut operands = PluralOperands::try_from(written.as_str())?;
            operands.e = e;
            return Ok(operands);
        }
        let n = f64::from_str(mantissa).map_err(|_| "Incorrect number passed!")?;
        let Some((int, frac)) = mantissa.split_once('.') else {
            return Ok(PluralOperands { n, i: n as u64, v: 0, w: 0, f: 0, t: 0, e: 0 });
        };
        let without_zeros = frac.trim_end_matches('0');
        Ok(PluralOperands {
            n,
            i: u64::from_str(int).map_err(|_| "Could not convert string to integer!")?,
            v: frac.len(),
            w: without_zeros.len(),
            f: u64::from_str(frac).map_err(|_| "Could not convert string to integer!")?,
            t: u64::from_str(without_zeros).unwrap_or(0),
            e: 0,
        })
    }
}

macro_rules! unsigned {
    ($($ty:ident)+) => {$(
        impl From<$ty> for PluralOperands {
            fn from(input: $ty) -> Self {
                PluralOperands { n: input as f64, i: input as u64, v: 0, w: 0, f: 0, t: 0, e: 0 }
            }
        }
    )+};
}

macro_rules! signed {
    ($($ty:ident)+) => {$(
        impl TryFrom<$ty> for PluralOperands {
            type Error = &'static str;
            fn try_from(input: $ty) -> Result<Self, Self::Error> {
                let x = (input as isize).checked_abs().ok_or("Number too big")?;
                Ok(PluralOperands { n: x as f64, i: x as u64, v: 0, w: 0, f: 0, t: 0, e: 0 })
            }
        }
    )+};
}

macro_rules! through_text {
    ($($ty:ident)+) => {$(
        impl TryFrom<$ty> for PluralOperands {
            type Error = &'static str;
            fn try_from(input: $ty) -> Result<Self, Self::Error> {
                PluralOperands::try_from(input.to_string().as_str())
            }
        }
    )+};
}

unsigned!(u8 u16 u32 u64 usize);
signed!(i8 i16 i32 i64 isize);
through_text!(f32 f64 String);

#[cfg(test)]
mod tests {
    use super::*;

    fn ops(s: &str) -> (f64, u64, usize, usize, u64, u64, usize) {
        let o = PluralOperands::try_from(s).unwrap();
        (o.n, o.i, o.v, o.w, o.f, o.t, o.e)
    }

    #[test]
    fn operands_as_uts35_defines_them() {
        assert_eq!(ops("1"), (1.0, 1, 0, 0, 0, 0, 0));
        assert_eq!(ops("-1.50"), (1.5, 1, 2, 1, 50, 5, 0));
        assert_eq!(ops("1.03"), (1.03, 1, 2, 2, 3, 3, 0));
        assert_eq!(ops("1.2c6"), (1_200_000.0, 1_200_000, 0, 0, 0, 0, 6));
        assert_eq!(ops("1.23456c3"), (1234.56, 1234, 2, 2, 56, 56, 3));
        assert!(PluralOperands::try_from("one").is_err());
        assert_eq!(PluralOperands::try_from(3.0_f64).unwrap().v, 0, "3.0 as f64 prints as 3");
        assert_eq!(PluralOperands::try_from(i64::MIN), Err("Number too big"));
        assert_eq!(PluralOperands::from(7u32).i, 7);
    }
}
