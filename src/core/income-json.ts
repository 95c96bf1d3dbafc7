import { isoFromSerial } from "./cells";
import { CapitalTest, IncomeFigures } from "./income";
import { DisciplineFigures, DisciplineFlagKind } from "./discipline";

/** The `income` and `discipline` sections of `review --json` (issue 12 item 2): dollars, fractions, null when unknown. */

export interface IncomeJson {
  months: { month: string; income: number }[];
  monthToDate: number;
  t12: number;
  averageMonth: number;
  historyMonths: number;
  predictable: boolean;
  fragileReasons: string[];
  coverage: number | null;
  ceiling: number | null;
  capitalTest: CapitalTest;
  withdrawal: number | null;
  overCeiling: number | null;
  withdrawnT12: number;
  unplannedWithdrawals: { date: string; amount: number }[];
  reserveMonths: number | null;
  reserveShortfall: number | null;
  assignmentCash: number | null;
  incomeProblems: { row: number | null; column: string | null; cell: string | null; message: string }[];
}

export interface DisciplineJson {
  streakWeeks: number;
  missedWeeks: string[];
  overBudgetWeeks: string[];
  flags: { kind: DisciplineFlagKind; message: string }[];
}

const dollars = (cents: number | null): number | null => (cents === null ? null : cents / 100);
/** Six decimals, so JSON shows 0.972220, not 0.9722200000000001. */
const share = (x: number | null): number | null => (x === null ? null : Math.round(x * 1e6) / 1e6);

export function incomeToJson(f: IncomeFigures): IncomeJson {
  return {
    months: f.months.map((m) => ({ month: m.month, income: m.cents / 100 })),
    monthToDate: f.monthToDateCents / 100,
    t12: f.t12Cents / 100,
    averageMonth: f.averageMonthCents / 100,
    historyMonths: f.historyMonths,
    predictable: f.predictable,
    fragileReasons: [...f.fragileReasons],
    coverage: share(f.coverage),
    ceiling: dollars(f.ceilingCents),
    capitalTest: f.capitalTest,
    withdrawal: dollars(f.withdrawalCents),
    overCeiling: dollars(f.overCeilingCents),
    withdrawnT12: f.withdrawnT12Cents / 100,
    unplannedWithdrawals: f.unplannedWithdrawals.map((u) => ({ date: isoFromSerial(u.date), amount: u.cents / 100 })),
    reserveMonths: f.reserveMonths,
    reserveShortfall: dollars(f.reserveShortfallCents),
    assignmentCash: dollars(f.assignmentCashCents),
    incomeProblems: f.problems.map((p) => ({ row: p.row, column: p.column, cell: p.cell, message: p.message })),
  };
}

export function disciplineToJson(d: DisciplineFigures): DisciplineJson {
  return {
    streakWeeks: d.streakWeeks,
    missedWeeks: [...d.missedWeeks],
    overBudgetWeeks: [...d.overBudgetWeeks],
    flags: d.flags.map((f) => ({ kind: f.kind, message: f.message })),
  };
}
