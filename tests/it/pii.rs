//! Personal identifiers found as values: reported only when their checksum
//! holds, redacted like secrets.

use crate::common::{check_expectations, fixture_at, scan_json};

#[test]
fn pii_fixture_matches_expectations() {
    let report = check_expectations("pii");
    let level = |path: &str, line: u64| -> String {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["path"] == path && f["start"]["line"] == line)
            .unwrap_or_else(|| panic!("{path}:{line}"))["level"]
            .as_str()
            .unwrap()
            .to_string()
    };
    // Published test cards and example IBANs are downgraded.
    assert_eq!(level("app/payment_test.py", 3), "note");
    assert_eq!(level("app/payment_test.py", 4), "warning");
    assert_eq!(level("customers.csv", 5), "note");
}

#[test]
fn values_are_redacted_in_every_report() {
    let dir = fixture_at("pii");
    let (_, report) = scan_json(dir.path(), &[]);
    let text = report.to_string();
    for value in [
        "185057800608491",
        "FR5810278060410002045330150",
        "4532-0151-1283-0366",
        "RSSMRA85T10A562S",
        "jeanne.martin@laposte.net",
    ] {
        assert!(!text.contains(value), "{value} shown in full");
    }
}
