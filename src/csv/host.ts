import type { TableData } from "../core/types";
import { StoredSettings, TableChoice, readStoredSettings } from "../core/settings";
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
