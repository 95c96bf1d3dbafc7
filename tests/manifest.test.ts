import * as fs from "fs";
import * as path from "path";
import { CheckName, checkManifest, pngSize, Problem, REQUIRED_SETS } from "./helpers/manifest-check";
import { REQUIRED_EXCEL_API } from "../src/excel/officeHost";

const ROOT = path.resolve(__dirname, "..");
const MANIFEST = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
const OPTIONS = { assetsDir: path.join(ROOT, "assets"), namespace: "CSP" };

const problemsOf = (xml: string, check?: CheckName): string[] =>
  checkManifest(xml, OPTIONS)
    .filter((p: Problem) => !check || p.check === check)
    .map((p) => p.message);

/** Applies one textual edit and fails loudly if the edit no longer matches the manifest. */
function broken(find: string | RegExp, replace: string, xml = MANIFEST): string {
  const result = xml.replace(find, replace);
  if (result === xml) throw new Error(`the edit ${String(find)} does not apply to manifest.xml any more`);
  return result;
}

describe("manifest.xml", () => {
  const checks: CheckName[] = [
    "well-formed",
    "structure",
    "resources",
    "shared-runtime",
    "origin",
    "icons",
    "namespace",
    "requirements",
  ];
  it.each(checks)("passes the %s check", (check) => {
    expect(problemsOf(MANIFEST, check)).toEqual([]);
  });

  it("declares the requirement sets the code checks and uses: ExcelApi as officeHost.ts checks it, CustomFunctionsRuntime for CustomFunctions.Error", () => {
    expect(REQUIRED_SETS.ExcelApi).toBe(REQUIRED_EXCEL_API);
    expect(problemsOf(broken(/<Set Name="CustomFunctionsRuntime"[^>]*\/>/, ""), "requirements")).toEqual(["Requirements do not ask for the CustomFunctionsRuntime set"]);
    expect(problemsOf(broken('<Set Name="ExcelApi" MinVersion="1.9"/>', '<Set Name="ExcelApi" MinVersion="1.1"/>'), "requirements")).toEqual(['ExcelApi MinVersion is "1.1", not "1.9"']);
  });

  it("puts every URL in one folder of one origin, whichever host it names", () => {
    const moved = MANIFEST.split("https://localhost:3000/").join("https://addin.example.org/guard/");
    expect(checkManifest(moved, OPTIONS)).toEqual([]);
  });

  it("names the ribbon group and button as the user sees them", () => {
    expect(MANIFEST).toMatch(/<OfficeTab id="TabHome">/);
    expect(MANIFEST).toMatch(/id="Group.Label" DefaultValue="Assignment Guard"/);
    expect(MANIFEST).toMatch(/id="ReviewButton.Label" DefaultValue="Weekly review"/);
  });
});

describe("assets", () => {
  it.each([16, 32, 64, 80, 128])("icon-%i.png is a PNG of exactly that size", (size) => {
    expect(pngSize(path.join(ROOT, "assets", `icon-${size}.png`))).toEqual({ width: size, height: size });
  });
});

