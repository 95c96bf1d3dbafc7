import { CashFlow } from "../../src/core/cashflows";
import { canWithdraw, computeIncome, formatDollars, IncomeRequest, incomeOverMonths } from "../../src/core/income";
import { IncomeEvent } from "../../src/core/income-table";
import { LogEntry } from "../../src/core/review-log";
import { day, logEntry, settings } from "../helpers/income";

const D = day("2026-11-27");
const MONTHS = ["2025-11", "2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"];
const ev = (date: string, dollars: number): IncomeEvent => ({ date: day(date), cents: Math.round(dollars * 100), row: null, what: "opening premium" });
/** One event on the 10th of each of the 12 months. */
const year = (dollars: number[]): IncomeEvent[] => dollars.map((d, i) => ev(`${MONTHS[i]}-10`, d));
const flow = (date: string, kind: CashFlow["kind"], dollars: number, planned: boolean | null = null, row = 2): CashFlow => ({
  row,
  date: day(date),
  kind,
  cents: Math.round(dollars * 100),
  planned,
});

function income(over: Partial<IncomeRequest> = {}, raw: Parameters<typeof settings>[0] = {}) {
  return computeIncome({
    asOf: D,
    settings: settings({ withdrawal: 2000, reserve: 20000, ...raw }),
    accountCents: 10_000_000,
    cashCents: 4_000_000,
    events: year(Array(12).fill(3000)),
    flows: [],
    log: [],
    ...over,
  });
}

describe("INCOME.md figure 1: monthly income", () => {
  test("the 12 complete months before D's month, oldest first, and D's month as month to date", () => {
    const f = income({ events: [ev("2025-10-31", 999), ev("2025-11-01", 100), ev("2026-10-31", 200), ev("2026-11-01", 30), ev("2026-11-27", 4)] });
    expect(f.months.map((m) => m.month)).toEqual(MONTHS);
    expect(f.months[0].cents).toBe(10_000);
    expect(f.months[11].cents).toBe(20_000);
    expect(f.monthToDateCents).toBe(3_400);
    expect(f.t12Cents).toBe(30_000);
  });

  test("amounts dated after D enter no month and are said", () => {
    const f = income({ events: [ev("2026-11-28", 50), ev("2026-11-02", 10)] });
    expect(f.monthToDateCents).toBe(1_000);
    expect(f.notes.join(" ")).toMatch(/1 amount dated after the review date is left out/);
  });

  test("Income cash flows are income; deposits and withdrawals never are", () => {
    const f = income({ events: [], flows: [flow("2026-03-05", "income", 45.1), flow("2026-03-06", "deposit", 10000), flow("2026-03-07", "withdrawal", 500)] });
    expect(f.months[4]).toEqual({ month: "2026-03", cents: 4_510 });
    expect(f.t12Cents).toBe(4_510);
  });
});

describe("INCOME.md figure 2: T12, average month and history", () => {
  test("average month = T12 / 12 rounded down to the cent", () => {
    const f = income({ events: [ev("2026-01-10", 100.11)] });
    expect(f.t12Cents).toBe(10_011);
    expect(f.averageMonthCents).toBe(834); // 834.25 cents
  });

  test("a losing year's average rounds down too (away from 0)", () => {
    expect(income({ events: [ev("2026-01-10", -0.01)] }).averageMonthCents).toBe(-1);
  });

  test("fewer than 12 months of history: the average is still T12 / 12, and history counts months since the first income", () => {
    const f = income({ events: [ev("2026-08-03", 3000), ev("2026-09-03", 3000), ev("2026-10-03", 3000)] });
    expect(f.historyMonths).toBe(3);
    expect(f.t12Cents).toBe(900_000);
    expect(f.averageMonthCents).toBe(75_000);
    expect(f.fragileReasons).toEqual(["3 months of history"]);
  });

  test("history is at most 12, and 0 when the first income is this month", () => {
    expect(income({ events: [ev("2020-01-10", 1), ...year(Array(12).fill(1))] }).historyMonths).toBe(12);
    const f = income({ events: [ev("2026-11-03", 500)] });
    expect(f.historyMonths).toBe(0);
    expect(f.fragileReasons).toEqual(["0 months of history"]);
  });
});

