// `npm run test:excel` only (scripts/test-excel.js): the acceptance run in desktop Excel.
/** @type {import('jest').Config} */
module.exports = {
  rootDir: "../..",
  testEnvironment: "node",
  roots: ["<rootDir>/tests/excel-e2e"],
  testMatch: ["**/*.e2e.ts"],
  testTimeout: 300_000,
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: false }] },
};
