// Checks an add-in only (XML) manifest for the mistakes Office reports late or not at all, and
// that the manifest is consistent with itself (one origin and folder, resids that resolve),
// whatever host it names. Schema validity is xmllint's job (../shared/office-xsd).
import * as fs from "fs";
import * as path from "path";
import { XMLParser, XMLValidator } from "fast-xml-parser";

export type CheckName =
  | "well-formed"
  | "structure"
  | "resources"
  | "shared-runtime"
  | "origin"
  | "icons"
  | "namespace"
  | "requirements";

export interface Problem {
  check: CheckName;
  message: string;
}

export interface CheckOptions {
  /** Folder the icon URLs' /assets/ path maps to. */
  assetsDir: string;
  /** The custom-function namespace users type before each function name. */
  namespace: string;
}

interface Element {
  name: string;
  attrs: Record<string, string>;
  children: Element[];
  text: string;
}

type ParsedNode = Record<string, unknown>;

function toElements(nodes: ParsedNode[]): Element[] {
  const out: Element[] = [];
  for (const node of nodes) {
    const name = Object.keys(node).find((key) => key !== ":@");
    if (!name || name.startsWith("?") || name === "#text" || name === "#comment") continue;
    const rawChildren = (node[name] as ParsedNode[]) ?? [];
    const text = rawChildren
      .filter((child) => "#text" in child)
      .map((child) => String(child["#text"]))
      .join("");
    out.push({
      name,
      attrs: (node[":@"] as Record<string, string>) ?? {},
      children: toElements(rawChildren),
      text,
    });
  }
  return out;
}

function parse(xml: string): Element | null {
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: "",
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
  });
  const roots = toElements(parser.parse(xml) as ParsedNode[]);
  return roots.length === 1 ? roots[0] : null;
}

const child = (el: Element | undefined, name: string): Element | undefined => el?.children.find((c) => c.name === name);
const children = (el: Element | undefined, name: string): Element[] => el?.children.filter((c) => c.name === name) ?? [];
const pathTo = (el: Element | undefined, ...names: string[]): Element | undefined =>
  names.reduce<Element | undefined>((at, name) => child(at, name), el);

function descendants(el: Element, name?: string): Element[] {
  const found: Element[] = [];
  const visit = (at: Element) => {
    for (const c of at.children) {
      if (!name || c.name === name) found.push(c);
      visit(c);
    }
  };
  visit(el);
  return found;
}

type ResourceKind = "image" | "url" | "short" | "long";

interface Resource {
  kind: ResourceKind;
  value: string;
}

function readResources(resources: Element | undefined, problems: Problem[]): Map<string, Resource> {
  const found = new Map<string, Resource>();
  const groups: Array<[string, string, ResourceKind]> = [
    ["bt:Images", "bt:Image", "image"],
    ["bt:Urls", "bt:Url", "url"],
    ["bt:ShortStrings", "bt:String", "short"],
    ["bt:LongStrings", "bt:String", "long"],
  ];
  for (const [groupName, itemName, kind] of groups) {
    for (const item of children(child(resources, groupName), itemName)) {
      const id = item.attrs.id;
      if (!id) {
        problems.push({ check: "resources", message: `a ${itemName} in ${groupName} has no id` });
        continue;
      }
      if (found.has(id)) {
        problems.push({ check: "resources", message: `resource id "${id}" is defined more than once` });
        continue;
      }
      found.set(id, { kind, value: item.attrs.DefaultValue ?? "" });
    }
  }
  return found;
}

// Which kind of resource each referencing element needs: Office silently shows nothing
// (or refuses the manifest) when, say, a Label points at a URL.
function expectedKind(referrer: Element, parent: Element | undefined): ResourceKind | null {
  switch (referrer.name) {
    case "bt:Image":
      return "image";
    case "SourceLocation":
    case "Runtime":
    case "FunctionFile":
    case "LearnMoreUrl":
      return "url";
    case "Label":
    case "Title":
    case "Namespace":
      return "short";
    case "Description":
      return parent?.name === "Supertip" || parent?.name === "GetStarted" ? "long" : null;
    default:
      return null;
  }
}

