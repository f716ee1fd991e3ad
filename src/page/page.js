// splw page: search, filters, orders, citation styles, copy buttons, downloads, and the contents
// and evidence map as buttons, over the data splw embeds in the page (#splw_data). Everything
// works without this script; it only adds. It formats nothing: every citation, record and order
// is splw's own, and it ranks as `splw find` does, by search.js, which comes before it in the
// page's script.
"use strict";

(function () {
  const data = JSON.parse(document.getElementById("splw_data").textContent);
  const works = data.works;
  // The search `splw find` runs, over the page's works (search.js).
  const ranking = splwSearch(data.search);

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

  // Each work's title and abstract, as the page shows them, for marking what matched.
  const titleOf = new Map(articles.map(([place, element]) => [place, element.querySelector("h4")]));
  const abstractOf = new Map(
    articles.map(([place, element]) => [place, Array.from(element.querySelectorAll("details.abstract p, details.abstract li"))]),
  );
  const original = new Map();
  for (const elements of [...titleOf.values()].map((t) => [t]).concat([...abstractOf.values()])) {
    for (const element of elements) original.set(element, element.textContent);
  }

  // An element's text with the chars of `ranges` (sorted [from, to) pairs) marked.
  function mark(element, ranges) {
    const text = original.get(element);
    if (ranges.length === 0) {
      if (element.children.length > 0 || element.textContent !== text) element.textContent = text;
      return;
    }
    const chars = Array.from(text);
    const pieces = document.createDocumentFragment();
    let at = 0;
    for (const [from, to] of ranges) {
      if (from < at) continue;
      if (from > at) pieces.append(chars.slice(at, from).join(""));
      const marked = document.createElement("mark");
      marked.textContent = chars.slice(from, to).join("");
      pieces.append(marked);
      at = to;
    }
    if (at < chars.length) pieces.append(chars.slice(at).join(""));
    element.replaceChildren(pieces);
  }

  // The chars of a field's text that a hit matched: each matched word's.
  function matchedChars(hit, name) {
    const fields = data.search.works[hit.work];
    const number = fields.findIndex(([kind]) => data.search.rules.fields[kind].name === name);
    if (number < 0) return { text: "", ranges: [] };
    const text = fields[number][1];
    const spans = hit.matches.filter((m) => m.field === number);
    const ranges = ranking
      .tokens(text)
      .filter((t) => !t.joined && spans.some((m) => t.position >= m.first && t.position <= m.last))
      .map((t) => t.chars);
    return { text, ranges };
  }

  // Marks what a hit matched in its work's title and abstract; with no hit, clears them.
  function markWork(place, hit) {
    const title = hit ? matchedChars(hit, "Title").ranges : [];
    mark(titleOf.get(place), title);
    const { text, ranges } = hit ? matchedChars(hit, "Abstract") : { text: "", ranges: [] };
    // Each paragraph of the abstract where it stands in the abstract's text.
    const chars = Array.from(text).join("");
    let cursor = 0;
    for (const paragraph of abstractOf.get(place)) {
      const own = original.get(paragraph);
      const at = ranges.length === 0 ? -1 : chars.indexOf(own, cursor);
      if (at < 0) {
        mark(paragraph, []);
        continue;
      }
      const from = Array.from(chars.slice(0, at)).length;
      const length = Array.from(own).length;
      cursor = at + own.length;
      mark(
        paragraph,
        ranges.filter(([a, b]) => a >= from && b <= from + length).map(([a, b]) => [a - from, b - from]),
      );
    }
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

  function holds(work, params) {
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
  // them); else, while there is a search, what it finds best first, as `splw find` ranks it; or
  // null for the brief's own, by section.
  function ordering(params, found) {
    return data.orders[params.get("sort")] || (found ? found.hits.map((hit) => hit.work) : null);
  }

  // Lists the works in `order` in one list without the sections, under a heading that says what
  // the order is, or with null, back under the brief's sections: the elements move, so that
  // reading and Tab go in the order shown.
  const sorted = document.getElementById("page_sorted");
  const sortedHeading = document.createElement("h3");
  sortedHeading.id = "page_sorted_h";
  sorted.setAttribute("aria-labelledby", sortedHeading.id);
  sorted.prepend(sortedHeading);
  let arranged = null;
  function arrange(order, heading) {
    sortedHeading.textContent = heading;
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
    const filtered = [];
    works.forEach((work, place) => {
      if (holds(work, params)) filtered.push(place);
    });
    const query = search.value.trim();
    const found = query === "" ? null : ranking.run(query, filtered);
    shown = works.map(() => false);
    for (const place of found ? found.hits.map((hit) => hit.work) : filtered) shown[place] = true;
    const order = ordering(params, found);
    const sortName = selects.sort.options[selects.sort.selectedIndex].text;
    arrange(order, data.orders[params.get("sort")]
      ? (found ? `Found for “${query}”, ${sortName.toLowerCase()}` : sortName)
      : `Found for “${query}”, best first`);
    const hitOf = new Map(found ? found.hits.map((hit) => [hit.work, hit]) : []);
    for (const [place, element] of articles) {
      if (element.hidden === shown[place]) element.hidden = !shown[place];
      markWork(place, hitOf.get(place));
    }
    for (const [place, element] of pointers) {
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
    let status = total === works.length && !found
      ? `${works.length} ${works.length === 1 ? "work" : "works"}`
      : `${total} of ${works.length} works shown`;
    if (found && found.problem) {
      status = "Give a word that says what you are looking for: question and filler words never decide.";
    } else if (found && total === 0) {
      status = `Nothing in the brief is about “${query}”.`;
    } else if (found && found.unknown.length > 0) {
      status += `, best first; no work has ${found.unknown.map((w) => `“${w}”`).join(" or ")}, so the rest of the search ranked them`;
    } else if (found && !data.orders[params.get("sort")]) {
      status += ", best first";
    }
    count.textContent = status;
    foldContents(query !== "");
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
