//! A small serde serializer to JSON text, for the editor contract
//! ([`crate::editor_contract`]). It writes what `serde_json::to_string` writes for the
//! shapes the contract uses (structs, sequences, strings, integers, booleans, options,
//! unit enum variants) and refuses the rest (floats, maps, data-carrying variants).
//! serde_json itself cost 0.6 KiB gzip more in the playground's wasm (measured with
//! scripts/bench-web.mjs), so it is only the reference the tests below compare with.
//!
//! Pure, so it is tested natively.

use serde::ser::{self, Impossible, Serialize};
use std::fmt::{self, Write};

/// A value the serializer does not write (a float, a map, a variant with data).
#[derive(Debug)]
pub struct Unsupported;

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value the editor contract does not use")
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: fmt::Display>(_: T) -> Unsupported {
        Unsupported
    }
}

/// `value` as compact JSON text.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String, Unsupported> {
    let mut writer = Writer { out: String::new() };
    value.serialize(&mut writer)?;
    Ok(writer.out)
}

struct Writer {
    out: String,
}

impl Writer {
    /// A JSON string, escaped as serde_json escapes: `"`, `\` and the control characters
    /// (the common ones by letter, the others as `\u00xx`).
    fn string(&mut self, s: &str) {
        self.out.push('"');
        let mut start = 0;
        for (i, byte) in s.bytes().enumerate() {
            let escape = match byte {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                0x08 => "\\b",
                0x0c => "\\f",
                0..=0x1f => "",
                _ => continue,
            };
            self.out.push_str(s.get(start..i).unwrap_or_default());
            if escape.is_empty() {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                self.out.push_str("\\u00");
                self.out.push(char::from(HEX[usize::from(byte >> 4)]));
                self.out.push(char::from(HEX[usize::from(byte & 0xf)]));
            } else {
                self.out.push_str(escape);
            }
            start = i + 1;
        }
        self.out.push_str(s.get(start..).unwrap_or_default());
        self.out.push('"');
    }

    fn display(&mut self, value: impl fmt::Display) -> Result<(), Unsupported> {
        write!(self.out, "{value}").map_err(|_| Unsupported)
    }
}

/// An array or object being written.
struct Compound<'a> {
    writer: &'a mut Writer,
    first: bool,
    close: char,
}

impl Compound<'_> {
    fn comma(&mut self) {
        if !self.first {
            self.writer.out.push(',');
        }
        self.first = false;
    }

    fn end(self) -> Result<(), Unsupported> {
        self.writer.out.push(self.close);
        Ok(())
    }
}

impl<'a> ser::Serializer for &'a mut Writer {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeTupleStruct = Impossible<(), Unsupported>;
    type SerializeTupleVariant = Impossible<(), Unsupported>;
    type SerializeMap = Impossible<(), Unsupported>;
    type SerializeStructVariant = Impossible<(), Unsupported>;

    fn serialize_bool(self, v: bool) -> Result<(), Unsupported> {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Unsupported> {
        self.display(v)
    }
    fn serialize_i16(self, v: i16) -> Result<(), Unsupported> {
        self.display(v)
    }
    fn serialize_i32(self, v: i32) -> Result<(), Unsupported> {
        self.display(v)
    }
    fn serialize_i64(self, v: i64) -> Result<(), Unsupported> {
        self.display(v)
    }
    fn serialize_u8(self, v: u8) -> Result<(), Unsupported> {
        self.display(v)
    }
    fn serialize_u16(self, v: u16) -> Result<(), Unsupported> {
        self.display(v)
    }
    fn serialize_u32(self, v: u32) -> Result<(), Unsupported> {
        self.display(v)
    }
    fn serialize_u64(self, v: u64) -> Result<(), Unsupported> {
        self.display(v)
    }
    fn serialize_f32(self, _: f32) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_f64(self, _: f64) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_char(self, v: char) -> Result<(), Unsupported> {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Unsupported> {
        self.string(v);
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_none(self) -> Result<(), Unsupported> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Unsupported> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Unsupported> {
        self.out.push_str("null");
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Unsupported> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Unsupported> {
        self.string(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a>, Unsupported> {
        self.out.push('[');
        Ok(Compound {
            writer: self,
            first: true,
            close: ']',
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a>, Unsupported> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, Unsupported> {
        self.out.push('{');
        Ok(Compound {
            writer: self,
            first: true,
            close: '}',
        })
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Unsupported> {
        Err(Unsupported)
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        self.comma();
        value.serialize(&mut *self.writer)
    }
    fn end(self) -> Result<(), Unsupported> {
        Compound::end(self)
    }
}

impl ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), Unsupported> {
        Compound::end(self)
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        self.comma();
        self.writer.string(key);
        self.writer.out.push(':');
        value.serialize(&mut *self.writer)
    }
    fn end(self) -> Result<(), Unsupported> {
        Compound::end(self)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use serde::Serialize;

    #[derive(Serialize)]
    #[serde(rename_all = "lowercase")]
    enum Kind {
        Plain,
        Odd,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Sample<'a> {
        text: &'a str,
        owned: String,
        letter: char,
        small: u8,
        count: u32,
        big: u64,
        negative: i64,
        yes: bool,
        no: bool,
        none: Option<u32>,
        some: Option<&'a str>,
        kind: Kind,
        list: Vec<Kind>,
        empty: Vec<u32>,
        pair: (u32, &'a str),
        nested: Vec<Option<(bool, Kind)>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        skipped: Option<u32>,
    }

    /// Writes what serde_json writes.
    fn same(value: &impl Serialize) {
        assert_eq!(
            to_string(value).unwrap(),
            serde_json::to_string(value).unwrap()
        );
    }

    #[test]
    fn writes_what_serde_json_writes() {
        let every_byte: String = (0u8..=0x7f).map(char::from).collect();
        for text in [
            "",
            "plain",
            "quote \" backslash \\ slash /",
            "tab\tnew\nline\r\u{8}\u{c}\u{0}\u{1f}\u{7f}",
            "é ü ✓ 🐳 \u{2028}\u{2029}\u{fffd}",
            &every_byte,
        ] {
            same(&text);
            same(&Sample {
                text,
                owned: text.repeat(2),
                letter: text.chars().next().unwrap_or('"'),
                small: 255,
                count: u32::MAX,
                big: u64::MAX,
                negative: i64::MIN,
                yes: true,
                no: false,
                none: None,
                some: Some(text),
                kind: Kind::Plain,
                list: vec![Kind::Odd, Kind::Plain],
                empty: Vec::new(),
                pair: (0, text),
                nested: vec![None, Some((true, Kind::Odd))],
                skipped: None,
            });
        }
        for letter in ['"', '\\', '\n', '\u{1}', 'a', '🐳'] {
            same(&letter);
        }
    }

    #[test]
    fn refuses_what_it_does_not_write() {
        assert!(to_string(&1.5f64).is_err());
        assert!(to_string(&std::collections::BTreeMap::from([("a", 1)])).is_err());
        assert!(to_string(&[1.0f32]).is_err());
    }
}
