//! Arbitrary text never panics, and every span is a valid range of the text.

use std::sync::LazyLock;

use newsdex_transfers::{Extractor, PassageContext};
use proptest::prelude::*;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::default);

fn check(text: &str, title: &str) {
    check_in(text, title, Some("The White House"), Some("1987-x"));
}

/// Every transfer of `text` in this context has a valid span and a side.
fn check_in(text: &str, title: &str, outlet: Option<&str>, published: Option<&str>) {
    let extractor = &*EXTRACTOR;
    let mut ctx = PassageContext::new(text).title(title);
    ctx.outlet = outlet;
    ctx.published = published;
    for t in extractor.extract(&ctx) {
        assert!(t.span.start <= t.span.end && t.span.end <= text.len(), "{t:?} in {text:?}");
        assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
        assert!(t.supplier.is_some() || t.recipient.is_some(), "{t:?}");
    }
}

/// Lexicon words glued with punctuation and multi-byte characters: the
/// text most likely to reach every rule.
fn newsy() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "Russia",
        "North Korean",
        "DPRK's",
        "Iran",
        "U.S.",
        "US",
        "us",
        "we",
        "They",
        "the",
        "supplied",
        "sent",
        "is",
        "was",
        "not",
        "never",
        "denied",
        "claims",
        "by",
        "to",
        "from",
        "between",
        "and",
        ",",
        ".",
        "?",
        "—",
        "(",
        ")",
        "’s",
        "n't",
        "-made",
        "drones",
        "shells",
        "arms sales",
        "including",
        "will",
        "Q",
        "Q:",
        "é",
        "“",
        "”",
        "\n",
        "  ",
        "…",
        "Ⅻ",
        "security assistance",
        "fired",
        "Javelins",
        "for",
        "with",
        "that",
        "said",
        "Kirby",
    ]);
    prop::collection::vec(words, 0..40).prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_text_is_safe(text in any::<String>(), title in any::<String>()) {
        check(&text, &title);
    }

    #[test]
    fn any_context_is_safe(
        text in newsy(),
        title in any::<String>(),
        outlet in proptest::option::of(any::<String>()),
        published in proptest::option::of(any::<String>()),
    ) {
        check_in(&text, &title, outlet.as_deref(), published.as_deref());
    }

    #[test]
    fn lexicon_soup_is_safe(text in newsy(), title in newsy()) {
        check(&text, &title);
    }

    #[test]
    fn soup_without_spaces_is_safe(text in newsy()) {
        check(&text.replace(' ', ""), "");
    }
}
