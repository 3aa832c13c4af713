//! Standard output for every subcommand: a failed write is an error that
//! names stdout, never the panic `println!` makes of it.
//!
//! `search … | head` closes the pipe early: writes then fail with
//! `BrokenPipe` (Rust ignores `SIGPIPE`), and [`is_closed_stdout`] lets
//! `main` exit quietly with 0, since the reader took all it wanted. A full
//! disk (`> /dev/full`) is a real failure: exit 1 with the reason.

use std::fmt;
use std::io::{self, Write};

/// Like `println!`, but returns (with `?`) the write error instead of
/// panicking.
macro_rules! outln {
    () => {
        $crate::out::line(format_args!(""))?
    };
    ($($arg:tt)*) => {
        $crate::out::line(format_args!($($arg)*))?
    };
}
pub(crate) use outln;

/// Like `eprintln!`, but a closed or full stderr is ignored: a diagnostic
/// that cannot be shown must not end the run (`eprintln!` panics).
macro_rules! errln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}
pub(crate) use errln;

/// Writes one line to stdout.
pub fn line(args: fmt::Arguments<'_>) -> io::Result<()> {
    let mut out = stdout();
    out.write_fmt(args)?;
    out.write_all(b"\n")
}

/// Standard output (line-buffered, like `println!`), whose errors say
/// they are about stdout.
pub fn stdout() -> Stdout {
    Stdout(io::stdout().lock())
}

/// See [`stdout`].
pub struct Stdout(io::StdoutLock<'static>);

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf).map_err(tagged)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush().map_err(tagged)
    }
}

/// A failed write to stdout (kept inside the `io::Error`, same kind).
#[derive(Debug)]
struct StdoutError(io::Error);

impl fmt::Display for StdoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot write to stdout: {}", self.0)
    }
}

impl std::error::Error for StdoutError {}

fn tagged(err: io::Error) -> io::Error {
    if err.get_ref().is_some_and(|e| e.is::<StdoutError>()) {
        return err;
    }
    io::Error::new(err.kind(), StdoutError(err))
}

/// True when `err` comes from writing to a stdout whose reader is gone.
pub fn is_closed_stdout(err: &anyhow::Error) -> bool {
    err.chain().filter_map(|e| e.downcast_ref::<io::Error>()).any(|e| {
        e.kind() == io::ErrorKind::BrokenPipe && e.get_ref().is_some_and(|e| e.is::<StdoutError>())
    })
}
