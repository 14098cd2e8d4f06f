//! Writing fixed files safely, and `--diff`.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// Replaces the file's content atomically: the new text goes to a temporary file in the
/// same directory (so the rename cannot cross file systems), which takes the old file's
/// permissions and then replaces it. A symlink is followed: its target is rewritten.
pub fn write_atomically(path: &Path, content: &[u8]) -> io::Result<()> {
    let target = fs::canonicalize(path)?;
    let dir = target
        .parent()
        .ok_or_else(|| io::Error::other("the file has no parent directory"))?;
    let permissions = fs::metadata(&target)?.permissions();
    let mut temp = tempfile::Builder::new()
        .prefix(".dockcoach-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    temp.write_all(content)?;
    temp.as_file().sync_all()?;
    fs::set_permissions(temp.path(), permissions)?;
    temp.persist(&target).map_err(|e| e.error)?;
    Ok(())
}

/// A unified diff of `old` → `new` with `--- a/PATH` / `+++ b/PATH` headers.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    let diff = similar::TextDiff::from_lines(old, new);
    diff.unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_has_headers_and_hunks() {
        let diff = unified_diff("Dockerfile", "FROM a\nADD x /y\n", "FROM a\nCOPY x /y\n");
        assert!(
            diff.starts_with("--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,2 +1,2 @@\n"),
            "{diff}"
        );
        assert!(diff.contains("-ADD x /y\n+COPY x /y\n"), "{diff}");
    }

    #[test]
    fn diff_marks_a_missing_final_newline() {
        let diff = unified_diff("D", "ADD a b", "COPY a b");
        assert!(diff.contains("\\ No newline at end of file"), "{diff}");
    }

    #[cfg(unix)]
    #[test]
    fn atomic_write_keeps_permissions() -> io::Result<()> {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("Dockerfile");
        fs::write(&path, "old")?;
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640))?;
        write_atomically(&path, b"new")?;
        assert_eq!(fs::read_to_string(&path)?, "new");
        assert_eq!(fs::metadata(&path)?.permissions().mode() & 0o777, 0o640);
        assert_eq!(fs::read_dir(dir.path())?.count(), 1);
        Ok(())
    }
}
