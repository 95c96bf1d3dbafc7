import { Cell, columnLetters, LOG_FORMATS, LOG_HEADERS, LOG_SHEET, LOG_TABLE, logRow, Review, REVIEW_SHEET, reviewSheet } from "../core";

/**
 * The accountant's record: the Weekly Review sheet, one more row in the Review Log table and
 * a native chart of exposure vs budget beside it. Plain values and Excel objects only, so the
 * copy reads the same in an Excel without the add-in. The content comes from src/core/record.ts,
 * shared with the exceljs writer of the command line.
 */

export const LOG_CHART = "AssignmentGuardExposureChart";
export const LOG_CHART_TITLE = "Exposure vs budget";
const DEFAULT_CHART_PLACE = { left: "L2", right: "T20" };

/** Excel writes "" for an empty cell; null would leave the old value in place. */
export function excelValues(rows: Cell[][]): (string | number | boolean)[][] {
  return rows.map((row) => row.map((cell) => (cell === null ? "" : cell)));
}

function writeReviewSheet(workbook: Excel.Workbook, existing: Excel.Worksheet, review: Review): void {
  const content = reviewSheet(review);
  const sheet = existing.isNullObject ? workbook.worksheets.add(REVIEW_SHEET) : existing;
  // The sheet is the add-in's own and holds last week's review: rewrite it whole.
  if (!existing.isNullObject) sheet.getRange().clear();
  const last = columnLetters(content.width);
  const target = sheet.getRange(`A1:${last}${content.values.length}`);
  target.values = excelValues(content.values);
  target.numberFormat = content.formats;
  for (const r of content.headingRows) sheet.getRange(`A${r + 1}:${last}${r + 1}`).format.font.bold = true;
  target.format.autofitColumns();
}

/**
 * Appends the review's row to the log, creating the sheet and table the first time. A new
 * table is made over its header and first row together: Excel gives a header-only table an
 * empty body row, which would stay in the log as a blank week.
 */
function appendLogRow(workbook: Excel.Workbook, logSheet: Excel.Worksheet, logTable: Excel.Table, review: Review): Excel.Table {
  const row = excelValues([logRow(review)]);
  if (!logTable.isNullObject) {
    logTable.rows.add(undefined, row);
    return logTable;
  }
  const sheet = logSheet.isNullObject ? workbook.worksheets.add(LOG_SHEET) : logSheet;
  const first = sheet.getRange(`A1:${columnLetters(LOG_HEADERS.length)}2`);
  first.values = [[...LOG_HEADERS], ...row];
  const table = sheet.tables.add(first, true);
  table.name = LOG_TABLE;
  return table;
}

/**
 * Writes the review sheet, appends the log row and (re)draws the chart over the whole log.
 * Three round trips whatever the log's length: what exists, the writes plus the log's new
 * size and the chart's place, then the number formats and the chart.
 */
export async function writeWeeklyReview(context: Excel.RequestContext, review: Review): Promise<void> {
  const workbook = context.workbook;
  const existingReview = workbook.worksheets.getItemOrNullObject(REVIEW_SHEET);
  const existingLogSheet = workbook.worksheets.getItemOrNullObject(LOG_SHEET);
  const existingLog = workbook.tables.getItemOrNullObject(LOG_TABLE);
  existingReview.load("isNullObject");
  existingLogSheet.load("isNullObject");
  existingLog.load("isNullObject");
  await context.sync();

  writeReviewSheet(workbook, existingReview, review);
  const table = appendLogRow(workbook, existingLogSheet, existingLog, review);
  const body = table.getDataBodyRange();
  body.load("rowCount");
  const sheet = table.worksheet;
  const oldChart = sheet.charts.getItemOrNullObject(LOG_CHART);
  oldChart.load("isNullObject,top,left,width,height");
  await context.sync();

  body.numberFormat = Array.from({ length: body.rowCount }, () => [...LOG_FORMATS]);
  drawChart(sheet, table, oldChart);
  await context.sync();
}

/**
 * Exposure as columns, budget as a line, one point per logged week. The chart is the add-in's
 * (found by its name) and is redrawn over the whole log each time, in the place the user left it.
 */
function drawChart(sheet: Excel.Worksheet, table: Excel.Table, oldChart: Excel.Chart): void {
  const column = (name: (typeof LOG_HEADERS)[number]) => table.columns.getItem(name);
  const data = column("Budget").getRange().getBoundingRect(column("Exposure").getRange());
  const dates = column("Date").getDataBodyRange();
  // Delete first: two charts of one name would make the next lookup pick either.
  if (!oldChart.isNullObject) oldChart.delete();
  const chart = sheet.charts.add("ColumnClustered", data, "Columns");
  chart.name = LOG_CHART;
  chart.title.text = LOG_CHART_TITLE;
  const budget = chart.series.getItemAt(0);
  budget.chartType = "Line";
  budget.setXAxisValues(dates);
  chart.series.getItemAt(1).setXAxisValues(dates);
  if (oldChart.isNullObject) {
    chart.setPosition(DEFAULT_CHART_PLACE.left, DEFAULT_CHART_PLACE.right);
  } else {
    chart.top = oldChart.top;
    chart.left = oldChart.left;
    chart.width = oldChart.width;
    chart.height = oldChart.height;
  }
}
