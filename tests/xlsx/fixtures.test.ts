import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { buildAll } from "../../scripts/build-fixtures";

jest.setTimeout(60_000);
const ROOT = path.join(__dirname, "..", "..");

async function content(file: string): Promise<string> {
  if (!file.endsWith(".xlsx") || fs.readFileSync(file).readUInt32LE(0) !== 0x04034b50) return fs.readFileSync(file, "utf8");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return JSON.stringify({
    names: wb.definedNames.model,
    sheets: wb.worksheets.map((ws) => ({
      name: ws.name,
      cells: (() => {
        const out: unknown[] = [];
        ws.eachRow((row) => row.eachCell((c) => out.push([c.address, c.value, c.result, c.style])));
        return out;
      })(),
      tables: Object.values((ws as any).tables).map((t: any) => t.table),
      cf: (ws as any).conditionalFormattings,
    })),
  });
}

test("the committed sample and fixtures are what scripts/build-fixtures.ts builds", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ag-fix-"));
  const files = await buildAll(dir);
  expect(files.length).toBeGreaterThan(10);
  for (const f of files) {
    const rel = path.relative(dir, f);
    expect([rel, await content(path.join(ROOT, rel))]).toEqual([rel, await content(f)]);
  }
});
