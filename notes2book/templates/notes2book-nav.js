/* The course navigation of the left sidebar, shared by every page of the site (written once per
   build by notes2book/navigation.py, the tree given below as the theme renders it, its links
   written from the site's root). Loaded without `defer` from the sidebar: the tree is in place
   before the page is first drawn, and before the theme's scripts look for the current entry. */
(function (tree) {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.parentNode) {
    return;
  }
  var page = script.getAttribute("data-page");  /* this page, from the site's root */
  var folders = page.split("/").slice(0, -1);
  /* The address of `target` (from the site's root) from this page, as Sphinx writes it. */
  function fromPage(target) {
    var parts = target.split("/");
    var same = 0;
    while (same < folders.length && same < parts.length - 1 && folders[same] === parts[same]) {
      same += 1;
    }
    return "../".repeat(folders.length - same) + parts.slice(same).join("/");
  }
  var holder = document.createElement("div");
  holder.innerHTML = tree;
  var current = null;
  holder.querySelectorAll("a.reference.internal[href]").forEach(function (link) {
    var href = link.getAttribute("href");
    if (href === page && current === null) {
      current = link;
      link.setAttribute("href", "#");  /* as Sphinx links a page to itself */
    } else if (!/^([a-z][a-z0-9+.-]*:|\/|#)/i.test(href)) {
      link.setAttribute("href", fromPage(href));
    }
  });
  if (current !== null) {
    /* Sphinx's marks: the link, and every list and item above it, are `current`; pydata's: the
       items are also `active`, and their toggles open. */
    current.classList.add("current");
    current.setAttribute("aria-current", "page");
    for (var node = current.parentElement; node && node !== holder; node = node.parentElement) {
      var part = node.classList.contains("toctree-l0");  /* a caption the theme made a toggle */
      if (node.tagName === "LI" && !part) {
        node.classList.add("current", "active");
      } else if (node.tagName === "UL" && !node.classList.contains("list-caption")) {
        node.classList.add("current");
      }
      if (node.tagName === "LI") {
        for (var child = node.firstElementChild; child; child = child.nextElementSibling) {
          if (child.tagName === "DETAILS") {
            child.setAttribute("open", "open");
          }
        }
      }
    }
  }
  while (holder.firstChild) {
    script.parentNode.insertBefore(holder.firstChild, script);
  }
})
