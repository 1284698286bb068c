//! A conversation as a file the visitor keeps: plain text, or one
//! self-contained HTML page (no script, no outside resource, every text
//! escaped). The widget makes both from what it shows; the server makes the
//! text for "e-mail me this conversation" from what it stores.

/// One message of a transcript, its parts already in the reader's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Who wrote it ("You", the agent's name).
    pub who: String,
    /// When, formatted for the reader; may be empty.
    pub when: String,
    /// What they wrote (untrusted).
    pub text: String,
}

/// The transcript as plain text: the title, then each message under who
/// wrote it and when.
pub fn text(title: &str, lines: &[Line]) -> String {
    let mut out = format!("{title}\n");
    for line in lines {
        out.push('\n');
        out.push_str(&line.who);
        if !line.when.is_empty() {
            out.push_str(" · ");
            out.push_str(&line.when);
        }
        out.push('\n');
        out.push_str(&line.text);
        out.push('\n');
    }
    out
}

/// The transcript as one HTML page in the reader's language and direction.
/// Every text goes through html-escape's encoders (the same crate Leptos
/// renders with); a strict policy in the page itself forbids scripts.
pub fn html(title: &str, lang: &str, rtl: bool, lines: &[Line]) -> String {
    use html_escape::{encode_double_quoted_attribute as attr, encode_text as esc};
    let mut out = format!(
        "<!doctype html><html lang=\"{}\" dir=\"{}\"><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\
         <meta name=\"viewport\" content=\"width=device-width\"><title>{}</title><style>\
         body{{font:16px/1.5 system-ui,sans-serif;max-width:40em;margin:2em auto;padding:0 1em;color:#1a1a1a}}\
         ol{{list-style:none;padding:0}}li{{margin:1em 0}}b{{margin-inline-end:.5em}}small{{color:#555}}\
         p{{margin:.25em 0;white-space:pre-wrap;overflow-wrap:anywhere}}</style></head><body><h1>{}</h1><ol>",
        attr(lang),
        if rtl { "rtl" } else { "ltr" },
        esc(title),
        esc(title)
    );
    for line in lines {
        out.push_str(&format!(
            "<li><div><b dir=\"auto\">{}</b><small>{}</small></div><p dir=\"auto\">{}</p></li>",
            esc(&line.who),
            esc(&line.when),
            esc(&line.text)
        ));
    }
    out.push_str("</ol></body></html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines() -> Vec<Line> {
        vec![
            Line { who: "You".into(), when: "10:02".into(), text: "<script>alert(1)</script> & \"x\"".into() },
            Line { who: "Sara <admin>".into(), when: String::new(), text: "سلام\nline two".into() },
        ]
    }

    #[test]
    fn the_text_has_every_message_under_who_wrote_it() {
        assert_eq!(
            text("Chat", &lines()),
            "Chat\n\nYou · 10:02\n<script>alert(1)</script> & \"x\"\n\nSara <admin>\nسلام\nline two\n"
        );
    }

    #[test]
    fn the_page_escapes_every_text_and_carries_no_script() {
        let page = html("<Help> & co", "fa\" onload=\"x", true, &lines());
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; \"x\""), "{page}");
        assert!(page.contains("Sara &lt;admin&gt;"));
        assert!(page.contains("<title>&lt;Help&gt; &amp; co</title>"));
        assert!(page.contains("lang=\"fa&quot; onload=&quot;x\" dir=\"rtl\""));
        assert!(!page.contains("<script"), "no script element, whatever the texts say");
        assert!(page.contains("default-src 'none'"));
        assert_eq!(page.matches("<li>").count(), 2);
    }
}