function checkReferences(root: Element, resources: Map<string, Resource>, problems: Problem[]): void {
  const visit = (el: Element, parent: Element | undefined) => {
    const resid = el.attrs.resid;
    if (resid !== undefined) {
      const resource = resources.get(resid);
      const kind = expectedKind(el, parent);
      if (resid.length > 32) {
        problems.push({ check: "resources", message: `resid "${resid}" is longer than 32 characters` });
      }
      if (!resource) {
        problems.push({ check: "resources", message: `<${el.name} resid="${resid}"> refers to no resource` });
      } else if (kind && resource.kind !== kind) {
        problems.push({
          check: "resources",
          message: `<${el.name} resid="${resid}"> needs a ${kind} resource but "${resid}" is a ${resource.kind} resource`,
        });
      }
    }
    for (const c of el.children) visit(c, el);
  };
  visit(root, undefined);
}

function checkStructure(root: Element, problems: Problem[]): void {
  const add = (message: string) => problems.push({ check: "structure", message });
  if (root.name !== "OfficeApp") add(`the root element is <${root.name}>, not <OfficeApp>`);
  if (root.attrs["xsi:type"] !== "TaskPaneApp") add(`OfficeApp xsi:type is "${root.attrs["xsi:type"]}", not "TaskPaneApp"`);
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(child(root, "Id")?.text ?? "")) {
    add("<Id> is not a GUID");
  }
  const hosts = children(child(root, "Hosts"), "Host").map((h) => h.attrs.Name);
  if (hosts.length !== 1 || hosts[0] !== "Workbook") add(`<Hosts> should hold exactly Workbook, found [${hosts.join(", ")}]`);
  if (child(root, "Permissions")?.text !== "ReadWriteDocument") add("<Permissions> is not ReadWriteDocument");

  const order = [
    "Id", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "IconUrl",
    "HighResolutionIconUrl", "SupportUrl", "AppDomains", "Hosts", "Requirements", "DefaultSettings",
    "Permissions", "VersionOverrides",
  ];
  const positions = root.children.map((c) => order.indexOf(c.name)).filter((i) => i >= 0);
  if (positions.some((p, i) => i > 0 && p <= positions[i - 1])) {
    add(`OfficeApp's children are out of schema order: ${root.children.map((c) => c.name).join(", ")}`);
  }

  const host = pathTo(root, "VersionOverrides", "Hosts", "Host");
  if (!host) {
    add("no VersionOverrides/Hosts/Host");
    return;
  }
  if (host.attrs["xsi:type"] !== "Workbook") add(`VersionOverrides Host xsi:type is "${host.attrs["xsi:type"]}"`);
  // Office requires Runtimes first, then AllFormFactors, then DesktopFormFactor.
  const hostOrder = host.children.map((c) => c.name).filter((n) => ["Runtimes", "AllFormFactors", "DesktopFormFactor"].includes(n));
  if (hostOrder.join(",") !== "Runtimes,AllFormFactors,DesktopFormFactor") {
    add(`Host should hold Runtimes, AllFormFactors, DesktopFormFactor in that order; found ${hostOrder.join(", ")}`);
  }
}

function customFunctionsPoint(root: Element): Element | undefined {
  return children(pathTo(root, "VersionOverrides", "Hosts", "Host", "AllFormFactors"), "ExtensionPoint").find(
    (e) => e.attrs["xsi:type"] === "CustomFunctions"
  );
}

