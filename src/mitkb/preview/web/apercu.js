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

  // A yellow band along one edge of the window, with a text.
  function band(role, edge, text) {
    var note = document.createElement("p");
    note.setAttribute("role", role);
    note.style.cssText = "position:fixed;" + edge + ":0;left:0;right:0;z-index:999;margin:0;padding:.5rem 1rem;" +
      "background:#fff3cd;color:#1a1a1a;font:0.9rem sans-serif;border-" + (edge === "top" ? "bottom" : "top") +
      ":1px solid #8a6d00";
    note.textContent = text;
    document.body.appendChild(note);
    return note;
  }

  function searchNotice() {
    if (location.pathname.indexOf("/recherche/") < 0) return;
    band("note", "bottom", "Aperçu : l'index de recherche est mis à jour quelques secondes après chaque " +
      "enregistrement ; les résultats peuvent avoir un temps de retard sur vos modifications.");
  }

  // After a change to data, the pages open when it was saved come first: the others follow.
  var pending = null;
  function pendingNotice(show) {
    if (!show) {
      if (pending) { pending.remove(); pending = null; }
    } else if (!pending) {
      pending = band("status", "top", "Aperçu en cours de mise à jour : les pages ouvertes au moment de " +
        "l'enregistrement sont à jour ; les autres pages et les documents à télécharger suivent " +
        "(cette page se rechargera d'elle-même).");
    }
  }

  function poll() {
    // The page's address tells the preview which pages are open: they are rendered first.
    fetch("/_apercu/etat.json?page=" + encodeURIComponent(location.pathname), { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (version !== null && state.version !== version && !state.erreurs.length) {
          location.reload();
          return;
        }
        version = state.version;
        errorBox(state.erreurs);
        pendingNotice(state.en_cours && !state.erreurs.length);
      })
      .catch(function () { /* the preview stopped or restarts: try again */ })
      .then(function () { setTimeout(poll, 300); });
  }

  searchNotice();
  poll();
})();
