// Drives headless Chromium (through puppeteer-core, which downloads no browser) over pages that
// `splw page` wrote, and prints what it saw as JSON for tests/page.rs to judge.
//
//   node browser.js check PAGE HOSTILE LIST         the report (see `check` below); LIST is a
//                                                   reading list, printed to PDF
//   node browser.js screenshots PAGE.html DIR       PNGs at 1280 and 375 px, with and without JS
//   node browser.js validate PAGE.html...           html-validate's recommended rules: problems
//   node browser.js speed PAGE.html                 load time, and each keystroke's search and
//                                                   redraw, in ms (benches/page.sh)
//   node browser.js agree PAGE.html QUERIES.json    for each search (a query, and filters as
//                                                   the page's address names them), the works
//                                                   the page shows, in order, and its status
//
// The pages are served from 127.0.0.1 (a secure context, as the clipboard needs) and every other
// request is refused and recorded: the page must need nothing from the network.
"use strict";

const { execFileSync } = require("child_process");
const fs = require("fs");
const http = require("http");
const path = require("path");
const puppeteer = require("puppeteer-core");

const executablePath = process.env.SPLW_CHROMIUM || "/usr/bin/chromium";

// Where it got to, on stderr: a test that fails says which step.
function step(what) {
  process.stderr.write(`browser.js: ${what}\n`);
}

function serve(files) {
  const server = http.createServer((request, response) => {
    const file = files[request.url.split("#")[0]];
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => resolve(server));
  });
}

// A page that refuses, and records, any request but the page itself, and records errors.
async function open(browser, url, { javascript = true, width = 1280, height = 900 } = {}) {
  const page = await browser.newPage();
  const seen = { requests: [], errors: [], dialogs: [] };
  await page.setViewport({ width, height });
  await page.setJavaScriptEnabled(javascript);
  await page.setRequestInterception(true);
  const own = url.split("#")[0];
  page.on("request", (request) => {
    if (request.url().split("#")[0] === own) {
      request.continue();
    } else {
      seen.requests.push(request.url());
      request.abort();
    }
  });
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warn") seen.errors.push(message.text());
  });
  page.on("pageerror", (error) => seen.errors.push(String(error)));
  page.on("dialog", (dialog) => {
    seen.dialogs.push(dialog.message());
    dialog.dismiss();
  });
  // No time limit: a page of 10,000 works (benches) takes a while.
  await page.goto(url, { waitUntil: "load", timeout: 0 });
  return { page, seen };
}

async function axe(page) {
  const source = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  await page.evaluate(source);
  const results = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } }),
  );
  return results.violations.map((v) => `${v.id}: ${v.nodes.length} (${v.nodes[0].target.join(" ")})`);
}

function shownIds(page) {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll("article.work"))
      .filter((a) => a.checkVisibility())
      .map((a) => a.id),
  );
}

// Where a work or a section's heading stands from the top of the screen.
function top(page, id) {
  return page.evaluate((id) => Math.round(document.getElementById(id).getBoundingClientRect().top), id);
}

function wait(ms) {
  return new Promise((done) => setTimeout(done, ms));
}

// The text of each page of a PDF, as pdftotext reads it, or null without pdftotext.
function pdfPages(pdf) {
  try {
    return execFileSync("pdftotext", ["-layout", "-", "-"], { input: pdf, encoding: "utf8" }).split("\f").slice(0, -1);
  } catch (error) {
    if (error.code === "ENOENT") return null;
    throw error;
  }
}

