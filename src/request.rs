//! What to search for: [`SearchRequest`], [`Ranking`] and [`RankingWeights`].

use chrono::NaiveDate;
use newsdex_transfers::Status;
use serde::{Deserialize, Serialize};

/// Which ranking pipeline a request uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Ranking {
    /// Expansion, title support, second-stage re-scoring and syndication
    /// collapse (the default).
    #[default]
    Full,
    /// BM25 on the passage text with the typed words only: no expansion, no
    /// title, no second stage, no collapse, no per-article cap. The baseline.
    Plain,
}

/// Weights of the second-stage score (see the crate docs for the formula).
///
/// `score = bm25 * bm25_norm + coverage * coverage + context * context
///  + proximity * proximity + phrase * phrase + title * title
///  + roles * roles - non_body * [caption/heading/title]`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RankingWeights {
    /// First-stage BM25 score divided by the best candidate's. Default 1.0.
    pub bm25: f32,
    /// Share of the query's concepts/entities the passage covers, each
    /// counted at the weight of its best matching wording. Default 1.5.
    pub coverage: f32,
    /// Share of the query's concepts the passage's *article* covers (its
    /// title and every candidate passage of it). Default 0.6: a one-paragraph
    /// passage often names only part of the story ("the drones"), and the
    /// rest of its article says whose drones and for whom.
    pub context: f32,
    /// How tightly the matched concepts sit together (1 = adjacent).
    /// Default 0.0: on the development topics (EVALUATION.md) any weight
    /// above 0 lost more topics than it won; kept for explanation and tuning.
    pub proximity: f32,
    /// Share of consecutive typed words found next to each other, in order.
    /// Default 0.0: it lowered passage nDCG@10 on most development topics
    /// (EVALUATION.md); kept for explanation and tuning.
    pub phrase: f32,
    /// Share of the query's concepts present in the article title. Default 0.3.
    pub title: f32,
    /// Subtracted for caption, heading and title-only passages. Default 1.0:
    /// as large as the whole BM25 feature, so a caption never outranks a body
    /// passage whose other features are at least as good.
    pub non_body: f32,
    /// How much the passage's extracted transfers agreeing with the sides
    /// ("Belarus ammunition to Russia"), stance ("denies") and sources
    /// ("Yonhap reports") the query names count; the feature is -1 when
    /// they reverse the asked direction. At 0 the query is not read for
    /// roles and named outlets are ordinary words. Default 0.1: on the
    /// development topics 0.08–0.12 raised passage nDCG@10 (0.8242 at 0 →
    /// 0.8308 at 0.1, 7 topics up, 2 down) and 0.2 and above lowered it
    /// (EVALUATION.md, "roles" ablation): a tie-breaker between passages
    /// that match the words about as well.
    pub roles: f32,
    /// Weight of a lexicon expansion relative to a typed word (1.0), in both
    /// stages. Default 0.5.
    pub expansion: f32,
    /// First-stage boost of title matches relative to passage text. Default 0.3.
    pub title_boost: f32,
}

impl Default for RankingWeights {
    fn default() -> Self {
        RankingWeights {
            bm25: 1.0,
            coverage: 1.5,
            context: 0.6,
            proximity: 0.0,
            phrase: 0.0,
            title: 0.3,
            non_body: 1.0,
            roles: 0.1,
            expansion: 0.5,
            title_boost: 0.3,
        }
    }
}

/// A search: query text plus filters and paging. Chains by value.
///
/// ```
/// use newsdex::SearchRequest;
/// let req = SearchRequest::new("arms dealings").outlet("The Moscow Times").limit(5);
/// # let _ = req;
/// ```
#[derive(Clone, Debug)]
pub struct SearchRequest {
    pub(crate) text: String,
    pub(crate) after: Option<NaiveDate>,
    pub(crate) before: Option<NaiveDate>,
    pub(crate) outlets: Vec<String>,
    pub(crate) agencies: Vec<String>,
    pub(crate) suppliers: Vec<String>,
    pub(crate) recipients: Vec<String>,
    pub(crate) parties: Vec<String>,
    pub(crate) statuses: Vec<Status>,
    pub(crate) limit: usize,
    pub(crate) offset: usize,
    pub(crate) per_article: usize,
    pub(crate) expand: bool,
    pub(crate) explain: bool,
    pub(crate) highlight: bool,
    pub(crate) ranking: Ranking,
    pub(crate) weights: Option<RankingWeights>,
}

