//! Opening inputs: only regular files are read, so a path naming a device, a FIFO or a
//! folder is refused before any byte is read (a `/dev/zero` would never end).

use std::fs::File;
use std::path::Path;

use crate::error::{Error, Result};

/// Refuses `path` unless it names a regular file (symlinks are followed to their target).
pub fn ensure_regular(path: &Path) -> Result<()> {
    let meta = std::fs::metadata(path).map_err(|e| Error::read(path, e))?;
    if meta.is_file() {
        return Ok(());
    }
    let reason = if meta.is_dir() {
        std::io::Error::from(std::io::ErrorKind::IsADirectory)
    } else {
        let told = crate::i18n::Told(crate::i18n::msg!("clerk-io-not-regular"));
        std::io::Error::new(std::io::ErrorKind::InvalidInput, told)
    };
    Err(Error::read(path, reason))
}

/// Opens a regular file for reading.
pub fn open_regular(path: &Path) -> Result<File> {
    ensure_regular(path)?;
    File::open(path).map_err(|e| Error::read(path, e))
}

/// Reads a whole regular file.
pub fn read_regular(path: &Path) -> Result<Vec<u8>> {
    ensure_regular(path)?;
    std::fs::read(path).map_err(|e| Error::read(path, e))
}

/// Reads a whole regular file as UTF-8 text.
pub fn read_regular_text(path: &Path) -> Result<String> {
    ensure_regular(path)?;
    std::fs::read_to_string(path).map_err(|e| Error::read(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_and_folders_are_refused() {
        assert!(read_regular(Path::new("/dev/zero")).is_err());
        assert!(read_regular(Path::new("/")).is_err());
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.csv");
        std::fs::write(&p, "x").unwrap();
        assert_eq!(read_regular(&p).unwrap(), b"x");
    }
}
