//! Errors of others told from the catalogue: why the operating system refused a file,
//! why the TOML reader refused a configuration or a scheme, and why the readers of
//! CSV, workbooks, Parquet and JSON refused a file, recognised by their kind so that
//! no English sentence of a library reaches a Chinese reader.

use super::{Message, msg};

/// A text of ours carried inside an `std::io::Error` (a refusal found before the
/// operating system was asked): [`io_reason`] tells it as it is.
#[derive(Debug)]
pub struct Told(pub Message);

impl std::fmt::Display for Told {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.render())
    }
}

impl std::error::Error for Told {}

/// Why a file could not be read or written, by the kind of error the operating system
/// gave; one it does not name is told by its error code.
pub fn io_reason(e: &std::io::Error) -> Message {
    use std::io::ErrorKind as K;
    if let Some(told) = e.get_ref().and_then(|r| r.downcast_ref::<Told>()) {
        return told.0.clone();
    }
    let kind = match e.kind() {
        K::NotFound => return msg!("io-not-found"),
        K::PermissionDenied => return msg!("io-permission-denied"),
        K::StorageFull | K::QuotaExceeded => return msg!("io-storage-full"),
        K::AlreadyExists => "exists",
        K::IsADirectory => "folder",
        K::NotADirectory => "not-folder",
        K::DirectoryNotEmpty => "not-empty",
        K::ReadOnlyFilesystem => "read-only",
        K::FileTooLarge => "too-large",
        K::ResourceBusy | K::ExecutableFileBusy | K::WouldBlock => "busy",
        K::InvalidFilename => "bad-name",
        K::InvalidData => "bad-data",
        K::UnexpectedEof => "incomplete",
        K::Interrupted | K::TimedOut => "interrupted",
        K::OutOfMemory => "memory",
        K::AddrInUse | K::AddrNotAvailable => "address",
        K::NetworkUnreachable
        | K::NetworkDown
        | K::HostUnreachable
        | K::StaleNetworkFileHandle
        | K::ConnectionRefused
        | K::ConnectionReset
        | K::ConnectionAborted
        | K::NotConnected => "network",
        _ => {
            let code = e
                .raw_os_error()
                .map_or_else(|| "—".to_string(), |c| c.to_string());
            return msg!("clerk-io-other", code);
        }
    };
    msg!("clerk-io", kind)
}

/// Why the TOML reader refused a file, from its reason (the English words of the
/// `toml` crate and of serde): a value of the wrong kind, an unknown or missing key, a
/// key given twice, an unclosed quote or bracket, text without quotes; any other
/// mistake of writing as one message. A reason not in English is ours already.
pub fn toml_reason(reason: &str) -> Message {
    let reason = reason.trim();
    if !reason.is_ascii() {
        return Message::Plain(reason.to_string());
    }
    serde_data_reason(reason).unwrap_or_else(|| syntax_reason(reason))
}

/// Why serde refused a value, from its reason (its English words, shared by the TOML
/// and JSON readers): a value of the wrong kind, an unknown or missing key; any other
/// reason told with what to do first and serde's words last. A reason not in English
/// is ours already.
pub fn serde_reason(reason: &str) -> Message {
    let reason = reason.trim();
    if !reason.is_ascii() {
        return Message::Plain(reason.to_string());
    }
    serde_data_reason(reason).unwrap_or_else(|| msg!("polish-serde-other", raw = reason))
}

