/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  reporters: ["default", "<rootDir>/tests/helpers/summary-reporter.js"],
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: false }] },
};
