//! How a passage's arms transfers are written into the index and read back.
//!
//! Each transfer is written three ways, each for one reader:
//! - **terms** of the `transfer_terms` keyword field, for the `supplier:`,
//!   `recipient:`, `party:` and `status:` filters: one term per non-empty
//!   subset of the transfer's facts (supplier, recipient, status), so that
//!   `supplier:X status:denied` matches a passage only when *one* transfer
//!   has both, not when one transfer has the supplier and another the
//!   status. At most 7 terms per transfer, plus [`ANY`] once per passage;
//! - a **row** string in the `transfer_rows` fast column (supplier,
//!   recipient, item, status, claimant), which the deals table aggregates
//!   without loading stored documents;
//! - a **code** in the `transfer_codes` fast column (hashed names and the
//!   status packed in a `u64`), which the second stage compares with the
//!   query's roles per candidate at the cost of an integer read.

use std::hash::Hasher;
use std::str::FromStr;

use newsdex_transfers::{ItemKind, Status, Transfer};

/// The term every passage with at least one transfer carries.
pub(crate) const ANY: &str = "*";

/// Separates the parts of a term or a row; names never contain it.
const SEP: char = '\u{1f}';

/// The filter term of a combination of facts (names are lowercased, so
/// matching is case-insensitive). All `None` gives [`ANY`].
pub(crate) fn term(
    supplier: Option<&str>,
    recipient: Option<&str>,
    status: Option<Status>,
) -> String {
    let mut parts = Vec::with_capacity(3);
    if let Some(s) = supplier {
        parts.push(format!("s:{}", s.trim().to_lowercase()));
    }
    if let Some(r) = recipient {
        parts.push(format!("r:{}", r.trim().to_lowercase()));
    }
    if let Some(t) = status {
        parts.push(format!("t:{}", t.as_str()));
    }
    if parts.is_empty() {
        return ANY.to_string();
    }
    parts.join(&SEP.to_string())
}

