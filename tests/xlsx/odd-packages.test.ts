import * as fs from "fs";
import * as path from "path";
import { excelAssembled } from "../../scripts/preservation-fixtures";
import { cli, fixture } from "../cli/helpers";
import { makeZip, zipParts } from "../helpers/zip";
import { tmp } from "./user-sheets";

jest.setTimeout(120_000);

/** A package with some parts edited or left out, written to a file. */
async function variant(source: Uint8Array | string, edit: (parts: Map<string, Buffer | string>) => void): Promise<string> {
  const parts = new Map<string, Buffer | string>(await zipParts(typeof source === "string" ? source : source));
  edit(parts);
  const file = path.join(tmp(), "odd.xlsx");
  fs.writeFileSync(file, await makeZip([...parts].map(([n, d]) => [n, typeof d === "string" ? d : new Uint8Array(d)])));
  return file;
}

function bothCopies(file: string) {
  const dir = tmp();
  const r = cli(["review", file, "--out", path.join(dir, "out.xlsx"), "--accountant", path.join(dir, "acc.xlsx"), "--as-of", "2026-02-10"]);
  return { r, out: path.join(dir, "out.xlsx"), acc: path.join(dir, "acc.xlsx") };
}

test("a table without a style (as LibreOffice saves some): both copies are made", async () => {
  const file = await variant(await excelAssembled(), (p) => {
    for (const n of ["xl/tables/table1.xml", "xl/tables/table2.xml"]) p.set(n, p.get(n)!.toString().replace(/<tableStyleInfo[^>]*\/>/, ""));
  });
  const { r, out } = bothCopies(file);
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  expect((await zipParts(out)).get("xl/tables/table2.xml")!.toString()).toMatch(/ref="A1:J5"/);
});

test("a workbook saved without a styles part: both copies add one, related and typed, and the cells read the same", async () => {
  const file = await variant(fixture("worked-example"), (p) => {
    p.delete("xl/styles.xml");
    p.set("xl/_rels/workbook.xml.rels", p.get("xl/_rels/workbook.xml.rels")!.toString().replace(/<Relationship [^>]*styles"[^>]*\/>/, ""));
    p.set("[Content_Types].xml", p.get("[Content_Types].xml")!.toString().replace(/<Override [^>]*styles\.xml"[^>]*\/>/, ""));
    for (const [n, d] of p) if (n.startsWith("xl/worksheets/sheet")) p.set(n, d.toString().replace(/ s="\d+"/g, ""));
  });
  expect(await zipParts(file)).not.toContain("xl/styles.xml");
  const { r, out, acc } = bothCopies(file);
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  for (const copy of [out, acc]) {
    const parts = await zipParts(copy);
    expect(parts.get("xl/styles.xml")!.toString()).toMatch(/<cellXfs count="\d+"><xf numFmtId="0" fontId="0"/);
    expect(parts.get("xl/_rels/workbook.xml.rels")!.toString()).toMatch(/relationships\/styles" Target="styles.xml"/);
    expect(parts.get("[Content_Types].xml")!.toString()).toContain('PartName="/xl/styles.xml"');
  }
  // Read back: the review of the copy gives the same figures.
  const again = cli(["review", out, "--json", "--as-of", "2026-02-10"]);
  expect(JSON.parse(again.stdout).exposure).toBe(30700);
});
