//! CLDR plural rules behind the API of `intl_pluralrules` 7.0.2, the crate
//! `fluent-bundle` selects plural variants with. The workspace puts this
//! crate in its place with `[patch.crates-io]`.
//!
//! Why: 7.0.2's generated rules drop the modulus of CLDR's ranges, so
//! Arabic's `few` (`n % 100 = 3..10`) is tested on `i` alone and 103 is
//! `other` instead of `few` (a visitor with 103 unread messages reads the
//! wrong grammatical form). Latvian, Maltese, Belarusian, Lithuanian,
//! Romanian and Breton are hit the same way, and its data is CLDR 37. Here
//! the rules are CLDR 48's own text (`third_party/cldr-48`), parsed at build
//! time (`src/parse.rs`) into tables this crate evaluates as UTS #35 says.
//! The tests compare every locale with the browser's `Intl.PluralRules`
//! (ICU, the same CLDR release) and with 7.0.2.
//!
//! ```
//! use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
//! let ar = PluralRules::create("ar".parse::<unic_langid::LanguageIdentifier>().unwrap(), PluralRuleType::CARDINAL).unwrap();
//! assert_eq!(ar.select(103), Ok(PluralCategory::FEW));
//! assert_eq!(ar.select(111), Ok(PluralCategory::MANY));
//! assert_eq!(ar.select("3.5"), Ok(PluralCategory::OTHER));
//! ```
#![deny(missing_docs)]

pub mod operands;
#[cfg(test)]
mod parse;

use operands::PluralOperands;
use std::convert::TryInto;
use unic_langid::LanguageIdentifier;

/// A plural category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PluralCategory {
    /// `zero`
    ZERO,
    /// `one`
    ONE,
    /// `two`
    TWO,
    /// `few`
    FEW,
    /// `many`
    MANY,
    /// `other`
    OTHER,
}

/// Which rules: for counts ("3 messages") or for ordinals ("3rd").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PluralRuleType {
    /// Ordinal numbers.
    ORDINAL,
    /// Cardinal numbers.
    CARDINAL,
}

#[derive(Debug, Clone, Copy)]
#[allow(dead_code)] // `w` and `c` are in the grammar; CLDR 48 uses neither.
enum Operand {
    N,
    I,
    V,
    W,
    F,
    T,
    C,
    E,
}

/// `operand [% modulus] (= | !=) ranges`. CLDR's largest value is 1000000:
/// 32 bits keep the tables small.
#[derive(Debug)]
struct Relation {
    operand: Operand,
    /// 0: no modulus.
    modulus: u32,
    equal: bool,
    ranges: &'static [(u32, u32)],
}

/// Any of the groups, each true when all of its relations are.
type Condition = &'static [&'static [Relation]];
/// The conditions of one locale, in CLDR's order; `other` is what is left.
type RuleSet = &'static [(PluralCategory, Condition)];

include!(concat!(env!("OUT_DIR"), "/rules.rs"));

impl Relation {
    fn holds(&self, o: &PluralOperands) -> bool {
        let within = match self.operand {
            // `n` is the only operand that can have a fraction: a range of
            // whole numbers holds only for a whole `n` (3.5 is not in 3..10).
            Operand::N => {
                let n = if self.modulus == 0 { o.n } else { o.n % f64::from(self.modulus) };
                n.fract() == 0.0 && self.ranges.iter().any(|&(lo, hi)| (f64::from(lo)..=f64::from(hi)).contains(&n))
            }
            whole => {
                let value = match whole {
                    Operand::I => o.i,
                    Operand::V => o.v as u64,
                    Operand::W => o.w as u64,
                    Operand::F => o.f,
                    Operand::T => o.t,
                    Operand::C | Operand::E => o.e as u64,
                    Operand::N => unreachable!("matched above"),
                };
                let value = if self.modulus == 0 { value } else { value % u64::from(self.modulus) };
                self.ranges.iter().any(|&(lo, hi)| (u64::from(lo)..=u64::from(hi)).contains(&value))
            }
        };
        within == self.equal
    }
}

/// The rules of one locale.
#[derive(Debug, Clone)]
pub struct PluralRules {
    locale: LanguageIdentifier,
    rules: RuleSet,
}

fn table(prt: PluralRuleType) -> &'static [(&'static str, u16)] {
    match prt {
        PluralRuleType::CARDINAL => CARDINAL,
        PluralRuleType::ORDINAL => ORDINAL,
    }
}

