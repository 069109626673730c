//! Validators: cheap checks that turn a regex match into a finding or drop it.

/// Shannon entropy of `bytes`, in bits per byte.
pub fn entropy(bytes: &[u8]) -> f64 {
    if bytes.is_empty() {
        return 0.0;
    }
    let mut counts = [0usize; 256];
    for &b in bytes {
        counts[b as usize] += 1;
    }
    let n = bytes.len() as f64;
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = c as f64 / n;
            -p * p.log2()
        })
        .sum()
}

/// Words that mark a documented example or a template value.
const PLACEHOLDER_WORDS: &[&str] = &[
    "example",
    // An ellipsis: documentation that elides the value.
    "\u{2026}",
    "change_this",
    "change-this",
    "changethis",
    "_here",
    "-here",
    "your",
    "placeholder",
    "changeme",
    "change_me",
    "change-me",
    "dummy",
    "redacted",
    "xxxx",
    "****",
    "....",
    "<your",
    "insert_",
    "replace_me",
    "replaceme",
];

/// True for values that are templates, variables or made-up examples rather
/// than credentials: `${VAR}`, `{{ var }}`, `<your-token>`, `%(x)s`,
/// `AKIAIOSFODNN7EXAMPLE`, `xxxx…`, all-same or sequential characters.
pub fn is_placeholder(secret: &[u8]) -> bool {
    let lower = secret.to_ascii_lowercase();
    let contains = |needle: &[u8]| lower.windows(needle.len()).any(|w| w == needle);
    if PLACEHOLDER_WORDS.iter().any(|w| contains(w.as_bytes())) {
        return true;
    }
    if contains(b"${") || contains(b"{{") || contains(b"}}") || contains(b"%(") || contains(b"#{") {
        return true;
    }
    if let (Some(&first), Some(&last)) = (secret.first(), secret.last()) {
        if first == b'$' || (first == b'<' && last == b'>') || (first == b'%' && last == b'%') {
            return true;
        }
    }
    // The part after a provider prefix such as `ghp_` carries the randomness.
    let body = match secret.iter().position(|&b| b == b'_') {
        Some(i) if i <= 12 && i + 1 < secret.len() => &secret[i + 1..],
        _ => secret,
    };
    if body.len() >= 6 {
        let mut distinct = [false; 256];
        for &b in body {
            distinct[b as usize] = true;
        }
        if distinct.iter().filter(|&&d| d).count() <= 3 {
            return true;
        }
        let ascending = body.windows(2).all(|w| w[1] == w[0].wrapping_add(1));
        let descending = body.windows(2).all(|w| w[0] == w[1].wrapping_add(1));
        if ascending || descending {
            return true;
        }
    }
    false
}

const BASE62: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// GitHub's token checksum: the last 6 characters are the CRC32 of the random
/// part (between the 4-character prefix and the checksum), in base62,
/// left-padded with `0`.
pub fn github_crc32(token: &[u8]) -> bool {
    if token.len() < 4 + 6 + 1 {
        return false;
    }
    let random = &token[4..token.len() - 6];
    let expected = &token[token.len() - 6..];
    let mut value = crc32fast::hash(random);
    let mut encoded = [b'0'; 6];
    for slot in encoded.iter_mut().rev() {
        *slot = BASE62[(value % 62) as usize];
        value /= 62;
    }
    value == 0 && encoded == expected
}

/// File names whose `key = value` lines hold literal values even unquoted.
pub fn is_config_path(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    if name.starts_with(".env") || name.ends_with(".env") {
        return true;
    }
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
    matches!(
        ext,
        "env" | "ini" | "cfg" | "conf" | "cnf" | "properties" | "yaml" | "yml" | "toml" | "netrc"
    )
}

/// Validator for `key = value` assignments. Quoted values must end at their
/// closing quote (a value with spaces is not cut short into a false secret);
/// unquoted values are only literal in configuration files. Values that are
/// code (calls, indexing), booleans or nulls are dropped.
pub fn assignment(path: &str, quote: &[u8], secret: &[u8], next: Option<u8>) -> bool {
    if quote.is_empty() {
        // Unquoted: literal only in config files, and it must end where
        // values end (not cut short by a non-ASCII character, as `abc…`).
        let ends = next.is_none_or(|b| {
            b.is_ascii_whitespace() || matches!(b, b',' | b';' | b'#' | b'}' | b')' | b'&' | b'<')
        });
        if !is_config_path(path) || !ends {
            return false;
        }
    } else if next != quote.first().copied() {
        return false;
    }
    if secret
        .iter()
        .any(|b| matches!(b, b'(' | b')' | b'[' | b']'))
    {
        return false;
    }
    if matches!(secret.first(), Some(b'!' | b'&' | b'*' | b'@')) {
        return false;
    }
    if is_code_reference(secret) || is_default_password(b"", secret) {
        return false;
    }
    let lower = secret.to_ascii_lowercase();
    !matches!(
        lower.as_slice(),
        b"null" | b"none" | b"true" | b"false" | b"undefined" | b"string" | b"password"
    )
}

