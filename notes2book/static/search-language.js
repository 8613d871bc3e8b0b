/* notes2book (notes2book/search.py): written into language_data.js after the site language's
   stemmer. A word is folded (lower case, accents removed) before it is stemmed, as the index's
   words were when the site was built. */
var notes2bookFold = function (word) {
  return word.toLowerCase().normalize("NFD").replace(/\p{Mn}/gu, "").normalize("NFC");
};
if (typeof Stemmer !== "undefined") {
  Stemmer = (function (Base) {
    return function () {
      var base = new Base();
      this.stemWord = function (word) {
        return base.stemWord(notes2bookFold(word));
      };
    };
  })(Stemmer);
}
/* Sphinx's scores, but a tag page, which lists notes by their titles, comes after the notes. */
var Scorer = {
  score: function (result) {
    var docname = result[0];
    return /(^|\/)_tags\//.test(docname) ? result[4] - 100 : result[4];
  },
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: {0: 15, 1: 5, 2: -5},
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,
};
