//! GDPR.txt: generation from the code and vigie.toml, drift checks, and the
//! validator on files written the way projects publish them.

use std::fs;
use std::path::Path;

use crate::common::{fixture_at, testdata, vigie};

fn gdpr(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = vigie().arg("gdpr").arg(dir).args(args).output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn validate(file: &Path) -> (i32, String) {
    let out = vigie()
        .args(["gdpr", "--validate"])
        .arg(file)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn the_project_gets_a_reviewable_gdpr_txt_that_validates() {
    let dir = fixture_at("gdpr/project");
    let file = dir.path().join("GDPR.txt");
    let (code, _, err) = gdpr(dir.path(), &["--output", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let text = fs::read_to_string(&file).unwrap();
    insta::assert_snapshot!("gdpr_txt_of_the_project", text);
    assert_eq!(validate(&file).0, 0);
    // Deterministic: a second run writes the same bytes.
    let (code, again, _) = gdpr(dir.path(), &[]);
    assert_eq!(code, 0);
    assert_eq!(again, text);
}

#[test]
fn check_fails_on_drift_and_passes_after_regenerating() {
    let dir = fixture_at("gdpr/project");
    let file = dir.path().join("GDPR.txt");
    let out = ["--output", file.to_str().unwrap()];
    let (code, _, err) = gdpr(dir.path(), &["--check"]);
    assert_eq!(code, 1, "no GDPR.txt yet: out of sync");
    assert!(err.contains("not found. Run `vigie gdpr --output"), "{err}");
    assert_eq!(gdpr(dir.path(), &out).0, 0);
    let (code, _, err) = gdpr(dir.path(), &["--check"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("in sync with the code (7 data)"), "{err}");

    // A person rewrites a generated description: not drift.
    let text = fs::read_to_string(&file).unwrap();
    let edited = text.replace(
        "# x-generated: description\ndata: phone\nrequired: false\nvisibility: administrators\ndescription:\n    Personal data: `phone` of schema Parent, struct Parent, table parents.",
        "data: phone\nrequired: false\nvisibility: administrators\ndescription:\n    Called when a child is ill at school.",
    );
    assert_ne!(edited, text);
    fs::write(&file, &edited).unwrap();
    assert_eq!(gdpr(dir.path(), &["--check"]).0, 0);

    // A new column with sensitive data: drift, with a readable diff.
    let sql = dir.path().join("db/schema.sql");
    let mut schema = fs::read_to_string(&sql).unwrap();
    schema.push_str("\nALTER TABLE children ADD COLUMN religion VARCHAR(40);\n");
    fs::write(&sql, schema).unwrap();
    let (code, diff, err) = gdpr(dir.path(), &["--check"]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        diff,
        format!(
            "+ data: religion (article9-religion): found at db/schema.sql:24 (table children), not declared in {}\n",
            file.display()
        )
    );
    assert!(err.contains("out of date"), "{err}");

    // Regenerating declares it and keeps what the person wrote.
    assert_eq!(gdpr(dir.path(), &out).0, 0);
    let text = fs::read_to_string(&file).unwrap();
    assert!(text.contains("data: religion\n"), "{text}");
    assert!(
        text.contains("    Called when a child is ill at school.\n"),
        "{text}"
    );
    assert_eq!(gdpr(dir.path(), &["--check"]).0, 0);

    // A column removed from every source: declared data no longer found.
    let schema = fs::read_to_string(&sql).unwrap();
    fs::write(
        &sql,
        schema.replace(
            "    last_name   VARCHAR(100)\n",
            "    nickname    VARCHAR(100)\n",
        ),
    )
    .unwrap();
    let api = dir.path().join("api/openapi.yaml");
    let spec = fs::read_to_string(&api).unwrap();
    fs::write(
        &api,
        spec.replace("        lastName: {type: string, maxLength: 100}\n", ""),
    )
    .unwrap();
    let (code, diff, _) = gdpr(dir.path(), &["--check"]);
    assert_eq!(code, 1);
    assert!(
        diff.contains("- data: last name (personal-data): declared at "),
        "{diff}"
    );
}

#[test]
fn json_and_markdown_list_the_data_with_their_sources() {
    let dir = fixture_at("gdpr/project");
    let (code, json, _) = gdpr(dir.path(), &["--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let data = v["data"].as_array().unwrap();
    assert_eq!(
        data.len(),
        6,
        "found in the code (the password is declared by hand)"
    );
    assert_eq!(data[0]["name"], "allergies");
    assert_eq!(data[0]["category"], "article9-health");
    assert_eq!(data[0]["sources"].as_array().unwrap().len(), 3);
    let (code, md, _) = gdpr(dir.path(), &["--format", "markdown"]);
    assert_eq!(code, 0);
    assert!(
        md.starts_with("# Personal data processed by Cantine\n"),
        "{md}"
    );
    assert!(md.contains("## Health data\n"), "{md}");
    assert!(md.contains("| email | yes | `api/openapi.yaml:39` (schema Parent)<br>`db/schema.sql:3` (table parents)<br>`src/models.rs:8` (struct Parent) |"), "{md}");
}

#[test]
fn without_purposes_the_file_says_what_to_complete() {
    let dir = fixture_at("gdpr/project");
    fs::remove_file(dir.path().join("vigie.toml")).unwrap();
    let file = dir.path().join("GDPR.txt");
    let (code, _, err) = gdpr(dir.path(), &["--output", file.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(
        err.contains("warning: no purpose of processing is declared"),
        "{err}"
    );
    let text = fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("# x-todo: no purpose of processing is declared yet"),
        "{text}"
    );
    assert!(
        !text.contains("lawfulness:"),
        "a lawful basis is never invented"
    );
    assert!(
        text.contains("# x-todo: visibility is not configured"),
        "{text}"
    );
    let (code, err) = validate(&file);
    assert_eq!(code, 1);
    assert!(err.contains("there is no purpose block"), "{err}");
}

#[test]
fn config_errors_name_the_vigie_toml_line() {
    let dir = fixture_at("gdpr/project");
    let config = dir.path().join("vigie.toml");
    let text = fs::read_to_string(&config).unwrap();
    fs::write(&config, text.replace("\"password\"]", "\"shoe size\"]")).unwrap();
    let (code, _, err) = gdpr(dir.path(), &[]);
    assert_eq!(code, 2);
    assert!(err.contains("vigie.toml:8: purpose `Book school meals for the children of registered parents` uses `shoe size`"), "{err}");
    fs::write(
        &config,
        text.replace("lawfulness = \"vital\"", "lawfulness = \"vital interest\""),
    )
    .unwrap();
    let (code, _, err) = gdpr(dir.path(), &[]);
    assert_eq!(code, 2);
    assert!(
        err.contains("vigie.toml:12: lawfulness `vital interest` is not one of"),
        "{err}"
    );
    // `vigie scan` reads the same configuration and rejects it too.
    let out = vigie().arg("scan").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn published_files_validate_and_round_trip() {
    for entry in fs::read_dir(testdata("gdpr/valid")).unwrap() {
        let path = entry.unwrap().path();
        let (code, err) = validate(&path);
        assert_eq!(code, 0, "{}: {err}", path.display());
        let text = fs::read_to_string(&path).unwrap();
        let (doc, errors) = vigie::gdpr::format::Document::parse(&text);
        assert!(errors.is_empty());
        assert_eq!(
            doc.write(),
            text,
            "{}: parse then write changed it",
            path.display()
        );
    }
}

#[test]
fn invalid_files_report_every_error_with_its_line() {
    let expected: Vec<String> = fs::read_to_string(testdata("gdpr/invalid/expected.txt"))
        .unwrap()
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect();
    let mut got = Vec::new();
    for name in ["typos.txt", "no-purpose.txt"] {
        let path = testdata(&format!("gdpr/invalid/{name}"));
        let (code, err) = validate(&path);
        assert_eq!(code, 1);
        for line in err.lines().filter(|l| !l.ends_with("error(s)")) {
            let rest = line.split_once(&format!("{name}:")).unwrap().1;
            let (number, message) = rest.split_once(": ").unwrap();
            got.push((format!("{name}:{number}"), message.to_string()));
        }
    }
    for e in &expected {
        let (place, start) = e.split_once(' ').unwrap();
        assert!(
            got.iter().any(|(p, m)| p == place && m.starts_with(start)),
            "missing: {e}\ngot: {got:#?}"
        );
    }
    assert_eq!(got.len(), expected.len(), "extra errors: {got:#?}");
}

#[test]
fn files_generated_from_every_stack_validate_and_round_trip() {
    // The privacy fixtures: nine stacks, seven languages, 100 fields.
    let dir = fixture_at("privacy");
    let config = dir.path().join("vigie.toml");
    let mut text = fs::read_to_string(&config).unwrap();
    text.push_str(
        "\n[gdpr]\n[[gdpr.purposes]]\npurpose = \"Run the services\"\nlawfulness = \"contract\"\n",
    );
    fs::write(&config, text).unwrap();
    let file = dir.path().join("GDPR.txt");
    let (code, _, err) = gdpr(dir.path(), &["--output", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let (code, err) = validate(&file);
    assert_eq!(code, 0, "{err}");
    let written = fs::read_to_string(&file).unwrap();
    let (doc, errors) = vigie::gdpr::format::Document::parse(&written);
    assert!(errors.is_empty());
    assert_eq!(doc.write(), written);
    let data = doc.count(vigie::gdpr::format::BlockKind::Data);
    assert!(data > 60, "{data} data blocks");
    assert_eq!(gdpr(dir.path(), &["--check"]).0, 0);
}

#[test]
fn check_fails_on_an_invalid_file_and_an_unreadable_one_is_never_overwritten() {
    let dir = fixture_at("gdpr/project");
    let file = dir.path().join("GDPR.txt");
    assert_eq!(gdpr(dir.path(), &["--output", file.to_str().unwrap()]).0, 0);
    let text = fs::read_to_string(&file).unwrap();
    fs::write(&file, text.replace("lawfulness: vital\n", "")).unwrap();
    let (code, _, err) = gdpr(dir.path(), &["--check"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("this block has no `lawfulness`"), "{err}");
    assert!(err.contains("not a valid GDPR.txt"), "{err}");

    // A hand-written file in Latin-1: regenerating would lose it.
    let latin1: Vec<u8> = b"purpose: Caf\xe9\nlawfulness: consent\n".to_vec();
    fs::write(&file, &latin1).unwrap();
    let (code, _, err) = gdpr(dir.path(), &["--output", file.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("not UTF-8"), "{err}");
    assert_eq!(fs::read(&file).unwrap(), latin1, "left untouched");
}