impl PluralRules {
    /// The rules for `langid`: its own, or its language's (`ar-EG` gets
    /// `ar`); an error for a language CLDR has no rules for.
    pub fn create<L: Into<LanguageIdentifier>>(langid: L, prt: PluralRuleType) -> Result<Self, &'static str> {
        let locale = langid.into();
        let rules = table(prt);
        let find = |tag: &str| rules.binary_search_by(|(t, _)| (*t).cmp(tag)).ok();
        let found = find(&locale.to_string()).or_else(|| find(locale.language.as_str()));
        match found {
            Some(at) => Ok(Self { locale, rules: RULE_SETS[usize::from(rules[at].1)] }),
            None => Err("unknown locale"),
        }
    }

    /// The category of `number` (an integer, a float, or its decimal text).
    pub fn select<N: TryInto<PluralOperands>>(&self, number: N) -> Result<PluralCategory, &'static str> {
        let operands = number.try_into().map_err(|_| "Argument can not be parsed to operands.")?;
        let category = self
            .rules
            .iter()
            .find(|(_, condition)| condition.iter().any(|group| group.iter().all(|r| r.holds(&operands))))
            .map_or(PluralCategory::OTHER, |(category, _)| *category);
        Ok(category)
    }

    /// Every locale with rules of this type.
    pub fn get_locales(prt: PluralRuleType) -> Vec<LanguageIdentifier> {
        table(prt).iter().filter_map(|(tag, _)| tag.parse().ok()).collect()
    }

    /// The locale these rules were created for.
    pub fn get_locale(&self) -> &LanguageIdentifier {
        &self.locale
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(tag: &str, prt: PluralRuleType) -> PluralRules {
        PluralRules::create(tag.parse::<LanguageIdentifier>().unwrap(), prt).unwrap()
    }

    #[test]
    fn the_moduli_intl_pluralrules_7_dropped() {
        use PluralCategory::*;
        let ar = rules("ar", PluralRuleType::CARDINAL);
        let got: Vec<_> =
            [0, 1, 2, 3, 10, 11, 99, 100, 102, 103, 110, 111, 199, 1003, 1011].map(|n| ar.select(n).unwrap()).into();
        assert_eq!(got, [ZERO, ONE, TWO, FEW, FEW, MANY, MANY, OTHER, OTHER, FEW, FEW, MANY, MANY, FEW, MANY]);
        assert_eq!(ar.select("3.5"), Ok(OTHER), "a fraction is in no range of whole numbers");
        assert_eq!(rules("lv", PluralRuleType::CARDINAL).select(111), Ok(ZERO));
        assert_eq!(rules("be", PluralRuleType::CARDINAL).select(22), Ok(FEW));
        assert_eq!(rules("mt", PluralRuleType::CARDINAL).select(103), Ok(FEW));
    }

    #[test]
    fn the_exponent_rules_of_french_and_ordinals() {
        use PluralCategory::*;
        let fr = rules("fr", PluralRuleType::CARDINAL);
        assert_eq!([0, 1, 2, 1_000_000].map(|n| fr.select(n).unwrap()), [ONE, ONE, OTHER, MANY]);
        assert_eq!(fr.select("1.2c6"), Ok(MANY));
        let en = rules("en", PluralRuleType::ORDINAL);
        assert_eq!([1, 2, 3, 4, 11, 21, 112].map(|n| en.select(n).unwrap()), [ONE, TWO, FEW, OTHER, OTHER, ONE, OTHER]);
    }

    #[test]
    fn regions_fall_back_to_their_language_and_unknown_languages_are_refused() {
        assert_eq!(rules("ar-EG", PluralRuleType::CARDINAL).select(103), Ok(PluralCategory::FEW));
        assert_eq!(rules("pt-PT", PluralRuleType::CARDINAL).select(0), Ok(PluralCategory::OTHER), "pt-PT has its own");
        assert_eq!(rules("pt", PluralRuleType::CARDINAL).select(0), Ok(PluralCategory::ONE));
        let xx = PluralRules::create("xx".parse::<LanguageIdentifier>().unwrap(), PluralRuleType::CARDINAL);
        assert!(xx.is_err());
        let all = PluralRules::get_locales(PluralRuleType::CARDINAL);
        assert!(all.len() > 200, "{}", all.len());
        for l in &all {
            assert!(PluralRules::create(l.clone(), PluralRuleType::CARDINAL).is_ok(), "{l}");
        }
        assert_eq!(CLDR_VERSION, 48);
    }
}
