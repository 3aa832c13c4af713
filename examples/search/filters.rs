//! The filter flags shared by `search query` and `search deals`.

use chrono::NaiveDate;
use newsdex::{SearchRequest, Status};

/// Filters of a request (repeatable flags mean any of their values).
#[derive(clap::Args)]
pub struct FilterArgs {
    /// Only articles published on or after this day (YYYY-MM-DD).
    #[arg(long, value_parser = parse_day)]
    after: Option<NaiveDate>,
    /// Only articles published on or before this day (YYYY-MM-DD).
    #[arg(long, value_parser = parse_day)]
    before: Option<NaiveDate>,
    /// Only this outlet (repeatable: any of them).
    #[arg(long)]
    outlet: Vec<String>,
    /// Only this agency (repeatable: any of them).
    #[arg(long)]
    agency: Vec<String>,
    /// Only passages with an arms transfer from this party (a name or an
    /// alias: DPRK, Pyongyang…; repeatable: any of them).
    #[arg(long)]
    supplier: Vec<String>,
    /// Only passages with an arms transfer to this party (repeatable).
    #[arg(long)]
    recipient: Vec<String>,
    /// Only passages with an arms transfer involving this party on either
    /// side (repeatable).
    #[arg(long)]
    party: Vec<String>,
    /// Only passages with an arms transfer of this status: reported,
    /// alleged, denied or planned (repeatable).
    #[arg(long, value_parser = parse_status)]
    status: Vec<Status>,
}

fn parse_day(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| format!("not a date YYYY-MM-DD: {e}"))
}

fn parse_status(s: &str) -> Result<Status, String> {
    s.parse().map_err(|e| format!("{e}"))
}

impl FilterArgs {
    /// Adds the filters to `req`.
    pub fn apply(&self, mut req: SearchRequest) -> SearchRequest {
        if let Some(d) = self.after {
            req = req.after(d);
        }
        if let Some(d) = self.before {
            req = req.before(d);
        }
        for o in &self.outlet {
            req = req.outlet(o.clone());
        }
        for a in &self.agency {
            req = req.agency(a.clone());
        }
        for s in &self.supplier {
            req = req.supplier(s.clone());
        }
        for r in &self.recipient {
            req = req.recipient(r.clone());
        }
        for p in &self.party {
            req = req.party(p.clone());
        }
        for &s in &self.status {
            req = req.status(s);
        }
        req
    }
}