/// A value that names something instead of being a secret: a dotted path of
/// identifiers (`process.env.API_KEY`, `settings.SECRET_KEY`) or a constant
/// name (`DB_PASSWORD_FROM_VAULT`).
fn is_code_reference(value: &[u8]) -> bool {
    // A private name (`_EllipticCurvePrivateKey`).
    if value.first() == Some(&b'_')
        && value
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'_')
    {
        return true;
    }
    let identifier = |s: &[u8]| {
        s.first()
            .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_' || *b == b'$')
            && s.iter()
                .all(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'$')
    };
    let segments: Vec<&[u8]> = value.split(|&b| b == b'.').collect();
    if segments.len() >= 2 && segments.iter().all(|s| identifier(s)) {
        return true;
    }
    value.contains(&b'_')
        && value.first().is_some_and(u8::is_ascii_uppercase)
        && value
            .iter()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || *b == b'_')
}

/// Values a generic rule must not take for a secret: UUIDs, hex digests
/// (git SHAs, checksums), Subresource Integrity and lockfile hashes.
pub fn is_benign_value(secret: &[u8]) -> bool {
    let hex = |b: &[u8]| !b.is_empty() && b.iter().all(u8::is_ascii_hexdigit);
    if secret.len() == 36 {
        let parts: Vec<&[u8]> = secret.split(|&b| b == b'-').collect();
        if parts.iter().map(|p| p.len()).eq([8, 4, 4, 4, 12]) && parts.iter().all(|p| hex(p)) {
            return true;
        }
    }
    if matches!(secret.len(), 32 | 40 | 56 | 64 | 96 | 128) && hex(secret) {
        // md5, sha1 (git), sha224, sha256, sha384, sha512 digests
        return true;
    }
    let lower = secret.to_ascii_lowercase();
    [
        "sha1-", "sha256-", "sha384-", "sha512-", "sha256:", "sha512:", "md5-", "h1:",
    ]
    .iter()
    .any(|p| lower.starts_with(p.as_bytes()))
}

/// Lockfiles hold hashes and registry URLs, never hand-written credentials.
pub fn is_lockfile(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    matches!(
        name,
        "package-lock.json"
            | "npm-shrinkwrap.json"
            | "yarn.lock"
            | "pnpm-lock.yaml"
            | "Cargo.lock"
            | "poetry.lock"
            | "Pipfile.lock"
            | "uv.lock"
            | "composer.lock"
            | "Gemfile.lock"
            | "go.sum"
            | "packages.lock.json"
            | "mix.lock"
            | "pubspec.lock"
            | "flake.lock"
    ) || name.ends_with(".lock")
}

