//! Turning the bytes of a CSV file into text: UTF-8, UTF-8 with a byte-order mark, or
//! GBK/GB18030 as Excel on Chinese Windows saves it, detected without asking the user.

use std::borrow::Cow;

/// The encoding a CSV file was found to be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Gb18030,
}

impl TextEncoding {
    /// The name shown to users and recorded in manifests.
    pub fn name(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf8Bom => "UTF-8 with BOM",
            TextEncoding::Utf16Le => "UTF-16LE",
            TextEncoding::Utf16Be => "UTF-16BE",
            TextEncoding::Gb18030 => "GB18030",
        }
    }
}

/// Decodes `bytes`: a BOM decides; otherwise valid UTF-8 is UTF-8, and anything else is
/// read as GB18030 (a superset of GBK and GB2312). `None` when the bytes are not text
/// in any of these (a binary file).
pub fn decode(bytes: &[u8]) -> Option<(Cow<'_, str>, TextEncoding)> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest)
            .ok()
            .map(|s| (Cow::Borrowed(s), TextEncoding::Utf8Bom));
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (encoding, kind) = if bytes[0] == 0xFF {
            (encoding_rs::UTF_16LE, TextEncoding::Utf16Le)
        } else {
            (encoding_rs::UTF_16BE, TextEncoding::Utf16Be)
        };
        let (text, had_errors) = encoding.decode_with_bom_removal(bytes);
        return (!had_errors).then_some((text, kind));
    }
    if bytes.contains(&0) {
        return None;
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Some((Cow::Borrowed(s), TextEncoding::Utf8));
    }
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    (!had_errors).then_some((text, TextEncoding::Gb18030))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_the_three_excel_encodings() {
        let text = "乡镇,农村低保\n城关镇,120\n";
        let (s, e) = decode(text.as_bytes()).unwrap();
        assert_eq!((s.as_ref(), e), (text, TextEncoding::Utf8));

        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(text.as_bytes());
        let (s, e) = decode(&bom).unwrap();
        assert_eq!((s.as_ref(), e), (text, TextEncoding::Utf8Bom));

        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        assert!(std::str::from_utf8(&gbk).is_err());
        let (s, e) = decode(&gbk).unwrap();
        assert_eq!((s.as_ref(), e), (text, TextEncoding::Gb18030));
    }

    #[test]
    fn binary_is_not_text() {
        assert!(decode(b"PK\x03\x04\x00\x00binary").is_none());
    }
}
