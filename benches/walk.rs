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

const PACKAGES: usize = 10;
const MODULES: usize = 10;
const FILES_PER_DIR: usize = 100;
const FILES: usize = PACKAGES * MODULES * FILES_PER_DIR;
/// Files under the ignored directory (never scanned).
const IGNORED_FILES: usize = 100;
const SEED: u64 = 0x5eed_0f71_6e00_0001;
const MAX_FILE_SIZE: u64 = 10 << 20;

/// SplitMix64: small, fast, deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    /// `n` characters from `alphabet`.
    fn chars(&mut self, alphabet: &[u8], n: usize) -> String {
        (0..n)
            .map(|_| alphabet[self.below(alphabet.len())] as char)
            .collect()
    }
}

const WORDS: &[&str] = &[
    "user", "account", "order", "invoice", "session", "cache", "request", "response", "config",
    "handler", "buffer", "index", "record", "payload", "token", "client", "server", "message",
    "queue", "event", "item", "value", "result", "error", "state", "field", "schema", "report",
    "path", "limit", "offset", "count", "status", "timeout", "retry", "batch", "worker", "stream",
];

const PROSE: &[&str] = &[
    "the", "service", "reads", "each", "record", "from", "queue", "and", "writes", "result", "to",
    "store", "when", "a", "request", "fails", "we", "retry", "with", "backoff", "this", "module",
    "is", "not", "thread", "safe", "see", "design", "notes", "for", "details",
];

const BASE32: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const ALNUM: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

#[derive(Clone, Copy)]
enum Lang {
    Rust,
    Python,
    JavaScript,
    Go,
    Yaml,
    Env,
    Markdown,
}

impl Lang {
    fn ext(self) -> &'static str {
        match self {
            Lang::Rust => "rs",
            Lang::Python => "py",
            Lang::JavaScript => "js",
            Lang::Go => "go",
            Lang::Yaml => "yaml",
            Lang::Env => "env",
            Lang::Markdown => "md",
        }
    }

    /// Mostly code, some configuration and docs.
    fn of(rng: &mut Rng) -> Lang {
        match rng.below(100) {
            0..=29 => Lang::Rust,
            30..=49 => Lang::Python,
            50..=64 => Lang::JavaScript,
            65..=79 => Lang::Go,
            80..=89 => Lang::Yaml,
            90..=92 => Lang::Env,
            _ => Lang::Markdown,
        }
    }
}

/// One source-like line.
fn line(rng: &mut Rng, lang: Lang) -> String {
    let a = rng.pick(WORDS);
    let b = rng.pick(WORDS);
    let n = rng.below(1000);
    // About one line in 150 mentions a keyword in harmless code, so the
    // prefilter fires and the regex and validators run and reject.
    if rng.below(150) == 0 {
        return match lang {
            Lang::Rust => format!("    let password = vault.get(\"{a}_{b}\")?;"),
            Lang::Python => format!("    password = os.environ[\"{a}_PASSWORD\"]"),
            Lang::JavaScript => format!("  const password = process.env.{a}_password;"),
            Lang::Go => format!("\tpassword := os.Getenv(\"{a}_PASSWORD\")"),
            Lang::Yaml => "  password: ${DB_PASSWORD}".to_string(),
            Lang::Env => "API_PASSWORD=changeme".to_string(),
            Lang::Markdown => "Set the password in your environment, never here.".to_string(),
        };
    }
    match lang {
        Lang::Rust => match rng.below(6) {
            0 => format!("pub fn {a}_{b}_{n}(input: &{}) -> Result<u64> {{", "str"),
            1 => format!("    let {a} = self.{b}.get({n}).copied().unwrap_or_default();"),
            2 => format!("    // Keeps the {a} in sync with the {b} (see #{n})."),
            3 => format!("    if {a}.len() > {n} {{ return Err(Error::{b}); }}"),
            4 => "}".to_string(),
            _ => format!("    tracing::debug!(\"{a} {{}} of {b} {{}}\", i, {n});"),
        },
        Lang::Python => match rng.below(5) {
            0 => format!("def {a}_{b}(self, {a}, limit={n}):"),
            1 => format!("    {a} = self.{b}.get(\"{a}\", {n})"),
            2 => format!("    # TODO: batch the {a} lookups ({n} per call)"),
            3 => format!("        return [{b} for {b} in {a} if {b}.ok]"),
            _ => String::new(),
        },
        Lang::JavaScript => match rng.below(5) {
            0 => format!("export async function {a}{n}({b}) {{"),
            1 => format!("  const {a} = await fetch(`/api/{b}/${{id}}?limit={n}`);"),
            2 => format!("  // {a} must be validated before the {b} is stored"),
            3 => "}".to_string(),
            _ => format!("  if (!{a}.{b}) throw new Error('missing {b} {n}');"),
        },
        Lang::Go => match rng.below(5) {
            0 => format!("func (s *Server) {a}{b}(ctx context.Context) error {{"),
            1 => format!("\t{a}, err := s.{b}.Load(ctx, {n})"),
            2 => "\tif err != nil {\n\t\treturn err\n\t}".to_string(),
            3 => format!("\t// {a} is cached for {n} seconds"),
            _ => "}".to_string(),
        },
        Lang::Yaml => match rng.below(4) {
            0 => format!("{a}-{b}:"),
            1 => format!("  replicas: {}", n % 7 + 1),
            2 => format!("  image: registry.local/{a}:{n}"),
            _ => format!("  {a}_{b}: \"{n}\""),
        },
        Lang::Env => format!("{}_{}={n}", a.to_uppercase(), b.to_uppercase()),
        Lang::Markdown => {
            let words: Vec<&str> = (0..6 + rng.below(10)).map(|_| rng.pick(PROSE)).collect();
            words.join(" ") + "."
        }
    }
}

/// A line with a fake secret the builtin rules report.
fn secret_line(rng: &mut Rng, lang: Lang) -> String {
    match lang {
        Lang::Env => "DB_PASSWORD=Tr0ub4dor&3x".to_string(),
        Lang::Yaml => "  db_password: Tr0ub4dor&3x".to_string(),
        _ => match rng.below(3) {
            0 => format!("aws_access_key_id = \"AKIA{}\"", rng.chars(BASE32, 16)),
            1 => "token = \"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\"".to_string(),
            _ => format!("password = \"{}\"", rng.chars(ALNUM, 14)),
        },
    }
}

/// A file of 2-8 KiB.
fn file_text(rng: &mut Rng, lang: Lang, with_secret: bool) -> String {
    let target = 2048 + rng.below(6 * 1024 + 1);
    // Lines average well under 60 bytes, so this line number exists.
    let secret_at = with_secret.then(|| rng.below(target / 60));
    let mut text = String::with_capacity(target + 128);
    let mut lines = 0;
    while text.len() < target {
        if secret_at == Some(lines) {
            text.push_str(&secret_line(rng, lang));
            text.push('\n');
        }
        text.push_str(&line(rng, lang));
        text.push('\n');
        lines += 1;
    }
    text
}

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
