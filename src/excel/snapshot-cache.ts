import { Cell } from "../core/types";
import { ExcelSnapshot, readSnapshot } from "./read";
import { affects, ChangeNotice, touchesWatchedSheet } from "./watch";

/** Excel.run, injectable so tests drive the session with a counting model. */
export type BatchRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** Timers, injectable so tests step through the back-off. Returns a cancel function. */
export type Timer = (task: () => void, ms: number) => () => void;

const defaultTimer: Timer = (task, ms) => {
  const handle = setTimeout(task, ms) as unknown as { unref?: () => void };
  // A retry pending in Node (tests, the bench) must not keep the process alive.
  handle.unref?.();
  return () => clearTimeout(handle as unknown as ReturnType<typeof setTimeout>);
};

/**
 * Back-off after a refused read: quick at first (a cell edit ends with Enter), then slower, never
 * giving up: a formula must not be left on an error because Excel was busy once.
 */
export const RETRY_DELAYS_MS = [50, 100, 250, 500, 1000, 2000, 5000, 10_000, 30_000];

/** Excel's refusal while the user edits a cell (office-js#625): transient by nature. */
export function isCellEditRefusal(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  return (typeof e?.code === "string" && /CellEditMode/i.test(e.code)) || (typeof e?.message === "string" && /cell-editing mode/i.test(e.message));
}

/** What a caller gets while a failed read is being retried: the reason, and whether it was a cell edit. */
export class ReadPending extends Error {
  constructor(
    readonly reason: unknown,
    readonly cellEdit: boolean,
  ) {
    super(`the workbook could not be read (${reason instanceof Error ? reason.message : String(reason)}); Assignment Guard tries again by itself`);
    this.name = "ReadPending";
  }
}

export interface SessionOptions {
  /** Runs a task after the current burst of calls (a zero-delay timeout in Excel). */
  schedule?: (task: () => void) => void;
  timer?: Timer;
  retryDelaysMs?: readonly number[];
}

/**
 * The workbook session of the shared runtime: one reader, one snapshot, shared by every formula
 * and the task pane.
 *
 * - `get()` answers from the snapshot while it is valid; concurrent callers share one read.
 * - `fresh()` answers from a read that starts after the call (a new formula, F9, the pane's
 *   Review): every call made in the same burst shares that one read.
 * - `invalidate()` marks the snapshot stale (an edit of the table or a named cell, a
 *   recalculation that touched them, a write of the pane); with anyone listening it reads again
 *   after the burst and tells the listeners only when the data actually changed, so a formula
 *   whose own result triggers a recalculation cannot loop.
 * - A read that fails is retried with back-off; meanwhile callers get a ReadPending, and formulas
 *   keep their last value. The next successful read tells every listener.
 */
export class SnapshotCache {
  private current: ExcelSnapshot | null = null;
  private lastGood: ExcelSnapshot | null = null;
  private pending: Promise<ExcelSnapshot> | null = null;
  private nextFresh: Promise<ExcelSnapshot> | null = null;
  private generation = 0;
  private refreshQueued = false;
  private failedSinceNotify = false;
  private failures = 0;
  private cancelRetry: (() => void) | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly schedule: (task: () => void) => void;
  private readonly timer: Timer;
  private readonly delays: readonly number[];
  /** Reads started so far (the figure the benchmark reports). */
  reads = 0;

  constructor(
    private readonly read: () => Promise<ExcelSnapshot>,
    options: SessionOptions | ((task: () => void) => void) = {},
  ) {
    const o = typeof options === "function" ? { schedule: options } : options;
    this.schedule = o.schedule ?? ((task) => void setTimeout(task, 0));
    this.timer = o.timer ?? defaultTimer;
    this.delays = o.retryDelaysMs ?? RETRY_DELAYS_MS;
  }

  /** The last snapshot read, valid or not (null before the first read). */
  get snapshot(): ExcelSnapshot | null {
    return this.lastGood;
  }

  get(): Promise<ExcelSnapshot> {
    if (this.current) return Promise.resolve(this.current);
    return this.pending ?? this.startRead();
  }