function checkSharedRuntime(root: Element, resources: Map<string, Resource>, problems: Problem[]): void {
  const add = (message: string) => problems.push({ check: "shared-runtime", message });
  const host = pathTo(root, "VersionOverrides", "Hosts", "Host");
  const runtimes = children(child(host, "Runtimes"), "Runtime");
  if (runtimes.length !== 1) {
    add(`expected exactly one <Runtime>, found ${runtimes.length}`);
    return;
  }
  const runtime = runtimes[0];
  const residOfRuntime = runtime.attrs.resid;
  if (runtime.attrs.lifetime !== "long") add(`<Runtime> lifetime is "${runtime.attrs.lifetime}", not "long"`);
  const runtimeUrl = resources.get(residOfRuntime)?.value ?? "";
  if (!runtimeUrl.endsWith("/taskpane.html")) add(`the runtime page "${runtimeUrl}" is not taskpane.html`);

  const point = customFunctionsPoint(root);
  if (!point) {
    add("no CustomFunctions extension point");
  } else {
    const page = pathTo(point, "Page", "SourceLocation")?.attrs.resid;
    if (page !== residOfRuntime) add(`CustomFunctions <Page> uses resid "${page}", the runtime uses "${residOfRuntime}"`);
    const script = resources.get(pathTo(point, "Script", "SourceLocation")?.attrs.resid ?? "")?.value ?? "";
    if (!script.endsWith("/functions.js")) add(`CustomFunctions <Script> "${script}" is not functions.js`);
    const metadata = resources.get(pathTo(point, "Metadata", "SourceLocation")?.attrs.resid ?? "")?.value ?? "";
    if (!metadata.endsWith("/functions.json")) add(`CustomFunctions <Metadata> "${metadata}" is not functions.json`);
  }

  for (const functionFile of children(child(host, "DesktopFormFactor"), "FunctionFile")) {
    if (functionFile.attrs.resid !== residOfRuntime) {
      add(`<FunctionFile> uses resid "${functionFile.attrs.resid}", the runtime uses "${residOfRuntime}"`);
    }
  }
  const paneActions = descendants(root, "Action").filter((a) => a.attrs["xsi:type"] === "ShowTaskpane");
  if (paneActions.length === 0) add("no ShowTaskpane button opens the pane");
  for (const action of paneActions) {
    const resid = child(action, "SourceLocation")?.attrs.resid;
    if (resid !== residOfRuntime) add(`a ShowTaskpane action uses resid "${resid}", the runtime uses "${residOfRuntime}"`);
  }
  const defaultPage = pathTo(root, "DefaultSettings", "SourceLocation")?.attrs.DefaultValue;
  if (defaultPage !== runtimeUrl) add(`DefaultSettings SourceLocation "${defaultPage}" differs from the runtime page "${runtimeUrl}"`);
}

function allUrls(root: Element, resources: Map<string, Resource>): Array<{ where: string; url: string }> {
  const urls: Array<{ where: string; url: string }> = [];
  for (const name of ["IconUrl", "HighResolutionIconUrl", "SupportUrl"]) {
    const value = child(root, name)?.attrs.DefaultValue;
    if (value !== undefined) urls.push({ where: name, url: value });
  }
  const defaultPage = pathTo(root, "DefaultSettings", "SourceLocation")?.attrs.DefaultValue;
  if (defaultPage !== undefined) urls.push({ where: "DefaultSettings", url: defaultPage });
  for (const [id, resource] of resources) {
    if (resource.kind === "image" || resource.kind === "url") urls.push({ where: id, url: resource.value });
  }
  return urls;
}

function checkOrigin(root: Element, resources: Map<string, Resource>, problems: Problem[]): void {
  const origins = new Map<string, string[]>();
  for (const { where, url } of allUrls(root, resources)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      problems.push({ check: "origin", message: `${where}: "${url}" is not an absolute URL` });
      continue;
    }
    if (parsed.protocol !== "https:") problems.push({ check: "origin", message: `${where}: "${url}" is not https` });
    origins.set(parsed.origin, [...(origins.get(parsed.origin) ?? []), where]);
  }
  if (origins.size > 1) {
    const listing = [...origins].map(([origin, users]) => `${origin} (${users.join(", ")})`).join("; ");
    problems.push({ check: "origin", message: `URLs use more than one origin: ${listing}` });
    return;
  }
  // The build moves the whole add-in to one base (ADDIN_URL): a URL outside the runtime page's
  // folder is a file the build does not put there.
  const page = pathTo(root, "DefaultSettings", "SourceLocation")?.attrs.DefaultValue ?? "";
  const base = page.slice(0, page.lastIndexOf("/") + 1);
  if (!base) return;
  for (const { where, url } of allUrls(root, resources)) {
    if (!url.startsWith(base)) problems.push({ check: "origin", message: `${where}: "${url}" is not under ${base}, the task pane's folder` });
  }
}

export function pngSize(file: string): { width: number; height: number } | null {
  const bytes = fs.readFileSync(file);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(signature) || bytes.toString("ascii", 12, 16) !== "IHDR") {
    return null;
  }
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Pixel size of an icon URL's file, or a problem message. */
function iconFileSize(url: string, assetsDir: string): number | string {
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    return `"${url}" is not a URL`;
  }
  const match = /\/assets\/(icon-(\d+)\.png)$/.exec(pathname);
  if (!match) return `"${url}" is not .../assets/icon-<size>.png`;
  const file = path.join(assetsDir, match[1]);
  if (!fs.existsSync(file)) return `"${url}": ${match[1]} is missing from ${assetsDir}`;
  const size = pngSize(file);
  if (!size) return `"${url}": ${match[1]} is not a PNG`;
  const named = Number(match[2]);
  if (size.width !== named || size.height !== named) {
    return `"${url}": ${match[1]} is ${size.width}x${size.height}, its name says ${named}x${named}`;
  }
  return named;
}