/// A value of the wrong kind, an unknown key or value, a missing key; `None` for
/// any other reason.
fn serde_data_reason(reason: &str) -> Option<Message> {
    let expected = |rest: &str| {
        rest.rsplit_once(", expected ")
            .map(|(f, e)| (f.to_string(), e.to_string()))
    };
    if let Some(rest) = reason.strip_prefix("invalid type: ")
        && let Some((found, wanted)) = expected(rest)
    {
        return Some(wrong_kind(false, &found, &wanted));
    }
    if let Some(rest) = reason.strip_prefix("invalid value: ")
        && let Some((found, wanted)) = expected(rest)
    {
        return Some(wrong_kind(true, &found, &wanted));
    }
    if let Some(rest) = reason.strip_prefix("unknown field ") {
        let (key, known) = rest.split_once(", ").unwrap_or((rest, ""));
        return Some(msg!(
            "clerk-toml-unknown-key",
            key = ticked(key),
            known = names(known)
        ));
    }
    if let Some(rest) = reason.strip_prefix("unknown variant ") {
        let (value, known) = rest.split_once(", ").unwrap_or((rest, ""));
        return Some(msg!(
            "clerk-toml-unknown-value",
            value = ticked(value),
            known = names(known)
        ));
    }
    if let Some(rest) = reason.strip_prefix("missing field ") {
        return Some(msg!("clerk-toml-missing-key", key = ticked(rest)));
    }
    None
}

/// A mistake of writing: a key given twice, an unclosed quote or bracket, text
/// without quotes, or another.
fn syntax_reason(reason: &str) -> Message {
    if reason.starts_with("duplicate key") || reason.starts_with("duplicate field") {
        return msg!("clerk-toml-duplicate");
    }
    let wanted = reason.rsplit_once(", expected ").map(|(_, e)| e.trim());
    if let Some(mark) = wanted.filter(|e| ["`\"`", "`'`", "`]`", "`]]`", "`}`"].contains(e)) {
        return msg!("clerk-toml-unclosed", mark = mark.trim_matches('`'));
    }
    let unquoted = [
        "invalid boolean",
        "invalid string",
        "string values must be quoted",
    ];
    if unquoted.iter().any(|u| reason.starts_with(u)) {
        return msg!("clerk-toml-unquoted");
    }
    msg!("clerk-toml-syntax")
}

/// A value of the wrong kind (`integer `5``, wanted `a string`), or (`not_allowed`)
/// of the right kind but out of range (`integer `-3``, wanted `u64`).
fn wrong_kind(not_allowed: bool, found: &str, wanted: &str) -> Message {
    let value = found
        .split_once(' ')
        .map(|(_, v)| ticked(v.trim()))
        .unwrap_or_default();
    let kind_found = msg!("clerk-toml-kind", kind = kind_of(found));
    let kind_wanted = msg!("clerk-toml-kind", kind = kind_of(wanted));
    let value = if value.is_empty() {
        msg!("clerk-toml-this-value")
    } else {
        msg!("clerk-toml-named-value", value)
    };
    if not_allowed {
        msg!("clerk-toml-value", value => value, expected => kind_wanted)
    } else {
        msg!("clerk-toml-type", value => value, found => kind_found, expected => kind_wanted)
    }
}

/// The kind of a value as serde names it (`integer `5``, `a string`, `u64`, `struct
/// LevelConfig`), as a selector of `clerk-toml-kind`.
fn kind_of(serde_name: &str) -> &'static str {
    let s = serde_name
        .trim()
        .trim_start_matches("a ")
        .trim_start_matches("an ");
    let first = s.split([' ', '`']).next().unwrap_or("");
    match first {
        "integer" | "i8" | "i16" | "i32" | "i64" | "i128" | "isize" => "integer",
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => "whole",
        "floating" | "float" | "f32" | "f64" => "number",
        "string" | "str" | "char" | "character" => "text",
        "boolean" | "bool" => "boolean",
        "sequence" | "seq" | "array" | "list" | "tuple" => "list",
        "map" | "struct" | "table" => "table",
        "datetime" | "date" | "time" => "date",
        _ => "other",
    }
}

/// A name serde put in backticks or quotes, without them.
fn ticked(s: &str) -> String {
    s.trim().trim_matches(['`', '"', '\'']).to_string()
}

/// The names a reason lists (`expected one of `a`, `b``, `expected `a` or `b``), as
/// `a, b`.
fn names(list: &str) -> String {
    let mut out = Vec::new();
    let mut rest = list;
    while let Some(start) = rest.find('`') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('`') else { break };
        out.push(&after[..end]);
        rest = &after[end + 1..];
    }
    if out.is_empty() {
        return "—".to_string();
    }
    out.join(", ")
}

