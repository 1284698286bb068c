//! The reference bot: answers from a knowledge-base file, asks whether the
//! answer helped, and hands over to a person when it has no answer, after
//! two unhelpful answers, or when asked for one in any shipped language.
//!
//! [`Bot::reply`] is a pure function of the visitor's text, their language
//! and what the bot remembers of the conversation ([`Memory`]); the server
//! stores the memory and the messages and publishes them.
//!
//! The knowledge base (`--kb FILE`) is JSON, answers per language:
//!
//! ```json
//! {"en": [{"question": "How much does it cost?",
//!          "patterns": ["price", "pricing", "how much"],
//!          "answer": "Plans start at **$9 a month**: https://example.com/pricing"}],
//!  "fa": [{"question": "هزینه چقدر است؟", "patterns": ["قیمت", "هزینه"], "answer": "..."}]}
//! ```
//!
//! The bot's own phrases ("Did that help?", the words that ask for a
//! person) are `locales/<lang>/bot.ftl`, formatted by fluent-bundle.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use serde::Deserialize;
use std::collections::BTreeMap;
use unic_langid::LanguageIdentifier;

/// The shipped bot phrase files, by language tag.
const PHRASES: &[(&str, &str)] = crate::texts::shipped!("bot.ftl");

/// Unhelpful answers in a row before the bot hands over.
pub const UNHELPFUL_LIMIT: u32 = 2;

/// Most suggestions the bot offers when a question matches several answers.
pub const MAX_SUGGESTIONS: usize = 3;

/// One answer of the knowledge base.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The question as a visitor would ask it; also the suggestion's label.
    pub question: String,
    /// Words or phrases that point to this answer.
    #[serde(default)]
    pub patterns: Vec<String>,
    /// The answer (rich text: see `docs/PROTOCOL.md`).
    pub answer: String,
}

/// What the bot remembers of a conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Memory {
    /// Unhelpful answers in a row.
    pub unhelpful: u32,
    /// The bot's last message asked "Did that help?".
    pub asked: bool,
}

/// A message the bot sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    /// Its text.
    pub text: String,
    /// Buttons under it.
    pub quick_replies: Vec<String>,
}

/// What the bot does with one visitor message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// Its messages, in order.
    pub said: Vec<Said>,
    /// Hand the conversation to a person.
    pub handover: bool,
    /// What to remember.
    pub memory: Memory,
}

/// A language's phrases, and its words that ask for a person.
struct Phrases {
    tag: String,
    bundle: FluentBundle<FluentResource>,
    handover_words: Vec<String>,
}

impl Phrases {
    fn get(&self, id: &str) -> String {
        self.format(id, None)
    }

    fn format(&self, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        crate::texts::format(&self.bundle, id, args)
    }
}

/// The bot.
pub struct Bot {
    answers: BTreeMap<String, Vec<Entry>>,
    phrases: Vec<Phrases>,
}

/// Lower case, Arabic letter forms as Persian ones, punctuation as spaces,
/// one space between words, and a space at each end (so a phrase is found
/// as whole words by `contains(" phrase ")`).
fn normalize(text: &str) -> String {
    let mut out = String::from(" ");
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'ي' | 'ى' => 'ی',
            'ك' => 'ک',
            'ة' => 'ه',
            'أ' | 'إ' | 'آ' => 'ا',
            // Zero-width non-joiner inside Persian words: a word joint, not a break.
            '\u{200c}' => ' ',
            c if c.is_alphanumeric() => c,
            // Combining marks (Arabic short vowels, accents) are dropped.
            c if ('\u{064B}'..='\u{065F}').contains(&c) || ('\u{0300}'..='\u{036F}').contains(&c) => continue,
            _ => ' ',
        };
        if c == ' ' && out.ends_with(' ') {
            continue;
        }
        out.push(c);
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    out
}

fn words(normalized: &str) -> impl Iterator<Item = &str> {
    normalized.split(' ').filter(|w| !w.is_empty())
}

