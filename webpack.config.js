/* eslint-env node */
// Shape follows the generator-office templates (manifest.xml at the root, src/functions,
// src/taskpane, a dev server on https://localhost:3000) with the shared runtime wired in:
// taskpane.html is the one page Excel keeps alive, so it loads the functions bundle too.
const path = require("path");
const webpack = require("webpack");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const { DEV_BASE, addinBase, manifestFor } = require("./scripts/hosting");
const { certificateReport, httpsOptions, inspectCertificates } = require("./scripts/dev-certs");

const DEV_SERVER_PORT = 3000;
const FUNCTIONS_SOURCE = path.resolve(__dirname, "src/functions/functions.ts");
const OFFICE_JS_DIST = path.join(path.dirname(require.resolve("@microsoft/office-js/package.json")), "dist");

function devServerOptions(serving) {
  const found = inspectCertificates();
  const https = httpsOptions(found);
  if (serving) {
    const lines = certificateReport(found);
    if (!https) {
      lines.splice(2, 0, `  Until then the dev server uses plain HTTP on http://localhost:${DEV_SERVER_PORT}: fine for the offline preview, but Office loads add-ins only over HTTPS.`);
    }
    // Before webpack's own output, so it is not lost in it.
    console.warn(["", ...lines.map((line) => (line ? `NOTE: ${line}` : "")), ""].join("\n"));
  }
  return {
    port: DEV_SERVER_PORT,
    // Only this machine: the certificate is for localhost, and nothing else should reach it.
    host: "localhost",
    headers: { "Access-Control-Allow-Origin": "*" },
    server: https ? { type: "https", options: https } : { type: "http" },
    static: false,
    client: { overlay: { warnings: false } },
  };
}

// A bad ADDIN_URL is the person building's input: one line saying what to fix, no stack trace.
function hostingBase(serving) {
  let base;
  try {
    base = addinBase(process.env.ADDIN_URL);
  } catch (e) {
    console.error(`build: ${e.message}`);
    process.exit(2);
  }
  if (serving && base !== DEV_BASE) {
    console.error(`build: the dev server serves ${DEV_BASE}; ADDIN_URL (${base}) is for npm run build`);
    process.exit(2);
  }
  return base;
}

// Two flavours. The add-in (`npm run build`, dist/): what Office loads from the host, office.js
// from Microsoft's CDN, no source maps in production. The preview (`npm run build:preview`,
// dist-preview/, and the dev server): the pane outside Excel too, which needs the local office.js
// and the sample workbook.
module.exports = (env = {}, argv = {}) => {
  const production = argv.mode === "production";
  const serving = Boolean(env.WEBPACK_SERVE);
  const preview = Boolean(env.preview) || serving;
  const base = hostingBase(serving);
  const previewFiles = [
    { from: OFFICE_JS_DIST, to: "office-js", info: { minimized: true } },
    { from: "samples/sample-positions.xlsx", to: "samples/sample-positions.xlsx" },
  ];
  return {
    devtool: production && !preview ? false : "source-map",
    entry: {
      functions: FUNCTIONS_SOURCE,
      // dependOn: taskpane.js reuses the webpack runtime and module instances of functions.js,
      // so on the shared-runtime page both bundles see one copy of every module they share.
      taskpane: { import: "./src/taskpane/taskpane.ts", dependOn: "functions" },
    },
    output: {
      path: path.resolve(__dirname, preview ? "dist-preview" : "dist"),
      filename: "[name].js",
      chunkFilename: production ? "[name].[contenthash:8].chunk.js" : "[name].chunk.js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".js"],
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
          // The .xlsx reader and package editor (zip.js, saxes): one lazy chunk for the preview.
          xlsx: {
            test: /[\\/]node_modules[\\/](@zip\.js|saxes|xmlchars)[\\/]/,
            name: "xlsx",
            chunks: "async",
            enforce: true,
          },
        },
      },
    },
    performance: {
      assetFilter: (file) => file.endsWith(".js") && !file.startsWith("office-js/"),
      maxEntrypointSize: 512 * 1024,
      maxAssetSize: 512 * 1024,
    },
    plugins: [
      // Outside Excel the add-in build says where to open it; only the preview carries the
      // chunks that open a workbook in the browser.
      new webpack.DefinePlugin({ AG_PREVIEW: JSON.stringify(preview) }),
      new CustomFunctionsMetadataPlugin({ input: FUNCTIONS_SOURCE, output: "functions.json" }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["functions", "taskpane"],
        chunksSortMode: "manual",
        templateParameters: { preview },
      }),
      new HtmlWebpackPlugin({
        filename: "functions.html",
        template: "./src/functions/functions.html",
        chunks: ["functions"],
        templateParameters: { preview },
      }),
      new CopyWebpackPlugin({
        patterns: [
          // The icons the manifest names (icon-128 is for a store listing, not served).
          { from: "assets/icon-{16,32,64,80}.png", to: "assets/[name][ext]" },
          { from: "manifest.xml", to: "manifest.xml", transform: (content) => manifestFor(content.toString("utf8"), base) },
          { from: "src/taskpane/taskpane.css", to: "taskpane.css" },
          ...(preview ? previewFiles : []),
        ],
      }),
      // The .xlsx reader inflates with Node's zlib on the command line and with the browser's
      // DecompressionStream in the pane's preview.
      new webpack.NormalModuleReplacementPlugin(/^\.\.?\/(?:\.\.\/)*inflate$/, (resource) => {
        if (/[\\/]src[\\/]xlsx([\\/]package)?$/.test(resource.context)) resource.request = resource.request.replace(/inflate$/, "inflate.browser");
      }),
    ],
    devServer: devServerOptions(Boolean(env.WEBPACK_SERVE)),
  };
};
