import type { Workbook, Worksheet, ConditionalFormattingRule } from "exceljs";
import {
  Cell,
  HIGHLIGHT_FILL,
  LOG_FORMATS,
  LOG_HEADERS,
  LOG_SHEET,
  LOG_TABLE,
  NAMES,
  REVIEW_SHEET,
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
import { absoluteRef, formatArea, parseArea } from "./cells";
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

/** Replaces the Weekly Review sheet with the review's values and number formats. */
export function writeReviewSheet(wb: Workbook, review: Review): Worksheet {
  const old = wb.getWorksheet(REVIEW_SHEET);
  if (old) wb.removeWorksheet(old.id);
  const ws = wb.addWorksheet(REVIEW_SHEET);
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
 * Appends one log row to the Review Log table, creating the sheet and table the first time.
 * exceljs cannot write charts: the pane adds the log's chart in Excel.
 */
export function appendLog(wb: Workbook, review: Review): void {
  const values = logRow(review);
  const existing = listTables(wb).find((t) => t.model.name.toLowerCase() === LOG_TABLE.toLowerCase());
  if (!existing) {
    const ws = wb.getWorksheet(LOG_SHEET) ?? wb.addWorksheet(LOG_SHEET);
    const top = ws.actualRowCount === 0 ? 1 : ws.rowCount + 2;
    ws.addTable({
      name: LOG_TABLE,
      ref: `A${top}`,
      headerRow: true,
      style: { theme: "TableStyleLight9", showRowStripes: true },
      columns: LOG_HEADERS.map((name) => ({ name, filterButton: true })),
      rows: [values.map((v) => v ?? "")],
    });
    formatLogRow(ws, top + 1, values);
    LOG_HEADERS.forEach((_, c) => (ws.getColumn(c + 1).width = c === 8 ? 18 : 14));
    return;
  }
  const model = existing.model as { tableRef?: string; ref?: string; autoFilterRef?: string; totalsRow?: boolean };
  const area = parseArea(model.tableRef ?? model.ref ?? "")!;
  const ws = existing.sheet;
  // A totals row, if the user added one, moves down with the table.
  const at = model.totalsRow ? area.bottom : area.bottom + 1;
  if (model.totalsRow) ws.spliceRows(at, 0, []);
  const grown = formatArea({ ...area, bottom: area.bottom + 1 });
  model.tableRef = grown;
  model.autoFilterRef = formatArea({ ...area, bottom: area.bottom + 1 - (model.totalsRow ? 1 : 0) });
  values.forEach((v, c) => (ws.getRow(at).getCell(area.left + c).value = v));
  formatLogRow(ws, at, values, area.left);
}

function formatLogRow(ws: Worksheet, row: number, values: Cell[], left = 1): void {
  values.forEach((v, c) => {
    const cell = ws.getRow(row).getCell(left + c);
    if (v === null) cell.value = null;
    if (LOG_FORMATS[c] !== "General") cell.numFmt = LOG_FORMATS[c];
  });
}