/// A JSON Web Token with a signature: its header decodes to a JSON object
/// naming a signing algorithm other than `none`.
pub fn jwt(token: &[u8]) -> bool {
    use base64::Engine;
    let mut parts = token.split(|&b| b == b'.');
    let (Some(header), Some(_payload), Some(signature)) =
        (parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    // jwt.io's example token, copied into countless READMEs and tests.
    if signature.len() < 16 || signature == b"SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c" {
        return false;
    }
    let engine = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let trimmed: Vec<u8> = header.iter().copied().filter(|&b| b != b'=').collect();
    let Ok(decoded) = engine.decode(trimmed) else {
        return false;
    };
    let Ok(serde_json::Value::Object(map)) = serde_json::from_slice::<serde_json::Value>(&decoded)
    else {
        return false;
    };
    map.get("alg")
        .and_then(|a| a.as_str())
        .is_some_and(|alg| !alg.eq_ignore_ascii_case("none"))
}

/// Passwords that are defaults of images and tutorials, not leaked secrets.
const DEFAULT_PASSWORDS: &[&str] = &[
    "password",
    "passwd",
    "pass",
    "pwd",
    "secret",
    "changeme",
    "root",
    "admin",
    "postgres",
    "mysql",
    "mariadb",
    "guest",
    "test",
    "testing",
    "user",
    "username",
    "default",
    "redis",
    "mongo",
    "mongodb",
    "rabbitmq",
    "dbpass",
    "dbpassword",
    "example",
    "demo",
    "sample",
    "foobar",
    "foo",
    "bar",
    "xxx",
    "xyz",
    "none",
    "null",
    "tiger",
    "oracle",
    "manager",
    "change_on_install",
    "changeit",
    "foobared",
    "adminpw",
    "raspberry",
    "neo4j",
    "letmein",
    "qwerty",
    "hunter2",
    "mypassword",
    "mypass",
    "mysecretpassword",
    "randompassword",
    "supersecret",
    "secret123",
    "password123",
    "password1",
    "admin123",
    "passw0rd",
    "s3cr3t",
    "p@ssw0rd",
    "p@ssword",
    "123456",
    "12345678",
    "yourstrong!passw0rd",
    "yourstrong@passw0rd",
];

/// True for passwords of images, tutorials and documentation: a well-known
/// default, the user name (or the user name plus digits or `pw`), or a value
/// naming itself (`redis-password`, `db_secret`).
pub fn is_default_password(user: &[u8], password: &[u8]) -> bool {
    let lower = password.to_ascii_lowercase();
    if DEFAULT_PASSWORDS
        .iter()
        .any(|d| d.as_bytes() == lower.as_slice())
    {
        return true;
    }
    let user = user.to_ascii_lowercase();
    if !user.is_empty() && lower.starts_with(&user) {
        let rest = &lower[user.len()..];
        if rest.iter().all(u8::is_ascii_digit) || rest == b"pw" || rest == b"pass" {
            return true;
        }
    }
    let contains = |needle: &[u8]| lower.windows(needle.len()).any(|w| w == needle);
    contains(b"password") || contains(b"passwd") || {
        lower
            .split(|b| !b.is_ascii_alphanumeric())
            .any(|word| word == b"secret")
    }
}

/// A password in a URL: not a default (see [`is_default_password`]), not an
/// anonymous login, at least 3 characters.
pub fn url_password(user: &[u8], password: &[u8]) -> bool {
    !(is_default_password(user, password)
        || user.eq_ignore_ascii_case(b"anonymous")
        || password.len() < 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_checksum() {
        assert!(github_crc32(b"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"));
        assert!(!github_crc32(b"ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8024xXh"));
        assert!(!github_crc32(b"ghp_"));
    }

    #[test]
    fn placeholders() {
        for p in [
            &b"AKIAIOSFODNN7EXAMPLE"[..],
            b"${DB_PASSWORD}",
            b"{{ secret }}",
            b"<your-token>",
            b"ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            b"12345678",
            b"abcdefgh",
            b"%DB_PASS%",
            b"changeme",
        ] {
            assert!(is_placeholder(p), "{}", String::from_utf8_lossy(p));
        }
        for s in [
            &b"Tr0ub4dor&3x"[..],
            b"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",
        ] {
            assert!(!is_placeholder(s));
        }
    }

    #[test]
    fn entropy_bounds() {
        assert_eq!(entropy(b"aaaa"), 0.0);
        assert!((entropy(b"abcd") - 2.0).abs() < 1e-9);
    }

    #[test]
    fn benign_values() {
        assert!(is_benign_value(b"123e4567-e89b-12d3-a456-426614174000"));
        assert!(is_benign_value(b"da39a3ee5e6b4b0d3255bfef95601890afd80709"));
        assert!(is_benign_value(b"sha512-Jt0GqTrWz3lN8gQ0rNwNbQ=="));
        assert!(!is_benign_value(b"k9$Lm2!xQw8Zt"));
        assert!(is_lockfile("web/package-lock.json"));
        assert!(!is_lockfile("src/lock.rs"));
    }

    #[test]
    fn jwts() {
        // {"alg":"HS256","typ":"JWT"} . {"sub":"1234567890"} . signature
        // A made-up token. vigie:ignore[secret/json-web-token]
        let good = b"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
        assert!(jwt(good));
        // {"alg":"none"}
        assert!(!jwt(
            b"eyJhbGciOiJub25lIn0.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N"
        ));
        assert!(!jwt(b"eyJub3Rqc29u.eyJ.dozjgNryP4J3jVmNHl0w5N_XgL0"));
    }

    #[test]
    fn url_passwords() {
        assert!(url_password(b"app", b"Zq8kLm2pW"));
        assert!(!url_password(b"postgres", b"postgres"));
        assert!(!url_password(b"app", b"changeme"));
        assert!(!url_password(b"app", b"APP"));
        assert!(!url_password(b"admin", b"admin123"));
        assert!(!url_password(b"app", b"redis-password"));
        assert!(!url_password(b"anonymous", b"k9Lm2xQw"));
        assert!(!url_password(b"scott", b"tiger"));
    }

    #[test]
    fn code_references_are_not_values() {
        assert!(is_code_reference(b"process.env.API_KEY"));
        assert!(is_code_reference(b"settings.SECRET_KEY"));
        assert!(is_code_reference(b"DB_PASSWORD_FROM_VAULT"));
        assert!(!is_code_reference(b"Tr0ub4dor&3x"));
        assert!(!is_code_reference(b"k9Lm.2xQw8Zt"));
    }

    #[test]
    fn config_paths() {
        assert!(is_config_path(".env"));
        assert!(is_config_path("deploy/.env.production"));
        assert!(is_config_path("app/config.yml"));
        assert!(!is_config_path("src/main.py"));
    }
}
