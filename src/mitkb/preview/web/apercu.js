// Preview only (mitkb previsualiser): reload when the site changes, show content errors over the page.
(function () {
  "use strict";
  var version = null;
  var box = null;

  function errorBox(errors) {
    if (!errors.length) {
      if (box) { box.remove(); box = null; }
      return;
    }
    if (!box) {
      box = document.createElement("section");
      box.setAttribute("role", "alert");
      box.setAttribute("aria-labelledby", "mitkb-apercu-titre");
      box.style.cssText = "position:fixed;inset:1rem 1rem auto 1rem;z-index:1000;max-height:80vh;overflow:auto;" +
        "background:#fff;color:#1a1a1a;border:3px solid #b00020;padding:1rem;font:0.9rem/1.4 monospace;" +
        "box-shadow:0 4px 16px rgba(0,0,0,.3)";
      document.body.appendChild(box);
    }
    box.textContent = "";
    var title = document.createElement("h2");
    title.id = "mitkb-apercu-titre";
    title.style.cssText = "margin:0 0 .5rem;font:bold 1.1rem sans-serif;color:#b00020";
    title.textContent = errors.length + (errors.length > 1 ? " erreurs" : " erreur") +
      " dans le contenu : l'aperçu montre la dernière version valide et se mettra à jour dès la correction.";
    var list = document.createElement("pre");
    list.style.cssText = "white-space:pre-wrap;margin:0";
    list.textContent = errors.join("\n\n");
    box.appendChild(title);
    box.appendChild(list);
  }

  function searchNotice() {
    if (location.pathname.indexOf("/recherche/") < 0) return;
    var note = document.createElement("p");
    note.setAttribute("role", "note");
    note.style.cssText = "position:fixed;bottom:0;left:0;right:0;z-index:999;margin:0;padding:.5rem 1rem;" +
      "background:#fff3cd;color:#1a1a1a;font:0.9rem sans-serif;border-top:1px solid #8a6d00";
    note.textContent = "Aperçu : l'index de recherche est mis à jour quelques secondes après chaque " +
      "enregistrement ; les résultats peuvent avoir un temps de retard sur vos modifications.";
    document.body.appendChild(note);
  }

  function poll() {
    fetch("/_apercu/etat.json", { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (version !== null && state.version !== version && !state.erreurs.length) {
          location.reload();
          return;
        }
        version = state.version;
        errorBox(state.erreurs);
      })
      .catch(function () { /* the preview stopped or restarts: try again */ })
      .then(function () { setTimeout(poll, 300); });
  }

  searchNotice();
  poll();
})();