describe("INCOME.md figure 3: predictable or fragile", () => {
  test("predictable with 12 months, none below 0, lowest at least half the average", () => {
    const f = income();
    expect(f.predictable).toBe(true);
    expect(f.fragileReasons).toEqual([]);
  });

  test("exactly half the average is predictable", () => {
    // 11 x 3,000 + 1,434.78 = 34,434.78; average 2,869.56; half 1,434.78.
    const f = income({ events: year([...Array(11).fill(3000), 1434.78]) });
    expect(f.averageMonthCents).toBe(286_956);
    expect(f.predictable).toBe(true);
  });

  test("a lowest month one cent under half the average is fragile, with the reason", () => {
    const f = income({ events: year([...Array(11).fill(3000), 1400]) });
    // average 2,866.66, half 1,433.33 > 1,400.
    expect(f.predictable).toBe(false);
    expect(f.fragileReasons).toEqual(["lowest month $1,400 is under half the average"]);
    const g = income({ events: year([...Array(11).fill(3000), 400]) });
    expect(g.fragileReasons).toEqual(["lowest month $400 is under half the average"]);
  });

  test("losing months are counted: each reason that applies", () => {
    const f = income({ events: [ev("2026-06-10", 3000), ev("2026-07-10", -100), ev("2026-08-10", -200)] });
    expect(f.fragileReasons).toEqual(["5 months of history", "2 losing months"]);
  });

  test("formatDollars writes cents only when there are some", () => {
    expect([formatDollars(40_000), formatDollars(145_833), formatDollars(-40_000), formatDollars(5)]).toEqual(["$400", "$1,458.33", "-$400", "$0.05"]);
  });
});

describe("INCOME.md figure 4: coverage", () => {
  test("coverage = average month / IncomeTarget", () => {
    expect(income().coverage).toBe(1);
    expect(income({}, { incomeTarget: 4000 }).coverage).toBe(0.75);
  });
  test("without IncomeTarget coverage is null (the inputs ask for it)", () => {
    expect(income({}, { incomeTarget: null }).coverage).toBeNull();
  });
});

describe("INCOME.md figure 5: the ceiling and the capital test", () => {
  const log = (date: string, account: number, row = 2): LogEntry => logEntry(date, { accountCents: account * 100 }, row);

  test("ceiling = CSP_PayoutRatio x average month, rounded down", () => {
    expect(income({}, { payoutRatio: 0.6 }).ceilingCents).toBe(180_000);
    expect(income({ events: year(Array(12).fill(0.03)) }).ceilingCents).toBe(2); // 0.75 x 3 cents = 2.25
  });

  test("the ceiling is at least 0", () => {
    expect(income({ events: year(Array(12).fill(-100)) }).ceilingCents).toBe(0);
  });

  test("capital kept: account now at least the account 12 months ago plus deposits since", () => {
    const f = income({ log: [log("2025-11-27", 95_000)], flows: [flow("2026-02-01", "deposit", 5000)] });
    expect(f.capitalTest).toBe("kept");
    expect(f.ceilingCents).toBe(225_000);
  });

  test("capital not kept: the ceiling is 0, and the withdrawal is over by all of it", () => {
    const f = income({ log: [log("2025-11-27", 95_000)], flows: [flow("2026-02-01", "deposit", 5000.01)] });
    expect(f.capitalTest).toBe("not kept");
    expect(f.ceilingCents).toBe(0);
    expect(f.overCeilingCents).toBe(200_000);
    expect(f.notes.join(" ")).toMatch(/Capital test not kept/);
  });

  test("deposits on the log row's own date are before it; withdrawals do not lower the bar", () => {
    const f = income({ log: [log("2025-11-27", 100_000)], flows: [flow("2025-11-27", "deposit", 5000), flow("2026-05-01", "withdrawal", 5000)] });
    expect(f.capitalTest).toBe("kept");
  });

  test("the log row closest to D - 365 on or before it is used", () => {
    const f = income({ log: [log("2025-10-30", 200_000, 2), log("2025-11-20", 99_000, 3), log("2025-11-28", 300_000, 4)] });
    expect(f.capitalTestRow?.row).toBe(3);
    expect(f.capitalTest).toBe("kept");
  });

  test("the 35-day window: a row 35 days before D - 365 is used; 36 days before, the test is unknown", () => {
    // D - 365 = 2025-11-27; 35 days before is 2025-10-23, 36 days before is 2025-10-22.
    expect(income({ log: [log("2025-10-23", 99_000)] }).capitalTest).toBe("kept");
    const f = income({ log: [log("2025-10-22", 99_000)] });
    expect(f.capitalTest).toBe("unknown");
    expect(f.ceilingCents).toBe(225_000);
    expect(f.notes.join(" ")).toMatch(/Capital test unknown/);
  });

  test("without AccountValue the capital test is unknown", () => {
    expect(income({ accountCents: null, log: [log("2025-11-27", 1)] }).capitalTest).toBe("unknown");
  });
});

