//! CLDR plural rule syntax (UTS #35, "Language Plural Rules"), parsed by
//! the build script into the static tables `lib.rs` evaluates, so the
//! shipped code carries no parser.
//!
//! Why our own: `cldr_pluralrules_parser` 2.0 (the parser behind
//! intl_pluralrules) stops at CLDR 37's grammar and rejects the `e`
//! operand that CLDR 38+ uses in the "many" rules of French, Spanish,
//! Portuguese, Italian and Catalan (`e = 0 and i != 0 and i % 1000000 = 0
//! and v = 0 or e != 0..5`). The grammar CLDR 48 uses is small: `or` of
//! `and` of relations `operand [% modulus] (= | !=) value[..value],...`,
//! then samples after `@`, which are ignored. The tests check every rule of
//! the data parses, and the rules' results against the browser's
//! `Intl.PluralRules` and against intl_pluralrules 7.0.2.

/// One relation: `i % 10 = 2..4,6`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relation {
    /// `n`, `i`, `v`, `w`, `f`, `t`, `c` or `e`.
    pub operand: char,
    /// The `% m` part; 0 when there is none.
    pub modulus: u32,
    /// `=` (true) or `!=` (false).
    pub equal: bool,
    /// Inclusive ranges; a single value `v` is `(v, v)`.
    pub ranges: Vec<(u32, u32)>,
}

/// A condition: any of these groups, each true when all its relations are.
/// Empty for the `other` rule, which has no condition.
pub type Condition = Vec<Vec<Relation>>;

/// Parses the condition of a rule as CLDR writes it, samples included.
pub fn parse(rule: &str) -> Result<Condition, String> {
    let condition = rule.split('@').next().unwrap_or("").trim();
    if condition.is_empty() {
        return Ok(vec![]);
    }
    condition
        .split(" or ")
        .map(|group| group.split(" and ").map(|r| relation(r.trim())).collect())
        .collect::<Result<_, _>>()
        .map_err(|e| format!("{e} in \"{condition}\""))
}

fn relation(text: &str) -> Result<Relation, String> {
    let (lhs, equal, rhs) = match (text.find("!="), text.find('=')) {
        (Some(at), _) => (&text[..at], false, &text[at + 2..]),
        (None, Some(at)) => (&text[..at], true, &text[at + 1..]),
        _ => return Err(format!("no = or != in \"{text}\"")),
    };
    let (operand, modulus) = match lhs.split_once('%') {
        Some((o, m)) => (o.trim(), number(m)?),
        None => (lhs.trim(), 0),
    };
    let operand = match operand {
        "n" | "i" | "v" | "w" | "f" | "t" | "c" | "e" => operand.chars().next().unwrap_or('n'),
        other => return Err(format!("unknown operand \"{other}\"")),
    };
    if lhs.contains('%') && modulus == 0 {
        return Err("modulus 0".into());
    }
    let ranges = rhs
        .split(',')
        .map(|item| match item.split_once("..") {
            Some((lo, hi)) => Ok((number(lo)?, number(hi)?)),
            None => number(item).map(|v| (v, v)),
        })
        .collect::<Result<Vec<_>, String>>()?;
    if ranges.iter().any(|(lo, hi)| lo > hi) {
        return Err(format!("an empty range in \"{rhs}\""));
    }
    Ok(Relation { operand, modulus, equal, ranges })
}

fn number(text: &str) -> Result<u32, String> {
    let text = text.trim();
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("\"{text}\" is not a whole number"));
    }
    text.parse().map_err(|_| format!("\"{text}\" is too large"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rel(operand: char, modulus: u32, equal: bool, ranges: &[(u32, u32)]) -> Relation {
        Relation { operand, modulus, equal, ranges: ranges.to_vec() }
    }

    #[test]
    fn arabic_few_keeps_its_modulus() {
        let few = parse("n % 100 = 3..10 @integer 3~10, 103~110, 1003, … @decimal 3.0, 4.0").unwrap();
        assert_eq!(few, vec![vec![rel('n', 100, true, &[(3, 10)])]]);
    }

    #[test]
    fn or_of_and_with_lists_and_not_equal() {
        let c = parse("v = 0 and i % 10 = 2..4 and i % 100 != 12..14 or f % 10 = 2..4,7 @integer 2").unwrap();
        assert_eq!(
            c,
            vec![
                vec![rel('v', 0, true, &[(0, 0)]), rel('i', 10, true, &[(2, 4)]), rel('i', 100, false, &[(12, 14)])],
                vec![rel('f', 10, true, &[(2, 4), (7, 7)])],
            ]
        );
    }

    #[test]
    fn the_exponent_operand_of_cldr_38_and_later() {
        let many = parse("e = 0 and i != 0 and i % 1000000 = 0 and v = 0 or e != 0..5 @integer 1000000").unwrap();
        assert_eq!(many.len(), 2);
        assert_eq!(many[1], vec![rel('e', 0, false, &[(0, 5)])]);
    }

    #[test]
    fn other_has_no_condition_and_nonsense_is_refused() {
        assert_eq!(parse(" @integer 0, 2~16, 100"), Ok(vec![]));
        for bad in ["n is 1", "x = 1", "n = 1..", "n % = 1", "n % 0 = 1", "n = 5..3", "n = -1", "n = 1.5"] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
