import { HighlightKind, Review, isoFromSerial } from "../core";
import type { WorkbookSnapshot } from "../host/workbook-host";
import { XlsxWorkbookHost } from "../xlsx/host";
import { CsvWorkbookHost } from "../csv/host";
import { readCsv } from "../csv/read";
import { highlightMarks } from "../xlsx/marks";
import { PaneController } from "./controller";
import { byId, el, fill } from "./dom";
import { cellInput as text } from "./format";

/**
 * The pane outside Excel: the same controller and view over an .xlsx held in memory, read by
 * the command line's reader (src/xlsx/reader.ts) and written by its package edits, or over a
 * broker's .csv, reviewed as the command line reviews it and never written. This module
 * (and the reader with it) is loaded with import() only when Office gives no host, so the bundle
 * Excel loads never carries it.
 */

export const SAMPLE_URL = "samples/sample-positions.xlsx";

/** The position table as a grid, each row filled as the workbook's highlight rules would fill it in Excel. */
export function renderGrid(
  container: HTMLElement,
  snapshot: WorkbookSnapshot,
  marks: Map<number, HighlightKind>,
  isDate: (row: number, column: number) => boolean = () => false,
): void {
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
          // A broker section's rows are not contiguous: each keeps its sheet row.
          const row = table.rowNumbers?.[i] ?? table.headerRow + 1 + i;
          const kind = marks.get(row);
          return el("tr", { class: kind ? `mark-${kind}` : undefined, attrs: { "data-row": row, "data-mark": kind ?? "" } }, [
            el("th", { attrs: { scope: "row" } }, [String(row)]),
            ...cells.map((c, k) => el("td", {}, [typeof c === "number" && isDate(row, table.firstColumn + k) ? dateText(c) : text(c)])),
          ]);
        }),
      ),
    ]),
  ]);
}

/** A date cell as the day it shows (a time of day, if any, is left out of the grid). */
function dateText(serial: number): string {
  return serial >= 1 ? isoFromSerial(Math.floor(serial)) : text(serial);
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
  let host: XlsxWorkbookHost | CsvWorkbookHost | null = null;
  let fileName = "sample-positions.xlsx";
  let drawn = 0;
  const redraw = (snapshot: WorkbookSnapshot, review: Review | null) => {
    const sheet = snapshot.table?.source?.sheet ?? review?.source?.sheet;
    const at = host;
    const turn = ++drawn;
    void (async () => {
      const book = at instanceof XlsxWorkbookHost ? at : null;
      const marks = book && sheet ? await highlightMarks(book.currentReader(), sheet) : new Map<number, HighlightKind>();
      // A later redraw has started: its grid is the one to show.
      if (turn === drawn) renderGrid(byId("grid", doc), snapshot, marks, book ? book.isDate : undefined);
    })().catch((error: unknown) => controller.status(`the preview grid could not be drawn (${error instanceof Error ? error.message : String(error)})`, "error"));
  };

  const controller = new PaneController(await loadSample(), doc, { onReviewed: redraw });

  async function loadSample(): Promise<XlsxWorkbookHost> {
    const response = await fetch(SAMPLE_URL);
    if (!response.ok) throw new Error(`could not load the sample workbook (${response.status})`);
    host = await XlsxWorkbookHost.fromBuffer(new Uint8Array(await response.arrayBuffer()), { keepDates: true });
    return host;
  }

  const input = byId<HTMLInputElement>("preview-open", doc);
  const downloadButton = byId<HTMLButtonElement>("preview-download", doc);
  byId("preview-open-button", doc).addEventListener("click", () => input.click());
  input.addEventListener("change", async () => {
    const file = input.files?.[0];
    if (!file) return;
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (/\.csv$/i.test(file.name)) {
      host = new CsvWorkbookHost(readCsv(bytes, file.name));
    } else {
      try {
        host = await XlsxWorkbookHost.fromBuffer(bytes, { keepDates: true });
      } catch (error) {
        controller.status(`${file.name} is not a readable .xlsx workbook (${error instanceof Error ? error.message : String(error)})`, "error");
        return;
      }
    }
    fileName = file.name;
    byId("preview-file", doc).textContent = file.name;
    input.value = "";
    // A .csv is never written, so there is no copy to download (the pane's note says why).
    const csv = host instanceof CsvWorkbookHost;
    downloadButton.disabled = csv;
    if (csv) downloadButton.setAttribute("aria-describedby", "readonly-note");
    else downloadButton.removeAttribute("aria-describedby");
    await controller.setHost(host);
  });
  downloadButton.addEventListener("click", async () => {
    if (host instanceof XlsxWorkbookHost) download(await host.toBuffer(), fileName.replace(/\.xlsx$/i, "") + " (reviewed).xlsx");
  });
  await controller.start();
  return controller;
}
