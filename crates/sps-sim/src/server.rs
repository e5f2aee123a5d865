//! Serving the router on a listener, with one thing `axum::serve` cannot do: close a
//! connection without answering (`--drop-share`). The request is refused by the
//! connection's service, so the HTTP/1 connection ends before any response byte.

use std::future::Future;
use std::sync::Arc;

use axum::body::Body;
use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::Request;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tower::ServiceExt;

use crate::faults::Faults;

/// Why a connection ended unanswered.
#[derive(Debug, thiserror::Error)]
#[error("connection dropped by fault injection")]
struct Dropped;

/// Serves `app` on `listener` until `shutdown` completes; audit requests lose their
/// connection at the share `faults` says.
pub async fn serve(listener: TcpListener, app: Router, faults: Arc<Faults>, shutdown: impl Future<Output = ()>) {
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // Out of file descriptors and the like: the next accept may succeed.
                Err(_) => continue,
            },
            () = &mut shutdown => return,
        };
        let (app, faults) = (app.clone(), faults.clone());
        tokio::spawn(async move {
            let service = service_fn(move |request: Request<Incoming>| {
                let (app, faults) = (app.clone(), faults.clone());
                async move {
                    if request.uri().path().starts_with("/api/audit/") && faults.drop_connection() {
                        return Err(Dropped);
                    }
                    let Ok(response) = app.oneshot(request.map(Body::new)).await;
                    Ok(response)
                }
            });
            // A client that goes away mid-request is no concern of the server's.
            let _ = http1::Builder::new().serve_connection(TokioIo::new(stream), service).await;
        });
    }
}
