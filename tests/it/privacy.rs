//! Personal and sensitive data in data models: the multilingual classifier
//! over OpenAPI schemas, SQL, Django, Rust, Rails and Prisma models, and the
//! data inventory of the JSON report.

use serde_json::Value;

use crate::common::{check_expectations, fixture_at, testdata, vigie};

fn findings(report: &Value) -> &Vec<Value> {
    report["findings"].as_array().unwrap()
}

#[test]
fn fixtures_match_expectations_and_spare_every_trap() {
    let report = check_expectations("privacy");
    let expected = std::fs::read_to_string(testdata("privacy/expected.txt")).unwrap();
    let findings_expected = expected.lines().filter(|l| l.contains(" privacy/")).count();
    assert!(
        findings_expected >= 40,
        "{findings_expected} expected findings"
    );
    let traps: Vec<(&str, u64, &str)> = expected
        .lines()
        .filter_map(|l| l.strip_prefix("trap "))
        .map(|l| {
            let (place, field) = l.split_once(' ').unwrap();
            let (path, line) = place.rsplit_once(':').unwrap();
            (path, line.parse().unwrap(), field)
        })
        .collect();
    assert!(traps.len() >= 40, "{} traps", traps.len());
    for (path, line, field) in &traps {
        let text = std::fs::read_to_string(testdata(&format!("privacy/{path}"))).unwrap();
        let written = text.lines().nth(*line as usize - 1).unwrap_or_default();
        assert!(
            written.contains(field),
            "trap {path}:{line}: the line does not name `{field}`: {written}"
        );
        let reported = findings(&report)
            .iter()
            .find(|f| f["path"] == *path && f["start"]["line"] == *line);
        assert!(
            reported.is_none(),
            "trap {path}:{line} `{field}` reported: {}",
            reported.unwrap()["message"]
        );
    }
}

#[test]
fn findings_name_the_field_its_container_and_the_term() {
    let report = check_expectations("privacy");
    let message = |path: &str, line: u64| -> (String, String) {
        let f = findings(&report)
            .iter()
            .find(|f| f["path"] == path && f["start"]["line"] == line)
            .unwrap_or_else(|| panic!("no finding at {path}:{line}"));
        (
            f["message"].as_str().unwrap().to_string(),
            f["level"].as_str().unwrap().to_string(),
        )
    };
    let cases = [
        (
            "fr-sante/openapi.yaml",
            "diagnostic:",
            "field \"diagnostic\" of schema Patient: health data (FR \"diagnostic\"), ambiguous term in a person context",
            "warning",
        ),
        (
            "fr-sante/openapi.yaml",
            "- name: numeroSecuriteSociale",
            "parameter \"numeroSecuriteSociale\" of GET /patients: national identifier (FR \"numero securite sociale\")",
            "warning",
        ),
        (
            "de-gewerkschaft/schema.sql",
            "gewerkschaftszugehoerigkeit",
            "field \"gewerkschaftszugehoerigkeit\" of table mitglieder: trade union membership (DE \"gewerkschaftszugehoerigkeit\")",
            "warning",
        ),
        (
            "es-rrhh/personal/models.py",
            "afiliacion_sindical",
            "field \"afiliacion_sindical\" of model Empleado: trade union membership (ES \"afiliacion sindical\")",
            "warning",
        ),
        (
            "rust-service/src/models.rs",
            "nhs_number",
            "field \"nhsNo\" of struct Patient: health data (EN \"nhs number\")",
            "warning",
        ),
        (
            "prisma-rencontres/prisma/schema.prisma",
            "  orientation",
            "field \"orientation\" of model User: sex life or sexual orientation (FR \"orientation sexuelle\")",
            "warning",
        ),
        (
            "rails-clinic/db/schema.rb",
            "\"first_name\"",
            "field \"first_name\" of table patients: personal data (EN \"first name\")",
            "note",
        ),
    ];
    for (path, marker, want, level) in cases {
        let text = std::fs::read_to_string(testdata(&format!("privacy/{path}"))).unwrap();
        let line = text
            .lines()
            .position(|l| l.contains(marker))
            .unwrap_or_else(|| panic!("{marker} not in {path}")) as u64
            + 1;
        assert_eq!(message(path, line), (want.to_string(), level.to_string()));
    }
}

