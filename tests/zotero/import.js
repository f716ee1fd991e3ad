// Zotero's own import translators (RIS.js, BibTeX.js and "CSL JSON.js", from Zotero's public
// repository of translators), run in node by a small shim of the translator API: what Zotero
// gives a translator that reads a file (Zotero.read, Zotero.Item, Zotero.Utilities, ...). Used
// by tests/paper.rs.
//
// Reads {"files": [{"translator": "RIS" | "BibTeX" | "CSL JSON", "text": "..."}]} on stdin and
// writes {"translators": {label: {"lastUpdated", "blob"}}, "imported": [[item, ...], ...]}: each
// file's items as the translator completes them (itemType, title, creators, date and the rest),
// and for each translator the date in its header and its git blob hash, which names the
// repository's commit it comes from.
//
// The translators are the files of a folder named by SPLW_ZOTERO_TRANSLATORS (a checkout of the
// repository), or else those inside the npm package zotero-translators on NODE_PATH (0.0.2,
// which bundles them as they are at commit 53102fac9bf8acdefafdff4e1e8d3f8796312880); without
// either this exits with status 3.
//
// The shim covers what these three translators call when they import. Its item schema holds the
// item types and fields they can give splw's records (Zotero's schema has many more types);
// `fieldIsValidForType` answers from it, as Zotero answers from its own.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const vm = require('vm');

const LABELS = ['RIS', 'BibTeX', 'CSL JSON'];

/** Each translator's source, by label: from the folder, or from the npm package's bundle. */
function translatorSources() {
  const dir = process.env.SPLW_ZOTERO_TRANSLATORS;
  if (dir) {
    return Object.fromEntries(
      LABELS.map(label => [label, fs.readFileSync(path.join(dir, `${label}.js`), 'utf8')]));
  }
  let bundle;
  try {
    bundle = require.resolve('zotero-translators/index.js');
  } catch (e) {
    process.stderr.write('neither SPLW_ZOTERO_TRANSLATORS nor zotero-translators on NODE_PATH\n');
    process.exit(3);
  }
  // The bundle holds each translator's file whole, as a JSON string after its label.
  const text = fs.readFileSync(bundle, 'utf8');
  return Object.fromEntries(LABELS.map(label => {
    const at = text.indexOf(`"label": ${JSON.stringify(label)},`);
    const start = text.indexOf('"code": "', at) + '"code": '.length;
    let end = start + 1;
    while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
    return [label, JSON.parse(text.slice(start, end + 1))];
  }));
}

/** The header (JSON, up to the first line that is "}") and the code after it. */
function splitTranslator(source) {
  const end = source.indexOf('\n}\n');
  return { header: JSON.parse(source.slice(0, end + 2)), code: source.slice(end + 3) };
}

/** git's name for the file's content: the blob hash `git hash-object` gives. */
function blobHash(source) {
  const bytes = Buffer.from(source, 'utf8');
  return crypto.createHash('sha1')
    .update(Buffer.concat([Buffer.from(`blob ${bytes.length}\0`), bytes])).digest('hex');
}

// ---- The item schema: the types these translators give splw's records, and their fields ----

const COMMON = ['title', 'abstractNote', 'date', 'language', 'shortTitle', 'url', 'accessDate',
  'archive', 'archiveLocation', 'libraryCatalog', 'callNumber', 'rights', 'extra'];
const FIELDS = {
  journalArticle: ['publicationTitle', 'volume', 'issue', 'pages', 'series', 'seriesTitle',
    'seriesText', 'journalAbbreviation', 'DOI', 'ISSN'],
  report: ['reportNumber', 'reportType', 'seriesTitle', 'place', 'institution', 'pages', 'DOI'],
  webpage: ['websiteTitle', 'websiteType'],
  document: ['publisher', 'DOI'],
  book: ['series', 'seriesNumber', 'volume', 'numberOfVolumes', 'edition', 'place', 'publisher',
    'numPages', 'ISBN', 'DOI'],
};
// Base fields, as each type names them (Zotero's "publisher" is a report's "institution").
const BASE = {
  publisher: { report: 'institution' },
  publicationTitle: { webpage: 'websiteTitle' },
};
const CREATORS = {
  journalArticle: ['author', 'contributor', 'editor', 'translator', 'reviewedAuthor'],
  report: ['author', 'contributor', 'seriesEditor', 'translator'],
  webpage: ['author', 'contributor', 'translator'],
  document: ['author', 'contributor', 'editor', 'translator', 'reviewedAuthor'],
  book: ['author', 'contributor', 'editor', 'seriesEditor', 'translator'],
};

