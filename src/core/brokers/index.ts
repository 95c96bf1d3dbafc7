export * from "./types";
export { HISTORY_PROFILES, SHEET_PROFILES, ALL_SHEET_PROFILES, BROKER_CLAIMERS, historyProfileFor, sheetProfile } from "./registry";
