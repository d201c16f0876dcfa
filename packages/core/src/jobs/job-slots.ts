/**
 * A counting semaphore for jobs: `acquire` resolves with the function that frees the slot, once one
 * is free. Aborting `signal` while waiting rejects with its reason and takes no slot.
 */
export interface JobSlots {
  acquire(signal?: AbortSignal): Promise<() => void>;
}

/** `size` slots, handed out in arrival order. */
export function jobSlots(size: number): JobSlots & { readonly busy: number; readonly waiting: number } {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`job slots must be a whole number >= 1, got ${size}`);
  let busy = 0;
  const queue: { grant: () => void }[] = [];
  const freer = () => {
    let freed = false;
    return () => {
      if (freed) return;
      freed = true;
      const next = queue.shift();
      if (next) next.grant();
      else busy -= 1;
    };
  };
  return {
    get busy() {
      return busy;
    },
    get waiting() {
      return queue.length;
    },
    acquire(signal) {
      signal?.throwIfAborted();
      if (busy < size) {
        busy += 1;
        return Promise.resolve(freer());
      }
      return new Promise((resolve, reject) => {
        const entry = {
          grant: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve(freer());
          },
        };
        const onAbort = () => {
          const at = queue.indexOf(entry);
          if (at >= 0) queue.splice(at, 1);
          reject(signal?.reason);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        queue.push(entry);
      });
    },
  };
}
