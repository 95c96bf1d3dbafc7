import * as fs from "fs";
import * as path from "path";
import { Cell, Review, SettingKey, TableData } from "../../src/core";
import type { WorkbookHost, WorkbookSnapshot } from "../../src/host/workbook-host";
import { AS_OF, BODY, HEADER } from "../excel/fixtures";

/** Loads the pane's HTML (without its scripts) into jsdom's document. */
export function loadPane(): void {
  const html = fs.readFileSync(path.join(__dirname, "..", "..", "src", "taskpane", "taskpane.html"), "utf8");
  const body = /<body>([\s\S]*)<\/body>/.exec(html)![1];
  document.body.innerHTML = body;
}

export function table(rows: Cell[][] = BODY): TableData {
  return { header: HEADER, rows, headerRow: 1, firstColumn: 1, source: { sheet: "Trades", name: "Positions", range: `A1:G${rows.length + 1}` } };
}

/** A WorkbookHost in memory that records what the pane asked of it. */
export class FakeHost implements WorkbookHost {
  calls: string[] = [];
  written: Partial<Record<SettingKey, Cell>>[] = [];
  highlighted: Review[] = [];
  saved: Review[] = [];
  selected: number[] = [];
  changeCallback: (() => void) | null = null;
  constructor(public snap: WorkbookSnapshot) {}
  async readSnapshot(): Promise<WorkbookSnapshot> {
    this.calls.push("read");
    return this.snap;
  }
  async writeSettings(values: Partial<Record<SettingKey, Cell>>): Promise<void> {
    this.calls.push("writeSettings");
    this.written.push(values);
    for (const [k, v] of Object.entries(values) as [SettingKey, Cell][]) {
      if (k !== "positionsTable" && k !== "columnOverrides") this.snap.settings.inputs[k] = v;
    }
  }
  async highlight(review: Review): Promise<void> {
    this.calls.push("highlight");
    this.highlighted.push(review);
  }
  async clearHighlights(): Promise<void> {
    this.calls.push("clear");
  }
  async saveWeeklyReview(review: Review): Promise<void> {
    this.calls.push("save");
    this.saved.push(review);
  }
  async selectRow(row: number): Promise<void> {
    this.calls.push(`select ${row}`);
    this.selected.push(row);
  }
  today(): number {
    return AS_OF;
  }
}

export function snapshot(rows: Cell[][] = BODY, inputs: Record<string, Cell> = { accountValue: 100000, cash: 40000, vix: 18 }): WorkbookSnapshot {
  return {
    tableNames: ["Positions", "Old"],
    choice: { kind: "table", name: "Positions" },
    table: table(rows),
    message: null,
    settings: { inputs: { ...inputs }, table: null, overrides: {}, errors: [] },
    definedNames: ["accountValue", "cash", "vix"],
  };
}

export const flush = () => new Promise((r) => setTimeout(r, 0));