describe("the manifest checker catches a broken manifest", () => {
  it("reports XML that is not well-formed", () => {
    expect(problemsOf(broken("</Resources>", "</Resource>"), "well-formed")).toHaveLength(1);
  });

  it("reports a resid defined twice", () => {
    const xml = broken("<bt:Urls>", '<bt:Urls>\n<bt:Url id="Taskpane.Url" DefaultValue="https://localhost:3000/other.html"/>');
    expect(problemsOf(xml, "resources")).toEqual([expect.stringContaining('"Taskpane.Url" is defined more than once')]);
  });

  it("reports a resid that refers to nothing", () => {
    const xml = broken('<Label resid="Group.Label"/>', '<Label resid="Group.Missing"/>');
    expect(problemsOf(xml, "resources")).toEqual([expect.stringContaining('"Group.Missing"> refers to no resource')]);
  });

  it("reports a resid of the wrong kind", () => {
    const xml = broken('<Label resid="Group.Label"/>', '<Label resid="Taskpane.Url"/>');
    expect(problemsOf(xml, "resources")).toEqual([expect.stringContaining("needs a short resource")]);
  });

  it("reports a custom-functions page that is not the shared runtime", () => {
    let xml = broken(/<Page>\s*<SourceLocation resid="Taskpane.Url"\/>/, '<Page><SourceLocation resid="Functions.Page.Url"/>');
    xml = broken("<bt:Urls>", '<bt:Urls>\n<bt:Url id="Functions.Page.Url" DefaultValue="https://localhost:3000/functions.html"/>', xml);
    expect(problemsOf(xml, "shared-runtime")).toEqual([expect.stringContaining('<Page> uses resid "Functions.Page.Url"')]);
  });

  it("reports a short-lived runtime", () => {
    expect(problemsOf(broken('lifetime="long"', 'lifetime="short"'), "shared-runtime")).toHaveLength(1);
  });

  it("reports a URL on another origin", () => {
    const xml = broken("https://localhost:3000/functions.json", "https://localhost:3001/functions.json");
    expect(problemsOf(xml, "origin")).toEqual([expect.stringContaining("more than one origin")]);
  });

  it("reports a URL outside the task pane's folder", () => {
    const moved = MANIFEST.split("https://localhost:3000/").join("https://localhost:3000/guard/");
    const xml = broken("https://localhost:3000/guard/functions.json", "https://localhost:3000/functions.json", moved);
    expect(problemsOf(xml, "origin")).toEqual([expect.stringContaining('"https://localhost:3000/functions.json" is not under https://localhost:3000/guard/')]);
  });

  it("reports an icon whose file is missing or of the wrong size", () => {
    let xml = broken('id="Icon.80x80" DefaultValue="https://localhost:3000/assets/icon-80.png"', 'id="Icon.80x80" DefaultValue="https://localhost:3000/assets/icon-81.png"');
    xml = broken('<bt:Image size="16" resid="Icon.16x16"/>', '<bt:Image size="16" resid="Icon.32x32"/>', xml);
    const problems = problemsOf(xml, "icons");
    expect(problems).toContainEqual(expect.stringContaining("icon-81.png is missing"));
    expect(problems).toContainEqual(expect.stringContaining('<bt:Image size="16" resid="Icon.32x32"> points at a 32x32 file'));
  });

  it("reports a wrong namespace", () => {
    expect(problemsOf(broken('DefaultValue="CSP"', 'DefaultValue="CONTOSO"'), "namespace")).toHaveLength(1);
  });

  it("reports a missing SharedRuntime requirement", () => {
    expect(problemsOf(broken(/<Set Name="SharedRuntime"[^>]*\/>/, ""), "requirements")).toHaveLength(1);
  });

  it("finds every fault of a manifest broken in many places at once", () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<OfficeApp xmlns="http://schemas.microsoft.com/office/appforoffice/1.1"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:bt="http://schemas.microsoft.com/office/officeappbasictypes/1.0" xsi:type="ContentApp">
  <Id>not-a-guid</Id>
  <Version>1.0.0.0</Version>
  <ProviderName>Nobody</ProviderName>
  <DefaultLocale>en-US</DefaultLocale>
  <DisplayName DefaultValue="Broken"/>
  <Description DefaultValue="Broken"/>
  <IconUrl DefaultValue="http://example.invalid/assets/icon-32.png"/>
  <Hosts><Host Name="Document"/></Hosts>
  <DefaultSettings><SourceLocation DefaultValue="https://localhost:3000/pane.html"/></DefaultSettings>
  <Permissions>ReadDocument</Permissions>
  <VersionOverrides xmlns="http://schemas.microsoft.com/office/taskpaneappversionoverrides" xsi:type="VersionOverridesV1_0">
    <Hosts>
      <Host xsi:type="Workbook">
        <AllFormFactors>
          <ExtensionPoint xsi:type="CustomFunctions">
            <Script><SourceLocation resid="Functions.Script.Url"/></Script>
            <Page><SourceLocation resid="Functions.Page.Url"/></Page>
            <Metadata><SourceLocation resid="Functions.Metadata.Url"/></Metadata>
            <Namespace resid="Functions.Namespace"/>
          </ExtensionPoint>
        </AllFormFactors>
        <Runtimes><Runtime resid="Taskpane.Url" lifetime="short"/></Runtimes>
      </Host>
    </Hosts>
    <Resources>
      <bt:Urls>
        <bt:Url id="Functions.Script.Url" DefaultValue="https://localhost:3000/functions.js"/>
        <bt:Url id="Functions.Page.Url" DefaultValue="https://localhost:3000/functions.html"/>
        <bt:Url id="Functions.Page.Url" DefaultValue="https://localhost:3000/functions2.html"/>
        <bt:Url id="Taskpane.Url" DefaultValue="https://localhost:3000/taskpane.html"/>
      </bt:Urls>
      <bt:ShortStrings><bt:String id="Functions.Namespace" DefaultValue="CONTOSO"/></bt:ShortStrings>
    </Resources>
  </VersionOverrides>
</OfficeApp>`;
    const failed = new Set(checkManifest(xml, OPTIONS).map((p) => p.check));
    expect([...failed].sort()).toEqual(
      ["icons", "namespace", "origin", "requirements", "resources", "shared-runtime", "structure"].sort()
    );
  });
});
