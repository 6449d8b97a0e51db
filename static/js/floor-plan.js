/*
 * Floor plan: zoom and pan an SVG plan by changing its viewBox, and show a booth's
 * details on hover, tap or keyboard focus. No dependencies.
 *
 * Markup (templates/components/floor_plan.html):
 *   [data-floor-plan]                 the container; data-no-business = text for a free booth
 *     [data-zoom="in|out|reset"]      buttons
 *     svg.floor-plan__svg             from booths.plan_svg.render_plan_svg
 *       g.booth[data-code][data-type][data-status][data-status-label][data-business][data-association]
 *     [data-info]                     the panel; [data-info-field="code|type|status|business"]
 *
 * Selecting a booth (tap, click, Enter) fires "floorplan:select" on the container with
 * ``detail.booth`` (the g.booth, or null), so a page adds its own actions (a picker's
 * "hold this booth", the organizer's "move") without touching this file.
 */
(function () {
  "use strict";

  var ZOOM_STEP = 1.5;
  var MAX_ZOOM = 25; // the viewBox can shrink to 1/25 of the whole plan
  var DRAG_THRESHOLD = 6; // pixels a pointer moves before a tap becomes a drag

  function FloorPlan(root) {
    this.root = root;
    this.svg = root.querySelector("svg");
    if (!this.svg) return;
    var box = this.svg.viewBox.baseVal;
    this.drawing = { x: box.x, y: box.y, w: box.width, h: box.height };
    // The box takes the drawing's proportions within the CSS limits; the SVG fills it.
    var viewport = root.querySelector(".floor-plan__viewport") || this.svg.parentNode;
    viewport.style.aspectRatio = this.drawing.w + " / " + this.drawing.h;
    this.home = Object.assign({}, this.drawing);
    this.fit();
    this.view = Object.assign({}, this.home);
    this.apply();
    var self = this;
    if (window.ResizeObserver) {
      new ResizeObserver(function () {
        var v = self.view;
        var h = self.home;
        var atHome = v.x === h.x && v.y === h.y && v.w === h.w && v.h === h.h;
        self.fit();
        if (atHome) self.view = Object.assign({}, self.home);
        self.apply();
      }).observe(this.svg);
    }
    this.pointers = new Map();
    this.selected = null;
    this.panel = root.querySelector("[data-info]");
    this.bind();
  }

  // "Whole hall" fills the plan's box: a wide hall on a tall phone screen gets the
  // box's proportions (drawing centred), so zooming in uses the whole box too.
  FloorPlan.prototype.fit = function () {
    var rect = this.svg.getBoundingClientRect();
    if (!rect.width || !rect.height) return;
    var aspect = rect.height / rect.width;
    var d = this.drawing;
    var w = d.w;
    var h = d.h;
    if (h / w < aspect) h = w * aspect;
    else w = h / aspect;
    this.home = { x: d.x - (w - d.w) / 2, y: d.y - (h - d.h) / 2, w: w, h: h };
  };

  FloorPlan.prototype.apply = function () {
    var v = this.view;
    this.svg.setAttribute("viewBox", [v.x, v.y, v.w, v.h].map(function (n) {
      return Math.round(n * 1000) / 1000;
    }).join(" "));
    this.root.setAttribute("data-zoom-level", (this.home.w / v.w).toFixed(2));
  };

  // Zoom by ``factor`` (> 1 zooms in) keeping the SVG point (cx, cy) where it is.
  FloorPlan.prototype.zoom = function (factor, cx, cy) {
    var v = this.view;
    var w = Math.min(Math.max(v.w / factor, this.home.w / MAX_ZOOM), this.home.w * 1.5);
    var real = v.w / w;
    if (cx === undefined) {
      cx = v.x + v.w / 2;
      cy = v.y + v.h / 2;
    }
    this.view = {
      x: cx - (cx - v.x) / real,
      y: cy - (cy - v.y) / real,
      w: w,
      h: v.h / real,
    };
    this.apply();
  };

  FloorPlan.prototype.reset = function () {
    this.view = Object.assign({}, this.home);
    this.apply();
  };

  FloorPlan.prototype.toSvg = function (clientX, clientY) {
    var ctm = this.svg.getScreenCTM();
    if (!ctm) return { x: 0, y: 0 };
    var point = new DOMPoint(clientX, clientY).matrixTransform(ctm.inverse());
    return { x: point.x, y: point.y };
  };

  FloorPlan.prototype.pixelsPerUnit = function () {
    var ctm = this.svg.getScreenCTM();
    return ctm ? ctm.a : 1;
  };

  FloorPlan.prototype.show = function (booth) {
    if (!this.panel) return;
    var empty = this.panel.querySelector("[data-info-empty]");
    var details = this.panel.querySelector("[data-info-details]");
    if (!booth) {
      if (empty) empty.hidden = false;
      if (details) details.hidden = true;
      this.panel.removeAttribute("data-code");
      return;
    }
    var business = booth.getAttribute("data-business");
    var association = booth.getAttribute("data-association");
    if (business && association) business += " (" + association + ")";
    var values = {
      code: booth.getAttribute("data-code"),
      type: booth.getAttribute("data-type"),
      status: booth.getAttribute("data-status-label"),
      business: business || this.root.getAttribute("data-no-business") || "—",
    };
    // textContent, never innerHTML: names come from exhibitors.
    Object.keys(values).forEach(function (key) {
      var field = this.panel.querySelector('[data-info-field="' + key + '"]');
      if (field) field.textContent = values[key];
    }, this);
    this.panel.setAttribute("data-code", values.code);
    this.panel.setAttribute("data-status", booth.getAttribute("data-status"));
    if (empty) empty.hidden = true;
    if (details) details.hidden = false;
  };

  FloorPlan.prototype.select = function (booth) {
    if (this.selected) this.selected.classList.remove("is-selected");
    this.selected = booth;
    if (booth) booth.classList.add("is-selected");
    this.show(booth);
    this.root.dispatchEvent(new CustomEvent("floorplan:select", {
      bubbles: true,
      detail: { booth: booth, plan: this },
    }));
  };

  // Select the booth with this code, if the plan has it (for links and page scripts).
  FloorPlan.prototype.selectCode = function (code) {
    var booth = Array.prototype.find.call(this.svg.querySelectorAll(".booth"), function (g) {
      return g.getAttribute("data-code").toLowerCase() === String(code).toLowerCase();
    });
    if (booth) this.select(booth);
    return booth || null;
  };

  FloorPlan.prototype.bind = function () {
    var self = this;
    var svg = this.svg;

    this.root.querySelectorAll("[data-zoom]").forEach(function (button) {
      button.addEventListener("click", function () {
        var action = button.getAttribute("data-zoom");
        if (action === "in") self.zoom(ZOOM_STEP);
        else if (action === "out") self.zoom(1 / ZOOM_STEP);
        else self.reset();
      });
    });

    svg.addEventListener("wheel", function (event) {
      event.preventDefault();
      var at = self.toSvg(event.clientX, event.clientY);
      self.zoom(Math.pow(1.0015, -event.deltaY), at.x, at.y);
    }, { passive: false });

    // Pan with one pointer, pinch with two; a pointer that barely moved is a tap.
    var start = null;
    var dragged = false;
    var pinch = null;

    svg.addEventListener("pointerdown", function (event) {
      self.pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
      if (self.pointers.size === 1) {
        start = { x: event.clientX, y: event.clientY };
        dragged = false;
      } else if (self.pointers.size === 2) {
        var p = Array.from(self.pointers.values());
        pinch = { distance: Math.hypot(p[0].x - p[1].x, p[0].y - p[1].y) };
        dragged = true;
      }
    });

    svg.addEventListener("pointermove", function (event) {
      var previous = self.pointers.get(event.pointerId);
      if (!previous) return;
      var current = { x: event.clientX, y: event.clientY };
      self.pointers.set(event.pointerId, current);
      if (self.pointers.size >= 2 && pinch) {
        var p = Array.from(self.pointers.values());
        var distance = Math.hypot(p[0].x - p[1].x, p[0].y - p[1].y);
        if (pinch.distance > 0 && distance > 0) {
          var mid = self.toSvg((p[0].x + p[1].x) / 2, (p[0].y + p[1].y) / 2);
          self.zoom(distance / pinch.distance, mid.x, mid.y);
        }
        pinch.distance = distance;
        return;
      }
      if (!dragged && start &&
          Math.hypot(current.x - start.x, current.y - start.y) < DRAG_THRESHOLD) {
        return;
      }
      if (!dragged) {
        dragged = true;
        svg.setPointerCapture(event.pointerId);
        self.root.classList.add("is-panning");
      }
      var scale = self.pixelsPerUnit();
      self.view.x -= (current.x - previous.x) / scale;
      self.view.y -= (current.y - previous.y) / scale;
      self.apply();
    });

    function release(event) {
      self.pointers.delete(event.pointerId);
      if (self.pointers.size < 2) pinch = null;
      if (self.pointers.size === 0) self.root.classList.remove("is-panning");
    }
    svg.addEventListener("pointerup", release);
    svg.addEventListener("pointercancel", release);

    // A tap or click selects a booth (phones have no hover); a drag does not.
    svg.addEventListener("click", function (event) {
      if (dragged) {
        dragged = false;
        return;
      }
      var booth = event.target.closest(".booth");
      self.select(booth === self.selected ? null : booth);
    });

    // Hover previews a booth; leaving the plan returns to the selected one.
    svg.addEventListener("pointerover", function (event) {
      if (event.pointerType !== "mouse" || self.pointers.size) return;
      var booth = event.target.closest(".booth");
      if (booth) self.show(booth);
    });
    svg.addEventListener("pointerleave", function (event) {
      if (event.pointerType === "mouse") self.show(self.selected);
    });

    svg.addEventListener("focusin", function (event) {
      var booth = event.target.closest(".booth");
      if (booth) self.show(booth);
    });
    svg.addEventListener("keydown", function (event) {
      var booth = event.target.closest(".booth");
      if (booth && (event.key === "Enter" || event.key === " ")) {
        event.preventDefault();
        self.select(booth);
      } else if (event.key === "+" || event.key === "=") {
        self.zoom(ZOOM_STEP);
      } else if (event.key === "-") {
        self.zoom(1 / ZOOM_STEP);
      } else if (event.key === "Escape") {
        self.select(null);
      }
    });
  };

  function init(scope) {
    (scope || document).querySelectorAll("[data-floor-plan]").forEach(function (root) {
      if (root.floorPlan) return;
      root.floorPlan = new FloorPlan(root);
      var code = root.getAttribute("data-selected");
      // After the page's own scripts are bound (they run deferred, in order, after this).
      if (code && root.floorPlan.svg) {
        setTimeout(function () { root.floorPlan.selectCode(code); }, 0);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { init(); });
  } else {
    init();
  }
  // Plans swapped in by htmx start working too.
  document.addEventListener("htmx:load", function (event) { init(event.target); });
})();
