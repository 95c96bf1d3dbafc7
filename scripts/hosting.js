// Where the add-in is served from: ADDIN_URL for a hosted build, the dev server otherwise.
// manifest.xml is written for the dev server; a hosted build gets a copy with that base replaced,
// as the generator templates do with urlDev/urlProd.
"use strict";

const DEV_BASE = "https://localhost:3000/";

/** The base URL (ending in "/") every manifest URL starts with; throws on a base Office cannot use. */
function addinBase(value) {
  const text = (value ?? "").trim();
  if (text === "") return DEV_BASE;
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`ADDIN_URL '${text}' is not an absolute URL such as https://example.org/assignment-guard`);
  }
  // Office loads add-in pages only over https, and a query or fragment would end up in the
  // middle of every file URL.
  if (url.protocol !== "https:") throw new Error(`ADDIN_URL '${text}' must start with https:// (Office loads add-ins only over https)`);
  if (url.search || url.hash) throw new Error(`ADDIN_URL '${text}' must not hold a query (?) or fragment (#)`);
  if (url.username || url.password) throw new Error(`ADDIN_URL '${text}' must not hold a user name or password`);
  const pathname = url.pathname.endsWith("/") ? url.pathname : `${url.pathname}/`;
  return `${url.origin}${pathname}`;
}

/** manifest.xml with every dev-server URL moved to `base`; throws if a dev-server URL would remain. */
function manifestFor(xml, base) {
  const moved = xml.split(DEV_BASE).join(base);
  if (base !== DEV_BASE && /https?:\/\/localhost\b/i.test(moved)) {
    throw new Error("manifest.xml names localhost outside https://localhost:3000/: give every URL that base");
  }
  return moved;
}

module.exports = { DEV_BASE, addinBase, manifestFor };
