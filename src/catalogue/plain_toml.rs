//! A fast reader for the plain TOML that brief files are written in.
//!
//! The `toml` crate turns a file into tokens, then events, then a table of every value, before
//! serde sees any of it: on a 10,000-entry brief that was most of splw's run. Brief files use a
//! small, regular part of TOML: `[table]` and `[[table]]` headers, `key = value` lines, basic
//! strings (one-line and `"""`), integers, booleans, arrays and one-line inline tables. This
//! reader takes that part straight into serde, with the same values and spans as `toml`.
//!
//! It gives up on anything else: another kind of value or key, a syntax error, a value serde
//! refuses. `from_str` then returns `None` and the caller parses the file with `toml`, which
//! stays the authority on what a file means and words every error. That it agrees with `toml`
//! wherever it succeeds is tested (`plain_toml_tests.rs`) over the brief, the fixtures and
//! generated files, and fuzzed (`fuzz/`, target `plain_toml`).

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

use serde::Deserialize;
use serde::de::value::{BorrowedStrDeserializer, MapDeserializer, SeqDeserializer};
use serde::de::{
    self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor,
};
use serde_spanned::de::{SpannedDeserializer, is_spanned};

/// Reads `text` into `T`, or `None` where `toml` should read it instead.
///
/// The reader leaves one check to `T`: a key given twice, in a table, an inline table or as a
/// second table of the same name, reaches `T` twice. serde's derive refuses that, so `T` must be
/// a derived struct, as `RawFile` and its parts are, not a map.
pub fn from_str<'de, T: Deserialize<'de>>(text: &'de str) -> Option<T> {
    let mut reader = Reader { text, at: 0 };
    T::deserialize(Document(&mut reader)).ok()
}

/// Arrays and inline tables nested deeper than this are left to `toml` (and its limit).
const MAX_DEPTH: usize = 8;

/// Why this reader stopped; the caller never sees it, and asks `toml` instead.
#[derive(Debug)]
struct Unsupported;

type Result<T> = std::result::Result<T, Unsupported>;

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not plain TOML")
    }
}

impl std::error::Error for Unsupported {}

impl de::Error for Unsupported {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Unsupported
    }
}

struct Reader<'de> {
    text: &'de str,
    /// A byte offset, always at a character boundary.
    at: usize,
}

/// A `[name]` or `[[name]]` line; its span is the brackets and the name, as `toml` gives it.
struct Header<'de> {
    name: &'de str,
    array: bool,
    span: Range<usize>,
}

/// A value and its span: from its first character to its last, quotes and brackets included.
struct Item<'de> {
    span: Range<usize>,
    value: Value<'de>,
}

enum Value<'de> {
    Str(Cow<'de, str>),
    Int(i64),
    Bool(bool),
    Array(Vec<Item<'de>>),
    Table(Vec<(&'de str, Item<'de>)>),
}

/// TOML refuses control characters other than tab in strings and comments.
const fn is_control(byte: u8) -> bool {
    (byte < 0x20 && byte != b'\t') || byte == 0x7f
}

/// The bytes a basic string's text runs up to: its quote, an escape, a control character (a
/// line break is one, allowed only in `"""` strings).
const STOPS_STRING: [bool; 256] = {
    let mut stops = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        stops[byte] = is_control(byte as u8) || byte == b'"' as usize || byte == b'\\' as usize;
        byte += 1;
    }
    stops
};

