import { isoWeekLabel, isoWeekday, monthLabel, monthOf, monthOfByDate, weekStart } from "../../src/core/calendar";
import { CashFlow } from "../../src/core/cashflows";
import { computeDiscipline, DisciplineNow, DisciplineRequest, incomeFlags } from "../../src/core/discipline";
import { computeIncome } from "../../src/core/income";
import { IncomeEvent } from "../../src/core/income-table";
import { LogEntry } from "../../src/core/review-log";
import { day, logEntry, settings } from "../helpers/income";

const D = day("2026-11-27"); // a Friday in 2026-W48
const now = (over: Partial<DisciplineNow> = {}): DisciplineNow => ({
  accountCents: 10_000_000,
  exposureCents: 2_500_000,
  highVixCap: 0.45,
  concentrationLimit: 0.1,
  underlyings: 3,
  strategies: ["short put"],
  ...over,
});
function discipline(log: LogEntry[], over: Partial<DisciplineRequest> = {}) {
  return computeDiscipline({ asOf: D, log, flows: [], now: now(), income: null, ...over });
}
const kinds = (d: ReturnType<typeof discipline>) => d.flags.map((f) => f.kind);
let nextRow = 2;
const row = (date: string, fields: Partial<LogEntry> = {}) => logEntry(date, fields, nextRow++);
const flow = (date: string, kind: CashFlow["kind"], dollars: number): CashFlow => ({ row: 2, date: day(date), kind, cents: dollars * 100, planned: null });

describe("ISO weeks and months of serial days", () => {
  test("the month of a day by integer arithmetic equals the calendar's, every day from 1900 to 2200", () => {
    const wrong: number[] = [];
    for (let serial = 61; serial <= 109_573; serial++) if (monthOf(serial) !== monthOfByDate(serial)) wrong.push(serial);
    expect(wrong).toEqual([]);
    expect(monthLabel(monthOf(day("2026-11-27")))).toBe("2026-11");
    expect(monthLabel(monthOf(day("2024-02-29")))).toBe("2024-02");
  });

  test("weekdays, week labels and months", () => {
    expect(isoWeekday(day("2026-11-23"))).toBe(1);
    expect(isoWeekday(day("2026-11-29"))).toBe(7);
    expect(isoWeekLabel(D)).toBe("2026-W48");
    expect(isoWeekLabel(day("2027-01-01"))).toBe("2026-W53");
    expect(isoWeekLabel(day("2027-01-04"))).toBe("2027-W01");
    expect(isoWeekLabel(day("2025-12-29"))).toBe("2026-W01");
    expect(isoWeekLabel(day("2025-12-28"))).toBe("2025-W52");
    expect(isoWeekLabel(day("2021-01-03"))).toBe("2020-W53");
    expect(weekStart(day("2027-01-03"))).toBe(day("2026-12-28"));
    expect(monthLabel(monthOf(day("2026-11-27")))).toBe("2026-11");
    expect(monthLabel(monthOf(day("2026-01-01")) - 1)).toBe("2025-12");
  });
});

describe("INCOME.md Discipline 1: review streak", () => {
  test("consecutive ISO weeks ending with D's week; the review being made counts for its own week", () => {
    expect(discipline([]).streakWeeks).toBe(1);
    const d = discipline([row("2026-10-30"), row("2026-11-13"), row("2026-11-16"), row("2026-11-20")]);
    expect(d.streakWeeks).toBe(3);
    expect(d.missedWeeks).toEqual(["2026-W45"]);
  });

  test("missed weeks among the last 12 are listed, from the first logged review on", () => {
    const d = discipline([row("2026-08-03"), row("2026-09-28"), row("2026-11-20")]);
    // Last 12 weeks: W37 to W48. Reviews in W40, W47 and this one in W48.
    expect(d.missedWeeks).toEqual(["2026-W37", "2026-W38", "2026-W39", "2026-W41", "2026-W42", "2026-W43", "2026-W44", "2026-W45", "2026-W46"]);
    const young = discipline([row("2026-11-06")]);
    expect(young.missedWeeks).toEqual(["2026-W46", "2026-W47"]);
  });

  test("ISO week 53: reviews in 2026-W52 and 2026-W53 continue into 2027-W01", () => {
    const d = computeDiscipline({ asOf: day("2027-01-06"), log: [row("2026-12-22"), row("2027-01-01")], flows: [], now: now(), income: null });
    expect(d.streakWeeks).toBe(3);
    expect(d.missedWeeks).toEqual([]);
    const gap = computeDiscipline({ asOf: day("2027-01-06"), log: [row("2026-12-22")], flows: [], now: now(), income: null });
    expect(gap.streakWeeks).toBe(1);
    expect(gap.missedWeeks).toEqual(["2026-W53"]);
  });

  test("year boundary: 2025-12-29 is in the same ISO week as 2026-01-01 and counts once", () => {
    const d = computeDiscipline({ asOf: day("2026-01-01"), log: [row("2025-12-24"), row("2025-12-29")], flows: [], now: now(), income: null });
    expect(d.streakWeeks).toBe(2);
  });

  test("log rows dated after D are ignored", () => {
    expect(discipline([row("2026-12-04")]).streakWeeks).toBe(1);
  });
});

