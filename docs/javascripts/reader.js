// The reader's tools, kept in the browser: nothing here sends anything anywhere.
//
//   1. "Cite" on every paper (a card on its day page, a compact card in a list): its BibTeX,
//      made from what the card shows (title, every author, arXiv id, publication date), in a
//      dialog to copy or download;
//   2. "Save" on every paper: a reading list in this browser's localStorage, shown and
//      exported (BibTeX, CSV, Markdown) on the /list/ page (docs/list.md);
//   3. a filter box over a long index (the organizations: <ol data-filter-list>).
//
// A card is any element with data-paper (its id, which is also its anchor on its day page)
// and data-day (its listing day); generator/render/templates/ writes them. A day page's card
// follows its heading (h2#<id>) and lists every author; a compact card shows the first three,
// so citing or saving one reads the card on its day page (same site, fetched once) for the rest.
// Text reaches the page through textContent and DOM nodes only, never as markup.
(() => {
  "use strict";

  const STORE = "hf-daily-papers-archive:reading-list";
  const dayPages = new Map(); // URL of a day page → Promise of its parsed document

  // ---- What a card says about its paper -------------------------------------------------

  const clean = (s) => (s || "").replace(/\s+/g, " ").trim();

  function titleOf(card) {
    const own = card.querySelector(".paper-item__title, .home-tile__title");
    if (own) return clean(own.textContent).replace(/^\d+\.\s+/, "");
    const heading = card.ownerDocument.getElementById(card.dataset.paper);
    if (!heading) return "";
    const copy = heading.cloneNode(true);
    copy.querySelectorAll(".headerlink").forEach((a) => a.remove());
    return clean(copy.textContent);
  }

  // A day page's card lists every author: "A, B, C, <details><summary>+N more</summary>D, E</details>".
  function authorsOf(card) {
    const list = card.querySelector(".paper-authors");
    if (!list) return [];
    const copy = list.cloneNode(true);
    copy.querySelectorAll("summary").forEach((s) => s.remove());
    return clean(copy.textContent)
      .split(/,\s+/)
      .map((a) => a.replace(/,$/, "").trim())
      .filter(Boolean);
  }

  function linkOf(card, label) {
    const a = [...card.querySelectorAll(".paper-links > a")].find((l) =>
      l.firstChild && l.firstChild.textContent.trim() === label);
    return a ? a.href : "";
  }

  // The thumbnail the card shows (the Hub's image server, http(s) only), for the list page.
  function thumbOf(card) {
    const img = card.querySelector("img");
    return img && /^https?:/.test(img.src) ? img.src : "";
  }

  const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const shortDate = (iso) => iso ? `${parseInt(iso.slice(8, 10), 10)} ${MONTH_NAMES[parseInt(iso.slice(5, 7), 10) - 1]} ${iso.slice(0, 4)}` : "";

  function paperOf(card) {
    const id = card.dataset.paper;
    const published = card.querySelector(".paper-published time");
    const org = card.querySelector(".paper-org");
    const upvotes = card.querySelector(".paper-upvotes");
    const full = card.matches(".paper-card");
    const dayLink = card.querySelector("a.paper-day");
    const title = card.querySelector(".paper-item__title a, .home-tile__title");
    const heading = full ? card.ownerDocument.getElementById(id) : null;
    const hub = heading ? heading.querySelector("a:not(.headerlink)") : title;
    return {
      id,
      title: titleOf(card),
      authors: full ? authorsOf(card) : [],
      complete: full,
      day: card.dataset.day || (dayLink && dayLink.querySelector("time") ? dayLink.querySelector("time").getAttribute("datetime") : ""),
      published: published ? published.getAttribute("datetime") : "",
      organization: org ? clean(org.textContent) : "",
      upvotes: upvotes ? parseInt(upvotes.textContent.replace(/[^\d]/g, ""), 10) || 0 : 0,
      hub: hub && /^https:\/\/huggingface\.co\//.test(hub.href) ? hub.href : "",
      arxiv: linkOf(card, "arXiv"),
      pdf: linkOf(card, "PDF"),
      github: linkOf(card, "GitHub"),
      project: linkOf(card, "Project page"),
      page: full ? new URL("#" + id, location.href).href : (dayLink ? dayLink.href : ""),
      thumb: thumbOf(card),
    };
  }

  // The paper as its day page's card tells it (every author): from this page when it is
  // there, else from its day page, fetched once per page.
  async function fullPaper(card) {
    const paper = paperOf(card);
    if (paper.complete || !paper.page) return paper;
    const url = new URL(paper.page);
    url.hash = "";
    if (!dayPages.has(url.href)) {
      dayPages.set(url.href, fetch(url.href).then((r) => {
        if (!r.ok) throw new Error(`HTTP ${r.status}`);
        return r.text();
      }).then((html) => new DOMParser().parseFromString(html, "text/html")));
    }
    try {
      const doc = await dayPages.get(url.href);
      const other = [...doc.querySelectorAll(".paper-card[data-paper]")].find((c) => c.dataset.paper === paper.id);
      if (!other) return paper;
      const found = paperOf(other);
      return { ...paper, ...found, upvotes: paper.upvotes || found.upvotes, page: paper.page, hub: found.hub || paper.hub,
               arxiv: found.arxiv ? new URL(found.arxiv, url).href : paper.arxiv, complete: true };
    } catch (e) {
      dayPages.delete(url.href);
      return paper;
    }
  }

  // ---- BibTeX, CSV, Markdown ------------------------------------------------------------

  const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

  // LaTeX's special characters, so that any title or name is a valid field.
  function tex(s) {
    return clean(s).replace(/[\\{}&%$#_^~]/g, (c) => ({
      "\\": "\\textbackslash{}", "{": "\\{", "}": "\\}", "&": "\\&", "%": "\\%", "$": "\\$",
      "#": "\\#", "_": "\\_", "^": "\\textasciicircum{}", "~": "\\textasciitilde{}",
    })[c]);
  }

  function ascii(s) {
    return (s || "").normalize("NFKD").replace(/[^A-Za-z0-9]/g, "").toLowerCase();
  }

  function citeKey(paper) {
    const first = paper.authors[0] || "";
    const last = ascii(first.split(" ").pop()) || "paper";
    const year = (paper.published || paper.day).slice(0, 4);
    const word = (paper.title.split(/\s+/).map(ascii).find((w) => w.length > 3 && !["with", "from", "that", "this", "towards", "toward"].includes(w)) || "");
    return `${last}${year}${word}` || ascii(paper.id) || "paper";
  }

  function bibtex(paper, key = citeKey(paper)) {
    const date = paper.published || paper.day;
    const fields = [["title", `{${tex(paper.title)}}`]];
    if (paper.authors.length) fields.push(["author", paper.authors.map(tex).join(" and ")]);
    if (date) {
      fields.push(["year", date.slice(0, 4)]);
      const month = parseInt(date.slice(5, 7), 10);
      if (month) fields.push(["month", MONTHS[month - 1]]);
    }
    if (paper.arxiv) {
      fields.push(["eprint", paper.id], ["archivePrefix", "arXiv"]);
    }
    const url = paper.arxiv || paper.hub || paper.page;
    if (url) fields.push(["url", url]);
    if (paper.day) fields.push(["note", `Hugging Face Daily Papers, ${paper.day}`]);
    const width = Math.max(...fields.map(([name]) => name.length));
    const body = fields.map(([name, value]) =>
      `  ${name.padEnd(width)} = ${name === "month" ? value : `{${value}}`}`).join(",\n");
    return `@misc{${key},\n${body}\n}\n`;
  }

  function bibliography(papers) {
    const seen = new Map();
    return papers.map((paper) => {
      let key = citeKey(paper);
      const n = seen.get(key) || 0;
      seen.set(key, n + 1);
      if (n) key += String.fromCharCode(96 + n + 1); // a second "smith2026model" is "smith2026modelb"
      return bibtex(paper, key);
    }).join("\n");
  }

  const CSV_COLUMNS = ["id", "title", "authors", "day", "published", "organization", "upvotes", "hub", "arxiv", "pdf", "github", "project"];

  function csvCell(value) {
    let s = Array.isArray(value) ? value.join("; ") : String(value ?? "");
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s; // a spreadsheet would run it as a formula
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  }

  function csv(papers) {
    const rows = [CSV_COLUMNS, ...papers.map((p) => CSV_COLUMNS.map((c) => p[c]))];
    return rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
  }

  function markdown(papers) {
    const esc = (s) => clean(s).replace(/([\\`*_{}\[\]()#+\-.!|<>])/g, "\\$1");
    const lines = ["# Reading list", ""];
    for (const p of papers) {
      const authors = p.authors.length > 3 ? p.authors.slice(0, 3).join(", ") + " et al." : p.authors.join(", ");
      const link = p.hub || p.arxiv || p.page;
      let line = `- ${link ? `[${esc(p.title)}](<${link}>)` : esc(p.title)}`;
      if (authors) line += ` — ${esc(authors)}`;
      if (p.day) line += ` (Daily Papers ${p.day})`;
      if (p.arxiv) line += ` · [arXiv ${p.id}](<${p.arxiv}>)`;
      lines.push(line);
    }
    return lines.join("\n") + "\n";
  }

  function download(name, type, text) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  // ---- The reading list: this browser's localStorage only ----------------------------------

  function readList() {
    try {
      const list = JSON.parse(localStorage.getItem(STORE) || "[]");
      return Array.isArray(list) ? list.filter((p) => p && typeof p.id === "string") : [];
    } catch (e) {
      return [];
    }
  }

  function writeList(list) {
    try {
      localStorage.setItem(STORE, JSON.stringify(list));
      return true;
    } catch (e) {
      return false; // storage disabled or full: the buttons say so
    }
  }

  const isSaved = (id) => readList().some((p) => p.id === id);

  function setSaved(paper, saved) {
    const list = readList().filter((p) => p.id !== paper.id);
    if (saved) list.push({ ...paper, added: new Date().toISOString().slice(0, 10) });
    return writeList(list);
  }

  // ---- The buttons on every card --------------------------------------------------------------

  function button(label, className, onClick) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = className;
    b.textContent = label;
    b.addEventListener("click", onClick);
    return b;
  }

  function showSaved(b, saved) {
    b.setAttribute("aria-pressed", saved ? "true" : "false");
    b.textContent = saved ? "Saved ✓" : "Save";
    b.title = saved ? "In your reading list (this browser only): press to remove" : "Add to your reading list (kept in this browser only)";
  }

  function enhanceCard(card) {
    const links = card.querySelector(".paper-links");
    if (!links || links.querySelector(".paper-cite")) return;
    const cite = button("Cite", "paper-cite", async () => openCite(await fullPaper(card), cite));
    cite.title = "BibTeX for this paper";
    cite.setAttribute("aria-haspopup", "dialog");
    const save = button("Save", "paper-save", async () => {
      const saved = save.getAttribute("aria-pressed") !== "true";
      showSaved(save, saved);
      const paper = saved ? await fullPaper(card) : paperOf(card);
      if (!setSaved(paper, saved)) {
        showSaved(save, !saved);
        save.title = "This browser does not let the site keep a reading list (storage is off)";
      }
    });
    save.dataset.paperSave = card.dataset.paper;
    showSaved(save, isSaved(card.dataset.paper));
    const before = links.querySelector(".paper-published");
    links.insertBefore(cite, before);
    links.insertBefore(save, before);
  }

  let dialog = null;

  function openCite(paper, opener) {
    if (!dialog) {
      dialog = document.createElement("dialog");
      dialog.className = "paper-cite-dialog";
      dialog.setAttribute("aria-labelledby", "paper-cite-title");
      const h = document.createElement("h2");
      h.id = "paper-cite-title";
      const area = document.createElement("textarea");
      area.readOnly = true;
      area.setAttribute("aria-label", "BibTeX");
      area.spellcheck = false;
      const actions = document.createElement("div");
      actions.className = "reader-actions";
      const copy = button("Copy", "md-button md-button--primary", async () => {
        try {
          await navigator.clipboard.writeText(area.value);
          copy.textContent = "Copied ✓";
        } catch (e) {
          area.select();
          copy.textContent = "Press Ctrl+C to copy";
        }
      });
      copy.dataset.citeCopy = "";
      const save = button("Download .bib", "md-button", () => download(`${dialog.dataset.key}.bib`, "application/x-bibtex", area.value));
      const close = button("Close", "md-button", () => dialog.close());
      actions.append(copy, save, close);
      dialog.append(h, area, actions);
      dialog.addEventListener("close", () => dialog.opener && dialog.opener.focus());
    }
    document.body.append(dialog); // instant navigation replaces the page's body content, not <body>
    const key = citeKey(paper);
    dialog.dataset.key = key;
    dialog.opener = opener;
    dialog.querySelector("h2").textContent = `Cite “${paper.title}”`;
    dialog.querySelector("textarea").value = bibtex(paper, key);
    dialog.querySelector("[data-cite-copy]").textContent = "Copy";
    if (!dialog.open) dialog.showModal();
    dialog.querySelector("textarea").focus();
    dialog.querySelector("textarea").select();
  }

  // ---- The /list/ page ---------------------------------------------------------------------------

  function renderListPage(root) {
    const list = readList();
    const status = root.querySelector("[data-list-status]");
    const items = root.querySelector("[data-list-items]");
    const actions = root.querySelector("[data-list-actions]");
    items.replaceChildren();
    actions.hidden = list.length === 0;
    status.textContent = list.length
      ? `${list.length} ${list.length === 1 ? "paper" : "papers"} saved in this browser, in the order you saved them.`
      : "Your reading list is empty: press “Save” on any paper of the archive to keep it here.";
    for (const paper of list) {
      const li = document.createElement("li");
      li.dataset.paper = paper.id;
      if (paper.thumb && /^https?:/.test(paper.thumb)) {
        const img = document.createElement("img");
        Object.assign(img, { src: paper.thumb, alt: `Preview of ${paper.id}`, loading: "lazy", referrerPolicy: "no-referrer" });
        img.width = 1200;
        img.height = 648;
        li.append(img);
      }
      const title = document.createElement("p");
      title.className = "paper-item__title";
      const a = document.createElement("a");
      a.href = paper.hub || paper.page || "#";
      a.textContent = paper.title || paper.id;
      title.append(a);
      const meta = document.createElement("p");
      meta.className = "paper-item__meta";
      const up = document.createElement("span");
      up.className = "paper-upvotes";
      up.textContent = `▲ ${paper.upvotes || 0}`;
      meta.append(up);
      const by = document.createElement("span");
      const authors = paper.authors || [];
      by.textContent = [paper.organization, authors.slice(0, 3).join(", ") + (authors.length > 3 ? " et al." : "")].filter(Boolean).join(" · ");
      meta.append(by);
      const links = document.createElement("p");
      links.className = "paper-links";
      if (paper.page && paper.day) {
        const day = document.createElement("a");
        day.className = "paper-day";
        day.href = paper.page;
        day.textContent = shortDate(paper.day);
        links.append(day);
      }
      for (const [label, href] of [["arXiv", paper.arxiv], ["PDF", paper.pdf], ["GitHub", paper.github], ["Project page", paper.project]]) {
        if (!href || !/^https?:/.test(href)) continue;
        const l = document.createElement("a");
        l.href = href;
        l.textContent = label;
        links.append(l);
      }
      links.append(button("Cite", "paper-cite", (e) => openCite(paper, e.currentTarget)));
      links.append(button("Remove", "paper-remove", () => {
        setSaved(paper, false);
        renderListPage(root);
        status.focus();
      }));
      li.append(title, meta, links);
      items.append(li);
    }
  }

  function wireListPage(root) {
    if (root.dataset.listReady) return renderListPage(root);
    root.dataset.listReady = "1";
    const papers = () => readList();
    const date = () => new Date().toISOString().slice(0, 10);
    root.querySelector("[data-export=bibtex]").addEventListener("click", () =>
      download(`reading-list-${date()}.bib`, "application/x-bibtex", bibliography(papers())));
    root.querySelector("[data-export=csv]").addEventListener("click", () =>
      download(`reading-list-${date()}.csv`, "text/csv", csv(papers())));
    root.querySelector("[data-export=markdown]").addEventListener("click", () =>
      download(`reading-list-${date()}.md`, "text/markdown", markdown(papers())));
    root.querySelector("[data-list-clear]").addEventListener("click", () => {
      if (confirm("Remove every paper from your reading list?")) {
        writeList([]);
        renderListPage(root);
      }
    });
    renderListPage(root);
  }

  // ---- A filter over a long index ---------------------------------------------------------------

  function wireFilter(list) {
    if (list.dataset.filterReady) return;
    list.dataset.filterReady = "1";
    const rows = [...list.children];
    const box = document.createElement("div");
    box.className = "index-filter";
    const label = document.createElement("label");
    label.htmlFor = `${list.id}-filter`;
    label.textContent = list.dataset.filterList;
    const input = document.createElement("input");
    input.type = "search";
    input.id = `${list.id}-filter`;
    input.autocomplete = "off";
    input.placeholder = list.dataset.filterPlaceholder || "";
    const status = document.createElement("span");
    status.className = "index-filter__status";
    status.setAttribute("role", "status");
    input.addEventListener("input", () => {
      const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      let shown = 0;
      for (const row of rows) {
        const text = row.dataset.filterText || row.textContent.toLowerCase();
        const match = words.every((w) => text.includes(w));
        row.hidden = !match;
        shown += match;
      }
      status.textContent = words.length ? `${shown} of ${rows.length}` : "";
    });
    box.append(label, input, status);
    list.before(box);
  }

  // ---- On every page, and again after each of Material's instant page changes ------------------

  function enhance() {
    document.querySelectorAll("[data-paper]").forEach(enhanceCard);
    document.querySelectorAll("[data-reading-list]").forEach(wireListPage);
    document.querySelectorAll("ol[data-filter-list]").forEach(wireFilter);
  }

  // Another tab saved or removed a paper: the buttons of this one follow.
  addEventListener("storage", (e) => {
    if (e.key !== STORE) return;
    document.querySelectorAll("[data-paper-save]").forEach((b) => showSaved(b, isSaved(b.dataset.paperSave)));
    document.querySelectorAll("[data-reading-list]").forEach(renderListPage);
  });

  if (typeof document$ !== "undefined") document$.subscribe(enhance);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", enhance);
  else enhance();

  // For the browser tests and anyone curious: the formats, from a console.
  window.readerTools = { bibtex, bibliography, csv, markdown, readList };
})();
