/* The site's own script, one file loaded after Sphinx's searchtools.js: its panels
   (notes2book/siteui.py), then its search (notes2book/search.py). */

/* The site's panels on every width. pydata-sphinx-theme and sphinx-book-theme bind the menu (☰)
   and contents buttons to the FIRST `.primary-toggle` / `.secondary-toggle` of the page: the
   header's, which sphinx-book-theme never shows (pydata-sphinx-theme#2451). The buttons a reader
   sees, in the article's header, do nothing. Here a click on a visible button is passed on to the
   bound one, so the themes' own code opens the panel: a dialog on narrow screens, the sidebar
   shown or hidden on wide ones. The buttons also say whether their panel is open. */
(function () {
  "use strict";
  function ready(callback) {
    if (document.readyState !== "loading") {
      callback();
    } else {
      document.addEventListener("DOMContentLoaded", callback);
    }
  }
  var PANELS = {
    "primary-toggle": ["pst-primary-sidebar", "pst-primary-sidebar-modal"],
    "secondary-toggle": ["pst-secondary-sidebar", "pst-secondary-sidebar-modal"],
  };
  /* sphinx-book-theme shows or hides the menu in place from 992 px on; below, and for the
     contents at any width where its button shows, the themes open a dialog. */
  var WIDE = window.matchMedia("(min-width: 992px)");
  function isOpen(kind) {
    var sidebar = document.getElementById(PANELS[kind][0]);
    var dialog = document.getElementById(PANELS[kind][1]);
    if (kind === "primary-toggle" && WIDE.matches) {
      return !!sidebar && !sidebar.classList.contains("pst-sidebar-hidden");
    }
    return !!dialog && dialog.open;
  }
  ready(function () {
    Object.keys(PANELS).forEach(function (kind) {
      var bound = document.querySelector("." + kind);
      var buttons = Array.prototype.filter.call(document.querySelectorAll("." + kind), function (button) {
        return button !== bound;
      });
      if (!bound) {
        return;
      }
      function update() {
        var open = isOpen(kind);
        buttons.forEach(function (button) {
          button.setAttribute("aria-expanded", open ? "true" : "false");
        });
      }
      buttons.forEach(function (button) {
        button.setAttribute("aria-controls", PANELS[kind][0]);
        button.addEventListener("click", function (event) {
          event.preventDefault();
          bound.click();
          update();
        });
      });
      var dialog = document.getElementById(PANELS[kind][1]);
      if (dialog) {
        /* After the theme's own listener has put the panel back in its place. */
        dialog.addEventListener("close", function () { setTimeout(update, 0); });
      }
      window.addEventListener("resize", update);
      update();
    });
  });
})();

/* Hover previews (notes2book/pageassets.py): their scripts are loaded on the first pointer or
   keyboard focus on a link of the page's text, then the link that asked is shown its preview. */
(function (script) {
  "use strict";
  var addresses = script && script.getAttribute("data-previews");
  if (!addresses) {
    return;
  }
  var started = false;
  function load(event) {
    var link = event.target.closest && event.target.closest("article.bd-article a[href]");
    if (!link || started) {
      return;
    }
    started = true;
    var urls = addresses.split(" ");
    var last = null;
    urls.forEach(function (url) {
      last = document.head.appendChild(document.createElement("script"));
      last.async = false;  /* run in this order: Popper, Tippy, the page's previews */
      last.src = url;
    });
    last.addEventListener("load", function () {
      /* sphinx-tippy's page script sets up its previews in `window.onload`, past by now (else
         the browser calls it). */
      if (typeof window.onload === "function" && document.readyState === "complete") {
        window.onload();
      }
      if (link.matches(":hover")) {
        link.dispatchEvent(new MouseEvent("mouseenter"));
      } else if (document.activeElement === link) {
        link.dispatchEvent(new FocusEvent("focus"));
      }
    });
  }
  document.addEventListener("pointerover", load, {passive: true});
  document.addEventListener("focusin", load);
})(document.currentScript);

/* The site's search (notes2book/search.py).

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
