//! Which segments the writer merges: [`BoundedMerges`].
//!
//! tantivy's default `LogMergePolicy` merges any 8 segments of about the same
//! size, so a long streaming run (one commit at the end) builds ever larger
//! merges: at ×20 the benchmark corpus (7 M passages), 8 segments of a few
//! 100 k passages made one merge of millions, whose memory (a doc-id map of
//! 8 bytes per passage, column and term ordinal maps) and mapped input files
//! made peak memory grow with the input (BENCHMARKS.md §12, §14). Bounding
//! the documents one merge may produce bounds that memory, whatever the
//! input's size, at the cost of more segments in very large indexes.

use std::collections::HashMap;

use tantivy::index::{SegmentId, SegmentMeta};
use tantivy::merge_policy::{LogMergePolicy, MergeCandidate, MergePolicy};

/// The most passages one merge may produce: ≈ 175 MB of index files at
/// ≈ 290 bytes per passage. Measured (BENCHMARKS.md §14): with 1 M, the
/// 2-thread peak still grew by 17 % from ×10 to ×20; with this, by 3–5 %.
/// An index of the default scale (≈ 1 M passages in 4 segments, the query
/// bench) merges as before; segments past half of this are not merged
/// again, so the ×20 corpus (7 M passages) keeps 18 segments of ≈ 430 k.
pub(crate) const MAX_MERGED_DOCS: u32 = 600_000;

/// `LogMergePolicy`'s choices, cut into merges of at most
/// [`MAX_MERGED_DOCS`] documents, proposed one at a time.
#[derive(Debug)]
pub(crate) struct BoundedMerges {
    log: LogMergePolicy,
    max_docs: u32,
}

impl Default for BoundedMerges {
    fn default() -> Self {
        BoundedMerges::with_max_docs(MAX_MERGED_DOCS)
    }
}

impl BoundedMerges {
    /// A policy whose merges produce at most `max_docs` documents.
    pub(crate) fn with_max_docs(max_docs: u32) -> Self {
        let mut log = LogMergePolicy::default();
        // A segment of more than half the cap could only merge with smaller
        // ones into a segment past it: leave it out of the levels at once.
        log.set_max_docs_before_merge(max_docs as usize / 2);
        BoundedMerges { log, max_docs }
    }
}

impl MergePolicy for BoundedMerges {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let docs: HashMap<SegmentId, u32> =
            segments.iter().map(|s| (s.id(), s.num_docs())).collect();
        let size = |id: &SegmentId| docs.get(id).copied().unwrap_or(0);
        let mut out = Vec::new();
        for MergeCandidate(mut ids) in self.log.compute_merge_candidates(segments) {
            // Smallest first, so each bounded group merges as many segments
            // as fit.
            ids.sort_by_key(|id| size(id));
            let mut group: Vec<SegmentId> = Vec::new();
            let mut total = 0u64;
            for id in ids {
                let n = u64::from(size(&id));
                if !group.is_empty() && total + n > u64::from(self.max_docs) {
                    push_group(&mut out, std::mem::take(&mut group));
                    total = 0;
                }
                group.push(id);
                total += n;
            }
            push_group(&mut out, group);
        }
        // One merge per call: tantivy starts every candidate at once, and
        // each merge holds its own memory. The rest of a level waits until
        // the level fills up again (the policy is asked at every new segment
        // and every finished merge), so few merges run at the same time.
        out.truncate(1);
        out
    }
}

/// Keeps a group that merges something (two segments or more).
fn push_group(out: &mut Vec<MergeCandidate>, group: Vec<SegmentId>) {
    if group.len() > 1 {
        out.push(MergeCandidate(group));
    }
}

#[cfg(test)]
mod tests {
    use tantivy::schema::{Schema, STRING};
    use tantivy::{doc, Index, IndexWriter};

    use super::*;

    /// `counts.len()` committed segments of the given sizes.
    fn segments(counts: &[u32]) -> Vec<SegmentMeta> {
        let mut schema = Schema::builder();
        let f = schema.add_text_field("f", STRING);
        let index = Index::create_in_ram(schema.build());
        let mut w: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        w.set_merge_policy(Box::new(tantivy::merge_policy::NoMergePolicy));
        for &n in counts {
            for _ in 0..n {
                w.add_document(doc!(f => "x")).unwrap();
            }
            w.commit().unwrap();
        }
        index.searchable_segment_metas().unwrap()
    }

    fn merged_sizes(policy: &BoundedMerges, metas: &[SegmentMeta]) -> Vec<u32> {
        let docs: HashMap<SegmentId, u32> = metas.iter().map(|s| (s.id(), s.num_docs())).collect();
        let mut sizes: Vec<u32> = policy
            .compute_merge_candidates(metas)
            .iter()
            .map(|c| c.0.iter().map(|id| docs[id]).sum())
            .collect();
        sizes.sort_unstable();
        sizes
    }

    #[test]
    fn merges_as_the_log_policy_below_the_cap() {
        let metas = segments(&[100; 8]);
        assert_eq!(merged_sizes(&BoundedMerges::with_max_docs(10_000), &metas), vec![800]);
    }

    #[test]
    fn cuts_a_merge_past_the_cap_into_bounded_groups() {
        let metas = segments(&[100; 8]);
        // 8 × 100 with a cap of 300: 300 first (then 300 + 200 as the
        // segments change), one merge at a time.
        assert_eq!(merged_sizes(&BoundedMerges::with_max_docs(300), &metas), vec![300]);
        // A cap below two segments merges nothing.
        assert!(merged_sizes(&BoundedMerges::with_max_docs(150), &metas).is_empty());
    }
}