impl<'de> Reader<'de> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn eat(&mut self, byte: u8) -> bool {
        let here = self.peek() == Some(byte);
        if here {
            self.at += 1;
        }
        here
    }

    fn expect(&mut self, byte: u8) -> Result<()> {
        if self.eat(byte) {
            Ok(())
        } else {
            Err(Unsupported)
        }
    }

    fn eat_word(&mut self, word: &str) -> bool {
        let here = self.rest().starts_with(word);
        if here {
            self.at += word.len();
        }
        here
    }

    fn rest(&self) -> &'de str {
        self.text.get(self.at..).unwrap_or_default()
    }

    fn slice(&self, range: Range<usize>) -> Result<&'de str> {
        self.text.get(range).ok_or(Unsupported)
    }

    fn skip_spaces(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.at += 1;
        }
    }

    /// Spaces, then a comment if there is one, up to (not past) the end of the line.
    fn skip_comment(&mut self) -> Result<()> {
        self.skip_spaces();
        if self.eat(b'#') {
            let rest = self.rest().as_bytes();
            let length = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
            if rest.iter().take(length).any(|&b| is_control(b)) {
                return Err(Unsupported);
            }
            self.at += length;
        }
        Ok(())
    }

    /// Blank lines and comments, up to the first thing on the next line that has one.
    fn skip_blank(&mut self) -> Result<()> {
        loop {
            self.skip_comment()?;
            if !self.eat(b'\n') {
                return Ok(());
            }
        }
    }

    /// The rest of a line that has said what it had to: spaces, a comment, the line break.
    fn end_line(&mut self) -> Result<()> {
        self.skip_comment()?;
        if self.peek().is_none() || self.eat(b'\n') {
            Ok(())
        } else {
            Err(Unsupported)
        }
    }

    /// A bare key: quoted and dotted keys are left to `toml`.
    fn key(&mut self) -> Result<&'de str> {
        let start = self.at;
        while matches!(
            self.peek(),
            Some(b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'_' | b'-')
        ) {
            self.at += 1;
        }
        if self.at == start {
            return Err(Unsupported);
        }
        self.slice(start..self.at)
    }

    fn header(&mut self) -> Result<Header<'de>> {
        let start = self.at;
        self.expect(b'[')?;
        let array = self.eat(b'[');
        let name = self.key()?;
        self.expect(b']')?;
        if array {
            self.expect(b']')?;
        }
        let span = start..self.at;
        self.end_line()?;
        Ok(Header { name, array, span })
    }

    /// `key = ` at the start of a line, leaving the reader at the value.
    fn key_and_equals(&mut self) -> Result<&'de str> {
        let key = self.key()?;
        self.skip_spaces();
        self.expect(b'=')?;
        self.skip_spaces();
        Ok(key)
    }

    fn value(&mut self, depth: usize) -> Result<Item<'de>> {
        if depth > MAX_DEPTH {
            return Err(Unsupported);
        }
        let start = self.at;
        let value = match self.peek() {
            Some(b'"') => Value::Str(self.string()?),
            Some(b'[') => Value::Array(self.array(depth)?),
            Some(b'{') => Value::Table(self.inline_table(depth)?),
            Some(b'-' | b'0'..=b'9') => Value::Int(self.integer()?),
            _ if self.eat_word("true") => Value::Bool(true),
            _ if self.eat_word("false") => Value::Bool(false),
            _ => return Err(Unsupported),
        };
        // What may follow a value: `1.5` is a float, `2024-04-01` a date, `truex` nothing.
        if !matches!(
            self.peek(),
            None | Some(b' ' | b'\t' | b'\n' | b'#' | b',' | b']' | b'}')
        ) {
            return Err(Unsupported);
        }
        Ok(Item {
            span: start..self.at,
            value,
        })
    }

    /// A decimal integer; `+1`, `1_000`, `0x1F` and `-0` are left to `toml`.
    fn integer(&mut self) -> Result<i64> {
        let start = self.at;
        let negative = self.eat(b'-');
        let digits = self.at;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
        let digits = self.slice(digits..self.at)?;
        if digits.is_empty() || (digits.starts_with('0') && (digits.len() > 1 || negative)) {
            return Err(Unsupported);
        }
        self.slice(start..self.at)?.parse().map_err(|_| Unsupported)
    }

    fn string(&mut self) -> Result<Cow<'de, str>> {
        if self.eat_word("\"\"\"") {
            // A line break straight after the opening quotes is not part of the text.
            self.eat(b'\n');
            self.string_body(true)
        } else {
            self.at += 1;
            self.string_body(false)
        }
    }

    /// A basic string's text, from after its opening quotes to past its closing ones. The text
    /// is borrowed from the file unless it has escapes.
    fn string_body(&mut self, multiline: bool) -> Result<Cow<'de, str>> {
        let mut unescaped: Option<String> = None;
        let mut run = self.at;
        loop {
            // Most of a brief is the text of its strings: skip the plain part in one go.
            let rest = self.rest().as_bytes();
            self.at += rest
                .iter()
                .position(|&b| STOPS_STRING[usize::from(b)])
                .unwrap_or(rest.len());
            let byte = self.peek().ok_or(Unsupported)?;
            match byte {
                b'"' if !multiline || self.rest().starts_with("\"\"\"") => {
                    let last = self.slice(run..self.at)?;
                    self.at += if multiline { 3 } else { 1 };
                    // `""""` ends the text with a quote: `toml` reads that, this does not.
                    if multiline && self.peek() == Some(b'"') {
                        return Err(Unsupported);
                    }
                    return Ok(match unescaped {
                        Some(mut text) => {
                            text.push_str(last);
                            Cow::Owned(text)
                        }
                        None => Cow::Borrowed(last),
                    });
                }
                b'"' => self.at += 1,
                b'\\' => {
                    let text = unescaped.get_or_insert_with(String::new);
                    text.push_str(self.slice(run..self.at)?);
                    self.at += 1;
                    self.escape(text, multiline)?;
                    run = self.at;
                }
                b'\n' if multiline => self.at += 1,
                _ => return Err(Unsupported),
            }
        }
    }

    /// The escape after a backslash. TOML 1.1's `\e` and `\xHH` are left to `toml`.
    fn escape(&mut self, text: &mut String, multiline: bool) -> Result<()> {
        let byte = self.peek().ok_or(Unsupported)?;
        self.at += 1;
        let unescaped = match byte {
            b'"' => '"',
            b'\\' => '\\',
            b'n' => '\n',
            b't' => '\t',
            b'r' => '\r',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'u' => self.unicode(4)?,
            b'U' => self.unicode(8)?,
            b' ' | b'\t' | b'\n' if multiline => {
                // A backslash that ends a line drops the line break and the white space after.
                self.at -= 1;
                self.skip_spaces();
                self.expect(b'\n')?;
                while matches!(self.peek(), Some(b' ' | b'\t' | b'\n')) {
                    self.at += 1;
                }
                return Ok(());
            }
            _ => return Err(Unsupported),
        };
        text.push(unescaped);
        Ok(())
    }

    fn unicode(&mut self, digits: usize) -> Result<char> {
        let hex = self.slice(self.at..self.at + digits)?;
        // from_str_radix would also take a sign.
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(Unsupported);
        }
        self.at += digits;
        let code = u32::from_str_radix(hex, 16).map_err(|_| Unsupported)?;
        char::from_u32(code).ok_or(Unsupported)
    }

    fn array(&mut self, depth: usize) -> Result<Vec<Item<'de>>> {
        self.expect(b'[')?;
        let mut items = Vec::new();
        loop {
            self.skip_blank()?;
            if self.eat(b']') {
                return Ok(items);
            }
            items.push(self.value(depth + 1)?);
            self.skip_blank()?;
            if self.eat(b']') {
                return Ok(items);
            }
            self.expect(b',')?;
        }
    }

    /// A one-line inline table with no trailing comma (TOML 1.1 allows both: left to `toml`).
    fn inline_table(&mut self, depth: usize) -> Result<Vec<(&'de str, Item<'de>)>> {
        self.expect(b'{')?;
        self.skip_spaces();
        let mut pairs = Vec::new();
        if self.eat(b'}') {
            return Ok(pairs);
        }
        loop {
            let key = self.key_and_equals()?;
            pairs.push((key, self.value(depth + 1)?));
            self.skip_spaces();
            if self.eat(b'}') {
                return Ok(pairs);
            }
            self.expect(b',')?;
            self.skip_spaces();
        }
    }
}

