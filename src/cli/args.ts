import {
  INCOME_NAMES,
  IncomeSettingKey,
  RawInputs,
  TableChoice,
  checkConcentrationLimit,
  checkHighVixCap,
  parseDate,
  parseFraction,
  parseNumber,
  parseTableChoice,
  readIncomeInputs,
} from "../core";
import { UnusableInput } from "../xlsx/files";

export interface CliOptions {
  /** Null: review the bundled sample. */
  file: string | null;
  table: TableChoice | null;
  inputs: RawInputs;
  json: boolean;
  out: string | null;
  accountant: string | null;
  /** Serial day of "today", or null for the local calendar day. */
  asOf: number | null;
  help: boolean;
  /** Print the stack of an unexpected error (never shown otherwise). */
  debug: boolean;
}

export const USAGE = `usage: assignment-guard review [FILE.xlsx|FILE.csv] [options]
       assignment-guard import BROKER.csv --into BOOK.xlsx [--out COPY.xlsx] [--as-of YYYY-MM-DD]
  FILE                 workbook to review (default: the bundled samples/sample-positions.xlsx)
  --table NAME         the Excel table holding the positions
  --range 'Sheet!A1:H40'  a plain range holding them (header row first)
  --account N          account value (overrides the AccountValue cell)
  --cash N             cash (overrides Cash)
                       amounts: 100000, 100,000, 100k, 1.5m; quote a dollar sign,
                       --account '$100,000' (unquoted, the shell turns it into 00,000)
  --vix N              VIX level (overrides VIX)
  --high-vix-cap F     cap above VIX 30, 0.45 to 0.50
  --concentration F    per-underlying limit, a fraction such as 0.10
  --income-target N, --withdrawal N, --reserve N
                       the monthly income to replace, the planned monthly withdrawal, the reserve
                       (override IncomeTarget, Withdrawal, Reserve; amounts as above)
  --reserve-months N, --payout-ratio F, --max-raise F, --reserve-in-account yes|no,
  --premium-per-share yes|no   the other income settings (override CSP_ReserveMonths ...)
  --as-of YYYY-MM-DD   the day to review for (default: today)
  --json               print the review as one JSON document
  --out FILE           write a reviewed copy (highlights, Weekly Review sheet, Review Log)
  --accountant FILE    write a copy with CSP formulas replaced by their saved values
  --debug              on an unexpected error, print where it happened
import: writes the broker file's open short puts (table BrokerPositions) and its option cash
  ledger (table BrokerLedger) into BOOK.xlsx, replacing the previous import and nothing else, and
  points CSP_PositionsTable at BrokerPositions unless you chose another table
  --into FILE          the workbook to import into (edited in place once everything succeeded)
  --out FILE           write the result to this copy instead, leaving BOOK.xlsx as it is
exit status: 0 the review ran, 2 unusable input or a copy that cannot be written (one line on stderr),
  1 an unexpected error (one line; rerun with --debug for details)`;

/** The income flags and the setting each overrides (INCOME.md "Inputs"). */
const INCOME_FLAGS: Record<string, IncomeSettingKey> = {
  "--income-target": "incomeTarget",
  "--withdrawal": "withdrawal",
  "--reserve": "reserve",
  "--reserve-months": "reserveMonths",
  "--payout-ratio": "payoutRatio",
  "--max-raise": "maxRaise",
  "--reserve-in-account": "reserveInAccount",
  "--premium-per-share": "premiumPerShare",
};
const MONEY_SETTINGS: readonly IncomeSettingKey[] = ["incomeTarget", "withdrawal", "reserve"];

const VALUE_FLAGS = new Set([
  "--table",
  "--range",
  "--account",
  "--cash",
  "--vix",
  "--high-vix-cap",
  "--concentration",
  ...Object.keys(INCOME_FLAGS),
  "--as-of",
  "--out",
  "--accountant",
]);

// An unquoted $100,000 reaches us as 00,000: the shell reads $1 as its first argument, which is
// empty. What remains starts with a 0 followed by more digits, or with a comma ($1,000,000).
const SHELL_ATE_DOLLAR = /^(0[\d,]|,)/;
const SUFFIX: Record<string, number> = { k: 1e3, m: 1e6 };

