//! Rich text in bot and agent answers: a small Markdown subset parsed into a
//! typed tree that the view renders as nodes, never through HTML.
//!
//! The subset: `**strong**` (or `__strong__`), `*emphasis*` (or `_emphasis_`),
//! `` `code` ``, `[text](url)`, `<url>`, backslash escapes, and line breaks
//! (every newline is one: a chat answer is written line by line). Bare URLs
//! and e-mail addresses become links (found by the `linkify` crate). A link
//! is made only for `http`, `https`, `mailto` and `tel`; any other
//! destination leaves the source as literal text, as markdown-it does.
//!
//! Why our own parser rather than `pulldown-cmark`: a chat answer needs none
//! of CommonMark's blocks, HTML or entity table, and the full parser would
//! cost the widget more than this whole subset. For inputs inside the
//! subset, a test checks that both give the same tree (`tests` below, a
//! generated differential against `pulldown-cmark`).
//!
//! Visitor messages are never parsed: they are shown as typed.

use linkify::{LinkFinder, LinkKind};

/// A piece of an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    /// Plain text (untrusted, rendered as a text node).
    Text(String),
    /// Strong importance (`**`).
    Strong(Vec<Inline>),
    /// Emphasis (`*`).
    Emphasis(Vec<Inline>),
    /// Inline code, shown as typed.
    Code(String),
    /// A link whose `href` passed [`safe_href`].
    Link {
        /// The destination: `http(s):`, `mailto:` or `tel:` only.
        href: String,
        /// What the link reads as.
        children: Vec<Inline>,
    },
    /// A line break.
    Break,
}

/// Schemes a link may have.
const SAFE_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// The destination as a link may carry it, or `None` when it is not an
/// absolute `http`, `https`, `mailto` or `tel` URL (so `javascript:`,
/// `data:`, `vbscript:`, `file:`, relative paths and anything with control
/// characters or spaces are refused).
pub fn safe_href(url: &str) -> Option<String> {
    let url = url.trim();
    if url.is_empty() || url.chars().any(|c| c.is_control() || c.is_whitespace() || c == '<' || c == '>') {
        return None;
    }
    let (scheme, rest) = url.split_once(':')?;
    let scheme = scheme.to_ascii_lowercase();
    if !SAFE_SCHEMES.contains(&scheme.as_str()) || rest.is_empty() {
        return None;
    }
    if scheme.starts_with("http") {
        let host = rest.strip_prefix("//")?;
        if host.is_empty() || host.starts_with('/') {
            return None;
        }
    }
    Some(url.to_string())
}

/// Parses an answer into its tree. Total: any text gives a tree, and the
/// text of every node, read in order, is the visible text of the answer.
pub fn parse(text: &str) -> Vec<Inline> {
    let chars: Vec<char> = text.chars().collect();
    let links = bare_links(text);
    Parser { chars: &chars, links: &links }.span(0, chars.len(), false)
}

/// Bare URLs and e-mail addresses, found in the source before any markup
/// is read (as markdown-it does: `https://example.com/a_b_` is one link),
/// as (first char, end char, href). As in linkify-it, a URL must not follow
/// a letter, a digit or `_`, and an address must not follow one of
/// `.:/-_@` either (`mailto:` before it is part of the link). A `\`
/// before either keeps it text.
fn bare_links(text: &str) -> Vec<(usize, usize, String)> {
    let mut finder = LinkFinder::new();
    finder.kinds(&[LinkKind::Url, LinkKind::Email]);
    let mut out = vec![];
    let (mut chars_before, mut bytes_seen) = (0, 0);
    for link in finder.links(text) {
        chars_before += text[bytes_seen..link.start()].chars().count();
        bytes_seen = link.start();
        let (mut start, end) = (chars_before, chars_before + link.as_str().chars().count());
        let mut before = &text[..link.start()];
        let href = match link.kind() {
            LinkKind::Email => {
                let prefixed = before.len() >= 7
                    && before.is_char_boundary(before.len() - 7)
                    && before[before.len() - 7..].eq_ignore_ascii_case("mailto:");
                if prefixed {
                    before = &before[..before.len() - 7];
                    start -= 7;
                }
                let prev = before.chars().next_back();
                if prev.is_some_and(|p| is_word(p) || ".:/-_@\\".contains(p)) {
                    continue;
                }
                format!("mailto:{}", link.as_str())
            }
            _ => {
                if before.chars().next_back().is_some_and(|p| is_word(p) || "_\\".contains(p)) {
                    continue;
                }
                link.as_str().to_string()
            }
        };
        if let Some(href) = safe_href(&href) {
            out.push((start, end, href));
        }
    }
    out
}