/// `value` for a struct named `name`: with its span, where the struct is serde_spanned's
/// `Spanned`, or else as it is.
fn maybe_spanned<'de, D, V>(
    name: &'static str,
    span: Range<usize>,
    value: D,
    visitor: V,
) -> Result<V::Value>
where
    D: Deserializer<'de, Error = Unsupported> + IntoDeserializer<'de, Unsupported>,
    V: Visitor<'de>,
{
    if is_spanned(name) {
        visitor.visit_map(SpannedDeserializer::new(value, span))
    } else {
        value.deserialize_any(visitor)
    }
}

/// The whole file: a map from header names to tables, or to arrays of tables.
struct Document<'r, 'de>(&'r mut Reader<'de>);

impl<'de> Deserializer<'de> for Document<'_, 'de> {
    type Error = Unsupported;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.0.skip_blank()?;
        // Keys before the first header would belong to the file itself: brief files have none.
        if self.0.peek().is_some_and(|b| b != b'[') {
            return Err(Unsupported);
        }
        visitor.visit_map(Tables {
            reader: self.0,
            header: None,
        })
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier
        ignored_any
    }
}

struct Tables<'r, 'de> {
    reader: &'r mut Reader<'de>,
    header: Option<Header<'de>>,
}

impl<'de> MapAccess<'de> for Tables<'_, 'de> {
    type Error = Unsupported;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        // A table's body ends at the next header or at the end of the file.
        if self.reader.peek().is_none() {
            return Ok(None);
        }
        let header = self.reader.header()?;
        let key = seed.deserialize(BorrowedStrDeserializer::new(header.name))?;
        self.header = Some(header);
        Ok(Some(key))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        let header = self.header.take().ok_or(Unsupported)?;
        if header.array {
            seed.deserialize(TableArray {
                reader: self.reader,
                name: header.name,
                first: Some(header.span),
            })
        } else {
            seed.deserialize(Table {
                reader: self.reader,
                span: header.span,
            })
        }
    }
}

