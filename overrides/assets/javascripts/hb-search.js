/* The handbook's site search: Material's search box, Pagefind behind it, the handbook's
   Dutch analysis around it (issue 14).
   - Nothing is downloaded until someone focuses the box or types: then Pagefind's small
     entry files, and per query only the index chunks that query needs.
   - The query loses its question and function words ("hoe organiseer ik een roadshow" ->
     "organiseer roadshow"): Pagefind wants every word of a query on a page.
   - Readers' pages only, unless "ook pagina's voor bijdragers" is ticked: pages without the
     filter 'deel' (only contributor pages have it, so the filter file stays small).
   - A word the handbook never uses: each unknown word is looked up in the handbook's vocabulary
     (hb-search/woorden/<first two letters>.json, written by the build) and the closest word
     replaces it: "Bedoelde je laaggeletterdheid?", with the results for that.
   - Filters for type, theme, place and audience (Pagefind filters 'type', 'thema', 'plaats', 'voor'), with the
     number of results for each value. Their data is fetched only after the first results are
     shown (pagefind.filters()), so the first query costs no more bytes. A value's count is
     what choosing it would give: counted with the other filters, not its own.
   - A result opens its page with ?highlight=..., where Pagefind's highlight script marks
     the words (loaded only on such a page).
   The correction mirrors handbook.search.vocabulary.correct (Python), which the tests check. */
