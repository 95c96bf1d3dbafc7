/* eslint-env node */
// Shape follows the generator-office templates (manifest.xml at the root, src/functions,
// src/taskpane, a dev server on https://localhost:3000) with the shared runtime wired in:
// taskpane.html is the one page Excel keeps alive, so it loads the functions bundle too.
const fs = require("fs");
const os = require("os");
const path = require("path");
const webpack = require("webpack");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");

const DEV_SERVER_PORT = 3000;
const FUNCTIONS_SOURCE = path.resolve(__dirname, "src/functions/functions.ts");
const OFFICE_JS_DIST = path.join(path.dirname(require.resolve("@microsoft/office-js/package.json")), "dist");
// exceljs's "main" is the Node build (fs, stream, zlib...). Its browser build is one prebuilt
// UMD file with its own shims, so the pane bundles that instead and webpack need not parse it.
const EXCELJS_BROWSER = require.resolve("exceljs/dist/exceljs.min.js");

// office-addin-dev-certs writes these; `npx office-addin-dev-certs install` creates them.
function devCertificates() {
  const dir = path.join(os.homedir(), ".office-addin-dev-certs");
  const files = { ca: "ca.crt", cert: "localhost.crt", key: "localhost.key" };
  const found = {};
  for (const [option, name] of Object.entries(files)) {
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) return null;
    found[option] = fs.readFileSync(file);
  }
  return found;
}

function devServerOptions(serving) {
  const certificates = devCertificates();
  if (serving && !certificates) {
    console.warn(
      [
        "",
        "NOTE: no dev certificates in ~/.office-addin-dev-certs, so the dev server uses plain HTTP",
        `      on http://localhost:${DEV_SERVER_PORT}. Office only loads add-ins over HTTPS, and`,
        "      manifest.xml points at https://localhost:3000: run `npx office-addin-dev-certs install`",
        "      (and trust ca.crt) before sideloading. Plain HTTP is fine for the offline preview.",
        "",
      ].join("\n")
    );
  }
  return {
    port: DEV_SERVER_PORT,
    headers: { "Access-Control-Allow-Origin": "*" },
    server: certificates ? { type: "https", options: certificates } : { type: "http" },
    static: false,
    client: { overlay: { warnings: false } },
  };
}

// Terser skips assets already marked minimized: the prebuilt exceljs chunk is minified, and
// running Terser over it again costs seconds per production build for nothing.
class MarkPrebuiltChunksMinimized {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("MarkPrebuiltChunksMinimized", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "MarkPrebuiltChunksMinimized", stage: webpack.Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_SIZE - 1 },
        () => {
          for (const chunk of compilation.chunks) {
            if (chunk.name !== "exceljs") continue;
            for (const file of chunk.files) compilation.updateAsset(file, (source) => source, { minimized: true });
          }
        }
      );
    });
  }
}

module.exports = (env = {}, argv = {}) => {
  const production = argv.mode === "production";
  return {
    devtool: "source-map",
    entry: {
      functions: FUNCTIONS_SOURCE,
      // dependOn: taskpane.js reuses the webpack runtime and module instances of functions.js,
      // so on the shared-runtime page both bundles see one copy of every module they share.
      taskpane: { import: "./src/taskpane/taskpane.ts", dependOn: "functions" },
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      chunkFilename: production ? "[name].[contenthash:8].chunk.js" : "[name].chunk.js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".js"],
      alias: { exceljs$: EXCELJS_BROWSER },
      // Node core modules do not exist in the pane; nothing bundled may rely on them.
      fallback: {
        fs: false,
        path: false,
        os: false,
        crypto: false,
        stream: false,
        zlib: false,
        buffer: false,
        util: false,
        events: false,
        string_decoder: false,
        http: false,
        https: false,
        url: false,
        child_process: false,
      },
    },
    module: {
      noParse: (file) => file === EXCELJS_BROWSER,
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              // Type errors in tests or the CLI must not break the add-in build: tsc covers those.
              onlyCompileBundledFiles: true,
              // tsconfig says commonjs for Jest and tsc; webpack needs ES modules so that
              // import() becomes a lazy chunk and unused exports can be dropped. rootDir:
              // TypeScript 6 insists on one once ts-loader emits with an outDir.
              compilerOptions: { module: "es2020", moduleResolution: "bundler", rootDir: __dirname, sourceMap: true },
            },
          },
        },
      ],
    },
    optimization: {
      splitChunks: {
        chunks: "async",
        cacheGroups: {
          exceljs: {
            test: (module) => module.resource === EXCELJS_BROWSER,
            name: "exceljs",
            chunks: "async",
            enforce: true,
          },
        },
      },
    },
    performance: {
      // The lazy exceljs chunk (about 1 MB) loads only in preview mode, never at pane start.
      assetFilter: (file) => file.endsWith(".js") && !file.startsWith("exceljs") && !file.startsWith("office-js/"),
      maxEntrypointSize: 512 * 1024,
      maxAssetSize: 512 * 1024,
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({ input: FUNCTIONS_SOURCE, output: "functions.json" }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["functions", "taskpane"],
        chunksSortMode: "manual",
      }),
      new HtmlWebpackPlugin({
        filename: "functions.html",
        template: "./src/functions/functions.html",
        chunks: ["functions"],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "manifest.xml", to: "manifest.xml" },
          { from: OFFICE_JS_DIST, to: "office-js", info: { minimized: true } },
          // The task pane's stylesheet, and the workbook its preview opens outside Excel.
          { from: "src/taskpane/taskpane.css", to: "taskpane.css" },
          { from: "samples/sample-positions.xlsx", to: "samples/sample-positions.xlsx" },
        ],
      }),
      new MarkPrebuiltChunksMinimized(),
      // The .xlsx reader inflates with Node's zlib on the command line and with the browser's
      // DecompressionStream in the pane's preview.
      new webpack.NormalModuleReplacementPlugin(/^\.\/inflate$/, (resource) => {
        if (/[\\/]src[\\/]xlsx$/.test(resource.context)) resource.request = "./inflate.browser";
      }),
    ],
    devServer: devServerOptions(Boolean(env.WEBPACK_SERVE)),
  };
};
