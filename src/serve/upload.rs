//! Uploads: each file of a form is streamed into the workspace's incoming folder under
//! a name the server makes up; the clerk's file name is kept for display only (its last
//! part, control characters removed), and its extension is taken only from a short
//! list. Whatever a failed request received is removed when its form is dropped.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use axum::extract::Multipart;
use axum::extract::multipart::MultipartError;
use axum::http::StatusCode;
use tokio::io::AsyncWriteExt;

use crate::i18n::{Message, msg};

/// The extensions an uploaded table may have (the readers tell the format by content).
const KINDS: [&str; 9] = [
    "xlsx", "xlsm", "xls", "xlsb", "ods", "csv", "txt", "tsv", "parquet",
];

/// The extensions of files dropped on the verify page: tables, manifests, reports.
const DROPPED_KINDS: [&str; 11] = [
    "xlsx", "xlsm", "xls", "xlsb", "ods", "csv", "txt", "tsv", "parquet", "json", "html",
];

/// Where the next upload's name comes from.
static NEXT: AtomicU64 = AtomicU64::new(1);

/// One uploaded file, in the incoming folder.
#[derive(Debug)]
pub struct Upload {
    /// The form field it came in.
    pub field: String,
    /// The clerk's file name, for display only.
    pub shown: String,
    /// Its extension, from the short list.
    pub ext: String,
    /// Where it is now (under a server-chosen name).
    pub path: PathBuf,
}

/// A received form: its files and text fields. Files still in the incoming folder
/// when the form is dropped are removed.
#[derive(Debug, Default)]
pub struct Form {
    pub files: Vec<Upload>,
    pub fields: BTreeMap<String, String>,
}

impl Drop for Form {
    fn drop(&mut self) {
        for f in &self.files {
            let _ = std::fs::remove_file(&f.path);
        }
    }
}

impl Form {
    /// The text of field `name`, trimmed ("" when absent).
    pub fn text(&self, name: &str) -> String {
        self.fields
            .get(name)
            .map(|s| s.trim().to_string())
            .unwrap_or_default()
    }

    /// The files of field `name`, in the order sent.
    pub fn files_of(&self, name: &str) -> Vec<&Upload> {
        self.files.iter().filter(|f| f.field == name).collect()
    }
}

/// A refused upload: the HTTP status and the message for the clerk.
#[derive(Debug)]
pub struct Refused {
    pub status: StatusCode,
    pub message: Message,
}

/// Receives every field of `mp`; files go to `incoming`.
pub async fn receive(
    incoming: &Path,
    mut mp: Multipart,
    limit_mib: usize,
) -> Result<Form, Refused> {
    let too_large = |e| too_large(e, limit_mib);
    let mut form = Form::default();
    while let Some(mut field) = mp.next_field().await.map_err(too_large)? {
        let name = field.name().unwrap_or_default().to_string();
        let Some(original) = field.file_name().map(str::to_string) else {
            let text = field.text().await.map_err(too_large)?;
            form.fields.insert(name, text.chars().take(1000).collect());
            continue;
        };
        let shown = shown_name(&original);
        if shown.is_empty() {
            continue; // a file input left empty
        }
        let kinds: &[&str] = if name == "dropped" {
            &DROPPED_KINDS
        } else {
            &KINDS
        };
        let ext = kind(&shown, kinds).ok_or_else(|| Refused {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            message: msg!("serve-upload-kind", name = shown, kinds = kinds.join(", ")),
        })?;
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let path = incoming.join(format!("upload-{}-{n}.{ext}", std::process::id()));
        let mut file = tokio::fs::File::create(&path).await.map_err(internal)?;
        form.files.push(Upload {
            field: name,
            shown,
            ext,
            path,
        });
        while let Some(chunk) = field.chunk().await.map_err(too_large)? {
            file.write_all(&chunk).await.map_err(internal)?;
        }
        file.flush().await.map_err(internal)?;
    }
    Ok(form)
}

/// The last part of a file name as sent (after any `/` or `\`), without control
/// characters, at most 120 characters: shown to the clerk, never used as a path.
pub fn shown_name(original: &str) -> String {
    let last = original.rsplit(['/', '\\']).next().unwrap_or("");
    let clean: String = last.chars().filter(|c| !c.is_control()).take(120).collect();
    if clean.trim_matches('.').is_empty() {
        String::new()
    } else {
        clean
    }
}

/// The extension of `name` if it is one of `kinds` (lower case).
fn kind(name: &str, kinds: &[&str]) -> Option<String> {
    let (_, ext) = name.rsplit_once('.')?;
    let ext = ext.to_ascii_lowercase();
    kinds.contains(&ext.as_str()).then_some(ext)
}

/// A body over the limit (or a broken form).
fn too_large(e: MultipartError, limit_mib: usize) -> Refused {
    let status = e.status();
    let message = if status == StatusCode::PAYLOAD_TOO_LARGE {
        let larger = (limit_mib.max(1) * 4).next_power_of_two();
        msg!("serve-upload-too-large", limit = limit_mib, larger)
    } else {
        msg!("serve-upload-broken", reason => msg!("polish-upload-cut"))
    };
    Refused { status, message }
}

fn internal(e: std::io::Error) -> Refused {
    Refused {
        status: StatusCode::INTERNAL_SERVER_ERROR,
        message: msg!(
            "serve-upload-broken",
            reason => crate::i18n::io_reason(&e)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sent_name_is_only_shown_and_never_a_path() {
        assert_eq!(shown_name("../../x"), "x");
        assert_eq!(shown_name("C:\\Users\\a\\数量表.xlsx"), "数量表.xlsx");
        assert_eq!(shown_name("/etc/passwd"), "passwd");
        assert_eq!(shown_name(".."), "");
        assert_eq!(shown_name("a\u{0}b.csv"), "ab.csv");
        assert_eq!(kind("x", &KINDS), None);
        assert_eq!(kind("名册.CSV", &KINDS), Some("csv".into()));
        assert_eq!(kind("x.exe", &DROPPED_KINDS), None);
        assert_eq!(kind("x.manifest.json", &KINDS), None);
        assert_eq!(kind("x.manifest.json", &DROPPED_KINDS), Some("json".into()));
    }
}
