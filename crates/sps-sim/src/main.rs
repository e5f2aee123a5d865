//! `sps-sim`: serve the stand-in SPS audit API with seeded demo data.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::http::HeaderValue;
use chrono::{DateTime, SubsecRound, Utc};
use clap::Parser;

use sps_sim::auth::Logins;
use sps_sim::datadir::{self, Provenance};
use sps_sim::demo::{DemoSpec, HUGE_SESSION_ID};
use sps_sim::faults::{FaultSettings, Faults};
use sps_sim::{AppFiles, Sim};

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
    /// The end of the demo period (RFC 3339); default: the current time. Give it to
    /// reuse the index across restarts.
    #[arg(long)]
    now: Option<DateTime<Utc>>,
    /// Where the search indexes live (one per set of generation parameters); default:
    /// `sps-sim-data` in the `target` directory the binary was built in, else in the
    /// system's temporary directory.
    #[arg(long)]
    data_dir: Option<PathBuf>,
    /// Put hostile text (`data/hostile.json`: markup, control and bidi characters, 1 MB
    /// lines, …) in every text property, half the events, some alert rules, and add the
    /// session `hostile-corpus` whose events are the whole corpus.
    #[arg(long)]
    hostile: bool,
    /// Build the index anew even when one with the same parameters exists.
    #[arg(long)]
    regenerate: bool,
    /// Also serve the built app (e.g. `dist/`) on the same origin.
    #[arg(long)]
    serve_dir: Option<PathBuf>,
    /// Content-Security-Policy header sent with the served app (production's is in
    /// deploy/nginx.conf).
    #[arg(long, env = "SPS_SIM_CSP", requires = "serve_dir")]
    csp: Option<HeaderValue>,
    /// The user name that can log in.
    #[arg(long, default_value = "admin")]
    user: String,
    /// That user's password.
    #[arg(long, default_value = "demo")]
    password: String,
    /// Seconds without requests after which a login expires (SPS: 20 minutes).
    #[arg(long, default_value_t = 1200)]
    login_idle_seconds: u64,
    /// Serve the audit endpoints without a login. With a login, the `session_id`
    /// cookie has the appliance's shape (`HttpOnly; Max-Age=43200; Path=/; Secure`),
    /// without `Secure` when listening on loopback: the sim speaks plain HTTP.
    #[arg(long)]
    no_auth: bool,
    /// Milliseconds added to every API request.
    #[arg(long, default_value_t = 0)]
    latency_ms: u64,
    /// Share (0–1) of audit requests answered 500 `SearchUnavailable`.
    #[arg(long, default_value_t = 0.0)]
    fail_share: f64,
    /// Share (0–1) of audit requests whose connection is closed without an answer.
    #[arg(long, default_value_t = 0.0)]
    drop_share: f64,
    /// Share (0–1) of audit requests answered 200 with a truncated JSON body.
    #[arg(long, default_value_t = 0.0)]
    malformed_share: f64,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse();
    let faults = Arc::new(Faults::new(FaultSettings {
        latency_ms: args.latency_ms,
        fail_share: args.fail_share,
        drop_share: args.drop_share,
        malformed_share: args.malformed_share,
    })?);
    let spec = DemoSpec {
        sessions: args.sessions,
        seed: args.seed,
        days: args.days,
        now: args.now.unwrap_or_else(Utc::now).trunc_subsecs(3),
        hostile: args.hostile,
    };
    let (data_dir, regenerate) = (args.data_dir.clone().unwrap_or_else(default_data_dir), args.regenerate);
    let setup = spec.clone();
    let (store, provenance, dir) =
        tokio::task::spawn_blocking(move || datadir::open_or_build(&data_dir, &setup, regenerate)).await??;
    match provenance {
        Provenance::Built { seconds } => {
            eprintln!("sps-sim: generated and indexed {} sessions in {seconds:.2} s ({})", store.len(), dir.display())
        }
        Provenance::Reused { build_seconds, open_seconds } => eprintln!(
            "sps-sim: reused the index of {} sessions in {} (opened in {open_seconds:.2} s; building it took {build_seconds:.2} s)",
            store.len(),
            dir.display()
        ),
    }
    let listener = tokio::net::TcpListener::bind(args.listen).await?;
    let local = listener.local_addr()?;
    eprintln!(
        "sps-sim: seed {}, {} days up to {}, on http://{local}; {HUGE_SESSION_ID} has 100,000 events",
        spec.seed,
        spec.days,
        spec.now.format("%Y-%m-%dT%H:%M:%SZ"),
    );
    let mut sim = Sim::new(store).with_faults(faults.clone());
    if !args.no_auth {
        let logins = Logins::new(&args.user, &args.password, Duration::from_secs(args.login_idle_seconds));
        // The sim speaks plain HTTP: on loopback its cookie goes without `Secure` so that
        // any browser sends it back; elsewhere it keeps the appliance's `Secure`.
        sim = sim.with_logins(if local.ip().is_loopback() { logins.for_plain_http_on_loopback() } else { logins });
        eprintln!("sps-sim: log in as `{}` with password `{}`", args.user, args.password);
    } else {
        eprintln!("sps-sim: no login required (--no-auth)");
    }
    // The control endpoints change what the server does: only for this machine.
    if local.ip().is_loopback() {
        sim = sim.with_control();
        eprintln!("sps-sim: test controls at http://{local}/__sim/faults and /__sim/expire-logins");
    }
    let app_files = args.serve_dir.map(|dir| AppFiles { dir, csp: args.csp });
    let app = sps_sim::router(sim, app_files);
    sps_sim::server::serve(listener, app, faults, shutdown()).await;
    Ok(())
}

/// `target/sps-sim-data` for a binary in `target/<profile>/`, wherever it is started
/// from; the temporary directory for one installed elsewhere.
fn default_data_dir() -> PathBuf {
    let exe = std::env::current_exe().ok();
    let target =
        exe.as_deref().and_then(|e| e.parent()?.parent()).filter(|t| t.file_name().is_some_and(|n| n == "target"));
    target.map_or_else(std::env::temp_dir, PathBuf::from).join("sps-sim-data")
}

async fn shutdown() {
    // An error here means no signal handler: then run until killed.
    if tokio::signal::ctrl_c().await.is_err() {
        std::future::pending::<()>().await;
    }
}