  fresh(): Promise<ExcelSnapshot> {
    if (this.nextFresh) return this.nextFresh;
    const next = new Promise<ExcelSnapshot>((resolve, reject) =>
      this.schedule(() => {
        this.nextFresh = null;
        this.drop();
        this.get().then(resolve, reject);
      }),
    );
    this.nextFresh = next;
    return next;
  }

  /** The snapshot may be out of date: read again after this burst and tell listeners if it changed. */
  invalidate(): void {
    this.drop();
    if (this.refreshQueued) return;
    this.refreshQueued = true;
    this.schedule(() => {
      this.refreshQueued = false;
      if (this.listeners.size > 0 && !this.current) this.get().catch(() => undefined);
    });
  }

  /** Invalidates when an edit touches what the last snapshot read; returns whether it did. */
  noticeChange(change: ChangeNotice): boolean {
    // Nothing read yet, or a read in flight whose areas are unknown: any edit may matter.
    if (!affects(this.lastGood ? this.lastGood.watch : null, change)) return false;
    this.invalidate();
    return true;
  }

  /**
   * Invalidates when a recalculation may have changed what the snapshot read (a VIX cell holding
   * =Market!B2, a strike column of formulas). With the recalculated address (ExcelApi 1.11) only
   * a watched area counts; without it, any recalculation of a watched sheet does.
   */
  noticeCalculated(event: { worksheetId: string; address?: string }): boolean {
    const watch = this.lastGood ? this.lastGood.watch : null;
    const counts = event.address ? event.address.split(",").some((address) => affects(watch, { worksheetId: event.worksheetId, address })) : touchesWatchedSheet(watch, event.worksheetId);
    if (!counts) return false;
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

  /** Stops a pending retry (the runtime is closing; a test is done). */
  dispose(): void {
    this.cancelRetry?.();
    this.cancelRetry = null;
  }

  private drop(): void {
    this.generation++;
    this.current = null;
    this.pending = null;
  }

  private startRead(): Promise<ExcelSnapshot> {
    const generation = this.generation;
    this.reads++;
    // A read that throws at once (no Excel at all) fails like one that fails later: retried, never uncaught.
    const promise = (async () => this.read())().then(
      (snapshot) => this.readDone(snapshot, generation),
      (error: unknown) => {
        if (this.pending === promise) this.pending = null;
        this.readFailed();
        throw new ReadPending(error, isCellEditRefusal(error));
      },
    );
    this.pending = promise;
    return promise;
  }

  private readDone(snapshot: ExcelSnapshot, generation: number): ExcelSnapshot {
    // A read that was invalidated while in flight is handed to its callers but not kept.
    if (generation !== this.generation) return snapshot;
    this.current = snapshot;
    const before = this.lastGood;
    this.lastGood = snapshot;
    this.failures = 0;
    this.cancelRetry?.();
    this.cancelRetry = null;
    const tell = this.failedSinceNotify || (before !== null && !sameSnapshot(before, snapshot));
    this.failedSinceNotify = false;
    if (tell) this.notify();
    return snapshot;
  }

  private readFailed(): void {
    this.failedSinceNotify = true;
    if (this.cancelRetry) return;
    const delay = this.delays[Math.min(this.failures, this.delays.length - 1)];
    this.failures++;
    this.cancelRetry = this.timer(() => {
      this.cancelRetry = null;
      // Someone still waits for the workbook: read again (a success tells them all).
      if (this.listeners.size > 0 && !this.current) this.get().catch(() => undefined);
    }, delay);
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

/** Whether two snapshots hold the same data: the table's cells, its place, the settings and names, the income tables. */
export function sameSnapshot(a: ExcelSnapshot, b: ExcelSnapshot): boolean {
  if (a.message !== b.message || JSON.stringify([a.choice, a.tableNames, a.settings, a.definedNames]) !== JSON.stringify([b.choice, b.tableNames, b.settings, b.definedNames])) {
    return false;
  }
  // Small tables: their JSON is cheap beside the position table's cell-by-cell comparison.
  if (JSON.stringify([a.cashFlows, a.reviewLogs, a.brokerLedger]) !== JSON.stringify([b.cashFlows, b.reviewLogs, b.brokerLedger])) return false;
  const s = a.table;
  const t = b.table;
  if (s === null || t === null) return s === t;
  if (s.headerRow !== t.headerRow || s.firstColumn !== t.firstColumn || JSON.stringify(s.source) !== JSON.stringify(t.source)) return false;
  return sameRow(s.header, t.header) && s.rows.length === t.rows.length && s.rows.every((row, i) => sameRow(row, t.rows[i]));
}

function sameRow(a: Cell[], b: Cell[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Subscribes the session to Excel's events, each in its own batch so that one refused
 * registration does not undo the others: cell edits (filtered by the snapshot's areas),
 * recalculations (ExcelApi 1.8; filtered by address where Excel gives one), tables added or
 * deleted (which can change which table is the position table). Resolves with the events that
 * could not be registered (empty when all were).
 */
export async function watchWorkbook(run: BatchRunner, cache: SnapshotCache, skip: ReadonlySet<WorkbookEvent> = new Set()): Promise<WorkbookEvent[]> {
  const failed: WorkbookEvent[] = [];
  for (const event of WORKBOOK_EVENTS) {
    if (skip.has(event)) continue;
    try {
      await run(async (context) => {
        subscribe(context.workbook, event, cache);
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one batch per event on purpose: a refused registration must not undo the others
        await context.sync();
      });
    } catch {
      failed.push(event);
    }
  }
  return failed;
}

export type WorkbookEvent = "changed" | "calculated" | "tableAdded" | "tableDeleted";
const WORKBOOK_EVENTS: WorkbookEvent[] = ["changed", "calculated", "tableAdded", "tableDeleted"];

function subscribe(workbook: Excel.Workbook, event: WorkbookEvent, cache: SnapshotCache): void {
  switch (event) {
    case "changed":
      workbook.worksheets.onChanged.add(async (e: Excel.WorksheetChangedEventArgs) => {
        cache.noticeChange({ worksheetId: e.worksheetId, address: e.address, changeType: e.changeType });
      });
      return;
    case "calculated":
      workbook.worksheets.onCalculated.add(async (e: Excel.WorksheetCalculatedEventArgs) => {
        cache.noticeCalculated({ worksheetId: e.worksheetId, address: e.address });
      });
      return;
    case "tableAdded":
      workbook.tables.onAdded.add(async () => cache.invalidate());
      return;
    case "tableDeleted":
      workbook.tables.onDeleted.add(async () => cache.invalidate());
      return;
  }
}

/**
 * Registers the events and, for any that Excel refused (a start-up race), tries again with
 * back-off until all are registered. Resolves when every event is registered.
 */
export async function watchUntilRegistered(run: BatchRunner, cache: SnapshotCache, timer: Timer = defaultTimer, delays: readonly number[] = RETRY_DELAYS_MS): Promise<void> {
  const done = new Set<WorkbookEvent>();
  for (let attempt = 0; ; attempt++) {
    const failed = await watchWorkbook(run, cache, done);
    for (const event of WORKBOOK_EVENTS) if (!failed.includes(event)) done.add(event);
    if (failed.length === 0) return;
    // Edits made before the registration were not seen: the snapshot may be stale.
    cache.invalidate();
    await new Promise<void>((resolve) => timer(resolve, delays[Math.min(attempt, delays.length - 1)]));
  }
}

/**
 * Excel.run with delayForCellEdit: a batch sent while the user types in a cell waits for Enter
 * instead of failing (Excel.RunOptions; Excel on the web has ignored it at times, office-js#3019,
 * which the retry covers).
 */
export const excelRun: BatchRunner = (batch) => Excel.run({ delayForCellEdit: true }, batch);

const SESSION_KEY = "__assignmentGuardWorkbookSession";

/**
 * The workbook's one session in the shared runtime: the formulas read through it and the task
 * pane does too; every write of the pane invalidates it. Kept on globalThis so a second copy of
 * this module (another bundle on the page) still finds the same session.
 */
export function workbookSnapshots(run: BatchRunner = excelRun): SnapshotCache {
  const holder = globalThis as unknown as Record<string, SnapshotCache | undefined>;
  const existing = holder[SESSION_KEY];
  if (existing) return existing;
  const cache = new SnapshotCache(() => run((context) => readSnapshot(context)));
  holder[SESSION_KEY] = cache;
  // Without events the values still come right on the next new formula or F9 (fresh reads).
  watchUntilRegistered(run, cache).catch(() => undefined);
  return cache;
}
