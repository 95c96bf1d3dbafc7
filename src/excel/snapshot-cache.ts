import { ExcelSnapshot, readSnapshot } from "./read";
import { affects, ChangeNotice } from "./watch";

/** Excel.run, injectable so tests drive the cache with a counting mock. */
export type BatchRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/**
 * One workbook read shared by every formula: the first caller starts the read, everyone who
 * asks while it is in flight waits for the same promise, and the snapshot is kept until a
 * change event says the table, a named input or a setting changed. Listeners (the streaming
 * formulas) are then told once, after the burst of events has settled.
 */
export class SnapshotCache {
  private pending: Promise<ExcelSnapshot> | null = null;
  private last: ExcelSnapshot | null = null;
  private generation = 0;
  private notifyQueued = false;
  private readonly listeners = new Set<() => void>();
  /** Reads started so far (the figure the benchmark reports). */
  reads = 0;

  constructor(
    private readonly read: () => Promise<ExcelSnapshot>,
    private readonly schedule: (task: () => void) => void = (task) => void setTimeout(task, 0),
  ) {}

  get(): Promise<ExcelSnapshot> {
    if (this.pending) return this.pending;
    const generation = this.generation;
    this.reads++;
    const promise = this.read().then(
      (snapshot) => {
        if (generation === this.generation) this.last = snapshot;
        return snapshot;
      },
      (error: unknown) => {
        // A failed read is not kept: the next formula asks again.
        if (this.pending === promise) this.pending = null;
        throw error;
      },
    );
    this.pending = promise;
    return promise;
  }

  /** Drops the snapshot and, once per burst, tells every listener to ask again. */
  invalidate(): void {
    this.generation++;
    this.pending = null;
    this.last = null;
    if (this.notifyQueued) return;
    this.notifyQueued = true;
    this.schedule(() => {
      this.notifyQueued = false;
      for (const listener of [...this.listeners]) listener();
    });
  }

  /** Invalidates when an edit touches what the last snapshot read; returns whether it did. */
  noticeChange(change: ChangeNotice): boolean {
    // Nothing read yet, or a read in flight whose areas are unknown: any edit may matter.
    const watch = this.last ? this.last.watch : null;
    if (!affects(watch, change)) return false;
    this.invalidate();
    return true;
  }

  onInvalidate(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}

/**
 * Subscribes the cache to Excel's change events: any cell edit (filtered by the snapshot's
 * areas), and tables added or deleted (which can change which table is the position table).
 */
export async function watchWorkbook(run: BatchRunner, cache: SnapshotCache): Promise<void> {
  await run(async (context) => {
    const workbook = context.workbook;
    workbook.worksheets.onChanged.add(async (event: Excel.WorksheetChangedEventArgs) => {
      cache.noticeChange({ worksheetId: event.worksheetId, address: event.address, changeType: event.changeType });
    });
    workbook.tables.onAdded.add(async () => cache.invalidate());
    workbook.tables.onDeleted.add(async () => cache.invalidate());
    await context.sync();
  });
}

let shared: SnapshotCache | null = null;

/**
 * The workbook's one snapshot cache in the shared runtime: the formulas read through it, and
 * the task pane may too (and should call invalidate() after writing settings, since defined
 * names have no change event).
 */
export function workbookSnapshots(run: BatchRunner = (batch) => Excel.run(batch)): SnapshotCache {
  if (shared) return shared;
  const cache = new SnapshotCache(() => run((context) => readSnapshot(context)));
  shared = cache;
  // Without events the values still come right on the next recalculation; they just are not live.
  watchWorkbook(run, cache).catch(() => undefined);
  return cache;
}
