// citeproc-js, the CSL processor inside Zotero and Mendeley, rendering splw's CSL-JSON for
// tests/citeproc.rs. Reads {"items": [...], "styles": {name: path}, "locales": dir, "jobs":
// [{"style": name, "ids": [...]}]} on stdin; writes one {"cite": …, "bib": […]} per job, as a
// JSON array. Each job is a document of its own, citing its ids together once.
const CSL = require('citeproc');
const fs = require('fs');

const input = JSON.parse(fs.readFileSync(0, 'utf8'));
const byId = Object.fromEntries(input.items.map(item => [item.id, item]));
const sys = {
  retrieveLocale: lang => fs.readFileSync(`${input.locales}/locales-${lang}.xml`, 'utf8'),
  retrieveItem: id => byId[id],
};
const styles = Object.fromEntries(
  Object.entries(input.styles).map(([name, path]) => [name, fs.readFileSync(path, 'utf8')]));
// One engine per style, in the style's own default locale, as pandoc and Zotero use it: each
// job's updateItems makes its ids the whole registry.
const engines = {};
const results = input.jobs.map(({ style, ids }) => {
  if (!engines[style]) {
    engines[style] = new CSL.Engine(sys, styles[style]);
    engines[style].setOutputFormat('text');
  }
  const engine = engines[style];
  engine.updateItems(ids);
  const cite = engine.makeCitationCluster(ids.map(id => ({ id })));
  const bib = engine.makeBibliography()[1].map(entry => entry.trim());
  return { cite, bib };
});
process.stdout.write(JSON.stringify(results));
