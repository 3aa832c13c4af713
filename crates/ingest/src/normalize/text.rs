//! Text cleanup: markup out, Unicode NFC, whitespace collapsed.
//!
//! Hand-written single-pass scanners rather than regexes: this runs on every
//! paragraph of every article, and most text has no markup at all, so the
//! common case must cost one scan and one allocation.

use std::borrow::Cow;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Inline HTML tags removed from text (their content is kept). Other
/// `<…>` sequences stay: Reuters titles carry ticker symbols like `<SRD>`.
const INLINE_TAGS: &[&str] = &[
    "a", "abbr", "b", "big", "br", "cite", "code", "del", "div", "em", "font", "i", "img", "ins",
    "mark", "p", "q", "s", "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u",
    "wbr",
];

/// Cleans one paragraph (or title, byline…) of text.
///
/// Removes simple inline HTML tags (`<u>AFP</u>` -> `AFP`), markdown bold
/// markers (`**`), markdown links (`[text](url)` -> `text`)
/// and leading heading marks (`## `); decodes HTML entities; normalizes to
/// Unicode NFC; drops control and zero-width characters; collapses every run
/// of whitespace (line breaks included) into one space and trims the ends.
/// Returns an empty string when nothing is left.
pub fn clean_text(raw: &str) -> String {
    let raw = strip_heading_marks(raw.trim_start());
    let stripped = strip_markup(raw);
    let unescaped = if stripped.contains('&') { htmlize::unescape(stripped) } else { stripped };
    if unescaped.is_ascii() {
        // ASCII is always NFC; most news text is ASCII, so this path is hot.
        return collapse_ascii_whitespace(&unescaped);
    }
    let normalized: Cow<'_, str> = match is_nfc_quick(unescaped.chars()) {
        IsNormalized::Yes => unescaped,
        _ => Cow::Owned(unescaped.nfc().collect()),
    };
    collapse_whitespace(&normalized)
}

/// Splits raw text into paragraph chunks (not yet cleaned).
///
/// Paragraphs are separated by blank lines (lines holding only whitespace).
/// When the text has no blank line at all but several lines, each line is a
/// paragraph. Chunks that are blank are dropped.
pub fn split_paragraphs(raw: &str) -> Vec<&str> {
    let blocks = split_blocks(raw);
    if blocks.len() == 1 && blocks[0].contains('\n') {
        return blocks[0].lines().filter(|l| !l.trim().is_empty()).collect();
    }
    blocks
}

/// Splits on blank lines, keeping each block's inner line breaks.
pub(crate) fn split_blocks(raw: &str) -> Vec<&str> {
    let mut blocks = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut offset = 0;
    for line in raw.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        if line.trim().is_empty() {
            if let Some(s) = start.take() {
                blocks.push(raw[s..end].trim());
            }
        } else {
            start.get_or_insert(line_start);
            end = offset;
        }
    }
    if let Some(s) = start {
        blocks.push(raw[s..end].trim());
    }
    blocks
}

/// `## Title` -> `Title`; a lone `#` word (`#hashtag`) is kept.
fn strip_heading_marks(s: &str) -> &str {
    let rest = s.trim_start_matches('#');
    if rest.len() != s.len() && (rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        rest
    } else {
        s
    }
}

/// Removes inline tags, `**` and markdown link targets in one pass.
fn strip_markup(s: &str) -> Cow<'_, str> {
    let has_markup = s.contains("**") || s.contains("](");
    if !has_markup && !s.contains('<') {
        return Cow::Borrowed(s);
    }
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    let mut copied = 0;
    while i < bytes.len() {
        let skip = match bytes[i] {
            b'<' => inline_tag_len(&s[i..]),
            b'*' => {
                // Exactly `**` is bold; other runs are decoration and stay.
                let run = bytes[i..].iter().take_while(|&&b| b == b'*').count();
                if run != 2 {
                    i += run;
                    continue;
                }
                2
            }
            b']' if bytes.get(i + 1) == Some(&b'(') => link_target_len(&s[i..]),
            b'[' if is_link_start(&s[i..]) => 1,
            _ => 0,
        };
        if skip > 0 {
            out.push_str(&s[copied..i]);
            i += skip;
            copied = i;
        } else {
            i += 1;
        }
    }
    out.push_str(&s[copied..]);
    Cow::Owned(out)
}

/// Length of an inline HTML tag at the start of `s`, or 0 if it is not one.
fn inline_tag_len(s: &str) -> usize {
    let Some(end) = s[1..].find(['>', '<', '\n']).map(|e| e + 1) else { return 0 };
    if s.as_bytes()[end] != b'>' {
        return 0;
    }
    let inner = &s[1..end];
    let closing = inner.starts_with('/');
    let inner = inner.trim_start_matches('/').trim_end_matches('/');
    let name_end = inner.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(inner.len());
    let (name, rest) = inner.split_at(name_end);
    if !INLINE_TAGS.iter().any(|t| t.eq_ignore_ascii_case(name)) {
        return 0;
    }
    // An upper-case bare `<B>` or a lone `<em>` is far more often a ticker
    // symbol (Reuters) than markup: an opening tag must be lower case or
    // carry attributes, and must be closed later unless it is a void tag.
    let lowercase = name.bytes().all(|b| b.is_ascii_lowercase());
    if closing {
        return end + 1;
    }
    let attributes =
        rest.starts_with(char::is_whitespace) && (rest.trim().is_empty() || rest.contains('='));
    let void = matches!(name.to_ascii_lowercase().as_str(), "br" | "img" | "wbr");
    let closed = void || s[end..].contains(&format!("</{name}"));
    if (lowercase && rest.is_empty() || attributes) && closed {
        end + 1
    } else {
        0
    }
}

