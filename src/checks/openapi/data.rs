//! A small built-in vocabulary of personal-data field names, used by the API
//! rules until the multilingual privacy classifier lands. Identifiers are
//! split into lower-case words (`dateOfBirth`, `date_of_birth` and
//! `date-of-birth` are the same three words) and terms match whole words.

use crate::checks::privacy::classifier;

/// How sensitive a field is, ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Sensitivity {
    /// Ordinary personal data (name, email, phone, address...).
    Personal,
    /// Highly personal: national identifiers, bank and card numbers.
    HighlyPersonal,
    /// GDPR Article 9 special categories and Article 10 criminal data.
    Special,
}

impl Sensitivity {
    pub fn label(self) -> &'static str {
        match self {
            Sensitivity::Personal => "personal",
            Sensitivity::HighlyPersonal => "highly-personal",
            Sensitivity::Special => "special-category",
        }
    }
}

/// What a field name revealed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataTerm {
    pub sensitivity: Sensitivity,
    /// The category in words (`health data`, `email address`).
    pub category: &'static str,
}

/// (words, sensitivity, category). Multi-word terms match consecutive words.
const TERMS: &[(&str, Sensitivity, &str)] = &[
    // Article 9: health.
    ("diagnosis", Sensitivity::Special, "health data"),
    ("diagnoses", Sensitivity::Special, "health data"),
    // Bare `health` (service health, health checks) and `diagnostic`
    // (device diagnostics) are left out: they name telemetry far more often.
    ("medical", Sensitivity::Special, "health data"),
    ("health record", Sensitivity::Special, "health data"),
    ("health records", Sensitivity::Special, "health data"),
    ("health data", Sensitivity::Special, "health data"),
    ("health information", Sensitivity::Special, "health data"),
    ("health insurance", Sensitivity::Special, "health data"),
    ("health condition", Sensitivity::Special, "health data"),
    ("mental health", Sensitivity::Special, "health data"),
    ("illness", Sensitivity::Special, "health data"),
    ("disease", Sensitivity::Special, "health data"),
    ("allergy", Sensitivity::Special, "health data"),
    ("allergies", Sensitivity::Special, "health data"),
    ("prescription", Sensitivity::Special, "health data"),
    ("medication", Sensitivity::Special, "health data"),
    ("medications", Sensitivity::Special, "health data"),
    ("symptom", Sensitivity::Special, "health data"),
    ("symptoms", Sensitivity::Special, "health data"),
    ("pathology", Sensitivity::Special, "health data"),
    ("blood type", Sensitivity::Special, "health data"),
    ("disability", Sensitivity::Special, "health data"),
    ("pregnancy", Sensitivity::Special, "health data"),
    ("sante", Sensitivity::Special, "health data"),
    ("maladie", Sensitivity::Special, "health data"),
    ("traitement medical", Sensitivity::Special, "health data"),
    ("gesundheit", Sensitivity::Special, "health data"),
    ("diagnose", Sensitivity::Special, "health data"),
    // Article 9: other special categories.
    ("genetic", Sensitivity::Special, "genetic data"),
    ("dna", Sensitivity::Special, "genetic data"),
    ("genome", Sensitivity::Special, "genetic data"),
    ("biometric", Sensitivity::Special, "biometric data"),
    ("biometrics", Sensitivity::Special, "biometric data"),
    ("face template", Sensitivity::Special, "biometric data"),
    ("ethnicity", Sensitivity::Special, "racial or ethnic origin"),
    (
        "ethnic origin",
        Sensitivity::Special,
        "racial or ethnic origin",
    ),
    (
        "racial origin",
        Sensitivity::Special,
        "racial or ethnic origin",
    ),
    (
        "political opinion",
        Sensitivity::Special,
        "political opinions",
    ),
    (
        "political opinions",
        Sensitivity::Special,
        "political opinions",
    ),
    (
        "political party",
        Sensitivity::Special,
        "political opinions",
    ),
    ("religion", Sensitivity::Special, "religious beliefs"),
    ("religious", Sensitivity::Special, "religious beliefs"),
    (
        "trade union",
        Sensitivity::Special,
        "trade union membership",
    ),
    (
        "union membership",
        Sensitivity::Special,
        "trade union membership",
    ),
    (
        "sexual orientation",
        Sensitivity::Special,
        "sex life or sexual orientation",
    ),
    (
        "sex life",
        Sensitivity::Special,
        "sex life or sexual orientation",
    ),
    // Article 10.
    ("criminal", Sensitivity::Special, "criminal records"),
    ("conviction", Sensitivity::Special, "criminal records"),
    ("convictions", Sensitivity::Special, "criminal records"),
    ("offence", Sensitivity::Special, "criminal records"),
    ("offense", Sensitivity::Special, "criminal records"),
    // National identifiers.
    ("nir", Sensitivity::HighlyPersonal, "national identifier"),
    ("ssn", Sensitivity::HighlyPersonal, "national identifier"),
    (
        "social security",
        Sensitivity::HighlyPersonal,
        "national identifier",
    ),
    (
        "securite sociale",
        Sensitivity::HighlyPersonal,
        "national identifier",
    ),
    (
        "national id",
        Sensitivity::HighlyPersonal,
        "national identifier",
    ),
    (
        "national identifier",
        Sensitivity::HighlyPersonal,
        "national identifier",
    ),
    (
        "passport",
        Sensitivity::HighlyPersonal,
        "national identifier",
    ),
    ("tax id", Sensitivity::HighlyPersonal, "national identifier"),
    (
        "driver license",
        Sensitivity::HighlyPersonal,
        "national identifier",
    ),
    (
        "drivers license",
        Sensitivity::HighlyPersonal,
        "national identifier",
    ),
    // Bank and card data.
    ("iban", Sensitivity::HighlyPersonal, "bank account"),
    ("bank account", Sensitivity::HighlyPersonal, "bank account"),
    ("card number", Sensitivity::HighlyPersonal, "payment card"),
    ("credit card", Sensitivity::HighlyPersonal, "payment card"),
    ("cvv", Sensitivity::HighlyPersonal, "payment card"),
    // Ordinary personal data.
    ("email", Sensitivity::Personal, "email address"),
    ("emails", Sensitivity::Personal, "email address"),
    ("e mail", Sensitivity::Personal, "email address"),
    ("courriel", Sensitivity::Personal, "email address"),
    ("phone", Sensitivity::Personal, "phone number"),
    ("telephone", Sensitivity::Personal, "phone number"),
    ("mobile number", Sensitivity::Personal, "phone number"),
    ("msisdn", Sensitivity::Personal, "phone number"),
    ("first name", Sensitivity::Personal, "name"),
    ("firstname", Sensitivity::Personal, "name"),
    ("last name", Sensitivity::Personal, "name"),
    ("lastname", Sensitivity::Personal, "name"),
    ("given name", Sensitivity::Personal, "name"),
    ("family name", Sensitivity::Personal, "name"),
    ("full name", Sensitivity::Personal, "name"),
    ("surname", Sensitivity::Personal, "name"),
    ("prenom", Sensitivity::Personal, "name"),
    ("nom de famille", Sensitivity::Personal, "name"),
    ("birth date", Sensitivity::Personal, "birth date"),
    ("birthdate", Sensitivity::Personal, "birth date"),
    ("date of birth", Sensitivity::Personal, "birth date"),
    ("birthday", Sensitivity::Personal, "birth date"),
    ("dob", Sensitivity::Personal, "birth date"),
    ("date naissance", Sensitivity::Personal, "birth date"),
    ("date de naissance", Sensitivity::Personal, "birth date"),
    ("street", Sensitivity::Personal, "postal address"),
    ("postal address", Sensitivity::Personal, "postal address"),
    ("home address", Sensitivity::Personal, "postal address"),
    ("adresse", Sensitivity::Personal, "postal address"),
    ("ip address", Sensitivity::Personal, "IP address"),
    ("geolocation", Sensitivity::Personal, "location"),
    ("gps", Sensitivity::Personal, "location"),
];

