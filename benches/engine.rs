//! Throughput of the engine alone (no file system): every built-in check over
//! an in-memory corpus of realistic source text with a few planted secrets,
//! on one thread. Reported in bytes per second.
//!
//! Run with `cargo bench --bench engine`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use vigie::source::Source;
use vigie::{Catalog, Config, Scanner};

mod gen;
use gen::{file_text, Lang, Rng};

/// About 32 MiB of text in files of 2-8 KiB.
const CORPUS_BYTES: usize = 32 << 20;

fn corpus() -> Vec<(String, String)> {
    let mut rng = Rng(0x5eed_e091_0e00_0002);
    let mut files = Vec::new();
    let mut total = 0;
    while total < CORPUS_BYTES {
        let lang = Lang::of(&mut rng);
        let with_secret = rng.below(80) == 0;
        let text = file_text(&mut rng, lang, with_secret);
        total += text.len();
        files.push((format!("src/file{}.{}", files.len(), lang.ext()), text));
    }
    files
}

fn bench(c: &mut Criterion) {
    let files = corpus();
    let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
    let scanner = Scanner::new(
        Catalog::builtin().expect("built-in rules"),
        Config::default(),
        false,
    )
    .expect("scanner");
    let findings: usize = files
        .iter()
        .map(|(p, t)| scanner.scan_source(&Source::new(p, t.as_bytes())).len())
        .sum();
    assert!(findings > 0, "the planted secrets are found");

    let mut group = c.benchmark_group("engine");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(15));
    group.bench_function("scan_source_32MiB", |b| {
        b.iter(|| {
            let mut n = 0;
            for (path, text) in &files {
                n += scanner
                    .scan_source(&Source::new(path, text.as_bytes()))
                    .len();
            }
            black_box(n)
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
