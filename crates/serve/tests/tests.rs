//! Tests of the HTTP API and the page, against servers on ephemeral ports.

mod api;
mod browser;
mod common;
