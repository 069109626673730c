//! A unit of input: a label (path) and its bytes, from a file, a git blob or
//! anywhere else. Checks only ever see a `Source`.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::ops::Range;
use std::path::Path;

use crate::finding::Position;

/// Bytes to scan plus a lazily built line index. Built per file; the index is
/// only computed when a check reports something, so clean files cost nothing.
pub struct Source<'a> {
    /// Path relative to the scan root, `/`-separated (or any label, for blobs).
    pub path: &'a str,
    pub bytes: &'a [u8],
    /// Where the bytes are on disk, when they come from a file: checks
    /// that follow references to other files (OpenAPI `$ref`) start there.
    pub file: Option<&'a Path>,
    /// The scan root: files outside it are never read by a check.
    pub root: Option<&'a Path>,
    /// The user named this file: checks that choose files by name read it
    /// whatever its name.
    pub named: bool,
    line_starts: OnceCell<Vec<usize>>,
    /// Characters before each block of [`CHAR_BLOCK`] bytes: columns on a
    /// very long line (a minified 47 MB JSON file is one line) cost a block,
    /// not the whole line.
    char_blocks: OnceCell<Vec<usize>>,
}

const CHAR_BLOCK: usize = 1 << 10;

impl<'a> Source<'a> {
    pub fn new(path: &'a str, bytes: &'a [u8]) -> Self {
        Source {
            path,
            bytes,
            file: None,
            root: None,
            named: false,
            line_starts: OnceCell::new(),
            char_blocks: OnceCell::new(),
        }
    }

    /// Marks the source as the file `file` inside the scan root `root`.
    pub fn on_disk(mut self, file: &'a Path, root: &'a Path) -> Self {
        self.file = Some(file);
        self.root = Some(root);
        self
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            let mut starts = Vec::with_capacity(self.bytes.len() / 40 + 1);
            starts.push(0);
            starts.extend(memchr::memchr_iter(b'\n', self.bytes).map(|i| i + 1));
            starts
        })
    }

    /// 1-based line number containing byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        let starts = self.line_starts();
        match starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }

    /// Byte range of 1-based `line`, without its line terminator.
    pub fn line_range(&self, line: usize) -> Range<usize> {
        let starts = self.line_starts();
        let Some(&start) = starts.get(line.wrapping_sub(1)) else {
            return self.bytes.len()..self.bytes.len();
        };
        let mut end = starts
            .get(line)
            .map(|&next| next - 1)
            .unwrap_or(self.bytes.len());
        if end > start && self.bytes[end - 1] == b'\r' {
            end -= 1;
        }
        start..end
    }

    /// Text of 1-based `line` (invalid UTF-8 replaced).
    pub fn line_text(&self, line: usize) -> Cow<'a, str> {
        String::from_utf8_lossy(&self.bytes[self.line_range(line)])
    }

    /// Line and column (in code points, 1-based) of a byte offset.
    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.bytes.len());
        let line = self.line_of(offset);
        let start = self.line_starts()[line - 1];
        let column = 1 + if offset - start > 4 * CHAR_BLOCK {
            self.chars_before(offset) - self.chars_before(start)
        } else {
            char_count(&self.bytes[start..offset])
        };
        Position { line, column }
    }

    /// Characters (as [`char_count`] counts them) before byte `offset`.
    fn chars_before(&self, offset: usize) -> usize {
        let blocks = self.char_blocks.get_or_init(|| {
            let mut total = 0;
            let mut blocks = vec![0];
            for chunk in self.bytes.chunks(CHAR_BLOCK) {
                total += char_count(chunk);
                blocks.push(total);
            }
            blocks
        });
        let k = offset / CHAR_BLOCK;
        blocks[k] + char_count(&self.bytes[k * CHAR_BLOCK..offset])
    }
}

/// Number of characters in possibly invalid UTF-8, counting each invalid byte
/// as one character (as `from_utf8_lossy` renders it, one U+FFFD per bad sequence
/// or byte; close enough for columns).
pub fn char_count(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_and_lines() {
        let src = Source::new("x", "ab\r\ncdé f\n\nlast".as_bytes());
        assert_eq!(src.position(0), Position { line: 1, column: 1 });
        assert_eq!(src.position(4), Position { line: 2, column: 1 });
        // 'f' is after "cdé " : byte offset 4 + 5 = 9, column 5
        assert_eq!(src.position(9), Position { line: 2, column: 5 });
        assert_eq!(src.line_text(1), "ab");
        assert_eq!(src.line_text(2), "cdé f");
        assert_eq!(src.line_text(3), "");
        assert_eq!(src.line_text(4), "last");
        assert_eq!(src.line_text(9), "");
        assert_eq!(src.line_of(src.bytes.len()), 4);
    }

    #[test]
    fn columns_on_a_huge_line_use_blocks() {
        let text = "é".repeat(100_000) + "x";
        let src = Source::new("x", text.as_bytes());
        assert_eq!(
            src.position(200_000),
            Position {
                line: 1,
                column: 100_001
            }
        );
        assert_eq!(
            src.position(100_000),
            Position {
                line: 1,
                column: 50_001
            }
        );
    }
}