async function check(pageFile, hostileFile, listFile) {
  const server = await serve({ "/page.html": pageFile, "/hostile.html": hostileFile, "/list.html": listFile });
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await puppeteer.launch({ executablePath, headless: true, args: ["--no-sandbox"] });
  const report = {};
  try {
    step("without JavaScript");
    // Without JavaScript: every work is there and shown; the script's controls are not. (axe
    // needs timers, which do not run without JavaScript: it checks the page with it, below.)
    {
      const { page, seen } = await open(browser, `${base}/page.html`, { javascript: false });
      report.without_js = {
        works: await page.$$eval("article.work", (all) => all.length),
        shown: (await shownIds(page)).length,
        tools_shown: await page.$eval("#page_tools", (t) => t.checkVisibility()),
        requests: seen.requests,
      };
      // The contents: each link shown, and what it leads to (a section's heading, which links
      // back to its line).
      report.contents = await page.$$eval("#page_contents a", (links) =>
        links.map((link) => {
          const to = document.getElementById(link.getAttribute("href").slice(1));
          const back = to && to.querySelector("a.back");
          return {
            href: link.getAttribute("href"),
            text: link.textContent,
            shown: link.checkVisibility(),
            to: to && `${to.tagName.toLowerCase()} ${to.textContent}`,
            back: back && back.getAttribute("href"),
            line: link.parentElement.id,
            count: link.parentElement.dataset.count || null,
          };
        }),
      );
      await page.close();
    }

    step("where the search is");
    // The search box and the main filters, in the first screen at 1280 and 375 pixels wide.
    report.positions = {};
    for (const width of [1280, 375]) {
      const { page: wide } = await open(browser, `${base}/page.html`, { width, height: 900 });
      report.positions[width] = await wide.evaluate(() =>
        Object.fromEntries(
          ["page_q", "f_topic", "f_from", "f_to", "f_sort"].map((id) => [id, Math.round(document.getElementById(id).getBoundingClientRect().bottom)]),
        ),
      );
      await wide.close();
    }

    step("links land where they point");
    // A link to a work or a section, opened with and without JavaScript: where its target stands
    // 300 ms after the page has loaded, and a second later.
    report.landing = {};
    for (const javascript of [false, true]) {
      for (const id of ["foster-2021", "loneliness"]) {
        const { page: at } = await open(browser, `${base}/page.html#${id}`, { javascript });
        await wait(300);
        const soon = await top(at, id);
        await wait(1000);
        report.landing[`#${id}${javascript ? "" : " without JavaScript"}`] = [soon, await top(at, id)];
        await at.close();
      }
    }
    const { page, seen } = await open(browser, `${base}/page.html`);
    const origin = new URL(base).origin;
    await browser.defaultBrowserContext().overridePermissions(origin, ["clipboard-read", "clipboard-write", "clipboard-sanitized-write"]);
    report.loaded = { count: await page.$eval("#page_count", (c) => c.textContent), axe: await axe(page) };

    step("the contents");
    // A line of the contents, followed: its heading at the top of the screen at once; and back.
    await page.click('#page_contents a[href="#workforce"]');
    await wait(50);
    report.followed = { heading: await top(page, "workforce") };
    await page.click("#workforce a.back");
    await wait(50);
    report.followed.line = await top(page, "c_workforce");
    // A line's count, pressed, shows only the works the brief lists in its section.
    await page.click("#c_loneliness button");
    await page.waitForFunction(() => location.hash.includes("topic=loneliness"));
    report.section = {
      hash: new URL(page.url()).hash,
      shown: await shownIds(page),
      pressed: await page.$eval("#c_loneliness button", (b) => b.getAttribute("aria-pressed")),
    };
    await page.click("#c_loneliness button");
    await page.waitForFunction(() => !location.hash.includes("topic="));
    report.section.again = (await shownIds(page)).length;

    step("the orders");
    // Newest first and by author: the works in one list, in that order, kept in the address.
    const arrangement = () =>
      page.$$eval(".works .group", (all) =>
        all.map((g) => `${g.querySelector("h3").id}: ${Array.from(g.querySelectorAll("article.work"), (a) => a.id).join(" ")}`),
      );
    report.sort = { before: await arrangement() };
    for (const order of ["newest", "author"]) {
      await page.click("#page_clear");
      await page.select("#f_sort", order);
      await page.waitForFunction((order) => location.hash.includes(`sort=${order}`), {}, order);
      const address = page.url();
      const reopened = await open(browser, address);
      report.sort[order] = {
        hash: new URL(address).hash,
        shown: await shownIds(page),
        sections_shown: await page.$$eval(".works .group", (all) => all.filter((g) => g.checkVisibility()).length),
        reopened: await shownIds(reopened.page),
      };
      await reopened.page.close();
    }
    // Back to the brief's order: its sections again, each work in its own.
    await page.select("#f_sort", "");
    await page.waitForFunction(() => !location.hash.includes("sort="));
    report.sort.brief = await arrangement();

    step("a misspelt word");
    // A misspelt word narrows the list.
    await page.type("#page_q", "lonliness ");
    await page.waitForFunction(() => document.querySelector("#page_count").textContent.includes(" of "));
    report.typo = { count: await page.$eval("#page_count", (c) => c.textContent), shown: await shownIds(page) };

    step("a filter");
    // A filter, and its state in the address, which opens the same view elsewhere.
    await page.click("#page_clear");
    await page.select("#f_kind", "report");
    await page.waitForFunction(() => location.hash.includes("kind=report"));
    const filtered = page.url();
    report.filter = {
      hash: new URL(filtered).hash,
      count: await page.$eval("#page_count", (c) => c.textContent),
      shown: await shownIds(page),
    };
    const other = await open(browser, filtered);
    report.filter.reopened = {
      count: await other.page.$eval("#page_count", (c) => c.textContent),
      shown: await shownIds(other.page),
      kind: await other.page.$eval("#f_kind", (s) => s.value),
    };
    await other.page.close();

    step("the BibTeX download");
    // The BibTeX download of what is shown.
    report.download = await page.evaluate(() => {
      const files = {};
      for (const format of ["bibtex", "ris", "csl"]) {
        const link = document.getElementById(`dl_${format}`);
        link.addEventListener("click", (event) => event.preventDefault(), { once: true });
        link.click();
        files[format] = decodeURIComponent(link.href.slice(link.href.indexOf(",") + 1));
      }
      return files;
    });

    step("a copy button");
    // A copy button, in APA, puts the reference on the clipboard.
    await page.click("#page_clear");
    await page.select("#page_style", "apa");
    await page.click("#kiely-2022 button[data-copy=reference]");
    await page.waitForFunction(() => document.getElementById("page_copied").textContent !== "");
    report.copy = {
      clipboard: await page.evaluate(() => navigator.clipboard.readText()),
      announced: await page.$eval("#page_copied", (c) => c.textContent),
    };
    await page.click("#kiely-2022 button[data-copy=in-text]");
    await page.waitForFunction(() => document.getElementById("page_copied").textContent.includes("in-text"));
    report.copy.in_text = await page.evaluate(() => navigator.clipboard.readText());

    step("the evidence map");
    // The evidence map: a click lists the works of its cell.
    await page.click("#page_clear");
    await page.click('td[data-topic="loneliness"] button');
    await page.waitForFunction(() => location.hash.includes("topic=loneliness"));
    report.map = { hash: new URL(page.url()).hash, shown: await shownIds(page) };
    step("the keyboard");
    await page.click("#page_clear");
    await page.goto(`${base}/page.html#top`);
    await page.goto(`${base}/page.html`);
    // The further filters, folded at first, opened.
    await page.evaluate(() => { document.getElementById("page_more").open = true; });
    const reached = new Set();
    const unmarked = new Set();
    // Through the works to the map, after them, and a little way into it.
    for (let i = 0, after = 0; i < 1000 && after < 10; i++, after += reached.has("map button") ? 1 : 0) {
      await page.keyboard.press("Tab");
      const focused = await page.evaluate(() => {
        const element = document.activeElement;
        const style = getComputedStyle(element);
        const kind = element.dataset.copy
          ? `copy ${element.dataset.copy}`
          : element.closest("td") ? "map button" : element.closest("#page_contents li") && element.tagName === "BUTTON" ? "contents button" : null;
        return {
          what: element.id ? `#${element.id}` : kind || `${element.tagName.toLowerCase()} ${element.textContent.trim().slice(0, 30)}`,
          marked: style.outlineStyle !== "none" || style.boxShadow !== "none",
        };
      });
      reached.add(focused.what);
      if (!focused.marked) unmarked.add(focused.what);
    }
    report.keyboard = { reached: Array.from(reached), unmarked: Array.from(unmarked) };

    step("dark, narrow and printed");
    await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "dark" }]);
    report.dark_axe = await axe(page);
    await page.emulateMediaFeatures([]);
    await page.setViewport({ width: 320, height: 800 });
    report.narrow = await page.evaluate(() => document.documentElement.scrollWidth);
    await page.emulateMediaType("print");
    report.print = await page.evaluate(() => ({
      hidden: ["#page_tools", "#page_contents", ".map", ".copy", "details"].filter((s) => !document.querySelector(s).checkVisibility()),
      works: Array.from(document.querySelectorAll("article.work")).filter((a) => a.checkVisibility()).length,
    }));
    report.requests = seen.requests;
    report.errors = seen.errors;
    await page.close();

    step("a reading list on paper");
    // A reading list printed on A4, as each page's text.
    const list = await open(browser, `${base}/list.html`);
    report.printed = pdfPages(await list.page.pdf({ format: "A4" }));
    await list.page.close();

    step("a hostile brief");
    // A hostile brief: its markup is text, and nothing of it runs.
    const hostile = await open(browser, `${base}/hostile.html`);
    report.hostile = {
      dialogs: hostile.seen.dialogs,
      errors: hostile.seen.errors,
      requests: hostile.seen.requests,
      pwned: await hostile.page.evaluate(() => window.pwned === true),
      count: await hostile.page.$eval("#page_count", (c) => c.textContent),
      tools_shown: await hostile.page.$eval("#page_tools", (t) => t.checkVisibility()),
      title: await hostile.page.$eval("article.work h4", (h) => h.textContent),
      scripts: await hostile.page.$$eval("script", (all) => all.length),
      images: await hostile.page.$$eval("img", (all) => all.length),
    };
  } finally {
    await browser.close();
    server.close();
  }
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