/// Words that are identifiers of a record, not personal data by themselves
/// when they follow a term (`email_id`? no: `email` still counts; these
/// only stop the bare words below).
const NOT_PERSONAL_WORDS: &[&str] = &[
    "check",
    "checks",
    "template",
    "templates",
    "domain",
    "domains",
    "provider",
    "settings",
    "setting",
    "type",
    "types",
    "format",
    "enabled",
    "verified",
    "visibility",
    "count",
];

/// Splits an identifier into lower-case, accent-folded words (camelCase,
/// snake_case, kebab-case, dots, spaces), as the privacy classifier does but
/// keeping stop words (`date of birth`).
pub fn words(ident: &str) -> Vec<String> {
    classifier::split(ident)
        .iter()
        .map(|w| classifier::fold(w))
        .collect()
}

/// The most sensitive term in a field name, if any.
pub fn classify(ident: &str) -> Option<DataTerm> {
    let words = words(ident);
    if words.is_empty() {
        return None;
    }
    static PARSED: std::sync::LazyLock<Vec<(Vec<&'static str>, Sensitivity, &'static str)>> =
        std::sync::LazyLock::new(|| {
            TERMS
                .iter()
                .map(|&(term, s, c)| (term.split(' ').collect(), s, c))
                .collect()
        });
    let mut best: Option<DataTerm> = None;
    for (parts, sensitivity, category) in PARSED.iter() {
        let (sensitivity, category) = (*sensitivity, *category);
        let found = words.windows(parts.len()).enumerate().any(|(i, w)| {
            w.iter().zip(parts.iter()).all(|(a, b)| a == b)
                // `email_template`, `phone_verified`: about the datum, not it.
                && words.get(i + parts.len()).is_none_or(|next| !NOT_PERSONAL_WORDS.contains(&next.as_str()))
        });
        if found && best.as_ref().is_none_or(|b| sensitivity > b.sensitivity) {
            best = Some(DataTerm {
                sensitivity,
                category,
            });
        }
    }
    best
}

