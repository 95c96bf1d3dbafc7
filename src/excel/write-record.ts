import { excelSettingValue } from "./write-settings";
import {
  Cell,
  chooseLogSheet,
  chooseReviewSheet,
  columnLetters,
  LOG_FORMATS,
  LOG_HEADERS,
  LOG_SHEET_CANDIDATES,
  LOG_TABLE,
  logRow,
  logRowFor,
  normalizeHeader,
  Review,
  REVIEW_SHEET_CANDIDATES,
  reviewSheet,
  sheetsTakenMessage,
} from "../core";

/**
 * The accountant's record: the Weekly Review sheet, one more row in the Review Log table and
 * a native chart of exposure vs budget beside it. Plain values and Excel objects only, so the
 * copy reads the same in an Excel without the add-in. The content comes from src/core/record.ts,
 * shared with the exceljs writer of the command line.
 */

export const LOG_CHART = "AssignmentGuardExposureChart";
export const LOG_CHART_TITLE = "Exposure vs budget";
/** Right of the 22 log columns (A:V) of a log the add-in made, so the chart never covers the log. */
const DEFAULT_CHART_PLACE = { left: "X2", right: "AF20" };

/** Excel writes "" for an empty cell; null would leave the old value in place. */
export function excelValues(rows: Cell[][]): (string | number | boolean)[][] {
  // Workbook text (a ticker, a message quoting a cell) goes in as text: "=..." never becomes a formula.
  return rows.map((row) => row.map(excelSettingValue));
}

/** A cell value as the core reads it: Excel gives "" for an empty cell. */
function cellOf(value: unknown): Cell {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? value : null;
}

/**
 * Rewrites the add-in's review sheet whole, or creates it. Only ever called with a sheet that
 * chooseReviewSheet found to be ours (our title in A1) or with a name no sheet uses.
 */
function writeReviewSheet(workbook: Excel.Workbook, own: Excel.Worksheet | null, name: string, review: Review): void {
  const content = reviewSheet(review);
  const sheet = own ?? workbook.worksheets.add(name);
  // Last week's review: clear it so no leftover row survives a shorter review.
  if (own) sheet.getRange().clear();
  const last = columnLetters(content.width);
  const target = sheet.getRange(`A1:${last}${content.values.length}`);
  target.values = excelValues(content.values);
  target.numberFormat = content.formats;
  for (const r of content.headingRows) sheet.getRange(`A${r + 1}:${last}${r + 1}`).format.font.bold = true;
  target.format.autofitColumns();
}

type LogColumn = (typeof LOG_HEADERS)[number];

/**
 * The chart's series, in the order charts.add and series.add give them: budget and exposure (the
 * log's adjacent columns F and G), then T12 income. An update in place finds them by position.
 * A log made before T12 income existed has no such column: its chart keeps the first two.
 */
const CHART_SERIES: readonly LogColumn[] = ["Budget", "Exposure", "T12 income"];
const LINE_SERIES: readonly LogColumn[] = ["Budget", "T12 income"];

/** The chart series a log with these columns can draw (the first two must both be there, or none is drawn). */
function seriesOf(columns: readonly string[]): LogColumn[] {
  const has = (name: string) => columns.includes(name);
  return has(CHART_SERIES[0]) && has(CHART_SERIES[1]) ? CHART_SERIES.filter(has) : [];
}

/** The add-in's chart as the second round trip found it (maybe a null object) and its series count. */
interface FoundChart {
  chart: Excel.Chart;
  seriesCount: OfficeExtension.ClientResult<number>;
}

/** Where this save's log row goes: the existing ReviewLog table, wherever it is (with its columns), or a new sheet. */
type LogTarget = { table: Excel.Table; header: Excel.Range; oldChart: FoundChart } | { newSheet: string };

/**
 * Appends the review's row to the log, creating the sheet and table the first time. A new
 * table is made over its header and first row together: Excel gives a header-only table an
 * empty body row, which would stay in the log as a blank week. An older log keeps its columns:
 * each figure goes under the header that names it (src/core/record.ts logRowFor).
 */
function appendLogRow(workbook: Excel.Workbook, target: LogTarget, review: Review): { table: Excel.Table; columns: string[] } {
  if ("table" in target) {
    const columns = (target.header.values[0] ?? []).map((v) => String(v));
    target.table.rows.add(undefined, excelValues([logRowFor(columns, review)]));
    return { table: target.table, columns };
  }
  const sheet = workbook.worksheets.add(target.newSheet);
  const first = sheet.getRange(`A1:${columnLetters(LOG_HEADERS.length)}2`);
  first.values = [[...LOG_HEADERS], ...excelValues([logRow(review)])];
  const table = sheet.tables.add(first, true);
  table.name = LOG_TABLE;
  return { table, columns: [...LOG_HEADERS] };
}

/** Number formats of the new row, column by column under our headers: the user's own columns keep theirs. */
function formatLogRow(table: Excel.Table, columns: readonly string[]): void {
  const ours = LOG_HEADERS.map((h) => normalizeHeader(h));
  columns.forEach((name, c) => {
    const i = ours.indexOf(normalizeHeader(name));
    if (i >= 0) table.columns.getItemAt(c).getDataBodyRange().getLastRow().numberFormat = [[LOG_FORMATS[i]]];
  });
}

