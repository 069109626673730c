//! Criterion bench of the OpenAPI auditor: load (JSON and YAML) and audit a
//! generated description of 2,000 operations, and, when
//! `VIGIE_API_CORPUS` names a directory holding them (see
//! `benches/openapi.sh`), GitHub's REST description and Microsoft Graph beta.

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use vigie::checks::openapi::audit::Audit;
use vigie::checks::openapi::{load, Loaded};
use vigie::source::Source;

// The generator module is shared with the other benches; this one uses
// only its random numbers.
#[allow(dead_code)]
mod gen;
use gen::Rng;

/// A JSON description with `n` paths of two operations each, shared
/// component schemas, parameters and security: the shape of real ones.
fn generated(n: usize) -> String {
    let mut rng = Rng(7);
    let mut paths = Vec::new();
    for i in 0..n {
        let res = rng.pick(&[
            "users", "patients", "orders", "invoices", "devices", "notes",
        ]);
        let schema = format!("{}{}", res, i % 50);
        paths.push(format!(
            r##""/{res}/{i}": {{
      "get": {{"operationId": "list{i}", "parameters": [{{"$ref": "#/components/parameters/limit"}}, {{"name": "q", "in": "query", "schema": {{"type": "string"}}}}],
        "responses": {{"200": {{"description": "ok", "content": {{"application/json": {{"schema": {{"type": "array", "items": {{"$ref": "#/components/schemas/{schema}"}}}}}}}}}}}}}},
      "post": {{"security": [], "requestBody": {{"content": {{"application/json": {{"schema": {{"$ref": "#/components/schemas/{schema}"}}}}}}}},
        "responses": {{"201": {{"description": "created"}}}}}}
    }}"##
        ));
    }
    let mut schemas = Vec::new();
    for res in [
        "users", "patients", "orders", "invoices", "devices", "notes",
    ] {
        for k in 0..50 {
            schemas.push(format!(
                r#""{res}{k}": {{"type": "object", "properties": {{"id": {{"type": "string", "format": "uuid"}}, "email": {{"type": "string"}}, "diagnosis": {{"type": "string", "maxLength": 200}}, "lastName": {{"type": "string"}}, "tags": {{"type": "array", "items": {{"type": "string"}}}}}}}}"#
            ));
        }
    }
    format!(
        r#"{{"openapi": "3.0.3", "info": {{"title": "bench", "version": "1"}},
  "servers": [{{"url": "https://api.example.net"}}],
  "security": [{{"oauth": []}}],
  "paths": {{{}}},
  "components": {{
    "securitySchemes": {{"oauth": {{"type": "oauth2", "flows": {{"clientCredentials": {{"tokenUrl": "https://auth.example.net/token", "scopes": {{}}}}}}}}}},
    "parameters": {{"limit": {{"name": "limit", "in": "query", "schema": {{"type": "integer"}}}}}},
    "schemas": {{{}}}
  }}}}"#,
        paths.join(",\n    "),
        schemas.join(",\n    ")
    )
}

fn audit(label: &str, text: &[u8]) -> usize {
    let src = Source::new(label, text);
    match load(&src, None) {
        Loaded::Spec(spec) => Audit::run(&spec).findings.len(),
        _ => panic!("{label} does not load"),
    }
}

fn bench(c: &mut Criterion) {
    let json = generated(2000);
    let mut group = c.benchmark_group("openapi");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(json.len() as u64));
    group.bench_function("generated_2000_paths_json", |b| {
        b.iter(|| audit("bench.json", json.as_bytes()))
    });
    // The same text through the YAML loader (JSON is YAML 1.2 flow style;
    // a leading comment makes it a YAML file for the loader).
    let yaml = format!("# generated\n{json}");
    group.bench_function("generated_2000_paths_yaml", |b| {
        b.iter(|| audit("bench.yaml", yaml.as_bytes()))
    });
    if let Ok(dir) = std::env::var("VIGIE_API_CORPUS") {
        for name in ["github.json", "graph-beta.json"] {
            let path = Path::new(&dir).join(name);
            let Ok(text) = std::fs::read(&path) else {
                eprintln!("{} not found: skipped", path.display());
                continue;
            };
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_function(name, |b| b.iter(|| audit(name, &text)));
        }
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