async function screenshots(pageFile, dir) {
  const server = await serve({ "/page.html": pageFile });
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await puppeteer.launch({ executablePath, headless: true, args: ["--no-sandbox"] });
  try {
    for (const width of [1280, 375]) {
      for (const javascript of [true, false]) {
        const { page } = await open(browser, `${base}/page.html`, { javascript, width, height: 900 });
        const name = `page-${width}${javascript ? "" : "-nojs"}`;
        await page.screenshot({ path: path.join(dir, `${name}.png`) });
        await page.screenshot({ path: path.join(dir, `${name}-full.png`), fullPage: true });
        await page.close();
      }
    }
    // The README's: the top of the page, as it opens, with a misspelt search typed and the first
    // works it finds.
    const { page } = await open(browser, `${base}/page.html`, { width: 1280, height: 900 });
    await page.type("#page_q", "lonliness");
    await page.waitForFunction(() => document.getElementById("page_count").textContent.includes(" of "));
    await page.screenshot({ path: path.join(dir, "page-search.png") });
  } finally {
    await browser.close();
    server.close();
  }
}

// The HTML5 validator's findings, one line each (none for a valid page).
async function validate(...files) {
  const { HtmlValidate } = require("html-validate");
  // The page's title is the brief's, however long: the rule for short titles is for search engines.
  const validator = new HtmlValidate({ extends: ["html-validate:recommended"], rules: { "long-title": "off" } });
  for (const file of files) {
    const report = await validator.validateFile(file);
    for (const result of report.results) {
      for (const message of result.messages) {
        process.stdout.write(`${path.basename(file)}:${message.line}:${message.column}: ${message.ruleId}: ${message.message}\n`);
      }
    }
  }
}