function fieldIsValidForType(field, type) {
  const fields = FIELDS[type];
  return !!fields && (COMMON.includes(field) || fields.includes(field));
}

// CSL-JSON's types and variables, as Zotero maps them (the ones splw writes).
const CSL_TYPES = {
  'article-journal': 'journalArticle', report: 'report', webpage: 'webpage',
  article: 'document', document: 'document', book: 'book',
};
const CSL_TEXT = {
  title: ['title'], 'container-title': ['publicationTitle'], volume: ['volume'],
  issue: ['issue'], page: ['pages'], publisher: ['publisher'], DOI: ['DOI'], URL: ['url'],
  abstract: ['abstractNote'], note: ['extra'],
};

// ---- Zotero.Utilities: the parts these translators call on import ----

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august',
  'september', 'october', 'november', 'december'];

const Utilities = {
  trim: s => s.trim(),
  trimInternal: s => s.replace(/[\xA0\r\n\s]+/g, ' ').trim(),
  deepCopy: value => JSON.parse(JSON.stringify(value)),
  fieldIsValidForType,
  getCreatorsForType: type => CREATORS[type] || ['author'],
  getVersion: () => 'splw shim',
  unescapeHTML: s => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'").replace(/&amp;/g, '&'),
  text2html: s => `<p>${s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/\n\n+/g, '</p><p>').replace(/\n/g, '<br/>')}</p>`,
  removeDiacritics: s => s.normalize('NFD').replace(/[\u0300-\u036f]/g, ''),
  /** A DOI from text that holds one, as Zotero finds it: "10." and the rest. */
  cleanDOI: s => {
    const m = /10(?:\.[0-9]{4,})?\/[^\s]*[^\s.,]/.exec(s);
    return m ? m[0] : null;
  },
  /** "Last, First" with `useComma`, else the last word as the family name. */
  cleanAuthor: (author, creatorType, useComma) => {
    author = author.replace(/^[\s\u00A0.,/[\]:]+/, '').replace(/[\s\u00A0.,/[\]:]+$/, '')
      .replace(/[\s\u00A0]+/g, ' ');
    let lastName;
    let firstName;
    if (useComma) {
      const parts = author.split(/, ?/);
      [lastName, firstName] = parts.length > 1 ? parts : [author, ''];
    } else {
      const space = author.lastIndexOf(' ');
      lastName = author.substring(space + 1);
      firstName = space < 0 ? '' : author.substring(0, space);
    }
    return { firstName, lastName, creatorType };
  },
  /** Year, month and day from the date forms these translators hand on. */
  strToDate: string => {
    const date = {};
    const s = String(string).trim();
    let m = /^(\d{4})(?:[-/](\d{1,2}))?(?:[-/](\d{1,2}))?/.exec(s);
    if (m) {
      date.year = m[1];
      if (m[2]) date.month = Number(m[2]) - 1;
      if (m[3]) date.day = Number(m[3]);
    } else if ((m = /([a-z]+)\.? (\d{4})/i.exec(s))) {
      const month = MONTHS.findIndex(name => name.startsWith(m[1].toLowerCase().slice(0, 3)));
      if (month >= 0) date.month = month;
      date.year = m[2];
    }
    date.part = s;
    return date;
  },
  strToISO: string => {
    const date = Utilities.strToDate(string);
    if (!date.year) return false;
    const pad = n => String(n).padStart(2, '0');
    return [date.year, date.month !== undefined && pad(date.month + 1), date.day && pad(date.day)]
      .filter(Boolean).join('-');
  },
  /** A date as Zotero writes one, "March 2021"; a month alone as its name. */
  formatDate: date => {
    const parts = [];
    if (date.month !== undefined) {
      const name = MONTHS[date.month];
      parts.push(name[0].toUpperCase() + name.slice(1));
    }
    if (date.day) parts.push(`${date.day},`);
    if (date.year) parts.push(date.year);
    return parts.join(' ');
  },
  /** A CSL-JSON item into a Zotero item, as Zotero.Utilities.Item.itemFromCSLJSON maps it. */
  itemFromCSLJSON: (item, csl) => {
    const type = CSL_TYPES[csl.type] || 'document';
    item.itemType = type;
    item.itemID = csl.id;
    for (const [variable, fields] of Object.entries(CSL_TEXT)) {
      if (!(variable in csl)) continue;
      for (const base of fields) {
        const field = (BASE[base] || {})[type] || base;
        if (fieldIsValidForType(field, type)) {
          item[field] = csl[variable];
          break;
        }
      }
    }
    for (const name of csl.author || []) {
      if (name.family || name.given) {
        item.creators.push({ lastName: name.family || '', firstName: name.given || '',
          creatorType: 'author' });
      } else if (name.literal) {
        item.creators.push({ lastName: name.literal, fieldMode: 1, creatorType: 'author' });
      }
    }
    const parts = csl.issued && csl.issued['date-parts'] && csl.issued['date-parts'][0];
    if (parts) {
      item.date = parts.map((part, n) => (n ? String(part).padStart(2, '0') : String(part)))
        .join('-');
    } else if (csl.issued && csl.issued.literal) {
      item.date = csl.issued.literal;
    }
  },
};

