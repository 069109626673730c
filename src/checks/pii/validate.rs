//! Checksum validators of personal identifiers.
//!
//! Every validator takes the candidate as found in the text, drops the usual
//! separators (whitespace, dots, dashes), and returns `true` only when both
//! the structure and the checksum hold. None of them allocates: the compacted
//! candidate lives in a small buffer on the stack.

/// Longest identifier handled (an IBAN: 34 characters).
const MAX_LEN: usize = 34;

/// The candidate without separators, ASCII letters uppercased.
struct Compact {
    buf: [u8; MAX_LEN],
    len: usize,
}

impl Compact {
    /// `None` when a character is neither a separator nor an ASCII letter or
    /// digit, or when more than `max` characters remain.
    fn new(s: &str, max: usize) -> Option<Self> {
        let max = max.min(MAX_LEN);
        let mut buf = [0u8; MAX_LEN];
        let mut len = 0;
        for c in s.chars() {
            if is_separator(c) {
                continue;
            }
            if !c.is_ascii_alphanumeric() || len == max {
                return None;
            }
            // ASCII, checked just above.
            buf[len] = c.to_ascii_uppercase() as u8;
            len += 1;
        }
        Some(Self { buf, len })
    }

    fn bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

fn is_separator(c: char) -> bool {
    c == '.' || c == '-' || c.is_whitespace()
}

fn all_digits(b: &[u8]) -> bool {
    !b.is_empty() && b.iter().all(u8::is_ascii_digit)
}

/// Value of ASCII digits (at most 19 of them, checked by the caller).
fn number(b: &[u8]) -> u64 {
    b.iter().fold(0, |n, &d| n * 10 + u64::from(d - b'0'))
}

fn digit_sum(b: &[u8]) -> u32 {
    b.iter().map(|&d| u32::from(d - b'0')).sum()
}

/// Luhn term of a digit: doubled (digits of the product added) every second
/// digit from the right.
fn luhn_term(d: u32, doubled: bool) -> u32 {
    if !doubled {
        d
    } else if d < 5 {
        2 * d
    } else {
        2 * d - 9
    }
}

/// Luhn over ASCII digits.
fn luhn_digits(b: &[u8]) -> bool {
    let sum = b.iter().rev().enumerate().fold(0, |s, (i, &d)| {
        (s + luhn_term(u32::from(d - b'0'), i % 2 == 1)) % 10
    });
    sum == 0
}

/// Luhn (mod 10) checksum: from the right, every second digit is doubled
/// (minus 9 when above 9); the sum must be a multiple of 10. Only digits
/// (and separators) are allowed, at least two of them.
pub fn luhn(s: &str) -> bool {
    let mut sum = 0;
    let mut n = 0usize;
    for c in s.chars().rev() {
        if is_separator(c) {
            continue;
        }
        let Some(d) = c.to_digit(10) else {
            return false;
        };
        sum = (sum + luhn_term(d, n % 2 == 1)) % 10;
        n += 1;
    }
    n >= 2 && sum == 0
}

/// Issuer prefix and length of a real card scheme.
fn card_scheme(d: &[u8]) -> bool {
    let n = d.len();
    let (p2, p3, p4) = (number(&d[..2]), number(&d[..3]), number(&d[..4]));
    let visa = d[0] == b'4' && matches!(n, 13 | 16 | 19);
    let mastercard = ((51..=55).contains(&p2) || (2221..=2720).contains(&p4)) && n == 16;
    let amex = matches!(p2, 34 | 37) && n == 15;
    let discover = (p4 == 6011 || (644..=649).contains(&p3) || p2 == 65) && (16..=19).contains(&n);
    let jcb = (3528..=3589).contains(&p4) && (16..=19).contains(&n);
    let diners = ((300..=305).contains(&p3) || p2 == 36 || p2 == 38) && (14..=19).contains(&n);
    let unionpay = p2 == 62 && (16..=19).contains(&n);
    let maestro = (p2 == 50 || (56..=69).contains(&p2)) && (12..=19).contains(&n);
    let mir = (2200..=2204).contains(&p4) && (16..=19).contains(&n);
    visa || mastercard || amex || discover || jcb || diners || unionpay || maestro || mir
}

/// Payment card number (PAN): 12 to 19 digits, Luhn valid, with the issuer
/// prefix and a length of a real scheme: Visa (4; 13, 16 or 19 digits),
/// Mastercard (51-55, 2221-2720; 16), American Express (34, 37; 15),
/// Discover (6011, 644-649, 65; 16-19), JCB (3528-3589; 16-19), Diners Club
/// (300-305, 36, 38; 14-19), UnionPay (62; 16-19), Maestro (50, 56-69;
/// 12-19), Mir (2200-2204; 16-19).
pub fn payment_card(s: &str) -> bool {
    let Some(c) = Compact::new(s, 19) else {
        return false;
    };
    let d = c.bytes();
    (12..=19).contains(&d.len()) && all_digits(d) && card_scheme(d) && luhn_digits(d)
}

/// Test card numbers published by card schemes and payment providers
/// (Stripe, Braintree/PayPal, Adyen, Authorize.net, Worldpay...).
const TEST_CARDS: &[&str] = &[
    // Visa
    "4111111111111111",
    "4242424242424242",
    "4012888888881881",
    "4222222222222",
    "4007000000027",
    "4012888818888",
    "4000056655665556",
    "4000002500003155",
    "4000000000003220",
    "4000000000003055",
    "4000002760003184",
    "4000000000000002",
    "4000000000009995",
    "4000000000000069",
    "4000000000000077",
    "4000000000000119",
    "4000000000000127",
    "4000000000000341",
    "4111111145551142",
    "4988438843884305",
    "4917610000000000",
    // Mastercard
    "5555555555554444",
    "5105105105105100",
    "5200828282828210",
    "2223003122003222",
    "5454545454545454",
    "5424000000000015",
    "5500000000000004",
    "5101180000000007",
    "2222400070000005",
    "2223000010309703",
    "2223000010309711",
    // American Express
    "378282246310005",
    "371449635398431",
    "378734493671000",
    "370000000000002",
    // Discover
    "6011111111111117",
    "6011000990139424",
    "6011981111111113",
    "6011000000000012",
    "6011601160116611",
    // JCB
    "3530111333300000",
    "3566002020360505",
    "3569990010095841",
    // Diners Club
    "30569309025904",
    "38520000023237",
    "36227206271667",
    "3056930009020004",
    "38000000000006",
    "36006666333344",
    // UnionPay
    "6200000000000005",
    "6200000000000047",
    "6205500000000000004",
    "6250946000000016",
    // Maestro and national schemes
    "6759649826438453",
    "5019717010103742",
    "6331101999990016",
];

/// Whether the number (separators ignored) is one of the test card numbers
/// published by card schemes and payment providers, such as
/// `4111 1111 1111 1111` or `4242 4242 4242 4242`: a finding in code, not a
/// real card.
pub fn is_test_card(s: &str) -> bool {
    let Some(c) = Compact::new(s, 19) else {
        return false;
    };
    TEST_CARDS.iter().any(|t| t.as_bytes() == c.bytes())
}

/// IBAN length per country (ISO 13616 registry), sorted by country code.
const IBAN_LENGTHS: &[([u8; 2], u8)] = &[
    (*b"AD", 24),
    (*b"AE", 23),
    (*b"AL", 28),
    (*b"AT", 20),
    (*b"AZ", 28),
    (*b"BA", 20),
    (*b"BE", 16),
    (*b"BG", 22),
    (*b"BH", 22),
    (*b"BR", 29),
    (*b"BY", 28),
    (*b"CH", 21),
    (*b"CR", 22),
    (*b"CY", 28),
    (*b"CZ", 24),
    (*b"DE", 22),
    (*b"DK", 18),
    (*b"DO", 28),
    (*b"EE", 20),
    (*b"EG", 29),
    (*b"ES", 24),
    (*b"FI", 18),
    (*b"FO", 18),
    (*b"FR", 27),
    (*b"GB", 22),
    (*b"GE", 22),
    (*b"GI", 23),
    (*b"GL", 18),
    (*b"GR", 27),
    (*b"GT", 28),
    (*b"HR", 21),
    (*b"HU", 28),
    (*b"IE", 22),
    (*b"IL", 23),
    (*b"IQ", 23),
    (*b"IS", 26),
    (*b"IT", 27),
    (*b"JO", 30),
    (*b"KW", 30),
    (*b"KZ", 20),
    (*b"LB", 28),
    (*b"LC", 32),
    (*b"LI", 21),
    (*b"LT", 20),
    (*b"LU", 20),
    (*b"LV", 21),
    (*b"LY", 25),
    (*b"MC", 27),
    (*b"MD", 24),
    (*b"ME", 22),
    (*b"MK", 19),
    (*b"MR", 27),
    (*b"MT", 31),
    (*b"MU", 30),
    (*b"NL", 18),
    (*b"NO", 15),
    (*b"PK", 24),
    (*b"PL", 28),
    (*b"PS", 29),
    (*b"PT", 25),
    (*b"QA", 29),
    (*b"RO", 24),
    (*b"RS", 22),
    (*b"SA", 24),
    (*b"SC", 31),
    (*b"SE", 24),
    (*b"SI", 19),
    (*b"SK", 24),
    (*b"SM", 27),
    (*b"ST", 25),
    (*b"SV", 28),
    (*b"TL", 23),
    (*b"TN", 24),
    (*b"TR", 26),
    (*b"UA", 29),
    (*b"VA", 22),
    (*b"VG", 24),
    (*b"XK", 20),
];

fn iban_length(country: &[u8]) -> Option<usize> {
    IBAN_LENGTHS
        .binary_search_by(|(c, _)| c[..].cmp(country))
        .ok()
        .map(|i| usize::from(IBAN_LENGTHS[i].1))
}

/// Remainder mod 97 of uppercase alphanumerics read as a number, each letter
/// standing for two digits (A = 10 ... Z = 35).
fn mod97(chars: impl Iterator<Item = u8>) -> u32 {
    chars.fold(0, |r, c| {
        if c.is_ascii_digit() {
            (r * 10 + u32::from(c - b'0')) % 97
        } else {
            (r * 100 + u32::from(c - b'A') + 10) % 97
        }
    })
}

/// IBAN (ISO 13616), case-insensitive: a country code of the registry, two
/// check digits (02 to 98), then an alphanumeric BBAN, with the country's
/// total length; moving the first four characters to the end and reading
/// letters as 10-35, the number mod 97 must be 1.
pub fn iban(s: &str) -> bool {
    let Some(c) = Compact::new(s, MAX_LEN) else {
        return false;
    };
    let b = c.bytes();
    if b.len() < 5 {
        return false;
    }
    let (country, check, bban) = (&b[..2], &b[2..4], &b[4..]);
    if !country.iter().all(u8::is_ascii_uppercase)
        || !all_digits(check)
        || matches!(check, b"00" | b"01" | b"99")
        || iban_length(country) != Some(b.len())
    {
        return false;
    }
    mod97(bban.iter().chain(country).chain(check).copied()) == 1
}

/// IBAN examples of the ISO 13616 registry and of well-known documentation.
const EXAMPLE_IBANS: &[&str] = &[
    "AD1200012030200359100100",
    "AT611904300234573201",
    "BE68539007547034",
    "BE71096123456769",
    "BG80BNBG96611020345678",
    "CH9300762011623852957",
    "CH5604835012345678009",
    "CY17002001280000001200527600",
    "CZ6508000000192000145399",
    "DE89370400440532013000",
    "DE44500105175407324931",
    "DK5000400440116243",
    "EE382200221020145685",
    "ES9121000418450200051332",
    "ES7921000813610123456789",
    "FI2112345600000785",
    "FR1420041010050500013M02606",
    "FR7630006000011234567890189",
    "GB82WEST12345698765432",
    "GB29NWBK60161331926819",
    "GB33BUKB20201555555555",
    "GR1601101250000000012300695",
    "HR1210010051863000160",
    "HU42117730161111101800000000",
    "IE29AIBK93115212345678",
    "IS140159260076545510730339",
    "IT60X0542811101000000123456",
    "LI21088100002324013AA",
    "LT121000011101001000",
    "LU280019400644750000",
    "LV80BANK0000435195001",
    "MC5811222000010123456789030",
    "MT84MALT011000012345MTLCAST001S",
    "NL91ABNA0417164300",
    "NL02ABNA0123456789",
    "NO9386011117947",
    "PL61109010140000071219812874",
    "PT50000201231234567890154",
    "RO49AAAA1B31007593840000",
    "SE4550000000058398257466",
    "SI56263300012039086",
    "SI56191000000123438",
    "SK3112000000198742637541",
    "SM86U0322509800000000270100",
    "VA59001123000012345678",
];

/// Whether the IBAN (separators and case ignored) is an example of the ISO
/// 13616 registry or of well-known documentation, such as
/// `GB82 WEST 1234 5698 7654 32` or `DE89 3704 0044 0532 0130 00`.
pub fn is_example_iban(s: &str) -> bool {
    let Some(c) = Compact::new(s, MAX_LEN) else {
        return false;
    };
    EXAMPLE_IBANS.iter().any(|e| e.as_bytes() == c.bytes())
}

/// French social security number (NIR): 13 digits and a two-digit key equal
/// to 97 - (number mod 97). Sex digit 1 or 2 (3, 4, 7, 8 for temporary
/// numbers); month 01-12, 20-42 or 50-99; the Corsican departments 2A and
/// 2B (either case) count as 19 and 18 for the key.
pub fn fr_nir(s: &str) -> bool {
    let Some(c) = Compact::new(s, 15) else {
        return false;
    };
    let Ok(mut d) = <[u8; 15]>::try_from(c.bytes()) else {
        return false;
    };
    let corsica = match (d[5], d[6]) {
        (b'2', b'A') => Some(b'9'),
        (b'2', b'B') => Some(b'8'),
        _ => None,
    };
    if let Some(units) = corsica {
        d[5] = b'1';
        d[6] = units;
    }
    if !all_digits(&d) || !matches!(d[0], b'1' | b'2' | b'3' | b'4' | b'7' | b'8') {
        return false;
    }
    if !matches!(number(&d[3..5]), 1..=12 | 20..=42 | 50..=99) {
        return false;
    }
    number(&d[13..]) == 97 - number(&d[..13]) % 97
}

/// French company number (SIREN): 9 digits, not all zeros, Luhn valid.
pub fn fr_siren(s: &str) -> bool {
    let Some(c) = Compact::new(s, 9) else {
        return false;
    };
    let d = c.bytes();
    d.len() == 9 && all_digits(d) && digit_sum(d) != 0 && luhn_digits(d)
}

/// French establishment number (SIRET): 14 digits (SIREN then a 5-digit
/// establishment number), not all zeros, Luhn valid; La Poste
/// establishments (SIREN 356000000) instead need a digit sum divisible by 5.
pub fn fr_siret(s: &str) -> bool {
    let Some(c) = Compact::new(s, 14) else {
        return false;
    };
    let d = c.bytes();
    if d.len() != 14 || !all_digits(d) || digit_sum(&d[..9]) == 0 {
        return false;
    }
    luhn_digits(d) || (&d[..9] == b"356000000" && digit_sum(d).is_multiple_of(5))
}

const DNI_LETTERS: &[u8; 23] = b"TRWAGMYFPDXBNJZSQVHLCKE";

/// Spanish identity number, case-insensitive: DNI (8 digits, not all zeros,
/// and a control letter) or NIE (X, Y or Z counting as 0, 1 or 2, 7 digits,
/// a control letter); the letter is `TRWAGMYFPDXBNJZSQVHLCKE`[number mod 23].
pub fn es_dni(s: &str) -> bool {
    let Some(c) = Compact::new(s, 9) else {
        return false;
    };
    let b = c.bytes();
    if b.len() != 9 {
        return false;
    }
    let n = match b[0] {
        b'X' | b'Y' | b'Z' if all_digits(&b[1..8]) => {
            u64::from(b[0] - b'X') * 10_000_000 + number(&b[1..8])
        }
        _ if all_digits(&b[..8]) && number(&b[..8]) != 0 => number(&b[..8]),
        _ => return false,
    };
    DNI_LETTERS[(n % 23) as usize] == b[8]
}

/// Letters standing for digits 0-9 in an "omocodia" codice fiscale.
const CF_OMOCODIA: &[u8; 10] = b"LMNPQRSTUV";
/// Month letters, January to December.
const CF_MONTHS: &[u8; 12] = b"ABCDEHLMPRST";
/// Value of 0-9 / A-Z (0-25) at the odd positions (1st, 3rd...).
const CF_ODD: [u8; 26] = [
    1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
];

/// A digit of a codice fiscale, possibly replaced by its omocodia letter.
fn cf_digit(c: u8) -> Option<u8> {
    if c.is_ascii_digit() {
        Some(c - b'0')
    } else {
        CF_OMOCODIA.iter().position(|&l| l == c).map(|p| p as u8)
    }
}

/// Italian tax code (codice fiscale) of a person, case-insensitive: 16
/// characters, 6 letters (surname, name), 2 digits (year), a month letter of
/// `ABCDEHLMPRST`, 2 digits (day 1-31, or 41-71 for women), a letter and 3
/// digits (place of birth), digits possibly replaced by the omocodia letters
/// `LMNPQRSTUV`; then a check letter: the odd-position values of the
/// official table plus the even-position values (0-9, A-Z = 0-25), mod 26.
pub fn it_codice_fiscale(s: &str) -> bool {
    let Some(c) = Compact::new(s, 16) else {
        return false;
    };
    let b = c.bytes();
    if b.len() != 16 {
        return false;
    }
    let letters = [0, 1, 2, 3, 4, 5, 11, 15]
        .iter()
        .all(|&i| b[i].is_ascii_uppercase());
    let digits = [6, 7, 9, 10, 12, 13, 14]
        .iter()
        .all(|&i| cf_digit(b[i]).is_some());
    if !letters || !digits || !CF_MONTHS.contains(&b[8]) {
        return false;
    }
    let day = cf_digit(b[9]).unwrap_or(0) * 10 + cf_digit(b[10]).unwrap_or(0);
    if !matches!(day, 1..=31 | 41..=71) {
        return false;
    }
    let sum: u32 = b[..15]
        .iter()
        .enumerate()
        .map(|(i, &ch)| {
            let v = if ch.is_ascii_digit() {
                ch - b'0'
            } else {
                ch - b'A'
            };
            // 0-based even index: 1st, 3rd... character (odd in the rule).
            u32::from(if i % 2 == 0 {
                CF_ODD[usize::from(v)]
            } else {
                v
            })
        })
        .sum();
    b[15] == b'A' + (sum % 26) as u8
}

/// German tax identification number (Steuer-IdNr): 11 digits, the first not
/// 0; in the first 10, exactly one digit occurs twice or three times and the
/// others at most once; the last is the ISO 7064 MOD 11,10 check digit.
pub fn de_steuer_id(s: &str) -> bool {
    let Some(c) = Compact::new(s, 11) else {
        return false;
    };
    let d = c.bytes();
    if d.len() != 11 || !all_digits(d) || d[0] == b'0' {
        return false;
    }
    let mut counts = [0u8; 10];
    for &x in &d[..10] {
        counts[usize::from(x - b'0')] += 1;
    }
    let repeated = counts.iter().filter(|&&n| n > 1).count();
    if repeated != 1 || counts.iter().any(|&n| n > 3) {
        return false;
    }
    let product = d[..10].iter().fold(10, |p, &x| {
        let s = (u32::from(x - b'0') + p) % 10;
        let s = if s == 0 { 10 } else { s };
        s * 2 % 11
    });
    let check = (11 - product) % 10;
    check == u32::from(d[10] - b'0')
}

/// Dutch citizen service number (BSN): 9 digits (8 read with a leading 0),
/// not all zeros, passing the 11-test: 9·d1 + 8·d2 + ... + 2·d8 − d9 ≡ 0
/// (mod 11).
pub fn nl_bsn(s: &str) -> bool {
    let Some(c) = Compact::new(s, 9) else {
        return false;
    };
    let b = c.bytes();
    if !matches!(b.len(), 8 | 9) || !all_digits(b) || digit_sum(b) == 0 {
        return false;
    }
    let mut d = [b'0'; 9];
    d[9 - b.len()..].copy_from_slice(b);
    let weighted: i32 = d[..8]
        .iter()
        .zip((2..=9).rev())
        .map(|(&x, w)| w * i32::from(x - b'0'))
        .sum();
    (weighted - i32::from(d[8] - b'0')) % 11 == 0
}

/// Portuguese tax number (NIF): 9 digits, the first one of 1, 2, 3, 5, 6,
/// 8, 9; with s = 9·d1 + 8·d2 + ... + 2·d8, the check digit is 11 − (s mod
/// 11), or 0 when that is 10 or 11.
pub fn pt_nif(s: &str) -> bool {
    let Some(c) = Compact::new(s, 9) else {
        return false;
    };
    let d = c.bytes();
    if d.len() != 9 || !all_digits(d) || !b"1235689".contains(&d[0]) {
        return false;
    }
    let weighted: u32 = d[..8]
        .iter()
        .zip((2..=9).rev())
        .map(|(&x, w)| w * u32::from(x - b'0'))
        .sum();
    let check = match 11 - weighted % 11 {
        10 | 11 => 0,
        r => r,
    };
    check == u32::from(d[8] - b'0')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use proptest::sample::{select, Index};

    // Generators: a valid identifier built from a body by computing its
    // checksum, written independently of the validators above.

    const DIGITS: &[u8] = b"0123456789";
    const LETTERS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    fn digits_str(d: &[u8]) -> String {
        d.iter().map(|&x| char::from(b'0' + x)).collect()
    }

    /// Luhn check digit to append to `body` (digit values).
    fn luhn_check(body: &[u8]) -> u8 {
        // Once the check digit is appended, the last digit of the body is
        // the first one doubled.
        let sum: u32 = body
            .iter()
            .rev()
            .enumerate()
            .map(|(i, &d)| {
                let d = u32::from(d);
                if i % 2 == 0 {
                    (2 * d) / 10 + (2 * d) % 10
                } else {
                    d
                }
            })
            .sum();
        ((10 - sum % 10) % 10) as u8
    }

    fn with_luhn(body: &[u8]) -> String {
        let mut s = digits_str(body);
        s.push(char::from(b'0' + luhn_check(body)));
        s
    }

    /// NIR from its first 13 characters (the department may be 2A or 2B).
    fn nir_of(body: &str) -> String {
        let numeric = match &body[5..7] {
            "2A" => format!("{}19{}", &body[..5], &body[7..]),
            "2B" => format!("{}18{}", &body[..5], &body[7..]),
            _ => body.to_string(),
        };
        let n: u64 = numeric.parse().unwrap();
        format!("{body}{:02}", 97 - n % 97)
    }

    /// Remainder mod 97 of a long decimal string, by chunks of 7 digits.
    fn decimal_mod97(decimal: &str) -> u64 {
        decimal.as_bytes().chunks(7).fold(0, |r, chunk| {
            let part: u64 = std::str::from_utf8(chunk).unwrap().parse().unwrap();
            (r * 10u64.pow(chunk.len() as u32) + part) % 97
        })
    }

    /// IBAN from a country and a BBAN (uppercase alphanumerics).
    fn iban_of(country: &str, bban: &str) -> String {
        let expanded: String = format!("{bban}{country}00")
            .chars()
            .map(|c| c.to_digit(36).unwrap().to_string())
            .collect();
        format!("{country}{:02}{bban}", 98 - decimal_mod97(&expanded))
    }

    fn dni_of(n: u32) -> String {
        let letters = "TRWAGMYFPDXBNJZSQVHLCKE";
        format!("{n:08}{}", &letters[(n % 23) as usize..][..1])
    }

    /// NIE from its prefix (0 for X, 1 for Y, 2 for Z) and 7 digits.
    fn nie_of(prefix: u32, n: u32) -> String {
        let letters = "TRWAGMYFPDXBNJZSQVHLCKE";
        let value = prefix * 10_000_000 + n;
        let lead = ["X", "Y", "Z"][prefix as usize];
        format!("{lead}{n:07}{}", &letters[(value % 23) as usize..][..1])
    }

    /// Codice fiscale from its first 15 characters.
    fn cf_of(body: &str) -> String {
        // Letters in order of their value at odd positions (B is 0, A 1...);
        // a digit counts as the letter of the same rank (0 as A...).
        const BY_ODD_VALUE: &str = "BAKPLCQDREVOSFTGUHMINJWZYX";
        let sum: usize = body
            .chars()
            .enumerate()
            .map(|(i, c)| {
                let rank = match c.to_digit(10) {
                    Some(d) => d as usize,
                    None => (c as u8 - b'A') as usize,
                };
                if i % 2 == 0 {
                    let letter = char::from(b'A' + rank as u8);
                    BY_ODD_VALUE.find(letter).unwrap()
                } else {
                    rank
                }
            })
            .sum();
        format!("{body}{}", char::from(b'A' + (sum % 26) as u8))
    }

    /// ISO 7064 MOD 11,10 check digit.
    fn mod11_10_check(body: &[u8]) -> u8 {
        let mut product = 10;
        for &d in body {
            let mut sum = (u32::from(d) + product) % 10;
            if sum == 0 {
                sum = 10;
            }
            product = (2 * sum) % 11;
        }
        ((11 - product) % 10) as u8
    }

    fn steuer_of(body: &[u8]) -> String {
        let mut s = digits_str(body);
        s.push(char::from(b'0' + mod11_10_check(body)));
        s
    }

    /// 9·d1 + 8·d2 + ... + 2·d8.
    fn weighted(body: &[u8]) -> u32 {
        body.iter()
            .take(8)
            .enumerate()
            .map(|(i, &d)| (9 - i as u32) * u32::from(d))
            .sum()
    }

    /// BSN from 8 digits; `None` when no check digit passes the 11-test.
    fn bsn_of(body: &[u8]) -> Option<String> {
        let check = weighted(body) % 11;
        (check < 10).then(|| format!("{}{check}", digits_str(body)))
    }

    fn pt_nif_of(body: &[u8]) -> String {
        let check = match 11 - weighted(body) % 11 {
            10 | 11 => 0,
            r => r,
        };
        format!("{}{check}", digits_str(body))
    }

    // Single-character changes.

    /// `s` with its character at `i` replaced by each other one of `alphabet`.
    fn changes_at(s: &str, i: usize, alphabet: &[u8]) -> Vec<String> {
        let b = s.as_bytes();
        alphabet
            .iter()
            .filter(|&&c| c != b[i])
            .map(|&c| {
                let mut m = b.to_vec();
                m[i] = c;
                String::from_utf8(m).unwrap()
            })
            .collect()
    }

    /// Every digit of `s` replaced in turn by each of the 9 other digits.
    fn digit_changes(s: &str) -> Vec<String> {
        (0..s.len())
            .filter(|&i| s.as_bytes()[i].is_ascii_digit())
            .flat_map(|i| changes_at(s, i, DIGITS))
            .collect()
    }

    /// `s` in groups of 4 joined by `sep`.
    fn grouped(s: &str, sep: &str) -> String {
        let groups: Vec<&str> = s
            .as_bytes()
            .chunks(4)
            .map(|c| std::str::from_utf8(c).unwrap())
            .collect();
        groups.join(sep)
    }

    // Strategies.

    /// Issuer prefixes with lengths, one or more per scheme.
    const SCHEMES: &[(&str, &[usize])] = &[
        ("4", &[13, 16, 19]),
        ("51", &[16]),
        ("55", &[16]),
        ("2221", &[16]),
        ("2720", &[16]),
        ("34", &[15]),
        ("37", &[15]),
        ("6011", &[16, 19]),
        ("644", &[16]),
        ("65", &[16, 19]),
        ("3528", &[16]),
        ("3589", &[16, 19]),
        ("300", &[14]),
        ("305", &[14, 16]),
        ("36", &[14]),
        ("38", &[14, 19]),
        ("62", &[16, 19]),
        ("50", &[12, 19]),
        ("56", &[12, 13]),
        ("69", &[18]),
        ("2200", &[16]),
        ("2204", &[19]),
    ];

    fn card() -> impl Strategy<Value = String> {
        (
            select(SCHEMES),
            any::<Index>(),
            prop::collection::vec(0u8..10, 19),
        )
            .prop_map(|((prefix, lengths), len, fill)| {
                let len = lengths[len.index(lengths.len())];
                let mut body: Vec<u8> = prefix.bytes().map(|c| c - b'0').collect();
                body.extend_from_slice(&fill[..len - 1 - prefix.len()]);
                with_luhn(&body)
            })
    }

    fn nir() -> impl Strategy<Value = String> {
        (
            select(&[1u8, 2, 3, 4, 7, 8][..]),
            0u32..100,
            prop_oneof![1u32..=12, 20u32..=42, 50u32..=99],
            0u32..102,
            0u32..1000,
            0u32..1000,
        )
            .prop_map(|(sex, year, month, dept, commune, order)| {
                let dept = match dept {
                    100 => "2A".to_string(),
                    101 => "2B".to_string(),
                    d => format!("{d:02}"),
                };
                nir_of(&format!(
                    "{sex}{year:02}{month:02}{dept}{commune:03}{order:03}"
                ))
            })
    }

    fn iban_valid() -> impl Strategy<Value = String> {
        (select(IBAN_LENGTHS), prop::collection::vec(0u8..56, 30)).prop_map(
            |((country, len), chars)| {
                let bban: String = chars[..usize::from(len) - 4]
                    .iter()
                    .map(|&v| match v {
                        0..30 => char::from(b'0' + v % 10),
                        _ => char::from(b'A' + v - 30),
                    })
                    .collect();
                iban_of(std::str::from_utf8(&country).unwrap(), &bban)
            },
        )
    }

    fn codice_fiscale() -> impl Strategy<Value = String> {
        (
            prop::collection::vec(select(LETTERS), 7),
            0u32..100,
            select(&CF_MONTHS[..]),
            1u32..=31,
            any::<bool>(),
            0u32..1000,
            prop::collection::vec(any::<bool>(), 7),
        )
            .prop_map(|(letters, year, month, day, female, place, omocodia)| {
                let day = if female { day + 40 } else { day };
                let l = |i: usize| char::from(letters[i]);
                let body = format!(
                    "{}{}{}{}{}{}{year:02}{}{day:02}{}{place:03}",
                    l(0),
                    l(1),
                    l(2),
                    l(3),
                    l(4),
                    l(5),
                    char::from(month),
                    l(6)
                );
                // Omocodia: some digits replaced by their letters.
                let mut body = body.into_bytes();
                for (&pos, &swap) in [6, 7, 9, 10, 12, 13, 14].iter().zip(&omocodia) {
                    if swap {
                        body[pos] = CF_OMOCODIA[usize::from(body[pos] - b'0')];
                    }
                }
                cf_of(&String::from_utf8(body).unwrap())
            })
    }

    /// First 10 digits of a Steuer-IdNr: a shuffle of 0-9 where one digit
    /// takes the place of one or two others.
    fn steuer_body() -> impl Strategy<Value = Vec<u8>> {
        (
            prop::collection::vec(any::<u32>(), 10),
            0usize..10,
            1usize..10,
            prop::option::of(1usize..9),
        )
            .prop_map(|(keys, from, shift, third)| {
                let mut order: Vec<u8> = (0..10).collect();
                order.sort_by_key(|&d| keys[usize::from(d)]);
                let twin = (from + shift) % 10;
                order[twin] = order[from];
                if let Some(t) = third {
                    let pos = (0..10)
                        .filter(|&p| p != from && p != twin)
                        .nth(t - 1)
                        .unwrap();
                    order[pos] = order[from];
                }
                if order[0] == 0 {
                    let p = order.iter().position(|&d| d != 0).unwrap();
                    order.swap(0, p);
                }
                order
            })
    }

    fn config() -> ProptestConfig {
        ProptestConfig::with_cases(64)
    }

    proptest! {
        #![proptest_config(config())]

        #[test]
        fn luhn_numbers_and_cards(body in prop::collection::vec(0u8..10, 1..30), pan in card()) {
            let n = with_luhn(&body);
            prop_assert!(luhn(&n), "{n}");
            prop_assert!(luhn(&grouped(&n, " ")));
            // Doubling is a permutation of the digits: every change shows.
            for m in digit_changes(&n) {
                prop_assert!(!luhn(&m), "{m} (from {n})");
            }
            prop_assert!(payment_card(&pan), "{pan}");
            prop_assert!(payment_card(&grouped(&pan, "-")));
            for m in digit_changes(&pan) {
                prop_assert!(!payment_card(&m) && !luhn(&m), "{m} (from {pan})");
            }
        }

        #[test]
        fn fr_nir_detects_every_change(n in nir()) {
            prop_assert!(fr_nir(&n), "{n}");
            prop_assert!(fr_nir(&n.to_lowercase()));
            // 2A/2B count as 19/18, so a digit or the other letter there
            // still shifts the number by a non-multiple of 97.
            let alphabet = b"0123456789AB";
            for i in 0..n.len() {
                for m in changes_at(&n, i, alphabet) {
                    prop_assert!(!fr_nir(&m), "{m} (from {n})");
                }
            }
        }

        #[test]
        fn iban_detects_every_change(n in iban_valid()) {
            prop_assert!(iban(&n), "{n}");
            prop_assert!(iban(&grouped(&n, " ").to_lowercase()));
            prop_assert!(!is_example_iban(&n) || EXAMPLE_IBANS.contains(&n.as_str()));
            // A letter is two digits (10-35): one swapped for another shifts
            // the number by less than 26 times a power of ten. (A letter
            // swapped for a digit changes the length of the number, for which
            // mod 97 gives no such guarantee: not tested.)
            for i in 0..n.len() {
                let alphabet = if n.as_bytes()[i].is_ascii_digit() { DIGITS } else { LETTERS };
                for m in changes_at(&n, i, alphabet) {
                    prop_assert!(!iban(&m), "{m} (from {n})");
                }
            }
        }

        #[test]
        fn fr_siren_siret_detect_every_change(
            siren_body in prop::collection::vec(0u8..10, 8),
            siret_body in prop::collection::vec(0u8..10, 13),
        ) {
            prop_assume!(siren_body.iter().any(|&d| d != 0));
            let siren = with_luhn(&siren_body);
            prop_assert!(fr_siren(&siren), "{siren}");
            let spaced = format!("{} {} {}", &siren[..3], &siren[3..6], &siren[6..]);
            prop_assert!(fr_siren(&spaced), "{spaced}");
            for m in digit_changes(&siren) {
                prop_assert!(!fr_siren(&m), "{m} (from {siren})");
            }
            // A change could turn another SIREN into La Poste's, checked with
            // digit sum mod 5 instead: keep one change away from it.
            let near_la_poste = siret_body[..9]
                .iter()
                .zip(b"356000000")
                .filter(|&(&d, &p)| d != p - b'0')
                .count() <= 1;
            prop_assume!(!near_la_poste && siret_body[..9].iter().any(|&d| d != 0));
            let siret = with_luhn(&siret_body);
            prop_assert!(fr_siret(&siret), "{siret}");
            for m in digit_changes(&siret) {
                prop_assert!(!fr_siret(&m), "{m} (from {siret})");
            }
        }

        #[test]
        fn es_dni_detects_every_change(n in 1u32..100_000_000, prefix in 0u32..3, m in 0u32..10_000_000) {
            // d·10^k is never a multiple of the prime 23 (d < 10), so any
            // digit change moves n mod 23, hence the letter; likewise X/Y/Z
            // (0/1/2 at 10^7).
            for id in [dni_of(n), nie_of(prefix, m)] {
                prop_assert!(es_dni(&id), "{id}");
                prop_assert!(es_dni(&id.to_lowercase()));
                for c in digit_changes(&id) {
                    prop_assert!(!es_dni(&c), "{c} (from {id})");
                }
                for c in changes_at(&id, 8, LETTERS) {
                    prop_assert!(!es_dni(&c), "{c} (from {id})");
                }
            }
            let nie = nie_of(prefix, m);
            for c in changes_at(&nie, 0, b"XYZ") {
                prop_assert!(!es_dni(&c), "{c} (from {nie})");
            }
        }

        #[test]
        fn it_codice_fiscale_detects_every_change(cf in codice_fiscale()) {
            prop_assert!(it_codice_fiscale(&cf), "{cf}");
            prop_assert!(it_codice_fiscale(&cf.to_lowercase()));
            for m in changes_at(&cf, 15, LETTERS) {
                prop_assert!(!it_codice_fiscale(&m), "{m} (from {cf})");
            }
            // Odd-position values are a permutation of 0-25 and even-position
            // ones tell apart all characters a position accepts, so any
            // single change shows.
            let alphanumerics = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
            for i in 0..15 {
                for m in changes_at(&cf, i, alphanumerics) {
                    prop_assert!(!it_codice_fiscale(&m), "{m} (from {cf})");
                }
            }
        }

        #[test]
        fn de_steuer_id_detects_every_change(body in steuer_body()) {
            // Three times the same digit in a row is allowed here (see
            // `de_steuer_id`), so a body is never discarded.
            let id = steuer_of(&body);
            prop_assert!(de_steuer_id(&id), "{id}");
            let spaced = format!("{} {} {} {}", &id[..2], &id[2..5], &id[5..8], &id[8..]);
            prop_assert!(de_steuer_id(&spaced), "{spaced}");
            // ISO 7064 hybrid systems detect every single substitution.
            for m in digit_changes(&id) {
                prop_assert!(!de_steuer_id(&m), "{m} (from {id})");
            }
        }

        #[test]
        fn nl_bsn_detects_every_change(body in prop::collection::vec(0u8..10, 8)) {
            let bsn = bsn_of(&body);
            prop_assume!(bsn.is_some() && body.iter().any(|&d| d != 0));
            let bsn = bsn.unwrap();
            prop_assert!(nl_bsn(&bsn), "{bsn}");
            if let Some(short) = bsn.strip_prefix('0') {
                prop_assert!(nl_bsn(short), "{short}");
            }
            // Weights 9..2 and -1 are units mod 11 and a change is below 11.
            for m in digit_changes(&bsn) {
                prop_assert!(!nl_bsn(&m), "{m} (from {bsn})");
            }
        }

        #[test]
        fn pt_nif_detects_changes_but_for_check_zero(
            first in select(&[1u8, 2, 3, 5, 6, 8, 9][..]),
            rest in prop::collection::vec(0u8..10, 7),
        ) {
            let mut body = vec![first];
            body.extend(rest);
            let nif = pt_nif_of(&body);
            prop_assert!(pt_nif(&nif), "{nif}");
            // The check digit 0 stands for both s ≡ 0 and s ≡ 1 (mod 11): a
            // body change between those two goes unseen, so the property
            // cannot hold then. Every other change is rejected.
            let sum_mod = |s: &str| {
                let d: Vec<u8> = s.bytes().map(|c| c - b'0').collect();
                weighted(&d) % 11
            };
            for m in digit_changes(&nif) {
                if pt_nif(&m) {
                    prop_assert!(nif.ends_with('0') && m.ends_with('0'), "{m} (from {nif})");
                    let pair = (sum_mod(&nif), sum_mod(&m));
                    prop_assert!(pair == (0, 1) || pair == (1, 0), "{m} (from {nif})");
                }
            }
        }
    }

    // Examples and counter-examples.

    #[test]
    fn luhn_examples() {
        assert!(luhn("79927398713"));
        assert!(luhn(&with_luhn(&[1, 2, 3, 4, 5])));
        assert!(luhn("4111 1111 1111 1111"));
        assert!(!luhn("79927398710"));
        assert!(!luhn("0"), "a single digit");
        assert!(!luhn(""));
        assert!(!luhn("7992739871a"));
        assert!(!luhn("7992739871/3"));
    }

    #[test]
    fn payment_card_examples() {
        for body in [
            &[4, 9, 7, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0][..],
            &[5, 3, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3],
        ] {
            let pan = with_luhn(body);
            assert!(payment_card(&pan), "{pan}");
        }
        assert!(payment_card("4111-1111-1111-1111"));
        assert!(payment_card("3782 822463 10005"));
        // Luhn valid, but no such scheme, or not that length.
        let unknown = with_luhn(&[1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 6, 7]);
        assert!(luhn(&unknown) && !payment_card(&unknown), "{unknown}");
        let amex16 = with_luhn(&[3, 7, 8, 2, 8, 2, 2, 4, 6, 3, 1, 0, 0, 0, 5]);
        assert!(!payment_card(&amex16), "{amex16}");
        let visa15 = with_luhn(&[4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
        assert!(!payment_card(&visa15), "{visa15}");
        let mc17 = with_luhn(&[5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 4, 4, 4, 4]);
        assert!(!payment_card(&mc17), "{mc17}");
        let short = with_luhn(&[5, 0, 1, 2, 3, 4, 5, 6, 7, 8]);
        assert!(!payment_card(&short), "{short}");
        let long = with_luhn(&[4; 19]);
        assert!(!payment_card(&long), "{long}");
        assert!(!payment_card("4111111111111112"));
        assert!(!payment_card("4111 1111 1111 111x"));
    }

    #[test]
    fn test_cards_are_known_and_valid() {
        assert!(TEST_CARDS.len() >= 15);
        for card in TEST_CARDS {
            assert!(luhn(card) && payment_card(card), "{card}");
            assert!(is_test_card(card));
        }
        assert!(is_test_card("4111 1111 1111 1111"));
        assert!(is_test_card("4242-4242-4242-4242"));
        assert!(is_test_card("3782.822463.10005"));
        assert!(!is_test_card("4111111111111112"));
        assert!(!is_test_card(&with_luhn(&[
            4, 9, 7, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1
        ])));
        assert!(!is_test_card("41111111111111111111"));
        assert!(!is_test_card(""));
    }

    #[test]
    fn iban_table() {
        assert!(
            IBAN_LENGTHS.windows(2).all(|w| w[0].0 < w[1].0),
            "sorted, unique"
        );
        let sepa = [
            ("FR", 27),
            ("DE", 22),
            ("ES", 24),
            ("IT", 27),
            ("PT", 25),
            ("NL", 18),
            ("BE", 16),
            ("CH", 21),
            ("GB", 22),
            ("LU", 20),
            ("AT", 20),
            ("IE", 22),
            ("FI", 18),
            ("DK", 18),
            ("SE", 24),
            ("NO", 15),
            ("PL", 28),
            ("GR", 27),
            ("CZ", 24),
            ("SK", 24),
            ("HU", 28),
            ("RO", 24),
            ("BG", 22),
            ("HR", 21),
            ("SI", 19),
            ("EE", 20),
            ("LV", 21),
            ("LT", 20),
            ("MT", 31),
            ("CY", 28),
            ("IS", 26),
            ("LI", 21),
            ("MC", 27),
            ("SM", 27),
            ("AD", 24),
            ("VA", 22),
        ];
        for (country, len) in sepa {
            assert_eq!(iban_length(country.as_bytes()), Some(len), "{country}");
        }
        assert_eq!(iban_length(b"XX"), None);
        assert_eq!(iban_length(b"US"), None);
    }

    #[test]
    fn iban_examples() {
        for (country, bban) in [
            ("FR", "12345678901234567890123"),
            ("DE", "123456789012345678"),
            ("MT", "MALT011000012345ABCDEFG001S"),
        ] {
            let valid = iban_of(country, bban);
            assert!(iban(&valid), "{valid}");
            assert!(iban(&grouped(&valid, " ").to_lowercase()));
        }
        assert!(iban("GB82 WEST 1234 5698 7654 32"));
        assert!(iban("gb82-west-1234-5698-7654-32"));
        assert!(!iban("GB82WEST12345698765433"), "checksum");
        assert!(!iban("GB82WEST1234569876543"), "too short");
        assert!(!iban("GB82WEST123456987654321"), "too long");
        assert!(!iban("XX82WEST12345698765432"), "unknown country");
        assert!(!iban("US64SVBKUS6S3300958879"), "not in the registry");
        assert!(!iban("GB82WEST1234569876543!"));
        assert!(!iban("G182WEST12345698765432"));
        assert!(!iban("GBX2WEST12345698765432"));
        assert!(!iban("GB82"));
        assert!(!iban(""));
        // Check digits 02 and 99 are the same mod 97; only 02 is valid.
        let two = (0..1000)
            .map(|n| iban_of("DE", &format!("{n:018}")))
            .find(|i| &i[2..4] == "02")
            .unwrap();
        assert!(iban(&two), "{two}");
        let ninety_nine = format!("DE99{}", &two[4..]);
        assert!(!iban(&ninety_nine), "{ninety_nine}");
        let ninety_eight = (0..1000)
            .map(|n| iban_of("DE", &format!("{n:018}")))
            .find(|i| &i[2..4] == "98")
            .unwrap();
        assert!(iban(&ninety_eight), "{ninety_eight}");
        assert!(!iban(&format!("DE01{}", &ninety_eight[4..])));
    }

    #[test]
    fn example_ibans_are_known_and_valid() {
        assert!(EXAMPLE_IBANS.len() >= 10);
        for example in EXAMPLE_IBANS {
            assert!(iban(example), "{example}");
            assert!(is_example_iban(example));
        }
        assert!(is_example_iban("GB82 WEST 1234 5698 7654 32"));
        assert!(is_example_iban("fr14 2004 1010 0505 0001 3m02 606"));
        assert!(is_example_iban("NL91ABNA0417164300"));
        assert!(!is_example_iban("GB82WEST12345698765433"));
        assert!(!is_example_iban(&iban_of("FR", "12345678901234567890123")));
        assert!(!is_example_iban(""));
    }

    #[test]
    fn fr_nir_examples() {
        assert!(fr_nir("2 55 08 14 168 025 38"));
        for body in [
            "1840376451089",
            "2920475056002",
            "185122A123456",
            "29903 2B 001 002",
        ] {
            let body: String = body.split(' ').collect();
            let n = nir_of(&body);
            assert!(fr_nir(&n), "{n}");
        }
        let corsica = nir_of("185122A123456");
        // The key of 2A is that of 19: with 19 it is also valid (Corrèze),
        // with 20 it is not.
        assert!(fr_nir(&corsica.replace("2A", "19")));
        assert!(!fr_nir(&corsica.replace("2A", "20")));
        assert!(!fr_nir(&corsica.replace("2A", "2C")), "only 2A and 2B");
        assert!(!fr_nir(&corsica.replace("2A", "3A")), "only 2A and 2B");
        assert!(!fr_nir("2 55 08 14 168 025 39"), "key");
        assert!(!fr_nir("2 55 08 14 168 025 3"), "too short");
        assert!(!fr_nir("2 55 08 14 168 025 380"), "too long");
        assert!(!fr_nir("A 55 08 14 168 025 38"));
        for structure in ["5550814168025", "6550814168025", "0550814168025"] {
            assert!(!fr_nir(&nir_of(structure)), "sex digit: {structure}");
        }
        for month in ["00", "13", "19", "43", "49"] {
            let n = nir_of(&format!("155{month}14168025"));
            assert!(!fr_nir(&n), "month: {n}");
        }
        for month in ["01", "12", "20", "42", "50", "99"] {
            let n = nir_of(&format!("155{month}14168025"));
            assert!(fr_nir(&n), "month: {n}");
        }
    }

    #[test]
    fn fr_siren_siret_examples() {
        assert!(fr_siren("732 829 320"));
        assert!(fr_siren(&with_luhn(&[4, 4, 3, 0, 6, 1, 8, 4])));
        assert!(fr_siret("732 829 320 00074"));
        assert!(fr_siret(&with_luhn(&[
            5, 5, 2, 1, 0, 0, 5, 5, 4, 0, 0, 0, 1
        ])));
        assert!(!fr_siren("732829321"));
        assert!(!fr_siren("73282932"));
        assert!(!fr_siren("7328293200"));
        assert!(!fr_siren("000000000"));
        assert!(!fr_siren("73282932O"));
        assert!(!fr_siret("73282932000075"));
        assert!(!fr_siret("7328293200007"));
        assert!(!fr_siret("00000000000000"));
        // La Poste: the head office is Luhn valid, the others have a digit
        // sum divisible by 5.
        assert!(fr_siret("356 000 000 00048"));
        assert!(!luhn("35600000049837"));
        assert!(fr_siret("356 000 000 49837"));
        assert!(!fr_siret("35600000049838"));
        // The digit-sum rule is La Poste's alone.
        assert!(!luhn("73282932000071"));
        assert!(!fr_siret("73282932000071"), "digit sum 40, not Luhn");
    }

    #[test]
    fn es_dni_examples() {
        assert!(es_dni("12345678Z"));
        assert!(es_dni("12345678-z"));
        assert!(es_dni("X1234567L"));
        assert!(es_dni("Y0000000Z"));
        assert!(es_dni("Z-1234567-R"));
        assert!(es_dni(&dni_of(4_815_162)));
        assert!(es_dni(&nie_of(1, 9_876_543)));
        assert!(!es_dni("12345678A"), "wrong letter");
        assert!(!es_dni("12345678I"), "not a control letter");
        assert!(!es_dni("1234567Z"), "too short");
        assert!(!es_dni("123456789Z"), "too long");
        assert!(!es_dni("123456789"), "no letter");
        assert!(!es_dni("W1234567L"), "NIE prefix");
        assert!(!es_dni("X123456L"));
        assert!(!es_dni("00000000T"), "placeholder");
    }

    #[test]
    fn it_codice_fiscale_examples() {
        assert!(it_codice_fiscale("RSSMRA85T10A562S"));
        assert!(it_codice_fiscale("rssmra85t10a562s"));
        assert!(it_codice_fiscale("RSS MRA 85T10 A562S"));
        // Omocodia: the last digits of the place replaced by letters.
        let omocodia = cf_of("RSSMRA85T10A5SN");
        assert!(it_codice_fiscale(&omocodia), "{omocodia}");
        let woman = cf_of("BNCLRA90A41H501");
        assert!(it_codice_fiscale(&woman), "{woman}");
        assert!(!it_codice_fiscale("RSSMRA85T10A562T"), "check letter");
        assert!(!it_codice_fiscale("RSSMRA85T10A562"), "too short");
        assert!(!it_codice_fiscale("RSSMRA85T10A562SS"), "too long");
        for body in [
            "RSSMRA85F10A562", // no month F
            "RSSMRA85T32A562", // day 32
            "RSSMRA85T00A562", // day 0
            "RSSMRA85T72A562", // day 72
            "RSSMR185T10A562", // digit among the name letters
            "RSSMRA8AT10A562", // A is no omocodia letter
            "RSSMRA85T101562", // digit for the place letter
        ] {
            let cf = cf_of(body);
            assert!(!it_codice_fiscale(&cf), "{cf}");
        }
        let digit_check = format!("{}7", &cf_of("RSSMRA85T10A562")[..15]);
        assert!(!it_codice_fiscale(&digit_check));
    }

    #[test]
    fn de_steuer_id_examples() {
        assert!(de_steuer_id("36 574 261 809"));
        assert!(de_steuer_id("86095742719"));
        let triple = steuer_of(&[1, 1, 1, 2, 3, 4, 5, 6, 7, 8]);
        assert!(de_steuer_id(&triple), "{triple}");
        let spread = steuer_of(&[9, 1, 2, 9, 3, 4, 9, 5, 6, 7]);
        assert!(de_steuer_id(&spread), "{spread}");
        assert!(!de_steuer_id("36574261890"), "check digit");
        assert!(!de_steuer_id("3657426180"), "too short");
        assert!(!de_steuer_id("365742618090"), "too long");
        for body in [
            [0, 3, 6, 5, 7, 4, 2, 6, 1, 8], // leading zero
            [1, 2, 3, 4, 5, 6, 7, 8, 9, 0], // no digit repeated
            [3, 6, 5, 5, 4, 2, 6, 6, 8, 0], // two digits repeated
            [1, 1, 1, 1, 2, 3, 4, 5, 6, 7], // a digit four times
        ] {
            let id = steuer_of(&body);
            assert!(!de_steuer_id(&id), "{id}");
        }
    }

    #[test]
    fn nl_bsn_examples() {
        assert!(nl_bsn("111222333"));
        assert!(nl_bsn("1234.56.782"));
        let bsn = bsn_of(&[0, 1, 2, 3, 4, 5, 6, 7]).unwrap();
        assert!(nl_bsn(&bsn) && nl_bsn(&bsn[1..]), "{bsn}");
        assert!(!nl_bsn("123456783"));
        assert!(!nl_bsn("000000000"));
        assert!(!nl_bsn("00000000"));
        assert!(!nl_bsn("1234567"), "too short");
        assert!(!nl_bsn("1234567820"), "too long");
        assert!(!nl_bsn("12345678x"));
    }

    #[test]
    fn pt_nif_examples() {
        assert!(pt_nif("123456789"));
        assert!(pt_nif("123 456 789"));
        assert!(pt_nif("999999990"));
        assert!(pt_nif(&pt_nif_of(&[5, 0, 1, 9, 6, 4, 8, 4])));
        assert!(!pt_nif("123456788"));
        assert!(!pt_nif("12345678"), "too short");
        assert!(!pt_nif("1234567890"), "too long");
        for first in [0, 4, 7] {
            let nif = pt_nif_of(&[first, 2, 3, 4, 5, 6, 7, 8]);
            assert!(!pt_nif(&nif), "first digit: {nif}");
        }
        // The blind spot of the check digit 0 (s ≡ 0 and s ≡ 1 mod 11):
        // s = 9 + 2 = 11 and 9 + 14 = 23, both checked by 0.
        assert!(pt_nif("100000010") && pt_nif("100000070"));
    }

    #[test]
    fn separators_and_other_characters() {
        assert!(fr_siren("732\u{a0}829\u{202f}320"), "no-break spaces");
        assert!(fr_siren("\t732.829-320\n"));
        assert!(!fr_siren("732/829/320"));
        assert!(!fr_siren("732_829_320"));
        assert!(!fr_siren("７３２８２９３２０"), "full-width digits");
        assert!(!es_dni("12345678Ż"));
        assert!(
            !iban(&format!("{}0", EXAMPLE_IBANS[32])),
            "over 34 characters"
        );
    }
}
