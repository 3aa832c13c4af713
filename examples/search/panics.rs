//! Panics and the terminal: the library turns tantivy's panics on damaged
//! files into errors (`newsdex::Error::Corrupt`), but Rust's default hook
//! would still print "thread 'main' panicked at …" before the error, which
//! reads as a crash. So panics on the main thread are recorded instead of
//! printed; one that escapes to `main` (a bug of this program) is printed
//! there as a one-line error. Other threads keep the default hook, and
//! `RUST_BACKTRACE` set keeps it everywhere, for debugging.

use std::panic::{self, AssertUnwindSafe};
use std::sync::Mutex;

/// The last panic of the main thread: "message at file:line:col".
static LAST: Mutex<Option<String>> = Mutex::new(None);

/// Installs the hook (once, at the start of `main`).
pub fn install_quiet_hook() {
    if std::env::var_os("RUST_BACKTRACE").is_some_and(|v| v != "0") {
        return;
    }
    let default = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        if std::thread::current().name() == Some("main") {
            if let Ok(mut last) = LAST.lock() {
                *last = Some(info.to_string());
            }
        } else {
            default(info);
        }
    }));
}

/// Runs `f`; a panic that escapes it becomes an error naming the panic.
pub fn catch(f: impl FnOnce() -> anyhow::Result<()>) -> anyhow::Result<()> {
    match panic::catch_unwind(AssertUnwindSafe(f)) {
        Ok(result) => result,
        Err(_) => {
            let last = LAST.lock().ok().and_then(|mut l| l.take());
            let what = last.unwrap_or_else(|| "a panic".to_string()).replace('\n', " ");
            Err(anyhow::anyhow!("internal error, please report it: {what}"))
        }
    }
}
