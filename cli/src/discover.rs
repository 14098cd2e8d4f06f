//! Finding the inputs (files, directories, stdin) and the config file.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Directories never searched.
const SKIPPED_DIRS: &[&str] = &[".git", "node_modules", "target"];

/// Config file names, in the order they are looked for in each directory.
pub const CONFIG_NAMES: &[&str] = &[
    ".dockcoach.toml",
    "dockcoach.toml",
    ".hadolint.yaml",
    ".hadolint.yml",
];

/// Where a linted text comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    File(PathBuf),
    Stdin,
}

/// One text to lint and the name reports use for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    pub display: String,
    pub source: Source,
}

/// An input problem: `dockcoach: <path>: <message>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    pub path: String,
    pub message: String,
}

/// True for the names a directory search picks up (any case): `Dockerfile`,
/// `*.Dockerfile`, `Dockerfile.*` and the same for `Containerfile`; never the
/// per-Dockerfile ignore files (`Dockerfile.dockerignore`).
pub fn is_dockerfile_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".dockerignore") || lower.ends_with(".containerignore") {
        return false;
    }
    ["dockerfile", "containerfile"].iter().any(|base| {
        lower == *base
            || (lower.len() > base.len() + 1
                && (lower.ends_with(&format!(".{base}")) || lower.starts_with(&format!("{base}."))))
    })
}

/// Expands the command line's paths into inputs, sorted by display name and without
/// duplicates. Problems (missing paths, directories without Dockerfiles, unreadable
/// directories) come back as errors; the inputs found elsewhere are still returned.
pub fn inputs(paths: &[PathBuf], stdin_name: Option<&str>) -> (Vec<Input>, Vec<InputError>) {
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            found.push(Input {
                display: stdin_name.unwrap_or("-").to_string(),
                source: Source::Stdin,
            });
            continue;
        }
        let display = path.to_string_lossy().into_owned();
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                let before = found.len();
                walk(path, path, &mut found, &mut errors);
                if found.len() == before {
                    errors.push(InputError {
                        path: display,
                        message: "no Dockerfiles found (looked for Dockerfile, *.Dockerfile, \
                                  Dockerfile.*, Containerfile, *.Containerfile, Containerfile.*)"
                            .to_string(),
                    });
                }
            }
            Ok(_) => found.push(Input {
                display,
                source: Source::File(path.clone()),
            }),
            Err(err) => errors.push(InputError {
                path: display,
                message: io_message(&err),
            }),
        }
    }
    found.sort_by(|a, b| a.display.cmp(&b.display));
    // The same file named twice (or found through two arguments) is linted once.
    let mut seen = std::collections::HashSet::new();
    found.retain(|input| {
        let key = match &input.source {
            Source::File(path) => fs::canonicalize(path).unwrap_or_else(|_| path.clone()),
            Source::Stdin => PathBuf::from("\0stdin"),
        };
        seen.insert(key)
    });
    (found, errors)
}

fn walk(root: &Path, dir: &Path, found: &mut Vec<Input>, errors: &mut Vec<InputError>) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            errors.push(InputError {
                path: dir.to_string_lossy().into_owned(),
                message: io_message(&err),
            });
            return;
        }
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let path = entry.path();
        let Ok(file_type) = entry.file_type() else {
            continue;
        };
        if file_type.is_dir() {
            if !SKIPPED_DIRS.contains(&name.as_ref()) {
                walk(root, &path, found, errors);
            }
            continue;
        }
        // Symlinks to files are followed; symlinks to directories are not (no cycles).
        let is_file = file_type.is_file()
            || (file_type.is_symlink() && fs::metadata(&path).is_ok_and(|m| m.is_file()));
        if is_file && is_dockerfile_name(&name) {
            found.push(Input {
                display: display_path(root, &path),
                source: Source::File(path),
            });
        }
    }
}

/// `./sub/Dockerfile` is shown as `sub/Dockerfile` when the user asked for `.`.
fn display_path(root: &Path, path: &Path) -> String {
    if root == Path::new(".")
        && let Ok(rest) = path.strip_prefix(".")
    {
        return rest.to_string_lossy().into_owned();
    }
    path.to_string_lossy().into_owned()
}

/// An IO error as a short lower-case phrase.
pub fn io_message(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        io::ErrorKind::IsADirectory => "is a directory".to_string(),
        _ => {
            // `Display` adds " (os error N)"; keep the words.
            let text = err.to_string();
            match text.find(" (os error") {
                Some(i) => text[..i].to_string(),
                None => text,
            }
        }
    }
}

/// The config file to use: the first of [`CONFIG_NAMES`] in `start`, then in each parent.
pub fn find_config(start: &Path) -> Option<PathBuf> {
    for dir in start.ancestors() {
        for name in CONFIG_NAMES {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dockerfile_names() {
        for name in [
            "Dockerfile",
            "dockerfile",
            "Dockerfile.dev",
            "app.Dockerfile",
            "Containerfile",
            "base.containerfile",
            "Containerfile.prod",
        ] {
            assert!(is_dockerfile_name(name), "{name}");
        }
        for name in [
            "Dockerfile.dockerignore",
            "app.Dockerfile.dockerignore",
            ".dockerignore",
            "Dockerfiles",
            "MyDockerfile",
            "Dockerfile.",
            ".Dockerfile",
            "README.md",
            "docker-compose.yml",
        ] {
            assert!(!is_dockerfile_name(name), "{name}");
        }
    }

    #[test]
    fn io_messages_are_short() {
        let err = io::Error::from(io::ErrorKind::NotFound);
        assert_eq!(io_message(&err), "no such file or directory");
    }
}