describe("INCOME.md figure 6: the withdrawal check", () => {
  test("a planned Withdrawal above the ceiling is over by the difference; 0 when within", () => {
    expect(income({}, { withdrawal: 2250 }).overCeilingCents).toBe(0);
    expect(income({}, { withdrawal: 2250.01 }).overCeilingCents).toBe(1);
  });

  test("withdrawals of the last 12 months are totalled against 12 x the ceiling", () => {
    const flows = [flow("2025-10-31", "withdrawal", 9999), ...MONTHS.map((m) => flow(`${m}-01`, "withdrawal", 2250)), flow("2026-11-02", "withdrawal", 100)];
    const f = income({ flows });
    expect(f.withdrawnT12Cents).toBe(2_700_000);
    expect(f.withdrawnOverCeiling).toBe(false); // exactly 12 x 2,250
    const g = income({ flows: [...flows, flow("2026-05-05", "withdrawal", 0.01)] });
    expect(g.withdrawnOverCeiling).toBe(true);
  });

  test("unplanned withdrawals (Planned = N) are listed, this month's too; planned and blank ones are not", () => {
    const f = income({
      flows: [
        flow("2025-10-31", "withdrawal", 1, false, 2),
        flow("2026-02-01", "withdrawal", 800, false, 3),
        flow("2026-03-01", "withdrawal", 900, true, 4),
        flow("2026-04-01", "withdrawal", 700, null, 5),
        flow("2026-11-20", "withdrawal", 300, false, 6),
      ],
    });
    expect(f.unplannedWithdrawals.map((u) => u.row)).toEqual([3, 6]);
  });

  test("CANWITHDRAW: this month's withdrawals so far + amount <= the ceiling", () => {
    const flows = [flow("2026-11-03", "withdrawal", 2000), flow("2026-10-03", "withdrawal", 2000)];
    const f = income({ flows });
    expect(canWithdraw(f, flows, D, 25_000)).toBe(true); // 2,000 + 250 = 2,250 exactly
    expect(canWithdraw(f, flows, D, 25_001)).toBe(false);
  });
});

