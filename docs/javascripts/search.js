// The archive's search: every paper, one result each, with filters and sorting.
//
// Three parts, all driven by this one file (loaded once, from the page's head: it stays while
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
// search first needs them; one search asks them all (searchIndex).
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
  // The one name this file knows of the index: where its manifest is. Everything else that the
  // records and this file must agree on (the word every paper holds, the list separator, the
  // record's URL, the title's span, the filters, the meta weights) is in the manifest's
  // "rules", written by generator/site/search_records.py (rules()).
  const MANIFEST = new URL("pagefind/bundles.json", siteRoot);

  const EXCERPT_WORDS = 28;
  const SORTS = { upvotes: "Most upvoted", newest: "Newest" };
  const HEADER_RESULTS = 6; // the header's dropdown shows the best few; the page shows the rest
  const PAGE_RESULTS = 10;
  const HIGHLIGHT_PARAM = "h";
  const SEARCH_FAILED = "The search failed: part of the index could not be loaded. Check the connection and reload the page.";
  const AUTHORS_SHOWN = 3;
  // A query that finds at most this many papers offers "did you mean" for a word the index lacks.
  const FEW_RESULTS = 2;
  // Filter counts less what a query leaves out (an excluded word, a phrase it must hold) are
  // counted from those papers' own data: up to this many, else the filters show no counts.
  const MAX_LEFT_OUT_COUNTED = 60;
  const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

  // -- The index ------------------------------------------------------------------------

  let engine = null;
  let rules = null; // the manifest's rules, once it is loaded

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
        const response = await fetch(MANIFEST, { cache: "no-cache" });
        if (!response.ok) throw new Error(`${MANIFEST.pathname}: HTTP ${response.status}`);
        const manifest = await response.json();
        rules = manifest.rules;
        if (!manifest.bundles.length) return { manifest, pf: null };
        const folder = (name) => new URL(`${name}/`, MANIFEST).href;
        // Each bundle answers to a filter of its own name: a search can ask one bundle
        // (holdsQuery) or the bundles of a year, and its counts say how many results each gave.
        const options = (name) => ({
          baseUrl: siteRoot.pathname,
          excerptLength: EXCERPT_WORDS,
          ranking: { metaWeights: rules.meta_weights },
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
    return loadEngine().then((index) => (index.pf ? index.use(bundlesOf(index.manifest, filters), everyPaper()) : null));
  }

  // A year is not a Pagefind filter but the bundles of that year (a bundle never spans two, and
  // each answers to a filter of its name that needs no data): a search by year fetches no
  // filter's data, and the years' counts are the bundles'.
  function bundlesOf(manifest, filters) {
    return manifest.bundles.map((b) => b.name).filter((name) => !filters.year || name.startsWith(`${filters.year}-`));
  }

  // Pagefind's filters for the page's, in ``bundles`` (default: those of the year, if one is chosen).
  function pagefindFilters(manifest, filters, bundles = filters.year ? bundlesOf(manifest, filters) : null) {
    const out = {};
    for (const key of rules.filters) if (filters[key]) out[key] = filters[key];
    if (bundles) out.bundle = { any: bundles };
    return out;
  }

  function isPhrase(term) {
    return /^\s*".+"\s*$/.test(term);
  }

  // Every record holds this word: a search by filters alone asks for it, as Pagefind asked for
  // no word fetches the whole index.
  function everyPaper() {
    return `"${rules.every_paper_word}"`;
  }

  // -- The query ----------------------------------------------------------------------------

  // A query's parts: words, "phrases", and what it leaves out: -word and -"a phrase".
  // An arXiv id alone is looked up as written (Pagefind's exact search), since the start of an
  // id ("2607") is in many other papers' ids.
  function parseQuery(text) {
    const parsed = { words: [], phrases: [], without: [], id: null };
    for (const [, minus, phrase, word] of (text || "").matchAll(/(-?)"([^"]*)"|(\S+)/g)) {
      if (phrase !== undefined) {
        if (/[\p{L}\p{N}]/u.test(phrase)) (minus ? parsed.without : parsed.phrases).push(phrase.trim().replace(/\s+/g, " "));
      } else if (/^-[\p{L}\p{N}]/u.test(word)) {
        parsed.without.push(word.slice(1));
      } else if (/[\p{L}\p{N}]/u.test(word)) {
        parsed.words.push(word);
      }
    }
    const { words, phrases } = parsed;
    if (words.length === 1 && !phrases.length && /^\d{4}\.\d{4,5}(v\d+)?$/.test(words[0])) parsed.id = words[0];
    return parsed;
  }

  // What Pagefind is asked for the papers a query may find: the id, the one phrase (exact), the
  // words (and the words of the phrases, which must then also hold each phrase), or, without
  // any, the word every paper holds.
  function pagefindTerm(q) {
    if (q.id) return `"${q.id}"`;
    if (!q.words.length && q.phrases.length === 1) return `"${q.phrases[0]}"`;
    const words = [...q.words, ...q.phrases];
    return words.length ? words.join(" ") : everyPaper();
  }

  // The query as a visitor would type it back (the chips' "remove" writes it).
  function queryText(q) {
    const quote = (p) => `"${p}"`;
    const minus = (w) => (/\s/.test(w) ? `-"${w}"` : `-${w}`);
    return [...q.words, ...q.phrases.map(quote), ...q.without.map(minus)].join(" ");
  }

  function fold(text) {
    return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  }

  // The query's words as Pagefind reads them (punctuation dropped), folded.
  function queryWords(text) {
    return fold(text).split(/\s+/).map((w) => w.replace(/[^\p{L}\p{N}]/gu, "")).filter(Boolean);
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

  // The bundle a result comes from, by its listing day (a filter of every record).
  function bundleOf(manifest, data) {
    const month = dayOf(data).slice(0, 7);
    const bundle = manifest.bundles.find((b) => b.first <= month && month <= b.last);
    return bundle ? bundle.name : "";
  }

  function dayOf(data) {
    return ((data.filters && data.filters[rules.sort_filters.newest]) || [""])[0];
  }

  const verdicts = new Map(); // "bundle\0query" → whether that bundle's results hold the query (a promise)

  // Whether a bundle's results are the query's. When no word of a bundle begins with a word of
  // the query, Pagefind falls back on the longest word of that bundle that begins it (the
  // initial "Z." of an author for "zevexlo"): then every result of that bundle is beside the
  // point, whatever the filters, so any one of them tells: ``data``, one already fetched, or
  // else the bundle's best. (Exact searches never fall back.)
  function holdsQuery(index, name, asked, data) {
    if (!asked || isPhrase(asked)) return Promise.resolve(true);
    const key = `${name}\0${asked}`;
    if (!verdicts.has(key)) {
      const words = queryWords(asked);
      const one = data ? Promise.resolve(data)
        : index.pf.search(asked, { filters: { bundle: name } }).then((s) => (s.results.length ? s.results[0].data() : null));
      verdicts.set(key, one.then((d) => !d || holdsWords(d, words)));
    }
    return verdicts.get(key);
  }

  const NOTHING = { results: [], filters: {} }; // a search that found nothing

  // How many results each bundle gave a search (Pagefind counts the filter each bundle answers to).
  function perBundle(search) {
    return (search.filters && search.filters.bundle) || {};
  }

  // One search over the bundles these filters need (all of them without a year). Pagefind
  // searches each merged bundle and ranks their results together: one search costs what the
  // bundles hold, where a search per bundle searched every bundle each time.
  async function searchIndex(index, asked, filters) {
    const names = bundlesOf(index.manifest, filters);
    if (!names.length) return NOTHING; // a year without papers (Pagefind takes an empty "any" as no filter)
    await index.use(names, asked);
    return index.pf.search(asked, { filters: pagefindFilters(index.manifest, filters) });
  }

  // ``search`` without the bundles that fell back (holdsQuery): itself when none did.
  async function verified(index, asked, filters, search) {
    const counts = perBundle(search);
    const names = Object.keys(counts).filter((name) => counts[name] > 0);
    const held = await Promise.all(names.map((name) => holdsQuery(index, name, asked)));
    const fallen = new Set(names.filter((_, i) => !held[i]));
    if (!fallen.size) return search;
    const kept = bundlesOf(index.manifest, filters).filter((name) => !fallen.has(name));
    if (!kept.length) return NOTHING;
    return index.pf.search(asked, { filters: pagefindFilters(index.manifest, filters, kept) });
  }

  // What a query leaves out of what Pagefind found for its words: papers that lack one of its
  // phrases (when it has words too), and papers that hold a word or phrase it excludes.
  // Each is one exact search, which never falls back on a shorter word: "-video" leaves out
  // "video" and "videos", not "vide…". Null when nothing is left out.
  async function leftOut(index, q, filters) {
    const holding = pagefindTerm(q).startsWith('"') ? [] : q.phrases;
    if (!holding.length && !q.without.length) return null;
    const ids = async (text) => new Set((await searchIndex(index, `"${text}"`, filters)).results.map((r) => r.id));
    const [held, excluded] = await Promise.all([Promise.all(holding.map(ids)), Promise.all(q.without.map(ids))]);
    return (id) => held.some((set) => !set.has(id)) || excluded.some((set) => set.has(id));
  }

  // Filter counts of a search; a year's, its bundles' results.
  function countsOf(search) {
    const { bundle, ...counts } = search.filters || {};
    counts.year = {};
    for (const [name, n] of Object.entries(bundle || {})) {
      if (n) counts.year[name.slice(0, 4)] = (counts.year[name.slice(0, 4)] || 0) + n;
    }
    return counts;
  }

  // ``counts`` less the papers of ``dropped`` (results), counted from their own data; null when
  // there are too many to fetch (the filters then show no counts rather than wrong ones).
  async function countsWithout(counts, dropped) {
    if (!dropped.length) return counts;
    if (dropped.length > MAX_LEFT_OUT_COUNTED) return null;
    const out = Object.fromEntries(Object.entries(counts).map(([key, values]) => [key, { ...values }]));
    for (const data of await Promise.all(dropped.map((r) => r.data()))) {
      const values = { ...data.filters, year: [dayOf(data).slice(0, 4)] };
      for (const [key, list] of Object.entries(values)) {
        if (!out[key]) continue;
        for (const value of list) if (out[key][value]) out[key][value] -= 1;
      }
    }
    return out;
  }

  // Where a result matched, from the word positions Pagefind returns with it (no fetch): the
  // record's first ``title_span`` positions are its title's (generator/site/search_records.py).
  // Tiers, best first: 0 the phrase in the title (or an author's full name), 1 every word in
  // the title, 2 the phrase elsewhere, 3 the rest. ``together``: id → the exact search's result
  // for the words as a phrase (the first place it holds them); ``exact``: the search itself was one.
  function tierOf(result, q, together, exact) {
    const span = rules.title_span;
    const authors = (r) => (r.matchedMetaFields || []).includes("authors");
    if (exact) return result.words[0] < span || authors(result) ? 0 : 2;
    const phrase = together && together.get(result.id);
    if (phrase && (phrase.words[0] < span || authors(phrase))) return 0;
    const inTitle = new Set(result.words.filter((w) => w < span)).size;
    if (inTitle >= Math.max(1, q.words.length + q.phrases.length)) return 1;
    return phrase ? 2 : 3;
  }

  // Pagefind's results in the archive's order: by tier (tierOf), then by Pagefind's score (its
  // weights), then as Pagefind gave them (the stable sort keeps it); upvotes order the results
  // of equal tier and score once their data is fetched (``next``).
  async function ranked(index, q, asked, filters, results) {
    if (q.id) return results;
    const exact = isPhrase(asked);
    let together = null;
    if (!exact && q.words.length > 1 && !q.phrases.length) {
      // The words as written, one after the other: a phrase of a title, an author's full name.
      const search = await searchIndex(index, `"${q.words.join(" ")}"`, filters);
      together = new Map(search.results.map((r) => [r.id, r]));
    }
    const keyed = results.map((r) => ({ r, tier: tierOf(r, q, together, exact) }));
    keyed.sort((a, b) => a.tier - b.tier || b.r.score - a.r.score);
    return keyed.map(({ r, tier }) => Object.assign(r, { tier }));
  }

  // The sorts are filters of their own (the manifest's sort_filters): a paper's upvotes, and its
  // listing day (YYYY-MM-DD). As Pagefind sorts, they would sit in the metadata that every first
  // search downloads (a third of it); as filters, only a visitor who sorts fetches them.
  function sortBy(sort) {
    const key = rules.sort_filters[sort];
    if (sort === "upvotes") return { key, higher: (a, b) => Number(b) - Number(a) };
    if (sort === "newest") return { key, higher: (a, b) => (a < b ? 1 : a > b ? -1 : 0) };
    return null;
  }

  // A query's results in the order asked, fetched a page at a time: { total, counts (when the
  // filters' data was loaded; null when they cannot be counted), next(n) → the next n papers'
  // data, settle() → whether total and counts changed as the bundles that fell back (holdsQuery)
  // were left out }. In relevance order the first results show before every bundle is checked:
  // those shown are checked one by one (their bundles with them), the other bundles by settle(),
  // which the caller runs after.
  async function query(index, { term, filters, sort }) {
    const q = parseQuery(term);
    const asked = pagefindTerm(q);
    const by = Object.hasOwn(SORTS, sort) ? sortBy(sort) : null;
    if (by) await index.loadFilters([by.key], asked); // so that the searches count its values
    const [first, drops] = await Promise.all([searchIndex(index, asked, filters), leftOut(index, q, filters)]);
    const kept = (results) => (drops ? results.filter((r) => !drops(r.id)) : results);
    const countsKept = (search) => countsWithout(countsOf(search), drops ? search.results.filter((r) => drops(r.id)) : []);
    if (by) {
      const search = await verified(index, asked, filters, first);
      const counts = await countsKept(search);
      const next = sorted(index, asked, filters, search, by, (counts || countsOf(search))[by.key] || {}, drops);
      return { total: kept(search.results).length, counts, next, settle: () => Promise.resolve(false), q };
    }
    const results = { total: kept(first.results).length, counts: await countsKept(first), q };
    let list = kept(await ranked(index, q, asked, filters, first.results));
    let settling = null;
    results.settle = () => {
      settling = settling || verified(index, asked, filters, first).then(async (search) => {
        if (search === first) return false;
        list = kept(await ranked(index, q, asked, filters, search.results)); // the same order, less the bundles that fell back
        Object.assign(results, { total: kept(search.results).length, counts: await countsKept(search) });
        return true;
      });
      return settling;
    };
    const seen = new Set(); // ids shown, or left out as their bundle fell back
    let at = 0; // in list
    let from = list;
    results.next = async (n) => {
      const out = [];
      for (;;) {
        if (from !== list) [from, at] = [list, 0]; // settled: those seen are skipped
        if (out.length >= n || at >= from.length) return out;
        const batch = [];
        for (; at < from.length && batch.length < n - out.length; at += 1) if (!seen.has(from[at].id)) batch.push(from[at]);
        const papers = await Promise.all(batch.map((r) => r.data()));
        const held = await Promise.all(papers.map((d) => holdsQuery(index, bundleOf(index.manifest, d), asked, d)));
        for (const r of batch) seen.add(r.id);
        const shown = batch.map((r, i) => ({ r, d: papers[i], i })).filter((_, i) => held[i]);
        // Equal tier and score (an exact search scores every match alike): the most upvoted first.
        shown.sort((a, b) => a.r.tier - b.r.tier || b.r.score - a.r.score || upvotes(b.d) - upvotes(a.d) || a.i - b.i);
        out.push(...shown.map((s) => s.d));
        if (held.includes(false)) await results.settle();
      }
    };
    return results;
  }

  // Papers by a sort filter's values, highest first, and by relevance within one value. The
  // counts say how many papers each value holds (at most, when ``drops`` leaves some out), so a
  // page of results asks for just the values it needs: one search for the values it shows
  // whole, one for the value it stops inside.
  function sorted(index, asked, filters, search, { key, higher }, valueCounts, drops) {
    const values = Object.keys(valueCounts).filter((v) => valueCounts[v] > 0).sort(higher);
    const counts = perBundle(search);
    const bundles = Object.keys(counts).filter((name) => counts[name] > 0);
    const inBundles = pagefindFilters(index.manifest, filters, bundles);
    const searchFor = async (some) => {
      const { results } = await index.pf.search(asked, { filters: { ...inBundles, [key]: { any: some } } });
      return drops ? results.filter((r) => !drops(r.id)) : results;
    };
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
            const results = await searchFor(values.slice(at, end));
            const papers = await Promise.all(results.map((r) => r.data()));
            out.push(...papers.sort((a, b) => higher(valueOf(a), valueOf(b)))); // stable: by relevance within a value
            at = end;
            continue;
          }
          inside = { results: await searchFor([values[at]]), shown: 0 };
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

  // For each filter, how many papers each of its values would give, the other filters kept
  // (null when they cannot be counted). ``counts`` are the query's own (its searches ran with
  // the filters' data loaded), or undefined.
  async function facetCounts(index, term, filters, counts) {
    const q = parseQuery(term);
    const asked = pagefindTerm(q);
    await index.loadFilters(rules.filters, asked);
    filtersDone = true;
    const countsFor = async (some) => {
      const [search, drops] = await Promise.all([searchIndex(index, asked, some), leftOut(index, q, some)]);
      const checked = await verified(index, asked, some, search);
      return countsWithout(countsOf(checked), drops ? checked.results.filter((r) => drops(r.id)) : []);
    };
    const all = counts === undefined ? await countsFor(filters) : counts;
    if (!all) return null;
    const out = {};
    for (const key of Object.keys(filters)) {
      const some = filters[key] ? await countsFor({ ...filters, [key]: "" }) : all;
      if (!some) return null;
      out[key] = some[key] || {};
    }
    return out;
  }

  // -- "Did you mean" ------------------------------------------------------------------------

  const vocabularies = new Map(); // bundle name → Promise of Map(word → papers)

  // A bundle's words (its vocabulary file: "<papers>\t<word> <word> …" lines), fetched once.
  function vocabularyOf(name) {
    if (!vocabularies.has(name)) {
      const url = new URL(`${name}/${rules.vocabulary}`, MANIFEST);
      vocabularies.set(name, fetch(url).then((r) => (r.ok ? r.text() : "")).then((text) => {
        const words = new Map();
        for (const line of text.split("\n")) {
          const [n, list] = line.split("\t");
          if (list) for (const word of list.split(" ")) words.set(word, Number(n));
        }
        return words;
      }));
    }
    return vocabularies.get(name);
  }

  // Optimal string alignment distance (edits, a swap of two letters counting one), or more than
  // ``most`` as soon as it cannot be at most that.
  function distance(a, b, most) {
    if (Math.abs(a.length - b.length) > most) return most + 1;
    let before = null;
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i += 1) {
      const row = [i];
      let least = i;
      for (let j = 1; j <= b.length; j += 1) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        let d = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
        row.push(d);
        least = Math.min(least, d);
      }
      if (least > most) return most + 1;
      [before, previous] = [previous, row];
    }
    return previous[b.length];
  }

  // Queries to try instead of ``term``, each with a word the index lacks (no word of the
  // searched bundles begins with it) replaced by the closest words it has, the commonest first.
  async function suggestions(index, term, filters) {
    const q = parseQuery(term);
    if (q.id) return [];
    const names = bundlesOf(index.manifest, filters);
    const words = new Map();
    for (const vocabulary of await Promise.all(names.map(vocabularyOf))) {
      for (const [word, n] of vocabulary) words.set(word, (words.get(word) || 0) + n);
    }
    const known = (w) => words.has(w) || [...words.keys()].some((v) => v.startsWith(w));
    const closest = (w) => {
      const most = w.length <= 4 ? 1 : 2;
      const found = [];
      for (const [v, n] of words) {
        const d = distance(w, v, most);
        if (d <= most) found.push({ v, d, n });
      }
      return found.sort((a, b) => a.d - b.d || b.n - a.n || (a.v < b.v ? -1 : 1)).map((f) => f.v);
    };
    const replace = (text, word, by) => text.replace(new RegExp(`(?<![\\p{L}\\p{N}])${word}(?![\\p{L}\\p{N}])`, "giu"), by);
    const unknown = [...new Set(queryWords([...q.words, ...q.phrases].join(" ")))].filter((w) => w.length > 2 && !known(w));
    const better = new Map(unknown.map((w) => [w, closest(w).slice(0, 3)]));
    const best = (text, except) => unknown.reduce((t, w) => (w === except || !better.get(w).length ? t : replace(t, w, better.get(w)[0])), text);
    // Every unknown word replaced by its closest first, then the next closest of each.
    const out = [best(term)];
    for (const w of unknown) for (const other of better.get(w).slice(1)) out.push(replace(best(term, w), w, other));
    return [...new Set(out)].filter((text) => text !== term).slice(0, 3);
  }

  // -- One result -------------------------------------------------------------------------

  function upvotes(data) {
    return Number(data.meta.upvotes) || 0;
  }

  // The record's URL is its day page's and the paper's anchor (the rules' record_url:
  // "{page}{anchor}.html"); the day is the record's listing-day filter.
  function paperLink(data, term) {
    const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const shape = escape(rules.record_url).replace(escape("{page}"), "(.*/)").replace(escape("{anchor}"), "([^/]+)");
    const [, page, anchor] = data.url.match(new RegExp(`^${shape}$`)) || [null, data.url, ""];
    const url = new URL(page, location.href);
    if (term) url.searchParams.set(HIGHLIGHT_PARAM, term);
    url.hash = anchor;
    const date = dayOf(data).match(/^(\d{4})-(\d{2})-(\d{2})$/);
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

  // The snippet: EXCERPT_WORDS words of the abstract or AI summary around most of the matched
  // words (Pagefind's word positions), those marked. Made here rather than taken from Pagefind,
  // whose excerpt would often be the title the record starts with (its first title_span
  // positions), and built from text nodes and <mark> only: nothing can ever become markup.
  function excerptNodes(data) {
    const words = (data.content || "").split(/\s+/);
    const span = rules.title_span;
    const matched = new Set((data.locations || []).filter((at) => at >= span));
    let start = span;
    let best = -1;
    for (const at of matched) {
      const from = Math.max(span, at - Math.floor(EXCERPT_WORDS / 3));
      let n = 0;
      for (const other of matched) if (other >= from && other < from + EXCERPT_WORDS) n += 1;
      if (n > best) [best, start] = [n, from];
    }
    start = Math.max(span, Math.min(start, words.length - EXCERPT_WORDS));
    const nodes = [];
    let text = start > span ? "… " : "";
    for (let at = start; at < Math.min(words.length, start + EXCERPT_WORDS); at += 1) {
      if (matched.has(at)) {
        nodes.push(document.createTextNode(text), element("mark", "", words[at]));
        text = " ";
      } else {
        text += `${words[at]} `;
      }
    }
    if (start + EXCERPT_WORDS < words.length) text = `${text.trimEnd()} …`;
    nodes.push(document.createTextNode(text.trimEnd()));
    return nodes;
  }

  // The first authors, then any other that the query names (every word of it begins a word of
  // the name): a search for an author shows why the paper came up.
  function byline(data, term) {
    const authors = (data.meta.authors || "").split(rules.list_separator).filter(Boolean);
    const words = term ? fold(term).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 1) : [];
    const names = (author) => {
      const parts = fold(author).split(/[^\p{L}\p{N}]+/u);
      return words.length > 0 && words.every((w) => parts.some((part) => part.startsWith(w)));
    };
    const picked = []; // indexes into authors
    authors.forEach((author, i) => {
      if (i < AUTHORS_SHOWN || (picked.length < 2 * AUTHORS_SHOWN && names(author))) picked.push(i);
    });
    const parts = [];
    picked.forEach((i, k) => {
      if (k > 0 && i > picked[k - 1] + 1) parts.push("…");
      parts.push(authors[i]);
    });
    let text = parts.join(", ");
    if (picked.length && picked[picked.length - 1] < authors.length - 1) text += " et al.";
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
    const authors = byline(data, term);
    if (authors) facts.append(element("span", "pf-authors", authors));
    if (data.meta.org) facts.append(element("span", "pf-org", data.meta.org));
    if (term && data.meta.id && term.includes(data.meta.id)) facts.append(element("span", "pf-id", `arXiv ${data.meta.id}`));
    article.append(facts);
    const pattern = term && termsPattern(term);
    if (pattern) for (const part of [title, ...facts.querySelectorAll(".pf-authors, .pf-org, .pf-id")]) markMatches(part, pattern, "");
    const excerpt = element("p", "pf-excerpt");
    excerpt.append(...excerptNodes(data));
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
    for (const [key, value] of Object.entries(state.filters || {})) if (value) url.searchParams.set(key, value);
    if (state.sort && state.sort !== "relevance") url.searchParams.set("sort", state.sort);
    return url;
  }

  // "Did you mean …?", each alternative a link (to the search page, for a new tab) that a click
  // searches in place; hidden without alternatives.
  function showSuggestions(box, alternatives, href, pick) {
    box.replaceChildren();
    box.hidden = !alternatives.length;
    if (!alternatives.length) return;
    box.append("Did you mean ");
    alternatives.forEach((text, i) => {
      if (i) box.append(i === alternatives.length - 1 ? " or " : ", ");
      const link = element("a", "pf-suggestion", text);
      link.href = href(text);
      link.addEventListener("click", (event) => {
        event.preventDefault();
        pick(text);
      });
      box.append(link);
    });
    box.append("?");
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

  let root = null;
  let toggle = null;
  let header = null;

  function setUpHeader() {
    const form = root.querySelector("[data-pf-form]");
    const input = root.querySelector("[data-pf-query]");
    const meta = root.querySelector("[data-pf-meta]");
    const list = root.querySelector("[data-pf-list]");
    const all = root.querySelector("[data-pf-all]");
    const suggest = root.querySelector("[data-pf-suggest]");
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

    // A search that fails on the way (the network gone, an index changed under the page) says
    // so, rather than "searching" for ever.
    async function run(value) {
      const mine = ++seq;
      try {
        await show(value, mine);
      } catch (error) {
        console.warn("search failed:", error);
        if (mine !== seq) return;
        meta.textContent = SEARCH_FAILED;
        root.dataset.pfState = "failed";
      }
    }

    async function show(value, mine) {
      const term = value.trim();
      if (!term) {
        list.replaceChildren();
        showSuggestions(suggest, []);
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
      showSuggestions(suggest, []);
      tell(term, results.total);
      root.dataset.pfTerm = term; // which query the list now answers (tests wait on it)
      const changed = await results.settle(); // the other bundles checked
      if (mine !== seq) return;
      if (changed) tell(term, results.total);
      if (results.total <= FEW_RESULTS) {
        const alternatives = await suggestions(index, term, {});
        if (mine !== seq) return;
        showSuggestions(suggest, alternatives, (text) => searchPageUrl({ term: text }).href, (text) => {
          input.value = text;
          run(text);
          input.focus();
        });
      }
      root.dataset.pfState = "done";
    }

    function tell(term, total) {
      meta.textContent = total
        ? `${plural(total, "paper")} ${total === 1 ? "matches" : "match"} “${term}”`
        : `No paper matches “${term}”`;
      showAll(term, total);
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

  // The search page's filters, as its form names them (docs/search.md): year, month, topic, org.
  function pageFilters() {
    return [...document.querySelectorAll("[data-search-filter]")].map((select) => select.dataset.searchFilter);
  }

  function readState(params) {
    const filters = {};
    for (const key of pageFilters()) filters[key] = (params.get(key) || "").trim();
    const sort = params.get("sort");
    return { term: (params.get("q") || "").trim(), filters, sort: Object.hasOwn(SORTS, sort ?? "") ? sort : "relevance" };
  }

  function setUpSearchPage(page) {
    const input = page.querySelector("[data-search-input]");
    const form = page.querySelector("[data-search-form]");
    const status = page.querySelector("[data-search-status]");
    const list = page.querySelector("[data-search-results]");
    const more = page.querySelector("[data-search-more]");
    const chips = page.querySelector("[data-search-chips]");
    const suggest = page.querySelector("[data-search-suggest]");
    const sortSelect = page.querySelector("[data-search-sort]");
    const FILTERS = pageFilters();
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
      more.hidden = batch.length < PAGE_RESULTS || list.children.length >= results.total;
    }

    async function run() {
      const mine = ++seq;
      try {
        await show(mine);
      } catch (error) {
        console.warn("search failed:", error);
        if (mine !== seq) return;
        status.textContent = SEARCH_FAILED;
        page.dataset.searchState = "failed";
      }
    }

    async function show(mine) {
      const { term, filters } = state;
      const filtered = FILTERS.some((key) => filters[key]);
      if (!term && !filtered) {
        list.replaceChildren();
        showChips(parseQuery(""));
        showSuggestions(suggest, []);
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
      results = await query(index, { term, filters, sort });
      if (mine !== seq) return;
      list.replaceChildren();
      showSuggestions(suggest, []);
      await showMore(mine);
      if (mine !== seq) return;
      const matching = term ? ` “${term}”` : "";
      const withFilters = filtered ? (term ? " with these filters" : " these filters") : "";
      const order = sort === "relevance" ? "best match" : SORTS[sort].toLowerCase();
      const tell = (total) => {
        status.textContent = total
          ? `${plural(total, "paper")} ${total === 1 ? "matches" : "match"}${matching}${withFilters}, ${order} first`
          : `No paper matches${matching}${withFilters}.`;
        if (list.children.length >= total) more.hidden = true;
      };
      tell(results.total);
      showChips(results.q);
      page.dataset.searchState = "results";
      page.dataset.searchQuery = searchPageUrl(state).search; // which state the list answers (tests wait on it)
      const changed = await results.settle(); // the other bundles checked
      if (mine !== seq) return;
      if (changed) tell(results.total);
      if (term && results.total <= FEW_RESULTS) {
        const alternatives = await suggestions(index, term, filters);
        if (mine !== seq) return;
        showSuggestions(suggest, alternatives, (text) => searchPageUrl({ ...state, term: text }).href, (text) => {
          input.value = text;
          state = { ...state, term: text };
          writeUrl(true);
          run();
        });
      }
      const counts = await facetCounts(index, term, filters, filtersReady ? results.counts : undefined);
      if (mine !== seq) return;
      fillOptions(counts);
      page.dataset.searchState = "done";
    }

    // What the query leaves out, each a chip that puts it back (the query in the box and the URL
    // keep it as typed: "-video", '-"text to video"').
    function showChips(q) {
      chips.replaceChildren(...q.without.map((part) => {
        const chip = element("button", "paper-search__chip", `without ${/\s/.test(part) ? `“${part}”` : part}`);
        chip.type = "button";
        chip.setAttribute("aria-label", `Stop leaving out ${part}`);
        chip.addEventListener("click", () => {
          const text = queryText({ ...q, without: q.without.filter((w) => w !== part) });
          input.value = text;
          state = { ...state, term: text };
          writeUrl(true);
          run();
          input.focus();
        });
        return chip;
      }));
      chips.hidden = !q.without.length;
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
    more.addEventListener("click", () => showMore(seq).catch((error) => {
      console.warn("search failed:", error);
      status.textContent = SEARCH_FAILED;
    }));

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

  // The query's phrases as written and its words as the start of a word; never what it leaves out.
  function termsPattern(query) {
    const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const q = parseQuery(query);
    const parts = [
      ...q.phrases.map((p) => p.split(/\s+/).map(escape).join("\\s+")),
      ...q.words.map((w) => w.replace(/^["']+|["']+$/g, "")).filter((w) => w.length > 1)
        .map((w) => escape(w.length > 3 ? w.replace(/s$/i, "") : w) + "[\\p{L}\\p{N}]*"),
    ];
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

  // This file runs from the page's head (generator/theme/main.html), before the page and the
  // theme's scripts: a search page opened with a query in its URL starts on the index at once,
  // its query's index chunks included, while the page itself loads.
  const params = new URLSearchParams(location.search);
  if (location.pathname === searchPage.pathname && [...params.keys()].length) {
    loadBundles({ year: params.get("year") || "" })
      .then(() => loadEngine())
      .then((index) => index.pf && index.pf.preload(pagefindTerm(parseQuery(params.get("q") || ""))))
      .catch(() => {});
  }

  // The rest once the page is there (the theme's scripts have run by then: its instant
  // navigation's document$ tells of each page it shows).
  function start() {
    root = document.querySelector("[data-pf-search]");
    toggle = document.getElementById("__search");
    header = root && toggle ? setUpHeader() : null;
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(onPage);
    } else {
      onPage();
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start, { once: true });
  } else {
    start();
  }
})();
