import { FormulaError, FormulaResult, NO_TABLE_MESSAGE, WorkbookContext } from "../core/formulas";
import { serialForLocalDay } from "../core/cells";
import { WorkbookSnapshot } from "../host/workbook-host";

/**
 * The bridge between Excel's custom-function calls and the pure formulas of src/core: every
 * CSP function is a streaming function that computes from the shared workbook snapshot and
 * computes again, with one new read for all of them, whenever the snapshot is invalidated.
 */

/** Where the formulas get the workbook: src/excel/snapshot-cache.ts in Excel, a fixture in tests. */
export interface SnapshotSource {
  get(): Promise<WorkbookSnapshot>;
  /** A read that starts after the call: what a new invocation (a new formula, F9) answers from. */
  fresh?(): Promise<WorkbookSnapshot>;
  onInvalidate(listener: () => void): () => void;
}

/** A read refused for now and being retried (src/excel/snapshot-cache.ts ReadPending). */
function pendingRead(error: unknown): { cellEdit: boolean; message: string } | null {
  if (!(error instanceof Error) || error.name !== "ReadPending") return null;
  return { cellEdit: (error as Error & { cellEdit?: boolean }).cellEdit === true, message: error.message };
}

/** What a streaming call needs of Excel's invocation object. */
export type Invocation<T> = Pick<CustomFunctions.StreamingInvocation<T>, "setResult" | "onCanceled">;

// Looked up when an error is made, not at import: outside Excel there is no CustomFunctions.
function errorCode(kind: FormulaError["kind"]): CustomFunctions.ErrorCode {
  switch (kind) {
    case "value":
      return CustomFunctions.ErrorCode.invalidValue;
    case "num":
      return CustomFunctions.ErrorCode.invalidNumber;
    case "na":
      return CustomFunctions.ErrorCode.notAvailable;
  }
}

/**
 * A core error as the error value Excel shows, with the message in the cell's error tip. Excel
 * shows a custom message only with #VALUE! and #N/A and drops it from #NUM! (office-js#2885), so
 * a number out of range ("VIX must be a number above 0") is #VALUE! with its message: an error
 * the user cannot read is no help.
 */
export function toExcelError(error: FormulaError): CustomFunctions.Error {
  const kind = error.kind === "num" ? "value" : error.kind;
  return new CustomFunctions.Error(errorCode(kind), error.message);
}

/** #NUM! without a message: only for a result that is not a finite number, which needs no explanation beyond the error. */
function notANumber(): CustomFunctions.Error {
  return new CustomFunctions.Error(errorCode("num"));
}

/** Any exception the code did not expect: #VALUE! with its message, never an unhandled rejection. */
export function unexpectedError(error: unknown): CustomFunctions.Error {
  const message = error instanceof Error ? error.message : String(error);
  return new CustomFunctions.Error(errorCode("value"), `Assignment Guard could not compute this: ${message}`);
}

/** A result as Excel takes it: the value, or an error value; never NaN or Infinity. */
export function toExcelResult<T>(result: FormulaResult<T>): T | CustomFunctions.Error {
  if (!result.ok) return toExcelError(result.error);
  if (typeof result.value === "number" && !Number.isFinite(result.value)) return notANumber();
  return result.value;
}

export class LiveFormulas {
  constructor(
    private readonly source: SnapshotSource,
    private readonly today: () => number = () => serialForLocalDay(new Date()),
  ) {}

  /**
   * Sets the invocation's result from a fresh read of the workbook (a new invocation follows a
   * recalculation, F9 included), then again whenever the workbook's data changes, until Excel
   * cancels it (the formula was deleted or its arguments changed). While a refused read is being
   * retried the formula keeps the value it has; one without a value yet waits (Excel shows
   * #BUSY!) during a cell edit, or shows #N/A saying it retries.
   */
  stream<T>(invocation: Invocation<T> | undefined, compute: (ctx: WorkbookContext) => FormulaResult<T>): void {
    if (!invocation) return;
    let latest = 0;
    let answered = false;
    const refresh = async (first: boolean) => {
      const mine = ++latest;
      let result: T | CustomFunctions.Error;
      try {
        const snapshot = await (first && this.source.fresh ? this.source.fresh() : this.source.get());
        result = toExcelResult(withSnapshotMessage(compute(contextOf(snapshot, this.today())), snapshot));
      } catch (error) {
        const pending = pendingRead(error);
        if (pending && (answered || pending.cellEdit)) return;
        result = pending ? new CustomFunctions.Error(errorCode("na"), `Waiting for Excel: ${pending.message}`) : unexpectedError(error);
      }
      // A slower, older computation must not overwrite a newer one.
      if (mine !== latest) return;
      invocation.setResult(result);
      answered = true;
    };
    const unsubscribe = this.source.onInvalidate(() => void refresh(false));
    invocation.onCanceled = () => {
      unsubscribe();
    };
    void refresh(true);
  }
}

/**
 * A formula that needs nothing from the workbook (VIXCAP with both arguments): answered at once,
 * without waiting for a read or a workbook at all.
 */
export function answerNow<T>(invocation: Invocation<T> | undefined, compute: (ctx: WorkbookContext) => FormulaResult<T>): void {
  if (!invocation) return;
  let result: T | CustomFunctions.Error;
  try {
    result = toExcelResult(compute({ table: null, inputs: {}, asOf: 0 }));
  } catch (error) {
    result = unexpectedError(error);
  }
  invocation.setResult(result);
}

function contextOf(snapshot: WorkbookSnapshot, asOf: number): WorkbookContext {
  return {
    table: snapshot.table,
    inputs: snapshot.settings.inputs,
    overrides: snapshot.settings.overrides,
    asOf,
    cashFlows: snapshot.cashFlows ?? null,
    reviewLogs: snapshot.reviewLogs ?? [],
    brokerLedger: snapshot.brokerLedger ?? null,
  };
}

/** The reader knows why there is no table (two candidates, a stored one gone): say that instead. */
function withSnapshotMessage<T>(result: FormulaResult<T>, snapshot: WorkbookSnapshot): FormulaResult<T> {
  if (!result.ok && result.error.message === NO_TABLE_MESSAGE && snapshot.message) {
    return { ok: false, error: { kind: result.error.kind, message: snapshot.message } };
  }
  return result;
}

let current: LiveFormulas | null = null;
let factory: (() => LiveFormulas) | null = null;

/** The formulas' live bridge; created on first use from the installed factory. */
export function liveFormulas(): LiveFormulas {
  if (current) return current;
  if (!factory) throw new Error("the workbook is not available: open this workbook in Excel with the add-in loaded");
  current = factory();
  return current;
}

/** Installs how the bridge is built (Excel's snapshot cache at start-up; a fixture in tests). */
export function installFormulaSource(make: () => LiveFormulas): void {
  factory = make;
  current = null;
}