describe("INCOME.md Discipline 2: risk raised after a loss", () => {
  const P = (fields: Partial<LogEntry> = {}) => row("2026-11-20", { accountCents: 10_000_000, exposureCents: 2_500_000, ...fields });

  test("risk-after-loss: the period lost money and exposure as % of account rose by more than 5 points", () => {
    const d = discipline([P()], { now: now({ accountCents: 9_900_000, exposureCents: 3_020_000 }) });
    expect(d.periodLost).toBe(true);
    expect(kinds(d)).toEqual(["risk-after-loss"]);
    expect(d.flags[0].message).toMatch(/from 25% to 30.5% of the account/);
  });

  test("exactly 5 points after a loss is no flag", () => {
    // 29,700 / 99,000 = 30% exactly, 25% before.
    expect(kinds(discipline([P()], { now: now({ accountCents: 9_900_000, exposureCents: 2_970_000 }) }))).toEqual([]);
  });

  test("no flag when the period did not lose money: withdrawals since P are not a loss", () => {
    const d = discipline([P()], { now: now({ accountCents: 9_900_000, exposureCents: 3_020_000 }), flows: [flow("2026-11-24", "withdrawal", 1000)] });
    expect(d.periodLost).toBe(false);
    expect(kinds(d)).toEqual([]);
  });

  test("deposits since P do not hide a loss", () => {
    const d = discipline([P()], { now: now({ accountCents: 10_100_000, exposureCents: 3_200_000 }), flows: [flow("2026-11-24", "deposit", 2000)] });
    expect(d.periodLost).toBe(true);
    expect(kinds(d)).toEqual(["risk-after-loss"]);
  });

  test("P's exposure % comes from its % column when its money columns are missing", () => {
    const d = discipline([row("2026-11-20", { accountCents: 10_000_000, exposurePct: 0.25 })], { now: now({ accountCents: 9_900_000, exposureCents: 3_020_000 }) });
    expect(kinds(d)).toEqual(["risk-after-loss"]);
  });

  // Four periods: r1 -> r2 -> r3 -> r4 -> now.
  const history = (firstLoss: boolean, netFlowsAtR2: number | null = null) => [
    row("2026-10-30", { accountCents: 10_000_000 }),
    row("2026-11-06", { accountCents: firstLoss ? 9_000_000 : 10_100_000, netFlowsCents: netFlowsAtR2 }),
    row("2026-11-13", { accountCents: 10_200_000 }),
    row("2026-11-20", { accountCents: 10_300_000, highVixCap: 0.45, concentrationLimit: 0.1 }),
  ];

  test("limits-raised-after-loss: the high-VIX cap or concentration limit is higher than at P while one of the last 4 periods lost money", () => {
    const d = discipline(history(true), { now: now({ accountCents: 10_400_000, highVixCap: 0.5, concentrationLimit: 0.12 }) });
    expect(kinds(d)).toEqual(["limits-raised-after-loss", "limits-raised-after-loss"]);
    expect(d.flags[0].message).toMatch(/the high-VIX cap from 45% to 50%/);
    expect(d.flags[1].message).toMatch(/the concentration limit from 10% to 12%/);
  });

  test("no flag when none of the last 4 periods lost money (a loss 5 periods back is too old)", () => {
    const five = [row("2026-10-23", { accountCents: 11_000_000 }), ...history(false)];
    expect(kinds(discipline(five, { now: now({ accountCents: 10_400_000, highVixCap: 0.5 }) }))).toEqual([]);
  });

  test("a period's own Net flows column explains a drop: a withdrawal is not a loss", () => {
    expect(kinds(discipline(history(true, -1_000_000), { now: now({ accountCents: 10_400_000, highVixCap: 0.5 }) }))).toEqual([]);
  });

  test("limits unchanged after a loss: no flag", () => {
    expect(kinds(discipline(history(true), { now: now({ accountCents: 10_400_000 }) }))).toEqual([]);
  });
});

