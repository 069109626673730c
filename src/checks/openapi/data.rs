//! Personal data for the API rules (the risk profile, `personal-data-in-url`):
//! the privacy classifier's categories mapped to the risk profile's
//! sensitivity, and the words that name credentials and record identifiers.
//! Identifiers are split into lower-case words (`dateOfBirth`,
//! `date_of_birth` and `date-of-birth` are the same three words).

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
    /// The category and the term (`health data (EN "diagnosis")`).
    pub category: String,
    /// A national identifier (NIR, passport, tax id).
    pub national_id: bool,
}

/// Words of the personal-data terms that name bank or card data: highly
/// personal for the risk profile (fraud), ordinary personal data for the
/// GDPR inventory.
const PAYMENT_WORDS: &[&str] = &[
    "iban",
    "bic",
    "swift",
    "bank",
    "card",
    "cvv",
    "cvc",
    "rib",
    "kontonummer",
    "bankkontonummer",
    "kreditkarte",
    "kreditkartennummer",
    "tarjeta",
    "carta",
    "cartao",
    "creditcardnummer",
    "bankrekening",
    "bankrekeningnummer",
    "rekeningnummer",
    "conto",
    "cuenta",
    "compte",
    "conta",
    "bancaire",
    "bancarios",
    "bancarie",
    "bancaria",
    "bancario",
    "bancaires",
    "bankverbindung",
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

/// The most sensitive category of a field name, from the privacy
/// classifier (the same dictionaries as the `privacy/*` rules), without a
/// person context: ambiguous terms do not count here.
pub fn classify(ident: &str) -> Option<DataTerm> {
    let m = classifier::BUILTIN.classify(ident, None)?;
    let sensitivity = match m.sensitivity {
        classifier::Sensitivity::Special => Sensitivity::Special,
        classifier::Sensitivity::NationalId => Sensitivity::HighlyPersonal,
        classifier::Sensitivity::Personal
            if m.term.split(' ').any(|w| PAYMENT_WORDS.contains(&w)) =>
        {
            Sensitivity::HighlyPersonal
        }
        classifier::Sensitivity::Personal => Sensitivity::Personal,
    };
    Some(DataTerm {
        sensitivity,
        category: m.describe(),
        national_id: m.sensitivity == classifier::Sensitivity::NationalId,
    })
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
/// or an account by its public handle (`username`, `login`), rather than
/// carrying a datum about the person: a path like `/users/{username}` names
/// the resource, as `/users/{id}` does.
pub fn is_identifier(ident: &str) -> bool {
    let words = words(ident);
    let last = words.last().map(String::as_str);
    let handle = matches!(
        last,
        Some(
            "username" | "usernames" | "login" | "handle" | "nickname" | "pseudo" | "benutzername"
        )
    ) || (last == Some("name")
        && words
            .len()
            .checked_sub(2)
            .is_some_and(|i| matches!(words[i].as_str(), "user" | "screen" | "account")));
    handle
        || last
            .is_some_and(|w| matches!(w, "id" | "ids" | "uuid" | "guid" | "key" | "ref" | "slug"))
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
        assert!(is_identifier("username"));
        assert!(is_identifier("screen_name"));
        assert!(!is_identifier("first_name"));
        assert!(!is_identifier("email"));
    }
}
