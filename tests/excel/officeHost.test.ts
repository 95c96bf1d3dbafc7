import { detectHost, hasCustomFunctionsRuntime, supportsRequiredApis } from "../../src/excel/officeHost";

describe("host detection", () => {
  test("Excel only when Office says Excel and the Excel API exists", () => {
    expect(detectHost({ host: "Excel" }, { Excel: {} })).toBe("excel");
    expect(detectHost({ host: "Excel" }, {})).toBe("outside-office");
    // Outside Office, Office.onReady resolves with host null.
    expect(detectHost({ host: null }, { Excel: {} })).toBe("outside-office");
    expect(detectHost(undefined, { Excel: {} })).toBe("outside-office");
    expect(detectHost({ host: "Word" }, { Excel: {} })).toBe("outside-office");
  });

  test("requirement sets are asked of Office, never assumed", () => {
    const asked: string[] = [];
    const office = (ok: boolean) => ({
      context: { requirements: { isSetSupported: (name: string, version?: string) => (asked.push(`${name} ${version}`), ok) } },
    });
    expect(supportsRequiredApis(office(true))).toBe(true);
    expect(supportsRequiredApis(office(false))).toBe(false);
    expect(supportsRequiredApis(undefined)).toBe(false);
    expect(asked).toEqual(["ExcelApi 1.9", "ExcelApi 1.9"]);
  });

  test("the CustomFunctions runtime exists only where its Error class does", () => {
    expect(hasCustomFunctionsRuntime({})).toBe(false);
    expect(hasCustomFunctionsRuntime({ CustomFunctions: {} })).toBe(false);
    expect(hasCustomFunctionsRuntime({ CustomFunctions: { Error: class {} } })).toBe(true);
  });
});
