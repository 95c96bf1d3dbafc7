import { NAMES, SETTING_LABELS, SETTINGS_SHEET } from "../../src/core";
import { excelSettingValue, nameSelectedCell, selectedRange, settingsRow, writeSettings } from "../../src/excel/write";
import { userWorkbook } from "./fixtures";
import { ExcelModel } from "../helpers/excel-model";

describe("inputs and settings in defined names", () => {
  test("missing names are created on the settings sheet, one labelled row each, with number formats", async () => {
    const mock = new ExcelModel(userWorkbook());
    const created = await writeSettings(mock.context, { accountValue: 100000, cash: 40000, vix: 18.5, highVixCap: 0.5 });
    expect(created).toEqual(["accountValue", "cash", "vix", "highVixCap"]);
    expect(mock.syncs).toBe(2);
    expect(mock.values(SETTINGS_SHEET, "A1:B4")).toEqual([
      [SETTING_LABELS.accountValue, 100000],
      [SETTING_LABELS.cash, 40000],
      [SETTING_LABELS.vix, 18.5],
      [SETTING_LABELS.highVixCap, 0.5],
    ]);
    expect(mock.state.names).toEqual([
      { name: NAMES.accountValue, sheet: SETTINGS_SHEET, address: `B${settingsRow("accountValue")}:B${settingsRow("accountValue")}`, type: "Range" },
      { name: NAMES.cash, sheet: SETTINGS_SHEET, address: "B2:B2", type: "Range" },
      { name: NAMES.vix, sheet: SETTINGS_SHEET, address: "B3:B3", type: "Range" },
      { name: NAMES.highVixCap, sheet: SETTINGS_SHEET, address: "B4:B4", type: "Range" },
    ]);
    expect(mock.cell(SETTINGS_SHEET, "B1").numberFormat).toBe("$#,##0.00");
    expect(mock.cell(SETTINGS_SHEET, "B4").numberFormat).toBe("0%");
  });

  test("an existing name is written where it points (the user's own cell), the sheet is not created", async () => {
    const wb = userWorkbook();
    wb.names.push({ name: "VIX", sheet: "Other", address: "C7", type: "Range" });
    const mock = new ExcelModel(wb);
    const created = await writeSettings(mock.context, { vix: 22 });
    expect(created).toEqual([]);
    expect(mock.cell("Other", "C7").value).toBe(22);
    expect(mock.state.sheets.map((s) => s.name)).not.toContain(SETTINGS_SHEET);
    expect(mock.syncs).toBe(2);
  });

  test("a second write reuses the settings sheet and adds only the new name", async () => {
    const mock = new ExcelModel(userWorkbook());
    await writeSettings(mock.context, { accountValue: 1 });
    await writeSettings(mock.context, { accountValue: 2, concentrationLimit: 0.15 });
    expect(mock.state.names.map((n) => n.name)).toEqual([NAMES.accountValue, NAMES.concentrationLimit]);
    expect(mock.cell(SETTINGS_SHEET, "B1").value).toBe(2);
    expect(mock.cell(SETTINGS_SHEET, `B${settingsRow("concentrationLimit")}`).value).toBe(0.15);
  });

  test("text settings are stored literally: a range choice with quotes and a JSON override survive", async () => {
    const mock = new ExcelModel(userWorkbook());
    await writeSettings(mock.context, { positionsTable: "'My Trades'!A3:H40", columnOverrides: '{"strike":"Strike Px"}' });
    expect(mock.cell(SETTINGS_SHEET, `B${settingsRow("positionsTable")}`)).toMatchObject({ value: "'My Trades'!A3:H40", formula: null });
    expect(mock.cell(SETTINGS_SHEET, `B${settingsRow("columnOverrides")}`).value).toBe('{"strike":"Strike Px"}');
    expect(excelSettingValue("=1+1")).toBe("'=1+1");
    expect(excelSettingValue(null)).toBe("");
    expect(excelSettingValue(5)).toBe(5);
  });

  test("null clears an existing setting and creates nothing for a missing one", async () => {
    const mock = new ExcelModel(userWorkbook());
    await writeSettings(mock.context, { columnOverrides: '{"qty":"Contracts"}' });
    await writeSettings(mock.context, { columnOverrides: null, cash: null });
    expect(mock.cell(SETTINGS_SHEET, `B${settingsRow("columnOverrides")}`).value).toBe("");
    expect(mock.state.names.map((n) => n.name)).toEqual([NAMES.columnOverrides]);
  });

  test("a name whose cell was deleted (#REF!) is replaced on the settings sheet", async () => {
    const wb = userWorkbook();
    wb.names.push({ name: "Cash", sheet: "Gone", address: "A1", type: "Error" });
    const mock = new ExcelModel(wb);
    await writeSettings(mock.context, { cash: 5000 });
    expect(mock.state.names).toEqual([{ name: "Cash", sheet: SETTINGS_SHEET, address: "B2:B2", type: "Range" }]);
    expect(mock.cell(SETTINGS_SHEET, "B2").value).toBe(5000);
  });

  test("naming the user's selected cell as an input; two syncs; a multi-cell selection is refused", async () => {
    const wb = userWorkbook();
    wb.selection = { sheet: "Other", address: "B2" };
    const mock = new ExcelModel(wb);
    expect(await nameSelectedCell(mock.context, "accountValue")).toBe("Other!B2:B2");
    expect(mock.state.names).toEqual([{ name: "AccountValue", sheet: "Other", address: "B2:B2", type: "Range" }]);
    expect(mock.syncs).toBe(2);
    mock.state.selection = { sheet: "Other", address: "B2:C3" };
    await expect(nameSelectedCell(mock.context, "cash")).rejects.toThrow(/select one cell/);
  });

  test("the selected range as sheet and address (for 'use the selected range'), one sync", async () => {
    const wb = userWorkbook();
    wb.selection = { sheet: "Trades", address: "A1:G5" };
    const mock = new ExcelModel(wb);
    expect(await selectedRange(mock.context)).toEqual({ sheet: "Trades", address: "A1:G5" });
    expect(mock.syncs).toBe(1);
  });
});
