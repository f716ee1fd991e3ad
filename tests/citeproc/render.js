// citeproc-js, the CSL processor inside Zotero and Mendeley, rendering splw's CSL-JSON for
// tests/citeproc.rs and tests/paper.rs. Reads {"items": [...], "styles": {name: path}, "locales":
// dir, "jobs": [{"style": name, "ids": [...], "clusters": [[...], ...]?}]} on stdin; writes one
// {"cites": […], "bib": […]} per job, as a JSON array.
//
// In an author–date style every item is registered, as a document citing the whole brief
// would, so that year suffixes and added names are the whole brief's; each job's clusters (by
// default its ids cited together) are made with makeCitationCluster, and its bibliography is
// the whole one's entries for its ids, in the whole one's order. A numbered style numbers the
// works of one document: there the job's ids are the whole registry, in the order given.
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
const all = input.items.map(item => item.id);
// One engine per style, in the style's own default locale, as pandoc and Zotero use it.
const engines = {};
const engine = style => {
  if (!engines[style]) {
    const made = new CSL.Engine(sys, styles[style]);
    made.setOutputFormat(input.format || 'text');
    const numbered = /variable="citation-number"/.test(styles[style]);
    engines[style] = { engine: made, numbered };
    if (!numbered) made.updateItems(all);
  }
  return engines[style];
};
const results = input.jobs.map(({ style, ids, clusters }) => {
  const { engine: made, numbered } = engine(style);
  if (numbered) made.updateItems(ids);
  const cites = (clusters || [ids]).map(cluster =>
    made.makeCitationCluster(cluster.map(id => ({ id }))));
  const [meta, entries] = made.makeBibliography();
  const wanted = new Set(ids);
  const bib = entries
    .map((entry, n) => [meta.entry_ids[n][0], entry.trim()])
    .filter(([id]) => wanted.has(id))
    .map(([, entry]) => entry);
  return { cites, bib };
});
process.stdout.write(JSON.stringify(results));
