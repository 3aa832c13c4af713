//! Keyword arguments of `Index.search` / `Index.facets` / `Index.deals`
//! into a [`SearchRequest`].

use chrono::NaiveDate;
use newsdex::{SearchRequest, Status};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyString;

/// The filters the three calls take (each `None` when not given).
#[derive(Default)]
pub(crate) struct Filters<'a, 'py> {
    pub after: Option<&'a Bound<'py, PyAny>>,
    pub before: Option<&'a Bound<'py, PyAny>>,
    pub outlets: Option<&'a Bound<'py, PyAny>>,
    pub agencies: Option<&'a Bound<'py, PyAny>>,
    /// Arms-transfer suppliers (names or aliases).
    pub supplier: Option<&'a Bound<'py, PyAny>>,
    /// Arms-transfer recipients.
    pub recipient: Option<&'a Bound<'py, PyAny>>,
    /// Parties on either side of a transfer.
    pub party: Option<&'a Bound<'py, PyAny>>,
    /// Transfer statuses: `reported`, `alleged`, `denied`, `planned`.
    pub status: Option<&'a Bound<'py, PyAny>>,
}

impl Filters<'_, '_> {
    /// A request for `q` with these filters.
    pub(crate) fn request(&self, q: &str) -> PyResult<SearchRequest> {
        let mut request = SearchRequest::new(q);
        if let Some(day) = self.after.map(|d| day(d, "after")).transpose()? {
            request = request.after(day);
        }
        if let Some(day) = self.before.map(|d| day(d, "before")).transpose()? {
            request = request.before(day);
        }
        for outlet in names(self.outlets, "outlets")? {
            request = request.outlet(outlet);
        }
        for agency in names(self.agencies, "agencies")? {
            request = request.agency(agency);
        }
        for name in names(self.supplier, "supplier")? {
            request = request.supplier(name);
        }
        for name in names(self.recipient, "recipient")? {
            request = request.recipient(name);
        }
        for name in names(self.party, "party")? {
            request = request.party(name);
        }
        for status in names(self.status, "status")? {
            let parsed: Status =
                status.parse().map_err(|e| PyValueError::new_err(format!("status: {e}")))?;
            request = request.status(parsed);
        }
        Ok(request)
    }
}

/// A day: a `datetime.date` (or datetime: its date) or a `"YYYY-MM-DD"` str.
fn day(value: &Bound<'_, PyAny>, name: &str) -> PyResult<NaiveDate> {
    if let Ok(text) = value.cast::<PyString>() {
        let text = text.to_str()?;
        return NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|e| {
            PyValueError::new_err(format!("{name}: {text:?} is not a date YYYY-MM-DD ({e})"))
        });
    }
    value.extract::<NaiveDate>().map_err(|_| {
        PyTypeError::new_err(format!("{name}: expected a datetime.date or a 'YYYY-MM-DD' str"))
    })
}

/// Names (outlets, agencies, parties, statuses): one str, or an iterable
/// of str.
fn names(value: Option<&Bound<'_, PyAny>>, name: &str) -> PyResult<Vec<String>> {
    let Some(value) = value else { return Ok(Vec::new()) };
    if let Ok(one) = value.extract::<String>() {
        return Ok(vec![one]);
    }
    let type_error = || PyTypeError::new_err(format!("{name}: expected a str or a list of str"));
    value
        .try_iter()
        .map_err(|_| type_error())?
        .map(|item| item?.extract::<String>().map_err(|_| type_error()))
        .collect()
}
