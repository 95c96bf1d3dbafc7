import {
  BROKER_POSITIONS_TABLE,
  BrokerImport,
  Cell,
  IMPORT_HEADER_ROW,
  ImportKind,
  ImportTable,
  NAMES,
  Placement,
  StoredChoice,
  WorkbookFacts,
  placeImport,
  positionsTableDecision,
} from "../core";
import { parseArea, splitSheetAddress } from "./cells";
import { writeSettingCells } from "./reviewed";
import { XlsxPackage, addCellStyles, definedNamesOf, firstCellOf, setDefinedName, styleKey, stylesOf, tablesOf, valueAt, writeTableSheet } from "./package";

/**
 * The broker import written into a workbook package (`assignment-guard import`): the
 * BrokerPositions and BrokerLedger tables on their own sheets, each replacing the previous
 * import of its kind, and CSP_PositionsTable pointed at BrokerPositions unless the user chose
 * another table. Every other part of the package stays byte for byte.
 */

/** The workbook's names are in the way of the import: nothing was written. */
export class ImportRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImportRefused";
  }
}

export interface ImportPlaced {
  table: string;
  sheet: string;
  /** True when the previous import's sheet was replaced. */
  replaced: boolean;
  rows: number;
}

export interface ImportResult {
  positions: ImportPlaced;
  /** Null when the broker file has no ledger (a position list). */
  ledger: ImportPlaced | null;
  setting: { written: boolean; message: string };
}

/** Sheets with their A1, tables with their sheets, defined names: what the placement needs. */
async function factsOf(pkg: XlsxPackage): Promise<WorkbookFacts> {
  const sheets: { name: string; a1: Cell }[] = [];
  for (const s of await pkg.sheets()) sheets.push({ name: s.name, a1: s.part ? await firstCellOf(pkg, s.part) : null });
  const tables = (await tablesOf(pkg)).map((t) => ({ name: t.name, sheet: t.sheet.name }));
  const definedNames = (await definedNamesOf(pkg)).map((d) => d.name);
  return { sheets, tables, definedNames };
}

const WIDTHS: Record<ImportKind, number[]> = {
  positions: [12, 11, 7, 10, 10, 11, 12, 12, 11, 60],
  ledger: [12, 14, 11],
};

/** Writes one import table where its placement says; returns where it went. */
async function writeImportTable(pkg: XlsxPackage, t: ImportTable, place: Extract<Placement, { ok: true }>): Promise<ImportPlaced> {
  const styles = await stylesOf(pkg);
  const keys = [styleKey("General", true), ...t.formats.map((f) => styleKey(f, false))];
  const { xml, xfOf } = addCellStyles(styles.xml, [...new Set(keys)].filter((k) => k !== styleKey("General", false)));
  if (xml !== styles.xml) pkg.setText(styles.part, xml);
  const bold = xfOf.get(styleKey("General", true)) ?? 0;
  const sheets = await pkg.sheets();
  let replace: { part: string; tablePart: string | null } | null = null;
  if (place.sheetExists) {
    const entry = sheets.find((s) => s.name.toLowerCase() === place.sheet.toLowerCase());
    if (!entry?.part) throw new ImportRefused(`sheet '${place.sheet}' is not a worksheet`);
    const table = place.tableExists ? (await tablesOf(pkg)).find((x) => x.name.toLowerCase() === t.name.toLowerCase()) : undefined;
    replace = { part: entry.part, tablePart: table?.part ?? null };
  }
  const blankAbove = IMPORT_HEADER_ROW - 3;
  await writeTableSheet(
    pkg,
    {
      sheet: place.sheet,
      above: [[t.title], [t.caption], ...Array.from({ length: blankAbove }, () => [])],
      tableName: t.name,
      headers: t.headers,
      rows: t.rows,
      styles: { title: bold, header: bold, columns: t.formats.map((f) => xfOf.get(styleKey(f, false)) ?? 0) },
      widths: WIDTHS[t.kind],
    },
    replace,
  );
  return { table: t.name, sheet: place.sheet, replaced: place.sheetExists, rows: t.rows.length };
}

/** CSP_PositionsTable as the workbook stores it: missing, a cell's value, or a constant's; `other` for anything else (#REF!). */
async function storedChoice(pkg: XlsxPackage): Promise<{ stored: StoredChoice; where: { sheet: string; row: number; col: number } | "constant" | "other" | null }> {
  const name = (await definedNamesOf(pkg)).find((d) => d.localSheetId === undefined && d.name.toLowerCase() === NAMES.positionsTable.toLowerCase());
  if (!name) return { stored: { defined: false }, where: null };
  const constant = /^"((?:[^"]|"")*)"$/.exec(name.text);
  if (constant) return { stored: { defined: true, value: constant[1].replace(/""/g, '"') }, where: "constant" };
  const split = splitSheetAddress(name.text.replace(/^=/, ""));
  const area = split ? parseArea(split.address) : null;
  const sheet = split && area ? (await pkg.sheets()).find((s) => s.name.toLowerCase() === split.sheet.toLowerCase() && s.part) : undefined;
  if (!split || !area || !sheet?.part) return { stored: { defined: true, value: name.text }, where: "other" };
  return { stored: { defined: true, value: await valueAt(pkg, sheet.part, area.top, area.left) }, where: { sheet: sheet.name, row: area.top, col: area.left } };
}

/** Points CSP_PositionsTable at BrokerPositions when the user has not chosen another table. */
async function pointPositionsTable(pkg: XlsxPackage): Promise<{ written: boolean; message: string }> {
  const { stored, where } = await storedChoice(pkg);
  if (where === "other") {
    return { written: false, message: `${NAMES.positionsTable} refers to ${String((stored as { value: Cell }).value)}, not a cell or a text: left as it is, so the review may not read ${BROKER_POSITIONS_TABLE}` };
  }
  const decision = positionsTableDecision(stored);
  if (!decision.write) return { written: false, message: decision.message };
  if (where === "constant") await setDefinedName(pkg, NAMES.positionsTable, `"${BROKER_POSITIONS_TABLE}"`);
  // A missing name is created where the add-in keeps its settings; a named cell gets the value in place.
  else await writeSettingCells(pkg, { positionsTable: BROKER_POSITIONS_TABLE });
  return { written: true, message: decision.message };
}

/**
 * Writes the import into the package. Both placements are decided before anything is written,
 * so a refusal (ImportRefused) leaves the package as it was.
 */
export async function importIntoPackage(pkg: XlsxPackage, imp: BrokerImport): Promise<ImportResult> {
  const facts = await factsOf(pkg);
  const positionsPlace = placeImport("positions", facts);
  if (!positionsPlace.ok) throw new ImportRefused(positionsPlace.message);
  let ledgerPlace: Placement | null = null;
  if (imp.ledger) {
    ledgerPlace = placeImport("ledger", facts);
    if (!ledgerPlace.ok) throw new ImportRefused(ledgerPlace.message);
    if (ledgerPlace.sheet.toLowerCase() === positionsPlace.sheet.toLowerCase()) throw new ImportRefused(`both import tables would go on sheet '${ledgerPlace.sheet}'`);
  }
  const positions = await writeImportTable(pkg, imp.positions, positionsPlace);
  const ledger = imp.ledger && ledgerPlace?.ok ? await writeImportTable(pkg, imp.ledger, ledgerPlace) : null;
  const setting = await pointPositionsTable(pkg);
  return { positions, ledger, setting };
}
