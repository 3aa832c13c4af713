//! What every handler shares: the index, the limits, and the gate that
//! runs index work off the async threads, a bounded number at a time.

use std::sync::Arc;
use std::time::Instant;

use newsdex::NewsIndex;
use tokio::sync::Semaphore;

use crate::error::{Error, Result};
use crate::limits::Limits;

/// Shared by all handlers (cheap to clone).
#[derive(Clone)]
pub(crate) struct AppState {
    pub index: NewsIndex,
    pub limits: Arc<Limits>,
    permits: Arc<Semaphore>,
}

impl AppState {
    pub fn new(index: NewsIndex, limits: Limits) -> AppState {
        let permits = Arc::new(Semaphore::new(limits.max_concurrent.max(1)));
        AppState { index, limits: Arc::new(limits), permits }
    }

    /// Runs `work` on a blocking thread once a permit is free, giving up
    /// after the timeout.
    ///
    /// Searches are CPU-bound and synchronous: run on the async threads they
    /// would stall every other connection. The permit moves into the blocking
    /// task, so work that outlives its timed-out request still counts
    /// against the limit until it ends (a blocking task cannot be cancelled).
    pub async fn run<T, F>(&self, work: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&NewsIndex) -> Result<T> + Send + 'static,
    {
        let index = self.index.clone();
        let permits = Arc::clone(&self.permits);
        let task = async move {
            let permit = permits.acquire_owned().await.map_err(|e| worker(&e))?;
            tokio::task::spawn_blocking(move || {
                let _permit = permit;
                work(&index)
            })
            .await
            .map_err(|e| worker(&e))?
        };
        let timeout = self.limits.timeout;
        let started = Instant::now();
        let expired = || Error::Timeout { seconds: timeout.as_secs_f64() };
        let result = tokio::time::timeout(timeout, task).await.map_err(|_| expired())?;
        // The timer has millisecond resolution: work finishing just past the
        // limit is refused too, so the limit means what it says.
        if started.elapsed() > timeout {
            return Err(expired());
        }
        result
    }
}

fn worker(e: &dyn std::fmt::Display) -> Error {
    Error::Worker { reason: e.to_string() }
}
