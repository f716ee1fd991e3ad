// splw page's search: `splw find`'s ranking, step for step, over the index splw bakes into the
// page (src/search/export.rs). Each part names the Rust it follows; a change there is a change
// here, and tests/page.rs runs every judged query through both and compares the first ten.
"use strict";

// eslint-disable-next-line no-unused-vars
function splwSearch(index) {
  const rules = index.rules;
  const lexicon = index.lexicon;
  const fieldRules = rules.fields;
  const fieldNumber = new Map(fieldRules.map((rule, number) => [rule.name, number]));
  const filler = new Set(rules.filler);

  // The distinct words (sorted) and their stems (src/search/split.rs).
  const words = index.words;
  const wordStems = index.stems.map((stem, id) =>
    typeof stem === "number" ? words[id].slice(0, words[id].length - stem) : stem,
  );
  // Each work's fields: which, its length, its words (number and position), and its text.
  const works = index.works.map((fields) =>
    fields.map(([kind, text, stream]) => {
      const tokens = [];
      let position = -1;
      let length = 0;
      for (const item of stream) {
        if (item >= 0) {
          position += 1;
          length += 1;
          tokens.push([item, position]);
        } else {
          tokens.push([-1 - item, position - 1]);
        }
      }
      return { kind, text, tokens, length };
    }),
  );
  // Where each distinct word stands: work, field and position, one after another.
  const places = words.map(() => []);
  works.forEach((fields, work) =>
    fields.forEach((field, number) => {
      for (const [id, position] of field.tokens) places[id].push(work, number, position);
    }),
  );

  // The lexicon (src/search/lexicon.rs), as export.rs writes it short.
  const terms = lexicon.terms.map((written) => {
    const code = /^(design|kind|country):/.exec(written);
    const capitals = written.startsWith("!");
    const stems = code ? written.slice(code[0].length) : capitals ? written.slice(1) : written;
    const codeField = code ? { design: "Design", kind: "Kind", country: "Country" }[code[1]] : null;
    return { stems, code: codeField, capitals };
  });
  const uses = [];
  for (let i = 0; i < lexicon.uses.length; i += 3) {
    uses.push([lexicon.uses[i], lexicon.uses[i + 1], lexicon.uses[i + 2]]);
  }
  const blockers = [];
  for (let i = 0; i < lexicon.blockers.length; i += 2) {
    blockers.push([lexicon.blockers[i], lexicon.blockers[i + 1]]);
  }
  const SAME = 0;
  const NEAR = 1;
  const NAME = 2;

  // Rust compares strings by their bytes; folded words are ASCII, where JavaScript agrees.
  function compare(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
  }

  // The first of 0..length for which `before` is false.
  function partition(length, before) {
    let low = 0;
    let high = length;
    while (low < high) {
      const middle = low + ((high - low) >> 1);
      if (before(middle)) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  // Lexicon::term, begins_term, uses, blockers, within, around.
  function lexiconTerm(stems, capitals) {
    const from = partition(terms.length, (t) => compare(terms[t].stems, stems) < 0);
    for (let t = from; t < terms.length && terms[t].stems === stems; t++) {
      if (terms[t].code === null && (capitals || !terms[t].capitals)) return t;
    }
    return null;
  }
  function beginsTerm(stems) {
    const at = partition(terms.length, (t) => compare(terms[t].stems, stems) < 0);
    return at < terms.length && terms[at].stems.startsWith(stems);
  }
  function usesOf(term) {
    const from = partition(uses.length, (u) => uses[u][0] < term);
    const to = partition(uses.length, (u) => uses[u][0] <= term);
    return uses.slice(from, to);
  }
  function blockersOf(term) {
    return blockers.filter((b) => b[0] === term).map((b) => b[1]);
  }
  function within(place) {
    const found = [];
    const frontier = [place];
    while (frontier.length > 0) {
      const outer = frontier.pop();
      lexicon.places.forEach((p, inner) => {
        if (p[1] === outer) {
          found.push(inner);
          frontier.push(inner);
        }
      });
    }
    return found;
  }
  function around(place) {
    const found = [];
    let at = lexicon.places[place][1];
    while (at >= 0) {
      if (found.includes(at)) break;
      found.push(at);
      at = lexicon.places[at][1];
    }
    return found;
  }

  // src/search/words.rs: words split from text and folded to lowercase ASCII.
  const spelt = { ß: "ss", ø: "o", ł: "l", æ: "ae", œ: "oe", đ: "d", ð: "d", þ: "th", ı: "i" };
  const alphanumeric = /[\p{Alphabetic}\p{N}]/u;
  function foldChar(c) {
    if (/[A-Za-z0-9]/.test(c)) return c.toLowerCase();
    if (!alphanumeric.test(c)) return "";
    return c
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[ßøłæœđðþı]/g, (letter) => spelt[letter])
      .replace(/[^a-z0-9]/g, "");
  }
  // The words of `text`: each folded, with its position and chars, and joined pairs of a
  // hyphenated compound.
  function tokens(text) {
    const chars = Array.from(text);
    const found = [];
    let position = 0;
    let joinedTo = null;
    let i = 0;
    const starts = (at) => at < chars.length && alphanumeric.test(chars[at]);
    while (i < chars.length) {
      if (!starts(i)) {
        i += 1;
        continue;
      }
      const first = i;
      let word = "";
      while (i < chars.length) {
        if (starts(i)) {
          word += foldChar(chars[i]);
          i += 1;
        } else if ((chars[i] === "'" || chars[i] === "’") && starts(i + 1)) {
          i += 1;
        } else {
          break;
        }
      }
      found.push({ word, position, chars: [first, i], joined: false });
      if (joinedTo !== null) {
        found.push({ word: joinedTo[0] + word, position: position - 1, chars: [joinedTo[1], i], joined: true });
        joinedTo = null;
      }
      position += 1;
      if ("-‐‑".includes(chars[i] || " ") && word !== "" && starts(i + 1)) {
        joinedTo = [word, first];
      }
    }
    return found;
  }
  function parts(text) {
    return tokens(text)
      .filter((t) => !t.joined && t.word !== "")
      .map((t) => t.word);
  }
  // text::fold, as near as the browser has it: deunicode's ASCII for the letters and marks
  // the brief writes.
  const punctuation = { "’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "‐": "-", "‑": "-", "…": "..." };
  function fold(text) {
    return Array.from(text)
      .map((c) => {
        if (c.charCodeAt(0) < 128) return c.toLowerCase();
        if (punctuation[c]) return punctuation[c];
        return foldChar(c) || c.toLowerCase();
      })
      .join("");
  }

  // src/search/stems.rs.
  function typosAllowed(letters) {
    return rules.typos[Math.min(letters, rules.typos.length - 1)];
  }
  function osa(a, b) {
    const n = b.length;
    let before = new Array(n + 1).fill(0);
    let previous = Array.from({ length: n + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const current = [i];
      for (let j = 1; j <= n; j++) {
        let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
        current.push(d);
      }
      before = previous;
      previous = current;
    }
    return previous[n];
  }
  function withinTypos(word, typed, typos) {
    if (Math.abs(word.length - typed.length) > typos) return false;
    const counts = new Map();
    for (const c of word) counts.set(c, (counts.get(c) || 0) + 1);
    for (const c of typed) counts.set(c, (counts.get(c) || 0) - 1);
    let changed = 0;
    for (const n of counts.values()) changed += Math.abs(n);
    return changed <= 2 * typos && osa(word, typed) <= typos;
  }
  // stems::may_share_stem and stems::starts_of: the first three letters, and the spellings
  // that one_spelling changes among them ("ae", "our"), and a two-letter stem's "e" ("aging").
  function mayShareStem(word, stem) {
    if (word.length <= 3 || stem.length < 3) return word[0] === stem[0];
    const s = stem.slice(0, 3);
    return word.slice(0, 3) === s
      || (word[1] === "a" && word[2] === "e" && word[0] + "e" + word[3] === s)
      || (word[2] === "a" && word[3] === "e" && word.slice(0, 2) + "e" === s)
      || (word.length >= 6 && word.slice(1, 4) === "our" && word[0] + "or" === s)
      || (stem.length === 3 && s[2] === "e" && word.slice(0, 2) === s.slice(0, 2));
  }
  function startsOf(stem) {
    if (stem.length >= 3) {
      const starts = [stem.slice(0, 3)];
      if (stem[1] === "e") starts.push(stem[0] + "ae" + stem[2]);
      if (stem[2] === "e") starts.push(stem.slice(0, 2) + "ae");
      if (stem[1] === "o" && stem[2] === "r") starts.push(stem[0] + "our");
      if (stem.length === 3 && stem[2] === "e") starts.push(stem.slice(0, 2));
      return starts;
    }
    return stem.length > 0 ? [stem[0]] : [];
  }
  function oneSpelling(word) {
    if (word.length < 5) return word;
    for (const [british, american] of [["ageing", "aging"], ["judgement", "judgment"]]) {
      if (word.startsWith(british)) word = american + word.slice(british.length);
    }
    for (const [british, american] of [
      ["isation", "ization"], ["isations", "izations"], ["ysation", "yzation"], ["ise", "ize"],
      ["ised", "ized"], ["ises", "izes"], ["ising", "izing"], ["iser", "izer"], ["isers", "izers"],
      ["yse", "yze"], ["ysed", "yzed"], ["ysing", "yzing"], ["tre", "ter"], ["tres", "ters"],
      ["mme", "m"], ["mmes", "ms"], ["elling", "eling"], ["elled", "eled"],
    ]) {
      if (word.endsWith(british)) {
        word = word.slice(0, word.length - british.length) + american;
        break;
      }
    }
    if (word.length >= 6) {
      const at = word.indexOf("our", 1);
      if (at >= 1) word = word.slice(0, at) + "or" + word.slice(at + 3);
    }
    if (word.length >= 7) {
      const at = word.indexOf("ae", 1);
      if (at >= 1) word = word.slice(0, at) + "e" + word.slice(at + 2);
    }
    return word;
  }
  function stem(word) {
    const once = porter2(oneSpelling(word));
    let twice = porter2(once);
    if (twice.length > 4 && twice.endsWith("i")) twice = twice.slice(0, -1);
    return twice;
  }

  // The Snowball English (Porter2) stemmer, as rust-stemmers has it.
  const vowels = "aeiouy";
  const isVowel = (c) => vowels.includes(c);
  const exceptions1 = {
    skis: "ski", skies: "sky", dying: "die", lying: "lie", tying: "tie", idly: "idl",
    gently: "gentl", ugly: "ugli", early: "earli", only: "onli", singly: "singl",
    sky: "sky", news: "news", howe: "howe", atlas: "atlas", cosmos: "cosmos", bias: "bias",
    andes: "andes",
  };
  const exceptions2 = ["inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed"];
  function porter2(input) {
    if (Array.from(input).length < 3) return input;
    if (Object.prototype.hasOwnProperty.call(exceptions1, input)) return exceptions1[input];
    let w = input.startsWith("'") ? input.slice(1) : input;
    // Prelude: y as a consonant is Y.
    let yFound = false;
    if (w.startsWith("y")) {
      w = "Y" + w.slice(1);
      yFound = true;
    }
    for (let i = 1; i < w.length; i++) {
      if (w[i] === "y" && isVowel(w[i - 1])) {
        w = w.slice(0, i) + "Y" + w.slice(i + 1);
        yFound = true;
      }
    }
    // Regions.
    const afterVowelConsonant = (from) => {
      let i = from;
      while (i < w.length && !isVowel(w[i])) i++;
      while (i < w.length && isVowel(w[i])) i++;
      return i < w.length ? i + 1 : w.length;
    };
    let p1;
    const prefix = ["gener", "commun", "arsen"].find((p) => w.startsWith(p));
    if (prefix) p1 = prefix.length;
    else p1 = afterVowelConsonant(0);
    const p2 = afterVowelConsonant(p1);
    const r1 = (at) => at >= p1;
    const r2 = (at) => at >= p2;
    const ends = (suffix) => w.endsWith(suffix);
    // A short syllable ending at `at` (exclusive).
    const shortAt = (at) => {
      if (at >= 3) {
        const [a, b, c] = [w[at - 3], w[at - 2], w[at - 1]];
        if (!isVowel(a) && isVowel(b) && !isVowel(c) && !"wxY".includes(c)) return true;
      }
      return at === 2 && isVowel(w[0]) && !isVowel(w[1]);
    };
    const longest = (list) => list.filter((s) => ends(s)).sort((a, b) => b.length - a.length)[0];
    // Step 1a.
    const apostrophe = longest(["'", "'s'", "'s"]);
    if (apostrophe) w = w.slice(0, w.length - apostrophe.length);
    const s1a = longest(["ied", "s", "ies", "sses", "ss", "us"]);
    if (s1a === "sses") w = w.slice(0, -2);
    else if (s1a === "ied" || s1a === "ies") w = w.slice(0, -3) + (w.length - 3 > 1 ? "i" : "ie");
    else if (s1a === "s") {
      const before = w.slice(0, -2);
      if (w.length >= 2 && /[aeiouy]/.test(before)) w = w.slice(0, -1);
    }
    if (!exceptions2.includes(w)) {
      // Step 1b.
      const s1b = longest(["ed", "eed", "ing", "edly", "eedly", "ingly"]);
      if (s1b === "eed" || s1b === "eedly") {
        if (r1(w.length - s1b.length)) w = w.slice(0, w.length - s1b.length) + "ee";
      } else if (s1b) {
        const stemPart = w.slice(0, w.length - s1b.length);
        if (/[aeiouy]/.test(stemPart)) {
          w = stemPart;
          if (ends("at") || ends("bl") || ends("iz")) w += "e";
          else if (["bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"].some(ends)) w = w.slice(0, -1);
          else if (w.length === p1 && shortAt(w.length)) w += "e";
        }
      }
      // Step 1c.
      if ((ends("y") || ends("Y")) && w.length > 2 && !isVowel(w[w.length - 2])) {
        w = w.slice(0, -1) + "i";
      }
      // Step 2.
      const s2 = longest([
        "anci", "enci", "ogi", "li", "bli", "abli", "alli", "fulli", "lessli", "ousli", "entli",
        "aliti", "biliti", "iviti", "tional", "ational", "alism", "ation", "ization", "izer",
        "ator", "iveness", "fulness", "ousness",
      ]);
      if (s2 && r1(w.length - s2.length)) {
        const base = w.slice(0, w.length - s2.length);
        const to = {
          tional: "tion", enci: "ence", anci: "ance", abli: "able", entli: "ent", izer: "ize",
          ization: "ize", ational: "ate", ation: "ate", ator: "ate", alism: "al", aliti: "al",
          alli: "al", fulness: "ful", ousli: "ous", ousness: "ous", iveness: "ive", iviti: "ive",
          biliti: "ble", bli: "ble", fulli: "ful", lessli: "less",
        }[s2];
        if (to !== undefined) w = base + to;
        else if (s2 === "ogi") {
          if (base.endsWith("l")) w = base + "og";
        } else if (s2 === "li") {
          if (base.length > 0 && "cdeghkmnrt".includes(base[base.length - 1])) w = base;
        }
      }
      // Step 3.
      const s3 = longest(["icate", "ative", "alize", "iciti", "ical", "tional", "ational", "ful", "ness"]);
      if (s3 && r1(w.length - s3.length)) {
        const base = w.slice(0, w.length - s3.length);
        const to = { tional: "tion", ational: "ate", alize: "al", icate: "ic", iciti: "ic", ical: "ic", ful: "", ness: "" }[s3];
        if (to !== undefined) w = base + to;
        else if (s3 === "ative" && r2(w.length - s3.length)) w = base;
      }
      // Step 4.
      const s4 = longest([
        "ic", "ance", "ence", "able", "ible", "ate", "ive", "ize", "iti", "al", "ism", "ion", "er",
        "ous", "ant", "ent", "ment", "ement",
      ]);
      if (s4 && r2(w.length - s4.length)) {
        const base = w.slice(0, w.length - s4.length);
        if (s4 !== "ion") w = base;
        else if (base.endsWith("s") || base.endsWith("t")) w = base;
      }
      // Step 5.
      if (ends("e")) {
        const at = w.length - 1;
        if (r2(at) || (r1(at) && !shortAt(at))) w = w.slice(0, -1);
      } else if (ends("l")) {
        const at = w.length - 1;
        if (r2(at) && w[at - 1] === "l") w = w.slice(0, -1);
      }
    }
    return yFound ? w.replace(/Y/g, "y") : w;
  }

  // The index of the works searched (src/search/rank/index.rs): words by their stem, or a typo away.
  function indexOf(searched) {
    const cache = new Map();
    const searchedHas = (id) => {
      const list = places[id];
      for (let i = 0; i < list.length; i += 3) if (searched[list[i]] !== null) return true;
      return false;
    };
    const starting = (prefix) => {
      const from = partition(words.length, (id) => compare(words[id], prefix) < 0);
      const to = partition(words.length, (id) => compare(words[id], prefix) < 0 || words[id].startsWith(prefix));
      return [from, Math.max(to, from)];
    };
    const withStem = (wanted) => {
      if (cache.has(wanted)) return cache.get(wanted);
      const prefixes = startsOf(wanted);
      const found = [];
      for (const prefix of prefixes) {
        const [from, to] = starting(prefix);
        for (let id = from; id < to; id++) {
          if (mayShareStem(words[id], wanted) && wordStems[id] === wanted && searchedHas(id) && !found.includes(id)) {
            found.push(id);
          }
        }
      }
      cache.set(wanted, found);
      return found;
    };
    const nearTypos = (typed, typos) => {
      if (typed.length === 0) return [];
      const [from, to] = starting(typed[0]);
      const found = [];
      for (let id = from; id < to; id++) {
        if (withinTypos(words[id], typed, typos) && searchedHas(id)) found.push([osa(words[id], typed), id]);
      }
      found.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      return found.map((f) => f[1]);
    };
    const typoStems = (typed, typos) => {
      const found = [];
      for (const id of nearTypos(typed, typos)) if (!found.includes(wordStems[id])) found.push(wordStems[id]);
      return found;
    };
    return { withStem, typoStems, hasStem: (s) => withStem(s).length > 0, starting };
  }

  // src/search/query.rs and query/: the query as typed, read.
  function items(text) {
    const found = [];
    let item = "";
    let quote = null;
    for (const c of text) {
      if (quote === null && (c === '"' || c === "“") && item === "") {
        quote = c === "“" ? "”" : '"';
        item += '"';
      } else if (quote !== null && c === quote) {
        quote = null;
        item += '"';
        found.push(item);
        item = "";
      } else if (quote === null && /\s/u.test(c)) {
        if (item !== "") {
          found.push(item);
          item = "";
        }
      } else {
        item += c;
      }
    }
    if (item !== "") found.push(item);
    return found;
  }
  function unquoted(item) {
    if (!item.startsWith('"')) return null;
    const rest = item.slice(1);
    return rest.endsWith('"') ? rest.slice(0, -1) : rest;
  }
  function classify(item) {
    if (item === "|") return { or: true };
    const phrase = unquoted(item);
    if (phrase !== null) return { quoted: phrase };
    if (/^[!'^]/.test(item) || item.endsWith("$")) return { strict: item };
    const chars = Array.from(item);
    const plain = tokens(item)
      .filter((t) => !t.joined && t.word !== "")
      .map((t) => {
        const written = chars.slice(t.chars[0], t.chars[1]).join("");
        const capitals = /\p{Alphabetic}/u.test(written) && !/\p{Lowercase}/u.test(written);
        return [t.word, capitals];
      });
    return { plain };
  }
  function syntax(text) {
    const groups = [];
    let joinNext = false;
    for (const raw of items(text)) {
      const item = classify(raw);
      if (item.or) {
        joinNext = groups.length > 0;
        continue;
      }
      if (item.plain && item.plain.length === 0) continue;
      if (joinNext && groups.length > 0) groups[groups.length - 1].push(item);
      else groups.push([item]);
      joinNext = false;
    }
    return groups;
  }
  function stemsOf(list) {
    return list.map((w) => stem(w) + " ").join("");
  }
  // A run of filler words holds a term of the lexicon ("what works"): a word, or words in a row
  // that neither start nor end inside a compound.
  function namesATerm(run) {
    const flat = [];
    run.forEach((list, item) => list.forEach(([w, capitals]) => flat.push([w, capitals, item])));
    for (let at = 0; at < flat.length; at++) {
      for (let length = 1; length <= Math.min(rules.longest_term, flat.length - at); length++) {
        const to = at + length;
        const wholeItems = (at === 0 || flat[at - 1][2] !== flat[at][2]) && (to === flat.length || flat[to][2] !== flat[to - 1][2]);
        if (length > 1 && !wholeItems) continue;
        const part = flat.slice(at, to);
        if (lexiconTerm(stemsOf(part.map((f) => f[0])), part.every((f) => f[1])) !== null) return true;
      }
    }
    return false;
  }
  function asks(groups) {
    let run = [];
    for (const group of groups) {
      if (group.length === 1 && group[0].plain) {
        if (group[0].plain.some(([w]) => !filler.has(w))) return true;
        run.push(group[0].plain);
      } else if (group.length === 1 && group[0].strict && group[0].strict.startsWith("!")) {
        if (namesATerm(run)) return true;
        run = [];
      } else {
        return true;
      }
    }
    return namesATerm(run);
  }
  function idLike(word) {
    const m = /^([a-z]+)(\d+)$/.exec(word);
    return m && (m[2].length === 2 || m[2].length === 4) ? [m[1], m[2]] : null;
  }
  function admits(fields, kind) {
    const rule = fieldRules[kind];
    switch (fields.how) {
      case "all":
        return !rule.code;
      case "content":
        return rule.content && !rule.code;
      case "places":
        return rule.place;
      case "ids":
        return rule.id;
      default:
        return kind === fields.code;
    }
  }

  function read(groups, known) {
    const parsed = { terms: [], concepts: [] };
    const termOf = (term) => {
      const key = JSON.stringify(term);
      let at = parsed.terms.findIndex((t) => t.key === key);
      if (at < 0) {
        parsed.terms.push({ ...term, key });
        at = parsed.terms.length - 1;
      }
      return at;
    };
    const word = (w, typos) => termOf({ kind: "word", typed: w, stem: stem(w), typos });
    const stemTerm = (s) => termOf({ kind: "word", typed: s, stem: s, typos: 0 });
    const add = (alternatives, alternative) => {
      const same = alternatives.find(
        (a) => a.terms.join() === alternative.terms.join() && a.fields.how === alternative.fields.how && a.fields.code === alternative.fields.code,
      );
      if (!same) alternatives.push(alternative);
      else if (same.weight < alternative.weight) Object.assign(same, alternative);
    };
    const blockersFor = (term) => {
      const own = terms[term].stems.trim().split(" ");
      return blockersOf(term).map((long) => {
        const stems = terms[long].stems.trim().split(" ");
        const row = stems.map(stemTerm);
        let at = 0;
        for (let i = 0; i + own.length <= stems.length; i++) {
          if (stems.slice(i, i + own.length).join(" ") === own.join(" ")) {
            at = i;
            break;
          }
        }
        return [row, at];
      });
    };
    const lexiconAlternative = (term, fields, weight) => {
      const t = terms[term];
      return {
        terms: t.stems.trim().split(" ").map(stemTerm),
        fields: t.code ? { how: "code", code: fieldNumber.get(t.code) } : fields,
        weight,
        blockers: blockersFor(term),
      };
    };
    const ALL = { how: "all" };
    const CONTENT = { how: "content" };
    const PLACES = { how: "places" };
    const countryField = { how: "code", code: fieldNumber.get("Country") };
    const lexiconConcept = (typed, term, corrected) => {
      const alternatives = [];
      const typedTerms = parts(typed).map((p) => word(p, corrected ? typosAllowed(p.length) : 0));
      add(alternatives, { terms: typedTerms, fields: ALL, weight: 1, blockers: blockersFor(term) });
      const reach = (other, fields, weight) => add(alternatives, lexiconAlternative(other, fields, weight));
      const found = usesOf(term);
      const means = found.some((u) => u[2] === SAME);
      for (const [, owner, how] of found.filter((u) => !means || u[2] !== NEAR)) {
        if (how === SAME || how === NEAR) {
          const [same, near] = lexicon.concepts[owner];
          for (const other of same) reach(other, how === SAME ? ALL : CONTENT, how === SAME ? 1 : rules.near);
          for (const other of near) reach(other, CONTENT, rules.near);
        } else {
          const [names, , country] = lexicon.places[owner];
          for (const other of names) reach(other, PLACES, 1);
          if (country >= 0) reach(country, countryField, 1);
          for (const inner of within(owner)) {
            const [innerNames, , innerCountry] = lexicon.places[inner];
            for (const other of innerNames) reach(other, PLACES, rules.inside);
            if (innerCountry >= 0) reach(innerCountry, countryField, rules.inside);
          }
          let countries = 0;
          around(owner).forEach((outer, step) => {
            const [outerNames, , outerCountry] = lexicon.places[outer];
            let weight;
            if (outerCountry < 0 && step === 0) weight = rules.near;
            else if (outerCountry < 0 && countries === 0) weight = rules.near * rules.near;
            else if (outerCountry >= 0 && countries === 0) weight = rules.country;
            else weight = rules.outer_country;
            if (outerCountry >= 0) countries += 1;
            if (outerCountry < 0) for (const other of outerNames) reach(other, PLACES, weight);
            if (outerCountry >= 0) reach(outerCountry, countryField, weight);
            else if (step === 0) {
              for (const inner of within(outer)) {
                for (const other of lexicon.places[inner][0]) reach(other, PLACES, weight);
              }
            }
          });
        }
      }
      return { typed, role: "ranked", alternatives, named: true };
    };
    const wordConcept = (w) => {
      const alternatives = [{ terms: [word(w, typosAllowed(w.length))], fields: ALL, weight: 1, blockers: [] }];
      const id = idLike(w);
      if (id) {
        alternatives.push({ terms: [word(id[0], 0), termOf({ kind: "year", digits: id[1] })], fields: { how: "ids" }, weight: 1, blockers: [] });
      }
      return { typed: w, role: "ranked", alternatives, named: false };
    };
    const compound = (list) => {
      const joined = list.join("");
      return {
        typed: list.join("-"),
        role: "ranked",
        alternatives: [
          { terms: list.map((p) => word(p, 0)), fields: ALL, weight: 1, blockers: [] },
          { terms: [word(joined, typosAllowed(joined.length))], fields: ALL, weight: 1, blockers: [] },
        ],
        named: false,
      };
    };
    const termOfRun = (readings, capitals) => {
      const walk = (at, soFar, corrected) => {
        if (at === readings.length) {
          const term = lexiconTerm(soFar, capitals);
          return term === null ? null : [term, corrected];
        }
        for (let r = 0; r < readings[at].length; r++) {
          const next = soFar + readings[at][r] + " ";
          if (beginsTerm(next)) {
            const found = walk(at + 1, next, corrected || r > 0);
            if (found) return found;
          }
        }
        return null;
      };
      return walk(0, "", false);
    };
    const readRun = (run) => {
      if (run.length === 0) return;
      const flat = [];
      run.forEach((list, item) => list.forEach(([w, capitals]) => flat.push([w, capitals, item])));
      const readings = flat.map(([w]) => {
        const own = stem(w);
        const typos = typosAllowed(w.length);
        if (typos === 0 || filler.has(w) || known.hasStem(own)) return [own];
        return [own, ...known.typoStems(w, typos)];
      });
      const itemStarts = (at) => at === 0 || flat[at - 1][2] !== flat[at][2];
      const itemEnds = (at) => at + 1 === flat.length || flat[at + 1][2] !== flat[at][2];
      const units = [];
      let at = 0;
      while (at < flat.length) {
        let longest = null;
        for (let length = Math.min(rules.longest_term, flat.length - at); length >= 1; length--) {
          const to = at + length;
          if (!itemStarts(at) || !itemEnds(to - 1)) continue;
          const capitals = flat.slice(at, to).every((f) => f[1]);
          const found = termOfRun(readings.slice(at, to), capitals);
          if (found) {
            longest = [found[0], found[1], to];
            break;
          }
        }
        if (longest) {
          units.push({ term: longest[0], from: at, to: longest[2], corrected: longest[1] });
          at = longest[2];
        } else if (run[flat[at][2]].length > 1) {
          const item = flat[at][2];
          units.push({ compound: item });
          while (at < flat.length && flat[at][2] === item) at++;
        } else {
          units.push({ word: at });
          at += 1;
        }
      }
      let previous = null;
      for (const unit of units) {
        let concept;
        if (unit.term !== undefined) {
          const typed = flat.slice(unit.from, unit.to).map((f) => f[0]).join(" ");
          concept = lexiconConcept(typed, unit.term, unit.corrected);
        } else if (unit.compound !== undefined) {
          concept = compound(run[unit.compound].map((p) => p[0]));
        } else {
          const w = flat[unit.word][0];
          if (filler.has(w)) continue;
          concept = wordConcept(w);
        }
        const index = parsed.concepts.length;
        parsed.concepts.push(concept);
        if (previous !== null) {
          parsed.concepts.push({ typed: "", role: "near", pair: [previous, index], alternatives: [], named: false });
        }
        previous = index;
      }
    };
    const textTerm = (atom) => {
      let exact = false;
      let prefix = false;
      let suffix = false;
      if (atom.startsWith("'")) {
        atom = atom.slice(1);
        exact = true;
      }
      if (!exact && atom.startsWith("^")) {
        atom = atom.slice(1);
        prefix = true;
      }
      if (!exact && atom.endsWith("$") && atom.length > 1) {
        atom = atom.slice(0, -1);
        suffix = true;
      }
      const needle = fold(atom);
      if (needle === "") return null;
      const how = prefix && suffix ? "whole" : prefix ? "prefix" : suffix ? "suffix" : "contains";
      return termOf({ kind: "text", how, needle });
    };
    const strict = (group) => {
      const alternatives = [];
      let role = "required";
      for (const item of group) {
        if (item.quoted !== undefined) {
          const list = parts(item.quoted).map((p) => word(p, 0));
          if (list.length > 0) alternatives.push({ terms: list, fields: ALL, weight: 1, blockers: [] });
        } else if (item.strict !== undefined) {
          let atom = item.strict;
          if (group.length === 1 && atom.startsWith("!")) {
            role = "excluded";
            atom = atom.slice(1);
          }
          const term = textTerm(atom);
          if (term !== null) alternatives.push({ terms: [term], fields: ALL, weight: 1, blockers: [] });
        } else if (item.plain) {
          const list = item.plain.length === 1
            ? [word(item.plain[0][0], typosAllowed(item.plain[0][0].length))]
            : item.plain.map((p) => word(p[0], 0));
          alternatives.push({ terms: list, fields: ALL, weight: 1, blockers: [] });
        }
      }
      if (alternatives.length > 0) parsed.concepts.push({ typed: "", role, alternatives, named: false });
    };
    let run = [];
    for (const group of groups) {
      if (group.length === 1 && group[0].plain) {
        run.push(group[0].plain);
      } else {
        readRun(run);
        run = [];
        strict(group);
      }
    }
    readRun(run);
    return parsed;
  }

  // src/search/rank.rs and rank/.
  function isYearEnding(w, digits) {
    const year = w.replace(/[a-z]+$/, "");
    return year.length === 4 && w.length <= 5 && /^\d{4}$/.test(year) && year.endsWith(digits);
  }
  function textOf(work, number) {
    return works[work][number].text;
  }
  function scanText(term, text) {
    const folded = [];
    const from = [];
    Array.from(text).forEach((c, i) => {
      const f = fold(c);
      for (const letter of f) {
        folded.push(letter);
        from.push(i);
      }
    });
    const haystack = folded.join("");
    const needle = term.needle;
    let at = -1;
    if (term.how === "contains") at = haystack.indexOf(needle);
    else if (term.how === "prefix") at = haystack.startsWith(needle) ? 0 : -1;
    else if (term.how === "suffix") at = haystack.endsWith(needle) ? haystack.length - needle.length : -1;
    else at = haystack === needle ? 0 : -1;
    // The char of the text the match starts at.
    return at < 0 ? -1 : from[at];
  }

  function scan(parsed, known, searched, list) {
    const scanned = list.map((work) => ({
      work,
      kinds: works[work].map((f) => [f.kind, f.length]),
      lengths: new Array(fieldRules.length).fill(0),
      occurrences: [],
    }));
    for (const s of scanned) for (const [kind, length] of s.kinds) s.lengths[kind] += length;
    parsed.terms.forEach((term, number) => {
      let found = [];
      if (term.kind === "word") {
        const exact = known.withStem(term.stem);
        if (exact.length === 0 && term.typos > 0) {
          for (const s of known.typoStems(term.typed, term.typos)) {
            for (const id of known.withStem(s)) found.push([id, true]);
          }
        } else {
          found = exact.map((id) => [id, false]);
        }
      } else if (term.kind === "year") {
        for (let id = 0; id < words.length && compare(words[id], "a") < 0; id++) {
          if (isYearEnding(words[id], term.digits)) found.push([id, false]);
        }
      }
      for (const [id, typo] of found) {
        const at = places[id];
        for (let i = 0; i < at.length; i += 3) {
          const place = searched[at[i]];
          if (place !== null) {
            scanned[place].occurrences.push({ term: number, field: at[i + 1], position: at[i + 2], start: -1, typo });
          }
        }
      }
    });
    if (parsed.terms.some((t) => t.kind === "text")) {
      for (const s of scanned) {
        works[s.work].forEach((_, number) => {
          parsed.terms.forEach((term, t) => {
            const start = term.kind === "text" ? scanText(term, textOf(s.work, number)) : -1;
            if (start >= 0) s.occurrences.push({ term: t, field: number, position: -1, start, typo: false });
          });
        });
      }
    }
    return scanned;
  }

  function matches(concept, s) {
    const found = [];
    concept.alternatives.forEach((alternative, number) => {
      const [first, ...rest] = alternative.terms;
      if (first === undefined) return;
      for (const start of s.occurrences) {
        if (start.term !== first) continue;
        const [kind, length] = s.kinds[start.field];
        if (!admits(alternative.fields, kind)) continue;
        let last = start.position;
        let typo = start.typo;
        const inRow = rest.every((term, i) => {
          const next = s.occurrences.find((o) => o.term === term && o.field === start.field && o.position === start.position + 1 + i);
          if (next) {
            last = next.position;
            typo = typo || next.typo;
          }
          return next !== undefined;
        });
        const whole = !fieldRules[kind].code || (start.position === 0 && last + 1 === length);
        const standsAt = (term, position) => s.occurrences.some((o) => o.term === term && o.field === start.field && o.position === position);
        const blocked = alternative.blockers.some(
          ([row, at]) => start.position >= at && row.every((term, i) => standsAt(term, start.position - at + i)),
        );
        if (!inRow || !whole || blocked) continue;
        const candidate = { field: start.field, first: start.position, start: start.start, last, weight: alternative.weight, alternative: number, typo };
        // Once per place: a word's, or a text atom's first char.
        const placed = found.findIndex((m) => m.field === start.field && m.first === start.position && m.start === start.start);
        if (placed < 0) found.push(candidate);
        else if (found[placed].weight < candidate.weight) found[placed] = candidate;
      }
    });
    return found;
  }

  function nearPairs(a, b) {
    const found = [];
    for (const m of a) {
      let best = 0;
      for (const o of b) {
        if (o.field !== m.field || m.first < 0 || o.first < 0) continue;
        let gap;
        let inOrder;
        if (o.first > m.last) {
          gap = o.first - m.last;
          inOrder = true;
        } else if (m.first > o.last) {
          gap = m.first - o.last;
          inOrder = false;
        } else continue;
        const nearness = (inOrder ? 1 : 0.5) / gap;
        if (gap <= rules.near_words) best = Math.max(best, nearness * Math.min(m.weight, o.weight));
      }
      if (best > 0) found.push([m.field, best]);
    }
    return found;
  }

  function idf(n, df) {
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  function bm25f(counts, s, averages) {
    let weighted = 0;
    fieldRules.forEach((rule, kind) => {
      const tf = counts[kind];
      if (tf > 0) {
        const norm = 1 - rule.b + (rule.b * s.lengths[kind]) / Math.max(averages[kind], 1);
        weighted += (rule.weight * tf) / norm;
      }
    });
    return (weighted * (rules.k1 + 1)) / (rules.k1 + weighted);
  }

  // The works of `list` (numbers of works) that are about `query`, best first, with the
  // words asked for that no work has, and what matched where (for marking).
  function run(query, list) {
    const groups = syntax(query);
    if (!asks(groups)) return { hits: [], unknown: [], problem: true };
    const searched = new Array(works.length).fill(null);
    list.forEach((work, place) => {
      searched[work] = place;
    });
    const known = indexOf(searched);
    const parsed = read(groups, known);
    let scanned = scan(parsed, known, searched, list);
    const n = list.length;
    const total = new Array(fieldRules.length).fill(0);
    const having = new Array(fieldRules.length).fill(0);
    for (const s of scanned) {
      s.lengths.forEach((length, kind) => {
        total[kind] += length;
        having[kind] += length > 0 ? 1 : 0;
      });
    }
    const averages = total.map((t, kind) => t / Math.max(having[kind], 1));
    scanned = scanned.filter((s) => s.occurrences.length > 0);
    for (const s of scanned) {
      s.occurrences.sort((a, b) => a.field - b.field || a.position - b.position || a.term - b.term);
    }
    const matched = scanned.map((s) => parsed.concepts.map((c) => matches(c, s)));
    const df = parsed.concepts.map(() => 0);
    const dfMeant = parsed.concepts.map(() => 0);
    for (const perConcept of matched) {
      parsed.concepts.forEach((concept, i) => {
        const found = concept.role === "near"
          ? nearPairs(perConcept[concept.pair[0]], perConcept[concept.pair[1]]).length > 0
          : perConcept[i].length > 0;
        if (found) df[i] += 1;
        if (perConcept[i].some((m) => m.weight >= 1)) dfMeant[i] += 1;
      });
    }
    const idfs = df.map((d, i) => idf(n, dfMeant[i] > 0 ? dfMeant[i] : d));
    const wanted = (c) => c.role === "ranked" || c.role === "required";
    const missing = parsed.concepts.filter((c, i) => c.role === "ranked" && df[i] === 0);
    const knownConcepts = parsed.concepts.map((c, i) => i).filter((i) => wanted(parsed.concepts[i]) && df[i] > 0);
    const aboutNothing = missing.length > 0
      && (knownConcepts.length === 0
        || knownConcepts.every((i) => 2 * df[i] > n)
        || missing.length > knownConcepts.length
        || missing.some((c) => c.named));
    const asked = knownConcepts.reduce((sum, i) => sum + idfs[i], 0);
    const hits = [];
    if (!aboutNothing) {
      scanned.forEach((s, at) => {
        const perConcept = matched[at];
        let share = 0;
        for (let i = 0; i < parsed.concepts.length; i++) {
          const concept = parsed.concepts[i];
          const empty = perConcept[i].length === 0;
          if ((concept.role === "excluded" && !empty) || (concept.role === "required" && empty)) return;
          if (wanted(concept) && !empty) share += idfs[i];
        }
        share = asked > 0 ? share / asked : 1;
        if (share < rules.least_share) return;
        let sum = 0;
        parsed.concepts.forEach((concept, i) => {
          if (concept.role === "excluded") return;
          const groups = [];
          const count = (weight, field, by) => {
            const kind = s.kinds[field][0];
            let group = groups.find((g) => g[0] === weight);
            if (!group) {
              group = [weight, new Array(fieldRules.length).fill(0)];
              groups.push(group);
            }
            group[1][kind] += by;
          };
          if (concept.role === "near") {
            for (const [field, nearness] of nearPairs(perConcept[concept.pair[0]], perConcept[concept.pair[1]])) {
              count(1, field, nearness);
            }
          } else {
            for (const m of perConcept[i]) count(m.weight, m.field, 1);
          }
          if (groups.length === 0) return;
          const weightOf = concept.role === "near"
            ? rules.nearness * Math.min(idfs[i], Math.max(idfs[concept.pair[0]], idfs[concept.pair[1]]))
            : idfs[i];
          const best = groups.reduce((b, [weight, counts]) => Math.max(b, weight * bm25f(counts, s, averages)), 0);
          sum += weightOf * best;
        });
        const score = sum * (0.5 + 0.5 * share);
        const matchedWords = [];
        parsed.concepts.forEach((concept, i) => {
          if (!wanted(concept)) return;
          for (const m of perConcept[i]) matchedWords.push(m);
        });
        hits.push({ work: s.work, order: searched[s.work], score, matches: matchedWords });
      });
    }
    hits.sort((a, b) => rank(b.score) - rank(a.score) || a.order - b.order);
    return { hits, unknown: missing.map((c) => c.typed), problem: false };
  }

  // Scores compared as `find` compares them: to nine places, so that the last bit of a
  // logarithm, which JavaScript and Rust may round apart, never reorders works.
  function rank(score) {
    return Math.round(score * 1e9);
  }

  return {
    run,
    stem,
    tokens,
  };
}

if (typeof module !== "undefined") module.exports = splwSearch;