describe("INCOME.md Discipline 3: same system, larger", () => {
  test("new-strategy: a strategy open now that no log row of the last 12 weeks had, by name", () => {
    const d = discipline([row("2026-09-06", { strategies: ["short call"] }), row("2026-09-07", { strategies: ["short put"] })], {
      now: now({ strategies: ["short call", "short put"] }),
    });
    expect(kinds(d)).toEqual(["new-strategy"]);
    expect(d.flags[0].message).toMatch(/New strategy 'short call'/);
  });

  test("no strategies recorded in the last 12 weeks: nothing to compare, said", () => {
    const d = discipline([row("2026-11-20")], { now: now({ strategies: ["short call"] }) });
    expect(kinds(d)).toEqual([]);
    expect(d.notes.join(" ")).toMatch(/new strategies cannot be told/);
  });

  const counts = (...n: number[]) => n.map((u, i) => row(`2026-11-${String(2 + i).padStart(2, "0")}`, { underlyings: u }));

  test("more-underlyings: above 1.5 x the median of the last 12 weeks' rows", () => {
    expect(kinds(discipline(counts(4, 4, 4, 4), { now: now({ underlyings: 6 }) }))).toEqual([]); // exactly 1.5 x
    expect(kinds(discipline(counts(4, 4, 4, 4), { now: now({ underlyings: 7 }) }))).toEqual(["more-underlyings"]);
    // Even count: median of 2, 3, 5, 6 is 4.
    expect(kinds(discipline(counts(6, 2, 5, 3), { now: now({ underlyings: 6 }) }))).toEqual([]);
    expect(kinds(discipline(counts(6, 2, 5, 3), { now: now({ underlyings: 7 }) }))).toEqual(["more-underlyings"]);
  });

  test("fewer than 4 rows: no median, no flag", () => {
    expect(kinds(discipline(counts(1, 1, 1), { now: now({ underlyings: 9 }) }))).toEqual([]);
  });
});

describe("INCOME.md Discipline 4: over-budget weeks", () => {
  test("log rows of the last 12 weeks that were over budget, as ISO weeks", () => {
    const d = discipline([
      row("2026-08-28", { withinCap: false }),
      row("2026-10-02", { exposureCents: 3_100_000, budgetCents: 3_000_000 }),
      row("2026-10-03", { withinCap: false }),
      row("2026-11-13", { withinCap: true }),
      row("2026-11-20", { overBudgetRows: 2 }),
    ]);
    expect(d.overBudgetWeeks).toEqual(["2026-W40", "2026-W47"]);
  });
});

describe("INCOME.md withdrawal and reserve checks as discipline flags", () => {
  const months = ["2025-11", "2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"];
  const events: IncomeEvent[] = months.map((m) => ({ date: day(`${m}-10`), cents: 300_000, row: null, what: "opening premium" }));
  const figures = (raw: Parameters<typeof settings>[0], flows: CashFlow[] = [], log: LogEntry[] = []) =>
    computeIncome({ asOf: D, settings: settings({ reserve: 100_000, ...raw }), accountCents: 10_000_000, cashCents: null, events, flows, log });

  test("withdrawal-over-ceiling: the planned withdrawal above the ceiling, with the amount over", () => {
    const flags = incomeFlags(figures({ withdrawal: 2300 }));
    expect(flags.map((f) => f.kind)).toEqual(["withdrawal-over-ceiling"]);
    expect(flags[0].message).toMatch(/\$2,300 is \$50 over the sustainable \$2,250/);
  });

  test("withdrawal-over-ceiling: withdrawals of the last 12 months above 12 x the ceiling", () => {
    const flows = months.map((m) => ({ ...flow(`${m}-01`, "withdrawal", 2300), planned: true }));
    const flags = incomeFlags(figures({ withdrawal: 2000 }, flows));
    expect(flags.map((f) => f.kind)).toEqual(["withdrawal-over-ceiling"]);
    expect(flags[0].message).toMatch(/\$27,600, are more than 12 x the sustainable \$2,250 \(\$27,000\)/);
  });

  test("withdrawal-raised-too-fast", () => {
    const flags = incomeFlags(figures({ withdrawal: 2000 }, [], [row("2026-03-02", { withdrawalCents: 150_000 }), row("2026-11-20", { withdrawalCents: 2_000_00 })]));
    expect(flags.map((f) => f.kind)).toEqual(["withdrawal-raised-too-fast"]);
  });

  test("withdrawal-raised-while-short", () => {
    const flags = incomeFlags(figures({ withdrawal: 2000, incomeTarget: 4000 }, [], [row("2026-11-20", { withdrawalCents: 190_000 })]));
    expect(flags.map((f) => f.kind)).toEqual(["withdrawal-raised-while-short"]);
  });

  test("reserve-short", () => {
    const flags = incomeFlags(figures({ withdrawal: 2000, reserve: 20000 }));
    expect(flags).toEqual([{ kind: "reserve-short", message: expect.stringMatching(/10 months of withdrawals, short of the target by \$4,000/) }]);
  });

  test("unplanned-withdrawal, one flag each", () => {
    const flows = [{ ...flow("2026-06-01", "withdrawal", 500), planned: false, row: 7 }];
    const flags = incomeFlags(figures({ withdrawal: 0 }, flows));
    expect(flags).toEqual([{ kind: "unplanned-withdrawal", message: expect.stringMatching(/Unplanned withdrawal of \$500 \(CashFlows row 7\)/) }]);
  });

  test("computeDiscipline carries the income flags after its own, in the order of the kinds", () => {
    const f = figures({ withdrawal: 2300, reserve: 0 });
    const d = discipline([row("2026-11-20", { strategies: ["short put"] })], { income: f, now: now({ strategies: ["short put", "long call"] }) });
    expect(kinds(d)).toEqual(["new-strategy", "withdrawal-over-ceiling", "reserve-short"]);
  });
});
