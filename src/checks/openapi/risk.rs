//! The CNIL-style risk profile of an operation. The CNIL's API
//! recommendations weigh four factors together: read or write access, the
//! strength of authentication, the sensitivity of the data, and the
//! granularity of access (one record, a collection, a bulk export).
//!
//! How they combine (documented in `rules/api.toml` and `vigie explain`):
//!
//! - the data sets the base: no personal data → low; personal data →
//!   moderate; highly personal (national identifier, bank) or special
//!   category (Article 9, Article 10) → high;
//! - with personal data, each aggravating factor raises the level by one
//!   step, up to critical: authentication weaker than OAuth 2.0 (none, API
//!   key, HTTP Basic); no authentication at all while the operation writes
//!   or exports in bulk; a bulk export;
//! - without personal data, an unauthenticated write is moderate; anything
//!   else is low.

use serde::Serialize;

use super::data::Sensitivity;
use super::model::SchemeKind;

/// Authentication strength, ordered weakest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Auth {
    None,
    ApiKey,
    Basic,
    /// OAuth 2.0, OpenID Connect, or an HTTP bearer token.
    OAuth,
    MutualTls,
}

impl Auth {
    pub fn of(kind: &SchemeKind) -> Auth {
        match kind {
            SchemeKind::ApiKey { .. } | SchemeKind::Unknown(_) => Auth::ApiKey,
            SchemeKind::Http { scheme } if scheme == "bearer" => Auth::OAuth,
            SchemeKind::Http { .. } => Auth::Basic,
            SchemeKind::OAuth2 { .. } | SchemeKind::OpenIdConnect => Auth::OAuth,
            SchemeKind::MutualTls => Auth::MutualTls,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Auth::None => "none",
            Auth::ApiKey => "api-key",
            Auth::Basic => "http-basic",
            Auth::OAuth => "oauth2",
            Auth::MutualTls => "mutual-tls",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Granularity {
    One,
    Collection,
    Bulk,
}

impl Granularity {
    pub fn label(self) -> &'static str {
        match self {
            Granularity::One => "one record",
            Granularity::Collection => "collection",
            Granularity::Bulk => "bulk export",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RiskLevel {
    Low,
    Moderate,
    High,
    Critical,
}

impl RiskLevel {
    pub fn label(self) -> &'static str {
        match self {
            RiskLevel::Low => "low",
            RiskLevel::Moderate => "moderate",
            RiskLevel::High => "high",
            RiskLevel::Critical => "critical",
        }
    }

    fn raise(self) -> RiskLevel {
        match self {
            RiskLevel::Low => RiskLevel::Moderate,
            RiskLevel::Moderate => RiskLevel::High,
            RiskLevel::High | RiskLevel::Critical => RiskLevel::Critical,
        }
    }
}

/// The combined profile, with the reasons that raised it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Risk {
    pub level: RiskLevel,
    pub reasons: Vec<&'static str>,
}

pub fn assess(
    writes: bool,
    auth: Auth,
    data: Option<Sensitivity>,
    granularity: Granularity,
) -> Risk {
    let mut reasons = Vec::new();
    let Some(data) = data else {
        if writes && auth == Auth::None {
            reasons.push("unauthenticated write");
            return Risk {
                level: RiskLevel::Moderate,
                reasons,
            };
        }
        return Risk {
            level: RiskLevel::Low,
            reasons,
        };
    };
    let mut level = match data {
        Sensitivity::Personal => {
            reasons.push("personal data");
            RiskLevel::Moderate
        }
        Sensitivity::HighlyPersonal => {
            reasons.push("highly personal data");
            RiskLevel::High
        }
        Sensitivity::Special => {
            reasons.push("special-category data");
            RiskLevel::High
        }
    };
    if auth < Auth::OAuth {
        reasons.push(if auth == Auth::None {
            "no authentication"
        } else {
            "weak authentication"
        });
        level = level.raise();
    }
    if auth == Auth::None && (writes || granularity == Granularity::Bulk) {
        reasons.push(if writes {
            "unauthenticated write"
        } else {
            "unauthenticated bulk access"
        });
        level = level.raise();
    }
    if granularity == Granularity::Bulk {
        reasons.push("bulk export");
        level = level.raise();
    }
    Risk { level, reasons }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn combinations() {
        let lvl = |w, a, d, g| assess(w, a, d, g).level;
        assert_eq!(
            lvl(
                true,
                Auth::None,
                Some(Sensitivity::Special),
                Granularity::One
            ),
            RiskLevel::Critical
        );
        assert_eq!(
            lvl(false, Auth::None, None, Granularity::One),
            RiskLevel::Low
        );
        assert_eq!(
            lvl(true, Auth::None, None, Granularity::One),
            RiskLevel::Moderate
        );
        assert_eq!(
            lvl(
                false,
                Auth::OAuth,
                Some(Sensitivity::Special),
                Granularity::Collection
            ),
            RiskLevel::High
        );
        assert_eq!(
            lvl(
                false,
                Auth::OAuth,
                Some(Sensitivity::Personal),
                Granularity::One
            ),
            RiskLevel::Moderate
        );
        assert_eq!(
            lvl(
                false,
                Auth::None,
                Some(Sensitivity::Personal),
                Granularity::One
            ),
            RiskLevel::High
        );
        assert_eq!(
            lvl(
                false,
                Auth::ApiKey,
                Some(Sensitivity::HighlyPersonal),
                Granularity::One
            ),
            RiskLevel::Critical
        );
        assert_eq!(
            lvl(
                false,
                Auth::MutualTls,
                Some(Sensitivity::Personal),
                Granularity::Bulk
            ),
            RiskLevel::High
        );
    }
}
