//! Criterion bench of the privacy classifier: field names per second, with
//! and without a person context.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
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
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