/// Why the CSV reader refused a record: bytes that are not UTF-8, rows of unequal
/// length, or the operating system's reason; any other told with what to do first and
/// the reader's words last.
pub fn csv_reason(e: &csv::Error) -> Message {
    match e.kind() {
        csv::ErrorKind::Io(io) => io_reason(io),
        csv::ErrorKind::Utf8 { .. } => msg!("polish-csv-utf8"),
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => msg!("polish-csv-unequal", expected = expected_len, found = len),
        _ => msg!("polish-csv-other", raw = e),
    }
}

/// Why a workbook could not be opened or one of its sheets read (the words of
/// calamine): not a workbook at all, a password, a broken container, a missing part,
/// or damaged content.
pub fn workbook_reason(e: &calamine::Error) -> Message {
    use calamine::{Error as E, OdsError as O, XlsError as S, XlsxError as X};
    let kind = match e {
        E::Io(io) | E::Xlsx(X::Io(io)) | E::Xls(S::Io(io)) | E::Ods(O::Io(io)) => {
            return io_reason(io);
        }
        E::Msg(_) => "not-workbook",
        E::Xlsx(X::Password) | E::Xls(S::Password) | E::Ods(O::Password) => "password",
        E::Xlsx(X::Zip(_)) | E::Ods(O::Zip(_)) | E::Xls(S::Cfb(_)) => "container",
        E::Xlsx(X::FileNotFound(_) | X::RelationshipNotFound) | E::Ods(O::FileNotFound(_)) => {
            "missing-part"
        }
        _ => "damaged",
    };
    msg!("polish-book", kind)
}

/// Why a Parquet file could not be read (the words of polars): damaged or cut short,
/// written with a feature this reader lacks, a column no cell can hold, or the
/// operating system's reason; any other told with what to do first.
pub fn parquet_reason(e: &polars::error::PolarsError) -> Message {
    if let polars::error::PolarsError::IO { error, .. } = e {
        return io_reason(error);
    }
    let text = e.to_string().to_ascii_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| text.contains(w));
    let kind = if has(&[
        "out of spec",
        "out-of-spec",
        "footer",
        "magic",
        "eof",
        "thrift",
    ]) {
        "damaged"
    } else if has(&[
        "not yet implemented",
        "not implemented",
        "unsupported",
        "feature",
    ]) {
        "unsupported"
    } else if has(&["cast", "dtype", "data type"]) {
        "column"
    } else {
        return msg!("polish-parquet-other", raw = e);
    };
    msg!("polish-parquet", kind)
}

