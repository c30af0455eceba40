// Search over the whole archive with Pagefind, in Material's header search box.
//
// The index is written by `python -m generator build` (generator/search_index.py) into
// site/pagefind/. Nothing of it is fetched until the visitor opens the search; then
// Pagefind fetches only the index chunks and result fragments the query needs.
// Each day page is one Pagefind result; each paper on it (its heading's id is the
// arXiv id) is a sub-result, shown here as its own entry: title, day, snippet.
//
// Loaded once (extra_javascript sits outside the part of the page that Material's
// instant navigation replaces), and the header with the search box is never
// replaced either, so the search keeps working across instant page changes.
(() => {
  "use strict";

  const root = document.querySelector("[data-pf-search]");
  const toggle = document.getElementById("__search");
  if (!root || !toggle) return;

  // This file is <site>/javascripts/search.js: the site's root is one level up,
  // wherever the site is served from (a GitHub Pages project lives below /<repo>/).
  const siteRoot = new URL("..", document.currentScript.src);
  const DAYS_PER_BATCH = 5;  // each day costs one fragment (10-20 kB) to show

  const form = root.querySelector("[data-pf-form]");
  const input = root.querySelector("[data-pf-query]");
  const meta = root.querySelector("[data-pf-meta]");
  const list = root.querySelector("[data-pf-list]");
  const more = root.querySelector("[data-pf-more]");
  const initialMeta = meta.textContent.trim();

  let pagefind = null;
  function load() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", siteRoot).href).then(async (pf) => {
        await pf.options({ baseUrl: siteRoot.pathname, excerptLength: 24 });
        await pf.init();
        return pf;
      });
      pagefind.catch((error) => {
        console.warn("search index not available:", error);
        pagefind = null;
      });
    }
    return pagefind;
  }

  // Pagefind's excerpts are HTML: escaped text with <mark> around the matched words.
  // Rebuild them from text nodes and <mark> only, so that nothing else can ever become markup.
  function excerptNodes(html) {
    const template = document.createElement("template");
    template.innerHTML = html;  // inert: a template's content runs no script and loads nothing
    const out = [];
    for (const node of template.content.childNodes) {
      if (node.nodeType === Node.TEXT_NODE) out.push(document.createTextNode(node.textContent));
      else if (node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.push(mark);
      } else out.push(document.createTextNode(node.textContent));
    }
    return out;
  }

  function element(tag, className, text) {
    const el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  // Pagefind ranks pages (days); a paper's own relevance is the score of its matches.
  function score(sub) {
    return (sub.weighted_locations || []).reduce((sum, loc) => sum + (loc.balanced_score || 0), 0);
  }

  // One list entry per matching paper, scored; a match outside any paper (the day's
  // own heading and totals) is an entry for the day itself.
  function entries(page) {
    const day = page.meta.title || "";
    const subs = page.sub_results && page.sub_results.length ? page.sub_results : [page];
    return subs.map((sub) => {
      const isPaper = sub.url.includes("#") && sub.url !== page.url;
      const li = element("li", "md-search-result__item");
      const a = element("a", "md-search-result__link");
      a.href = sub.url;
      const article = element("article", "md-search-result__article md-typeset pf-entry");
      article.append(element("div", "pf-title", isPaper ? sub.title : day));
      if (isPaper) article.append(element("div", "pf-day", day));
      const excerpt = element("p", "pf-excerpt");
      excerpt.append(...excerptNodes(sub.excerpt || ""));
      article.append(excerpt);
      a.append(article);
      li.append(a);
      return { li, score: score(sub) };
    });
  }

  let state = { seq: 0, term: "", results: [], shown: 0, papers: 0 };

  function plural(n, word) {
    return `${n.toLocaleString("en")} ${word}${n === 1 ? "" : "s"}`;
  }

  function describe() {
    const { term, results, shown, papers } = state;
    if (!results.length) return `No paper matches “${term}”`;
    const days = results.length;
    return shown < days
      ? `${plural(papers, "paper")} from the best ${shown} of ${plural(days, "matching day")}`
      : `${plural(papers, "paper")} on ${plural(days, "day")}`;
  }

  async function showMore(seq) {
    const batch = state.results.slice(state.shown, state.shown + DAYS_PER_BATCH);
    const pages = await Promise.all(batch.map((result) => result.data()));
    if (seq !== state.seq) return;  // a newer query took over meanwhile
    // Within a batch of days, the best-matching papers first (a paper that matches every
    // word of the query before one that only mentions one of them).
    const items = pages.flatMap(entries).sort((a, b) => b.score - a.score);
    state.papers += items.length;
    list.append(...items.map((item) => item.li));
    state.shown += batch.length;
    more.hidden = state.shown >= state.results.length;
    meta.textContent = describe();
    root.dataset.pfState = "done";
    root.dataset.pfTerm = state.term;  // which query the list now answers (tests wait on it)
  }

  async function run(value) {
    const seq = ++state.seq;
    const term = value.trim();
    if (!term) {
      state = { seq, term: "", results: [], shown: 0, papers: 0 };
      list.replaceChildren();
      more.hidden = true;
      meta.textContent = initialMeta;
      delete root.dataset.pfState;
      delete root.dataset.pfTerm;
      return;
    }
    root.dataset.pfState = "searching";
    let pf;
    try {
      pf = await load();
    } catch {
      meta.textContent = "Search is not available: this copy of the site was built without its search index.";
      return;
    }
    const search = await pf.debouncedSearch(term, {}, 120);
    if (search === null || seq !== state.seq) return;  // superseded by a later keystroke
    state = { seq, term, results: search.results, shown: 0, papers: 0 };
    list.replaceChildren();
    await showMore(seq);
  }

  function open() {
    if (!toggle.checked) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
    }
    input.focus();
    input.select();
    load();
  }

  function close() {
    if (toggle.checked) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
    }
    input.blur();
  }

  input.addEventListener("focus", () => {
    if (!toggle.checked) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
    }
    load();
  });
  input.addEventListener("input", () => run(input.value));
  toggle.addEventListener("change", () => {
    if (toggle.checked && document.activeElement !== input) input.focus();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const first = list.querySelector("a");
    if (first) first.click();  // a click, so that Material's instant navigation handles it
  });
  form.addEventListener("reset", () => {
    setTimeout(() => run(""), 0);
    input.focus();
  });
  more.addEventListener("click", () => showMore(state.seq));

  document.addEventListener("keydown", (event) => {
    const target = event.target;
    const typing = target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement
      || target instanceof HTMLSelectElement || (target instanceof HTMLElement && target.isContentEditable);
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "k") {
      event.preventDefault();
      open();
    } else if (toggle.checked) {
      if (event.key === "Escape") {
        event.preventDefault();
        close();
      } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        const stops = [input, ...list.querySelectorAll("a")];
        const at = stops.indexOf(document.activeElement);
        const next = (Math.max(at, 0) + stops.length + (event.key === "ArrowUp" ? -1 : 1)) % stops.length;
        stops[next].focus();
        event.preventDefault();
      }
    } else if (!typing && !event.ctrlKey && !event.metaKey && !event.altKey && ["/", "s", "f"].includes(event.key)) {
      // Material's own shortcuts for its search.
      event.preventDefault();
      open();
    }
  });
})();