/// The plain text of a tree (what a screen reader or a notification reads).
pub fn plain_text(tree: &[Inline]) -> String {
    let mut out = String::new();
    fn walk(tree: &[Inline], out: &mut String) {
        for node in tree {
            match node {
                Inline::Text(t) | Inline::Code(t) => out.push_str(t),
                Inline::Strong(c) | Inline::Emphasis(c) | Inline::Link { children: c, .. } => walk(c, out),
                Inline::Break => out.push('\n'),
            }
        }
    }
    walk(tree, &mut out);
    out
}

struct Parser<'a> {
    chars: &'a [char],
    /// From [`bare_links`], in order.
    links: &'a [(usize, usize, String)],
}

/// Appends text, merging with a text node just before.
fn push_text(out: &mut Vec<Inline>, text: &str) {
    if text.is_empty() {
        return;
    }
    match out.last_mut() {
        Some(Inline::Text(t)) => t.push_str(text),
        _ => out.push(Inline::Text(text.to_string())),
    }
}

/// Punctuation and symbols, for CommonMark's flanking rules and for what
/// may come before a bare link: ASCII's, and the punctuation blocks of the
/// scripts the widget ships (Latin-1, General Punctuation, Arabic, Hebrew,
/// Devanagari, CJK and full-width forms). CommonMark asks for all of
/// Unicode's P and S categories; those tables would cost the widget
/// kilobytes, and outside these blocks chat text is letters and digits.
fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(c,
            '\u{A1}'..='\u{BF}' | '\u{D7}' | '\u{F7}' | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}'
            | '\u{060C}' | '\u{061B}' | '\u{061F}' | '\u{066A}'..='\u{066D}' | '\u{06D4}'
            | '\u{05BE}' | '\u{05C0}' | '\u{05C3}' | '\u{05F3}' | '\u{05F4}' | '\u{0964}' | '\u{0965}'
            | '\u{3001}'..='\u{3003}' | '\u{3008}'..='\u{3011}' | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}')
}

/// A letter or a digit, as far as these rules care.
fn is_word(c: char) -> bool {
    !c.is_whitespace() && !c.is_control() && !is_punct(c)
}

