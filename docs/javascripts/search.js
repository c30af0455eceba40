// The archive's search: every paper, one result each, with filters and sorting.
//
// Three parts, all driven by this one file (loaded once: extra_javascript stays while
// Material's instant navigation swaps the page, so each part re-attaches on `document$`):
//
//   1. the header's search box (Material's markup, generator/theme/partials/search.html):
//      the best few papers as you type, and a link to the search page (Enter goes there);
//   2. the search page, /search/ (docs/search.md), whose state is its URL:
//      ?q=&year=YYYY&month=YYYY-MM&topic=<id>&org=<name>&sort=upvotes|newest;
//   3. on a day page reached from a result (…/14/?h=<query>#<arXiv id>), the query's
//      words marked in that paper's entry.
//
// The index (generator/site/search_index.py) is Pagefind's, in bundles of whole months
// (about a year each), listed newest first in pagefind/bundles.json; the newest bundle
// holds Pagefind's code. The others are merged into that Pagefind (its mergeIndex) when a
// search first needs them, and each query asks each of its bundles by itself (searchBundles).
// Nothing is fetched until someone searches. Each paper is one record: its metadata
// (title, authors, organization, upvotes) shows with the result, its abstract and AI
// summary give the snippet; its URL is its day page plus its anchor
// (archive/2026/07/14/2607.10383.html is archive/2026/07/14/#2607.10383).
//
// Everything from the index is untrusted text: it reaches the page through textContent
// and DOM nodes only; the snippets' <mark> tags are rebuilt, never parsed into the page.
(() => {
  "use strict";

  // This file is <site>/javascripts/search.js: the site's root is one level up,
  // wherever the site is served from (a GitHub Pages project lives below /<repo>/).
  const siteRoot = new URL("..", document.currentScript.src);
  const searchPage = new URL("search/", siteRoot);

  // How much a match in each metadata field counts, against 1 for the abstract: titles,
  // authors and the arXiv id first (a query that is a whole author name or id ranks that
  // paper first); upvotes are metadata only to be shown, never matched on purpose.
  const META_WEIGHTS = { title: 8, authors: 8, id: 10, org: 3, keywords: 2, upvotes: 0, every: 0 };
  const EXCERPT_WORDS = 28;
  const FILTERS = ["year", "month", "topic", "org"];
  const PAGEFIND_FILTERS = ["month", "topic", "org"]; // a year is its bundles (bundlesOf)
  const SORTS = { upvotes: "Most upvoted", newest: "Newest" };
  const HEADER_RESULTS = 6; // the header's dropdown shows the best few; the page shows the rest
  const PAGE_RESULTS = 10;
  const HIGHLIGHT_PARAM = "h";
  const AUTHORS_SHOWN = 3;
  const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

  // -- The index ------------------------------------------------------------------------

  let engine = null;

  // Pagefind with the newest bundle (which holds its code), { manifest, pf, use, loadFilters }
  // (pf null for an empty archive):
  //   use(names, asked): those bundles merged in. The others wait until a search first needs
  //     them, so that a search in one year fetches that year's metadata only;
  //   loadFilters(keys, asked): those filters' data in every bundle merged, now or later.
  //     Pagefind fetches a filter's data when a search first names it; from then on every
  //     search counts the papers of each of its values.
  function loadEngine() {
    if (!engine) {
      engine = (async () => {
        const response = await fetch(new URL("pagefind/bundles.json", siteRoot), { cache: "no-cache" });
        if (!response.ok) throw new Error(`pagefind/bundles.json: HTTP ${response.status}`);
        const manifest = await response.json();
        if (!manifest.bundles.length) return { manifest, pf: null };
        const folder = (name) => new URL(`pagefind/${name}/`, siteRoot).href;
        // Each bundle answers to a filter of its own name, so that a search can ask one
        // bundle at a time (see searchBundles) or the bundles of a year.
        const options = (name) => ({
          baseUrl: siteRoot.pathname,
          excerptLength: EXCERPT_WORDS,
          ranking: { metaWeights: META_WEIGHTS },
          mergeFilter: { bundle: name },
        });
        const pf = await import(`${folder(manifest.runtime)}pagefind.js`);
        await pf.options(options(manifest.runtime));
        await pf.init();
        const preload = (keys, asked) => pf.preload(asked, { filters: Object.fromEntries(keys.map((k) => [k, ""])) });
        const wanted = new Set(); // the filters whose data every merged bundle gets
        let loading = Promise.resolve();
        const loadFilters = (keys, asked) => {
          const more = keys.filter((key) => !wanted.has(key));
          for (const key of more) wanted.add(key);
          if (more.length) loading = Promise.all([loading, preload(more, asked)]);
          return loading;
        };
        const merged = new Map([[manifest.runtime, Promise.resolve()]]);
        const use = (names, asked) => {
          const fresh = names.filter((name) => !merged.has(name));
          if (fresh.length) {
            const merging = Promise.all(fresh.map((name) => pf.mergeIndex(folder(name), options(name))))
              .then(() => wanted.size && preload([...wanted], asked)); // the filters already asked for
            for (const name of fresh) merged.set(name, merging);
          }
          return Promise.all(names.map((name) => merged.get(name)));
        };
        return { manifest, pf, use, loadFilters };
      })();
      engine.catch((error) => {
        console.warn("search index not available:", error);
        engine = null;
      });
    }
    return engine;
  }

  // The index with the bundles a search with these filters needs (all of them without a year).
  function loadBundles(filters = {}) {
    return loadEngine().then((index) => (index.pf ? index.use(bundlesOf(index.manifest, filters), EVERY_PAPER) : null));
  }

  // A year is not a Pagefind filter but the bundles of that year (a bundle never spans two, and
  // each answers to a filter of its name that needs no data): a search by year fetches no
  // filter's data, and the years' counts are the bundles'.
  function bundlesOf(manifest, filters) {
    return manifest.bundles.map((b) => b.name).filter((name) => !filters.year || name.startsWith(`${filters.year}-`));
  }

  // Pagefind's filters for the page's: in one bundle, or in those of the year.
  function pagefindFilters(manifest, filters, bundle) {
    const out = {};
    for (const key of PAGEFIND_FILTERS) if (filters[key]) out[key] = filters[key];
    if (bundle) out.bundle = bundle;
    else if (filters.year) out.bundle = { any: bundlesOf(manifest, filters) };
    return out;
  }

  function isPhrase(term) {
    return /^\s*".+"\s*$/.test(term);
  }

  // Every record holds this word (EVERY_PAPER_WORD in generator/site/search_records.py): a
  // search by filters alone asks for it, as Pagefind asked for no word fetches the whole index.
  const EVERY_PAPER = '"zzallpaper"';

  // What Pagefind is asked: an arXiv id as written (its exact search), since the start of
  // an id ("2607") is in many other papers' ids; without words, the word every paper holds.
  function pagefindTerm(term) {
    if (!term) return EVERY_PAPER;
    return /^\s*\d{4}\.\d{4,5}(v\d+)?\s*$/.test(term) ? `"${term.trim()}"` : term;
  }

  function fold(text) {
    return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  }

  // A paper holds each word of the query as a word or the start of one; the last letters
  // are left out, as Pagefind matches stems ("modeling" finds "models").
  function holdsWords(data, words) {
    const meta = data.meta;
    const text = fold([meta.title, meta.authors, meta.org, meta.keywords, meta.id, data.content].join(" "));
    const tokens = [];
    for (const token of text.split(/\s+/)) tokens.push(token.replace(/[^\p{L}\p{N}]/gu, ""), ...token.split(/[^\p{L}\p{N}]+/));
    return words.every((word) => {
      const stem = word.slice(0, Math.min(word.length, Math.max(3, word.length - 3)));
      return tokens.some((token) => token.startsWith(stem));
    });
  }

  const verdicts = new Map(); // "bundle\0query" → whether that bundle's results hold the query (a promise)

  // Whether a bundle's results are the query's. When no word of a bundle begins with a word of
  // the query, Pagefind falls back on the longest word of that bundle that begins it (the
  // initial "Z." of an author for "zevexlo"): then every result of that bundle is beside the
  // point, whatever the filters, so any one of them tells. (Exact searches never fall back.)
  function holdsQuery(name, asked, result) {
    if (!asked || isPhrase(asked)) return Promise.resolve(true);
    const key = `${name}\0${asked}`;
    if (!verdicts.has(key)) {
      const words = fold(asked).split(/\s+/).map((w) => w.replace(/[^\p{L}\p{N}]/gu, "")).filter(Boolean);
      verdicts.set(key, result.data().then((data) => holdsWords(data, words)));
    }
    return verdicts.get(key);
  }

  // Each bundle searched by itself, so that the bundles that fell back (holdsQuery) are left
  // out: [{ name, search }], newest bundle first.
  async function searchBundles({ pf, manifest, use }, asked, filters) {
    const names = bundlesOf(manifest, filters);
    await use(names, asked);
    const found = await Promise.all(names.map(async (name) => {
      const search = await pf.search(asked, { filters: pagefindFilters(manifest, filters, name) });
      return search.results.length && (await holdsQuery(name, asked, search.results[0])) ? { name, search } : null;
    }));
    return found.filter(Boolean);
  }

  // Filter counts summed over the bundles (each search counts its own bundle only); a year's,
  // its bundles' results.
  function sumCounts(found) {
    const sum = { year: {} };
    for (const { name, search } of found) {
      const year = name.slice(0, 4);
      sum.year[year] = (sum.year[year] || 0) + search.results.length;
      for (const [key, values] of Object.entries(search.filters || {})) {
        sum[key] = sum[key] || {};
        for (const [value, n] of Object.entries(values)) sum[key][value] = (sum[key][value] || 0) + n;
      }
    }
    return sum;
  }

  // The sorts are filters of their own (generator/site/search_records.py): a paper's upvotes,
  // and its listing day (YYYY-MM-DD). As Pagefind sorts, they would sit in the metadata that
  // every first search downloads (a third of it); as filters, only a visitor who sorts fetches them.
  const SORT_FILTERS = {
    upvotes: { key: "upvotes", higher: (a, b) => Number(b) - Number(a) },
    newest: { key: "day", higher: (a, b) => (a < b ? 1 : a > b ? -1 : 0) },
  };

  // A query's results in the order asked, fetched a page at a time:
  // { total, counts (when the filters' data was loaded), next(n) → the next n papers' data }.
  async function query(index, { term, filters, sort }) {
    const { pf } = index;
    const asked = pagefindTerm(term);
    const by = SORT_FILTERS[sort];
    if (by) await index.loadFilters([by.key], asked); // so that the searches count its values
    const found = await searchBundles(index, asked, filters);
    const lists = found.map(({ search }) => search.results);
    const total = lists.reduce((sum, list) => sum + list.length, 0);
    const counts = sumCounts(found);
    if (by) return { total, counts, next: sorted(index, asked, filters, found, by, counts[by.key] || {}) };
    let ranked = lists.flat().sort((a, b) => b.score - a.score);
    if (asked && !isPhrase(asked) && asked.trim().split(/\s+/).length > 1) {
      // The words as written, one after the other (a full name in the authors, a phrase
      // of a title), before papers that hold them apart: Pagefind ranks by each word.
      // Each group keeps Pagefind's order, in which a title or author match counts most.
      const exact = await pf.search(`"${asked.trim()}"`, { filters: pagefindFilters(index.manifest, filters) });
      const together = new Set(exact.results.map((r) => r.id));
      ranked = [...ranked.filter((r) => together.has(r.id)), ...ranked.filter((r) => !together.has(r.id))];
    }
    let at = 0;
    return { total, counts, next: (n) => Promise.all(ranked.slice(at, (at += n)).map((r) => r.data())) };
  }

  // Papers by a sort filter's values, highest first, and by relevance within one value. The
  // counts say how many papers each value holds, so a page of results asks for just the values
  // it needs: one search for the values it shows whole, one for the value it stops inside.
  function sorted(index, asked, filters, found, { key, higher }, valueCounts) {
    const values = Object.keys(valueCounts).filter((v) => valueCounts[v] > 0).sort(higher);
    const inBundles = { ...pagefindFilters(index.manifest, filters), bundle: { any: found.map((f) => f.name) } };
    const search = (some) => index.pf.search(asked, { filters: { ...inBundles, [key]: { any: some } } });
    const valueOf = (data) => (data.filters[key] || [""])[0];
    let at = 0; // the next value
    let inside = null; // the value a page stopped inside: { results, shown }
    return async (n) => {
      const out = [];
      while (out.length < n && at < values.length) {
        if (!inside) {
          let end = at;
          for (let room = n - out.length; end < values.length && valueCounts[values[end]] <= room; end += 1) {
            room -= valueCounts[values[end]];
          }
          if (end > at) {
            const { results } = await search(values.slice(at, end));
            const papers = await Promise.all(results.map((r) => r.data()));
            out.push(...papers.sort((a, b) => higher(valueOf(a), valueOf(b)))); // stable: by relevance within a value
            at = end;
            continue;
          }
          inside = { results: (await search([values[at]])).results, shown: 0 };
        }
        const batch = inside.results.slice(inside.shown, inside.shown + n - out.length);
        out.push(...(await Promise.all(batch.map((r) => r.data()))));
        inside.shown += batch.length;
        if (inside.shown >= inside.results.length) {
          inside = null;
          at += 1;
        }
      }
      return out;
    };
  }

  let filtersDone = false; // the filters' data loaded: from then on every search counts them

  // For each filter, how many papers each of its values would give, the other filters kept.
  // ``counts`` are the query's own (its searches ran with the filters' data loaded), or null.
  async function facetCounts(index, term, filters, counts) {
    const asked = pagefindTerm(term);
    await index.loadFilters(PAGEFIND_FILTERS, asked);
    filtersDone = true;
    const all = counts || sumCounts(await searchBundles(index, asked, filters));
    const out = {};
    for (const key of FILTERS) {
      const kept = filters[key] ? sumCounts(await searchBundles(index, asked, { ...filters, [key]: "" })) : all;
      out[key] = kept[key] || {};
    }
    return out;
  }

  // -- One result -------------------------------------------------------------------------

  function upvotes(data) {
    return Number(data.meta.upvotes) || 0;
  }

  // The record's URL is the day page's plus "<anchor>.html".
  function paperLink(data, term) {
    const [, page, anchor] = data.url.match(/^(.*\/)([^/]+)\.html$/) || [null, data.url, ""];
    const url = new URL(page, location.href);
    if (term) url.searchParams.set(HIGHLIGHT_PARAM, term);
    url.hash = anchor;
    const date = page.match(/(\d{4})\/(\d{2})\/(\d{2})\/$/);
    return { href: url.href, day: date ? dayTitle(+date[1], +date[2], +date[3]) : "" };
  }

  // "Tuesday, 14 July 2026", as the day pages name their day (generator/render/titles.py).
  function dayTitle(year, month, day) {
    const weekday = WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()];
    return `${weekday}, ${day} ${MONTHS[month - 1]} ${year}`;
  }

  function monthTitle(month) {
    const [year, m] = month.split("-");
    return `${MONTHS[+m - 1]} ${year}`;
  }

  function element(tag, className, text) {
    const el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  // Pagefind's excerpts are HTML: escaped text with <mark> around the matched words.
  // Rebuild them from text nodes and <mark> only, so that nothing else can ever become markup.
  function excerptNodes(html) {
    const template = document.createElement("template");
    template.innerHTML = html; // inert: a template's content runs no script and loads nothing
    return [...template.content.childNodes].map((node) =>
      node.nodeName === "MARK" ? element("mark", "", node.textContent) : document.createTextNode(node.textContent));
  }

  function byline(data) {
    const authors = (data.meta.authors || "").split(" · ").filter(Boolean); // search_records.LIST_SEPARATOR
    let text = authors.slice(0, AUTHORS_SHOWN).join(", ");
    if (authors.length > AUTHORS_SHOWN) text += " et al.";
    return text;
  }

  // One paper: title, day · ▲ upvotes · first authors · organization, snippet; the query's
  // words marked in the title and authors too (a match there gives no snippet of its own).
  function resultEntry(data, term, classes) {
    const { href, day } = paperLink(data, term);
    const li = element("li", classes.item);
    const a = element("a", classes.link);
    a.href = href;
    const article = element("article", classes.article);
    const title = element("div", "pf-title", data.meta.title || "");
    article.append(title);
    const facts = element("div", "pf-facts");
    facts.append(element("span", "pf-day", day), element("span", "pf-upvotes", `▲ ${upvotes(data)}`));
    const authors = byline(data);
    if (authors) facts.append(element("span", "pf-authors", authors));
    if (data.meta.org) facts.append(element("span", "pf-org", data.meta.org));
    if (term && data.meta.id && term.includes(data.meta.id)) facts.append(element("span", "pf-id", `arXiv ${data.meta.id}`));
    article.append(facts);
    const pattern = term && termsPattern(term);
    if (pattern) for (const part of [title, ...facts.querySelectorAll(".pf-authors, .pf-org, .pf-id")]) markMatches(part, pattern, "");
    const excerpt = element("p", "pf-excerpt");
    excerpt.append(...excerptNodes(data.excerpt || ""));
    article.append(excerpt);
    a.append(article);
    li.append(a);
    return li;
  }

  function plural(n, word) {
    return `${n.toLocaleString("en")} ${word}${n === 1 ? "" : "s"}`;
  }

  function searchPageUrl(state) {
    const url = new URL(searchPage);
    if (state.term) url.searchParams.set("q", state.term);
    for (const key of FILTERS) if (state.filters && state.filters[key]) url.searchParams.set(key, state.filters[key]);
    if (state.sort && state.sort !== "relevance") url.searchParams.set("sort", state.sort);
    return url;
  }

  // A click, so that Material's instant navigation handles it (no full reload).
  function navigate(url) {
    const a = document.createElement("a");
    a.href = url;
    a.hidden = true;
    document.body.append(a);
    a.click();
    a.remove();
  }

  // -- 1. The header's search box -------------------------------------------------------------

  const root = document.querySelector("[data-pf-search]");
  const toggle = document.getElementById("__search");
  const header = root && toggle ? setUpHeader() : null;

  function setUpHeader() {
    const form = root.querySelector("[data-pf-form]");
    const input = root.querySelector("[data-pf-query]");
    const meta = root.querySelector("[data-pf-meta]");
    const list = root.querySelector("[data-pf-list]");
    const all = root.querySelector("[data-pf-all]");
    const initialMeta = meta.textContent.trim();
    const classes = {
      item: "md-search-result__item",
      link: "md-search-result__link",
      article: "md-search-result__article md-typeset pf-entry",
    };
    let seq = 0;
    let timer = null;

    function showAll(term, total) {
      all.href = searchPageUrl({ term }).href;
      all.textContent = total > HEADER_RESULTS
        ? `All ${plural(total, "result")}, with filters and sorting →`
        : "Filter and sort on the search page →";
    }

    async function run(value) {
      const mine = ++seq;
      const term = value.trim();
      if (!term) {
        list.replaceChildren();
        meta.textContent = initialMeta;
        all.href = searchPage.href;
        all.textContent = "Open the search page →";
        delete root.dataset.pfState;
        delete root.dataset.pfTerm;
        return;
      }
      root.dataset.pfState = "searching";
      let index;
      try {
        index = await loadEngine();
      } catch {
        meta.textContent = "Search is not available: this copy of the site was built without its search index.";
        return;
      }
      if (mine !== seq) return;
      if (!index.pf) {
        meta.textContent = "The archive holds no paper yet.";
        return;
      }
      const results = await query(index, { term, filters: {}, sort: "relevance" });
      const shown = await results.next(HEADER_RESULTS);
      if (mine !== seq) return; // a newer keystroke took over meanwhile
      list.replaceChildren(...shown.map((data) => resultEntry(data, term, classes)));
      meta.textContent = results.total
        ? `${plural(results.total, "paper")} ${results.total === 1 ? "matches" : "match"} “${term}”`
        : `No paper matches “${term}”`;
      showAll(term, results.total);
      root.dataset.pfState = "done";
      root.dataset.pfTerm = term; // which query the list now answers (tests wait on it)
    }

    function setOpen(open) {
      if (toggle.checked !== open) {
        toggle.checked = open;
        toggle.dispatchEvent(new Event("change"));
      }
    }

    function open() {
      setOpen(true);
      input.focus();
      input.select();
      loadBundles().catch(() => {});
    }

    input.addEventListener("focus", () => {
      setOpen(true);
      loadBundles().catch(() => {});
    });
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => run(input.value), 120);
    });
    toggle.addEventListener("change", () => {
      if (toggle.checked && document.activeElement !== input) input.focus();
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const term = input.value.trim();
      setOpen(false);
      input.blur();
      navigate(searchPageUrl({ term }).href);
    });
    form.addEventListener("reset", () => {
      setTimeout(() => run(""), 0);
      input.focus();
    });
    list.addEventListener("click", () => setOpen(false));
    all.addEventListener("click", () => setOpen(false));

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
          setOpen(false);
          input.blur();
        } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
          const stops = [input, ...list.querySelectorAll("a"), all];
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
    return { close: () => setOpen(false) };
  }

  // -- 2. The search page -----------------------------------------------------------------

  function readState(params) {
    const filters = {};
    for (const key of FILTERS) filters[key] = (params.get(key) || "").trim();
    const sort = params.get("sort");
    return { term: (params.get("q") || "").trim(), filters, sort: sort in SORTS ? sort : "relevance" };
  }

  function setUpSearchPage(page) {
    const input = page.querySelector("[data-search-input]");
    const form = page.querySelector("[data-search-form]");
    const status = page.querySelector("[data-search-status]");
    const list = page.querySelector("[data-search-results]");
    const more = page.querySelector("[data-search-more]");
    const sortSelect = page.querySelector("[data-search-sort]");
    const selects = Object.fromEntries(FILTERS.map((key) => [key, page.querySelector(`[data-search-filter="${key}"]`)]));
    const classes = { item: "paper-search__item", link: "paper-search__link", article: "pf-entry" };
    const idle = status.textContent;
    let state = readState(new URLSearchParams(location.search));
    let seq = 0;
    let timer = null;
    let results = null;
    let labels = null; // filter key → [[value, label], ...], from the manifest

    input.value = state.term;
    sortSelect.value = state.sort === "relevance" ? "" : state.sort;
    if (location.search) writeUrl(false); // one spelling of each state: parameters in a fixed order

    function fillOptions(counts) {
      for (const key of FILTERS) {
        const select = selects[key];
        const chosen = state.filters[key];
        const first = select.options[0];
        const options = [first];
        for (const [value, label] of labels[key]) {
          const n = counts ? counts[key][value] || 0 : null;
          if (n === 0 && value !== chosen) continue;
          if (key === "month" && state.filters.year && !value.startsWith(state.filters.year) && value !== chosen) continue;
          const option = element("option", "", n === null ? label : `${label} (${n.toLocaleString("en")})`);
          option.value = value;
          options.push(option);
        }
        if (chosen && !options.some((o) => o.value === chosen)) {
          const option = element("option", "", chosen); // a value from the URL that the index lacks
          option.value = chosen;
          options.push(option);
        }
        select.replaceChildren(...options);
        select.value = chosen;
      }
    }

    function writeUrl(push) {
      const url = searchPageUrl(state);
      if (url.href === location.href) return;
      history[push ? "pushState" : "replaceState"](null, "", url);
    }

    async function showMore(mine) {
      const batch = await results.next(PAGE_RESULTS);
      if (mine !== seq) return;
      list.append(...batch.map((data) => resultEntry(data, state.term, classes)));
      more.hidden = list.children.length >= results.total;
    }

    async function run() {
      const mine = ++seq;
      const { term, filters } = state;
      const filtered = FILTERS.some((key) => filters[key]);
      if (!term && !filtered) {
        list.replaceChildren();
        more.hidden = true;
        status.textContent = idle;
        page.dataset.searchState = "idle";
        if (labels) fillOptions(null);
        return;
      }
      page.dataset.searchState = "searching";
      status.textContent = "Searching…";
      let index;
      try {
        index = await loadEngine();
      } catch {
        status.textContent = "Search is not available: this copy of the site was built without its search index.";
        return;
      }
      if (mine !== seq) return;
      if (!index.pf) {
        status.textContent = "The archive holds no paper yet.";
        return;
      }
      // Without words, relevance means nothing: newest first.
      const sort = !term && state.sort === "relevance" ? "newest" : state.sort;
      const filtersReady = filtersDone; // then this query's own searches count the filters
      results = await query(index, { term: term || null, filters, sort });
      if (mine !== seq) return;
      list.replaceChildren();
      await showMore(mine);
      if (mine !== seq) return;
      const matching = term ? ` “${term}”` : "";
      const withFilters = filtered ? (term ? " with these filters" : " these filters") : "";
      const order = sort === "relevance" ? "best match" : SORTS[sort].toLowerCase();
      status.textContent = results.total
        ? `${plural(results.total, "paper")} ${results.total === 1 ? "matches" : "match"}${matching}${withFilters}, ${order} first`
        : `No paper matches${matching}${withFilters}.`;
      page.dataset.searchState = "results";
      page.dataset.searchQuery = searchPageUrl(state).search; // which state the list answers (tests wait on it)
      const counts = await facetCounts(index, term || null, filters, filtersReady ? results.counts : null);
      if (mine !== seq) return;
      fillOptions(counts);
      page.dataset.searchState = "done";
    }

    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        state = { ...state, term: input.value.trim() };
        writeUrl(false);
        run();
      }, 200);
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      clearTimeout(timer);
      state = { ...state, term: input.value.trim() };
      writeUrl(true);
      run();
    });
    for (const key of FILTERS) {
      selects[key].addEventListener("change", () => {
        const filters = { ...state.filters, [key]: selects[key].value };
        if (key === "year" && filters.month && !filters.month.startsWith(filters.year)) filters.month = "";
        state = { ...state, filters };
        writeUrl(true);
        run();
      });
    }
    sortSelect.addEventListener("change", () => {
      state = { ...state, sort: sortSelect.value || "relevance" };
      writeUrl(true);
      run();
    });
    more.addEventListener("click", () => showMore(seq));

    loadEngine().then(({ manifest }) => {
      labels = {
        year: [...new Set(manifest.months.map((m) => m.slice(0, 4)))].map((y) => [y, y]),
        month: manifest.months.map((m) => [m, monthTitle(m)]),
        topic: manifest.topics,
        org: manifest.orgs,
      };
      fillOptions(null);
    }, () => {});
    if (!state.term) input.focus();
    run();
  }

  // -- 3. The query's words marked on the day page -------------------------------------------------

  // A heading and what follows it up to the next heading of its level or above;
  // any other element by itself.
  function sectionOf(target) {
    const level = /^H([1-6])$/.exec(target.tagName);
    if (!level) return [target];
    const section = [target];
    for (let el = target.nextElementSibling; el; el = el.nextElementSibling) {
      const other = /^H([1-6])$/.exec(el.tagName);
      if (other && +other[1] <= +level[1]) break;
      section.push(el);
    }
    return section;
  }

  function termsPattern(query) {
    const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const phrase = isPhrase(query) && /"(.+)"/.exec(query);
    const parts = phrase
      ? [phrase[1].trim().split(/\s+/).map(escape).join("\\s+")]
      : query.split(/\s+/).map((w) => w.replace(/^["']+|["']+$/g, "")).filter((w) => w.length > 1)
        .map((w) => escape(w.length > 3 ? w.replace(/s$/i, "") : w) + "[\\p{L}\\p{N}]*");
    return parts.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${parts.join("|")})`, "giu") : null;
  }

  function markMatches(container, pattern, className = "search-highlight") {
    const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT, {
      acceptNode: (node) => node.parentElement.closest("mark, script, style, .headerlink")
        ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
    });
    const nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    for (const node of nodes) {
      const text = node.textContent;
      const parts = [];
      let last = 0;
      for (const match of text.matchAll(pattern)) {
        if (!match[0]) continue;
        parts.push(document.createTextNode(text.slice(last, match.index)));
        parts.push(element("mark", className, match[0]));
        last = match.index + match[0].length;
      }
      if (!parts.length) continue;
      parts.push(document.createTextNode(text.slice(last)));
      node.replaceWith(...parts);
    }
  }

  function highlightOnPage() {
    const query = new URLSearchParams(location.search).get(HIGHLIGHT_PARAM);
    if (!query || !location.hash) return;
    const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    const pattern = termsPattern(query);
    if (!target || !pattern) return;
    for (const el of sectionOf(target)) markMatches(el, pattern);
    target.classList.add("search-target");
  }

  // -- Every page, including after an instant page change ----------------------------------------

  function onPage() {
    if (header) header.close();
    const page = document.querySelector("[data-search-page]");
    if (page) setUpSearchPage(page);
    highlightOnPage();
  }

  // Opened with a query in its URL, the search page needs the index at once: start on it
  // now rather than after Material has set the page up.
  if (document.querySelector("[data-search-page]") && location.search) {
    loadBundles(readState(new URLSearchParams(location.search)).filters).catch(() => {});
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(onPage);
  } else {
    onPage();
  }
})();
