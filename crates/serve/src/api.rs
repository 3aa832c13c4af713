//! The JSON endpoints under `/api/`. Each answers in the library's own serde
//! types, or with an [`Error`] as JSON.

use axum::extract::{OriginalUri, Path, RawQuery, State};
use axum::Json;
use newsdex::{DealTable, Facets, IndexStats, SearchResults, StoredArticle};

use crate::error::{Error, Result};
use crate::params::{deals_request, search_request};
use crate::state::AppState;

/// `GET /api/search?q=…`: ranked passages ([`SearchResults`]).
pub(crate) async fn search(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Json<SearchResults>> {
    let req = search_request(query.as_deref(), &state.limits)?;
    Ok(Json(state.run(move |index| Ok(index.search(&req)?)).await?))
}

/// `GET /api/facets?q=…`: matching articles in all, by outlet, agency and
/// month ([`Facets`]); the same parameters as search, paging ignored.
pub(crate) async fn facets(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Json<Facets>> {
    let req = search_request(query.as_deref(), &state.limits)?;
    Ok(Json(state.run(move |index| Ok(index.facets(&req)?)).await?))
}

/// `GET /api/deals?q=…`: the who-arms-whom table of the matching passages
/// ([`DealTable`]); the query and filters of search, plus `by=month` and a
/// row `limit`.
pub(crate) async fn deals(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Json<DealTable>> {
    let (req, options) = deals_request(query.as_deref(), &state.limits)?;
    Ok(Json(state.run(move |index| Ok(index.deals(&req, options)?)).await?))
}

/// `GET /api/stats`: what the index holds ([`IndexStats`]).
pub(crate) async fn stats(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Json<IndexStats>> {
    no_parameters(query.as_deref())?;
    Ok(Json(state.run(|index| Ok(index.stats()?)).await?))
}

/// `GET /api/articles/{id}`: one whole article ([`StoredArticle`]).
pub(crate) async fn article(
    State(state): State<AppState>,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Json<StoredArticle>> {
    no_parameters(query.as_deref())?;
    let found = state.run(move |index| Ok((index.article(&id)?, id))).await?;
    match found {
        (Some(article), _) => Ok(Json(article)),
        (None, id) => Err(Error::ArticleNotFound { id }),
    }
}

/// Any path no route matches.
pub(crate) async fn no_route(OriginalUri(uri): OriginalUri) -> Error {
    Error::NoRoute { path: uri.path().chars().take(200).collect() }
}

fn no_parameters(query: Option<&str>) -> Result<()> {
    match form_urlencoded::parse(query.unwrap_or("").as_bytes()).next() {
        Some((name, _)) => {
            Err(Error::UnknownParameter { name: name.chars().take(100).collect(), known: "none" })
        }
        None => Ok(()),
    }
}

/// An existing path asked with a method other than `GET`/`HEAD`.
pub(crate) async fn method_not_allowed(method: axum::http::Method) -> Error {
    Error::MethodNotAllowed { method: method.to_string() }
}