function checkIcons(root: Element, resources: Map<string, Resource>, options: CheckOptions, problems: Problem[]): void {
  const add = (message: string) => problems.push({ check: "icons", message });
  const sizes = new Map<string, number>();
  for (const [id, resource] of resources) {
    if (resource.kind !== "image") continue;
    const size = iconFileSize(resource.value, options.assetsDir);
    if (typeof size === "string") add(`${id}: ${size}`);
    else sizes.set(id, size);
  }
  // Office's store rules: IconUrl is 32x32, HighResolutionIconUrl is 64x64.
  for (const [name, expected] of [["IconUrl", 32], ["HighResolutionIconUrl", 64]] as const) {
    const url = child(root, name)?.attrs.DefaultValue;
    if (url === undefined) {
      add(`no <${name}>`);
      continue;
    }
    const size = iconFileSize(url, options.assetsDir);
    if (typeof size === "string") add(`${name}: ${size}`);
    else if (size !== expected) add(`${name} should be ${expected}x${expected}, it is ${size}x${size}`);
  }
  for (const icon of descendants(root, "Icon")) {
    const declared = children(icon, "bt:Image").map((img) => Number(img.attrs.size));
    for (const required of [16, 32, 80]) {
      if (!declared.includes(required)) add(`an <Icon> has no size ${required} image`);
    }
    for (const img of children(icon, "bt:Image")) {
      const actual = sizes.get(img.attrs.resid);
      if (actual !== undefined && actual !== Number(img.attrs.size)) {
        add(`<bt:Image size="${img.attrs.size}" resid="${img.attrs.resid}"> points at a ${actual}x${actual} file`);
      }
    }
  }
}

function checkNamespace(root: Element, resources: Map<string, Resource>, options: CheckOptions, problems: Problem[]): void {
  const resid = child(customFunctionsPoint(root), "Namespace")?.attrs.resid;
  const value = resources.get(resid ?? "")?.value;
  if (value !== options.namespace) {
    problems.push({ check: "namespace", message: `custom functions namespace is "${value}" (resid "${resid}"), expected "${options.namespace}"` });
  }
}

/**
 * The requirement sets the add-in's code needs (docs/excel.md, "Requirement sets"): the shared
 * runtime, CustomFunctions.Error with its ErrorCode values (CustomFunctionsRuntime 1.3 in the
 * reference), and ExcelApi 1.9 (src/excel/officeHost.ts REQUIRED_EXCEL_API).
 */
export const REQUIRED_SETS: Record<string, string> = { SharedRuntime: "1.1", CustomFunctionsRuntime: "1.3", ExcelApi: "1.9" };

function checkRequirements(root: Element, problems: Problem[]): void {
  const sets = children(pathTo(root, "Requirements", "Sets"), "Set");
  for (const [name, version] of Object.entries(REQUIRED_SETS)) {
    const set = sets.find((s) => s.attrs.Name === name);
    if (!set) problems.push({ check: "requirements", message: `Requirements do not ask for the ${name} set` });
    else if (set.attrs.MinVersion !== version) {
      problems.push({ check: "requirements", message: `${name} MinVersion is "${set.attrs.MinVersion}", not "${version}"` });
    }
  }
}

export function checkManifest(xml: string, options: CheckOptions): Problem[] {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    return [{ check: "well-formed", message: `${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})` }];
  }
  const root = parse(xml);
  if (!root) return [{ check: "well-formed", message: "the document does not have exactly one root element" }];

  const problems: Problem[] = [];
  const resources = readResources(pathTo(root, "VersionOverrides", "Resources"), problems);
  checkStructure(root, problems);
  checkReferences(root, resources, problems);
  checkSharedRuntime(root, resources, problems);
  checkOrigin(root, resources, problems);
  checkIcons(root, resources, options, problems);
  checkNamespace(root, resources, options, problems);
  checkRequirements(root, problems);
  return problems;
}
