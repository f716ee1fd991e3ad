//! Stage 1: a brief folder's section files, read as text.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::problem::{Problem, SourceFile};
use crate::text;

/// Files larger than this are refused unread: the whole built-in brief is under 100 KiB.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// A whole brief larger than this is refused unread: about 200,000 entries.
pub const MAX_BRIEF_BYTES: u64 = 64 * 1024 * 1024;

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
    // One look at each file, before any is read: its size counts towards the brief's limit.
    let system_folder = is_system_file(dir);
    let looked: Vec<Look> = paths
        .into_par_iter()
        .map(|(path, link)| Look {
            metadata: fs::metadata(&path),
            system: system_folder || (link && is_system_file(&path)),
            path,
        })
        .collect();
    let total: u64 = looked
        .iter()
        .filter_map(|look| look.metadata.as_ref().ok())
        .map(fs::Metadata::len)
        .fold(0, u64::saturating_add);
    if total > MAX_BRIEF_BYTES {
        return Err(folder_problem(format!(
            "its section files hold {total} bytes, over the limit of {MAX_BRIEF_BYTES} bytes (64 MiB) for a brief"
        )));
    }
    // Read on every core: a large brief is thousands of files (rayon keeps their order).
    let read: Vec<_> = looked.par_iter().map(read_file).collect();
    let (files, problems): (Vec<_>, Vec<_>) = read.into_iter().partition(Result::is_ok);
    if problems.is_empty() {
        Ok(files.into_iter().filter_map(Result::ok).collect())
    } else {
        Err(problems.into_iter().filter_map(Result::err).collect())
    }
}

/// A section file as listed: where it is, what it is, and whether it lies in the kernel's own
/// file systems.
struct Look {
    path: PathBuf,
    metadata: std::io::Result<fs::Metadata>,
    system: bool,
}

/// The folder's `.toml` files, sorted. Hidden files are an editor's, not the curator's: Emacs
/// locks a file it edits as `.#name.toml`, a link to nowhere, and vim leaves hidden backups.
/// Each path comes with whether it is a link, which is all that can lead elsewhere.
fn section_paths(dir: &Path) -> std::io::Result<Vec<(PathBuf, bool)>> {
    let mut paths = Vec::new();
    for item in fs::read_dir(dir)? {
        let item = item?;
        let path = item.path();
        let hidden = item.file_name().to_string_lossy().starts_with('.');
        if !hidden && path.extension().is_some_and(|ext| ext == "toml") {
            let link = item.file_type().is_ok_and(|t| t.is_symlink());
            paths.push((path, link));
        }
    }
    paths.sort();
    Ok(paths)
}

fn read_file(look: &Look) -> Result<SourceFile, Problem> {
    let path = &look.path;
    let name = path.display().to_string();
    let problem = |message: String| Problem::new(&name, None, message);
    let cannot_read = |e: &std::io::Error| problem(format!("cannot read: {}", text::io_error(e)));
    // Look before opening: opening a named pipe would wait for a writer for ever.
    let metadata = look.metadata.as_ref().map_err(cannot_read)?;
    if metadata.is_dir() {
        return Err(problem("is a folder, not a section file".into()));
    }
    if !metadata.is_file() || look.system {
        return Err(problem("is not a regular file (a pipe or device?)".into()));
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(problem(format!(
            "is {} bytes, over the limit of {MAX_FILE_BYTES} bytes (16 MiB) for a section file",
            metadata.len()
        )));
    }
    let file = fs::File::open(path).map_err(|e| cannot_read(&e))?;
    // Read at most one byte past the limit, in case the file grows while we read it.
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).map_or(0, |n| n + 1));
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| cannot_read(&e))?;
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
