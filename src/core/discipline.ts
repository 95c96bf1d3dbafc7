import { isoWeekLabel, weekStart, weeksEndingWith } from "./calendar";
import { CashFlow, netFlowsBetween } from "./cashflows";
import { formatDollars, IncomeFigures } from "./income";
import { toPpm } from "./income-inputs";
import { LogEntry, logRowOverBudget } from "./review-log";

/** INCOME.md "Discipline": what the Review Log says about the operator's weekly process. */

export type DisciplineFlagKind =
  | "risk-after-loss"
  | "limits-raised-after-loss"
  | "new-strategy"
  | "more-underlyings"
  | "withdrawal-over-ceiling"
  | "withdrawal-raised-too-fast"
  | "withdrawal-raised-while-short"
  | "reserve-short"
  | "unplanned-withdrawal";

/** Each flag's name in plain words, for a heading or a list (the message says what happened and what to do). */
export const FLAG_TITLES: Record<DisciplineFlagKind, string> = {
  "risk-after-loss": "Risk raised after a loss",
  "limits-raised-after-loss": "Limits raised after a loss",
  "new-strategy": "New strategy",
  "more-underlyings": "Many more underlyings",
  "withdrawal-over-ceiling": "Withdrawal over the sustainable amount",
  "withdrawal-raised-too-fast": "Withdrawal raised too fast",
  "withdrawal-raised-while-short": "Withdrawal raised while short",
  "reserve-short": "Reserve short",
  "unplanned-withdrawal": "Unplanned withdrawal",
};

export interface DisciplineFlag {
  kind: DisciplineFlagKind;
  /** Plain words: what happened and what to do. */
  message: string;
}

/** This review's own figures, compared with the log. */
export interface DisciplineNow {
  accountCents: number | null;
  exposureCents: number;
  highVixCap: number | null;
  concentrationLimit: number | null;
  /** Number of underlyings with exposure now. */
  underlyings: number;
  /** Lower-case strategies open now (openStrategies). */
  strategies: readonly string[];
}

export interface DisciplineRequest {
  /** Review date D, an Excel serial day. */
  asOf: number;
  /** The Review Log history, oldest first (readReviewLog); rows after D are ignored. */
  log: readonly LogEntry[];
  flows: readonly CashFlow[];
  now: DisciplineNow;
  /** The income figures, whose withdrawal and reserve checks become flags; null to leave them out. */
  income: IncomeFigures | null;
}

export interface DisciplineFigures {
  /** Consecutive ISO weeks ending with D's week that hold a review (this one counts). */
  streakWeeks: number;
  /** ISO weeks among the last 12 with no review, since the first logged review: "2026-W45". */
  missedWeeks: string[];
  /** ISO weeks among the last 12 whose log rows were over budget. */
  overBudgetWeeks: string[];
  /** Whether the period since the previous log row lost money; null when it cannot be told. */
  periodLost: boolean | null;
  flags: DisciplineFlag[];
  notes: string[];
}

export const WEEKS_LOOKED_BACK = 12;
/** Exposure as % of account may rise by this many points after a loss before it is flagged. */
export const RISK_RISE_POINTS = 5;
export const PERIODS_LOOKED_BACK = 4;
/** Log rows needed before the median number of underlyings means anything. */
export const MIN_ROWS_FOR_MEDIAN = 4;

/** A fraction as an exact ratio of integers. */
type Ratio = { n: bigint; d: bigint };

/** Exposure as a share of the account at a log row: from its money columns, else its % column. */
function loggedExposureShare(e: LogEntry): Ratio | null {
  if (e.exposureCents !== null && e.accountCents !== null && e.accountCents > 0) return { n: BigInt(e.exposureCents), d: BigInt(e.accountCents) };
  if (e.exposurePct !== null) return { n: toPpm(e.exposurePct), d: 1_000_000n };
  return null;
}

/** True when b - a is more than `points` percentage points. */
function roseByMoreThan(a: Ratio, b: Ratio, points: number): boolean {
  return 100n * (b.n * a.d - a.n * b.d) > BigInt(points) * a.d * b.d;
}

/** A period lost money: (account at end - account at start) - (deposits - withdrawals) < 0. */
function lost(startCents: number | null, endCents: number | null, netFlows: number): boolean | null {
  if (startCents === null || endCents === null) return null;
  return endCents - startCents - netFlows < 0;
}

function pct(r: Ratio): string {
  return `${(Number((r.n * 10000n) / r.d) / 100).toFixed(2).replace(/\.?0+$/, "")}%`;
}

