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

/** Writes each given setting into its named cell, creating the names that are missing. Two round trips. */
export async function writeSettings(context: Excel.RequestContext, values: Partial<Record<SettingKey, Cell>>): Promise<SettingKey[]> {
  const workbook = context.workbook;
  const keys = (Object.keys(values) as SettingKey[]).filter((k) => SETTING_KEYS.includes(k));
  const names = workbook.names;
  names.load("items/name,items/type");
  const settingsSheet = workbook.worksheets.getItemOrNullObject(SETTINGS_SHEET);
  settingsSheet.load("isNullObject");
  await context.sync();

  const byName = new Map(names.items.map((item) => [item.name.toLowerCase(), item]));
  let sheet: Excel.Worksheet | null = settingsSheet.isNullObject ? null : settingsSheet;
  const created: SettingKey[] = [];
  for (const key of keys) {
    const value = values[key] ?? null;
    const item = byName.get(NAMES[key].toLowerCase());
    if (item && item.type !== "Error") {
      item.getRange().values = [[excelSettingValue(value)]];
      continue;
    }
    if (value === null) continue;
    // A name whose cell was deleted (#REF!) is replaced, not written through.
    if (item) item.delete();
    if (!sheet) sheet = workbook.worksheets.add(SETTINGS_SHEET);
    const row = settingsRow(key);
    sheet.getRange(`A${row}`).values = [[SETTING_LABELS[key]]];
    const cell = sheet.getRange(`B${row}`);
    const format = NUMBER_FORMATS[key];
    if (format) cell.numberFormat = [[format]];
    cell.values = [[excelSettingValue(value)]];
    workbook.names.add(NAMES[key], cell);
    created.push(key);
  }
  if (sheet && created.length > 0) sheet.getRange("A:B").format.autofitColumns();
  await context.sync();
  return created;
}

/** Names the selected cell as a setting (the user's own sheet keeps the input). Two round trips. */
export async function nameSelectedCell(context: Excel.RequestContext, key: SettingKey): Promise<string> {
  const selected = context.workbook.getSelectedRange();
  selected.load("address,cellCount");
  const existing = context.workbook.names.getItemOrNullObject(NAMES[key]);
  existing.load("isNullObject");
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
