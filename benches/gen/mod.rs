//! Deterministic generator of realistic source text with a few planted
//! secrets, shared by the benches (a module, not a bench target).

/// SplitMix64: small, fast, deterministic.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    /// `n` characters from `alphabet`.
    pub fn chars(&mut self, alphabet: &[u8], n: usize) -> String {
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
pub enum Lang {
    Rust,
    Python,
    JavaScript,
    Go,
    Yaml,
    Env,
    Markdown,
}

impl Lang {
    pub fn ext(self) -> &'static str {
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
    pub fn of(rng: &mut Rng) -> Lang {
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
pub fn line(rng: &mut Rng, lang: Lang) -> String {
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
pub fn secret_line(rng: &mut Rng, lang: Lang) -> String {
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
pub fn file_text(rng: &mut Rng, lang: Lang, with_secret: bool) -> String {
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
