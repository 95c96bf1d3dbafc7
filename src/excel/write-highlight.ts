import {
  HIGHLIGHT_FILL,
  highlightAreas,
  highlightFormula,
  highlightKindOf,
  highlightPlan,
  Review,
  TableSource,
} from "../core";

/**
 * Highlights are conditional formats owned by the add-in (src/core/record.ts explains the
 * marker). Nothing here writes a cell value or a cell format, so the user's own fills, fonts,
 * borders, number formats and conditional formats cannot be lost.
 */

/** First and last column letters of an A1 range such as "B3:H40". */
export function rangeColumns(range: string): { first: string; last: string } {
  const m = /^\$?([A-Z]{1,3})\$?\d+(?::\$?([A-Z]{1,3})\$?\d+)?$/i.exec(range.trim());
  if (!m) throw new Error(`not an A1 range: ${range}`);
  return { first: m[1].toUpperCase(), last: (m[2] ?? m[1]).toUpperCase() };
}

const OUR_RULES = "items/type,items/customOrNullObject/rule/formula";

function isOurs(format: Excel.ConditionalFormat): boolean {
  return format.type === "Custom" && highlightKindOf(format.customOrNullObject.rule.formula) !== null;
}

function queueOwnRulesLoad(sheet: Excel.Worksheet): Excel.ConditionalFormatCollection {
  const formats = sheet.getRange().conditionalFormats;
  formats.load(OUR_RULES);
  return formats;
}

function sourceOf(review: Review): TableSource {
  if (!review.source) throw new Error("the review has no table on a sheet to highlight");
  return review.source;
}

/**
 * Replaces the add-in's marks on the table's sheet with the review's: over-budget rows red,
 * concentration rows amber. Two round trips whatever the number of rows: one to find the
 * marks already there, one to delete them and add the new ones.
 * Returns the number of rows marked.
 */
export async function writeHighlights(context: Excel.RequestContext, review: Review): Promise<number> {
  const source = sourceOf(review);
  const sheet = context.workbook.worksheets.getItem(source.sheet);
  const existing = queueOwnRulesLoad(sheet);
  await context.sync();

  for (const format of existing.items) if (isOurs(format)) format.delete();
  const plan = highlightPlan(review);
  const { first, last } = rangeColumns(source.range);
  for (const { kind, addresses } of highlightAreas(plan, first, last)) {
    const format = sheet.getRanges(addresses.join(",")).conditionalFormats.add("Custom");
    format.custom.rule.formula = `=${highlightFormula(kind)}`;
    format.custom.format.fill.color = HIGHLIGHT_FILL[kind];
  }
  await context.sync();
  return plan.length;
}

/**
 * Deletes the add-in's marks from every sheet (the table may have moved since they were
 * added) and nothing else. Three round trips: sheet names, their rules, the deletes.
 * Returns the number of rules removed.
 */
export async function clearHighlights(context: Excel.RequestContext): Promise<number> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  await context.sync();

  const collections = sheets.items.map(queueOwnRulesLoad);
  await context.sync();

  let removed = 0;
  for (const formats of collections) {
    for (const format of formats.items) {
      if (!isOurs(format)) continue;
      format.delete();
      removed++;
    }
  }
  if (removed > 0) await context.sync();
  return removed;
}

/** Selects one sheet row of the table, across the table's columns, and shows its sheet. */
export async function selectTableRow(context: Excel.RequestContext, source: TableSource, row: number): Promise<void> {
  if (!Number.isInteger(row) || row < 1) throw new Error(`not a sheet row: ${row}`);
  const { first, last } = rangeColumns(source.range);
  const sheet = context.workbook.worksheets.getItem(source.sheet);
  sheet.activate();
  sheet.getRange(`${first}${row}:${last}${row}`).select();
  await context.sync();
}
