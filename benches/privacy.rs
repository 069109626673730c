//! Criterion bench of the privacy classifier (field names per second, with
//! and without a person context) and of the model extractors with the
//! classifier (bytes per second, on the privacy fixtures and on a generated
//! schema of 2,000 tables).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use vigie::checks::models::{classify, extract, Stack};
use vigie::checks::privacy::classifier::BUILTIN;

/// Realistic field names: mostly ordinary ones, some personal, a few
/// sensitive, in several languages and naming styles.
const FIELDS: &[&str] = &[
    "id",
    "createdAt",
    "updated_at",
    "status",
    "orderTotal",
    "currency",
    "sku",
    "quantity",
    "isActive",
    "firstName",
    "last_name",
    "email",
    "phoneNumber",
    "dateOfBirth",
    "adresse_postale",
    "codePostal",
    "diagnosis",
    "antecedentsMedicaux",
    "krankenversicherungsnummer",
    "numeroSecuriteSociale",
    "religion",
    "gewerkschaftsMitgliedschaft",
    "healthCheck",
    "raceCondition",
    "code_insee",
    "browserFingerprint",
    "politiqueConfidentialite",
    "handicap",
    "treatment",
    "tags",
    "description",
    "title",
    "userId",
    "ipAddress",
    "deviceId",
    "latitude",
    "longitude",
    "nombre",
    "apellidos",
    "fecha_nacimiento",
    "codice_fiscale",
    "geburtsdatum",
    "burgerservicenummer",
    "telefone",
    "casier_judiciaire",
];

fn bench(c: &mut Criterion) {
    let classifier = &*BUILTIN;
    let mut group = c.benchmark_group("privacy");
    group.throughput(Throughput::Elements(FIELDS.len() as u64));
    group.bench_function("classify_fields", |b| {
        b.iter(|| {
            FIELDS
                .iter()
                .filter(|f| classifier.classify(f, None).is_some())
                .count()
        })
    });
    group.bench_function("classify_fields_in_a_person", |b| {
        b.iter(|| {
            FIELDS
                .iter()
                .filter(|f| classifier.classify(f, Some(true)).is_some())
                .count()
        })
    });
    group.bench_function("classify_fields_described", |b| {
        b.iter(|| {
            FIELDS
                .iter()
                .filter(|f| {
                    classifier
                        .classify_described(
                            f,
                            None,
                            Some("Identifiant interne, voir la documentation"),
                        )
                        .is_some()
                })
                .count()
        })
    });
    group.finish();

    let fixtures: &[(&str, Stack, String)] = &[
        (
            "rust_serde",
            Stack::Rust,
            include_str!("../testdata/privacy/rust-service/src/models.rs").repeat(20),
        ),
        (
            "sql_ddl",
            Stack::Sql,
            include_str!("../testdata/privacy/de-gewerkschaft/schema.sql").repeat(20),
        ),
        (
            "django",
            Stack::Django,
            include_str!("../testdata/privacy/es-rrhh/personal/models.py").repeat(20),
        ),
        (
            "rails",
            Stack::Rails,
            include_str!("../testdata/privacy/rails-clinic/db/schema.rb").repeat(20),
        ),
        (
            "prisma",
            Stack::Prisma,
            include_str!("../testdata/privacy/prisma-rencontres/prisma/schema.prisma").repeat(20),
        ),
        ("sql_2000_tables", Stack::Sql, generated_schema(2000)),
    ];
    let mut group = c.benchmark_group("models");
    for (name, stack, text) in fixtures {
        let fields: usize = extract(*stack, text).0.iter().map(|m| m.fields.len()).sum();
        assert!(fields > 0, "{name}: no field extracted");
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(*name, |b| {
            b.iter(|| classify(&extract(*stack, text).0, classifier).len())
        });
    }
    group.finish();
}

/// A PostgreSQL schema of `n` tables of 12 columns, a third of them about
/// people.
fn generated_schema(n: usize) -> String {
    let mut out = String::new();
    for i in 0..n {
        let table = if i % 3 == 0 { "members" } else { "orders" };
        out.push_str(&format!(
            "CREATE TABLE {table}_{i} (\n  id BIGSERIAL PRIMARY KEY,\n  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),\n  status VARCHAR(20) NOT NULL,\n  first_name VARCHAR(100),\n  last_name VARCHAR(100),\n  email VARCHAR(255) UNIQUE,\n  total NUMERIC(10, 2),\n  currency CHAR(3),\n  diagnosis TEXT,\n  religion VARCHAR(40),\n  notes TEXT,\n  updated_at TIMESTAMPTZ\n);\nCOMMENT ON COLUMN {table}_{i}.notes IS 'Free text';\nINSERT INTO {table}_{i} (status) VALUES ('new');\n"
        ));
    }
    out
}

criterion_group!(benches, bench);
criterion_main!(benches);