#[test]
fn the_json_report_holds_the_data_inventory() {
    let report = check_expectations("privacy");
    let inventory = report["inventory"].as_array().unwrap();
    let privacy = findings(&report)
        .iter()
        .filter(|f| f["rule"].as_str().unwrap().starts_with("privacy/"))
        .count();
    assert_eq!(inventory.len(), privacy);
    assert_eq!(report["summary"]["inventory"], privacy);
    let entry = |field: &str, container: &str| -> &Value {
        inventory
            .iter()
            .find(|e| e["field"] == field && e["container"] == container)
            .unwrap_or_else(|| panic!("{field} of {container} not in the inventory"))
    };
    let e = entry("gewerkschaftszugehoerigkeit", "table mitglieder");
    assert_eq!(e["category"], "article9-trade-union");
    assert_eq!(e["rule"], "privacy/article9-trade-union");
    assert_eq!(e["path"], "de-gewerkschaft/schema.sql");
    assert_eq!(e["type"], "BOOLEAN");
    assert_eq!(e["required"], true);
    assert_eq!(
        (e["term"].as_str(), e["lang"].as_str()),
        (Some("gewerkschaftszugehoerigkeit"), Some("de"))
    );
    let e = entry("numeroSecuriteSociale", "schema Patient");
    assert_eq!(e["required"], true);
    assert_eq!(e["type"], "string");
    assert_eq!(
        e["pointer"],
        "fr-sante/openapi.yaml#/components/schemas/Patient/properties/numeroSecuriteSociale"
    );
    let e = entry("date_of_birth", "struct Patient");
    assert_eq!(
        (e["required"].as_bool(), e["type"].as_str()),
        (Some(false), Some("Option<String>"))
    );
    let e = entry("fecha_nacimiento", "model Empleado");
    assert_eq!(e["required"], false);
    assert_eq!(entry("email", "model User")["required"], true);
    assert_eq!(entry("medication", "table prescriptions")["required"], true);
    // Sorted by category, then field.
    let keys: Vec<(String, String)> = inventory
        .iter()
        .map(|e| {
            (
                e["category"].as_str().unwrap().into(),
                e["field"].as_str().unwrap().into(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

#[test]
fn a_suppressed_field_leaves_the_inventory() {
    let dir = fixture_at("privacy");
    let path = dir.path().join("rails-clinic/db/schema.rb");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace(
            "t.string \"insurance_number\"",
            "t.string \"insurance_number\" # vigie:ignore privacy/article9-health -- a car insurance",
        ),
    )
    .unwrap();
    let (_, report) = crate::common::scan_json(dir.path(), &[]);
    let inventory = report["inventory"].as_array().unwrap();
    assert!(!inventory.iter().any(|e| e["field"] == "insurance_number"));
    assert!(inventory.iter().any(|e| e["field"] == "medical_history"));
}

#[test]
fn privacy_rules_are_listed_and_explained() {
    let out = vigie()
        .args(["rules", "--tag", "privacy"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for id in [
        "privacy/article9-health",
        "privacy/article9-genetic",
        "privacy/article9-biometric",
        "privacy/article9-ethnic-origin",
        "privacy/article9-political-opinion",
        "privacy/article9-religion",
        "privacy/article9-trade-union",
        "privacy/article9-sex-life",
        "privacy/article10-criminal",
        "privacy/national-identifier",
        "privacy/personal-data",
    ] {
        assert!(text.contains(id), "{id} not listed:\n{text}");
    }
    let out = vigie()
        .args(["explain", "privacy/article9-health"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for needle in [
        "Article 9",
        "DPIA",
        "encrypt",
        "access",
        "How to fix",
        "Example",
    ] {
        assert!(text.contains(needle), "`{needle}` missing:\n{text}");
    }
}

#[test]
fn sarif_of_the_privacy_fixtures_is_valid() {
    let dir = fixture_at("privacy");
    let out = vigie()
        .arg("scan")
        .arg(dir.path())
        .args(["--format", "sarif"])
        .output()
        .unwrap();
    let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
    crate::sarif::assert_valid(&sarif);
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let union = results
        .iter()
        .find(|r| r["properties"]["data-field"] == "afiliacion_sindical")
        .expect("the inventory entry is in the SARIF result's properties");
    assert_eq!(union["properties"]["data-category"], "article9-trade-union");
}
