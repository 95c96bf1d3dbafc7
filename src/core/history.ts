import { Cell, CellProblem, ColumnMapping, HistoryReading, LedgerEntry, RowResult, TableData } from "./types";
import { columnLetters, isBlank, isoFromSerial, sheetRow, squash } from "./cells";
import { readSideWord, readTypeWord } from "./words";
import { parseOptionSymbol } from "./options";
import { assignmentValueCents } from "./rules";
import { HistoryProfile, RowReader, TradeEvent, TradeReading } from "./brokers/types";
import { historyProfileFor } from "./brokers/registry";
import { contracts, findColumn, isOptionText, moneyCents, sign, trade, tradeDate, withCell } from "./brokers/common";

/**
 * RULES.md "Transaction histories": the one hook through which every transaction history is
 * reduced to open positions. Per contract, opening trades add lots dated by their trade date,
 * closing trades (and expirations, assignments, exercises) remove them first in, first out, and
 * what remains are the open positions, each traced to the sheet row of its opening trade. The
 * same pass gives the ledger (INCOME.md). A broker's format is read by its profile
 * (src/core/brokers/); any other history through the column mapping.
 */

interface Lot {
  row: number;
  index: number;
  date: number | null;
  quantity: number;
  reading: Extract<TradeReading, { kind: "trade" }>;
}