/** A dollar amount as typed on a command line: 100000, 100,000, $100,000, 100k, 1.5m. */
export function parseMoneyArg(flag: string, text: string): number {
  const trimmed = text.trim();
  if (SHELL_ATE_DOLLAR.test(trimmed)) {
    throw new UnusableInput(`${flag}: '${text}' looks like a $ amount the shell cut short; quote it: ${flag} '$100,000' (or leave out the $)`);
  }
  const suffix = /^(.*\d)\s*([kKmM])$/.exec(trimmed);
  const n = parseNumber(suffix ? suffix[1] : trimmed);
  if (!n.ok) throw new UnusableInput(`${flag}: '${text}' is not a number (amounts: 100000, 100,000, 100k, 1.5m)`);
  // Whole cents, so 1.1k is 1100 and not 1100.0000000000002.
  return suffix ? Math.round(n.value * SUFFIX[suffix[2].toLowerCase()] * 100) / 100 : n.value;
}

function money(flag: string, text: string, min: "above0" | "atLeast0" | "atLeast1"): number {
  const value = parseMoneyArg(flag, text);
  if (!Number.isFinite(value)) throw new UnusableInput(`${flag}: '${text}' is not a number`);
  // An account under $1 makes every share of it a division by almost nothing: never a budget.
  if (min === "atLeast1" && value < 1) throw new UnusableInput(`${flag} must be at least $1, not ${text}`);
  if (min === "above0" ? value <= 0 : value < 0) {
    throw new UnusableInput(`${flag} must be ${min === "above0" ? "above 0" : "0 or more"}, not ${text}`);
  }
  return value;
}

function level(flag: string, text: string): number {
  const n = parseNumber(text);
  if (!n.ok) throw new UnusableInput(`${flag}: '${text}' is not a number`);
  if (n.value <= 0) throw new UnusableInput(`${flag} must be above 0, not ${text}`);
  return n.value;
}

function fraction(flag: string, text: string, check: (v: number) => { ok: boolean; message?: string }): number {
  const n = parseFraction(text);
  if (!n.ok) throw new UnusableInput(`${flag}: '${text}' is not a number`);
  const c = check(n.value) as { ok: true } | { ok: false; message: string };
  if (!c.ok) throw new UnusableInput(`${flag}: ${c.message}`);
  return n.value;
}

export interface ImportOptions {
  /** The broker file (.csv, or a broker file saved as .xlsx). */
  file: string;
  into: string;
  out: string | null;
  table: TableChoice | null;
  asOf: number | null;
  json: boolean;
  debug: boolean;
}

/** Flags of `review` that have no meaning for `import`: the import writes positions, not a review. */
const REVIEW_ONLY = new Set(["--account", "--cash", "--vix", "--high-vix-cap", "--concentration", "--accountant", ...Object.keys(INCOME_FLAGS)]);

/** Reads `import BROKER --into BOOK [--out COPY]`; throws UnusableInput for anything it cannot use. */
export function parseImportArgs(argv: readonly string[]): ImportOptions {
  const args = argv[0] === "import" ? argv.slice(1) : [...argv];
  let into: string | null = null;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].startsWith("--") && args[i].includes("=") ? [args[i].slice(0, args[i].indexOf("=")), args[i].slice(args[i].indexOf("=") + 1)] : [args[i], undefined];
    if (REVIEW_ONLY.has(flag)) throw new UnusableInput(`${flag} is an option of review, not of import (import writes the positions; review the workbook afterwards)`);
    if (flag !== "--into") {
      rest.push(args[i]);
      continue;
    }
    const value = inline ?? args[++i];
    if (value === undefined || (value.startsWith("--") && value.length > 2)) throw new UnusableInput("--into needs a value");
    if (into !== null) throw new UnusableInput("one --into at a time");
    into = value;
  }
  const o = parseArgs(rest);
  if (o.file === null) throw new UnusableInput("import needs the broker file: assignment-guard import BROKER.csv --into BOOK.xlsx");
  if (into === null) throw new UnusableInput("import needs --into BOOK.xlsx, the workbook to import into");
  if (!/\.xlsx$/i.test(into)) throw new UnusableInput(`--into ${into}: the import writes into an .xlsx workbook`);
  if (o.out !== null && !/\.xlsx$/i.test(o.out)) throw new UnusableInput(`--out ${o.out}: the copy is an .xlsx workbook`);
  return { file: o.file, into, out: o.out, table: o.table, asOf: o.asOf, json: o.json, debug: o.debug };
}

