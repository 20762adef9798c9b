/* The book's forms (atelier/livre/formulaires.py renders them): the answers become one CSV file that
   the browser downloads. Nothing is sent anywhere; the page works opened from a folder, offline.
   CSV: UTF-8 with a BOM (Excel shows the accents), « ; » separator, one header row, CRLF. */
(function () {
  "use strict";

  function champ(valeur) {
    var texte = String(valeur === undefined || valeur === null ? "" : valeur);
    // A spreadsheet would run an answer that starts like a formula: a quote keeps it text
    // (atelier/evaluation.py removes it again when the trainer reads the files).
    if (/^[=+\-@\t]/.test(texte)) { texte = "'" + texte; }
    return /[;"\r\n]/.test(texte) ? '"' + texte.replace(/"/g, '""') + '"' : texte;
  }

  function deuxChiffres(n) {
    return (n < 10 ? "0" : "") + n;
  }

  // Local time with its offset, e.g. 2026-03-12T16:05:09+01:00 (toISOString would give UTC only).
  function horodatage(date) {
    var decalage = -date.getTimezoneOffset();
    var signe = decalage >= 0 ? "+" : "-";
    decalage = Math.abs(decalage);
    return date.getFullYear() + "-" + deuxChiffres(date.getMonth() + 1) + "-" + deuxChiffres(date.getDate()) +
      "T" + deuxChiffres(date.getHours()) + ":" + deuxChiffres(date.getMinutes()) + ":" +
      deuxChiffres(date.getSeconds()) + signe + deuxChiffres(Math.floor(decalage / 60)) + ":" +
      deuxChiffres(decalage % 60);
  }

  function sansAccents(texte) {
    return texte.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^A-Za-z0-9-]+/g, "-");
  }

  function valeur(formulaire, colonne) {
    var element = formulaire.elements[colonne];
    return element ? String(element.value || "").trim() : "";
  }

  function telecharger(nom, contenu) {
    var blob = new Blob(["\ufeff" + contenu], { type: "text/csv;charset=utf-8" });
    var lien = document.createElement("a");
    lien.href = URL.createObjectURL(blob);
    lien.download = nom;
    document.body.appendChild(lien);
    lien.click();
    document.body.removeChild(lien);
    setTimeout(function () { URL.revokeObjectURL(lien.href); }, 10000);
  }

  // ?seance=<slug>: the session is chosen and shown; missing or unknown, the participant picks it.
  function choisirSeance(formulaire, parametres) {
    var liste = formulaire.elements.seance;
    if (!liste) { return; }
    var demandee = parametres.get("seance");
    var option = demandee ? liste.querySelector('option[value="' + CSS.escape(demandee) + '"]') : null;
    if (option) {
      liste.value = demandee;
      var choisie = formulaire.querySelector(".seance-choisie");
      choisie.querySelector("strong").textContent = option.textContent;
      choisie.hidden = false;
      liste.hidden = true;
      formulaire.querySelector('label[for="' + liste.id + '"]').hidden = true;
    } else if (demandee) {
      var inconnue = formulaire.querySelector(".seance-inconnue");
      inconnue.textContent = "La séance « " + demandee + " » n'existe pas dans le programme : choisissez-la dans la liste.";
      inconnue.hidden = false;
    }
  }

  function preparer(formulaire) {
    var colonnes = JSON.parse(formulaire.dataset.colonnes);
    var message = formulaire.querySelector(".formulaire-message");
    var parametres = new URLSearchParams(window.location.search);
    var modifie = false;
    var telecharge = false;

    choisirSeance(formulaire, parametres);
    var moment = parametres.get("moment");
    if (moment && formulaire.elements.moment) {
      formulaire.elements.moment.value = moment === "apres" ? "après" : moment;
    }

    formulaire.addEventListener("input", function () { modifie = true; telecharge = false; });
    // The answers live only in this page: warn before it is closed with answers not yet downloaded.
    window.addEventListener("beforeunload", function (evenement) {
      if (modifie && !telecharge) { evenement.preventDefault(); evenement.returnValue = ""; }
    });

    formulaire.addEventListener("submit", function (evenement) {
      evenement.preventDefault();
      if (!formulaire.reportValidity()) { return; }
      var maintenant = new Date();
      var ligne = colonnes.map(function (colonne) {
        return colonne === "horodatage" ? horodatage(maintenant) : valeur(formulaire, colonne);
      });
      var contenu = colonnes.map(champ).join(";") + "\r\n" + ligne.map(champ).join(";") + "\r\n";
      var qui = formulaire.elements.seance ? valeur(formulaire, "seance") : valeur(formulaire, "moment");
      var nom = formulaire.dataset.prefixe + "-" + sansAccents(qui) + "-" +
        horodatage(maintenant).slice(0, 19).replace(/[-:]/g, "").replace("T", "-") + ".csv";
      telecharger(nom, contenu);
      telecharge = true;
      message.textContent = "Le fichier « " + nom + " » est enregistré dans le dossier de téléchargements de votre " +
        "navigateur. Envoyez-le à votre formateur (par courriel, ou déposez-le dans le dossier partagé qu'il vous a " +
        "indiqué). Vos réponses restent affichées : vous pouvez les corriger et télécharger un nouveau fichier.";
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form.atelier-formulaire").forEach(preparer);
  });
})();
