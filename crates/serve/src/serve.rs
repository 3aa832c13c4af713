//! Running a router until Ctrl-C: [`serve`] and [`shutdown_signal`].

use axum::Router;
use tokio::net::TcpListener;

/// Serves `router` on `listener` until Ctrl-C (or SIGTERM on Unix), then
/// stops accepting connections and lets requests in flight finish.
pub async fn serve(listener: TcpListener, router: Router) -> std::io::Result<()> {
    axum::serve(listener, router).with_graceful_shutdown(shutdown_signal()).await
}

/// Resolves on the first Ctrl-C (SIGINT), or SIGTERM on Unix.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        // If no handler can be installed, never resolve rather than stop at once.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
}
