//! Work on a long list split across the machine's cores.

use std::cmp::Reverse;
use std::num::NonZero;
use std::sync::{Mutex, PoisonError};

/// Lists shorter than this are worked on in one go: below it, starting threads costs more than
/// it saves (the built-in brief has 57 entries).
pub const FROM_ITEMS: usize = 1_000;

/// Work whose items weigh less than this in all is done on one thread: below it, starting threads
/// costs more than it saves. Weights are bytes of TOML (the built-in brief is about 100 KB).
pub const FROM_WEIGHT: usize = 1024 * 1024;

/// `work` on each of `items`, on every core once their total `weight` reaches `FROM_WEIGHT`.
/// Each thread takes the heaviest item left as it finishes one, so that uneven items (a brief's
/// section files) still share out evenly. The results come back in the items' order.
pub fn each<T: Send, R: Send>(
    items: Vec<T>,
    weight: impl Fn(&T) -> usize,
    work: impl Fn(T) -> R + Sync,
) -> Vec<R> {
    let total = items.iter().map(&weight).fold(0, usize::saturating_add);
    let threads = if total < FROM_WEIGHT {
        1
    } else {
        cores().min(items.len())
    };
    if threads < 2 {
        return items.into_iter().map(work).collect();
    }
    let mut queue: Vec<(usize, T)> = items.into_iter().enumerate().collect();
    queue.sort_by_key(|(_, item)| Reverse(weight(item)));
    let queue = Mutex::new(queue.into_iter());
    let work = &work;
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    // The lock is held only to take an item, never while working on one: it cannot
                    // be poisoned. A panic in `work` is raised at the join.
                    let next = || queue.lock().unwrap_or_else(PoisonError::into_inner).next();
                    while let Some((index, item)) = next() {
                        mine.push((index, work(item)));
                    }
                    mine
                })
            })
            .collect();
        workers.into_iter().flat_map(join).collect()
    });
    done.sort_by_key(|(index, _)| *index);
    done.into_iter().map(|(_, result)| result).collect()
}

/// `work` on contiguous chunks of `items`, one chunk per core once there are `FROM_ITEMS` or
/// more; the results come back in the items' order.
pub fn chunks<T: Sync, R: Send>(items: &[T], work: impl Fn(&[T]) -> R + Sync) -> Vec<R> {
    let threads = if items.len() < FROM_ITEMS { 1 } else { cores() };
    if threads < 2 {
        return vec![work(items)];
    }
    let work = &work;
    std::thread::scope(|scope| {
        let workers: Vec<_> = items
            .chunks(items.len().div_ceil(threads))
            .map(|chunk| scope.spawn(move || work(chunk)))
            .collect();
        workers.into_iter().map(join).collect()
    })
}

/// The cores this process may use (1 if that cannot be known).
fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, NonZero::get)
}

/// A worker's result; a panic on the worker panics here, as it would have without threads.
fn join<R>(worker: std::thread::ScopedJoinHandle<'_, R>) -> R {
    worker
        .join()
        .unwrap_or_else(|p| std::panic::resume_unwind(p))
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

    #[test]
    fn each_returns_results_in_the_items_order_heavy_or_light() {
        let items: Vec<usize> = (0..50).collect();
        let heavy = |&i: &usize| super::FROM_WEIGHT / 10 * (i % 7);
        assert_eq!(
            super::each(items.clone(), heavy, |i| i * 2),
            (0..100).step_by(2).collect::<Vec<_>>()
        );
        assert_eq!(
            super::each(items.clone(), |_| 1, |i| i + 1),
            (1..51).collect::<Vec<_>>()
        );
    }
}
