//! `newsdex.extract`: arms-transfer mentions in a passage.

use std::sync::OnceLock;

use newsdex::transfers::{Extractor, PassageContext};
use pyo3::prelude::*;

use crate::article::to_py;

/// The extractor of the bundled lexicon, compiled on first use.
pub(crate) fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(Extractor::default)
}

/// The arms transfers a passage mentions: who supplies what to whom, and
/// who says so.
///
/// `title`, `outlet` and `published` (`YYYY-MM-DD…`) are the article's
/// context, used only to resolve "we", "our" and former names. Returns a list
/// of dicts in order of their evidence: `supplier`, `recipient` (canonical
/// names or `None`), `item` (one of the 10 item kinds, e.g. `"artillery and
/// ammunition"`), `status` (`reported`, `alleged`, `denied`, `planned`),
/// `claimed_by` and `span` (`{"start", "end"}`, UTF-8 byte offsets of the
/// evidence in `text`). Never fails on any text; the GIL is released.
#[pyfunction]
#[pyo3(signature = (text, *, title = None, outlet = None, published = None))]
pub(crate) fn extract<'py>(
    py: Python<'py>,
    text: &str,
    title: Option<&str>,
    outlet: Option<&str>,
    published: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    let mut context = PassageContext::new(text).title(title.unwrap_or(""));
    context.outlet = outlet;
    context.published = published;
    let transfers = py.detach(|| extractor().extract(&context));
    to_py(py, &transfers)
}
