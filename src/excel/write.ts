// The Excel writers of the task pane; every Office.js write of the project lives in these files.
export { writeHighlights, clearHighlights, selectTableRow, rangeColumns } from "./write-highlight";
export { writeWeeklyReview, excelValues, LOG_CHART, LOG_CHART_TITLE } from "./write-record";
export { writeSettings, nameSelectedCell, selectedRange, settingsRow, excelSettingValue } from "./write-settings";
export { writeImport, DEFAULT_MAX_CELLS_PER_WRITE } from "./write-import";