/** Reads the command line; throws UnusableInput for anything it cannot use. */
export function parseArgs(argv: readonly string[]): CliOptions {
  const args = [...argv];
  if (args[0] === "review") args.shift();
  const o: CliOptions = { file: null, table: null, inputs: {}, json: false, out: null, accountant: null, asOf: null, help: false, debug: false };
  for (let i = 0; i < args.length; i++) {
    let arg = args[i];
    let value: string | undefined;
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    if (eq > 0) {
      value = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    if (arg === "--json") o.json = true;
    else if (arg === "--debug") o.debug = true;
    else if (arg === "--help" || arg === "-h") o.help = true;
    else if (VALUE_FLAGS.has(arg)) {
      if (value === undefined) {
        value = args[++i];
        if (value === undefined || (value.startsWith("--") && value.length > 2)) throw new UnusableInput(`${arg} needs a value`);
      }
      applyValue(o, arg, value);
    } else if (arg.startsWith("-") && arg !== "-") throw new UnusableInput(`unknown option ${arg} (see --help)`);
    else if (o.file === null) o.file = arg;
    else throw new UnusableInput(`one workbook at a time: '${o.file}' and '${arg}'`);
  }
  return o;
}

function applyValue(o: CliOptions, flag: string, value: string): void {
  switch (flag) {
    case "--table": {
      if (o.table) throw new UnusableInput("give --table or --range, not both");
      const t = parseTableChoice(value);
      if (!t || t.kind !== "table") throw new UnusableInput(`--table: '${value}' is not a table name`);
      o.table = t;
      break;
    }
    case "--range": {
      if (o.table) throw new UnusableInput("give --table or --range, not both");
      const t = parseTableChoice(value);
      if (!t || t.kind !== "range") throw new UnusableInput(`--range: '${value}' is not a range such as 'Sheet1!A1:H40'`);
      o.table = t;
      break;
    }
    case "--account":
      o.inputs.accountValue = money(flag, value, "atLeast1");
      break;
    case "--cash":
      o.inputs.cash = money(flag, value, "atLeast0");
      break;
    case "--vix":
      o.inputs.vix = level(flag, value);
      break;
    case "--high-vix-cap":
      o.inputs.highVixCap = fraction(flag, value, checkHighVixCap);
      break;
    case "--concentration":
      o.inputs.concentrationLimit = fraction(flag, value, checkConcentrationLimit);
      break;
    case "--income-target":
    case "--withdrawal":
    case "--reserve":
    case "--reserve-months":
    case "--payout-ratio":
    case "--max-raise":
    case "--reserve-in-account":
    case "--premium-per-share": {
      const key = INCOME_FLAGS[flag];
      const cell = MONEY_SETTINGS.includes(key) ? parseMoneyArg(flag, value) : value;
      // The same reading as the defined name's: one message for a flag and a cell.
      const problem = readIncomeInputs({ [key]: cell }).errors.find((e) => e.input === INCOME_NAMES[key]);
      if (problem) throw new UnusableInput(`${flag}: ${problem.message}`);
      o.inputs[key] = cell;
      break;
    }
    case "--as-of": {
      const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? parseDate(value) : null;
      if (!d || !d.ok) throw new UnusableInput(`--as-of: '${value}' is not a date such as 2026-01-16`);
      o.asOf = d.value;
      break;
    }
    case "--out":
      o.out = value;
      break;
    case "--accountant":
      o.accountant = value;
      break;
  }
}
