import { BrokenPackage, ZipArchive } from "../../src/xlsx/package/zip";
import { zipParts } from "../../scripts/package-parts";

describe("the zip layer's streaming reads (src/xlsx/package/zip.ts)", () => {
  const big = "<row>" + "x".repeat(2_000_000) + "</row>";
  let zip: ZipArchive;
  beforeAll(async () => {
    zip = await ZipArchive.open(await zipParts({ "[Content_Types].xml": "<Types/>", "xl/Workbook.xml": "<workbook>é</workbook>", "xl/big.xml": big }));
  });

  test("lists entries in zip order and finds a part whatever its case or leading slash", () => {
    expect(zip.names).toEqual(["[Content_Types].xml", "xl/Workbook.xml", "xl/big.xml"]);
    expect(zip.find("/xl/workbook.xml")).toBe("xl/Workbook.xml");
    expect(zip.find("xl/nope.xml")).toBeNull();
    expect(zip.size("xl/big.xml")).toBe(big.length);
  });

  test("reads a part as text (UTF-8) and as bytes", async () => {
    expect(await zip.text("xl/workbook.xml")).toBe("<workbook>é</workbook>");
    expect(Buffer.from(await zip.bytes("xl/big.xml")).toString("latin1")).toBe(big);
  });

  test("a stream stops when the sink says so, before the part is inflated whole", async () => {
    let seen = 0;
    await zip.streamText("xl/big.xml", (t: string) => {
      seen += t.length;
      return false;
    });
    expect(seen).toBeGreaterThan(0);
    expect(seen).toBeLessThan(big.length);
  });

  test("not a zip, a missing part and a damaged entry are BrokenPackage, naming the part", async () => {
    await expect(ZipArchive.open(new TextEncoder().encode("a,b\n1,2\n"))).rejects.toBeInstanceOf(BrokenPackage);
    await expect(zip.text("xl/nope.xml")).rejects.toThrow("no part xl/nope.xml");
    const bytes = await zipParts({ "a.xml": "<a>" + "y".repeat(10_000) + "</a>" });
    // Past the local header (30 bytes, the name, the extra field): the compressed data itself.
    const data = 30 + (bytes[26] | (bytes[27] << 8)) + (bytes[28] | (bytes[29] << 8));
    bytes[data + 5] ^= 0xff;
    await expect((await ZipArchive.open(bytes)).streamText("a.xml", () => undefined)).rejects.toThrow(/^part a\.xml cannot be unzipped/);
  });
});