/** Reduces a history to its open lots (one row result each), its ledger and its notes. */
export function reduceHistory(table: TableData, mapping: ColumnMapping): HistoryReading {
  const broker = historyProfileFor(table.header);
  const profile = broker ?? genericProfile(mapping, table);
  const format = profile.label;
  const refuse = (problems: string[]): HistoryReading => ({ rows: [], ledger: [], trades: 0, openLots: 0, notes: [], problems, format });
  // A history in no broker's format is read through the mapping, so the mapping's problems are its own.
  if (!broker && mapping.errors.length > 0) return refuse([...mapping.errors]);
  const columns = new Map<string, number>();
  for (const [role, names] of Object.entries(profile.columns)) {
    const i = findColumn(table.header, names);
    if (i >= 0) columns.set(role, i);
  }
  const missing = profile.required.filter((role) => !columns.has(role));
  if (missing.length > 0) {
    const names = missing.map((role) => `'${profile.columns[role][0]}'`).join(", ");
    return refuse([`${format}: no ${names} column in the header row (row ${table.headerRow})`]);
  }

  const readings: { index: number; row: number; reading: TradeReading }[] = [];
  table.rows.forEach((cells, index) => {
    if (cells.every(isBlank)) return;
    const row = sheetRow(table, index);
    readings.push({ index, row, reading: profile.read(reader(table, columns, profile, cells, row)) });
  });
  if (profile.legsInheritDate) inheritDates(readings);
  const ordered = chronological(readings, profile.order);

  const books = new Map<string, { short: Lot[]; long: Lot[] }>();
  const errors: RowResult[] = [];
  const ledger: LedgerEntry[] = [];
  const notes: string[] = [];
  let trades = 0;
  for (const { index, row, reading } of ordered) {
    if (reading.kind === "skip") continue;
    if (reading.kind === "error") {
      errors.push({ status: "error", row, index, underlying: null, problems: reading.problems });
      continue;
    }
    trades++;
    if (reading.cents !== null && reading.date !== null) ledger.push({ date: reading.date, cents: reading.cents, row });
    const c = reading.contract;
    const key = `${c.underlying}|${c.expiration}|${c.strike}|${c.right}|${reading.multiplier}`;
    let book = books.get(key);
    if (!book) books.set(key, (book = { short: [], long: [] }));
    const quantity = reading.wholePosition ? held(book, reading.event) : reading.quantity;
    const lot: Lot = { row, index, date: reading.date, quantity, reading };
    if (reading.event === "sell" && book.long.length > 0) {
      const held = book.long.reduce((n, l) => n + l.quantity, 0);
      notes.push(`row ${row}: a sell of ${reading.quantity} ${describe(reading)} while ${held} bought are open is read as a new short (an order list says no open or close; RULES.md)`);
    }
    const left = quantity === 0 ? 1 : apply(book, reading.event, lot);
    if (left > 0) {
      const what = quantity === 0 ? "" : ` of ${left}`;
      notes.push(`row ${row}: ${EVENT_WORDS[reading.event]}${what} ${describe(reading)} with no open lot to close (the history may start after it was opened)`);
    }
  }

  const lots: { lot: Lot; short: boolean }[] = [];
  for (const book of books.values()) {
    for (const l of book.short) lots.push({ lot: l, short: true });
    for (const l of book.long) lots.push({ lot: l, short: false });
  }
  lots.sort((a, b) => a.lot.index - b.lot.index);
  const rows: RowResult[] = [...lots.map(({ lot, short }) => lotResult(lot, short)), ...errors].sort((a, b) => a.row - b.row);
  const said = `Read as a ${format}: ${plural(trades, "trade")}, ${plural(lots.length, "open lot")}`;
  const putLog = "putLog" in profile && profile.putLog === true;
  return { rows, ledger, trades, openLots: lots.length, notes: [said, ...(putLog ? [PUT_LOG_NOTE] : []), ...notes], problems: [], format, putLog };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

const EVENT_WORDS: Record<TradeEvent, string> = {
  sto: "sell to open",
  bto: "buy to open",
  btc: "buy to close",
  stc: "sell to close",
  sell: "sell",
  buy: "buy",
  expire: "expiration",
  assign: "assignment",
  exercise: "exercise",
};

/** The contracts an expiration, assignment or exercise that names no count ends: the side it would close. */
function held(book: { short: Lot[]; long: Lot[] }, event: TradeEvent): number {
  const sum = (lots: Lot[]) => lots.reduce((n, l) => n + l.quantity, 0);
  if (event === "assign") return sum(book.short);
  if (event === "exercise") return book.long.length > 0 ? sum(book.long) : sum(book.short);
  return book.short.length > 0 ? sum(book.short) : sum(book.long);
}

/** Applies one trade to its contract's lots; returns the contracts it could not close. */
function apply(book: { short: Lot[]; long: Lot[] }, event: TradeEvent, lot: Lot): number {
  switch (event) {
    case "sto":
    case "sell":
      book.short.push(lot);
      return 0;
    case "bto":
      book.long.push(lot);
      return 0;
    case "btc":
    case "assign":
      return closeFifo(book.short, lot.quantity);
    case "stc":
      return closeFifo(book.long, lot.quantity);
    case "buy": {
      const left = closeFifo(book.short, lot.quantity);
      if (left > 0) book.long.push({ ...lot, quantity: left });
      return 0;
    }
    case "expire":
      return closeFifo(book.short.length > 0 ? book.short : book.long, lot.quantity);
    case "exercise":
      return closeFifo(book.long.length > 0 ? book.long : book.short, lot.quantity);
  }
}

/** Removes contracts from the oldest lots first; a partly closed lot keeps its opening row and date. */
function closeFifo(queue: Lot[], quantity: number): number {
  let left = quantity;
  while (left > 0 && queue.length > 0) {
    const take = Math.min(left, queue[0].quantity);
    queue[0] = { ...queue[0], quantity: queue[0].quantity - take };
    left -= take;
    if (queue[0].quantity === 0) queue.shift();
  }
  return left;
}

function describe(t: Extract<TradeReading, { kind: "trade" }>): string {
  const c = t.contract;
  return `${c.underlying}${c.expiration === null ? "" : ` ${isoFromSerial(c.expiration)}`} ${c.strike} ${c.right}`;
}

function lotResult(lot: Lot, short: boolean): RowResult {
  const { row, index, reading, quantity } = lot;
  const c = reading.contract;
  if (short && c.right === "put") {
    return {
      status: "counted",
      row,
      index,
      underlying: c.underlying,
      strike: c.strike,
      contracts: quantity,
      multiplier: reading.multiplier,
      assignmentValueCents: assignmentValueCents(c.strike, quantity, reading.multiplier),
      openDate: lot.date,
      expiration: c.expiration,
      problems: [],
    };
  }
  const what = `open ${short ? "short" : "long"} ${c.right}: ${quantity} x ${describe(reading)}`;
  if (!short) return { status: "excluded", row, index, underlying: c.underlying, reason: "long", detail: `long (${what})` };
  return { status: "excluded", row, index, underlying: c.underlying, reason: "not a put", detail: `not a put (${what})` };
}

/** Gives each undated trade the date of the trade above it: the legs of one order. */
function inheritDates(readings: { reading: TradeReading }[]): void {
  let last: number | null = null;
  for (const { reading } of readings) {
    if (reading.kind !== "trade") continue;
    if (reading.date === null) reading.date = last;
    else last = reading.date;
  }
}

/** The rows in the order they happened: the file's order (reversed for newest-first formats), then by trade date where every row has one. */
function chronological<T extends { reading: TradeReading }>(rows: T[], order: HistoryProfile["order"]): T[] {
  const inOrder = order === "newest-first" ? [...rows].reverse() : rows;
  const dated = inOrder.every((r) => r.reading.kind !== "trade" || r.reading.date !== null);
  if (!dated) return inOrder;
  const key = (r: T) => (r.reading.kind === "trade" ? (r.reading.date as number) : null);
  // Stable: non-trade rows keep their place relative to the trade before them.
  let last = -Infinity;
  const keyed = inOrder.map((r, i) => {
    const k = key(r);
    if (k !== null) last = k;
    return { r, k: k ?? last, i };
  });
  keyed.sort((a, b) => a.k - b.k || a.i - b.i);
  return keyed.map((x) => x.r);
}

function reader(table: TableData, columns: Map<string, number>, profile: HistoryProfile, cells: readonly Cell[], row: number): RowReader {
  const cell = (role: string): Cell => {
    const i = columns.get(role);
    return i === undefined ? null : cells[i] ?? null;
  };
  return {
    row,
    cell,
    has: (role) => columns.has(role),
    text: (role) => {
      const c = cell(role);
      return c === null ? "" : String(c).trim();
    },
    problem: (role, message): CellProblem => {
      const i = columns.get(role);
      const header = i === undefined ? (profile.columns[role]?.[0] ?? role) : String(table.header[i] ?? role).trim();
      return { column: header, cell: i === undefined ? `row ${row}` : `${columnLetters(table.firstColumn + i)}${row}`, message };
    },
  };
}

/**
 * A history in no broker's format (a tracker's log with an Open/Close column, or closing words in
 * its side column), read through the column mapping the generic reader found.
 */
const PUT_LOG_NOTE = "Read as a put-selling log: no type column and no option symbols, so every row with a strike is a put";

function genericProfile(mapping: ColumnMapping, table: TableData): HistoryProfile & { putLog: boolean } {
  const { header } = table;
  const name = (field: keyof ColumnMapping["columns"]): string[] => {
    const i = mapping.columns[field];
    return i === undefined ? [] : [String(header[i] ?? "")];
  };
  // RULES.md "Type": with no type column and no option symbols, every row with a strike is a put.
  const symbolColumns = (["symbol", "underlying", "description"] as const).map((f) => mapping.columns[f]).filter((i): i is number => i !== undefined);
  const putLog = mapping.columns.type === undefined && !table.rows.some((row) => symbolColumns.some((i) => parseOptionSymbol(row[i] ?? null) !== null));
  return {
    kind: "history",
    id: "generic",
    label: "transaction history",
    broker: "",
    signature: [],
    order: "oldest-first",
    amountIncludesFees: true,
    columns: {
      symbol: name("symbol"),
      underlying: name("underlying"),
      description: name("description"),
      right: name("type"),
      strike: name("strike"),
      expiration: name("expiration"),
      quantity: name("quantity"),
      side: name("side"),
      date: [...name("openDate"), "Date", "Trade Date", "Activity Date", "Run Date", "Transaction Date"],
      multiplier: name("multiplier"),
      openClose: name("openClose"),
      amount: ["amount", "net amount", "netamount", "total"],
    },
    required: ["quantity"],
    putLog,
    read: putLog ? (r) => readGeneric(withCell(r, "right", () => "Put")) : readGeneric,
  };
}

/** The open and close words of a trade log; plain short and long words (Sell, Buy) are words.ts's. */
const GENERIC_WORDS: Record<string, TradeEvent> = {
  sto: "sto", selltoopen: "sto", bto: "bto", buytoopen: "bto", btc: "btc", buytoclose: "btc", stc: "stc", selltoclose: "stc",
  expired: "expire", expiration: "expire", assigned: "assign", assignment: "assign", exercised: "exercise", exercise: "exercise",
};

function readGeneric(r: RowReader): TradeReading {
  // A stock or cash row of a trade log is no option trade (RULES.md "not an option").
  if (readTypeWord(r.cell("right"))?.kind === "not an option") return { kind: "skip" };
  if (r.text("right") === "" && r.text("strike") === "" && !isOptionText(r.cell("symbol")) && !isOptionText(r.cell("underlying"))) return { kind: "skip" };
  const side = squash(r.cell("side"));
  const oc = squash(r.cell("openClose"));
  const plain = readSideWord(r.cell("side"));
  let event: TradeEvent | undefined = GENERIC_WORDS[side] ?? (plain === "short" ? "sell" : plain === "long" ? "buy" : undefined);
  if (event === "sell" || event === "buy") {
    if (oc.startsWith("o") || oc === "toopen") event = event === "sell" ? "sto" : "bto";
    else if (oc.startsWith("c") || oc === "toclose") event = event === "sell" ? "stc" : "btc";
  }
  if (event === undefined && side === "" && r.has("quantity") && sign(r.cell("quantity")) !== 0) {
    const s = sign(r.cell("quantity"));
    event = oc.startsWith("o") ? (s < 0 ? "sto" : "bto") : oc.startsWith("c") ? (s < 0 ? "stc" : "btc") : s < 0 ? "sell" : "buy";
  }
  if (event === undefined) {
    if (isBlank(r.cell("side")) && contracts(r.cell("quantity")) === null) return { kind: "skip" };
    return { kind: "error", problems: [r.problem(r.has("side") ? "side" : "quantity", `${JSON.stringify(r.text("side"))} is not a trade word (Sell to Open, Buy to Close, Expired...)`)] };
  }
  return trade(r, event, ["symbol", "underlying", "description"], { date: tradeDate(r.cell("date")), cents: r.has("amount") ? moneyCents(r.cell("amount")) : null });
}
