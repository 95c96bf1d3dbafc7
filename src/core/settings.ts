import { Cell, ColumnOverrides, FIELDS, Field, RawInputs } from "./types";
import { isBlank } from "./cells";
import { INCOME_LABELS, INCOME_NAMES, INCOME_SETTING_KEYS } from "./income-inputs";

/**
 * Where the inputs and settings live in a workbook: every one is a workbook-scoped defined
 * name pointing at one cell. The user's own sheet can name its cells so; otherwise the add-in
 * creates them on the settings sheet. One mechanism for Excel, exceljs and the accountant's copy.
 */
export const SETTINGS_SHEET = "Assignment Guard";
export const NAMES = {
  accountValue: "AccountValue",
  cash: "Cash",
  vix: "VIX",
  highVixCap: "CSP_HighVixCap",
  concentrationLimit: "CSP_ConcentrationLimit",
  positionsTable: "CSP_PositionsTable",
  columnOverrides: "CSP_ColumnOverrides",
  ...INCOME_NAMES,
} as const;
export type SettingKey = keyof typeof NAMES;
export const SETTING_KEYS = Object.keys(NAMES) as SettingKey[];

/** Labels written beside each named cell on the settings sheet, in this order. */
export const SETTING_LABELS: Record<SettingKey, string> = {
  accountValue: "Account value",
  cash: "Cash",
  vix: "VIX",
  highVixCap: "High-VIX cap (0.45 to 0.50)",
  concentrationLimit: "Concentration limit",
  positionsTable: "Positions table (table name or Sheet!A1:H40)",
  columnOverrides: "Column overrides (JSON)",
  ...INCOME_LABELS,
};

/** The table the user chose: an Excel table by name, or a plain range with a header row. */
export type TableChoice = { kind: "table"; name: string } | { kind: "range"; sheet: string; address: string };

export interface StoredSettings {
  inputs: RawInputs;
  table: TableChoice | null;
  overrides: ColumnOverrides;
  /** Settings that could not be read; each names the defined name to fix. */
  errors: string[];
}

/** Reads "Positions" or "'My Sheet'!A3:H40" into a table choice; null when blank or unreadable. */
export function parseTableChoice(text: Cell): TableChoice | null {
  if (isBlank(text)) return null;
  const s = String(text).trim();
  const bang = s.lastIndexOf("!");
  if (bang < 0) return /^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(s) ? { kind: "table", name: s } : null;
  let sheet = s.slice(0, bang);
  const address = s.slice(bang + 1).replace(/\$/g, "").toUpperCase();
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  if (!sheet || !/^[A-Z]{1,3}\d+:[A-Z]{1,3}\d+$/.test(address)) return null;
  return { kind: "range", sheet, address };
}

/** The text stored for a table choice. */
export function formatTableChoice(choice: TableChoice): string {
  if (choice.kind === "table") return choice.name;
  const quoted = /^[A-Za-z0-9_]+$/.test(choice.sheet) ? choice.sheet : `'${choice.sheet.replace(/'/g, "''")}'`;
  return `${quoted}!${choice.address}`;
}

/** Reads the column-override JSON: {"strike": "Strike Px", "type": null}. */
export function parseOverrides(text: Cell): { overrides: ColumnOverrides; error: string | null } {
  if (isBlank(text)) return { overrides: {}, error: null };
  let parsed: unknown;
  try {
    parsed = JSON.parse(String(text));
  } catch {
    return { overrides: {}, error: `${NAMES.columnOverrides} is not valid JSON` };
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    return { overrides: {}, error: `${NAMES.columnOverrides} must be a JSON object such as {"strike": "Strike Px"}` };
  }
  const overrides: ColumnOverrides = {};
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (!(FIELDS as readonly string[]).includes(key)) {
      return { overrides: {}, error: `${NAMES.columnOverrides} names '${key}', which is not a column the rules use` };
    }
    if (value !== null && typeof value !== "string") {
      return { overrides: {}, error: `${NAMES.columnOverrides}: '${key}' must be a header text or null` };
    }
    overrides[key as Field] = value;
  }
  return { overrides, error: null };
}

export function formatOverrides(overrides: ColumnOverrides): string {
  return Object.keys(overrides).length === 0 ? "" : JSON.stringify(overrides);
}

/** Turns the values of the defined names (missing ones absent or null) into settings. */
export function readStoredSettings(values: Partial<Record<SettingKey, Cell>>): StoredSettings {
  const errors: string[] = [];
  const table = parseTableChoice(values.positionsTable ?? null);
  if (!isBlank(values.positionsTable ?? null) && table === null) {
    errors.push(`${NAMES.positionsTable} must be a table name or a range such as Sheet1!A1:H40`);
  }
  const o = parseOverrides(values.columnOverrides ?? null);
  if (o.error) errors.push(o.error);
  return {
    inputs: {
      accountValue: values.accountValue ?? null,
      cash: values.cash ?? null,
      vix: values.vix ?? null,
      highVixCap: values.highVixCap ?? null,
      concentrationLimit: values.concentrationLimit ?? null,
      ...Object.fromEntries(INCOME_SETTING_KEYS.map((k) => [k, values[k] ?? null])),
    },
    table,
    overrides: o.overrides,
    errors,
  };
}