/// Every filter term of one transfer: each non-empty subset of its facts.
pub(crate) fn terms(t: &Transfer) -> Vec<String> {
    let mut out = Vec::with_capacity(7);
    for supplier in [None, t.supplier.as_deref()] {
        for recipient in [None, t.recipient.as_deref()] {
            for status in [None, Some(t.status)] {
                let has_any = supplier.is_some() || recipient.is_some() || status.is_some();
                let needed = (supplier.is_none() || t.supplier.is_some())
                    && (recipient.is_none() || t.recipient.is_some());
                if has_any && needed {
                    out.push(term(supplier, recipient, status));
                }
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// A transfer as the deals table reads it back (no span: that needs the
/// stored document).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Row {
    pub supplier: Option<String>,
    pub recipient: Option<String>,
    pub item: ItemKind,
    pub status: Status,
    pub claimed_by: Option<String>,
}

/// The `transfer_rows` value of a transfer.
pub(crate) fn row(t: &Transfer) -> String {
    let side = |s: &Option<String>| s.clone().unwrap_or_default();
    [
        side(&t.supplier),
        side(&t.recipient),
        t.item.as_str().to_string(),
        t.status.as_str().to_string(),
        side(&t.claimed_by),
    ]
    .join(&SEP.to_string())
}

/// Reads a `transfer_rows` value; `None` when it is not one (an index
/// written by something else).
pub(crate) fn parse_row(s: &str) -> Option<Row> {
    let mut parts = s.split(SEP);
    let mut side = || parts.next().map(|p| (!p.is_empty()).then(|| p.to_string()));
    let (supplier, recipient) = (side()?, side()?);
    let item = ItemKind::from_str(&side()??).ok()?;
    let status = Status::from_str(&side()??).ok()?;
    let claimed_by = side()?;
    Some(Row { supplier, recipient, item, status, claimed_by })
}

/// Bits of a hashed name in a code: 2^20 values, so the few hundred parties
/// a lexicon names collide with odds of about 4 % per lexicon. A collision
/// only makes the second stage treat two parties as one; filters and the
/// deals table compare names, never codes.
const NAME_BITS: u32 = 20;
const NAME_MASK: u64 = (1 << NAME_BITS) - 1;

/// The code of a name (case-insensitive); 0 stands for "no name".
pub(crate) fn name_code(name: &str) -> u32 {
    let mut h = fnv::FnvHasher::default();
    h.write(name.trim().to_lowercase().as_bytes());
    let h = h.finish();
    let folded = (h ^ (h >> NAME_BITS) ^ (h >> (2 * NAME_BITS))) & NAME_MASK;
    folded.max(1) as u32
}

/// A transfer's code, unpacked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Code {
    /// [`name_code`] of the supplier; 0 when open.
    pub supplier: u32,
    /// [`name_code`] of the recipient; 0 when open.
    pub recipient: u32,
    /// [`name_code`] of the claimant; 0 when none.
    pub claimed_by: u32,
    pub status: Option<Status>,
}

fn optional_code(name: &Option<String>) -> u32 {
    name.as_deref().map_or(0, name_code)
}

impl Code {
    /// The code of a transfer.
    pub fn of(t: &Transfer) -> Code {
        Code {
            supplier: optional_code(&t.supplier),
            recipient: optional_code(&t.recipient),
            claimed_by: optional_code(&t.claimed_by),
            status: Some(t.status),
        }
    }

    /// Packed: supplier, recipient and claimant (20 bits each), then the
    /// status (4 bits: 0 unknown, else its position in `Status::ALL` + 1).
    pub fn pack(self) -> u64 {
        let status = self
            .status
            .and_then(|s| Status::ALL.iter().position(|&x| x == s))
            .map_or(0, |i| i as u64 + 1);
        (u64::from(self.supplier) << 44)
            | (u64::from(self.recipient) << 24)
            | (u64::from(self.claimed_by) << 4)
            | status
    }

    /// The inverse of [`Code::pack`].
    pub fn unpack(v: u64) -> Code {
        let name = |shift: u32| ((v >> shift) & NAME_MASK) as u32;
        let status = (v & 0xf) as usize;
        Code {
            supplier: name(44),
            recipient: name(24),
            claimed_by: name(4),
            status: status.checked_sub(1).and_then(|i| Status::ALL.get(i).copied()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn transfer(supplier: Option<&str>, recipient: Option<&str>, status: Status) -> Transfer {
        Transfer {
            supplier: supplier.map(String::from),
            recipient: recipient.map(String::from),
            item: ItemKind::ArtilleryAndAmmunition,
            status,
            claimed_by: Some("North Korea".into()),
            span: 0..10,
        }
    }

    #[test]
    fn terms_cover_every_combination_of_present_facts() {
        let full = terms(&transfer(Some("North Korea"), Some("Russia"), Status::Denied));
        assert_eq!(full.len(), 7);
        assert!(full.contains(&term(Some("NORTH KOREA"), None, Some(Status::Denied))));
        assert!(full.contains(&term(None, Some("russia"), None)));
        let open = terms(&transfer(None, Some("Russia"), Status::Reported));
        assert_eq!(open.len(), 3);
        assert!(!open.iter().any(|t| t.starts_with("s:")));
        assert_eq!(term(None, None, None), ANY);
    }

    #[test]
    fn rows_and_codes_round_trip() {
        let t = transfer(None, Some("Russia"), Status::Denied);
        let row = parse_row(&row(&t)).unwrap();
        assert_eq!((row.supplier, row.recipient.as_deref()), (None, Some("Russia")));
        assert_eq!((row.item, row.status), (t.item, t.status));
        assert_eq!(row.claimed_by.as_deref(), Some("North Korea"));
        assert_eq!(parse_row("garbage"), None);

        let code = Code::of(&t);
        assert_eq!(Code::unpack(code.pack()), code);
        assert_eq!(code.supplier, 0);
        assert_eq!(code.recipient, name_code("russia"));
        assert_ne!(name_code("Russia"), name_code("Belarus"));
        assert_eq!(Code::unpack(0), Code::default());
    }
}
