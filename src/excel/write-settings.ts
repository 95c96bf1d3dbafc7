import { Cell, NAMES, SETTING_KEYS, SETTING_LABELS, SETTINGS_SHEET, SettingKey } from "../core";

/**
 * Inputs and settings live in workbook-scoped defined names (src/core/settings.ts). A name
 * that exists is written where it points, on the user's own sheet if that is where they named
 * the cell; a missing one is created on the settings sheet, one row per setting.
 */

const NUMBER_FORMATS: Partial<Record<SettingKey, string>> = {
  accountValue: "$#,##0.00",
  cash: "$#,##0.00",
  vix: "0.00",
  highVixCap: "0%",
  concentrationLimit: "0%",
  incomeTarget: "$#,##0.00",
  withdrawal: "$#,##0.00",
  reserve: "$#,##0.00",
  payoutRatio: "0%",
  maxRaise: "0%",
};

/** The settings sheet's row of a setting, in NAMES order from row 1, as the exceljs writer lays it out. */
export function settingsRow(key: SettingKey): number {
  return SETTING_KEYS.indexOf(key) + 1;
}

/**
 * Excel reads a typed "=..." as a formula and drops a leading apostrophe; a setting's text is
 * stored literally, so text gets the apostrophe that says "this is text".
 */
export function excelSettingValue(value: Cell): string | number | boolean {
  if (value === null) return "";
  return typeof value === "string" && value !== "" ? `'${value}` : value;
}

/** A setting's value as the formula of a defined name that holds a constant: =0.47, ="Positions", =TRUE. */
export function constantFormula(value: Cell): string {
  if (value === null) return '=""';
  if (typeof value === "string") return `="${value.replace(/"/g, '""')}"`;
  if (typeof value === "boolean") return value ? "=TRUE" : "=FALSE";
  if (!Number.isFinite(value)) throw new Error(`${value} is not a number Excel can store`);
  return `=${value}`;
}

const CONSTANT_TYPES = new Set(["String", "Double", "Integer", "Boolean"]);

type Plan =
  | { key: SettingKey; kind: "cell"; item: Excel.NamedItem; value: Cell }
  | { key: SettingKey; kind: "constant"; item: Excel.NamedItem; value: Cell }
  | { key: SettingKey; kind: "create"; replace: Excel.NamedItem | null; value: Cell };

/**
 * Writes each given setting where its defined name keeps it, creating the names that are missing,
 * in two round trips. A name pointing at a cell gets the value in that cell (on the user's own
 * sheet if that is where they named it); a name holding a constant (CSP_HighVixCap = 0.47) stays
 * a constant with the new value (NamedItem.formula: NamedItem.getRange() fails for such a name);
 * a name whose cell was deleted (#REF!) is replaced on the settings sheet. Every value and every
 * name is checked before anything is written, so a refusal leaves the workbook as it was.
 */
export async function writeSettings(context: Excel.RequestContext, values: Partial<Record<SettingKey, Cell>>): Promise<SettingKey[]> {
  const workbook = context.workbook;
  const keys = (Object.keys(values) as SettingKey[]).filter((k) => SETTING_KEYS.includes(k));
  for (const key of keys) checkValue(key, values[key]);
  const found = keys.map((key) => {
    const item = workbook.names.getItemOrNullObject(NAMES[key]);
    item.load("type");
    const range = item.getRangeOrNullObject();
    range.load("cellCount");
    return { key, item, range };
  });
  const settingsSheet = workbook.worksheets.getItemOrNullObject(SETTINGS_SHEET);
  await context.sync();

  const plans: Plan[] = [];
  for (const { key, item, range } of found) {
    const value = values[key] ?? null;
    const type = item.isNullObject ? null : String(item.type);
    if (type === "Range" && !range.isNullObject) {
      if (range.cellCount !== 1) throw new Error(`${NAMES[key]} names ${range.cellCount} cells: name one cell, then save again (nothing was saved)`);
      plans.push({ key, kind: "cell", item, value });
    } else if (type !== null && CONSTANT_TYPES.has(type)) {
      plans.push({ key, kind: "constant", item, value });
    } else if (type === null || type === "Error") {
      if (value !== null) plans.push({ key, kind: "create", replace: type === "Error" ? item : null, value });
    } else {
      throw new Error(`${NAMES[key]} holds ${type === "Array" ? "an array" : `a ${type} value`}: make it one cell or a single value, then save again (nothing was saved)`);
    }
  }

  let sheet: Excel.Worksheet | null = settingsSheet.isNullObject ? null : settingsSheet;
  const created: SettingKey[] = [];
  for (const plan of plans) {
    if (plan.kind === "cell") {
      plan.item.getRange().values = [[excelSettingValue(plan.value)]];
      continue;
    }
    if (plan.kind === "constant") {
      plan.item.formula = constantFormula(plan.value);
      continue;
    }
    // A name whose cell was deleted (#REF!) is replaced, not written through.
    plan.replace?.delete();
    if (!sheet) sheet = workbook.worksheets.add(SETTINGS_SHEET);
    const row = settingsRow(plan.key);
    sheet.getRange(`A${row}`).values = [[SETTING_LABELS[plan.key]]];
    const cell = sheet.getRange(`B${row}`);
    const format = NUMBER_FORMATS[plan.key];
    if (format) cell.numberFormat = [[format]];
    cell.values = [[excelSettingValue(plan.value)]];
    workbook.names.add(NAMES[plan.key], cell);
    created.push(plan.key);
  }
  if (sheet && created.length > 0) sheet.getRange("A:B").format.autofitColumns();
  await context.sync();
  return created;
}

/** Only plain cells reach the workbook: anything else is a programming error, refused before any write. */
function checkValue(key: SettingKey, value: unknown): void {
  const ok = value === null || value === undefined || typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value));
  if (!ok) throw new Error(`${NAMES[key]}: ${String(value)} cannot be stored in a cell (nothing was saved)`);
}

/** Names the selected cell as a setting (the user's own sheet keeps the input). Two round trips. */
export async function nameSelectedCell(context: Excel.RequestContext, key: SettingKey): Promise<string> {
  const selected = context.workbook.getSelectedRange();
  selected.load("address,cellCount");
  // isNullObject comes back with every sync: nothing to load for it.
  const existing = context.workbook.names.getItemOrNullObject(NAMES[key]);
  await context.sync();
  if (selected.cellCount !== 1) throw new Error(`select one cell to name it ${NAMES[key]}`);
  if (!existing.isNullObject) existing.delete();
  context.workbook.names.add(NAMES[key], selected);
  await context.sync();
  return selected.address;
}

/** The selected range as sheet + address, for "use the selected range" as the position table. One round trip. */
export async function selectedRange(context: Excel.RequestContext): Promise<{ sheet: string; address: string }> {
  const selected = context.workbook.getSelectedRange();
  selected.load("address");
  await context.sync();
  const bang = selected.address.lastIndexOf("!");
  let sheet = selected.address.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, address: selected.address.slice(bang + 1).replace(/\$/g, "") };
}
