import type { Cell, Review, TableData } from "../core/types";
import { SETTING_KEYS, SettingKey, StoredSettings, TableChoice, readStoredSettings } from "../core/settings";
import { serialForLocalDay } from "../core/cells";
import type { WorkbookHost, WorkbookSnapshot } from "../host/workbook-host";
import { PositionsPlace, describePlace, findPositions, formatArea, lastFilledRow } from "../core/find";
import { BROKER_CLAIMERS, claimedTable } from "../core/brokers/registry";
import { CsvGrid, csvOutline } from "./read";

export type CsvLocated = { ok: true; table: TableData } | { ok: false; message: string };

/**
 * Finds the position table of a .csv the way every host does (src/core/find.ts), with the broker
 * formats as claimers: a given range, else a broker format, else the first header row.
 */
export function locateCsvPositions(csv: CsvGrid, explicit: TableChoice | null = null): CsvLocated {
  if (explicit?.kind === "table") return { ok: false, message: `a .csv file has no Excel tables ('${explicit.name}'): use --range` };
  const found = findPositions(csvOutline(csv), { explicit, claimers: BROKER_CLAIMERS });
  if (!found.ok) return { ok: false, message: `${found.message}${headersSeen(csv)}` };
  return readPlace(csv, found.place);
}

function readPlace(csv: CsvGrid, place: PositionsPlace): CsvLocated {
  if (place.kind === "claimed") return claimedTable(place, csv.grid);
  if (place.kind === "table") return { ok: false, message: "a .csv file has no Excel tables" };
  let area = place.area;
  if (place.open) area = { ...area, bottom: area.top + lastFilledRow(csv.grid.slice(area.top - 1), 0, area.left - 1, area.right - 1) };
  const rows = csv.grid.slice(area.top - 1, area.bottom).map((r) => {
    const cells = r.slice(area.left - 1, area.right);
    while (cells.length < area.right - area.left + 1) cells.push(null);
    return cells;
  });
  const range = formatArea(area);
  return {
    ok: true,
    table: {
      header: rows[0] ?? [],
      rows: rows.slice(1),
      headerRow: area.top,
      firstColumn: area.left,
      source: { sheet: csv.sheet, name: null, range, found: describePlace(place, range) },
    },
  };
}

/** The refusal of a file that is no broker format and no position list names the headers it found. */
function headersSeen(csv: CsvGrid): string {
  const first = csv.grid.find((r) => r.filter((c) => c !== null).length >= 2);
  if (!first) return "";
  const names = first.filter((c) => c !== null).map((c) => String(c).trim());
  return `. It is no broker format Assignment Guard knows (docs/brokers.md); its first header row has: ${names.slice(0, 12).join(", ")}${names.length > 12 ? ", ..." : ""}`;
}

/**
 * What the command line needs of a .csv: its position table and the settings a workbook would
 * hold (a .csv holds none: the flags give the inputs).
 */
export function csvSnapshot(csv: CsvGrid, explicit: TableChoice | null): { table: TableData | null; message: string | null; settings: StoredSettings } {
  const located = locateCsvPositions(csv, explicit);
  return { table: located.ok ? located.table : null, message: located.ok ? null : located.message, settings: readStoredSettings({}) };
}

/** Why the pane cannot write a .csv: the same reason the command line gives for --out on one. */
export const CSV_READ_ONLY =
  "A .csv is reviewed as it is: Highlight, Clear and Save weekly review write a workbook, and a .csv is not one (the command line refuses --out on a .csv too). Inputs saved here last until another file is opened.";

/**
 * The pane's preview over a broker's .csv: reviewed as `assignment-guard review FILE.csv` reviews
 * it. Nothing is ever written to the file: the inputs and settings the user saves live in this
 * session only (a .csv has no defined names; the command line takes them as flags), and the
 * writing actions are refused with CSV_READ_ONLY.
 */
export class CsvWorkbookHost implements WorkbookHost {
  readonly readOnly = CSV_READ_ONLY;
  /** The last row selectRow() asked for (a file has no selection to show). */
  selectedRow: number | null = null;
  private readonly values: Partial<Record<SettingKey, Cell>> = {};

  constructor(
    private readonly csv: CsvGrid,
    private readonly asOf?: number,
  ) {}

  async readSnapshot(): Promise<WorkbookSnapshot> {
    const settings = readStoredSettings(this.values);
    const located = locateCsvPositions(this.csv, settings.table);
    return {
      tableNames: [],
      choice: located.ok ? settings.table : null,
      table: located.ok ? located.table : null,
      message: located.ok ? null : located.message,
      settings,
      definedNames: SETTING_KEYS.filter((k) => this.values[k] !== undefined && this.values[k] !== null),
    };
  }

  async writeSettings(values: Partial<Record<SettingKey, Cell>>): Promise<void> {
    Object.assign(this.values, values);
  }

  async highlight(_review: Review): Promise<void> {
    throw new Error(CSV_READ_ONLY);
  }

  async clearHighlights(): Promise<void> {
    throw new Error(CSV_READ_ONLY);
  }

  async saveWeeklyReview(_review: Review): Promise<void> {
    throw new Error(CSV_READ_ONLY);
  }

  async selectRow(row: number): Promise<void> {
    this.selectedRow = row;
  }

  today(): number {
    return this.asOf ?? serialForLocalDay(new Date());
  }
}
