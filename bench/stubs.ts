// office-addin-mock imports one enum from office-addin-manifest, whose ESM-only dependencies
// plain Node cannot require; the tests map it to a stub (jest.config.js), and so does the bench.
import path from "path";
import Module from "module";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const STUB = path.join(ROOT, "tests", "helpers", "office-addin-manifest-stub.js");
const resolver = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const original = resolver._resolveFilename;
resolver._resolveFilename = function (request: string, ...rest: unknown[]) {
  return request === "office-addin-manifest" ? STUB : original.call(this, request, ...rest);
};

export { ROOT };
