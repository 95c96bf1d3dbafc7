import { Cell, ColumnMapping, ColumnOverrides, Field, FIELDS } from "./types";

/**
 * Header text reduced to letters and digits, with a parenthesised gloss dropped:
 * "Put/Call" -> "putcall", "Exp Date" -> "expdate", "Qty (Quantity)" -> "qty".
 */
export function normalizeHeader(cell: Cell): string {
  if (cell === null || cell === undefined) return "";
  const text = String(cell).toLowerCase();
  const bare = text.replace(/\([^)]*\)/g, "").replace(/[^a-z0-9]/g, "");
  return bare !== "" ? bare : text.replace(/[^a-z0-9]/g, "");
}

/**
 * Header names per field, most specific first, as RULES.md lists them and brokers write them.
 * A table with both "Type" and "Call/Put" (tastytrade) takes Call/Put for the option type,
 * because it comes first; the plain Type is then read as the asset class (see mapColumns).
 */
export const HEADER_SYNONYMS: Record<Field, readonly string[]> = {
  symbol: ["symbol", "optionsymbol", "occsymbol", "contract", "contractsymbol", "instrument"],
  underlying: ["underlyingsymbol", "underlying", "underlyingticker", "ticker", "stocksymbol", "tickersymbol", "stock", "rootsymbol", "root"],
  description: ["description", "securitydescription", "desc"],
  type: ["putcall", "callput", "callorput", "putorcall", "right", "optiontype", "optionright", "cp", "pc", "type"],
  assetClass: ["assetclass", "assetcategory", "assettype", "securitytype", "sectype", "instrumenttype", "securityclass"],
  strike: ["strike", "strikeprice", "strikepx"],
  quantity: ["qty", "quantity", "contracts", "ofcontracts", "numcontracts", "position", "filledqty", "filledquantity", "filled"],
  expiration: ["expiration", "expiry", "expdate", "expirationdate", "expirydate", "exp", "expires"],
  status: ["status", "positionstatus"],
  openFlag: ["open", "isopen", "active", "openflag"],
  openDate: ["opendate", "dateopened", "opened", "tradedate", "activitydate", "rundate", "opendatetime", "entrydate", "dateopen"],
  closeDate: ["closedate", "dateclosed", "closed", "exitdate", "closingdate", "dateclose"],
  side: ["side", "action", "buysell", "buyorsell", "bs", "longshort", "transcode", "transactioncode"],
  openClose: ["openclose", "opencloseindicator", "positioneffect", "openorclose"],
  multiplier: ["multiplier", "mult", "contractmultiplier"],
  levelOfDetail: ["levelofdetail"],
};

/**
 * Header words of the position table's income columns (INCOME.md "Where income comes from"),
 * normalised as above ("Fees & Comm" -> "feescomm"), most specific first. They are not Fields:
 * whether a premium is per share or dollars for the row depends on which word named it, so
 * income-table.ts maps them itself, never over a column the row reader uses.
 */
export const INCOME_HEADERS = {
  /** Opening premium per share: x multiplier x contracts. */
  openPerShare: ["premiumpershare", "openprice", "entryprice", "fillprice", "tradeprice", "avgprice"],
  /** A bare Premium: per share unless CSP_PremiumPerShare is FALSE. */
  openBare: ["premium"],
  /** Opening premium in dollars for the row. */
  openDollars: ["credit", "totalpremium", "proceeds", "netamount", "amount"],
  /** The most generic word, so it is taken only when no other opening column exists. */
  openPerShareLast: ["price"],
  closePerShare: ["closeprice", "exitprice", "buybackprice", "closingprice"],
  closeDollars: ["debit", "closecost", "closingcost"],
  /** Close fees are checked first so "Close Fees" never lands among the opening fees. */
  closeFees: ["closefees", "closefee", "closingfees", "closingfee", "closecommission", "closingcommission"],
  fees: ["fees", "fee", "commission", "commissions", "feescomm", "feesandcomm", "feescommissions", "commfee", "commfees"],
  strategy: ["strategy"],
} as const;

/** Header words of a CashFlows table (INCOME.md "Cash flows"), and of a BrokerLedger table (date and net amount). */
export const CASHFLOW_HEADERS = {
  date: ["date", "flowdate", "transactiondate", "valuedate"],
  amount: ["amount", "value", "dollars", "amountusd"],
  kind: ["kind", "type", "flowtype", "category"],
  planned: ["planned", "plannedyn", "isplanned"],
} as const;

export const LEDGER_HEADERS = {
  date: ["date", "tradedate", "activitydate", "transactiondate"],
  amount: ["amount", "netamount", "netcash", "value"],
} as const;

export const FIELD_LABELS: Record<Field, string> = {
  symbol: "Symbol",
  underlying: "Underlying",
  description: "Description",
  type: "Type",
  assetClass: "Asset class",
  strike: "Strike",
  quantity: "Quantity",
  expiration: "Expiration",
  status: "Status",
  openFlag: "Open?",
  openDate: "Open date",
  closeDate: "Close date",
  side: "Side",
  openClose: "Open/Close",
  multiplier: "Multiplier",
  levelOfDetail: "Level of detail",
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

  // tastytrade's plain "Type" (Equity Option / Equity) beside its "Call/Put" says the asset class.
  if (columns.type !== undefined && columns.assetClass === undefined && !("assetClass" in overrides)) {
    const index = normalized.findIndex((h, i) => !taken.has(i) && h === "type");
    if (index >= 0) {
      columns.assetClass = index;
      taken.add(index);
    }
  }

  const headers: Partial<Record<Field, string>> = {};
  for (const [field, index] of Object.entries(columns) as [Field, number][]) {
    const text = header[index];
    headers[field] = text === null || String(text).trim() === "" ? FIELD_LABELS[field] : String(text).trim();
  }

  const hasSymbol = columns.symbol !== undefined || columns.underlying !== undefined || columns.description !== undefined;
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
    notes.push("No type column: option symbols say put or call; without them, every row with a strike is read as a put");
  }

  return {
    columns,
    headers,
    symbolIsOption: columns.symbol !== undefined && columns.underlying !== undefined,
    errors,
    notes,
  };
}