/// Why a JSON file (a manifest) could not be read (the words of serde_json): cut
/// short, a mistake of writing at a line and column, a field missing, or a value of
/// the wrong kind.
pub fn json_reason(e: &serde_json::Error) -> Message {
    use serde_json::error::Category;
    let (line, column) = (e.line(), e.column());
    match e.classify() {
        Category::Io => msg!("polish-json-cut"),
        Category::Eof => msg!("polish-json-cut"),
        Category::Syntax => msg!("polish-json-syntax", line, column),
        Category::Data => {
            let text = e.to_string();
            let reason = text
                .rsplit_once(" at line ")
                .map_or(text.as_str(), |(r, _)| r);
            if !reason.is_ascii() {
                return Message::Plain(reason.to_string());
            }
            match serde_data_reason(reason) {
                Some(reason) => msg!("polish-json-data", reason => reason, line),
                None => msg!("polish-json-value", line, column),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn zh(m: &Message) -> String {
        m.render_in(Lang::Zh)
    }

    #[test]
    fn serde_reasons_are_told_in_either_language() {
        let m = toml_reason("invalid type: integer `5`, expected a string");
        assert_eq!(
            m.render_in(Lang::En),
            "the value 5 is a whole number, but text in double quotes is needed here"
        );
        assert!(
            zh(&m).contains("5") && !zh(&m).contains("expected"),
            "{}",
            zh(&m)
        );
        let m = toml_reason("unknown field `countz`, expected one of `title`, `counts`");
        assert!(
            zh(&m).contains("countz") && zh(&m).contains("title, counts"),
            "{}",
            zh(&m)
        );
        let m = toml_reason("unknown variant `fr`, expected `en` or `zh`");
        assert!(
            zh(&m).contains("fr") && zh(&m).contains("en, zh"),
            "{}",
            zh(&m)
        );
        let m = toml_reason("missing field `counts`");
        assert!(zh(&m).contains("counts"), "{}", zh(&m));
        let m = toml_reason("invalid value: integer `-3`, expected u64");
        assert!(zh(&m).contains("-3"), "{}", zh(&m));
        let m = toml_reason("invalid type: sequence, expected f64");
        assert!(!zh(&m).contains("sequence"), "{}", zh(&m));
    }

    #[test]
    fn writing_mistakes_are_told_by_kind() {
        let key = |r: &str| match toml_reason(r) {
            Message::Keyed { key, .. } => key,
            Message::Plain(p) => panic!("plain: {p}"),
        };
        assert_eq!(key("duplicate key"), "clerk-toml-duplicate");
        assert_eq!(
            key("invalid basic string, expected `\"`"),
            "clerk-toml-unclosed"
        );
        assert_eq!(key("unclosed table, expected `]`"), "clerk-toml-unclosed");
        assert_eq!(
            key("invalid boolean, expected `true`"),
            "clerk-toml-unquoted"
        );
        assert_eq!(key("invalid float, expected nothing"), "clerk-toml-syntax");
        assert_eq!(toml_reason("键 x 不对"), Message::Plain("键 x 不对".into()));
    }

    #[test]
    fn operating_system_errors_are_told_by_kind() {
        use std::io::{Error, ErrorKind};
        for kind in [
            ErrorKind::IsADirectory,
            ErrorKind::AlreadyExists,
            ErrorKind::ReadOnlyFilesystem,
            ErrorKind::InvalidData,
        ] {
            let text = zh(&io_reason(&Error::from(kind)));
            assert!(!text.is_ascii(), "{kind:?}: {text}");
        }
        let other = io_reason(&Error::from_raw_os_error(1234));
        assert!(zh(&other).contains("1234"), "{}", zh(&other));
        let told = Error::other(Told(msg!("io-not-found")));
        assert_eq!(io_reason(&told), msg!("io-not-found"));
    }

    #[test]
    fn reader_reasons_are_told_in_chinese() {
        let bad_utf8 = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(&b"a,b\n\xff,c\n"[..])
            .records()
            .find_map(|r| r.err())
            .unwrap();
        assert_eq!(csv_reason(&bad_utf8), msg!("polish-csv-utf8"));
        let unequal = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(&b"a,b\nc\n"[..])
            .records()
            .find_map(|r| r.err())
            .unwrap();
        let text = zh(&csv_reason(&unequal));
        assert!(text.contains('1') && text.contains('2'), "{text}");
        let json =
            |s: &str| json_reason(&serde_json::from_str::<serde_json::Value>(s).unwrap_err());
        assert_eq!(json("{\"a\":"), msg!("polish-json-cut"));
        assert!(zh(&json("{\n\"a\" 1}")).contains("第 2 行"));
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Named {
            name: String,
        }
        let missing = serde_json::from_str::<Named>("{}").unwrap_err();
        assert!(zh(&json_reason(&missing)).contains("缺少键 name"));
        let wrong = serde_json::from_str::<Named>("{\"name\": 5}").unwrap_err();
        assert_eq!(key_of(&json_reason(&wrong)), "polish-json-data");
        assert_eq!(
            key_of(&serde_reason("a reason of another kind")),
            "polish-serde-other"
        );
        let not_book = calamine::Error::Msg("Cannot detect file format");
        assert!(zh(&workbook_reason(&not_book)).contains("不是 Excel 或 WPS 的工作簿"));
        let locked = calamine::Error::Xlsx(calamine::XlsxError::Password);
        assert!(zh(&workbook_reason(&locked)).contains("密码"));
    }

    fn key_of(m: &Message) -> &'static str {
        match m {
            Message::Keyed { key, .. } => key,
            Message::Plain(p) => panic!("plain: {p}"),
        }
    }
}
