//! A bound on the passages waiting in tantivy's indexing queue:
//! [`InFlight`], and the document type that reports back, [`Tracked`].
//!
//! Why: tantivy's queue holds up to 10,000 *operation batches*, and the
//! writer sends one batch per article (`writer.rs`). With a slow indexing
//! thread and fast feeders, the queue filled with 10,000 articles (≈ 140,000
//! passages) instead of the 10,000 passages it held when every passage was
//! its own batch: peak memory grew from 278 to 493 MB on two copies of the
//! development corpus with one thread (BENCHMARKS.md §14). tantivy says
//! nothing about how full its queue is, so each article's last document
//! carries a permit that gives its passages back when tantivy drops it
//! (once it is indexed), and the writer waits for room before sending.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tantivy::schema::document::Document;
use tantivy::TantivyDocument;

/// Passages sent to tantivy and not yet indexed, at most: as many as
/// tantivy's own queue held when it was one passage per batch.
pub(crate) const MAX_PASSAGES_IN_FLIGHT: usize = 10_000;

/// How long the writer waits with no passage indexed before it sends
/// anyway. Indexing threads that died drop their queue (and its permits);
/// this only guards against a permit that never comes back, so that a
/// stuck count can never hang a writer: sending costs memory, and tantivy
/// reports a dead writer when it is sent to.
const STALLED_AFTER: Duration = Duration::from_secs(30);

/// Pause between two looks at the count while the queue is full.
///
/// Polling rather than a `Condvar`: a notify from the indexing threads would
/// be a futex system call per indexed article whether or not the writer
/// waits, the very hand-over cost the per-article batches removed; a sleeping
/// writer costs nothing while tantivy works through ≥ 10,000 queued passages.
const POLL: Duration = Duration::from_micros(500);

/// The count of passages in flight, shared with the permits.
#[derive(Clone, Debug, Default)]
pub(crate) struct InFlight {
    count: Arc<AtomicUsize>,
}

impl InFlight {
    /// Waits until `passages` more fit under [`MAX_PASSAGES_IN_FLIGHT`] (or
    /// nothing is in flight, for an article larger than the bound), counts
    /// them, and returns the permit that gives them back when dropped.
    pub fn acquire(&self, passages: usize) -> Permit {
        let mut last = usize::MAX;
        let mut since = Instant::now();
        loop {
            let now = self.count.load(Ordering::Acquire);
            if now == 0 || now + passages <= MAX_PASSAGES_IN_FLIGHT {
                break;
            }
            if now != last {
                (last, since) = (now, Instant::now());
            } else if since.elapsed() >= STALLED_AFTER {
                break;
            }
            std::thread::sleep(POLL);
        }
        self.count.fetch_add(passages, Ordering::AcqRel);
        Permit { count: Arc::clone(&self.count), passages }
    }

    /// Passages counted and not given back.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.count.load(Ordering::Acquire)
    }
}

/// Passages counted by [`InFlight::acquire`], given back when dropped.
#[derive(Debug)]
pub(crate) struct Permit {
    count: Arc<AtomicUsize>,
    passages: usize,
}

impl Drop for Permit {
    fn drop(&mut self) {
        self.count.fetch_sub(self.passages, Ordering::AcqRel);
    }
}

/// A passage's document on its way to tantivy; the article's last one
/// holds the article's [`Permit`], dropped with it once tantivy has
/// indexed it (tantivy indexes an article's batch in order, on one thread).
#[derive(Debug)]
pub(crate) struct Tracked {
    doc: TantivyDocument,
    _permit: Option<Permit>,
}

impl Tracked {
    /// `docs` of one article, the permit on the last.
    pub fn batch(
        docs: Vec<TantivyDocument>,
        permit: Permit,
    ) -> impl ExactSizeIterator<Item = Tracked> {
        let mut permit = Some(permit);
        let last = docs.len().saturating_sub(1);
        docs.into_iter().enumerate().map(move |(i, doc)| Tracked {
            doc,
            _permit: if i == last { permit.take() } else { None },
        })
    }
}

impl Document for Tracked {
    type Value<'a> = <TantivyDocument as Document>::Value<'a>;
    type FieldsValuesIter<'a> = <TantivyDocument as Document>::FieldsValuesIter<'a>;

    fn iter_fields_and_values(&self) -> Self::FieldsValuesIter<'_> {
        self.doc.iter_fields_and_values()
    }

    fn into_tantivy_document(self) -> TantivyDocument {
        self.doc
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permits_give_their_passages_back_on_the_last_document() {
        let in_flight = InFlight::default();
        let docs = Tracked::batch(vec![TantivyDocument::new(); 3], in_flight.acquire(3));
        assert_eq!(in_flight.len(), 3);
        let mut docs = docs.into_iter();
        drop(docs.next());
        drop(docs.next());
        assert_eq!(in_flight.len(), 3, "only the last document holds the permit");
        drop(docs.next());
        assert_eq!(in_flight.len(), 0);
    }

    #[test]
    fn a_batch_larger_than_the_bound_goes_when_nothing_is_in_flight() {
        let in_flight = InFlight::default();
        let permit = in_flight.acquire(MAX_PASSAGES_IN_FLIGHT * 2);
        assert_eq!(in_flight.len(), MAX_PASSAGES_IN_FLIGHT * 2);
        drop(permit);
        assert_eq!(in_flight.len(), 0);
    }

    #[test]
    fn acquire_waits_for_room() {
        let in_flight = InFlight::default();
        let held = in_flight.acquire(MAX_PASSAGES_IN_FLIGHT);
        let other = in_flight.clone();
        let waiter = std::thread::spawn(move || {
            let _permit = other.acquire(1);
            other.len()
        });
        std::thread::sleep(Duration::from_millis(50));
        assert!(!waiter.is_finished(), "the queue is full: acquire must wait");
        drop(held);
        assert_eq!(waiter.join().unwrap(), 1);
    }
}