/** INCOME.md "Discipline" 1-4, with the withdrawal and reserve checks of "The figures" as flags. */
export function computeDiscipline(req: DisciplineRequest): DisciplineFigures {
  const { asOf, now } = req;
  const log = req.log.filter((e) => e.date <= asOf);
  const notes: string[] = [];
  const flags: DisciplineFlag[] = [];

  // 1. Review streak and missed weeks.
  const reviewed = new Set(log.map((e) => weekStart(e.date)));
  reviewed.add(weekStart(asOf));
  let streakWeeks = 0;
  for (let w = weekStart(asOf); reviewed.has(w); w -= 7) streakWeeks++;
  const lastWeeks = weeksEndingWith(asOf, WEEKS_LOOKED_BACK);
  const firstReviewed = log.length > 0 ? weekStart(log[0].date) : weekStart(asOf);
  const missedWeeks = lastWeeks.filter((w) => w >= firstReviewed && !reviewed.has(w)).map(isoWeekLabel);

  const recent = log.filter((e) => e.date >= lastWeeks[0]);

  // 2. Risk raised after a loss.
  const previous = log.length > 0 ? log[log.length - 1] : null;
  let periodLost: boolean | null = null;
  if (previous === null) notes.push("Discipline: no earlier review in the Review Log to compare with");
  else {
    periodLost = lost(previous.accountCents, now.accountCents, netFlowsBetween(req.flows, previous.date, asOf));
    if (periodLost === null) notes.push(`Discipline: whether the period since Review Log row ${previous.row} lost money is unknown (an account value is missing)`);
    const before = loggedExposureShare(previous);
    if (periodLost && before && now.accountCents !== null && now.accountCents > 0) {
      const after: Ratio = { n: BigInt(now.exposureCents), d: BigInt(now.accountCents) };
      if (roseByMoreThan(before, after, RISK_RISE_POINTS)) {
        flags.push({
          kind: "risk-after-loss",
          message: `Exposure rose from ${pct(before)} to ${pct(after)} of the account after a period that lost money (since the review of Review Log row ${previous.row}). You never increase risk to make up for a loss: bring exposure back to ${pct(before)} or below.`,
        });
      }
    }
    const lossWhere = lastPeriodsLost(log, req.flows, periodLost);
    if (lossWhere !== null) {
      const raised: string[] = [];
      if (now.highVixCap !== null && previous.highVixCap !== null && toPpm(now.highVixCap) > toPpm(previous.highVixCap)) {
        raised.push(`the high-VIX cap from ${pct({ n: toPpm(previous.highVixCap), d: 1_000_000n })} to ${pct({ n: toPpm(now.highVixCap), d: 1_000_000n })}`);
      }
      if (now.concentrationLimit !== null && previous.concentrationLimit !== null && toPpm(now.concentrationLimit) > toPpm(previous.concentrationLimit)) {
        raised.push(
          `the concentration limit from ${pct({ n: toPpm(previous.concentrationLimit), d: 1_000_000n })} to ${pct({ n: toPpm(now.concentrationLimit), d: 1_000_000n })}`,
        );
      }
      for (const what of raised) {
        flags.push({
          kind: "limits-raised-after-loss",
          message: `You raised ${what} since the last review while ${lossWhere} lost money. Limits are not raised to make up for a loss: set it back.`,
        });
      }
    }
  }

  // 3. Same system, larger.
  const withStrategies = recent.filter((e) => e.strategies !== null);
  if (withStrategies.length === 0) {
    if (now.strategies.length > 0) notes.push("Discipline: no Review Log row of the last 12 weeks records its strategies, so new strategies cannot be told");
  } else {
    const known = new Set(withStrategies.flatMap((e) => e.strategies!));
    for (const s of now.strategies) {
      if (!known.has(s)) {
        flags.push({
          kind: "new-strategy",
          message: `New strategy '${s}': none of the reviews of the last 12 weeks had it open. Your system should look the same, just larger: trade it small, or not at all, until it is part of the plan.`,
        });
      }
    }
  }
  const counts = recent.filter((e) => e.underlyings !== null).map((e) => e.underlyings!);
  if (counts.length >= MIN_ROWS_FOR_MEDIAN) {
    counts.sort((a, b) => a - b);
    const mid = counts.length >> 1;
    // The median as twice itself keeps an even count's half-way value whole.
    const twiceMedian = counts.length % 2 === 1 ? 2 * counts[mid] : counts[mid - 1] + counts[mid];
    // now > 1.5 x median  <=>  4 x now > 3 x (2 x median)
    if (4 * now.underlyings > 3 * twiceMedian) {
      flags.push({
        kind: "more-underlyings",
        message: `${now.underlyings} underlyings, more than 1.5 x the ${twiceMedian / 2} usual over the last 12 weeks of reviews. The same system, larger, means larger positions in names you know, not many more names.`,
      });
    }
  }

  // 4. Over-budget weeks.
  const overBudgetWeeks = [...new Set(recent.filter((e) => logRowOverBudget(e) === true).map((e) => weekStart(e.date)))]
    .sort((a, b) => a - b)
    .map(isoWeekLabel);

  if (req.income) flags.push(...incomeFlags(req.income));
  return { streakWeeks, missedWeeks, overBudgetWeeks, periodLost, flags, notes };
}

