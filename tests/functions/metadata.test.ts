import path from "path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";

// The same generator custom-functions-metadata-plugin runs in the build, on the same source.
const SOURCE = path.resolve(__dirname, "../../src/functions/functions.ts");

interface Param {
  name: string;
  description?: string;
  type: string;
  dimensionality?: string;
  optional?: boolean;
}
interface Fn {
  id: string;
  name: string;
  description: string;
  options?: { stream?: boolean; volatile?: boolean };
  parameters: Param[];
  result: { type: string; dimensionality?: string };
}

let functions: Fn[];
let associate: { id: string; functionName: string }[];

beforeAll(async () => {
  const generated = await generateCustomFunctionsMetadata(SOURCE);
  expect(generated.errors).toEqual([]);
  functions = (JSON.parse(generated.metadataJson) as { functions: Fn[] }).functions;
  associate = generated.associate as { id: string; functionName: string }[];
}, 30_000);

const shape = (f: Fn) => ({
  result: f.result.type,
  params: f.parameters.map((p) => `${p.name}${p.optional ? "?" : ""}:${p.type}${p.dimensionality === "matrix" ? "[][]" : ""}`),
});

describe("functions.json generated from the JSDoc of src/functions/functions.ts", () => {
  test("lists the ten CSP functions with their parameters, optional flags and types", () => {
    expect(Object.fromEntries(functions.map((f) => [f.id, shape(f)]))).toEqual({
      ASSIGNMENTEXPOSURE: { result: "number", params: ["positions?:any[][]"] },
      VIXCAP: { result: "number", params: ["vix:number", "highVixCap?:number"] },
      CANSELLPUT: { result: "boolean", params: ["strike:number", "qty:number", "accountValue?:number", "vix?:number", "positions?:any[][]"] },
      HEADROOM: { result: "number", params: ["accountValue?:number", "vix?:number", "positions?:any[][]"] },
      MAXCONTRACTS: { result: "number", params: ["strike:number", "accountValue?:number", "vix?:number", "positions?:any[][]"] },
      INCOME: { result: "number", params: ["months?:number"] },
      INCOMECOVERAGE: { result: "number", params: [] },
      WITHDRAWALCEILING: { result: "number", params: [] },
      RESERVEMONTHS: { result: "number", params: [] },
      CANWITHDRAW: { result: "boolean", params: ["amount:number"] },
    });
  });

  test("ids equal names (the namespace CSP lives in manifest.xml only)", () => {
    for (const f of functions) {
      expect(f.name).toBe(f.id);
      expect(f.id).not.toMatch(/CSP/);
    }
  });

  test("every function and every parameter has the description formula autocomplete shows", () => {
    for (const f of functions) {
      expect(f.description.length).toBeGreaterThan(20);
      for (const p of f.parameters) expect(p.description?.length ?? 0).toBeGreaterThan(10);
    }
  });

  test("every function streams, so values update after an edit without F9", () => {
    for (const f of functions) expect(f.options).toEqual({ stream: true });
  });

  test("the plugin associates each id with its exported function", () => {
    expect(associate.map((a) => `${a.id}=${a.functionName}`).sort()).toEqual([
      "ASSIGNMENTEXPOSURE=assignmentExposureFn",
      "CANSELLPUT=canSellPutFn",
      "CANWITHDRAW=canWithdrawFn",
      "HEADROOM=headroomFn",
      "INCOME=incomeFn",
      "INCOMECOVERAGE=incomeCoverageFn",
      "MAXCONTRACTS=maxContractsFn",
      "RESERVEMONTHS=reserveMonthsFn",
      "VIXCAP=vixCapFn",
      "WITHDRAWALCEILING=withdrawalCeilingFn",
    ]);
  });
});
