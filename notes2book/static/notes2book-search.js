/* The site's search (notes2book/search.py), loaded after Sphinx's searchtools.js.

   - Extracts under the results come from the article's own text: not the download links,
     buttons or a diagram's source (the text Graphviz leaves inside its <object>).
   - The query's words are found in that text with or without their accents, and marked.
   - The index is loaded when a search starts, not with every page. */
(function () {
  "use strict";
  if (typeof Search === "undefined") {
    return;
  }
  var fold = typeof notes2bookFold === "function" ? notes2bookFold : function (word) {
    return word.toLowerCase();
  };
  var NOT_TEXT = "h1, .headerlink, script, style, .graphviz, object, svg, button, .downloads, .download, .math, " +
    ".dossier, .toctree-wrapper, .prev-next-area";
  var LETTER = /[\p{L}\p{N}]/u;

  Search.htmlToText = function (htmlString, anchor) {
    var page = new DOMParser().parseFromString(htmlString, "text/html");
    var article = page.querySelector("article.bd-article") || page.querySelector('[role="main"]');
    if (!article) {
      return "";
    }
    article.querySelectorAll(NOT_TEXT).forEach(function (element) {
      element.remove();
    });
    var part = anchor ? article.querySelector(anchor) : null;
    return (part || article).textContent.replace(/\s+/g, " ").trim();
  };

  /* `text` folded one UTF-16 unit at a time, so that a position in one is a position in the other. */
  function foldInPlace(text) {
    var out = "";
    for (var i = 0; i < text.length; i += 1) {
      var folded = fold(text[i]);
      out += folded.length === 1 ? folded : text[i].toLowerCase().length === 1 ? text[i].toLowerCase() : text[i];
    }
    return out;
  }

  /* Where each word starting with one of `stems` begins and ends in `text`, in order. */
  function matches(text, stems) {
    var folded = foldInPlace(text);
    var found = [];
    stems.forEach(function (stem) {
      stem = fold(stem);
      if (!stem) {
        return;
      }
      for (var at = folded.indexOf(stem); at > -1; at = folded.indexOf(stem, at + 1)) {
        if (at > 0 && LETTER.test(text[at - 1])) {
          continue;  /* inside a word */
        }
        var end = at + stem.length;
        while (end < text.length && LETTER.test(text[end])) {
          end += 1;
        }
        found.push([at, end]);
      }
    });
    return found.sort(function (a, b) { return a[0] - b[0]; });
  }

  Search.makeSearchSummary = function (htmlText, keywords, anchor) {
    var text = Search.htmlToText(htmlText, anchor);
    if (text === "") {
      return null;
    }
    var found = matches(text, Array.from(keywords));
    var start = found.length ? Math.max(found[0][0] - 120, 0) : 0;
    var end = Math.min(start + 240, text.length);
    var summary = document.createElement("p");
    summary.classList.add("context");
    summary.appendChild(document.createTextNode(start > 0 ? "…" : ""));
    var at = start;
    found.forEach(function (range) {
      if (range[0] < at || range[1] > end) {
        return;
      }
      summary.appendChild(document.createTextNode(text.slice(at, range[0])));
      var mark = summary.appendChild(document.createElement("span"));
      mark.className = "highlighted";
      mark.textContent = text.slice(range[0], range[1]);
      at = range[1];
    });
    summary.appendChild(document.createTextNode(text.slice(at, end) + (end < text.length ? "…" : "")));
    return summary;
  };

  /* The index, on the first search of a page that does not load it. */
  var requested = false;
  var performSearch = Search.performSearch;
  Search.performSearch = function (query) {
    if (!Search.hasIndex() && !requested && !document.querySelector('script[src$="searchindex.js"]')) {
      requested = true;
      Search.loadIndex(document.documentElement.dataset.content_root + "searchindex.js");
    }
    return performSearch(query);
  };
})();
