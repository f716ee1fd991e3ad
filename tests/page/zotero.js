// Runs Zotero's own translators in node, as Zotero's translation-server runs them, and prints what
// they make of a page or a file as JSON for the tests to judge:
//
//   node zotero.js web PAGE.html     the items Zotero's web translators find on a page, as the
//                                    connector would save them (all of a "multiple" page chosen)
//   node zotero.js import FILE       the items Zotero's import translators read from a file
//
// Both print {"translator": {label, id, lastUpdated, blob}, "items": [...], "requests": [...]}:
// the translator that ran (`blob`: the git blob hash of its code, to check it against Zotero's
// repository), the items in the Zotero API's JSON, and any request a translator tried to make
// (refused: nothing here may reach the network).
//
// Zotero's code comes from the npm package zotero-translators@0.0.2, which bundles Zotero's
// translation-server (its translation framework and utilities) with the translators of
// zotero/translators at commit 53102fac9bf8acdefafdff4e1e8d3f8796312880; .ci/run installs it.
// This file only drives it.
"use strict";

const crypto = require("crypto");
const fs = require("fs");

// Zotero's debug log (to console.log) is for finding out why: on stderr, with SPLW_ZOTERO_DEBUG=1.
console.log = (...parts) => process.stderr.write(`${parts.join(" ")}\n`);
require("zotero-translators");
Zotero.Debug.enabled = process.env.SPLW_ZOTERO_DEBUG === "1";
const { JSDOM } = require("jsdom");
const wgxpath = require("wicked-good-xpath");

const requests = [];
Zotero.HTTP.request = async (method, url) => {
  requests.push(`${method} ${url}`);
  throw new Error(`offline: ${url}`);
};

// The hash git gives the file whose text this is.
function blob(text) {
  const bytes = Buffer.from(text, "utf8");
  return crypto.createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

function described(translator) {
  return { label: translator.label, id: translator.translatorID, lastUpdated: translator.lastUpdated, blob: blob(translator.code) };
}

// Each item as the Zotero API gives it, without the attachments and notes saved beside it.
function saved(items) {
  return items
    .flatMap((item) => Zotero.Utilities.itemToAPIJSON(item))
    .filter((item) => item.itemType !== "attachment" && item.itemType !== "note")
    .map(({ key, version, ...item }) => item);
}

async function web(file) {
  const dom = new JSDOM(fs.readFileSync(file, "utf8"), { url: "http://127.0.0.1/page.html" });
  wgxpath.install(dom.window, true);
  const translate = new Zotero.Translate.Web();
  translate.setDocument(dom.window.document);
  // The connector asks which of a "multiple" page's items to save: all of them.
  translate.setHandler("select", (_, items, choose) => choose(items));
  const translators = await translate.getTranslators();
  if (translators.length === 0) return { translator: null, items: [], requests };
  // The connector's choice: the first, of the lowest priority number.
  translate.setTranslator(translators[0]);
  const items = await translate.translate({ libraryID: false });
  return { translator: described(translators[0]), items: saved(items), requests };
}

async function importing(file) {
  const translate = new Zotero.Translate.Import();
  translate.setString(fs.readFileSync(file, "utf8"));
  const translators = await translate.getTranslators();
  if (translators.length === 0) return { translator: null, items: [], requests };
  translate.setTranslator(translators[0]);
  const items = await translate.translate({ libraryID: false });
  return { translator: described(translators[0]), items: saved(items), requests };
}

const [mode, file] = process.argv.slice(2);
const run = { web, import: importing }[mode];
if (!run || !file) {
  process.stderr.write("usage: node zotero.js web PAGE.html | import FILE\n");
  process.exit(2);
}
run(file)
  .then((result) => process.stdout.write(`${JSON.stringify(result, null, 2)}\n`))
  .catch((error) => {
    process.stderr.write(`${error.stack || error}\n`);
    process.exit(1);
  });
