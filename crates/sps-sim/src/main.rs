//! `sps-sim`: serve the stand-in SPS audit API with seeded demo data.

use std::net::SocketAddr;
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use clap::Parser;
use std::time::Duration;

use sps_sim::auth::Logins;
use sps_sim::demo::{self, DemoSpec};
use sps_sim::Sim;

/// Stand-in SPS audit REST API with generated demo data.
#[derive(Debug, Parser)]
#[command(version)]
struct Args {
    /// Address to listen on (keep it on loopback).
    #[arg(long, default_value = "127.0.0.1:8089")]
    listen: SocketAddr,
    /// Number of demo sessions to generate.
    #[arg(long, default_value_t = 20_000)]
    sessions: usize,
    /// Random seed of the demo data.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Sessions start within this many days before `--now`.
    #[arg(long, default_value_t = 30)]
    days: u32,
    /// The end of the demo period (RFC 3339); default: the current time.
    #[arg(long)]
    now: Option<DateTime<Utc>>,
    /// Also serve the built app (e.g. `dist/`) on the same origin.
    #[arg(long)]
    serve_dir: Option<PathBuf>,
    /// The user name that can log in.
    #[arg(long, default_value = "admin")]
    user: String,
    /// That user's password.
    #[arg(long, default_value = "demo")]
    password: String,
    /// Seconds without requests after which a login expires (SPS: 20 minutes).
    #[arg(long, default_value_t = 1200)]
    login_idle_seconds: u64,
    /// Serve the audit endpoints without a login.
    #[arg(long)]
    no_auth: bool,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse();
    let spec = DemoSpec {
        sessions: args.sessions,
        seed: args.seed,
        days: args.days,
        now: args.now.unwrap_or_else(Utc::now),
    };
    let store = demo::store(&spec);
    let listener = tokio::net::TcpListener::bind(args.listen).await?;
    eprintln!(
        "sps-sim: {} sessions (seed {}, {} days up to {}) on http://{}",
        store.len(),
        spec.seed,
        spec.days,
        spec.now.format("%Y-%m-%dT%H:%M:%SZ"),
        listener.local_addr()?
    );
    let logins = (!args.no_auth)
        .then(|| Logins::new(&args.user, &args.password, Duration::from_secs(args.login_idle_seconds)));
    match &logins {
        Some(_) => eprintln!("sps-sim: log in as `{}` with password `{}`", args.user, args.password),
        None => eprintln!("sps-sim: no login required (--no-auth)"),
    }
    let app = sps_sim::router(Sim { store, logins }, args.serve_dir);
    axum::serve(listener, app).with_graceful_shutdown(shutdown()).await?;
    Ok(())
}

async fn shutdown() {
    // An error here means no signal handler: then run until killed.
    if tokio::signal::ctrl_c().await.is_err() {
        std::future::pending::<()>().await;
    }
}
