//! Work on a long list split across the machine's cores.

use std::num::NonZero;

/// Lists shorter than this are worked on in one go: below it, starting threads costs more than
/// it saves (the built-in brief has 57 entries).
pub const FROM_ITEMS: usize = 1_000;

/// `work` on contiguous chunks of `items`, one chunk per core once there are `FROM_ITEMS` or
/// more; the results come back in the items' order.
pub fn chunks<T: Sync, R: Send>(items: &[T], work: impl Fn(&[T]) -> R + Sync) -> Vec<R> {
    let threads = if items.len() < FROM_ITEMS {
        1
    } else {
        std::thread::available_parallelism().map_or(1, NonZero::get)
    };
    if threads < 2 {
        return vec![work(items)];
    }
    let work = &work;
    std::thread::scope(|scope| {
        let workers: Vec<_> = items
            .chunks(items.len().div_ceil(threads))
            .map(|chunk| scope.spawn(move || work(chunk)))
            .collect();
        workers
            .into_iter()
            // A panic on a worker panics here, as it would have without threads.
            .map(|worker| {
                worker
                    .join()
                    .unwrap_or_else(|p| std::panic::resume_unwind(p))
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_keep_the_items_order() {
        let items: Vec<usize> = (0..super::FROM_ITEMS * 3 + 7).collect();
        let sums = super::chunks(&items, |chunk| chunk.to_vec());
        assert_eq!(sums.concat(), items);
        assert_eq!(super::chunks(&items[..10], <[usize]>::len), [10]);
    }
}
