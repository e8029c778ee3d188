//! Reading files that may come from whoever opened a pull request: regular files only, through
//! a size limit, and (for what a configuration names) inside the configuration's folder tree.
//!
//! A FIFO would block a read forever and `/dev/zero` would never end, so anything that is not a
//! regular file is refused before it is opened, and every read stops one byte past its limit.

use std::io::{self, Read};
use std::path::{Component, Path, PathBuf};

/// The largest document sdlint reads (64 MiB): a filing is a few megabytes at most.
pub const MAX_DOCUMENT_LEN: u64 = 64 << 20;

/// The largest rule pack or configuration file sdlint reads (4 MiB); the built-in packs together
/// are a few hundred kilobytes.
pub const MAX_TOML_LEN: u64 = 4 << 20;

/// The largest baseline sdlint reads (64 MiB).
pub const MAX_BASELINE_LEN: u64 = 64 << 20;

/// Reads the regular file at `path`, or fails if it is something else (a folder, FIFO, device
/// or socket) or longer than `limit` bytes.
pub fn read_regular(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    // Asked before opening: opening a FIFO blocks until something writes to it.
    refuse_irregular(&std::fs::metadata(path)?)?;
    let file = std::fs::File::open(path)?;
    let metadata = file.metadata()?;
    refuse_irregular(&metadata)?;
    if metadata.len() > limit {
        return Err(too_large(limit));
    }
    read_limited(file, limit)
}

/// Reads `reader` to its end, or fails once it has given more than `limit` bytes.
pub fn read_limited(reader: impl Read, limit: u64) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(limit));
    }
    Ok(bytes)
}

fn refuse_irregular(metadata: &std::fs::Metadata) -> io::Result<()> {
    if metadata.is_file() {
        return Ok(());
    }
    let what = if metadata.is_dir() {
        "a folder"
    } else {
        "not a regular file (a FIFO, device or socket)"
    };
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("{what}: sdlint reads regular files, and standard input as \"-\""),
    ))
}

fn too_large(limit: u64) -> io::Error {
    io::Error::new(
        io::ErrorKind::FileTooLarge,
        format!("more than the {} MiB sdlint reads", limit >> 20),
    )
}

/// Why `path` may not be read as something named inside `root` (a configuration's folder):
/// it is absolute, climbs above `root` with `..`, or leads (through symbolic links) out of it.
/// `Ok` holds the path to read. Nothing outside `root` is opened to find out.
pub fn confined(root: &Path, path: &Path) -> Result<PathBuf, String> {
    let outside = || {
        format!(
            "{} is outside {}: files named by a configuration must be in its folder or below",
            path.display(),
            shown(root).display()
        )
    };
    let mut depth = 0usize;
    for component in path.components() {
        match component {
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
            Component::ParentDir if depth > 0 => depth -= 1,
            Component::ParentDir | Component::RootDir | Component::Prefix(_) => {
                return Err(outside());
            }
        }
    }
    let joined = root.join(path);
    // A path that does not exist is left for the read to report; one that does must resolve,
    // links followed, inside the root.
    if let (Ok(real_root), Ok(real)) = (std::fs::canonicalize(shown(root)), joined.canonicalize())
        && !real.starts_with(&real_root)
    {
        return Err(outside());
    }
    Ok(joined)
}

/// Whether `path` (a file found in a walk of `root`) resolves, links followed, inside `root`.
pub fn resolves_inside(root: &Path, path: &Path) -> bool {
    match (
        std::fs::canonicalize(shown(root)),
        std::fs::canonicalize(path),
    ) {
        (Ok(root), Ok(path)) => path.starts_with(root),
        _ => false,
    }
}

/// `dir`, or `.` when it is empty (the parent of a bare file name).
fn shown(dir: &Path) -> &Path {
    if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_climbing_out_or_absolute_are_refused_without_reading() {
        let root = Path::new("/nonexistent/project");
        assert!(confined(root, Path::new("/proc/self/environ")).is_err());
        assert!(confined(root, Path::new("../../outside/secret.env")).is_err());
        assert!(confined(root, Path::new("a/../../b.toml")).is_err());
        assert_eq!(
            confined(root, Path::new("rules/../house.toml")).unwrap(),
            root.join("rules/../house.toml")
        );
        let message = confined(root, Path::new("/etc/shadow")).unwrap_err();
        assert!(message.starts_with("/etc/shadow is outside /nonexistent/project"));
    }

    #[test]
    fn reads_stop_past_the_limit() {
        assert_eq!(read_limited(&b"abc"[..], 3).unwrap(), b"abc");
        let err = read_limited(io::repeat(0), 1 << 20).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::FileTooLarge);
    }
}
