//! Stage 1: a brief folder's section files, read as text.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::problem::Problem;
use crate::text;

/// Files larger than this are refused unread: the whole built-in brief is under 100 KiB.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// A whole brief larger than this is refused unread: about 200,000 entries.
pub const MAX_BRIEF_BYTES: u64 = 64 * 1024 * 1024;

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

/// Reads the `.toml` files of a brief folder, in name order. Other files, and hidden ones
/// (whose names start with `.`), are ignored.
pub fn read_dir(dir: &Path) -> Result<Vec<SourceFile>, Vec<Problem>> {
    let shown = dir.display().to_string();
    let folder_problem = |message: String| vec![Problem::new(&shown, None, message)];
    let metadata = fs::metadata(dir).map_err(|e| {
        folder_problem(format!(
            "cannot open the brief folder: {}",
            text::io_error(&e)
        ))
    })?;
    if !metadata.is_dir() {
        return Err(folder_problem(
            "is a file, not a folder: give the folder that holds the section files".into(),
        ));
    }
    let paths = section_paths(dir).map_err(|e| {
        folder_problem(format!(
            "cannot list the brief folder: {}",
            text::io_error(&e)
        ))
    })?;
    if paths.is_empty() {
        return Err(folder_problem(
            "no section files in this folder (a brief folder holds .toml files: see brief/README.md)"
                .into(),
        ));
    }
    let total: u64 = paths
        .iter()
        .filter_map(|path| fs::metadata(path).ok())
        .map(|m| m.len())
        .fold(0, u64::saturating_add);
    if total > MAX_BRIEF_BYTES {
        return Err(folder_problem(format!(
            "its section files hold {total} bytes, over the limit of {MAX_BRIEF_BYTES} bytes (64 MiB) for a brief"
        )));
    }
    // Read on every core: a large brief is thousands of files (rayon keeps their order).
    let read: Vec<_> = paths.par_iter().map(|path| read_file(path)).collect();
    let (files, problems): (Vec<_>, Vec<_>) = read.into_iter().partition(Result::is_ok);
    if problems.is_empty() {
        Ok(files.into_iter().filter_map(Result::ok).collect())
    } else {
        Err(problems.into_iter().filter_map(Result::err).collect())
    }
}

/// The folder's `.toml` files, sorted. Hidden files are an editor's, not the curator's: Emacs
/// locks a file it edits as `.#name.toml`, a link to nowhere, and vim leaves hidden backups.
fn section_paths(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut paths = Vec::new();
    for item in fs::read_dir(dir)? {
        let item = item?;
        let path = item.path();
        let hidden = item.file_name().to_string_lossy().starts_with('.');
        if !hidden && path.extension().is_some_and(|ext| ext == "toml") {
            paths.push(path);
        }
    }
    paths.sort();
    Ok(paths)
}

fn read_file(path: &Path) -> Result<SourceFile, Problem> {
    let name = path.display().to_string();
    let problem = |message: String| Problem::new(&name, None, message);
    let cannot_read = |e: std::io::Error| problem(format!("cannot read: {}", text::io_error(&e)));
    // Look before opening: opening a named pipe would wait for a writer for ever.
    let metadata = fs::metadata(path).map_err(cannot_read)?;
    if metadata.is_dir() {
        return Err(problem("is a folder, not a section file".into()));
    }
    if !metadata.is_file() || is_system_file(path) {
        return Err(problem("is not a regular file (a pipe or device?)".into()));
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(problem(format!(
            "is {} bytes, over the limit of {MAX_FILE_BYTES} bytes (16 MiB) for a section file",
            metadata.len()
        )));
    }
    let file = fs::File::open(path).map_err(cannot_read)?;
    // Read at most one byte past the limit, in case the file grows while we read it.
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).map_or(0, |n| n + 1));
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot_read)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(problem(format!(
            "is over the limit of {MAX_FILE_BYTES} bytes (16 MiB) for a section file"
        )));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        problem(format!(
            "is not valid UTF-8 text: invalid byte at offset {}",
            e.utf8_error().valid_up_to()
        ))
    })?;
    Ok(SourceFile::new(name, text))
}

/// Whether a link leads into the kernel's own file systems, whose files claim to be regular but
/// can block a read for ever (`/proc/kmsg`).
fn is_system_file(path: &Path) -> bool {
    cfg!(unix)
        && fs::canonicalize(path).is_ok_and(|real| {
            ["/proc", "/sys", "/dev"]
                .iter()
                .any(|system| real.starts_with(system))
        })
}
