import type { Workbook, Worksheet, ConditionalFormattingRule } from "exceljs";
import {
  Cell,
  HIGHLIGHT_FILL,
  LOG_FORMATS,
  LOG_HEADERS,
  LOG_TABLE,
  NAMES,
  Review,
  SETTINGS_SHEET,
  SETTING_KEYS,
  SETTING_LABELS,
  SettingKey,
  columnLetters,
  highlightAreas,
  highlightFormula,
  highlightKindOf,
  highlightPlan,
  logRow,
  reviewSheet,
} from "../core";
import { absoluteRef, formatArea, parseArea, plainCell } from "./cells";
import { isReviewCandidate, logSheetTarget, reviewSheetTarget } from "./own-sheets";
import { listTables, namedCell } from "./read";

type CfBlock = { ref: string; rules: ConditionalFormattingRule[] };
const blocksOf = (ws: Worksheet): CfBlock[] => (ws as unknown as { conditionalFormattings: CfBlock[] }).conditionalFormattings;
const isOurs = (rule: ConditionalFormattingRule): boolean =>
  rule.type === "expression" && highlightKindOf((rule as { formulae?: unknown[] }).formulae?.[0] as string | undefined) !== null;

/**
 * Writes inputs and settings into their defined names' cells; a missing name is created on the
 * settings sheet, label in column A and value in column B.
 */
export function writeSettings(wb: Workbook, values: Partial<Record<SettingKey, Cell>>): void {
  for (const key of SETTING_KEYS) {
    if (!(key in values)) continue;
    const value = values[key] ?? null;
    let at = namedCell(wb, NAMES[key]);
    if (!at) {
      const ws = wb.getWorksheet(SETTINGS_SHEET) ?? wb.addWorksheet(SETTINGS_SHEET);
      if (ws.getColumn(1).width === undefined) ws.getColumn(1).width = 44;
      if (ws.getColumn(2).width === undefined) ws.getColumn(2).width = 18;
      // The key's own row when free, so a settings sheet built in one go reads in the usual order.
      let row = SETTING_KEYS.indexOf(key) + 1;
      const label = ws.getRow(row).getCell(1).value;
      if ((label !== null && label !== SETTING_LABELS[key]) || ws.getRow(row).getCell(2).value !== null) row = ws.rowCount + 1;
      ws.getRow(row).getCell(1).value = SETTING_LABELS[key];
      wb.definedNames.add(absoluteRef(ws.name, row, 2), NAMES[key]);
      at = { sheet: ws.name, row, column: 2 };
    }
    wb.getWorksheet(at.sheet)!.getRow(at.row).getCell(at.column).value = value;
  }
}

/** Removes our highlight rules from every sheet; anyone else's rules stay as they are. */
export function clearHighlights(wb: Workbook): void {
  wb.eachSheet((ws) => {
    const kept: CfBlock[] = [];
    for (const block of blocksOf(ws)) {
      const rules = block.rules.filter((r) => !isOurs(r));
      if (rules.length === block.rules.length) kept.push(block);
      else if (rules.length > 0) kept.push({ ...block, rules });
    }
    (ws as unknown as { conditionalFormattings: CfBlock[] }).conditionalFormattings = kept;
  });
}

/**
 * Marks over-budget and concentration rows across the table's columns with our conditional
 * formats. Ours take the top priorities (the user's rules keep their order below ours), as
 * Office.js puts a new rule first, so a user's fill never hides a warning.
 */
export function highlight(wb: Workbook, review: Review): void {
  clearHighlights(wb);
  const src = review.source;
  const ws = src ? wb.getWorksheet(src.sheet) : undefined;
  const area = src ? parseArea(src.range) : null;
  if (!ws || !area) return;
  const groups = highlightAreas(highlightPlan(review), columnLetters(area.left), columnLetters(area.right));
  if (groups.length === 0) return;
  const blocks = blocksOf(ws);
  for (const block of blocks) for (const rule of block.rules) if (rule.priority) rule.priority += groups.length;
  groups.forEach((g, i) => {
    const argb = `FF${HIGHLIGHT_FILL[g.kind].replace("#", "").toUpperCase()}`;
    ws.addConditionalFormatting({
      ref: g.addresses.join(" "),
      rules: [
        {
          type: "expression",
          priority: i + 1,
          formulae: [highlightFormula(g.kind)],
          style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb } } },
        } as ConditionalFormattingRule,
      ],
    });
  });
}

/** Where a save writes: the review sheet (replaced only when ours) and the log's sheet. */
export interface RecordPlace {
  review: { name: string; exists: boolean };
  /** The ReviewLog table where it already is, or the free sheet name to create it on. */
  log: { table: TableEntry } | { newSheet: string };
}
type TableEntry = ReturnType<typeof listTables>[number];

