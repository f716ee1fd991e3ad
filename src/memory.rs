//! What splw asks of the allocator, in one place: glibc's, on Linux, keeps what a large brief's
//! loading frees unless told to hand it back (BENCHMARKS.md, "Memory"). Elsewhere these do
//! nothing: the other allocators hand back on their own.

/// glibc's allocator maps a large buffer on its own only up to a threshold that rises each time
/// one is freed; past it, the buffers a large brief's parsing makes and drops (the TOML parser's
/// tokens, a megabyte's piece at a time) are carved from the heap, among the strings that stay,
/// and the pages they leave are never handed back: a brief of small entries peaked at 20 times
/// its size. A fixed threshold keeps every buffer over 256 KiB mapped alone, and unmapped when
/// freed. Called before any thread starts.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub fn map_large_buffers_alone() {
    // SAFETY: mallopt only sets one of glibc's allocation parameters, before any thread starts;
    // a refused setting (it returns 0) leaves the default, which is correct too.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 256 * 1024);
    }
}

/// Hands back the pages a brief's loading freed (the parsed TOML, the files' text), which glibc
/// keeps for small allocations to come: the commands' own large buffers (find's index, the
/// page) are mapped apart, so those pages would stay resident, unused, to the end of the run.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub fn hand_back_freed() {
    // SAFETY: malloc_trim only returns free pages to the system; it is safe to call at any time.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn map_large_buffers_alone() {}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn hand_back_freed() {}