/**
 * Writes the review sheet, appends the log row and points the chart at the whole log, never
 * on a sheet of the user's: a user's own "Weekly Review" or "Review Log" sheet makes the add-in
 * use its second name ("AG Weekly Review", "AG Review Log"), and when both names are the user's,
 * the save stops with a message before writing anything.
 *
 * Three round trips whatever the log's length and whichever sheets exist: which candidate sheets
 * and which log table exist; A1 of the existing review candidates (whose sheet is ours) and the
 * log chart's place and series count; then every write. All writes wait for the last round trip
 * so that nothing, not even the log row, is written when the review has nowhere to go.
 */
export async function writeWeeklyReview(context: Excel.RequestContext, review: Review): Promise<void> {
  const workbook = context.workbook;
  // isNullObject comes back with every sync: a null object needs no load to be told apart.
  const lookUp = (names: readonly string[]) => names.map((name) => ({ name, sheet: workbook.worksheets.getItemOrNullObject(name) }));
  const reviewCandidates = lookUp(REVIEW_SHEET_CANDIDATES);
  const logCandidates = lookUp(LOG_SHEET_CANDIDATES);
  const existingLog = workbook.tables.getItemOrNullObject(LOG_TABLE);
  await context.sync();

  let log: LogTarget;
  if (existingLog.isNullObject) {
    const newSheet = chooseLogSheet(logCandidates.filter(({ sheet }) => !sheet.isNullObject).map(({ name }) => name));
    if (newSheet === null) throw new Error(sheetsTakenMessage(LOG_SHEET_CANDIDATES));
    log = { newSheet };
  } else {
    const chart = existingLog.worksheet.charts.getItemOrNullObject(LOG_CHART);
    chart.load("top,left,width,height");
    const header = existingLog.getHeaderRowRange().load("values");
    log = { table: existingLog, header, oldChart: { chart, seriesCount: chart.series.getCount() } };
  }
  const existingReviews = reviewCandidates
    .filter(({ sheet }) => !sheet.isNullObject)
    .map(({ name, sheet }) => ({ name, sheet, a1: sheet.getRange("A1").load("values") }));
  // When nothing exists yet this round trip carries no load; it stays so the count is one number.
  await context.sync();

  const choice = chooseReviewSheet(existingReviews.map(({ name, a1 }) => ({ name, a1: cellOf(a1.values[0][0]) })));
  if (choice === null) throw new Error(sheetsTakenMessage(REVIEW_SHEET_CANDIDATES));
  const own = choice.exists ? (existingReviews.find(({ name }) => name === choice.name)?.sheet ?? null) : null;
  writeReviewSheet(workbook, own, choice.name, review);
  const { table, columns } = appendLogRow(workbook, log, review);
  // Only the new row: formats the user gave earlier weeks stay theirs.
  formatLogRow(table, columns);
  const series = seriesOf(columns);
  if (series.length > 0) drawChart(table.worksheet, table, series, "oldChart" in log ? log.oldChart : null);
  await context.sync();
}

/**
 * Exposure as columns, budget and T12 income as lines, one point per logged week. The chart is the
 * add-in's (found by its name). When it exists with the series this log draws it is only pointed
 * at the grown log, so the user's styling (colours, titles, fonts, legend, axes) stays; otherwise
 * it is drawn anew.
 */
function drawChart(sheet: Excel.Worksheet, table: Excel.Table, series: readonly LogColumn[], found: FoundChart | null): void {
  const old = found && !found.chart.isNullObject ? found : null;
  if (old && old.seriesCount.value === series.length) {
    pointSeriesAtLog(old.chart, table, series);
    return;
  }
  // No chart yet, a chart from before T12 income, or the user removed one of its series: which
  // series would be which is then a guess, so the chart is redrawn in the place the user left it,
  // at the cost of its styling. Delete first: two charts of one name would make the next lookup pick either.
  if (old) old.chart.delete();
  const chart = addChart(sheet, table, series);
  pointSeriesAtLog(chart, table, series);
  if (!old) {
    chart.setPosition(DEFAULT_CHART_PLACE.left, DEFAULT_CHART_PLACE.right);
  } else {
    chart.top = old.chart.top;
    chart.left = old.chart.left;
    chart.width = old.chart.width;
    chart.height = old.chart.height;
  }
}

/** A new chart of the log's budget and exposure (adjacent columns), then T12 income added as a series of its own. */
function addChart(sheet: Excel.Worksheet, table: Excel.Table, series: readonly LogColumn[]): Excel.Chart {
  const column = (name: LogColumn) => table.columns.getItem(name);
  const [first, second] = series;
  const data = column(first).getRange().getBoundingRect(column(second).getRange());
  const chart = sheet.charts.add("ColumnClustered", data, "Columns");
  chart.name = LOG_CHART;
  chart.title.text = LOG_CHART_TITLE;
  for (const name of series.slice(2)) chart.series.add(name);
  series.forEach((name, i) => {
    if (LINE_SERIES.includes(name)) chart.series.getItemAt(i).chartType = "Line";
  });
  return chart;
}

/** Sets each series' values and x values to its log column's body, touching nothing else. */
function pointSeriesAtLog(chart: Excel.Chart, table: Excel.Table, series: readonly LogColumn[]): void {
  const body = (name: LogColumn) => table.columns.getItem(name).getDataBodyRange();
  const dates = body("Date");
  series.forEach((name, i) => {
    const s = chart.series.getItemAt(i);
    s.setValues(body(name));
    s.setXAxisValues(dates);
  });
}
