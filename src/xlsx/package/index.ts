/**
 * The one module that reads and writes .xlsx packages: the zip layer (zip.ts), the package of
 * parts (opc.ts), worksheets as streams of rows (sheet.ts), cell values (values.ts), the styles
 * part (styles.ts), tables and defined names (tables.ts) and XML text helpers (xml.ts).
 */
export * from "./zip";
export * from "./xml";
export * from "./opc";
export * from "./sheet";
export * from "./values";
export * from "./styles";
export * from "./tables";
