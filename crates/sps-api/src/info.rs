//! `GET /api/info`: facts about the appliance, shown in the dashboard's footer.

use serde::{Deserialize, Serialize};

use crate::envelope::ObjectResponse;

/// The info answer: `{body: {firmware_version, …}, meta}`.
pub type InfoResponse = ObjectResponse<InfoBody>;

/// The `body` of `/api/info`. Only the firmware version is used; other keys are
/// ignored, and a body without it still parses.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InfoBody {
    /// The SPS firmware version, e.g. `6.0.2`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub firmware_version: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn firmware_version_among_other_keys() {
        let r: InfoResponse = serde_json::from_str(
            r#"{"body": {"firmware_version": "7.0.1", "hostname": "sps"}, "meta": {"href": "/api/info"}}"#,
        )
        .unwrap();
        assert_eq!(r.body.firmware_version.as_deref(), Some("7.0.1"));
        assert_eq!(r.meta.href.as_deref(), Some("/api/info"));
        let bare: InfoResponse = serde_json::from_str(r#"{"body": {}}"#).unwrap();
        assert_eq!(bare.body, InfoBody::default());
    }
}
