//! The benchmark queries: the development topic titles (when the shared
//! folder is present) plus short queries of the kind people type.

use super::corpus;

/// Short queries of the kind people type, beside the long topic titles.
const GENERIC: &[&str] = &[
    "sanctions",
    "missiles",
    "oil prices",
    "arms sales",
    "drone attack",
    "nuclear talks",
    "artillery shells",
    "trade deficit",
    "Iran",
    "weapons shipment",
];

/// A query and the group it is reported under.
pub struct Query {
    /// `topics` or `generic`.
    pub group: &'static str,
    pub text: String,
}

/// The topic titles of `eval/topics-dev.json`, then the generic queries.
pub fn queries() -> Result<Vec<Query>, Box<dyn std::error::Error>> {
    let mut out = Vec::new();
    if let Some(shared) = corpus::shared_dir() {
        let topics = newsdex::eval::Topic::from_path(shared.join("eval/topics-dev.json"))?;
        out.extend(topics.into_iter().map(|t| Query { group: "topics", text: t.title }));
    }
    out.extend(GENERIC.iter().map(|q| Query { group: "generic", text: (*q).to_owned() }));
    Ok(out)
}
