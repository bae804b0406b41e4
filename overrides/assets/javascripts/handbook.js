/* The handbook's own behaviour, in plain JavaScript (no libraries, no network):
   - print buttons print the page;
   - method and tip overviews filter their cards by theme, audience and duration;
   - Material's search (the offline copy only) gets Dutch stemming and mended results.
   Everything here is an enhancement: without JavaScript the buttons and filter
   forms stay hidden and every card is shown. */
(function () {
  "use strict";

  function setUpPrint() {
    document.querySelectorAll("[data-hb-print]").forEach(function (button) {
      button.hidden = false;
      var note = button.closest("dl") && button.closest("dl").querySelector(".hb-print__button-note");
      if (note) { note.hidden = false; }
      button.addEventListener("click", function () { window.print(); });
    });
  }

  // A card matches when it has every chosen value; duration: its shortest time fits the time you have.
  function matches(card, key, value) {
    if (!value) return true;
    if (key === "duration-min") {
      var min = parseInt(card.getAttribute("data-duration-min"), 10);
      return !isNaN(min) && min <= parseInt(value, 10);
    }
    var values = (card.getAttribute("data-" + key) || "").split(" ");
    return values.indexOf(value) !== -1;
  }

  function setUpFilter(form) {
    var scope = form.closest("article") || document;
    var cards = Array.prototype.slice.call(scope.querySelectorAll("[data-hb-card]"));
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-hb-filter-key]"));
    var count = form.querySelector("[data-hb-filter-count]");
    var empty = scope.querySelector("[data-hb-filter-empty]");
    var plural = form.getAttribute("data-plural") || "pagina's";

    function apply(remember) {
      var shown = 0;
      cards.forEach(function (card) {
        var ok = selects.every(function (s) { return matches(card, s.getAttribute("data-hb-filter-key"), s.value); });
        card.hidden = !ok;
        if (ok) shown += 1;
      });
      var filtered = selects.some(function (s) { return s.value; });
      count.textContent = filtered ? shown + " van " + cards.length + " " + plural : cards.length + " " + plural;
      if (empty) empty.hidden = shown !== 0;
      if (remember && window.history && window.history.replaceState) {
        var params = new URLSearchParams(window.location.search);
        selects.forEach(function (s) { if (s.value) params.set(s.name, s.value); else params.delete(s.name); });
        var query = params.toString();
        window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
      }
    }

    // A filtered overview can be bookmarked or shared: choices live in the address (?theme=...).
    var params = new URLSearchParams(window.location.search);
    selects.forEach(function (s) {
      var wanted = params.get(s.name);
      if (wanted && Array.prototype.some.call(s.options, function (o) { return o.value === wanted; })) s.value = wanted;
      s.addEventListener("change", function () { apply(true); });
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply(false);
  }

  // Dutch search. Material's search worker adds a trailing '*' to every word, and lunr
  // leaves wildcard words out of the Dutch stemmer, so 'casusbesprekingen' would not find
  // 'casusbespreking'. Each plain word is therefore also sent as 'word~0': an exact match
  // (edit distance 0) that does go through the stemmer. The prefix search stays as it was.
  function withStems(query) {
    return query.split(/\s+/).filter(Boolean).map(function (word) {
      return /^[+\-]|[*~^:"]/.test(word) ? word : word + " " + word + "~0";
    }).join(" ");
  }

  var SEARCH_QUERY = 2; // Material's message type for a query to its search worker
  if (window.Worker && window.Worker.prototype.postMessage) {
    var post = window.Worker.prototype.postMessage;
    window.Worker.prototype.postMessage = function (message) {
      var args = Array.prototype.slice.call(arguments);
      if (message && message.type === SEARCH_QUERY && typeof message.data === "string") {
        args[0] = { type: SEARCH_QUERY, data: withStems(message.data) };
      }
      return post.apply(this, args);
    };
  }

  // Material's search (the offline copy): a result found through the stemmer says "Ontbreekt:
  // woord" although the word is right there, and its links end in an empty '?h=', so the
  // opened page highlights nothing. Each rendered result is mended: the false "Ontbreekt"
  // goes where the result has a highlighted word, and the links carry the words highlighted
  // in the result as the page writes them (else the typed words).
  function mendMaterialResults() {
    var list = document.querySelector("[data-md-component='search-result'] .md-search-result__list");
    var input = document.querySelector("[data-md-component='search-query']");
    if (!list || !input || !window.MutationObserver) return;
    function mend() {
      var words = input.value.trim();
      list.querySelectorAll(".md-search-result__article").forEach(function (article) {
        var missing = article.querySelector(".md-search-result__terms");
        if (missing && article.querySelector("mark")) missing.remove();
      });
      list.querySelectorAll("a.md-search-result__link[href*='?h=']").forEach(function (link) {
        var href = link.getAttribute("href");
        var marked = {};
        link.querySelectorAll("mark").forEach(function (m) { marked[m.textContent.toLowerCase()] = true; });
        var shown = Object.keys(marked).join(" ") || words;
        if (/[?&]h=(#|$)/.test(href) && shown) link.setAttribute("href", href.replace(/([?&]h=)(?=#|$)/, "$1" + encodeURIComponent(shown)));
      });
    }
    new MutationObserver(mend).observe(list, { childList: true, subtree: true });
  }

  function start() {
    mendMaterialResults();
    setUpPrint();
    document.querySelectorAll("form[data-hb-filter]").forEach(setUpFilter);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
