// splw page: search, filters, orders, citation styles, copy buttons, downloads, and the contents
// and evidence map as buttons, over the data splw embeds in the page (#splw_data). Everything
// works without this script; it only adds. It formats nothing: every citation, record and order
// is splw's own.
"use strict";

(function () {
  const data = JSON.parse(document.getElementById("splw_data").textContent);
  const works = data.works;
  const index = data.index;
  const stems = index.stems;
  const postings = index.postings;
  const vocabulary = Object.entries(index.words);
  const stemOf = new Map(vocabulary);
  const stopWords = new Set(index.stop_words);

  const form = document.getElementById("page_filters");
  const search = document.getElementById("page_q");
  const count = document.getElementById("page_count");
  const styleMenu = document.getElementById("page_style");
  const listed = document.getElementById("f_listed");
  const more = document.getElementById("page_more");
  const folded = document.getElementById("page_contents_fold");
  const selects = {
    topic: document.getElementById("f_topic"),
    from: document.getElementById("f_from"),
    to: document.getElementById("f_to"),
    kind: document.getElementById("f_kind"),
    design: document.getElementById("f_design"),
    country: document.getElementById("f_country"),
    access: document.getElementById("f_access"),
    sort: document.getElementById("f_sort"),
  };

  // Each work's element, and the pointers to it from the other section that lists it.
  const articles = [];
  const pointers = [];
  const articleAt = [];
  for (const element of document.querySelectorAll("[data-place]")) {
    const place = Number(element.dataset.place);
    (element.tagName === "ARTICLE" ? articles : pointers).push([place, element]);
    if (element.tagName === "ARTICLE") articleAt[place] = element;
  }
  // Each section, with the places of the works in it, what it holds in the brief's order, and
  // its line in the contents (the contents lists the sections in the same order).
  const lines = document.querySelectorAll("#page_contents li[data-count]");
  const groups = Array.from(document.querySelectorAll(".works .group"), (group, n) => ({
    group,
    places: Array.from(group.querySelectorAll("[data-place]"), (element) => Number(element.dataset.place)),
    children: Array.from(group.children),
    line: lines[n],
  }));

  // Words as `splw find` folds them: lowercase ASCII letters and digits, accents and
  // apostrophes dropped, hyphenated parts joined ("well-being": "wellbeing").
  // Letters that decomposing leaves whole, spelt as splw spells them (after deunicode).
  const spelt = { ß: "ss", ø: "o", ł: "l", æ: "ae", œ: "oe", đ: "d", ð: "d", þ: "th", ı: "i" };
  function fold(word) {
    return word
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[ßøłæœđðþı]/g, (letter) => spelt[letter])
      .replace(/[^a-z0-9]/g, "");
  }

  function typosAllowed(letters) {
    return index.typos[Math.min(letters, index.typos.length - 1)];
  }

  // The optimal string alignment distance between a and b, or max + 1 once it is over max.
  // Three rows, kept between calls: a keystroke compares the word with every word of the brief.
  let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    const n = b.length;
    if (rows[0].length <= n) rows = rows.map(() => new Int32Array(n + 1));
    let [before, previous, current] = rows;
    for (let j = 0; j <= n; j++) previous[j] = j;
    for (let i = 1; i <= a.length; i++) {
      const x = a.charCodeAt(i - 1);
      current[0] = i;
      let best = i;
      for (let j = 1; j <= n; j++) {
        const y = b.charCodeAt(j - 1);
        let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x === y ? 0 : 1));
        if (i > 1 && j > 1 && x === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === y) {
          d = Math.min(d, before[j - 2] + 1);
        }
        current[j] = d;
        if (d < best) best = d;
      }
      if (best > max) return max + 1;
      [before, previous, current] = [previous, current, before];
    }
    return previous[n];
  }

  // The stems a query word stands for: the word's own, as splw stemmed it; or a stem it
  // starts with ("lonely": "lone"); as typed so far, the stems of words it begins; and where
  // nothing has it, the words a typo or two away ("lonliness": "loneliness").
  function stemsOf(word, typing) {
    const found = new Set();
    if (stemOf.has(word)) {
      found.add(stemOf.get(word));
    } else {
      stems.forEach((stem, s) => {
        if (stem.length >= 4 && word.startsWith(stem) && word.length - stem.length <= 3) {
          found.add(s);
        }
      });
    }
    if (typing) {
      for (const [known, s] of vocabulary) {
        if (known.startsWith(word)) found.add(s);
      }
    }
    const typos = typosAllowed(word.length);
    if (found.size === 0 && typos > 0) {
      for (const [known, s] of vocabulary) {
        if (distance(word, known, typos) <= typos) found.add(s);
      }
    }
    return found;
  }

  // The works that hold every word of the query (common words aside), or null for no query.
  function searched(query) {
    const typing = !/\s$/.test(query);
    // Words are split at anything but letters, digits, apostrophes and hyphens, which join.
    const words = query
      .split(/[^\p{L}\p{N}'’-]+/u)
      .map(fold)
      .filter((word) => word && !stopWords.has(word));
    if (words.length === 0) return null;
    let matching = null;
    words.forEach((word, n) => {
      const holding = new Set();
      for (const s of stemsOf(word, typing && n === words.length - 1)) {
        for (const place of postings[s]) holding.add(place);
      }
      matching = matching === null ? holding : new Set([...matching].filter((p) => holding.has(p)));
    });
    return matching;
  }

  function state() {
    const params = new URLSearchParams();
    if (search.value.trim()) params.set("q", search.value);
    for (const [name, select] of Object.entries(selects)) {
      if (select && select.value) params.set(name, select.value);
    }
    if (listed.checked) params.set("listed", "1");
    if (styleMenu.value !== styleMenu.options[0].value) params.set("style", styleMenu.value);
    return params;
  }

  function restore(params) {
    search.value = params.get("q") || "";
    for (const [name, select] of Object.entries(selects)) {
      if (!select) continue;
      const value = params.get(name) || "";
      select.value = Array.from(select.options).some((o) => o.value === value) ? value : "";
    }
    listed.checked = params.get("listed") === "1";
    const style = params.get("style");
    const known = Array.from(styleMenu.options).some((o) => o.value === style);
    styleMenu.value = known ? style : styleMenu.options[0].value;
    // A view that sets one of the further filters shows them.
    if (Array.from(more.querySelectorAll("select")).some((s) => s.value) || listed.checked) more.open = true;
  }

  function holds(work, params, matching, place) {
    if (matching && !matching.has(place)) return false;
    const topic = params.get("topic");
    if (topic && !(listed.checked ? work.listed : work.topics).includes(topic)) return false;
    const from = Number(params.get("from") || -Infinity);
    const to = Number(params.get("to") || Infinity);
    if ((params.has("from") || params.has("to")) && (work.year === null || work.year < from || work.year > to)) {
      return false;
    }
    if (params.has("kind") && work.kind !== params.get("kind")) return false;
    const design = params.get("design");
    if (design && !(design === "none" ? work.design.length === 0 : work.design.includes(design))) {
      return false;
    }
    const country = params.get("country");
    if (country && !(country === "none" ? work.country.length === 0 : work.country.includes(country))) {
      return false;
    }
    if (params.has("access") && work.access !== params.get("access")) return false;
    return true;
  }

  // The order to list the works in: the chosen sort's (places, first to last, as splw sorted
  // them), or null for the brief's own, by section. A search that ranks what it finds gives its
  // order here while there is a query and no other order is chosen.
  function ordering(params) {
    return data.orders[params.get("sort")] || null;
  }

  // Lists the works in `order` in one list without the sections, or with null, back under the
  // brief's sections: the elements move, so that reading and Tab go in the order shown.
  const sorted = document.getElementById("page_sorted");
  let arranged = null;
  function arrange(order) {
    if (order === arranged) return;
    if (order === null) {
      for (const { group, children } of groups) group.append(...children);
    } else {
      const list = document.createDocumentFragment();
      for (const place of order) if (articleAt[place]) list.append(articleAt[place]);
      sorted.append(list);
    }
    sorted.hidden = order === null;
    arranged = order;
  }

  let shown = works.map(() => true);

  function apply() {
    const params = state();
    const matching = searched(search.value);
    shown = works.map((work, place) => holds(work, params, matching, place));
    arrange(ordering(params));
    for (const [place, element] of articles.concat(pointers)) {
      if (element.hidden === shown[place]) element.hidden = !shown[place];
    }
    let pressed = null;
    for (const { group, places, line } of groups) {
      const hidden = arranged !== null || !places.some((place) => shown[place]);
      if (group.hidden !== hidden) group.hidden = hidden;
      if (listed.checked && line && line.dataset.topic === selects.topic.value) pressed = line;
    }
    pressLine(pressed);
    const total = shown.filter(Boolean).length;
    count.textContent = total === works.length
      ? `${works.length} ${works.length === 1 ? "work" : "works"}`
      : `${total} of ${works.length} works shown`;
    foldContents(search.value.trim() !== "");
    const hash = params.toString();
    if (hash || location.hash.includes("=")) {
      history.replaceState(null, "", hash ? `#${hash}` : location.pathname + location.search);
    }
  }

  // While there is a search, the contents folds, so that what it finds stands under the search
  // box; after, it is as it was.
  let unfolded = null;
  function foldContents(narrowed) {
    if (narrowed && unfolded === null) {
      unfolded = folded.open;
      folded.open = false;
    } else if (!narrowed && unfolded !== null) {
      folded.open = unfolded;
      unfolded = null;
    }
  }

  function applyStyle() {
    const style = styleMenu.value;
    const label = styleMenu.options[styleMenu.selectedIndex].text;
    for (const reference of document.querySelectorAll(".reference")) {
      reference.hidden = reference.dataset.style !== style;
    }
    for (const name of document.querySelectorAll(".style-name")) name.textContent = label;
  }

  // Copying: the rich reference (italics, links) for Word and Google Docs, and plain text.
  const announcer = document.getElementById("page_copied");
  let quiet = 0;
  function announce(text) {
    announcer.textContent = text;
    clearTimeout(quiet);
    quiet = setTimeout(() => {
      announcer.textContent = "";
    }, 4000);
  }

  function copyByHand(text) {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "visually-hidden";
    document.body.append(area);
    area.select();
    const copied = document.execCommand("copy");
    area.remove();
    return copied;
  }

  async function copy(html, text, what) {
    try {
      if (window.ClipboardItem && navigator.clipboard && navigator.clipboard.write) {
        await navigator.clipboard.write([
          new ClipboardItem({
            "text/html": new Blob([html], { type: "text/html" }),
            "text/plain": new Blob([text], { type: "text/plain" }),
          }),
        ]);
      } else {
        await navigator.clipboard.writeText(text);
      }
      announce(`Copied ${what}.`);
    } catch (error) {
      announce(copyByHand(text) ? `Copied ${what}.` : `Could not copy: select the text and copy it.`);
    }
  }

  function escapeHtml(text) {
    const holder = document.createElement("span");
    holder.textContent = text;
    return holder.innerHTML;
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-copy]");
    if (!button) return;
    const article = button.closest("article");
    const work = works[Number(article.dataset.place)];
    const style = styleMenu.value;
    const at = data.styles.indexOf(style);
    const label = styleMenu.options[styleMenu.selectedIndex].text;
    const inText = work.in_text[at];
    if (button.dataset.copy === "reference") {
      // The reference as splw rendered it: its markup for Word, its text for everything else.
      const reference = article.querySelector(`.reference[data-style="${style}"]`);
      copy(reference.innerHTML, reference.textContent, `the ${label} reference for ${work.id}`);
    } else {
      copy(escapeHtml(inText), inText, `the ${label} in-text citation ${inText}`);
    }
  });

  // Downloads of what is shown, made when asked for, from records read only then: a large
  // brief's are most of its page.
  let records = null;
  const downloads = {
    "dl_bibtex": ["application/x-bibtex", (cited) => cited.map((c) => c.bibtex).join("\n")],
    "dl_ris": ["application/x-research-info-systems", (cited) => cited.map((c) => c.ris).join("")],
    "dl_csl": ["application/vnd.citationstyles.csl+json", (cited) => `${JSON.stringify(cited.map((c) => c.csl), null, 2)}\n`],
  };
  for (const [id, [type, file]] of Object.entries(downloads)) {
    document.getElementById(id).addEventListener("click", (event) => {
      records = records || JSON.parse(document.getElementById("splw_records").textContent);
      const cited = records.filter((record, place) => shown[place] && record);
      if (cited.length === 0) {
        event.preventDefault();
        announce("Nothing shown to download: no work, or only signposts.");
        return;
      }
      event.currentTarget.href = `data:${type};charset=utf-8,${encodeURIComponent(file(cited))}`;
    });
  }

  // The evidence map: each count a button that lists its works.
  const designs = Array.from(document.querySelectorAll(".map thead th"), (th) => th.textContent);
  for (const cell of document.querySelectorAll(".map td[data-count]")) {
    const n = Number(cell.dataset.count);
    if (n === 0) continue;
    const topic = cell.parentElement.firstElementChild.textContent;
    const design = designs[cell.cellIndex];
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = String(n);
    button.setAttribute("aria-label", `${n} ${n === 1 ? "work" : "works"}: ${topic}, ${design}`);
    button.addEventListener("click", () => {
      form.reset();
      selects.topic.value = cell.dataset.topic || "";
      selects.design.value = cell.dataset.design || "";
      if (cell.dataset.design) more.open = true;
      apply();
      showCount();
    });
    cell.textContent = "";
    cell.append(button);
  }

  // After a button changed what is shown: the count of it, at the top of the screen.
  function showCount() {
    document.getElementById("page_tools").scrollIntoView();
    count.setAttribute("tabindex", "-1");
    count.focus();
  }

  // The contents: each section's count a button that shows only the works the brief lists in
  // it, or pressed again, all of them.
  function markLine(line, pressed) {
    const button = line.querySelector("button");
    const n = line.dataset.count;
    const what = `${line.firstElementChild.textContent}: ${n} ${n === "1" ? "work" : "works"}`;
    button.setAttribute("aria-pressed", String(pressed));
    button.setAttribute("aria-label", `${pressed ? "Show all works, not only" : "Show only"} ${what}`);
  }
  // The line whose section alone is shown, pressed.
  let pressedLine = null;
  function pressLine(line) {
    if (line === pressedLine) return;
    if (pressedLine) markLine(pressedLine, false);
    if (line) markLine(line, true);
    pressedLine = line;
  }
  for (const line of lines) {
    if (!line.dataset.topic) continue;
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = line.dataset.count;
    line.querySelector(".n").replaceChildren(button);
    markLine(line, false);
    button.addEventListener("click", () => {
      const pressed = button.getAttribute("aria-pressed") === "true";
      selects.topic.value = pressed ? "" : line.dataset.topic;
      listed.checked = !pressed;
      apply();
      showCount();
    });
  }
  // A section's link lists the works by section again, so that its heading is there to go to.
  document.getElementById("page_contents").addEventListener("click", (event) => {
    if (event.target.closest("a") && selects.sort.value) {
      selects.sort.value = "";
      apply();
    }
  });

  let pending = 0;
  function soon() {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(apply);
  }
  form.addEventListener("input", soon);
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("reset", () => setTimeout(apply));
  styleMenu.addEventListener("change", () => {
    applyStyle();
    apply();
  });
  window.addEventListener("hashchange", () => {
    if (!location.hash.includes("=")) return;
    restore(new URLSearchParams(location.hash.slice(1)));
    applyStyle();
    apply();
  });

  for (const element of document.querySelectorAll("#page_tools, .copy, .js-only")) {
    element.hidden = false;
  }
  // The contents stands open where there is room, or where a link points into it; the further
  // filters where a shared view sets some.
  const wide = window.matchMedia("(min-width: 40rem)").matches;
  const target = location.hash.length > 1 && !location.hash.includes("=")
    ? document.getElementById(decodeURIComponent(location.hash.slice(1)))
    : null;
  more.open = false;
  folded.open = (folded.open && wide) || (target !== null && folded.contains(target));
  if (location.hash.includes("=")) restore(new URLSearchParams(location.hash.slice(1)));
  applyStyle();
  apply();
  // The controls shown above moved what a link to a work or section points at: back to it.
  if (target) target.scrollIntoView();
})();
