//! Property tests on the engine: arbitrary input never panics, positions stay
//! in range, and no snippet ever shows a secret that a rule reports.

use std::sync::LazyLock;

use proptest::prelude::*;
use vigie::source::Source;
use vigie::{Catalog, Config, Scanner};

/// Secrets taken from the rules' own examples (each is reported by its rule).
static SECRETS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let catalog = Catalog::builtin().unwrap();
    catalog
        .rules()
        .iter()
        .filter_map(|r| r.secret.as_ref())
        .flat_map(|spec| spec.examples.iter().map(|e| e.secret.clone()))
        .filter(|s| s.len() >= 12 && !s.contains('\n'))
        .collect()
});

static REDACTING: LazyLock<Scanner> =
    LazyLock::new(|| Scanner::new(Catalog::builtin().unwrap(), Config::default(), false).unwrap());

static SHOWING: LazyLock<Scanner> =
    LazyLock::new(|| Scanner::new(Catalog::builtin().unwrap(), Config::default(), true).unwrap());

/// Pieces that make realistic and hostile lines.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("password = \"".to_string()),
        Just("API_KEY=".to_string()),
        Just("token: ".to_string()),
        Just("-----BEGIN RSA PRIVATE KEY-----\n".to_string()),
        Just("postgres://app:".to_string()),
        Just("@db/x".to_string()),
        Just("\"".to_string()),
        Just("\n".to_string()),
        Just("é…\u{0}\r\t".to_string()),
        "[A-Za-z0-9+/=_.-]{0,40}",
        proptest::sample::select(SECRETS.clone()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let src = Source::new("f.env", &bytes);
        for f in REDACTING.scan_source(&src) {
            prop_assert!(f.start.line >= 1 && f.start <= f.end);
        }
    }

    #[test]
    fn reported_secrets_never_show_in_snippets(pieces in proptest::collection::vec(piece(), 1..30)) {
        let text = pieces.concat();
        let src = Source::new("config/app.env", text.as_bytes());
        // What is reported, in full (as --show-secrets would print it)...
        let reported: Vec<String> = SHOWING
            .scan_source(&src)
            .into_iter()
            .filter_map(|f| f.secret)
            .filter(|s| s.chars().count() >= 8)
            .collect();
        // ...never appears in a redacted report.
        let findings = REDACTING.scan_source(&src);
        prop_assert_eq!(findings.len(), SHOWING.scan_source(&src).len());
        for f in &findings {
            prop_assert!(f.secret.is_none());
            for secret in &reported {
                prop_assert!(!f.snippet.text.contains(secret.as_str()), "{} shows {}", f.rule, secret);
                prop_assert!(!f.message.contains(secret.as_str()));
            }
        }
    }
}

/// Pieces of API descriptions, well- and ill-formed.
fn api_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("paths:\n".to_string()),
        Just("  /a/{id}:\n    get:\n".to_string()),
        Just("      security: []\n".to_string()),
        Just("      parameters:\n        - name: email\n          in: query\n".to_string()),
        Just("      responses:\n        '200':\n          content:\n            application/json:\n              schema:\n".to_string()),
        Just("                $ref: '#/components/schemas/A'\n".to_string()),
        Just("components:\n  schemas:\n    A:\n      $ref: '#/components/schemas/A'\n".to_string()),
        Just("x: &a [*a]\n".to_string()),
        Just("<<: *b\n".to_string()),
        Just("{\"[\": [{]}\n".to_string()),
        Just("servers:\n  - url: http://api.x.fr\n".to_string()),
        "[ :{}\\[\\],'\"&*!|>#-]{0,12}",
        "[a-z$/{}]{0,10}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// The API auditor never panics, on YAML or JSON, valid or not.
    #[test]
    fn api_descriptions_never_panic(pieces in proptest::collection::vec(api_piece(), 0..25), json in any::<bool>()) {
        let body = pieces.concat();
        let (path, text) = if json {
            ("api.json", format!("{{\"openapi\": \"3.1.0\", \"x\": {body:?}, {}", body))
        } else {
            ("api.yaml", format!("openapi: 3.0.0\n{body}"))
        };
        let src = Source::new(path, text.as_bytes());
        let (findings, problems) = REDACTING.scan_source_full(&src);
        for f in findings {
            prop_assert!(f.start.line >= 1 && f.start <= f.end);
        }
        for p in problems {
            prop_assert!(p.line >= 1);
        }
    }
}

