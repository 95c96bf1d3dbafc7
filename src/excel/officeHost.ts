/**
 * Where the add-in's code is running. Outside Office, office.js still loads: Office.onReady
 * resolves with host null, there is no Excel global and CustomFunctions.Error is undefined, so
 * every host-specific path asks here first instead of touching those globals.
 */
export type OfficeHost = "excel" | "outside-office";

export interface HostInfo {
  host: Office.HostType | string | null;
}

/** Excel when Office says so and the Excel API is present; anything else is "outside-office". */
export function detectHost(info: HostInfo | null | undefined, globals: object = globalThis): OfficeHost {
  const hasExcel = "Excel" in globals && typeof (globals as { Excel?: unknown }).Excel === "object";
  return info !== null && info !== undefined && String(info.host) === "Excel" && hasExcel ? "excel" : "outside-office";
}

/** The Office requirement sets the add-in checks before using an API newer than ExcelApi 1.1. */
export const REQUIRED_EXCEL_API = "1.9";

/** True when this Excel supports every API the reader and the live updates use. */
export function supportsRequiredApis(office: { context?: { requirements?: { isSetSupported(name: string, version?: string): boolean } } } | undefined): boolean {
  const requirements = office?.context?.requirements;
  if (!requirements) return false;
  return requirements.isSetSupported("ExcelApi", REQUIRED_EXCEL_API);
}

/** True where the CustomFunctions runtime can build its error values (inside Excel only). */
export function hasCustomFunctionsRuntime(globals: object = globalThis): boolean {
  const cf = (globals as { CustomFunctions?: { Error?: unknown } }).CustomFunctions;
  return typeof cf === "object" && cf !== null && typeof cf.Error === "function";
}