impl Bot {
    /// A bot answering from the knowledge base in `json`.
    pub fn from_json(json: &str) -> Result<Self, String> {
        let answers: BTreeMap<String, Vec<Entry>> =
            serde_json::from_str(json).map_err(|e| format!("knowledge base: {e}"))?;
        for (tag, entries) in &answers {
            tag.parse::<LanguageIdentifier>().map_err(|_| format!("knowledge base: {tag:?} is not a language tag"))?;
            if let Some(bad) = entries.iter().find(|e| e.question.trim().is_empty() || e.answer.trim().is_empty()) {
                return Err(format!("knowledge base: an {tag} entry has an empty question or answer: {bad:?}"));
            }
        }
        let phrases = PHRASES
            .iter()
            .map(|(tag, source)| {
                let bundle = crate::texts::bundle(tag, source, "bot.ftl")?;
                let mut p = Phrases { tag: tag.to_string(), bundle, handover_words: vec![] };
                p.handover_words = p
                    .get("bot-handover-words")
                    .split([',', '،', '、', '，'])
                    .map(normalize)
                    .filter(|w| !w.trim().is_empty())
                    .collect();
                Ok(p)
            })
            .collect::<Result<Vec<_>, String>>()?;
        Ok(Self { answers, phrases })
    }

    /// Reads the knowledge base at `path`.
    pub async fn load(path: &std::path::Path) -> Result<Self, String> {
        let json = tokio::fs::read_to_string(path).await.map_err(|e| format!("{}: {e}", path.display()))?;
        Self::from_json(&json).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// The phrases for `locale` (a BCP 47 tag): the same tag, else the same
    /// language, else English.
    fn phrases(&self, locale: &str) -> &Phrases {
        crate::texts::pick(&self.phrases, locale, |p| &p.tag)
    }

    /// The bot's display name in `locale`.
    pub fn name(&self, locale: &str) -> String {
        self.phrases(locale).get("bot-name")
    }

    /// What the bot says when a person is asked to join.
    pub fn handover_notice(&self, locale: &str) -> String {
        self.phrases(locale).get("bot-handover")
    }

    /// What the bot says when a person is asked for while nobody can answer.
    pub fn handover_away_notice(&self, locale: &str) -> String {
        self.phrases(locale).get("bot-handover-away")
    }

    /// The notice that an agent joined.
    pub fn agent_joined(&self, locale: &str, name: &str) -> String {
        let mut args = FluentArgs::new();
        args.set("name", name.to_string());
        self.phrases(locale).format("bot-agent-joined", Some(&args))
    }

    /// Whether `text` asks for a person, in any shipped language.
    pub fn asks_for_person(&self, text: &str) -> bool {
        let text = normalize(text);
        self.phrases.iter().any(|p| {
            p.handover_words.iter().any(|w| text.contains(w.as_str()))
                || text == normalize(&p.get("bot-talk-to-person"))
        })
    }

    fn is_answer(&self, text: &str, id: &str) -> bool {
        let text = normalize(text);
        self.phrases.iter().any(|p| normalize(&p.get(id)) == text)
    }

    /// The best answers for `text`: (score, language, entry), best first.
    fn matches(&self, text: &str, locale: &str) -> Vec<(u32, &str, &Entry)> {
        let text = normalize(text);
        let text_words: Vec<&str> = words(&text).collect();
        let own = self.phrases(locale).tag.split('-').next().unwrap_or("en").to_string();
        let score = |e: &Entry| {
            let question = normalize(&e.question);
            if question == text {
                return 1000; // a suggestion picked, or the question word for word
            }
            let patterns: u32 = e
                .patterns
                .iter()
                .map(|p| normalize(p))
                .filter(|p| p.trim().len() > 1 && text.contains(p.as_str()))
                .map(|p| 2 * words(&p).count() as u32)
                .sum();
            let shared = words(&question).filter(|w| w.chars().count() >= 3 && text_words.contains(w)).count() as u32;
            patterns + shared
        };
        let mut found: Vec<(u32, &str, &Entry)> = vec![];
        // The visitor's language first; the others only if it has nothing.
        for pass in [true, false] {
            for (tag, entries) in &self.answers {
                if (tag.split('-').next() == Some(own.as_str())) != pass {
                    continue;
                }
                found.extend(entries.iter().map(|e| (score(e), tag.as_str(), e)).filter(|(s, ..)| *s >= 2));
            }
            if !found.is_empty() {
                break;
            }
        }
        found.sort_by_key(|f| std::cmp::Reverse(f.0));
        found
    }

    /// What the bot does with the visitor's `text`.
    pub fn reply(&self, text: &str, locale: &str, memory: Memory) -> Reply {
        let p = self.phrases(locale);
        let say = |text: String, quick_replies: Vec<String>| Said { text, quick_replies };
        let handover = |said: Vec<Said>| Reply { said, handover: true, memory: Memory::default() };
        if self.asks_for_person(text) {
            return handover(vec![]);
        }
        if memory.asked && self.is_answer(text, "bot-yes") {
            return Reply { said: vec![say(p.get("bot-glad"), vec![])], handover: false, memory: Memory::default() };
        }
        if memory.asked && self.is_answer(text, "bot-no") {
            let unhelpful = memory.unhelpful + 1;
            if unhelpful >= UNHELPFUL_LIMIT {
                return handover(vec![]);
            }
            return Reply {
                said: vec![say(p.get("bot-rephrase"), vec![p.get("bot-talk-to-person")])],
                handover: false,
                memory: Memory { unhelpful, asked: false },
            };
        }
        let found = self.matches(text, locale);
        match &found[..] {
            [] => handover(vec![say(p.get("bot-no-match"), vec![])]),
            [(best, _, entry), rest @ ..] if *best >= 1000 || rest.first().is_none_or(|(s, ..)| s < best) => Reply {
                said: vec![
                    say(entry.answer.clone(), vec![]),
                    say(p.get("bot-did-it-help"), vec![p.get("bot-yes"), p.get("bot-no")]),
                ],
                handover: false,
                memory: Memory { unhelpful: memory.unhelpful, asked: true },
            },
            [(best, ..), ..] => {
                // Several answers fit as well: let the visitor choose.
                let mut options: Vec<String> =
                    found.iter().filter(|(s, ..)| s == best).map(|(_, _, e)| e.question.clone()).collect();
                options.truncate(MAX_SUGGESTIONS);
                options.push(p.get("bot-talk-to-person"));
                Reply {
                    said: vec![say(p.get("bot-did-you-mean"), options)],
                    handover: false,
                    memory: Memory { unhelpful: memory.unhelpful, asked: false },
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KB: &str = r#"{
        "en": [
            {"question": "How much does it cost?", "patterns": ["price", "pricing", "how much", "cost"],
             "answer": "Plans start at **$9 a month**: https://example.com/pricing"},
            {"question": "Where is my order?", "patterns": ["order", "delivery", "shipping"],
             "answer": "Track it at https://example.com/orders."},
            {"question": "How do I return an order?", "patterns": ["return", "refund", "order"],
             "answer": "Returns are free within 30 days."}
        ],
        "fa": [
            {"question": "هزینه چقدر است؟", "patterns": ["قیمت", "هزینه", "چقدر"], "answer": "از **۹ دلار در ماه**."}
        ]
    }"#;

    fn bot() -> Bot {
        Bot::from_json(KB).unwrap()
    }

    #[test]
    fn answers_and_asks_whether_it_helped() {
        let r = bot().reply("What's your pricing?", "en", Memory::default());
        assert!(!r.handover);
        assert_eq!(r.said[0].text, "Plans start at **$9 a month**: https://example.com/pricing");
        assert_eq!(r.said[1].text, "Did that help?");
        assert_eq!(r.said[1].quick_replies, ["Yes", "No"]);
        assert_eq!(r.memory, Memory { unhelpful: 0, asked: true });
        let yes = bot().reply("Yes", "en", r.memory);
        assert_eq!((yes.said[0].text.as_str(), yes.handover), ("Glad I could help. Ask me anything else.", false));
    }

    #[test]
    fn answers_in_the_visitors_language_and_falls_back_to_others() {
        let b = bot();
        let r = b.reply("قيمت اشتراک چقدر است", "fa-IR", Memory::default());
        assert_eq!(r.said[0].text, "از **۹ دلار در ماه**.", "Arabic ي read as Persian ی");
        assert_eq!(r.said[1].quick_replies, [b.phrases("fa").get("bot-yes"), b.phrases("fa").get("bot-no")]);
        // English asked in a Persian widget: the English answer, the Persian question.
        let r = b.reply("where is my delivery", "fa", Memory::default());
        assert_eq!(r.said[0].text, "Track it at https://example.com/orders.");
        assert_eq!(r.said[1].text, b.phrases("fa").get("bot-did-it-help"));
    }

    #[test]
    fn two_unhelpful_answers_hand_over() {
        let b = bot();
        let first = b.reply("price?", "en", Memory::default());
        let no = b.reply("no", "en", first.memory);
        assert!(!no.handover);
        assert_eq!(no.said[0].quick_replies, ["Talk to a person"]);
        let second = b.reply("how much is the price", "en", no.memory);
        let no_again = b.reply("No", "en", second.memory);
        assert!(no_again.handover, "{no_again:?}");
    }

    #[test]
    fn no_match_hands_over_and_says_so() {
        let r = bot().reply("Can I pay with a goat?", "en", Memory::default());
        assert!(r.handover);
        assert_eq!(r.said[0].text, "I don't have an answer to that, so I'm asking a person to join.");
    }

    #[test]
    fn asking_for_a_person_in_any_shipped_language_hands_over() {
        let b = bot();
        for text in [
            "I want a human",
            "AGENT please",
            "operator!",
            "می‌خواهم با اپراتور صحبت کنم",
            "اريد التحدث مع موظف",
            "Talk to a person",
        ] {
            assert!(b.reply(text, "en", Memory::default()).handover, "{text}");
        }
        // Whole words only: "agents" in a product question is not a request... but
        // "management" must not match "agent".
        assert!(!b.asks_for_person("management fees"));
        // Every language's own button text asks for a person.
        for p in &b.phrases {
            assert!(b.asks_for_person(&p.get("bot-talk-to-person")), "{}", p.tag);
            assert!(!p.handover_words.is_empty(), "{}", p.tag);
        }
    }

    #[test]
    fn a_question_matching_several_answers_offers_them() {
        let b = bot();
        let r = b.reply("my order", "en", Memory::default());
        assert!(!r.handover);
        assert_eq!(r.said[0].text, "Did you mean one of these?");
        assert_eq!(r.said[0].quick_replies, ["Where is my order?", "How do I return an order?", "Talk to a person"]);
        // Picking one answers it.
        let picked = b.reply("How do I return an order?", "en", r.memory);
        assert_eq!(picked.said[0].text, "Returns are free within 30 days.");
    }

    #[test]
    fn a_bad_knowledge_base_is_a_clear_error() {
        let err = |json: &str| Bot::from_json(json).err().expect("refused");
        assert!(err("{").contains("knowledge base"));
        assert!(err(r#"{"en":[{"question":"q","answer":""}]}"#).contains("empty"));
        assert!(err(r#"{"en":[{"question":"q","answer":"a","extra":1}]}"#).contains("extra"));
        assert!(err(r#"{"not a tag!":[]}"#).contains("language tag"));
    }

    #[test]
    fn every_phrase_file_has_the_english_ids() {
        let english = crate::texts::assert_same_ids(PHRASES, "bot.ftl");
        assert!(english.len() >= 12);
    }

    #[test]
    fn the_demo_knowledge_base_loads() {
        let kb = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/kb.json")).unwrap();
        let b = Bot::from_json(&kb).unwrap();
        assert!(!b.reply("how much is it?", "en", Memory::default()).handover);
        assert!(!b.reply("قیمت اشتراک", "fa", Memory::default()).handover);
    }
}
