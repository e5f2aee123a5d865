//! What the page shows when the app panics: a panic stops the wasm instance, so
//! instead of a frozen page the user gets a plain notice with a way back. Built
//! with bare DOM calls, because the reactive system may be what broke.

use std::panic::PanicHookInfo;

const NOTICE_ID: &str = "crash-notice";

/// Installs the panic hook: the message goes to the console, the notice to the page.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info: &PanicHookInfo<'_>| {
        console_error_panic_hook::hook(info);
        show_notice();
    }));
}

/// Shows the notice (once).
pub fn show_notice() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    if document.get_element_by_id(NOTICE_ID).is_some() {
        return;
    }
    let href = document.location().and_then(|l| l.href().ok()).unwrap_or_else(|| "/".to_owned());
    // Every step may fail on a half-torn-down page; the console already has the panic.
    let build = || -> Option<()> {
        let notice = document.create_element("div").ok()?;
        notice.set_id(NOTICE_ID);
        notice.set_class_name("crash-notice");
        notice.set_attribute("role", "alert").ok()?;
        let text = document.create_element("p").ok()?;
        text.set_text_content(Some(
            "Something broke in the dashboard. Reload the page to continue — your view is kept in the address.",
        ));
        let reload = document.create_element("a").ok()?;
        reload.set_attribute("href", &href).ok()?;
        reload.set_class_name("crash-reload");
        reload.set_text_content(Some("Reload"));
        notice.append_child(&text).ok()?;
        notice.append_child(&reload).ok()?;
        document.body()?.append_child(&notice).ok()?;
        Some(())
    };
    build();
}