impl Parser<'_> {
    fn at(&self, i: usize) -> Option<char> {
        self.chars.get(i).copied()
    }

    fn text(&self, from: usize, to: usize) -> String {
        self.chars[from..to].iter().collect()
    }

    /// Length of the run of `c` starting at `i`, not past `end`.
    fn run(&self, i: usize, end: usize, c: char) -> usize {
        self.chars[i..end].iter().take_while(|&&x| x == c).count()
    }

    /// CommonMark's flanking rules for the delimiter run `[i, i + n)`:
    /// (may open, may close).
    fn flanking(&self, i: usize, n: usize) -> (bool, bool) {
        // The start and the end of the text count as whitespace.
        let before = i.checked_sub(1).and_then(|b| self.at(b)).unwrap_or(' ');
        let after = self.at(i + n).unwrap_or(' ');
        let left = !after.is_whitespace() && (!is_punct(after) || before.is_whitespace() || is_punct(before));
        let right = !before.is_whitespace() && (!is_punct(before) || after.is_whitespace() || is_punct(after));
        if self.chars[i] == '*' {
            (left, right)
        } else {
            // `_` never opens or closes inside a word.
            (left && (!right || is_punct(before)), right && (!left || is_punct(after)))
        }
    }

    /// The end of a code span opened by `n` backticks at `i`: the content's
    /// range and the index just past its closing run.
    fn code_span(&self, i: usize, n: usize, end: usize) -> Option<(usize, usize, usize)> {
        let mut j = i + n;
        while j < end {
            if self.chars[j] == '`' {
                let m = self.run(j, end, '`');
                if m == n {
                    return Some((i + n, j, j + m));
                }
                j += m;
            } else {
                j += 1;
            }
        }
        None
    }

    /// `[text](dest)` at `i`: (text range, destination, index past it).
    fn link(&self, i: usize, end: usize) -> Option<(usize, usize, String, usize)> {
        let mut depth = 0;
        let mut j = i + 1;
        let close = loop {
            match self.at(j).filter(|_| j < end)? {
                '\\' => j += 1,
                '`' => {
                    let m = self.run(j, end, '`');
                    j = self.code_span(j, m, end).map_or(j + m, |(_, _, after)| after) - 1;
                }
                '[' => depth += 1,
                ']' if depth == 0 => break j,
                ']' => depth -= 1,
                '\n' => return None,
                _ => {}
            }
            j += 1;
        };
        if self.at(close + 1) != Some('(') {
            return None;
        }
        let mut k = close + 2;
        let dest = if self.at(k) == Some('<') {
            let start = k + 1;
            while self.at(k).filter(|&c| c != '>' && c != '\n').is_some() && k < end {
                k += 1;
            }
            (self.at(k) == Some('>')).then_some(())?;
            k += 1;
            self.text(start, k - 1)
        } else {
            let start = k;
            let mut parens = 0;
            while k < end {
                match self.chars[k] {
                    '(' => parens += 1,
                    ')' if parens == 0 => break,
                    ')' => parens -= 1,
                    c if c.is_whitespace() || c.is_control() => break,
                    '\\' => k += 1,
                    _ => {}
                }
                k += 1;
            }
            self.text(start, k.min(end))
        };
        (self.at(k) == Some(')') && k < end).then_some((i + 1, close, unescape(&dest), k + 1))
    }

    /// The tree of `[start, end)`: code spans, links and breaks are read
    /// left to right, then emphasis is matched over the delimiter runs by
    /// CommonMark's algorithm ([`emphasis`]).
    fn span(&self, start: usize, end: usize, in_link: bool) -> Vec<Inline> {
        let mut items: Vec<Item> = vec![];
        let mut buf = String::new();
        let flush = |buf: &mut String, items: &mut Vec<Item>| {
            if !buf.is_empty() {
                items.push(Item::Node(Inline::Text(std::mem::take(buf))));
            }
        };
        let mut i = start;
        while i < end {
            if !in_link {
                if let Ok(k) = self.links.binary_search_by_key(&i, |l| l.0) {
                    let (from, to, href) = &self.links[k];
                    if *to <= end {
                        flush(&mut buf, &mut items);
                        let children = vec![Inline::Text(self.text(*from, *to))];
                        items.push(Item::Node(Inline::Link { href: href.clone(), children }));
                        i = *to;
                        continue;
                    }
                }
            }
            let c = self.chars[i];
            match c {
                '\\' if self.at(i + 1).is_some_and(|n| n.is_ascii_punctuation()) && i + 1 < end => {
                    buf.push(self.chars[i + 1]);
                    i += 2;
                }
                '\\' if self.at(i + 1) == Some('\n') && i + 1 < end => i += 1,
                '\n' | '\r' => {
                    // A line break: the spaces around it are not text.
                    buf.truncate(buf.trim_end_matches([' ', '\t']).len());
                    flush(&mut buf, &mut items);
                    items.push(Item::Node(Inline::Break));
                    i += if c == '\r' && self.at(i + 1) == Some('\n') { 2 } else { 1 };
                    while i < end && matches!(self.chars[i], ' ' | '\t') {
                        i += 1;
                    }
                }
                '`' => {
                    let n = self.run(i, end, '`');
                    match self.code_span(i, n, end) {
                        Some((from, to, after)) => {
                            flush(&mut buf, &mut items);
                            let code: String =
                                self.chars[from..to].iter().map(|&c| if c == '\n' { ' ' } else { c }).collect();
                            let stripped = match code.strip_prefix(' ').and_then(|c| c.strip_suffix(' ')) {
                                Some(inner) if !code.trim_matches(' ').is_empty() => inner.to_string(),
                                _ => code,
                            };
                            items.push(Item::Node(Inline::Code(stripped)));
                            i = after;
                        }
                        None => {
                            buf.extend(std::iter::repeat_n('`', n));
                            i += n;
                        }
                    }
                }
                '*' | '_' => {
                    let n = self.run(i, end, c);
                    let (open, close) = self.flanking(i, n);
                    flush(&mut buf, &mut items);
                    items.push(Item::Delim { c, n, orig: n, open, close });
                    i += n;
                }
                '[' if !in_link => match self.link(i, end) {
                    Some((from, to, dest, after)) => {
                        match safe_href(&dest) {
                            Some(href) => {
                                flush(&mut buf, &mut items);
                                let children = self.span(from, to, true);
                                items.push(Item::Node(Inline::Link { href, children }));
                            }
                            // Not a scheme we link: the source stays, as text.
                            None => buf.push_str(&self.text(i, after)),
                        }
                        i = after;
                    }
                    None => {
                        buf.push('[');
                        i += 1;
                    }
                },
                '<' if !in_link => {
                    let close = (i + 1..end).find(|&j| matches!(self.chars[j], '>' | '<' | ' ' | '\n'));
                    let href = close
                        .filter(|&j| self.chars[j] == '>')
                        .and_then(|j| Some((j, safe_href(&self.text(i + 1, j))?)));
                    match href {
                        Some((j, href)) => {
                            flush(&mut buf, &mut items);
                            let shown = href.strip_prefix("mailto:").unwrap_or(&href).to_string();
                            items.push(Item::Node(Inline::Link { href, children: vec![Inline::Text(shown)] }));
                            i = j + 1;
                        }
                        None => {
                            buf.push('<');
                            i += 1;
                        }
                    }
                }
                _ => {
                    buf.push(c);
                    i += 1;
                }
            }
        }
        flush(&mut buf, &mut items);
        emphasis(items)
    }
}