/// `[text](target)` starts here: `](` closes the text on the same line
/// with no other `[` before it.
fn is_link_start(s: &str) -> bool {
    let Some(close) = s[1..].find([']', '[', '\n']).map(|c| c + 1) else { return false };
    s.as_bytes()[close] == b']' && link_target_len(&s[close..]) > 0
}

/// Length of `](target)` at the start of `s`, or 0 when it is not a link.
fn link_target_len(s: &str) -> usize {
    let Some(target) = s.strip_prefix("](") else { return 0 };
    match target.find([')', '\n', ' ']) {
        Some(close) if target.as_bytes()[close] == b')' => close + 3,
        _ => 0,
    }
}

/// Collapses whitespace runs into one space, trims, drops invisible chars.
fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            pending_space = true;
        } else if is_invisible(c) {
            continue;
        } else {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c);
        }
    }
    out
}

/// [`collapse_whitespace`] for ASCII, with a fast path for text that is
/// already clean (the common case: checked with vectorizable scans).
fn collapse_ascii_whitespace(s: &str) -> String {
    let trimmed = s.trim_ascii();
    let clean = trimmed.bytes().all(|b| b >= 0x20 && b != 0x7f) && !trimmed.contains("  ");
    if clean {
        return trimmed.to_string();
    }
    let mut out = Vec::with_capacity(s.len());
    let mut pending_space = false;
    for &b in s.as_bytes() {
        if b.is_ascii_whitespace() || b == 0x0b {
            pending_space = true;
        } else if b >= 0x20 && b != 0x7f {
            if pending_space && !out.is_empty() {
                out.push(b' ');
            }
            pending_space = false;
            out.push(b);
        }
    }
    // Only ASCII bytes were copied, so this cannot fail.
    String::from_utf8(out).unwrap_or_default()
}

/// Control, zero-width and soft-hyphen characters that carry no text.
fn is_invisible(c: char) -> bool {
    c.is_control() || matches!(c, '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' | '\u{ad}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_table() {
        let cases = [
            ("By <u>AFP</u>", "By AFP"),
            ("## North Korea  Dismisses", "North Korea Dismisses"),
            ("#hashtag stays", "#hashtag stays"),
            ("a photo. **TASS** ", "a photo. TASS"),
            ("line\nbreak\r\n  and\ttabs", "line break and tabs"),
            ("Fish &amp; chips &quot;x&quot; &#8212; y", "Fish & chips \"x\" \u{2014} y"),
            ("STANDARD OIL <SRD> TO FORM UNIT", "STANDARD OIL <SRD> TO FORM UNIT"),
            ("<B> shares", "<B> shares"),
            ("owned by <Mark Resources Inc>, said", "owned by <Mark Resources Inc>, said"),
            ("capital of <B and R International Inc.>", "capital of <B and R International Inc.>"),
            ("a<br />b<br/>c", "abc"),
            ("Marketing Inc <em> for Crazy Eddie", "Marketing Inc <em> for Crazy Eddie"),
            ("<em>really</em> <p class=\"x\">new</p>", "really new"),
            ("stake in <A/S Norske Shell>, Royal", "stake in <A/S Norske Shell>, Royal"),
            ("161125******S/P DOWNGRADES", "161125******S/P DOWNGRADES"),
            ("a * b ** c", "a * b c"),
            ("***bold italic***", "***bold italic***"),
            ("<b>bold</b> and <a href=\"x\">link</a>", "bold and link"),
            ("see [the report](https://x.org/r) now", "see the report now"),
            ("[1] and [a](b)", "[1] and a"),
            ("[not a link] (x)", "[not a link] (x)"),
            ("[x]", "[x]"),
            ("]( [a]", "]( [a]"),
            ("1 < 2 and 3 > 2", "1 < 2 and 3 > 2"),
            ("e\u{301}te\u{301}", "\u{e9}t\u{e9}"),
            ("zero\u{200b}width\u{a0}nbsp", "zerowidth nbsp"),
            ("ascii\x0b\x01 controls\x7f\x0c end", "ascii controls end"),
            ("\x01 \x02", ""),
            ("snake__case__", "snake__case__"),
            ("   ", ""),
            ("", ""),
        ];
        for (raw, want) in cases {
            assert_eq!(clean_text(raw), want, "input {raw:?}");
        }
    }

    #[test]
    fn split_paragraphs_on_blank_lines_else_lines() {
        assert_eq!(split_paragraphs("a\nb\n\n  \nc\n"), vec!["a\nb", "c"]);
        assert_eq!(split_paragraphs("a\nb\nc"), vec!["a", "b", "c"]);
        assert_eq!(split_paragraphs("one"), vec!["one"]);
        assert!(split_paragraphs(" \n\n").is_empty());
        assert_eq!(split_paragraphs("a\r\n\r\nb"), vec!["a", "b"]);
    }
}
