import { FLAG_TITLES, Review, isoFromSerial, verdict } from "../core";
import { visibleLines } from "./terminal";

/** A figure that is not a finite number is never printed as "Infinity" or "NaN". */
const shown = (x: number | null): x is number => x !== null && Number.isFinite(x);

// Whole cents as $1,234.56, by hand: toLocaleString costs seconds over a 200,000-row report.
const usd = (cents: number | null): string => {
  if (!shown(cents)) return "n/a";
  const c = Math.round(Math.abs(cents));
  const whole = String(Math.floor(c / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${cents < 0 ? "-" : ""}$${whole}.${String(c % 100).padStart(2, "0")}`;
};

/** Rows listed per section on a terminal; the rest are counted (every row is in --json and on the Weekly Review sheet). */
export const REPORT_LIST_LIMIT = 50;

/** Adds a section's lines, at most REPORT_LIST_LIMIT of them, and says how many more there are. */
function listed<T>(lines: string[], items: readonly T[], line: (item: T) => string, what: string): void {
  for (const item of items.slice(0, REPORT_LIST_LIMIT)) lines.push(line(item));
  const more = items.length - REPORT_LIST_LIMIT;
  if (more > 0) lines.push(`  ... and ${more.toLocaleString("en-US")} more ${what} (all of them are in --json and on the Weekly Review sheet)`);
}
const pct = (x: number | null, digits = 1): string => (shown(x) ? `${(x * 100).toFixed(digits)}%` : "n/a");
const num = (x: number | null): string => (shown(x) ? String(x) : "n/a");

/** One bar character per percent of the account (at most 40), with the limit marked "|". */
export function bar(share: number | null, limit: number | null, width = 40): string {
  if (!shown(share)) return "";
  if (!shown(limit)) limit = null;
  const filled = Math.min(width, Math.round(share * 100));
  const mark = limit === null ? -1 : Math.round(limit * 100);
  let out = "";
  for (let i = 0; i < Math.max(filled, mark + 1); i++) out += i === mark ? "|" : i < filled ? "#" : " ";
  return out.trimEnd() + (share * 100 > width ? "+" : "");
}

/**
 * The short human report: headline, per-underlying bars, over-budget, expired and error rows.
 * Every line is made safe for a terminal (workbook text with control characters shows them as escapes).
 */
export function humanReport(review: Review, file: string, warnings: readonly string[] = []): string {
  const lines: string[] = [];
  const i = review.inputs;
  const src = review.source;
  lines.push(`Assignment Guard review of ${file}`);
  if (src) {
    const found = src.found ?? `Positions: ${src.name ? `table ${src.name} on ` : "range on "}sheet '${src.sheet}' (${src.range})`;
    lines.push(`${found}; as of ${isoFromSerial(review.asOf)}`);
  }
  lines.push("");
  const v = verdict(review);
  if (v.state === "no-budget") lines.push(`NO BUDGET: ${v.reason}`);
  else if (v.state === "within") lines.push(`WITHIN BUDGET: headroom ${usd(review.headroomCents)}`);
  else if (v.state === "over") lines.push(`OVER BUDGET by ${usd(-(review.headroomCents ?? 0))}`);
  else if (v.state === "unreadable") lines.push(`CANNOT BE READ: ${v.reason}`);
  else lines.push(`NOT CONFIRMED: ${v.reason}`);
  lines.push(
    `  Account ${i.accountValue === null ? "n/a" : usd(Math.round(i.accountValue * 100))}, cash ${
      i.cash === null ? "n/a" : usd(Math.round(i.cash * 100))
    }, VIX ${num(i.vix)} -> cap ${pct(review.capPct, 0)}, budget ${usd(review.budgetCents)}`,
  );
  lines.push(`  Exposure (reserved capital) ${usd(review.exposureCents)} = ${pct(review.exposurePctOfAccount)} of account, headroom ${usd(review.headroomCents)}`);
  // Assignment cash is Cash less the withdrawal reserve held in it (RULES.md check 3, INCOME.md).
  const reserved = review.income.reserveCents !== null && review.income.reserveCents > 0 && review.income.settings.reserveInAccount === true;
  const cashWord = reserved ? `assignment cash (cash less the ${usd(review.income.reserveCents)} reserve, ${usd(review.income.assignmentCashCents)})` : "cash";
  if (review.backing === "cash-secured") lines.push(`  Cash-secured: ${cashWord} covers every put if all were assigned today`);
  else if (review.backing === "portfolio-backed") lines.push(`  Portfolio-backed: ${cashWord} is ${usd(review.cashShortfallCents)} short of exposure`);
  else lines.push("  Backing unknown: set Cash");
  for (const e of review.inputErrors) lines.push(`  ! ${e.message}`);

  if (review.underlyings.length > 0) {
    lines.push("", `Per underlying (limit ${pct(i.concentrationLimit)} of account, "|" marks it)`);
    const w = Math.max(...review.underlyings.map((u) => u.underlying.length));
    for (const u of review.underlyings) {
      lines.push(
        `  ${u.underlying.padEnd(w)} ${usd(u.exposureCents).padStart(12)} ${pct(u.pctOfAccount).padStart(6)} ${bar(u.pctOfAccount, i.concentrationLimit)}${
          u.overLimit ? "  OVER LIMIT" : ""
        }`,
      );
    }
  }

  const byRow = new Map(review.rows.map((r) => [r.row, r]));
  const over = review.running.filter((e) => e.overBudget);
  if (over.length > 0) {
    lines.push("", "Over-budget rows (in the order opened; the running total passes the budget here)");
    listed(lines, over, (e) => {
      const r = byRow.get(e.row);
      const value = r?.status === "counted" ? usd(r.assignmentValueCents) : "";
      return `  row ${e.row}  ${(r?.underlying ?? "").padEnd(6)} ${value.padStart(12)}  running ${usd(e.runningTotalCents)}`;
    }, "over-budget rows");
  }
  if (review.expiredOpenRows.length > 0) {
    lines.push("", "Expired but still open (may still be assigned: close or update them)");
    listed(lines, review.expiredOpenRows, (row) => {
      const r = byRow.get(row);
      return `  row ${row}  ${r?.underlying ?? ""}${r?.status === "counted" && r.expiration !== null ? `  expired ${isoFromSerial(r.expiration)}` : ""}`;
    }, "expired rows");
  }
  const problems = review.rows.flatMap((r) => (r.status === "excluded" ? [] : r.problems.map((p) => ({ r, p }))));
  if (problems.length > 0) {
    lines.push("", "Error rows (fix these cells; error rows are not counted)");
    listed(lines, problems, ({ r, p }) => `  row ${r.row}  ${p.cell} (${p.column}): ${p.message}${r.status === "counted" ? " [row still counted]" : ""}`, "cell problems");
  }
  const excluded = new Map<string, number>();
  for (const r of review.rows) if (r.status === "excluded") excluded.set(r.reason, (excluded.get(r.reason) ?? 0) + 1);
  lines.push(
    "",
    `Rows: ${review.countedRowCount} counted, ${review.errorRowCount} with errors, ${review.excludedRowCount} left out${
      excluded.size ? ` (${[...excluded].map(([k, n]) => `${n} ${k}`).join(", ")})` : ""
    }`,
  );
  lines.push("", ...incomeLines(review), "", ...disciplineLines(review));
  for (const n of review.reading.notes) lines.push(`Note: ${n}`);
  // A workbook that tracks no income is not told nine ways that it has none: the section says it once.
  for (const n of [...(review.income.inUse ? review.income.notes : []), ...review.discipline.notes]) lines.push(`Note: ${n}`);
  for (const w of warnings) lines.push(`Warning: ${w}`);
  return visibleLines(lines);
}

/** One "#" per twentieth of the larger of the target and the largest month ("-" for a losing month), "|" at the target. */
function monthBar(cents: number, scale: number, target: number | null): string {
  if (scale <= 0) return "";
  const width = 20;
  const n = Math.min(width, Math.round((Math.abs(cents) / scale) * width));
  const mark = target === null || target <= 0 ? -1 : Math.min(width, Math.round((target / scale) * width));
  const cells = Array.from({ length: Math.max(n, mark + 1) }, (_, i): string => (i < n ? (cents < 0 ? "-" : "#") : " "));
  if (mark >= 0) cells[mark] = "|";
  return cells.join("").trimEnd();
}

/** INCOME.md "The figures" in plain words: the months, what they sustain, the reserve. */
export function incomeLines(review: Review): string[] {
  const f = review.income;
  const lines = ["Income (net option premium on a cash basis, plus CashFlows income; not a tax figure)"];
  if (!f.inUse) {
    lines.push("  No premium column, BrokerLedger, CashFlows table or income setting: add a Premium column and set IncomeTarget to see it");
    return lines;
  }
  const scale = Math.max(f.incomeTargetCents ?? 0, ...f.months.map((m) => Math.abs(m.cents)));
  const target = f.incomeTargetCents;
  for (const m of f.months) lines.push(`  ${m.month} ${usd(m.cents).padStart(12)}  ${monthBar(m.cents, scale, target)}`);
  lines.push(`  month to date ${usd(f.monthToDateCents)}${target !== null ? `  ("|" marks the ${usd(target)} target)` : ""}`);
  lines.push(`  T12 ${usd(f.t12Cents)}, average month ${usd(f.averageMonthCents)}, ${f.historyMonths} of 12 months of history`);
  lines.push(f.predictable ? "  Predictable: a full year, no losing month, every month at least half the average" : `  FRAGILE: ${f.fragileReasons.join("; ")}`);
  lines.push(target === null ? "  Coverage n/a: set IncomeTarget (the monthly income to replace)" : `  Coverage ${pct(f.coverage)} of the ${usd(target)} target`);
  const cap = f.capitalTest === "kept" ? "the account kept its capital over 12 months" : f.capitalTest === "not kept" ? "0: the account did not keep its capital over 12 months" : "capital test unknown (no Review Log row from a year ago)";
  lines.push(`  Sustainable withdrawal ${usd(f.ceilingCents)} a month (${pct(f.settings.payoutRatio, 0)} of the average month; ${cap})`);
  if (f.withdrawalCents !== null) {
    const over = f.overCeilingCents !== null && f.overCeilingCents > 0;
    lines.push(`  Planned withdrawal ${usd(f.withdrawalCents)}: ${over ? `OVER the sustainable withdrawal by ${usd(f.overCeilingCents)}: lower Withdrawal` : "within the sustainable withdrawal"}`);
  }
  lines.push(`  Withdrawn in the last 12 months ${usd(f.withdrawnT12Cents)}${f.unplannedWithdrawals.length > 0 ? `, ${f.unplannedWithdrawals.length} unplanned` : ""}`);
  if (f.reserveMonths === null) lines.push(`  Reserve ${usd(f.reserveCents)}: no withdrawal planned, no runway to count`);
  else {
    const short = f.reserveShort ? `, SHORT of ${num(f.reserveTargetMonths)} months by ${usd(f.reserveShortfallCents)}: build it before raising withdrawals` : `, at least the ${num(f.reserveTargetMonths)} months it should hold`;
    lines.push(`  Reserve ${usd(f.reserveCents)} = ${num(f.reserveMonths)} months of withdrawals${short}`);
  }
  if (f.incomeReplaced.withdrawal !== null && f.incomeReplaced.sustainable !== null) {
    lines.push(`  Income replaced: the withdrawal replaces ${pct(f.incomeReplaced.withdrawal)} of the target; the system can sustain ${pct(f.incomeReplaced.sustainable)}`);
  }
  if (f.problems.length > 0) {
    lines.push("  Income cells that cannot be read (left out of every month, never counted as 0):");
    listed(lines, f.problems, (p) => `    ${p.row === null ? "table" : `row ${p.row}  ${p.cell} (${p.column})`}: ${p.message}`, "income cells");
  }
  return lines;
}

/** INCOME.md "Discipline": the streak and each flag in plain words with what to do. */
export function disciplineLines(review: Review): string[] {
  const d = review.discipline;
  const lines = ["Discipline (the same weekly process, the same system, just larger)"];
  lines.push(`  Review streak ${d.streakWeeks} week${d.streakWeeks === 1 ? "" : "s"} (this review counts)`);
  lines.push(`  Missed weeks of the last 12: ${d.missedWeeks.length === 0 ? "none" : d.missedWeeks.join(", ")}`);
  lines.push(`  Over-budget weeks of the last 12: ${d.overBudgetWeeks.length === 0 ? "none" : d.overBudgetWeeks.join(", ")}`);
  if (d.flags.length === 0) lines.push("  No flag this week");
  listed(lines, d.flags, (flag) => `  ! ${FLAG_TITLES[flag.kind]}: ${flag.message}`, "flags");
  return lines;
}
