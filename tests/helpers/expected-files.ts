/**
 * The team's expected-file format for real files (tests/fixtures/real/**\/NAME.expected.json) and
 * the one comparison of an expectation with what `review FILE --json ARGS` gave. Only the keys
 * present under `expect` are checked. Kept apart from any runner so that every runner (the broker
 * corpus, the whole corpus) compares the same way.
 */
import { expect } from "@jest/globals";
import type { ReviewJson } from "../../src/core/json";

export interface ExpectedFile {
  source: string;
  origin: string;
  args: string[];
  expect: Record<string, unknown>;
  worked: string;
}

/** What one run of the command line gave. */
export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Keys that read the run itself, so they are checked whatever the exit status. */
const RUN_KEYS = new Set(["exitCode", "stderr", "verdict"]);

/** What the review says for one expected key (the team's keys and the broker files' superset). */
export function actualFor(key: string, run: Run, json: ReviewJson): unknown {
  switch (key) {
    case "exitCode":
      return run.status;
    case "stderr":
      return run.stderr;
    case "verdict":
      // A file the command line refuses (exit 2) is unreadable: it never gets a headline.
      return run.status === 2 ? "unreadable" : json.verdict.state;
    case "countedRows":
      return json.rows.filter((r) => r.status === "counted").length;
    case "errorRows":
      return json.rows.filter((r) => r.status === "error").map((r) => r.row);
    case "excluded":
      return json.rows.flatMap((r) => (r.status === "excluded" ? [{ row: r.row, reason: r.reason }] : []));
    case "underlyings":
      return json.underlyings.map((u) => ({ underlying: u.underlying, exposure: u.exposure }));
    case "trades":
      return json.reading.history?.trades;
    case "openLots":
      return json.reading.history?.openLots;
    case "ledgerTotal": {
      const ledger = json.reading.history?.ledger ?? [];
      return ledger.reduce((cents, e) => cents + Math.round(e.amount * 100), 0) / 100;
    }
    default:
      return (json as unknown as Record<string, unknown>)[key];
  }
}

/** Checks one key: lists of objects and objects as subsets (a file checks what it names), stderr as a part, the rest exactly. */
export function checkKey(key: string, got: unknown, want: unknown): void {
  if (key === "stderr") expect(got).toContain(want as string);
  else if (key === "excluded" || key === "underlyings") expect(got).toEqual(expect.arrayContaining(want as unknown[]));
  else if (want !== null && typeof want === "object" && !Array.isArray(want)) expect(got).toMatchObject(want as object);
  else expect(got).toEqual(want);
}

/** Checks every key of an expected file against one run; a key that needs the JSON fails when the run did not give one. */
export function checkExpected(expected: ExpectedFile, run: Run): void {
  const json = run.status === 0 ? (JSON.parse(run.stdout) as ReviewJson) : null;
  for (const [key, want] of Object.entries(expected.expect)) {
    if (!RUN_KEYS.has(key) && json === null) throw new Error(`${key}: exit ${run.status}: ${run.stderr}`);
    if (key === "verdict" && json === null && run.status !== 2) throw new Error(`verdict: exit ${run.status}: ${run.stderr}`);
    checkKey(key, actualFor(key, run, json as ReviewJson), want);
  }
  // A refusal is one line naming what it looked at, never a stack trace.
  if (run.status === 2) expect(run.stderr.trim().split("\n")).toHaveLength(1);
}
