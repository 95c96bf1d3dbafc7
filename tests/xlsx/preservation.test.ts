import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { PIVOT_FODS, excelAssembled } from "../../scripts/preservation-fixtures";
import { cli } from "../cli/helpers";
import { recalculatedSheets, soffice, withSoffice } from "../helpers/libreoffice";
import { zipParts } from "../helpers/zip";
import { tmp } from "./user-sheets";

jest.setTimeout(300_000);

/**
 * Both copies over workbooks saved by Excel (assembled from real Excel parts) and by
 * LibreOffice: every zip part the review does not own stays byte for byte, every cell keeps its
 * exact XML, every style keeps its index, and the touched parts change only where the review writes.
 */

type Parts = Map<string, Buffer>;
const text = (p: Parts, n: string) => p.get(n)!.toString("utf8");

function sheetParts(p: Parts): Map<string, string> {
  const wb = text(p, "xl/workbook.xml");
  const rels = text(p, "xl/_rels/workbook.xml.rels");
  const out = new Map<string, string>();
  for (const m of wb.matchAll(/<sheet\b[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(m[0])![1];
    const id = /r:id="([^"]*)"/.exec(m[0])![1];
    const target = new RegExp(`<Relationship\\b[^>]*Id="${id}"[^>]*>`).exec(rels)![0];
    const t = /Target="([^"]*)"/.exec(target)![1];
    out.set(name, t.startsWith("/") ? t.slice(1) : `xl/${t}`);
  }
  return out;
}

/** Every cell of a worksheet part as its exact XML, by address. */
function cells(xml: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of xml.matchAll(/<c\b[^>]*?(?:\/>|>[\s\S]*?<\/c>)/g)) out.set(/\br="([A-Z]+\d+)"/.exec(m[0])![1], m[0]);
  return out;
}

/** The children of each style collection, to check that only appends happened. */
function styleLists(xml: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [block, tag] of [["numFmts", "numFmt"], ["fonts", "font"], ["fills", "fill"], ["borders", "border"], ["cellStyleXfs", "xf"], ["cellXfs", "xf"], ["dxfs", "dxf"]]) {
    const body = new RegExp(`<${block}\\b[^>]*>([\\s\\S]*?)</${block}>`).exec(xml)?.[1] ?? "";
    out[block] = body.match(new RegExp(`<${tag}\\b[^>]*?(?:/>|>[\\s\\S]*?</${tag}>)`, "g")) ?? [];
  }
  return out;
}

interface Fixture {
  file: string;
  /** The ReviewLog's sheet and totals row, when the workbook has one. */
  log: { sheet: string; totals: number } | null;
}

async function makeFixtures(): Promise<Record<string, Fixture>> {
  const dir = tmp();
  const excel = path.join(dir, "excel-assembled.xlsx");
  fs.writeFileSync(excel, await excelAssembled());
  const out: Record<string, Fixture> = { "excel-assembled": { file: excel, log: { sheet: "My Log", totals: 4 } } };
  if (!soffice) return out;
  const lo = path.join(dir, "lo");
  const profile = `file://${path.join(dir, "lo-profile")}`;
  fs.writeFileSync(path.join(dir, "pivot.fods"), PIVOT_FODS);
  for (const src of [excel, path.join(dir, "pivot.fods")]) {
    execFileSync(soffice, [`-env:UserInstallation=${profile}`, "--headless", "--convert-to", "xlsx", "--outdir", lo, src], { stdio: "pipe", timeout: 150_000 });
  }
  out["libreoffice-resaved"] = { file: path.join(lo, "excel-assembled.xlsx"), log: { sheet: "My Log", totals: 4 } };
  out["libreoffice-pivot"] = { file: path.join(lo, "pivot.xlsx"), log: null };
  return out;
}

const fixtures = makeFixtures();
const cases = ["excel-assembled", "libreoffice-resaved", "libreoffice-pivot"];