// ---- Running a translator on one file ----

/** The items a translator imports from `text`. */
async function importWith(code, text) {
  let at = 0;
  const items = [];
  class Item {
    constructor(itemType) {
      this.itemType = itemType;
      this.creators = [];
      this.notes = [];
      this.tags = [];
      this.seeAlso = [];
      this.attachments = [];
    }

    complete() {
      // As Zotero keeps it: the fields a translator set, trimmed, without its own working
      // fields.
      const done = {};
      for (const [key, value] of Object.entries(this)) {
        const kept = typeof value === 'string' ? value.trim() : value;
        if (!key.startsWith('_') && !key.startsWith('backup') && kept !== undefined
          && kept !== '') done[key] = kept;
      }
      items.push(done);
    }
  }
  const Zotero = {
    /** `n` characters, or without `n` the next line; false at the end. */
    read: n => {
      if (at >= text.length) return false;
      if (n) {
        const chunk = text.slice(at, at + n);
        at += n;
        return chunk;
      }
      let end = text.indexOf('\n', at);
      if (end < 0) end = text.length;
      const line = text.slice(at, end).replace(/\r$/, '');
      at = end + 1;
      return line;
    },
    Item,
    Utilities,
    debug: () => {},
    getOption: () => undefined,
    getHiddenPref: () => undefined,
    setProgress: () => {},
    parentTranslator: false,
  };
  const context = { Zotero, Z: Zotero, ZU: Utilities, console };
  vm.createContext(context);
  vm.runInContext(code, context);
  await context.doImport();
  return items;
}

async function main() {
  const input = JSON.parse(fs.readFileSync(0, 'utf8'));
  const sources = translatorSources();
  const translators = {};
  const code = {};
  for (const [label, source] of Object.entries(sources)) {
    const { header, code: body } = splitTranslator(source);
    translators[label] = { lastUpdated: header.lastUpdated, blob: blobHash(source) };
    code[label] = body;
  }
  const imported = [];
  for (const file of input.files) {
    imported.push(await importWith(code[file.translator], file.text));
  }
  process.stdout.write(JSON.stringify({ translators, imported }));
}

main().catch(error => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