/// The `key = value` lines after a `[name]` or `[[name]]` header.
struct Table<'r, 'de> {
    reader: &'r mut Reader<'de>,
    /// The header's.
    span: Range<usize>,
}

impl<'de> Deserializer<'de> for Table<'_, 'de> {
    type Error = Unsupported;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_map(TableBody(self.reader))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_some(self)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        maybe_spanned(name, self.span, TableBody(self.reader), visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
    }
}

struct TableBody<'r, 'de>(&'r mut Reader<'de>);

impl<'de> Deserializer<'de> for TableBody<'_, 'de> {
    type Error = Unsupported;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_map(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier
        ignored_any
    }
}

impl<'r, 'de> IntoDeserializer<'de, Unsupported> for TableBody<'r, 'de> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

impl<'de> MapAccess<'de> for TableBody<'_, 'de> {
    type Error = Unsupported;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        self.0.skip_blank()?;
        if matches!(self.0.peek(), None | Some(b'[')) {
            return Ok(None);
        }
        let key = self.0.key_and_equals()?;
        seed.deserialize(BorrowedStrDeserializer::new(key))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        let item = self.0.value(0)?;
        self.0.end_line()?;
        seed.deserialize(item)
    }
}

/// The tables of one `[[name]]` array, in a row: a table under another header ends it.
struct TableArray<'r, 'de> {
    reader: &'r mut Reader<'de>,
    name: &'de str,
    /// The first table's header, already read.
    first: Option<Range<usize>>,
}

impl<'de> Deserializer<'de> for TableArray<'_, 'de> {
    type Error = Unsupported;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_seq(self)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_some(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier
        ignored_any
    }
}

impl<'de> SeqAccess<'de> for TableArray<'_, 'de> {
    type Error = Unsupported;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        let span = match self.first.take() {
            Some(span) => span,
            None => {
                let before = self.reader.at;
                if self.reader.peek().is_none() {
                    return Ok(None);
                }
                let header = self.reader.header()?;
                if !header.array || header.name != self.name {
                    // Another table's header: the top level reads it again.
                    self.reader.at = before;
                    return Ok(None);
                }
                header.span
            }
        };
        seed.deserialize(Table {
            reader: self.reader,
            span,
        })
        .map(Some)
    }
}

impl<'de> Deserializer<'de> for Item<'de> {
    type Error = Unsupported;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.value {
            Value::Str(Cow::Borrowed(text)) => visitor.visit_borrowed_str(text),
            Value::Str(Cow::Owned(text)) => visitor.visit_string(text),
            Value::Int(number) => visitor.visit_i64(number),
            Value::Bool(value) => visitor.visit_bool(value),
            Value::Array(items) => visitor.visit_seq(SeqDeserializer::new(items.into_iter())),
            Value::Table(pairs) => visitor.visit_map(MapDeserializer::new(pairs.into_iter())),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_some(self)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        let span = self.span.clone();
        maybe_spanned(name, span, self, visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
    }
}

impl<'de> IntoDeserializer<'de, Unsupported> for Item<'de> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

/// What the reader makes of `text` (its raw shape, written out), if it takes it; an error if `toml`
/// reads the text otherwise. For the tests, and the `plain_toml` fuzz target.
#[cfg(any(test, fuzzing))]
pub fn read_alike(text: &str) -> std::result::Result<Option<String>, String> {
    use super::load::RawFile;
    let Some(plain) = from_str::<RawFile>(text) else {
        return Ok(None);
    };
    match toml::from_str::<RawFile>(text) {
        Ok(reference) if format!("{reference:?}") == format!("{plain:?}") => {
            Ok(Some(format!("{plain:?}")))
        }
        Ok(reference) => Err(format!("read as\n{plain:?}\nbut toml reads\n{reference:?}")),
        Err(error) => Err(format!("read, but toml refuses it: {error}")),
    }
}

#[cfg(test)]
#[path = "plain_toml_tests.rs"]
mod tests;
