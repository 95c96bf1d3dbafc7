/**
 * The CustomFunctions global Excel's runtime provides, reduced to what the add-in uses:
 * Error keeps its code and message as the real class does, ErrorCode has the real values.
 */
export const ErrorCode = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
  busy: "#BUSY!",
} as const;

export class CustomFunctionsError extends Error {
  constructor(
    public readonly code: string,
    message?: string,
  ) {
    super(message);
    this.name = "CustomFunctions.Error";
  }
}

export function installCustomFunctionsStub(): void {
  (globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions = { Error: CustomFunctionsError, ErrorCode };
}

/** A streaming invocation as Excel hands it to a function: records every result set. */
export class FakeInvocation<T> {
  results: (T | CustomFunctionsError)[] = [];
  onCanceled?: () => void;
  setResult = (value: T | CustomFunctions.Error) => {
    this.results.push(value as T | CustomFunctionsError);
  };
  get last(): T | CustomFunctionsError | undefined {
    return this.results[this.results.length - 1];
  }
  /** Excel cancels an invocation when the formula is deleted or its arguments change. */
  cancel() {
    this.onCanceled?.();
  }
  asInvocation(): CustomFunctions.StreamingInvocation<T> {
    return this as unknown as CustomFunctions.StreamingInvocation<T>;
  }
}

/** Lets pending promise callbacks and zero-delay timers run. */
export async function settle(rounds = 3): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}
