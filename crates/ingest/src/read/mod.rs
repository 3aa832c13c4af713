//! Readers: one module per input format.

pub(crate) mod html;