/// A node, or a run of `*` or `_` that may still become emphasis.
enum Item {
    Node(Inline),
    Delim { c: char, n: usize, orig: usize, open: bool, close: bool },
}

/// CommonMark's "process emphasis": each closer, left to right, takes the
/// nearest opener of its character before it (two of each for strong when
/// both have two), subject to the rule of three; runs left unmatched are
/// text.
fn emphasis(mut items: Vec<Item>) -> Vec<Inline> {
    let mut i = 0;
    while i < items.len() {
        let Item::Delim { c, n, orig, close: true, open: closer_opens } = items[i] else {
            i += 1;
            continue;
        };
        let opener = (0..i).rev().find(|&j| match items[j] {
            Item::Delim { c: oc, n: on, orig: oorig, open: true, close: opener_closes } => {
                oc == c
                    && on > 0
                    && !((closer_opens || opener_closes)
                        && (orig + oorig) % 3 == 0
                        && !(orig % 3 == 0 && oorig % 3 == 0))
            }
            _ => false,
        });
        let Some(j) = opener else {
            i += 1;
            continue;
        };
        let Item::Delim { n: on, .. } = items[j] else { unreachable!() };
        let take = if n >= 2 && on >= 2 { 2 } else { 1 };
        let children = finish(items.drain(j + 1..i).collect());
        items.insert(j + 1, Item::Node(if take == 2 { Inline::Strong(children) } else { Inline::Emphasis(children) }));
        i = j + 2;
        for k in [j, i] {
            if let Item::Delim { n, .. } = &mut items[k] {
                *n -= take;
            }
        }
        // Spent runs go; the closer is looked at again if it has some left.
        if matches!(items[i], Item::Delim { n: 0, .. }) {
            items.remove(i);
        }
        if matches!(items[j], Item::Delim { n: 0, .. }) {
            items.remove(j);
            i -= 1;
        }
    }
    finish(items)
}

