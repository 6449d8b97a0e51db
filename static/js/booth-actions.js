/*
 * Actions on the booth picked on a floor plan (the organizer's board and allocation
 * proposal). Works with the "floorplan:select" event of static/js/floor-plan.js.
 *
 * Markup, inside the plan's details panel (templates/booths/admin/_*_actions.html):
 *   form[data-booth-actions]
 *     input[data-selected-booth]         gets the picked booth's id
 *     [data-for-status="free allocated"] shown only for booths with one of these statuses
 *     button[data-pick-target="move"]    "tap the new booth": the next booth tapped on the
 *                                        plan fills input[name=target] and submits the
 *                                        form with button[name=change][value=move]
 *     [data-picking-hint]                shown while waiting for that tap
 */
(function () {
  "use strict";

  function sections(form, status) {
    form.querySelectorAll("[data-for-status]").forEach(function (section) {
      var wanted = section.getAttribute("data-for-status").split(/\s+/);
      section.hidden = wanted.indexOf(status) === -1;
    });
  }

  function stopPicking(form) {
    delete form.dataset.picking;
    var hint = form.querySelector("[data-picking-hint]");
    if (hint) hint.hidden = true;
    form.closest("[data-floor-plan]").classList.remove("is-picking-target");
  }

  function bind(root) {
    var form = root.querySelector("[data-booth-actions]");
    if (!form || form.dataset.bound) return;
    form.dataset.bound = "1";
    form.hidden = true;

    root.addEventListener("floorplan:select", function (event) {
      var booth = event.detail.booth;
      var picking = form.dataset.picking;
      if (picking) {
        if (booth && booth.getAttribute("data-pk") !== form.dataset.source) {
          form.querySelector('[name="target"]').value = booth.getAttribute("data-code");
          var submitter = form.querySelector('button[name="change"][value="' + picking + '"]');
          stopPicking(form);
          form.requestSubmit(submitter);
        }
        return;
      }
      if (!booth) {
        form.hidden = true;
        return;
      }
      form.hidden = false;
      form.dataset.source = booth.getAttribute("data-pk");
      form.querySelector("[data-selected-booth]").value = booth.getAttribute("data-pk");
      form.querySelectorAll("[data-selected-code]").forEach(function (node) {
        node.textContent = booth.getAttribute("data-code");
      });
      sections(form, booth.getAttribute("data-status"));
    });

    form.querySelectorAll("[data-pick-target]").forEach(function (button) {
      button.addEventListener("click", function () {
        form.dataset.picking = button.getAttribute("data-pick-target");
        var hint = form.querySelector("[data-picking-hint]");
        if (hint) hint.hidden = false;
        root.classList.add("is-picking-target");
      });
    });
    form.querySelectorAll("[data-cancel-pick]").forEach(function (button) {
      button.addEventListener("click", function () { stopPicking(form); });
    });
    form.addEventListener("keydown", function (event) {
      if (event.key === "Escape") stopPicking(form);
    });

    // Destructive buttons ask first.
    form.addEventListener("submit", function (event) {
      var submitter = event.submitter;
      var question = submitter && submitter.getAttribute("data-confirm");
      if (question && !window.confirm(question)) event.preventDefault();
    });
  }

  function init(scope) {
    (scope || document).querySelectorAll("[data-floor-plan]").forEach(bind);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { init(); });
  } else {
    init();
  }
})();