/**
 * Decides where the weekly review and its log row go without writing anything: the user's own
 * sheets of the usual names are never cleared, replaced or written into. Throws SheetsTaken when
 * every candidate name is the user's.
 */
export function recordPlace(wb: Workbook): RecordPlace {
  // findCell, not getCell: reading must not add an empty cell to the user's sheet.
  const a1 = (ws: Worksheet) => {
    const cell = ws.findCell(1, 1);
    return cell ? plainCell(cell) : null;
  };
  const candidates = wb.worksheets.filter((ws) => isReviewCandidate(ws.name)).map((ws) => ({ name: ws.name, a1: a1(ws) }));
  const review = reviewSheetTarget(candidates);
  const table = listTables(wb).find((t) => t.model.name.toLowerCase() === LOG_TABLE.toLowerCase());
  return { review, log: table ? { table } : { newSheet: logSheetTarget(wb.worksheets.map((ws) => ws.name)) } };
}

/** Writes the Weekly Review sheet and one Review Log row where recordPlace() says; returns the sheet names used. */
export function saveRecord(wb: Workbook, review: Review): { reviewSheet: string; logSheet: string } {
  const place = recordPlace(wb);
  const ws = writeReviewSheet(wb, review, place.review);
  const log = appendLog(wb, review, place.log);
  return { reviewSheet: ws.name, logSheet: log.name };
}

/** Puts the review's values and number formats on a new sheet, replacing our earlier one of that name. */
export function writeReviewSheet(wb: Workbook, review: Review, at: RecordPlace["review"]): Worksheet {
  if (at.exists) {
    const old = wb.worksheets.find((w) => w.name.toLowerCase() === at.name.toLowerCase());
    if (old) wb.removeWorksheet(old.id);
  }
  const ws = wb.addWorksheet(at.name);
  const content = reviewSheet(review);
  content.values.forEach((cells, r) => {
    const row = ws.getRow(r + 1);
    cells.forEach((value, c) => {
      if (value === null) return;
      const cell = row.getCell(c + 1);
      cell.value = value;
      const fmt = content.formats[r][c];
      if (fmt && fmt !== "General") cell.numFmt = fmt;
    });
    if (content.headingRows.includes(r)) row.font = { bold: true };
  });
  ws.getColumn(1).width = 30;
  for (let c = 2; c <= content.width; c++) ws.getColumn(c).width = 18;
  return ws;
}

/**
 * Appends one log row to the ReviewLog table, or creates the table on a new sheet the first
 * time. exceljs cannot write charts: the pane adds the log's chart in Excel.
 */
export function appendLog(wb: Workbook, review: Review, at: RecordPlace["log"]): Worksheet {
  const values = logRow(review);
  if ("newSheet" in at) {
    const ws = wb.addWorksheet(at.newSheet);
    ws.addTable({
      name: LOG_TABLE,
      ref: "A1",
      headerRow: true,
      style: { theme: "TableStyleLight9", showRowStripes: true },
      columns: LOG_HEADERS.map((name) => ({ name, filterButton: true })),
      rows: [values.map((v) => v ?? "")],
    });
    formatLogRow(ws, 2, values);
    LOG_HEADERS.forEach((_, c) => (ws.getColumn(c + 1).width = c === 8 ? 18 : 14));
    return ws;
  }
  const model = at.table.model as { tableRef?: string; ref?: string; autoFilterRef?: string; totalsRow?: boolean };
  const area = parseArea(model.tableRef ?? model.ref ?? "")!;
  const ws = at.table.sheet;
  // A totals row, if the user added one, moves down with the table.
  const row = model.totalsRow ? area.bottom : area.bottom + 1;
  if (model.totalsRow) ws.spliceRows(row, 0, []);
  const grown = formatArea({ ...area, bottom: area.bottom + 1 });
  model.tableRef = grown;
  model.autoFilterRef = formatArea({ ...area, bottom: area.bottom + 1 - (model.totalsRow ? 1 : 0) });
  values.forEach((v, c) => (ws.getRow(row).getCell(area.left + c).value = v));
  formatLogRow(ws, row, values, area.left);
  return ws;
}

function formatLogRow(ws: Worksheet, row: number, values: Cell[], left = 1): void {
  values.forEach((v, c) => {
    const cell = ws.getRow(row).getCell(left + c);
    if (v === null) cell.value = null;
    if (LOG_FORMATS[c] !== "General") cell.numFmt = LOG_FORMATS[c];
  });
}
