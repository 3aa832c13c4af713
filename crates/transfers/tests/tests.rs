//! Integration tests of newsdex-transfers: table-driven sentences, arbitrary
//! text, and the development set scored like `score_transfers.py`.

mod props;
mod sentences;
