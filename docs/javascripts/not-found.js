// The 404 page (generator/theme/404.html) reads the address for what the visitor meant, and
// goes there, or says what it tried. Only the site's own pages are asked (HEAD or GET, same site).
//
//   an arXiv id anywhere (/p/2608.20335/, /papers/2608.20335, /abs/2608.20335v2, /pdf/….pdf):
//       the paper's card on its day page, found in its short-link page /p/<yymm>/ (pages/permalink.py);
//   a day (/archive/2026/08/22/, /archive/2026/8/22, /2026-08-22): its page, or, for a day without
//       papers, the nearest days with papers, from its month's calendar;
//   a month or a year (/archive/2026/09/): its page, or what the archive has around it;
//   anything else: its words, ready in the search box.
(() => {
  "use strict";

  const ARXIV = /(?:^|[^0-9])([0-9]{4}\.[0-9]{4,5})(?:v[0-9]+)?(?![0-9])/;
  const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
  const pad = (n) => String(n).padStart(2, "0");

  async function exists(url) {
    try {
      const r = await fetch(url, { method: "HEAD" });
      return r.ok;
    } catch (e) {
      return false;
    }
  }

  async function page(url) {
    try {
      const r = await fetch(url);
      return r.ok ? new DOMParser().parseFromString(await r.text(), "text/html") : null;
    } catch (e) {
      return null;
    }
  }

  function go(url) {
    location.replace(url);
  }

  // The message: text and links, as DOM nodes (parts: strings, or [label, href]).
  function say(status, ...parts) {
    status.replaceChildren();
    for (const part of parts) {
      if (typeof part === "string") {
        status.append(part);
      } else {
        const a = document.createElement("a");
        a.textContent = part[0];
        a.href = part[1];
        status.append(a);
      }
    }
    status.hidden = false;
  }

  async function paper(id, root, status) {
    const shard = new URL(`p/${id.slice(0, 4)}/`, root);
    const doc = await page(shard);
    const entry = doc && doc.getElementById(id);
    const link = entry && entry.querySelector("a");
    if (link) return go(new URL(link.getAttribute("href"), shard).href + "");
    say(status, `The paper ${id} is not in this archive: it was looked for among the archive's papers with arXiv ids ${id.slice(0, 4)}.*. `,
      "It may not have been on Hugging Face Daily Papers, or not yet. See it on ",
      ["Hugging Face", `https://huggingface.co/papers/${id}`], " or ", ["arXiv", `https://arxiv.org/abs/${id}`], ".");
  }

  async function day(y, m, d, root, status) {
    const date = new Date(Date.UTC(y, m - 1, d));
    if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return month(y, m, root, status);
    const target = new URL(`archive/${y}/${pad(m)}/${pad(d)}/`, root);
    if (target.pathname !== location.pathname && await exists(target)) return go(target.href);
    const monthUrl = new URL(`archive/${y}/${pad(m)}/`, root);
    const calendar = await page(monthUrl);
    const name = `${WEEKDAYS[date.getUTCDay()]}, ${d} ${MONTHS[m - 1]} ${y}`;
    if (!calendar) return month(y, m, root, status, `No papers are in the archive for ${name}. `);
    const days = [...calendar.querySelectorAll("table.month-calendar td a")]
      .map((a) => ({ n: parseInt(a.textContent, 10), href: new URL(a.getAttribute("href"), monthUrl).href }))
      .filter((x) => x.n);
    const before = days.filter((x) => x.n < d).pop();
    const after = days.find((x) => x.n > d);
    const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
    const parts = [`No papers were listed on ${name}${weekend ? " (a weekend: the feed rarely lists any)" : ""}, so it has no page. `];
    if (before) parts.push("The day before with papers: ", [`${before.n} ${MONTHS[m - 1]}`, before.href], ". ");
    if (after) parts.push("The next: ", [`${after.n} ${MONTHS[m - 1]}`, after.href], ". ");
    parts.push("Every day of the month: ", [`${MONTHS[m - 1]} ${y}`, monthUrl.href], ".");
    say(status, ...parts);
  }

  async function month(y, m, root, status, lead = "") {
    if (m < 1 || m > 12) return year(y, root, status, lead);
    const target = new URL(`archive/${y}/${pad(m)}/`, root);
    if (target.pathname !== location.pathname && await exists(target)) return go(target.href);
    return year(y, root, status, lead || `The archive holds no papers for ${MONTHS[m - 1]} ${y}. `);
  }

  async function year(y, root, status, lead = "") {
    const target = new URL(`archive/${y}/`, root);
    const archive = new URL("archive/", root);
    if (await exists(target)) {
      if (!lead) return go(target.href);
      return say(status, lead, "Its year: ", [String(y), target.href], "; or every month of the ", ["archive", archive.href], ".");
    }
    say(status, lead || "", `The archive holds no papers for ${y}. Every month it holds is in the `, ["archive", archive.href], ".");
  }

  async function guess(root, status, query) {
    const path = decodeURIComponent(location.pathname.startsWith(root.pathname)
      ? location.pathname.slice(root.pathname.length) : location.pathname);
    const id = ARXIV.exec(path);
    if (id) return paper(id[1], root, status);
    let m = /(?:^|\/)archive\/([0-9]{4})\/([0-9]{1,2})\/([0-9]{1,2})(?:\/|\.html|$)/.exec(path)
      || /(?:^|[^0-9])([0-9]{4})-([0-9]{2})-([0-9]{2})(?![0-9])/.exec(path);
    if (m) return day(+m[1], +m[2], +m[3], root, status);
    m = /(?:^|\/)archive\/([0-9]{4})\/([0-9]{1,2})(?:\/|\.html|$)/.exec(path);
    if (m) return month(+m[1], +m[2], root, status);
    m = /(?:^|\/)archive\/([0-9]{4})(?:\/|$)/.exec(path);
    if (m) return year(+m[1], root, status);
    m = /^(topics|orgs)\/([^/]+)/.exec(path);
    if (m) {
      const index = new URL(`${m[1]}/`, root);
      const what = m[1] === "topics" ? "topic" : "organization";
      return say(status, `This archive has no ${what} “${m[2]}”. All of them: `, [m[1] === "topics" ? "Topics" : "Organizations", index.href], ".");
    }
    const words = path.replace(/\.html?$/, "").split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 1 && w !== "index");
    if (words.length) {
      query.value = words.join(" ");
      const search = new URL("search/", root);
      search.searchParams.set("q", query.value);
      say(status, "Nothing is at this address. Did you mean ", [`papers about “${query.value}”`, search.href], "?");
    }
  }

  function start() {
    const box = document.querySelector("[data-not-found]");
    if (!box || box.dataset.guessed) return;
    box.dataset.guessed = "1";
    const root = new URL(box.dataset.siteRoot.replace(/\/?$/, "/"), location.href);
    guess(root, box.querySelector("[data-not-found-status]"), box.querySelector("[data-not-found-query]"));
  }

  if (typeof document$ !== "undefined") document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
