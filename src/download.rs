//! Saving files from the browser: a Blob behind a temporary object URL and a
//! temporary `<a download>`, both released right after the click.

use wasm_bindgen::{JsCast, JsValue};

/// Why a download could not start.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the download could not start: {0}")]
pub struct DownloadError(String);

fn js_error(e: JsValue) -> DownloadError {
    DownloadError(e.as_string().unwrap_or_else(|| format!("{e:?}")))
}

/// Offers `bytes` as a file called `name` of type `mime`.
pub fn save_bytes(name: &str, mime: &str, bytes: &[u8]) -> Result<(), DownloadError> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    // `Uint8Array::from` copies the bytes into JS memory.
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(js_error)?;
    save_blob(name, &blob)
}

/// Offers `blob` as a file called `name`.
pub fn save_blob(name: &str, blob: &web_sys::Blob) -> Result<(), DownloadError> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or_else(|| DownloadError("no document".into()))?;
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(js_error)?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a").map_err(js_error)?.unchecked_into();
    link.set_href(&url);
    link.set_download(name);
    let body = document.body().ok_or_else(|| DownloadError("no body".into()))?;
    body.append_child(&link).map_err(js_error)?;
    link.click();
    link.remove();
    // Give the browser a moment to start reading the blob before releasing it.
    leptos::prelude::set_timeout(
        move || {
            // Revoking an unknown URL is harmless; nothing to report.
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(10),
    );
    Ok(())
}