// How long the page takes to load, and each keystroke of some searches to filter the list and
// draw the next frame, as JSON.
async function speed(pageFile) {
  const server = await serve({ "/page.html": pageFile });
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await puppeteer.launch({ executablePath, headless: true, args: ["--no-sandbox"] });
  const result = { keystrokes: {} };
  try {
    const started = Date.now();
    const { page } = await open(browser, `${base}/page.html`);
    result.load_ms = Date.now() - started;
    // A link to the work halfway down: where it stands 300 ms after the page loads.
    const middle = await page.evaluate(() => {
      const all = document.querySelectorAll("article.work");
      return all[all.length >> 1].id;
    });
    const linked = await open(browser, `${base}/page.html#${middle}`);
    await wait(300);
    result.landing_px = await top(linked.page, middle);
    await linked.page.close();
    for (const query of ["lonliness", "mental health", "randomized trial"]) {
      const times = [];
      for (let end = 1; end <= query.length; end++) {
        times.push(
          await page.evaluate(async (typed) => {
            const box = document.getElementById("page_q");
            const before = performance.now();
            box.value = typed;
            box.dispatchEvent(new Event("input", { bubbles: true }));
            // The page searches in the next frame; this runs after it, and lays the page out.
            await new Promise((done) => requestAnimationFrame(done));
            document.body.getBoundingClientRect();
            return performance.now() - before;
          }, query.slice(0, end)),
        );
      }
      result.keystrokes[query] = {
        median_ms: times.slice().sort((a, b) => a - b)[Math.floor(times.length / 2)],
        max_ms: Math.max(...times),
        shown: await page.$eval("#page_count", (c) => c.textContent),
      };
    }
  } finally {
    await browser.close();
    server.close();
  }
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

// Each search of QUERIES.json typed into the page's search box (with its filters set as the
// address would set them), and what the page then shows: the works in order, and its status.
async function agree(pageFile, queriesFile) {
  const searches = JSON.parse(fs.readFileSync(queriesFile, "utf8"));
  const server = await serve({ "/page.html": pageFile });
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await puppeteer.launch({ executablePath, headless: true, args: ["--no-sandbox"] });
  const found = [];
  try {
    const { page, seen } = await open(browser, `${base}/page.html`);
    for (const { query, filters } of searches) {
      found.push(
        await page.evaluate(async (typed, set) => {
          const form = document.getElementById("page_filters");
          form.reset();
          for (const [name, value] of Object.entries(set)) form.elements[name].value = value;
          const box = document.getElementById("page_q");
          box.value = typed;
          box.dispatchEvent(new Event("input", { bubbles: true }));
          // The page searches in the next frame.
          await new Promise((done) => requestAnimationFrame(() => setTimeout(done)));
          const shown = Array.from(document.querySelectorAll("article.work"))
            .filter((a) => a.checkVisibility())
            .map((a) => a.id);
          const marks = Array.from(document.querySelectorAll("article.work:not([hidden]) h4 mark"), (m) => m.textContent);
          return { shown, status: document.getElementById("page_count").textContent, marks };
        }, query, filters || {}),
      );
    }
    if (seen.errors.length > 0) throw new Error(seen.errors.join("\n"));
  } finally {
    await browser.close();
    server.close();
  }
  process.stdout.write(`${JSON.stringify(found)}\n`);
}

const [mode, ...files] = process.argv.slice(2);
const run = { check, screenshots, validate, speed, agree }[mode];
if (!run) {
  process.stderr.write("usage: node browser.js check PAGE HOSTILE LIST | screenshots PAGE DIR | validate PAGE... | speed PAGE | agree PAGE QUERIES\n");
  process.exit(2);
}
run(...files).catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
