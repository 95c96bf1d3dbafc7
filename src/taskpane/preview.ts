import type { Workbook } from "exceljs";
import { HighlightKind, highlightKindOf, Review } from "../core";
import type { WorkbookSnapshot } from "../host/workbook-host";
import { XlsxWorkbookHost } from "../xlsx/host";
import { PaneController } from "./controller";
import { byId, el, fill } from "./dom";
import { cellInput as text } from "./format";

/**
 * The pane outside Excel: the same controller and view over an .xlsx held in memory by the
 * command line's exceljs adapter. This module (and exceljs with it) is loaded with import()
 * only when Office gives no host, so the bundle Excel loads never carries it.
 */

export const SAMPLE_URL = "samples/sample-positions.xlsx";

/** Sheet rows the workbook's own conditional formats mark as ours, read back from the file. */
export function marksInWorkbook(workbook: Workbook, sheet: string): Map<number, HighlightKind> {
  const marks = new Map<number, HighlightKind>();
  const ws = workbook.getWorksheet(sheet);
  if (!ws) return marks;
  type Block = { ref: string; rules: { type: string; formulae?: unknown[] }[] };
  const blocks = (ws as unknown as { conditionalFormattings?: Block[] }).conditionalFormattings ?? [];
  for (const block of blocks) {
    for (const rule of block.rules) {
      const kind = rule.type === "expression" ? highlightKindOf(rule.formulae?.[0] as string | undefined) : null;
      if (!kind) continue;
      for (const area of block.ref.split(/[\s,]+/)) {
        const m = /^[A-Z]+(\d+)(?::[A-Z]+(\d+))?$/i.exec(area.replace(/\$/g, ""));
        if (!m) continue;
        const last = Number(m[2] ?? m[1]);
        for (let row = Number(m[1]); row <= last; row++) if (!marks.has(row) || kind === "over-budget") marks.set(row, kind);
      }
    }
  }
  return marks;
}

/** The position table as a grid, each row filled as the workbook's highlight rules would fill it in Excel. */
export function renderGrid(container: HTMLElement, snapshot: WorkbookSnapshot, marks: Map<number, HighlightKind>): void {
  const table = snapshot.table;
  if (!table) {
    fill(container, [el("p", { class: "caption" }, ["No position table."])]);
    return;
  }
  fill(container, [
    el("table", { class: "grid" }, [
      el("thead", {}, [el("tr", {}, [el("th", { attrs: { scope: "col" } }, ["Row"]), ...table.header.map((h) => el("th", { attrs: { scope: "col" } }, [text(h)]))])]),
      el(
        "tbody",
        {},
        table.rows.map((cells, i) => {
          const row = table.headerRow + 1 + i;
          const kind = marks.get(row);
          return el("tr", { class: kind ? `mark-${kind}` : undefined, attrs: { "data-row": row, "data-mark": kind ?? "" } }, [
            el("th", { attrs: { scope: "row" } }, [String(row)]),
            ...cells.map((c) => el("td", {}, [text(c)])),
          ]);
        }),
      ),
    ]),
  ]);
}

function download(bytes: Uint8Array, name: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
  const a = el("a", { attrs: { href: url, download: name } });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export async function startPreview(doc: Document): Promise<PaneController> {
  byId("preview-bar", doc).hidden = false;
  byId("preview-grid", doc).hidden = false;
  let host: XlsxWorkbookHost | null = null;
  let fileName = "sample-positions.xlsx";
  const redraw = (snapshot: WorkbookSnapshot, review: Review | null) => {
    const sheet = snapshot.table?.source?.sheet ?? review?.source?.sheet;
    renderGrid(byId("grid", doc), snapshot, host && sheet ? marksInWorkbook(host.workbook, sheet) : new Map());
  };

  const controller = new PaneController(await loadSample(), doc, { onReviewed: redraw });

  async function loadSample(): Promise<XlsxWorkbookHost> {
    const response = await fetch(SAMPLE_URL);
    if (!response.ok) throw new Error(`could not load the sample workbook (${response.status})`);
    host = await XlsxWorkbookHost.fromBuffer(new Uint8Array(await response.arrayBuffer()));
    return host;
  }

  const input = byId<HTMLInputElement>("preview-open", doc);
  byId("preview-open-button", doc).addEventListener("click", () => input.click());
  input.addEventListener("change", async () => {
    const file = input.files?.[0];
    if (!file) return;
    try {
      host = await XlsxWorkbookHost.fromBuffer(new Uint8Array(await file.arrayBuffer()));
    } catch (error) {
      controller.status(`${file.name} is not a readable .xlsx workbook (${error instanceof Error ? error.message : String(error)})`, "error");
      return;
    }
    fileName = file.name;
    byId("preview-file", doc).textContent = file.name;
    input.value = "";
    await controller.setHost(host);
  });
  byId("preview-download", doc).addEventListener("click", async () => {
    if (host) download(await host.toBuffer(), fileName.replace(/\.xlsx$/i, "") + " (reviewed).xlsx");
  });
  await controller.start();
  return controller;
}
