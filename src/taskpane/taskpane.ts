import { detectHost, supportsRequiredApis } from "../excel/officeHost";
import { ExcelWorkbookHost } from "../excel/host";
import { PaneController } from "./controller";
import { byId } from "./dom";

/** Set by webpack: true in the preview build (and the dev server), which can open an .xlsx outside Excel. */
declare const AG_PREVIEW: boolean;

/**
 * Inside Excel the pane works on the open workbook; anywhere else (a plain browser, the tests)
 * it opens as a preview over an .xlsx file, loaded as a separate chunk only then.
 */
async function main(info: { host: Office.HostType | null } | null): Promise<void> {
  if (detectHost(info) === "excel") {
    if (!supportsRequiredApis(typeof Office === "undefined" ? undefined : Office)) {
      byId("status").textContent = "This Excel is too old for Assignment Guard: it needs Excel API 1.9 (Microsoft 365, Excel 2021 or later).";
      return;
    }
    await new PaneController(new ExcelWorkbookHost(), document).start();
    return;
  }
  // An if/else, not an early return: webpack drops the import() from the branch it knows is dead.
  if (AG_PREVIEW) {
    const { startPreview } = await import(/* webpackChunkName: "preview" */ "./preview");
    await startPreview(document);
  } else {
    byId("status").textContent =
      "Assignment Guard runs inside Excel: add it with this site's manifest.xml, then Home > Assignment Guard > Weekly review.";
  }
}

function fail(error: unknown): void {
  const status = document.getElementById("status");
  if (status) {
    status.textContent = `Assignment Guard could not start: ${error instanceof Error ? error.message : String(error)}`;
    status.className = "status status-error";
  }
}

if (typeof Office !== "undefined" && typeof Office.onReady === "function") {
  Office.onReady((info) => main(info).catch(fail));
} else {
  main(null).catch(fail);
}