(function () {
  "use strict";

  var box = document.querySelector("[data-hb-search]");
  var root = new URL((box ? box.getAttribute("data-hb-base") : document.documentElement.getAttribute("data-hb-base")) || ".", window.location.href);
  if (root.href.slice(-1) !== "/") root = new URL(root.href + "/");
  var HIGHLIGHT = "highlight";
  var SHOWN = 10;

  // On a page opened from a result: mark the searched words in the page's own text.
  if (new URLSearchParams(window.location.search).has(HIGHLIGHT) && window.location.protocol !== "file:") {
    import(new URL("pagefind/pagefind-highlight.js", root).href).then(function () {
      /* global PagefindHighlight */
      new PagefindHighlight({ highlightParam: HIGHLIGHT, markContext: "[data-pagefind-body]" });
    }).catch(function () {});
  }

  if (!box) return;
  var input = box.querySelector("[data-hb-search-input]");
  var status = box.querySelector("[data-hb-search-status]");
  var suggest = box.querySelector("[data-hb-search-suggest]");
  var list = box.querySelector("[data-hb-search-results]");
  var contributors = box.querySelector("[data-hb-search-contributors]");
  var filterBox = box.querySelector("[data-hb-search-filters]");
  var selects = Array.prototype.slice.call(box.querySelectorAll("[data-hb-filter]"));
  var filtersReady = null;
  var toggle = document.getElementById("__search");
  var engine = null;
  var shards = {};
  var latest = 0;
  box.hidden = false;

  function load() {
    if (!engine) {
      engine = Promise.all([
        import(new URL("pagefind/pagefind.js", root).href).then(function (pagefind) {
          return pagefind.options({
            bundlePath: new URL("pagefind/", root).href,
            baseUrl: root.pathname,
            highlightParam: HIGHLIGHT,
            excerptLength: 22,
            ranking: { metaWeights: { title: 5.0, kern: 5.0, termen: 1.0, description: 1.5, type: 0.0 } }
          }).then(function () { pagefind.init(); return pagefind; });
        }),
        fetch(new URL("hb-search/analysis.json", root).href).then(function (r) { return r.json(); })
      ]).then(function (parts) {
        return {
          pagefind: parts[0], stop: new Set(parts[1].stopwords), shards: new Set(parts[1].shards),
          alternatives: parts[1].alternatives || {}
        };
      });
      engine.catch(function () { engine = null; });
    }
    return engine;
  }

  // Lower case without accents, as the handbook's analysis folds: 'Enquête' -> 'enquete'.
  function fold(word) {
    return word.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/['\u2019]s$/, "");
  }

  function words(text) {
    return text.match(/[\p{L}\p{N}]+(?:['\u2019][\p{L}]+)?/gu) || [];
  }

  function queryWords(text, stop) {
    var all = words(text);
    var kept = all.filter(function (w) { return !stop.has(fold(w)); });
    return kept.length ? kept : all;
  }

  function shardKey(word) {
    return word.slice(0, 2).replace(/[^a-z0-9]/g, "_");
  }

  function shard(word, known) {
    var key = shardKey(word);
    if (!known.has(key)) return Promise.resolve({});
    if (!shards[key]) {
      shards[key] = fetch(new URL("hb-search/woorden/" + key + ".json", root).href)
        .then(function (r) { return r.ok ? r.json() : {}; })
        .catch(function () { return {}; });
    }
    return shards[key];
  }

  // Damerau-Levenshtein distance, cut off above limit (as handbook.search.vocabulary.distance).
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var before = [], prev = [], i, j;
    for (j = 0; j <= b.length; j++) prev.push(j);
    for (i = 1; i <= a.length; i++) {
      var cur = [i], low = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, before[j - 2] + 1);
        cur.push(v);
        if (v < low) low = v;
      }
      if (low > limit) return limit + 1;
      before = prev; prev = cur;
    }
    return prev[b.length];
  }

  // The closest known word for an unknown one; null when the word is known or begins a
  // known word (Pagefind finds that as typed), or nothing is close enough.
  function correctWord(word, shardKeys) {
    var folded = fold(word);
    if (folded.length < 3 || !/^\p{L}+$/u.test(folded)) return Promise.resolve(null);
    return shard(folded, shardKeys).then(function (known) {
      if (Object.prototype.hasOwnProperty.call(known, folded)) return null;
      var words = Object.keys(known);
      if (words.some(function (w) { return w.indexOf(folded) === 0; })) return null;
      var limit = folded.length <= 5 ? 1 : 2, best = null;
      words.forEach(function (candidate) {
        var d = distance(folded, candidate, limit);
        if (d > limit) return;
        var key = [d, -known[candidate], candidate];
        if (!best || key[0] < best[0] || (key[0] === best[0] && (key[1] < best[1] || (key[1] === best[1] && key[2] < best[2])))) best = key;
      });
      return best ? best[2] : null;
    });
  }

  // Whether two words differ only at their end ('oudercafes', 'oudercafe'): another form
  // of the same word, which the search found already.
  function inflection(a, b) {
    var same = 0;
    while (same < a.length && same < b.length && a[same] === b[same]) same++;
    return same >= Math.min(a.length, b.length) - 1;
  }

  function correctQuery(list, shardKeys, foundAny) {
    return Promise.all(list.map(function (w) { return correctWord(w, shardKeys); })).then(function (found) {
      var changed = false;
      var out = list.map(function (w, i) {
        if (found[i] && !(foundAny && inflection(fold(w), found[i]))) { changed = true; return found[i]; }
        return w;
      });
      return changed ? out.join(" ") : null;
    });
  }

  // The handbook's order (handbook.search.order, the same for `handbook search`): among the
  // first results, a page whose title names what was searched first, then one whose
  // description does, then the shorter title; otherwise Pagefind's order.
  function names(word, query) {
    if (word.indexOf(query) === 0) return true;
    if (query.indexOf(word) === 0 && word.length >= 3 && query.length - word.length <= 3) return true;
    return query.length >= 6 && word.indexOf(query) !== -1;
  }

  function textWords(text, stop) {
    return words(text || "").map(fold).filter(function (w) { return !stop.has(w); });
  }

  function named(list, queries, alternatives) {
    return queries.filter(function (q) {
      var forms = [q].concat(alternatives[q] || []);
      return forms.some(function (f) { return list.some(function (w) { return names(w, f); }); });
    }).length;
  }

  function handbookOrder(found, text, e) {
    var all = words(text).map(fold);
    var queries = all.filter(function (w) { return !e.stop.has(w); });
    if (!queries.length) queries = all;
    var keyed = found.map(function (data, i) {
      var title = textWords(data.meta && data.meta.title, e.stop);
      var inTitle = named(title, queries, e.alternatives);
      var inDescription = named(textWords(data.meta && data.meta.description, e.stop), queries, e.alternatives);
      return { data: data, key: [-inTitle, -inDescription, inTitle || inDescription ? title.length : 0, i] };
    });
    keyed.sort(function (a, b) {
      for (var k = 0; k < a.key.length; k++) if (a.key[k] !== b.key[k]) return a.key[k] - b.key[k];
      return 0;
    });
    return keyed.map(function (x) { return x.data; });
  }

  function say(text) { status.textContent = text; }

  function counted(n) { return n === 1 ? "1 resultaat" : n + " resultaten"; }

  function render(results, query, corrected, original, e) {
    list.textContent = "";
    suggest.hidden = !corrected;
    suggest.textContent = "";
    if (corrected) {
      suggest.appendChild(document.createTextNode("Bedoelde je "));
      var use = document.createElement("button");
      use.type = "button";
      use.className = "hb-search__correction";
      use.textContent = corrected;
      use.addEventListener("click", function () { input.value = corrected; run(); input.focus(); });
      suggest.appendChild(use);
      suggest.appendChild(document.createTextNode("? Hieronder de resultaten daarvoor, niet voor \u2018" + original + "\u2019."));
    }
    var narrowed = selects.some(function (select) { return select.value; });
    var by = selects.filter(function (select) { return select.value; }).map(function (select) { return select.value; });
    say(results.length ? counted(results.length) + (by.length ? " (" + by.join(", ") + ")" : "") : narrowed
      ? "Geen resultaten voor \u2018" + query + "\u2019 met deze filters. Kies bij een filter \u2018Alle\u2019 of zoek een ander woord."
      : "Geen resultaten voor \u2018" + query + "\u2019. Probeer een ander of korter woord.");
    return Promise.all(results.slice(0, SHOWN).map(function (r) { return r.data(); })).then(function (found) {
      handbookOrder(found, query, e).forEach(function (data) {
        var item = document.createElement("li");
        item.className = "md-search-result__item";
        var link = document.createElement("a");
        link.className = "md-search-result__link";
        link.href = data.url;
        var article = document.createElement("article");
        article.className = "md-search-result__article md-typeset";
        var type = document.createElement("p");
        type.className = "hb-search__type";
        type.textContent = (data.meta && data.meta.type) || "";
        var title = document.createElement("h1");
        title.textContent = (data.meta && data.meta.title) || data.url;
        var excerpt = document.createElement("p");
        excerpt.className = "hb-search__excerpt";
        if (data.locations && data.locations.length) {
          excerpt.innerHTML = data.excerpt; // Pagefind escapes the page text; only <mark> is added
        } else {
          // Found through its title or the handbook's extra terms: the description says what it is.
          excerpt.textContent = (data.meta && data.meta.description) || data.plain_excerpt || "";
        }
        article.appendChild(type);
        article.appendChild(title);
        article.appendChild(excerpt);
        link.appendChild(article);
        item.appendChild(link);
        list.appendChild(item);
      });
    });
  }

  // The filters chosen: readers' pages unless asked otherwise, and each select's value.
  function chosen(leaveOut) {
    var filters = contributors.checked ? {} : { not: { deel: "bijdragers" } };
    selects.forEach(function (select) {
      var name = select.getAttribute("data-hb-filter");
      if (select.value && name !== leaveOut) filters[name] = select.value;
    });
    return filters;
  }

  function fill(select, counts) {
    var current = select.value;
    var values = Object.keys(counts).filter(function (v) { return counts[v] > 0 || v === current; });
    values.sort(function (a, b) { return a.localeCompare(b, "nl"); });
    select.textContent = "";
    var all = document.createElement("option");
    all.value = "";
    all.textContent = select.getAttribute("data-hb-filter-all");
    select.appendChild(all);
    values.forEach(function (value) {
      var option = document.createElement("option");
      option.value = value;
      option.textContent = value + " (" + (counts[value] || 0) + ")";
      select.appendChild(option);
    });
    select.value = current;
  }

  // After the results: the filters' values with their counts for this query. Pagefind counts
  // only filters whose data it has; that data is fetched once, here, after the first results.
  function updateFilters(e, query, mine) {
    if (!filtersReady) {
      filtersReady = e.pagefind.filters();
      filtersReady.catch(function () { filtersReady = null; });
    }
    return filtersReady.then(function () {
      return Promise.all(selects.map(function (select) {
        var name = select.getAttribute("data-hb-filter");
        return e.pagefind.search(query, { filters: chosen(name) }).then(function (r) {
          return (r.filters && r.filters[name]) || {};
        });
      }));
    }).then(function (counts) {
      if (mine !== latest) return;
      selects.forEach(function (select, i) { fill(select, counts[i]); });
      // Nothing found and nothing chosen: nothing to refine.
      filterBox.hidden = !selects.some(function (select) { return select.value || select.options.length > 1; });
      box.setAttribute("data-hb-search-filtered", input.value.trim()); // for tests and tools
    }).catch(function () {});
  }

  function run() {
    var text = input.value.trim();
    var mine = ++latest;
    if (!text) {
      list.textContent = "";
      suggest.hidden = true;
      filterBox.hidden = true;
      say("Typ om te zoeken");
      return Promise.resolve();
    }
    if (window.location.protocol === "file:") {
      say("Zoeken werkt niet in een kopie die van schijf is geopend. Download de offline versie: zie \u2018Offline gebruiken\u2019 onderaan de pagina.");
      return Promise.resolve();
    }
    return load().then(function (e) {
      var kept = queryWords(text, e.stop);
      var filters = chosen();
      var query = kept.join(" ");
      return e.pagefind.search(query, { filters: filters }).then(function (found) {
        if (mine !== latest) return null;
        // A word the handbook does not use found nothing, or found pages only by resemblance:
        // the results of the best correction are shown instead, when it finds any.
        return correctQuery(kept, e.shards, found.results.length > 0).then(function (corrected) {
          if (!corrected || mine !== latest) return [found.results, query, null];
          return e.pagefind.search(corrected, { filters: filters }).then(function (better) {
            return better.results.length ? [better.results, corrected, corrected] : [found.results, query, null];
          });
        });
      }).then(function (outcome) {
        if (!outcome || mine !== latest) return null;
        return render(outcome[0], outcome[1], outcome[2], text, e).then(function () {
          if (mine !== latest) return null;
          box.setAttribute("data-hb-search-done", text); // for tests and tools
          return updateFilters(e, outcome[1], mine);
        });
      });
    }).catch(function () {
      if (mine === latest) say("Zoeken lukt nu niet. Laad de pagina opnieuw en probeer het nog eens.");
    });
  }

  var timer = null;
  function soon() {
    clearTimeout(timer);
    timer = setTimeout(run, 120);
  }

  // Keyboard order: the results area takes the focus only while it shows something (the search
  // is open and a query typed); otherwise it is inert, so Tab goes from the search field on to the
  // rest of the page, not to a status line or checkbox nobody sees. Leaving the search with the
  // focus closes it, so its overlay never hides the element that has the focus.
  var output = box.querySelector(".md-search__output");

  function settle() {
    output.inert = !((!toggle || toggle.checked) && input.value.trim());
  }

  function setOpen(open) {
    if (!toggle || toggle.checked === open) return settle();
    toggle.checked = open;
    toggle.dispatchEvent(new Event("change")); // as a click on Material's label would
  }

  input.addEventListener("focus", function () {
    setOpen(true);
    load();
  });
  input.addEventListener("input", function () {
    settle();
    load();
    soon();
  });
  box.addEventListener("focusout", function (event) {
    var next = event.relatedTarget;
    if (next && !box.contains(next)) setOpen(false);
  });
  contributors.addEventListener("change", run);
  selects.forEach(function (select) { select.addEventListener("change", run); });
  box.querySelector("form").addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) window.location.href = first.href;
  });
  box.querySelector("form").addEventListener("reset", function () {
    setTimeout(function () { settle(); run(); }, 0);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      setOpen(false);
      input.blur();
    }
  });
  if (toggle) {
    toggle.addEventListener("change", function () {
      settle();
      if (toggle.checked) input.focus();
    });
  }
  settle();
  window.hbSearch = { run: run, load: load };
})();
