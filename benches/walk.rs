//! Walking and scanning a synthetic tree of 10,000 text files.
//!
//! The tree is generated once, outside the timed loops, in a temporary
//! directory: 10 packages x 10 modules x 100 files of 2-8 KiB of source-like
//! text (Rust, Python, JavaScript, Go, YAML, `.env`, Markdown), with a few
//! fake secrets so the checks find something, keywords in harmless code so
//! the regex layer runs, and a `.gitignore` that hides one more directory of
//! 100 files the walker must prune. Content comes from a seeded generator, so
//! every run scans the same bytes.
//!
//! Benchmarks (files are in the page cache after generation, so these are
//! warm-cache figures):
//! - `discover_10k`: the parallel walk alone (`vigie::discover::discover`);
//! - `walk_read_10k`: the walk, then every candidate read into one reused buffer;
//! - `walk_read_par_10k`: the walk, then reads on the rayon pool with a buffer
//!   per thread, as the engine does (so `scan_10k` minus this is the checks);
//! - `scan_10k`: the whole pipeline, `Scanner::scan_paths`.
//!
//! Run with `cargo bench --bench walk`.

use std::fs::{self, File};
use std::hint::black_box;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode, Throughput};
use rayon::prelude::*;
use vigie::discover::{discover, Candidate, WalkOptions};
use vigie::{Catalog, Config, PathOptions, Scanner};

mod gen;
use gen::{file_text, Lang, Rng};

const PACKAGES: usize = 10;
const MODULES: usize = 10;
const FILES_PER_DIR: usize = 100;
const FILES: usize = PACKAGES * MODULES * FILES_PER_DIR;
/// Files under the ignored directory (never scanned).
const IGNORED_FILES: usize = 100;
const SEED: u64 = 0x5eed_0f71_6e00_0001;
const MAX_FILE_SIZE: u64 = 10 << 20;

struct Corpus {
    /// Keeps the tree alive for the whole run.
    _dir: tempfile::TempDir,
    root: PathBuf,
    bytes: u64,
}

fn generate() -> Corpus {
    let dir = tempfile::Builder::new()
        .prefix("vigie-bench-")
        .tempdir()
        .expect("create a temporary directory");
    let root = dir.path().canonicalize().expect("canonical tempdir");
    let mut rng = Rng(SEED);
    let mut bytes = 0;
    for i in 0..PACKAGES * MODULES {
        let module = root
            .join(format!("pkg{:02}", i / MODULES))
            .join(format!("mod{:02}", i % MODULES));
        fs::create_dir_all(&module).expect("create a directory");
        for j in 0..FILES_PER_DIR {
            let lang = Lang::of(&mut rng);
            // About one file in 80 holds a secret.
            let with_secret = rng.below(80) == 0;
            let text = file_text(&mut rng, lang, with_secret);
            bytes += text.len() as u64;
            fs::write(module.join(format!("file{j:03}.{}", lang.ext())), text)
                .expect("write a file");
        }
    }
    let ignored = root.join("generated");
    fs::create_dir_all(&ignored).expect("create a directory");
    for j in 0..IGNORED_FILES {
        let text = file_text(&mut rng, Lang::JavaScript, j % 10 == 0);
        fs::write(ignored.join(format!("bundle{j:03}.js")), text).expect("write a file");
    }
    fs::write(root.join(".gitignore"), "# build output\n/generated/\n").expect("write .gitignore");
    // The .gitignore itself is scanned too; count it.
    bytes += fs::metadata(root.join(".gitignore")).map_or(0, |m| m.len());
    Corpus {
        _dir: dir,
        root,
        bytes,
    }
}

fn walk_options(root: &Path) -> WalkOptions {
    WalkOptions {
        root: root.to_path_buf(),
        paths: vec![root.to_path_buf()],
        max_file_size: MAX_FILE_SIZE,
        follow_symlinks: false,
        exclude: Vec::new(),
        ignore_files: true,
        threads: 0,
    }
}

fn read_into(candidate: &Candidate, buf: &mut Vec<u8>) -> usize {
    buf.clear();
    File::open(&candidate.path)
        .and_then(|mut f| f.read_to_end(buf))
        .expect("read a candidate")
}

fn benches(c: &mut Criterion) {
    let corpus = generate();
    let root = corpus.root.clone();
    let opts = walk_options(&root);
    let scanner = Scanner::new(
        Catalog::builtin().expect("builtin catalogue"),
        Config::default(),
        false,
    )
    .expect("scanner");
    let scan_opts = PathOptions {
        paths: vec![root.clone()],
        ..Default::default()
    };

    // Sanity checks, once: the walk finds exactly the generated files (the
    // ignored directory is pruned) and the checks find the planted secrets.
    let found = discover(&opts).expect("discover");
    assert_eq!(found.files.len(), FILES + 1, "10,000 files + .gitignore");
    assert!(found.files.iter().all(|f| !f.rel.starts_with("generated/")));
    let report = scanner.scan_paths(&scan_opts).expect("scan");
    assert_eq!(report.files_scanned as usize, FILES + 1);
    assert_eq!(report.bytes_scanned, corpus.bytes);
    eprintln!(
        "corpus: {} files, {:.1} MiB, {} findings (root {})",
        report.files_scanned,
        corpus.bytes as f64 / (1 << 20) as f64,
        report.findings.len(),
        root.display()
    );
    assert!(!report.findings.is_empty(), "the planted secrets are found");

    let mut group = c.benchmark_group("walk");
    // Flat sampling: every sample runs the same number of iterations, which
    // suits runs of tens to hundreds of milliseconds.
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(6));

    group.throughput(Throughput::Elements(found.files.len() as u64));
    group.bench_function("discover_10k", |b| {
        b.iter(|| discover(black_box(&opts)).expect("discover").files.len())
    });

    group.throughput(Throughput::Bytes(corpus.bytes));
    let mut buf = Vec::with_capacity(16 << 10);
    group.bench_function("walk_read_10k", |b| {
        b.iter(|| {
            let found = discover(black_box(&opts)).expect("discover");
            found
                .files
                .iter()
                .map(|f| read_into(f, &mut buf))
                .sum::<usize>()
        })
    });

    group.bench_function("walk_read_par_10k", |b| {
        b.iter(|| {
            let found = discover(black_box(&opts)).expect("discover");
            found
                .files
                .par_iter()
                .map_init(Vec::new, |buf, f| read_into(f, buf))
                .sum::<usize>()
        })
    });

    group.bench_function("scan_10k", |b| {
        b.iter(|| {
            let report = scanner
                .scan_paths(black_box(&scan_opts))
                .expect("scan_paths");
            report.findings.len()
        })
    });
    group.finish();
}

criterion_group!(walk, benches);
criterion_main!(walk);