describe("INCOME.md figure 7: raises", () => {
  const w = (date: string, withdrawal: number, row: number) => logEntry(date, { withdrawalCents: withdrawal * 100 }, row);

  test("exactly 1.10 x the lowest planned withdrawal of the last 365 days is no flag", () => {
    expect(income({ log: [w("2026-01-05", 2000, 2), w("2026-06-01", 2100, 3)] }, { withdrawal: 2200 }).raisedTooFast).toBeNull();
  });

  test("one cent more than 1.10 x the lowest is raised too fast", () => {
    const f = income({ log: [w("2026-01-05", 2000, 2), w("2026-06-01", 2100, 3)] }, { withdrawal: 2200.01 });
    expect(f.raisedTooFast).toEqual({ lowestCents: 200_000, row: 2 });
  });

  test("log rows older than 365 days do not count; exactly 365 days do", () => {
    expect(income({ log: [w("2025-11-26", 1000, 2), w("2026-06-01", 2000, 3)] }, { withdrawal: 2200 }).raisedTooFast).toBeNull();
    expect(income({ log: [w("2025-11-27", 1000, 2), w("2026-06-01", 2000, 3)] }, { withdrawal: 2200 }).raisedTooFast).toEqual({ lowestCents: 100_000, row: 2 });
  });

  test("higher than the previous log row's while coverage is below 1 is flagged", () => {
    const f = income({ log: [w("2026-11-20", 1900, 2)] }, { withdrawal: 2000, incomeTarget: 3000.01, reserve: 24000 });
    expect(f.raisedWhileShort).toEqual({ previousCents: 190_000, row: 2, because: "income covers less than the target" });
  });

  test("higher than the previous log row's while the reserve is short is flagged", () => {
    const f = income({ log: [w("2026-11-20", 1900, 2)] }, { withdrawal: 2000, reserve: 23_999.99 });
    expect(f.raisedWhileShort?.because).toBe("the reserve is short");
  });

  test("no flag when coverage is 1 and the reserve is full, or when the withdrawal did not go up", () => {
    expect(income({ log: [w("2026-11-20", 1900, 2)] }, { withdrawal: 2000, reserve: 24000 }).raisedWhileShort).toBeNull();
    expect(income({ log: [w("2026-11-20", 2000, 2)] }, { withdrawal: 2000, incomeTarget: 9000 }).raisedWhileShort).toBeNull();
  });

  test("old log rows without a Withdrawal column give no comparison", () => {
    const f = income({ log: [logEntry("2026-11-20", { accountCents: 1 })] }, { withdrawal: 2000, incomeTarget: 9000 });
    expect(f.raisedWhileShort).toBeNull();
    expect(f.raisedTooFast).toBeNull();
  });
});

describe("INCOME.md figure 8: reserve runway", () => {
  test("runway = Reserve / Withdrawal; short of CSP_ReserveMonths by the shortfall in dollars", () => {
    const f = income();
    expect([f.reserveMonths, f.reserveShort, f.reserveShortfallCents]).toEqual([10, true, 400_000]);
  });
  test("exactly CSP_ReserveMonths of withdrawals is not short", () => {
    const f = income({}, { reserve: 24000 });
    expect([f.reserveMonths, f.reserveShort, f.reserveShortfallCents]).toEqual([12, false, 0]);
  });
  test("runway rounds down: 23,999.99 / 2,000 is 11.99 months", () => {
    expect(income({}, { reserve: 23_999.99 }).reserveMonths).toBe(11.99);
  });
  test("no runway when no withdrawal is planned", () => {
    const f = income({}, { withdrawal: 0 });
    expect([f.reserveMonths, f.reserveShort, f.reserveShortfallCents]).toEqual([null, false, 0]);
  });
});

describe("INCOME.md figure 9: income replaced", () => {
  test("Withdrawal / IncomeTarget beside ceiling / IncomeTarget", () => {
    expect(income().incomeReplaced).toEqual({ withdrawal: 2000 / 3000, sustainable: 0.75 });
    expect(income({}, { incomeTarget: null }).incomeReplaced).toEqual({ withdrawal: null, sustainable: null });
  });
});

describe("CSP.INCOME([months])", () => {
  test("income over the last n complete months", () => {
    const events = [ev("2026-10-05", 100), ev("2026-09-05", 10), ev("2021-12-05", 1), ev("2026-11-05", 1000)];
    expect(incomeOverMonths(events, [], D, 1)).toBe(10_000);
    expect(incomeOverMonths(events, [], D, 2)).toBe(11_000);
    expect(incomeOverMonths(events, [], D, 60)).toBe(11_100);
  });
});
