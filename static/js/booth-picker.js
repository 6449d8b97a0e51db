/*
 * The exhibitor's booth picker (templates/booths/picker.html): when a booth is selected
 * on a floor plan, show the "hold this booth" form for a booth on offer, or say why not.
 *
 * Each plan's details panel holds templates/booths/_pick_actions.html; the booths on
 * offer are the plan's g.booth.is-pickable, and their zone and price come from the
 * json_script "<plan id>-offers" ({offers: {pk: {code, zone, price}}, mine: [pk]}).
 * Without this script the page still works: each plan has a list of its free booths,
 * each a hold button.
 */
(function () {
  "use strict";

  var details = new Map(); // plan root -> its offers and the exhibitor's booths, read once

  function detailsOf(root) {
    if (!details.has(root)) {
      var script = document.getElementById(root.id + "-offers");
      var data = null;
      try {
        data = script ? JSON.parse(script.textContent) : null;
      } catch (error) {
        data = null;
      }
      details.set(root, {
        offers: (data && data.offers) || {},
        mine: (data && data.mine) || [],
      });
    }
    return details.get(root);
  }

  function say(root, which, shown) {
    var line = root.querySelector("[data-pick-" + which + "]");
    if (line) line.hidden = !shown;
  }

  function show(root, booth) {
    var form = root.querySelector("[data-pick-form]");
    if (!form) return;
    var known = detailsOf(root);
    var pk = booth && booth.getAttribute("data-pk");
    var offer = null;
    if (booth && booth.classList.contains("is-pickable")) offer = known.offers[pk] || null;
    form.hidden = !offer;
    if (offer) {
      form.querySelector("[data-pick-booth]").value = booth.getAttribute("data-pk");
      // textContent, never innerHTML.
      form.querySelectorAll("[data-pick-field]").forEach(function (field) {
        field.textContent = offer[field.getAttribute("data-pick-field")] || "—";
      });
    }
    // Greyed out: the exhibitor's own, a free booth of the wrong type or sector, or taken.
    var mine = !!booth && !offer && known.mine.indexOf(pk) !== -1;
    var free = !!booth && !offer && booth.getAttribute("data-status") === "free";
    say(root, "mine", mine);
    say(root, "unsuited", free);
    say(root, "unavailable", !!booth && !offer && !mine && !free);
  }

  document.addEventListener("floorplan:select", function (event) {
    var root = event.target.closest("[data-floor-plan]");
    if (root) show(root, event.detail && event.detail.booth);
  });

  // A double submit would only earn a "you already hold it" message: send once.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("[data-pick-form]")) return;
    var button = form.querySelector("[type=submit]");
    if (button.disabled) {
      event.preventDefault();
      return;
    }
    // After this event, so the browser still submits the form.
    setTimeout(function () { button.disabled = true; }, 0);
  });
  // Back to this page from the browser's cache: the button works again.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("[data-pick-form] [type=submit]").forEach(function (button) {
      button.disabled = false;
    });
  });
})();
