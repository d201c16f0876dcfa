/**
 * A binary min-heap of timed events. Ties break on `rank` (what must happen first at one instant,
 * e.g. a finished job frees its slot before the metric is sampled) and then on insertion order, so a
 * run is fully deterministic.
 */
export interface Timed {
  readonly t: number;
  readonly rank: number;
}

interface Entry<E> {
  readonly event: E;
  readonly seq: number;
}

export class EventQueue<E extends Timed> {
  private readonly heap: Entry<E>[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(event: E): void {
    this.heap.push({ event, seq: this.seq++ });
    this.up(this.heap.length - 1);
  }

  peek(): E | undefined {
    return this.heap[0]?.event;
  }

  pop(): E | undefined {
    const top = this.heap[0];
    const last = this.heap.pop();
    if (top === undefined || last === undefined) return undefined;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.down(0);
    }
    return top.event;
  }

  private before(a: Entry<E>, b: Entry<E>): boolean {
    if (a.event.t !== b.event.t) return a.event.t < b.event.t;
    if (a.event.rank !== b.event.rank) return a.event.rank < b.event.rank;
    return a.seq < b.seq;
  }

  private up(index: number): void {
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(this.heap[i], this.heap[parent])) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(index: number): void {
    let i = index;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < this.heap.length && this.before(this.heap[left], this.heap[smallest])) smallest = left;
      if (right < this.heap.length && this.before(this.heap[right], this.heap[smallest])) smallest = right;
      if (smallest === i) return;
      this.swap(i, smallest);
      i = smallest;
    }
  }

  private swap(a: number, b: number): void {
    const entry = this.heap[a];
    this.heap[a] = this.heap[b];
    this.heap[b] = entry;
  }
}
