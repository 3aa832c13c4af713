//! The passage to read and the article context that resolves its references.

/// One passage and its article's context.
///
/// Only `text` is annotated. The title, outlet and date serve to resolve
/// references: who "we" and "our" are (a White House transcript speaks for
/// the United States; a statement quoted under a headline speaks for the
/// headline's subject), and which name a party had at the time (Moscow in
/// 1987 is the Soviet Union).
///
/// ```
/// use newsdex_transfers::PassageContext;
///
/// let ctx = PassageContext::new("We have sent more Stingers to Ukraine.")
///     .title("Press Briefing by Press Secretary")
///     .outlet("The White House (Briefing Room)")
///     .published("2022-03-16");
/// assert_eq!(ctx.outlet, Some("The White House (Briefing Room)"));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PassageContext<'a> {
    /// The passage text; spans of extracted transfers are byte ranges into it.
    pub text: &'a str,
    /// The article's title (empty when unknown).
    pub title: &'a str,
    /// The outlet that published the article, e.g. `Reuters`.
    pub outlet: Option<&'a str>,
    /// Publication date, `YYYY-MM-DD` or any string starting with it (RFC
    /// 3339); only its first 10 characters are compared.
    pub published: Option<&'a str>,
}

impl<'a> PassageContext<'a> {
    /// A passage with no article context.
    pub fn new(text: &'a str) -> PassageContext<'a> {
        PassageContext { text, ..PassageContext::default() }
    }

    /// Sets the article title.
    pub fn title(mut self, title: &'a str) -> PassageContext<'a> {
        self.title = title;
        self
    }

    /// Sets the outlet.
    pub fn outlet(mut self, outlet: &'a str) -> PassageContext<'a> {
        self.outlet = Some(outlet);
        self
    }

    /// Sets the publication date (`YYYY-MM-DD…`).
    pub fn published(mut self, published: &'a str) -> PassageContext<'a> {
        self.published = Some(published);
        self
    }
}
