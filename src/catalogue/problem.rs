//! What can be wrong with a brief, and where: `file:line:column: message`.

use std::fmt;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

/// Something wrong with a brief, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Shared by every problem of the file: a hostile brief may have millions.
    pub file: Arc<str>,
    /// 1-based line and column, where the problem has a place in the file.
    pub at: Option<(usize, usize)>,
    pub message: String,
    pub severity: Severity,
}

/// How much a problem matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The brief cannot be used until it is fixed.
    Error,
    /// The brief loads, with the text shown escaped, but `check` fails: control characters.
    Escaped,
    /// A convention of brief/README.md not followed (the id rule): `check` says so and passes.
    Warning,
}

impl Problem {
    pub fn new(file: &str, at: Option<(usize, usize)>, message: impl Into<String>) -> Problem {
        Problem::in_file(file.into(), at, message)
    }

    fn in_file(file: Arc<str>, at: Option<(usize, usize)>, message: impl Into<String>) -> Problem {
        Problem {
            file,
            at,
            message: message.into(),
            severity: Severity::Error,
        }
    }

    pub fn with(self, severity: Severity) -> Problem {
        Problem { severity, ..self }
    }

    /// Whether the brief cannot be loaded while this problem stands.
    pub fn is_blocking(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some((line, column)) = self.at {
            write!(f, ":{line}:{column}")?;
        }
        if self.severity == Severity::Warning {
            f.write_str(": warning")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// One section file's name (as shown in messages) and text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
}

impl SourceFile {
    /// A file's text with Windows line endings made plain `\n`, so that a file saved on
    /// Windows (or checked out there by git) gives exactly the catalogue its LF copy gives: TOML
    /// keeps a `\r` inside a multi-line string. Lines and columns are unchanged.
    pub fn new(name: impl Into<String>, text: String) -> SourceFile {
        let text = if text.contains("\r\n") {
            text.replace("\r\n", "\n")
        } else {
            text
        };
        SourceFile {
            name: name.into(),
            text,
        }
    }
}

/// A file's text with the means to turn byte offsets into line and column.
pub struct Located<'a> {
    pub file: &'a SourceFile,
    /// The file's name, for its problems.
    name: Arc<str>,
    /// Built once a problem needs a position.
    index: OnceLock<LineIndex>,
}

/// Where each line starts, and how many characters come before every `BLOCK`th byte: a position
/// then costs at most a block's count, however long the line, so that a million problems on one
/// line are placed in linear time.
struct LineIndex {
    line_starts: Vec<usize>,
    chars_before_block: Vec<usize>,
}

const BLOCK: usize = 256;

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let mut chars_before_block = vec![0];
        for block in text.as_bytes().chunks(BLOCK) {
            let before = chars_before_block.last().copied().unwrap_or(0);
            chars_before_block.push(before + chars_in(block));
        }
        LineIndex {
            line_starts,
            chars_before_block,
        }
    }

    /// Characters in `text[..offset]`.
    fn chars_before(&self, bytes: &[u8], offset: usize) -> usize {
        let block = offset / BLOCK;
        let counted = self.chars_before_block.get(block).copied().unwrap_or(0);
        counted + bytes.get(block * BLOCK..offset).map_or(0, chars_in)
    }
}

/// Characters that start in `bytes`: every byte but UTF-8's continuation bytes.
fn chars_in(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

impl<'a> Located<'a> {
    pub fn new(file: &'a SourceFile) -> Self {
        Located {
            file,
            name: file.name.as_str().into(),
            index: OnceLock::new(),
        }
    }

    pub fn position(&self, offset: usize) -> (usize, usize) {
        let text = &self.file.text;
        let index = self.index.get_or_init(|| LineIndex::new(text));
        let offset = offset.min(text.len());
        let line = index.line_starts.partition_point(|&start| start <= offset);
        let start = index
            .line_starts
            .get(line.wrapping_sub(1))
            .copied()
            .unwrap_or(0);
        let bytes = text.as_bytes();
        let column = index.chars_before(bytes, offset) - index.chars_before(bytes, start) + 1;
        (line.max(1), column)
    }

    pub fn problem(&self, span: Range<usize>, message: impl Into<String>) -> Problem {
        let at = Some(self.position(span.start));
        Problem::in_file(Arc::clone(&self.name), at, message)
    }

    pub fn name(&self) -> &str {
        &self.file.name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let file = SourceFile {
            name: "f.toml".into(),
            text: format!("a = 1\n{}x = \"é\"\nz", "é".repeat(300)),
        };
        let here = Located::new(&file);
        assert_eq!(here.position(0), (1, 1));
        assert_eq!(here.position(4), (1, 5));
        assert_eq!(here.position(6), (2, 1));
        // 300 two-byte characters, then `x`.
        assert_eq!(here.position(606), (2, 301));
        assert_eq!(here.position(file.text.len() - 1), (3, 1));
        assert_eq!(here.position(usize::MAX), (3, 2));
    }
}
