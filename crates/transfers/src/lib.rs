//! Extracts arms-transfer mentions from news passages: who supplies what to
//! whom, and who says so.
//!
//! # Brief overview
//!
//! An [`Extractor`] is compiled once from a [`Lexicon`] (the bundled English
//! one by default: parties with their aliases, item words by [`ItemKind`],
//! transfer words, stance words). [`Extractor::extract`] reads one passage
//! with its article context ([`PassageContext`]: title, outlet, date, used
//! only to resolve "we", "our" and former names) and returns its
//! [`Transfer`]s: supplier and recipient by canonical name, item kind,
//! [`Status`] (reported, alleged, denied, planned), who claims it, and the
//! byte span of the evidence. Rules are driven by the lexicon, with no
//! per-passage or per-topic cases; a cheap prefilter makes passages without
//! an item word cost almost nothing.
//!
//! The same [`Lexicon`] holds the concepts and alias groups the `newsdex`
//! crate uses for query expansion. This crate knows nothing of the index.
//!
//! ```
//! use newsdex_transfers::{Extractor, ItemKind, PassageContext, Status};
//!
//! let extractor = Extractor::default();
//! let ctx = PassageContext::new(
//!     "U.S. officials say North Korea is covertly supplying Russia with artillery shells.",
//! )
//! .outlet("Reuters")
//! .published("2022-11-02");
//! let transfers = extractor.extract(&ctx);
//! assert_eq!(transfers.len(), 1);
//! let t = &transfers[0];
//! assert_eq!(t.supplier.as_deref(), Some("North Korea"));
//! assert_eq!(t.recipient.as_deref(), Some("Russia"));
//! assert_eq!(t.item, ItemKind::ArtilleryAndAmmunition);
//! assert_eq!(t.status, Status::Alleged);
//! assert_eq!(t.claimed_by.as_deref(), Some("United States"));
//! println!("{t}"); // North Korea → Russia · artillery and ammunition · alleged (by United States)
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

mod context;
mod error;
mod extractor;
mod lexicon;
mod transfer;

pub use crate::context::PassageContext;
pub use crate::error::{Error, Result};
pub use crate::extractor::Extractor;
pub use crate::lexicon::{
    Concept, Entity, Facet, FormerName, ItemWords, Lexicon, Party, PartyKind, Role, Stance,
    StanceWords, TransferWords,
};
pub use crate::transfer::{ItemKind, ParseNameError, Status, Transfer};
