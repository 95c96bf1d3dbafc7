import { Cell, ColumnMapping, ColumnOverrides, Field, FIELDS } from "./types";

/** Header text reduced to letters and digits: "Put/Call" -> "putcall", "Exp Date" -> "expdate". */
export function normalizeHeader(cell: Cell): string {
  if (cell === null || cell === undefined) return "";
  return String(cell).toLowerCase().replace(/[^a-z0-9]/g, "");
}

/**
 * Header names per field, most specific first. A table with both "Type" and "Call/Put"
 * (tastytrade) takes Call/Put for the option type, because it comes first.
 */
export const HEADER_SYNONYMS: Record<Field, readonly string[]> = {
  symbol: ["symbol", "optionsymbol", "occsymbol", "contract", "contractsymbol"],
  underlying: ["underlyingsymbol", "underlying", "underlyingticker", "ticker", "stock", "root"],
  type: ["putcall", "callput", "right", "optiontype", "optionright", "cp", "pc", "type"],
  strike: ["strike", "strikeprice", "strikepx"],
  quantity: ["qty", "quantity", "contracts", "position", "ofcontracts", "numcontracts"],
  expiration: ["expiration", "expiry", "expdate", "expirationdate", "exp", "expires"],
  status: ["status", "positionstatus"],
  openDate: ["opendate", "dateopened", "opened", "tradedate", "entrydate", "dateopen"],
  closeDate: ["closedate", "dateclosed", "closed", "exitdate", "closingdate", "dateclose"],
  side: ["side", "action", "buysell", "buyorsell"],
  multiplier: ["multiplier", "mult", "contractmultiplier"],
};

export const FIELD_LABELS: Record<Field, string> = {
  symbol: "Symbol",
  underlying: "Underlying",
  type: "Type",
  strike: "Strike",
  quantity: "Quantity",
  expiration: "Expiration",
  status: "Status",
  openDate: "Open date",
  closeDate: "Close date",
  side: "Side",
  multiplier: "Multiplier",
};

/** Finds which column holds which field, applying the user's overrides first. */
export function mapColumns(header: readonly Cell[], overrides: ColumnOverrides = {}): ColumnMapping {
  const normalized = header.map(normalizeHeader);
  const columns: Partial<Record<Field, number>> = {};
  const taken = new Set<number>();
  const errors: string[] = [];
  const notes: string[] = [];

  for (const field of FIELDS) {
    if (!(field in overrides)) continue;
    const wanted = overrides[field];
    if (wanted === null || wanted === undefined) continue;
    const exact = header.findIndex((h, i) => !taken.has(i) && h !== null && String(h).trim() === wanted.trim());
    const index = exact >= 0 ? exact : normalized.findIndex((h, i) => !taken.has(i) && h !== "" && h === normalizeHeader(wanted));
    if (index < 0) {
      errors.push(`The ${FIELD_LABELS[field]} column is set to '${wanted}', which is not a header of the table`);
      continue;
    }
    columns[field] = index;
    taken.add(index);
  }

  for (const field of FIELDS) {
    if (field in overrides) continue;
    for (const synonym of HEADER_SYNONYMS[field]) {
      const index = normalized.findIndex((h, i) => !taken.has(i) && h === synonym);
      if (index >= 0) {
        columns[field] = index;
        taken.add(index);
        break;
      }
    }
  }

  const headers: Partial<Record<Field, string>> = {};
  for (const [field, index] of Object.entries(columns) as [Field, number][]) {
    const text = header[index];
    headers[field] = text === null || String(text).trim() === "" ? FIELD_LABELS[field] : String(text).trim();
  }

  const hasSymbol = columns.symbol !== undefined || columns.underlying !== undefined;
  if (columns.quantity === undefined) {
    errors.push("No quantity column: name a column Qty, Quantity or Contracts, or map one in the task pane");
  }
  if (columns.strike === undefined && !hasSymbol) {
    errors.push("No strike column: name a column Strike, or map one in the task pane");
  }
  if (columns.strike === undefined && hasSymbol) {
    notes.push("No strike column: strikes are read from option symbols");
  }
  if (columns.type === undefined) {
    notes.push(
      hasSymbol
        ? "No type column: a row is a put when its option symbol says P; rows without an option symbol are treated as puts"
        : "No type column: every row is treated as a put",
    );
  }
  if (columns.side === undefined) {
    notes.push("No side column: the sign of the quantity says short or long");
  }

  return {
    columns,
    headers,
    symbolIsOption: columns.symbol !== undefined && columns.underlying !== undefined,
    errors,
    notes,
  };
}
