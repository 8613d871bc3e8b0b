/* Draws the page's Mermaid diagrams (<pre class="mermaid">) with the site's own mermaid.js.
   Notes are untrusted text: securityLevel "strict" keeps their labels text and their clicks inert.
   The diagrams follow the theme's light or dark mode, and are drawn again when it changes. */
(function () {
  "use strict";
  var blocks = Array.prototype.slice.call(document.querySelectorAll("pre.mermaid"));
  // Kept before drawing: mermaid replaces each block's text with its drawing.
  var sources = blocks.map(function (block) { return block.textContent; });
  function theme() {
    return document.documentElement.dataset.theme === "dark" ? "dark" : "default";
  }
  var drawn = theme();
  mermaid.initialize({ startOnLoad: true, securityLevel: "strict", theme: drawn });
  new MutationObserver(function () {
    if (theme() === drawn) { return; }
    drawn = theme();
    blocks.forEach(function (block, i) {
      block.removeAttribute("data-processed");
      block.textContent = sources[i];
    });
    mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: drawn });
    mermaid.run({ nodes: blocks });
  }).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
})();