describe.each(cases)("%s: both copies keep everything the review does not own", (name) => {
  let fx: Fixture | undefined;
  let before: Parts;
  let reviewed: Parts;
  let accountant: Parts;
  let out: string;
  let acc: string;
  beforeAll(async () => {
    fx = (await fixtures)[name];
    if (!fx) return;
    const dir = tmp();
    out = path.join(dir, "reviewed.xlsx");
    acc = path.join(dir, "accountant.xlsx");
    const r = cli(["review", fx.file, "--out", out, "--accountant", acc, "--as-of", "2026-02-10", "--account", "100000", "--vix", "18", "--cash", "40000"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    before = await zipParts(fx.file);
    reviewed = await zipParts(out);
    accountant = await zipParts(acc);
  });
  const run = (title: string, fn: () => unknown) => (name === "excel-assembled" ? test : withSoffice)(title, fn as () => Promise<void>);

  run("the fixture holds what it should", () => {
    const names = [...before.keys()];
    if (name === "excel-assembled") {
      for (const p of ["xl/externalLinks/externalLink1.xml", "xl/connections.xml", "xl/threadedComments/threadedComment1.xml", "xl/persons/person.xml", "customXml/item1.xml", "xl/charts/chart1.xml", "xl/comments1.xml"]) expect(names).toContain(p);
    }
    if (name === "libreoffice-resaved") for (const p of ["xl/externalLinks/externalLink1.xml", "customXml/item1.xml", "xl/charts/chart1.xml"]) expect(names).toContain(p);
    if (name === "libreoffice-pivot") expect(names.some((n) => n.startsWith("xl/pivotTables/"))).toBe(true);
    const all = [...before.values()].map((b) => b.toString("utf8")).join("");
    if (name !== "libreoffice-pivot") {
      expect(all).toMatch(/<dataValidation\b/);
      expect(all).toMatch(/<mergeCell ref="A11:H11"/);
      expect(all).toMatch(/totalsRowCount="1"/);
    }
  });

  run("every part outside the ones each copy owns is byte for byte", () => {
    const sheets = sheetParts(before);
    const common = ["xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml"];
    const logTable = [...before.keys()].find((n) => n.startsWith("xl/tables/") && text(before, n).includes('name="ReviewLog"'));
    const owned = {
      accountant: new Set(common),
      reviewed: new Set([...common, sheets.get("Positions")!, ...(fx!.log ? [sheets.get(fx!.log.sheet)!, logTable!] : [])]),
    };
    for (const [which, after] of [["accountant", accountant], ["reviewed", reviewed]] as const) {
      for (const [part, bytes] of before) {
        if (owned[which].has(part)) continue;
        expect([which, part, after.get(part)?.equals(bytes)]).toEqual([which, part, true]);
      }
    }
  });

  run("every cell of every sheet keeps its exact XML; the log gains one row above its totals row", () => {
    const sheets = sheetParts(before);
    for (const [which, after] of [["accountant", accountant], ["reviewed", reviewed]] as const) {
      const afterSheets = sheetParts(after);
      for (const [sheet, part] of sheets) {
        const a = cells(text(before, part));
        const b = cells(text(after, afterSheets.get(sheet)!));
        const log = which === "reviewed" && fx!.log?.sheet === sheet ? fx!.log : null;
        for (const [ref, xml] of a) {
          const [, letters, row] = /^([A-Z]+)(\d+)$/.exec(ref)!;
          const inTable = letters.length === 1 && letters <= "J";
          if (log && inTable && Number(row) === log.totals) {
            // The totals row's cell moved down one row, unchanged but for its address.
            expect([sheet, ref, b.get(`${letters}${log.totals + 1}`)]).toEqual([sheet, ref, xml.replace(`r="${ref}"`, `r="${letters}${log.totals + 1}"`)]);
            continue;
          }
          expect([which, sheet, ref, b.get(ref)]).toEqual([which, sheet, ref, xml]);
        }
      }
    }
  });

  run("the positions sheet changes only by our highlight rules (the user's rule keeps its text, moved below ours)", () => {
    const part = sheetParts(before).get("Positions")!;
    const a = text(before, part);
    const b = text(reviewed, sheetParts(reviewed).get("Positions")!);
    const ours = /<conditionalFormatting\b[^>]*>(?:(?!<\/conditionalFormatting>)[\s\S])*?AssignmentGuard:[\s\S]*?<\/conditionalFormatting>/g;
    expect(b.match(ours)?.length).toBeGreaterThan(0);
    const strip = (x: string) => x.replace(ours, "").replace(/ priority="\d+"/g, "");
    expect(strip(b)).toBe(strip(a));
  });

  run("styles: every existing entry keeps its index and text (the Normal font too); only appends", () => {
    const a = styleLists(text(before, "xl/styles.xml"));
    for (const after of [accountant, reviewed]) {
      const b = styleLists(text(after, "xl/styles.xml"));
      for (const block of Object.keys(a)) expect([block, b[block].slice(0, a[block].length)]).toEqual([block, a[block]]);
    }
  });

  run("values and styles as a reader sees them: every cell of the user's sheets the same in both copies", async () => {
    const read = async (file: string) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      return wb;
    };
    const a = await read(fx!.file);
    for (const file of [acc, out]) {
      const b = await read(file);
      for (const ws of a.worksheets) {
        const other = b.getWorksheet(ws.name)!;
        ws.eachRow({ includeEmpty: false }, (row, r) =>
          row.eachCell({ includeEmpty: false }, (cell, c) => {
            if (file === out && fx!.log?.sheet === ws.name && c <= 10 && r >= fx!.log.totals) return;
            const o = other.getRow(r).getCell(c);
            expect([ws.name, cell.address, o.value, o.numFmt, o.font, o.fill]).toEqual([ws.name, cell.address, cell.value, cell.numFmt, cell.font, cell.fill]);
          }),
        );
      }
    }
  });
});

withSoffice("LibreOffice recalculates the reviewed Excel-assembled copy: formulas elsewhere see the same cells", async () => {
  const fx = (await fixtures)["excel-assembled"];
  const dir = tmp();
  const out = path.join(dir, "reviewed.xlsx");
  expect(cli(["review", fx.file, "--out", out, "--as-of", "2026-02-10"]).status).toBe(0);
  const sheets = recalculatedSheets(out, dir);
  expect(sheets("Summary")).toEqual(["77", "123", "246", "82700"]);
  expect(sheets("My Log")[4]).toMatch(/^Total,,,,,,82700,/);
});