/// Pieces of data models in every stack vigie reads, and hostile bytes.
fn model_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("#[derive(Serialize)]\n".to_string()),
        Just("pub struct Patient {".to_string()),
        Just("enum E { A { x: u8 } }".to_string()),
        Just("diesel::table! { t (id) { id -> Int4, nir -> Nullable<Text>, } }".to_string()),
        Just("r#\"".to_string()),
        Just("'a".to_string()),
        Just("CREATE TABLE t (".to_string()),
        Just("ALTER TABLE t ADD COLUMN ".to_string()),
        Just("COMMENT ON COLUMN t.c IS '".to_string()),
        Just("$$".to_string()),
        Just("\nGO\n".to_string()),
        Just("class A(models.Model):\n    ".to_string()),
        Just(" = models.CharField(".to_string()),
        Just("mapped_column(".to_string()),
        Just("create_table \"t\" do |t|\n  t.string \"".to_string()),
        Just("model User {\n  ".to_string()),
        Just("Schema::create('t', function (Blueprint $table) {\n$table->string('".to_string()),
        Just("@Entity()\nexport class A {\n  @Column({ ".to_string()),
        Just("diagnosis".to_string()),
        Just("email".to_string()),
        "[a-z_]{1,12}",
        Just("(".to_string()),
        Just(")".to_string()),
        Just("{".to_string()),
        Just("}".to_string()),
        Just("\"".to_string()),
        Just("'".to_string()),
        Just(";".to_string()),
        Just(",".to_string()),
        Just("--".to_string()),
        Just("/*".to_string()),
        Just("*/".to_string()),
        Just("\n".to_string()),
        Just("é…ß\u{0}\r\t".to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Every model extractor, on any mix of model syntax and hostile
    /// bytes, returns without panicking, with spans inside the text and on
    /// character boundaries.
    #[test]
    fn model_extractors_never_panic(pieces in proptest::collection::vec(model_piece(), 0..60)) {
        use vigie::checks::models::{classify, extract, Stack};
        use vigie::checks::privacy::classifier::BUILTIN;
        let text: String = pieces.concat();
        for stack in [
            Stack::Rust, Stack::Sql, Stack::Django, Stack::SqlAlchemy, Stack::Rails,
            Stack::Prisma, Stack::Laravel, Stack::TypeOrm,
        ] {
            let (models, problems) = extract(stack, &text);
            for m in &models {
                for f in &m.fields {
                    prop_assert!(f.span.end <= text.len(), "{stack:?}: {:?} past the end", f.span);
                    prop_assert!(text.is_char_boundary(f.span.start), "{stack:?}: {:?}", f.span);
                }
            }
            for p in &problems {
                prop_assert!(p.offset <= text.len());
            }
            let _ = classify(&models, &BUILTIN);
        }
        // And through the whole engine, on every file name that selects a stack.
        for name in ["m.rs", "s.sql", "models.py", "schema.rb", "schema.prisma", "m.php", "e.ts"] {
            let src = Source::new(name, text.as_bytes());
            let _ = REDACTING.scan_source_full(&src);
        }
    }
}

fn gdpr_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("purpose: ".to_string()),
        Just("lawfulness: consent".to_string()),
        Just("data: ".to_string()),
        Just("required: true".to_string()),
        Just("visibility: ".to_string()),
        Just("description:".to_string()),
        Just("mitigation: ".to_string()),
        Just("# x-category: personal-data".to_string()),
        Just("    ".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just(":".to_string()),
        Just("é…\u{0}\t".to_string()),
        "[a-z ]{0,12}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Any text parses without panicking, writes back byte for byte, and
    /// validates with every error on a line of the text.
    #[test]
    fn gdpr_txt_parse_write_is_identity(pieces in proptest::collection::vec(gdpr_piece(), 0..80)) {
        use vigie::gdpr::format::Document;
        let text: String = pieces.concat();
        let (doc, _) = Document::parse(&text);
        prop_assert_eq!(doc.write(), text.clone());
        let (_, errors) = Document::validate(&text);
        let lines = text.split('\n').count();
        for e in errors {
            prop_assert!(e.line >= 1 && e.line <= lines, "line {} of {}", e.line, lines);
        }
    }
}