/// Nodes in order, unmatched delimiter runs as text, neighbouring text merged.
fn finish(items: Vec<Item>) -> Vec<Inline> {
    let mut out = vec![];
    for item in items {
        match item {
            Item::Node(Inline::Text(t)) => push_text(&mut out, &t),
            Item::Node(Inline::Break) => {
                if let Some(Inline::Text(t)) = out.last_mut() {
                    t.truncate(t.trim_end_matches([' ', '\t']).len());
                    if t.is_empty() {
                        out.pop();
                    }
                }
                out.push(Inline::Break);
            }
            Item::Node(node) => out.push(node),
            Item::Delim { c, n, .. } => push_text(&mut out, &c.to_string().repeat(n)),
        }
    }
    out
}

/// Backslash escapes in a link destination.
fn unescape(dest: &str) -> String {
    let mut out = String::with_capacity(dest.len());
    let mut chars = dest.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('\\', Some(&n)) if n.is_ascii_punctuation() => {
                out.push(n);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use Inline::*;

    fn t(s: &str) -> Inline {
        Text(s.into())
    }

    #[test]
    fn the_subset() {
        assert_eq!(
            parse("**Hi** *there* `x<y`"),
            vec![Strong(vec![t("Hi")]), t(" "), Emphasis(vec![t("there")]), t(" "), Code("x<y".into())]
        );
        assert_eq!(parse("a\nb  \nc"), vec![t("a"), Break, t("b"), Break, t("c")]);
        assert_eq!(
            parse("See [our **plans**](https://example.com/p?a=1&b=2)."),
            vec![
                t("See "),
                Link {
                    href: "https://example.com/p?a=1&b=2".into(),
                    children: vec![t("our "), Strong(vec![t("plans")])]
                },
                t(".")
            ]
        );
        assert_eq!(parse("snake_case_name and 2 * 3 * 4"), vec![t("snake_case_name and 2 * 3 * 4")]);
        assert_eq!(parse("\\*not\\* **unclosed"), vec![t("*not* **unclosed")]);
        assert_eq!(parse("<b>bold</b>"), vec![t("<b>bold</b>")]);
    }

    #[test]
    fn bare_urls_and_addresses_become_links_without_their_punctuation() {
        assert_eq!(
            parse("Write to help@example.com or see https://example.com/faq."),
            vec![
                t("Write to "),
                Link { href: "mailto:help@example.com".into(), children: vec![t("help@example.com")] },
                t(" or see "),
                Link { href: "https://example.com/faq".into(), children: vec![t("https://example.com/faq")] },
                t(".")
            ]
        );
        assert_eq!(parse("`https://example.com`"), vec![Code("https://example.com".into())], "not in code");
        assert_eq!(
            parse("[call us](tel:+982112345678)"),
            vec![Link { href: "tel:+982112345678".into(), children: vec![t("call us")] }]
        );
    }

    #[test]
    fn only_safe_schemes_are_links() {
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "data:text/html;base64,PHNjcmlwdD4=",
            "vbscript:msgbox",
            "file:///etc/passwd",
            "/relative",
            "//evil.example",
            "http:/x",
            "https://",
            "java\tscript:alert(1)",
            " javascript:alert(1)",
        ] {
            assert_eq!(safe_href(bad), None, "{bad:?}");
            let md = format!("[x]({bad})");
            assert!(!parse(&md).iter().any(|n| matches!(n, Link { .. })), "{md:?}");
        }
        assert_eq!(parse("[xss](javascript:alert(1))"), vec![t("[xss](javascript:alert(1))")]);
        assert_eq!(parse("<javascript:alert(1)>"), vec![t("<javascript:alert(1)>")]);
        for good in ["http://a.example", "HTTPS://a.example/x", "mailto:a@b.example", "tel:+1-555"] {
            assert!(safe_href(good).is_some(), "{good}");
        }
    }

    #[test]
    fn any_text_parses_and_keeps_its_characters() {
        // Totality on noise, and nothing visible is lost or invented
        // except markup and escapes.
        for s in [
            "",
            "*",
            "**",
            "***",
            "`",
            "[",
            "[](",
            "[a](",
            "<",
            "\\",
            "_a_b_",
            "*a **b** c*",
            "[a [b](https://x.y)](https://z.w)",
        ] {
            let text = plain_text(&parse(s));
            assert!(text.chars().all(|c| s.contains(c)), "{s:?} -> {text:?}");
        }
        assert_eq!(plain_text(&parse("*a **b** c*")), "a b c");
    }

    mod differential {
        //! Against pulldown-cmark, on generated answers inside the subset.
        use super::*;
        use proptest::prelude::*;
        use pulldown_cmark::{Event, Options, Parser as Cmark, Tag, TagEnd};

        /// pulldown-cmark's tree for one paragraph, in our types (its soft
        /// and hard breaks are both our line break).
        fn reference(md: &str) -> Vec<Inline> {
            let mut stack: Vec<(Option<Tag>, Vec<Inline>)> = vec![(None, vec![])];
            for event in Cmark::new_ext(md, Options::empty()) {
                match event {
                    Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => {}
                    Event::Start(tag) => stack.push((Some(tag), vec![])),
                    Event::End(_) => {
                        let (tag, children) = stack.pop().unwrap();
                        let node = match tag.unwrap() {
                            Tag::Strong => Strong(children),
                            Tag::Emphasis => Emphasis(children),
                            Tag::Link { dest_url, .. } => Link { href: dest_url.to_string(), children },
                            other => panic!("outside the subset: {other:?}"),
                        };
                        stack.last_mut().unwrap().1.push(node);
                    }
                    Event::Text(s) => push_text(&mut stack.last_mut().unwrap().1, &s),
                    Event::Code(s) => stack.last_mut().unwrap().1.push(Code(s.to_string())),
                    Event::SoftBreak | Event::HardBreak => stack.last_mut().unwrap().1.push(Break),
                    other => panic!("outside the subset: {other:?}"),
                }
            }
            stack.pop().unwrap().1
        }

        fn word() -> impl Strategy<Value = String> {
            prop::sample::select(vec!["salam", "hello", "سلام", "دنیا", "a1", "x.y", "(ok)", "2,5", "é"])
                .prop_map(String::from)
        }

        fn answer() -> impl Strategy<Value = String> {
            let leaf = prop_oneof![
                4 => word(),
                1 => word().prop_map(|w| format!("`{w}`")),
                1 => word().prop_map(|w| format!("`` a`b ``{w}")),
            ];
            let inline = leaf.prop_recursive(3, 24, 4, |inner| {
                let words = prop::collection::vec(inner, 1..4).prop_map(|v| v.join(" "));
                prop_oneof![
                    words.clone(),
                    words.clone().prop_map(|w| format!("**{w}**")),
                    words.clone().prop_map(|w| format!("*{w}*")),
                    words.prop_map(|w| format!("_{w}_")),
                ]
            });
            // Links hold no links (CommonMark's rule for that is not in the subset).
            let piece = prop_oneof![
                3 => inline.clone(),
                1 => inline.prop_map(|w| format!("[{w}](https://example.com/{})", w.len())),
            ];
            let line = prop::collection::vec(piece, 1..4).prop_map(|v| v.join(" "));
            prop::collection::vec(line, 1..4).prop_map(|v| v.join("\n"))
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(2000))]
            #[test]
            fn same_tree_as_pulldown_cmark(md in answer()) {
                let ours = Parser { chars: &md.chars().collect::<Vec<_>>(), links: &[] };
                let ours = ours.span(0, md.chars().count(), false);
                prop_assert_eq!(ours, reference(&md), "{:?}", md);
            }
        }
    }
}
