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
  onInvalidate(listener: () => void): () => void;
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

/** A core error as the error value Excel shows, with the message in the cell's error tip. */
export function toExcelError(error: FormulaError): CustomFunctions.Error {
  return new CustomFunctions.Error(errorCode(error.kind), error.message);
}

/** Any exception the code did not expect: #VALUE! with its message, never an unhandled rejection. */
export function unexpectedError(error: unknown): CustomFunctions.Error {
  const message = error instanceof Error ? error.message : String(error);
  return new CustomFunctions.Error(errorCode("value"), `Assignment Guard could not compute this: ${message}`);
}

/** A result as Excel takes it: the value, or an error value; never NaN or Infinity. */
export function toExcelResult<T>(result: FormulaResult<T>): T | CustomFunctions.Error {
  if (!result.ok) return toExcelError(result.error);
  if (typeof result.value === "number" && !Number.isFinite(result.value)) {
    return toExcelError({ kind: "num", message: "the result is not a finite number" });
  }
  return result.value;
}

export class LiveFormulas {
  constructor(
    private readonly source: SnapshotSource,
    private readonly today: () => number = () => serialForLocalDay(new Date()),
  ) {}

  /**
   * Sets the invocation's result now and after every invalidation until Excel cancels it
   * (the formula was deleted or its arguments changed).
   */
  stream<T>(invocation: Invocation<T> | undefined, compute: (ctx: WorkbookContext) => FormulaResult<T>): void {
    if (!invocation) return;
    let latest = 0;
    const refresh = async () => {
      const mine = ++latest;
      let result: T | CustomFunctions.Error;
      try {
        const snapshot = await this.source.get();
        result = toExcelResult(withSnapshotMessage(compute(contextOf(snapshot, this.today())), snapshot));
      } catch (error) {
        result = unexpectedError(error);
      }
      // A slower, older computation must not overwrite a newer one.
      if (mine === latest) invocation.setResult(result);
    };
    const unsubscribe = this.source.onInvalidate(() => void refresh());
    invocation.onCanceled = () => {
      unsubscribe();
    };
    void refresh();
  }
}

function contextOf(snapshot: WorkbookSnapshot, asOf: number): WorkbookContext {
  return { table: snapshot.table, inputs: snapshot.settings.inputs, overrides: snapshot.settings.overrides, asOf };
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
