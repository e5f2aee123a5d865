//! Entry point: reads `config.json`, then mounts the app into `<body>`.

#[cfg(all(target_arch = "wasm32", feature = "alloc-stats"))]
mod alloc_stats;

#[cfg(target_arch = "wasm32")]
fn main() {
    use leptos::prelude::*;
    use sps_dashboard::app::{load_config, App};

    sps_dashboard::crash::install_panic_hook();
    wasm_bindgen_futures::spawn_local(async {
        let (config, config_warning) = load_config().await;
        if let Some(splash) = document().get_element_by_id("splash") {
            splash.remove();
        }
        mount_to_body(move || view! { <App config config_warning /> });
    });
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("sps-dashboard runs in the browser: build it with `trunk build --release` (see README.md)");
    std::process::exit(2);
}