/**
 * Which of the last 4 periods lost money, in words, or null when none did (or none can be
 * told). The current period is P -> now; earlier ones run between consecutive log rows, their
 * flows from each row's Net flows, else from CashFlows.
 */
function lastPeriodsLost(log: readonly LogEntry[], flows: readonly CashFlow[], currentLost: boolean | null): string | null {
  if (currentLost) return "the period since the last review";
  for (let k = log.length - 1; k >= 1 && k > log.length - PERIODS_LOOKED_BACK; k--) {
    const start = log[k - 1];
    const end = log[k];
    const net = end.netFlowsCents ?? netFlowsBetween(flows, start.date, end.date);
    if (lost(start.accountCents, end.accountCents, net)) return `the period up to the review of Review Log row ${end.row}`;
  }
  return null;
}

/** The withdrawal and reserve checks of INCOME.md figures 6-8, as flags. */
export function incomeFlags(f: IncomeFigures): DisciplineFlag[] {
  const flags: DisciplineFlag[] = [];
  const ceiling = f.ceilingCents;
  const why = f.capitalTest === "not kept" ? " (0 because the account did not keep its capital over the last 12 months)" : "";
  if (f.overCeilingCents !== null && f.overCeilingCents > 0 && ceiling !== null) {
    flags.push({
      kind: "withdrawal-over-ceiling",
      message: `The planned withdrawal ${formatDollars(f.withdrawalCents!)} is ${formatDollars(f.overCeilingCents)} over the sustainable ${formatDollars(ceiling)} a month${why}. Never withdraw more than the system can sustain: lower Withdrawal to ${formatDollars(ceiling)}.`,
    });
  }
  if (f.withdrawnOverCeiling && ceiling !== null) {
    flags.push({
      kind: "withdrawal-over-ceiling",
      message: `Withdrawals of the last 12 months, ${formatDollars(f.withdrawnT12Cents)}, are more than 12 x the sustainable ${formatDollars(ceiling)} (${formatDollars(12 * ceiling)})${why}. Withdraw less until income catches up.`,
    });
  }
  if (f.raisedTooFast) {
    flags.push({
      kind: "withdrawal-raised-too-fast",
      message: `The planned withdrawal ${formatDollars(f.withdrawalCents!)} is more than the largest raise allowed in 12 months above the lowest planned in that time, ${formatDollars(f.raisedTooFast.lowestCents)} (Review Log row ${f.raisedTooFast.row}). Increase withdrawals slowly.`,
    });
  }
  if (f.raisedWhileShort) {
    flags.push({
      kind: "withdrawal-raised-while-short",
      message: `The planned withdrawal went up from ${formatDollars(f.raisedWhileShort.previousCents)} to ${formatDollars(f.withdrawalCents!)} while ${f.raisedWhileShort.because}. Keep it at ${formatDollars(f.raisedWhileShort.previousCents)} until that is fixed.`,
    });
  }
  if (f.reserveShort && f.reserveShortfallCents !== null) {
    flags.push({
      kind: "reserve-short",
      message: `The reserve holds ${f.reserveMonths} months of withdrawals, short of the target by ${formatDollars(f.reserveShortfallCents)}. Build the reserve before raising withdrawals or risk.`,
    });
  }
  for (const u of f.unplannedWithdrawals) {
    flags.push({
      kind: "unplanned-withdrawal",
      message: `Unplanned withdrawal of ${formatDollars(u.cents)} (CashFlows row ${u.row}). Plan withdrawals ahead and take them from the reserve.`,
    });
  }
  return flags;
}