/// Names of credentials: a parameter with one of these names carries a secret.
pub fn is_credential(ident: &str) -> bool {
    let words = words(ident);
    let joined = words.join("_");
    // Paging and sync tokens are not credentials.
    const NOT: &[&str] = &[
        "page",
        "next",
        "skip",
        "skiptoken",
        "continuation",
        "sync",
        "cursor",
        "delta",
        "resume",
        "state",
        "csrf",
        "xsrf",
        "nonce",
        "previous",
        "prev",
        "count",
        "expires",
        "expiry",
        "type",
        "hint",
    ];
    if words.iter().any(|w| NOT.contains(&w.as_str())) {
        return false;
    }
    // Not `key` (cache keys, resource keys), `session_id` (call sessions),
    // `signature`: too often identifiers.
    matches!(
        joined.as_str(),
        "password"
            | "passwd"
            | "pwd"
            | "passphrase"
            | "secret"
            | "client_secret"
            | "api_secret"
            | "token"
            | "access_token"
            | "auth_token"
            | "id_token"
            | "refresh_token"
            | "bearer"
            | "jwt"
            | "api_key"
            | "apikey"
            | "access_key"
            | "secret_key"
            | "private_key"
            | "authorization"
            | "credentials"
            | "credential"
            | "mot_de_passe"
            | "passwort"
    )
}

/// Whether a parameter name designates a record (`user-id`, `email_key`)
/// rather than carrying the datum itself.
pub fn is_identifier(ident: &str) -> bool {
    words(ident).last().is_some_and(|w| {
        matches!(
            w.as_str(),
            "id" | "ids" | "uuid" | "guid" | "key" | "ref" | "slug"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_identifiers() {
        assert_eq!(words("dateOfBirth"), ["date", "of", "birth"]);
        assert_eq!(words("patient_NIR"), ["patient", "nir"]);
        assert_eq!(words("HTTPServerURL"), ["http", "server", "url"]);
        assert_eq!(
            words("numéro-sécurité.sociale"),
            ["numero", "securite", "sociale"]
        );
    }

    #[test]
    fn classifies_fields() {
        let s = |n: &str| classify(n).map(|t| t.sensitivity);
        assert_eq!(s("diagnosis"), Some(Sensitivity::Special));
        assert_eq!(s("patientEmail"), Some(Sensitivity::Personal));
        assert_eq!(s("email_template"), None);
        assert_eq!(s("nir"), Some(Sensitivity::HighlyPersonal));
        assert_eq!(s("dateOfBirth"), Some(Sensitivity::Personal));
        assert_eq!(s("name"), None);
        assert_eq!(s("created_at"), None);
        assert_eq!(s("healthcheck"), None);
        assert_eq!(s("healthStatus"), None);
        assert_eq!(s("diagnosticSettings"), None);
        assert_eq!(s("mentalHealth"), Some(Sensitivity::Special));
        assert_eq!(s("health_check"), None);
    }

    #[test]
    fn credentials() {
        assert!(is_credential("api_key"));
        assert!(is_credential("access_token"));
        assert!(is_credential("password"));
        assert!(!is_credential("$skiptoken"));
        assert!(!is_credential("page_token"));
        assert!(!is_credential("key_id"));
        assert!(!is_credential("token_type"));
        assert!(!is_credential("key"));
        assert!(!is_credential("session-id"));
        assert!(is_identifier("serviceHealth-id"));
        assert!(!is_identifier("email"));
    }
}