impl SearchRequest {
    /// A request for `text` in the query language (words, `"phrases"`, `OR`,
    /// `-word`, `+word`, `outlet:`, `agency:`, `after:`, `before:`,
    /// `supplier:`, `recipient:`, `party:`, `status:`).
    ///
    /// Defaults: limit 10, offset 0, per-article cap 2, expansion on,
    /// explain off, highlight on, [`Ranking::Full`], the index's weights.
    pub fn new(text: impl Into<String>) -> Self {
        SearchRequest {
            text: text.into(),
            after: None,
            before: None,
            outlets: Vec::new(),
            agencies: Vec::new(),
            suppliers: Vec::new(),
            recipients: Vec::new(),
            parties: Vec::new(),
            statuses: Vec::new(),
            limit: 10,
            offset: 0,
            per_article: 2,
            expand: true,
            explain: false,
            highlight: true,
            ranking: Ranking::Full,
            weights: None,
        }
    }

    /// Only articles published on or after this day (UTC). Default: no bound.
    pub fn after(mut self, d: NaiveDate) -> Self {
        self.after = Some(d);
        self
    }

    /// Only articles published on or before this day (UTC, inclusive).
    /// Default: no bound.
    pub fn before(mut self, d: NaiveDate) -> Self {
        self.before = Some(d);
        self
    }

    /// Only articles from this outlet (exact name, any case); repeat for any
    /// of several. Default: all outlets.
    pub fn outlet(mut self, o: impl Into<String>) -> Self {
        self.outlets.push(o.into());
        self
    }

    /// Only articles from this agency (exact name, any case); repeat for any
    /// of several. Default: all.
    pub fn agency(mut self, a: impl Into<String>) -> Self {
        self.agencies.push(a.into());
        self
    }

    /// Only passages with an arms transfer supplied by this party (a name
    /// or any alias the lexicon knows, e.g. `DPRK`; an unknown name matches
    /// exactly, case-insensitive); repeat for any of several. Supplier,
    /// recipient, party and status filters all apply to one same transfer.
    /// Default: no constraint.
    pub fn supplier(mut self, name: impl Into<String>) -> Self {
        self.suppliers.push(name.into());
        self
    }

    /// Only passages with an arms transfer received by this party (names as
    /// for [`SearchRequest::supplier`]); repeat for any of several.
    /// Default: no constraint.
    pub fn recipient(mut self, name: impl Into<String>) -> Self {
        self.recipients.push(name.into());
        self
    }

    /// Only passages with an arms transfer having this party on either side
    /// (names as for [`SearchRequest::supplier`]); repeat for any of
    /// several. Default: no constraint.
    pub fn party(mut self, name: impl Into<String>) -> Self {
        self.parties.push(name.into());
        self
    }

    /// Only passages with an arms transfer of this status (e.g.
    /// [`Status::Denied`]); repeat for any of several. Default: any status.
    pub fn status(mut self, status: Status) -> Self {
        self.statuses.push(status);
        self
    }

    /// Number of hits to return. Default 10.
    pub fn limit(mut self, n: usize) -> Self {
        self.limit = n;
        self
    }

    /// Number of ranked hits to skip (paging). Default 0.
    pub fn offset(mut self, n: usize) -> Self {
        self.offset = n;
        self
    }

    /// At most this many passages per article; 0 = no cap. Default 2.
    pub fn per_article(mut self, k: usize) -> Self {
        self.per_article = k;
        self
    }

    /// Expand words with the lexicon's concepts and aliases. Default on.
    pub fn expand(mut self, on: bool) -> Self {
        self.expand = on;
        self
    }

    /// Fill [`crate::Hit::matched`] with the terms that matched. Default off.
    pub fn explain(mut self, on: bool) -> Self {
        self.explain = on;
        self
    }

    /// Compute highlight spans. Default on.
    pub fn highlight(mut self, on: bool) -> Self {
        self.highlight = on;
        self
    }

    /// The ranking pipeline. Default [`Ranking::Full`].
    pub fn ranking(mut self, r: Ranking) -> Self {
        self.ranking = r;
        self
    }

    /// Second-stage weights for this request. Default: the index's
    /// (see [`crate::NewsIndexBuilder::ranking_weights`]).
    pub fn weights(mut self, w: RankingWeights) -> Self {
        self.weights = Some(w);
        self
    }

    /// The query text.
    pub fn text(&self) -> &str {
        &self.text
    }
}
