//! The tantivy schema: one document per passage, carrying its article's
//! metadata so a hit needs no second lookup.

use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, NumericOptions, Schema,
    TextFieldIndexing, TextOptions, FAST, STORED, STRING,
};
use tantivy::tokenizer::RAW_TOKENIZER_NAME;

use crate::analysis::{EN_NEWS, KEYWORD_LOWER};

/// Field names, shared by the schema, fast-field readers and tests.
pub(crate) mod names {
    pub const ARTICLE_ID: &str = "article_id";
    pub const TEXT: &str = "text";
    pub const TITLE: &str = "title";
    pub const OUTLET: &str = "outlet";
    pub const AGENCY: &str = "agency";
    pub const PUBLISHED: &str = "published";
    pub const PUBLISHED_TEXT: &str = "published_text";
    pub const URL: &str = "url";
    pub const SECTION: &str = "section";
    pub const KIND: &str = "kind";
    pub const ORDINAL: &str = "ordinal";
    pub const CONTENT_HASH: &str = "content_hash";
    pub const TEXT_HASH: &str = "text_hash";
    pub const ARTICLE_KEY: &str = "article_key";
    pub const KIND_CODE: &str = "kind_code";
    pub const TRANSFER_TERMS: &str = "transfer_terms";
    pub const TRANSFERS: &str = "transfers";
    pub const TRANSFER_ROWS: &str = "transfer_rows";
    pub const TRANSFER_CODES: &str = "transfer_codes";
}

/// Seconds beyond which dates are clamped: tantivy keeps dates as i64
/// nanoseconds (years 1678..2262). Indexed dates never need it (they are
/// within `newsdex_ingest::EARLIEST_PUBLISHED..=LATEST_PUBLISHED`); query
/// bounds may lie anywhere.
const MAX_SECS: i64 = 9_000_000_000;

/// A date value for the `published` field, clamped to what tantivy can hold.
pub(crate) fn date_value(secs: i64) -> tantivy::DateTime {
    tantivy::DateTime::from_timestamp_secs(secs.clamp(-MAX_SECS, MAX_SECS))
}

/// Handles to every field of the schema.
#[derive(Clone, Debug)]
pub(crate) struct Fields {
    pub article_id: Field,
    pub text: Field,
    pub title: Field,
    pub outlet: Field,
    pub agency: Field,
    pub published: Field,
    pub published_text: Field,
    pub url: Field,
    pub section: Field,
    pub kind: Field,
    pub ordinal: Field,
    pub content_hash: Field,
    pub text_hash: Field,
    pub article_key: Field,
    pub kind_code: Field,
    pub transfer_terms: Field,
    pub transfers: Field,
    pub transfer_rows: Field,
    pub transfer_codes: Field,
}

/// Builds the newsdex schema.
pub(crate) fn build() -> Schema {
    use names::*;
    let mut b = Schema::builder();
    b.add_text_field(ARTICLE_ID, STRING | STORED | FAST);
    b.add_text_field(TEXT, english());
    b.add_text_field(TITLE, english());
    b.add_text_field(OUTLET, keyword());
    b.add_text_field(AGENCY, keyword());
    let date = DateOptions::from(tantivy::schema::INDEXED | STORED | FAST)
        .set_precision(DateTimePrecision::Seconds);
    b.add_date_field(PUBLISHED, date);
    b.add_text_field(PUBLISHED_TEXT, STORED);
    b.add_text_field(URL, STRING | STORED | FAST);
    // Display-only: read from the stored document of a hit, never searched,
    // counted or compared, so not indexed (they are set on every passage).
    b.add_text_field(SECTION, STORED);
    b.add_text_field(KIND, STORED);
    b.add_u64_field(ORDINAL, NumericOptions::default().set_stored());
    b.add_u64_field(CONTENT_HASH, NumericOptions::default().set_fast());
    b.add_u64_field(TEXT_HASH, NumericOptions::default().set_fast());
    // Numeric twins of article_id and kind: the second stage compares
    // candidates by these without decoding string columns.
    b.add_u64_field(ARTICLE_KEY, NumericOptions::default().set_fast());
    b.add_u64_field(KIND_CODE, NumericOptions::default().set_fast());
    // The passage's arms transfers (see `transfer_keys.rs`): filter terms,
    // the JSON shown on hits, and two fast columns so that deals and the
    // second stage never load stored documents.
    b.add_text_field(TRANSFER_TERMS, STRING);
    b.add_text_field(TRANSFERS, STORED);
    b.add_text_field(TRANSFER_ROWS, TextOptions::default().set_fast(RAW_TOKENIZER_NAME));
    b.add_u64_field(TRANSFER_CODES, NumericOptions::default().set_fast());
    b.build()
}

/// English-analyzed text, with positions for phrases, proximity and highlights.
fn english() -> TextOptions {
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(EN_NEWS)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    TextOptions::default().set_indexing_options(indexing).set_stored()
}

/// Exact, case-insensitive matching for filters; the raw value is the fast
/// field (for counting) and the stored value (for display).
fn keyword() -> TextOptions {
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(KEYWORD_LOWER)
        .set_index_option(IndexRecordOption::Basic);
    TextOptions::default().set_indexing_options(indexing).set_stored().set_fast(RAW_TOKENIZER_NAME)
}

/// Fields that newsdex added after its first index format: an index
/// lacking only these was made by an older newsdex and must be rebuilt
/// (tantivy cannot add fields to an existing index).
pub(crate) const ADDED_LATER: [&str; 4] =
    [names::TRANSFER_TERMS, names::TRANSFERS, names::TRANSFER_ROWS, names::TRANSFER_CODES];

impl Fields {
    /// Looks up every field in `schema`; the error is the name of the first
    /// one missing (an index made by something else, or by an older newsdex).
    pub fn resolve(schema: &Schema) -> std::result::Result<Fields, &'static str> {
        use names::*;
        let f = |name: &'static str| schema.get_field(name).map_err(|_| name);
        Ok(Fields {
            article_id: f(ARTICLE_ID)?,
            text: f(TEXT)?,
            title: f(TITLE)?,
            outlet: f(OUTLET)?,
            agency: f(AGENCY)?,
            published: f(PUBLISHED)?,
            published_text: f(PUBLISHED_TEXT)?,
            url: f(URL)?,
            section: f(SECTION)?,
            kind: f(KIND)?,
            ordinal: f(ORDINAL)?,
            content_hash: f(CONTENT_HASH)?,
            text_hash: f(TEXT_HASH)?,
            article_key: f(ARTICLE_KEY)?,
            kind_code: f(KIND_CODE)?,
            transfer_terms: f(TRANSFER_TERMS)?,
            transfers: f(TRANSFERS)?,
            transfer_rows: f(TRANSFER_ROWS)?,
            transfer_codes: f(TRANSFER_CODES)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_resolves() {
        assert!(Fields::resolve(&build()).is_ok());
        assert_eq!(Fields::resolve(&Schema::builder().build()).unwrap_err(), "article_id");
    }
}
