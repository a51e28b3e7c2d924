/* Vendorwatch's own script: small helps on top of pages that work without it.
   - date fields: a button that opens the browser's calendar and writes the day back as
     03.12.2026 (or 03.12.2026 14:30);
   - tables wider than the page: a visible hint that they scroll sideways;
   - forms with sections for one choice only (the contract's clause type): only those shown. */
(function () {
  "use strict";

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  // "03.12.2026 14:30" → "2026-12-03T14:30" (or "2026-12-03"); "" when it is no such text.
  function toIso(text, withTime) {
    var m = /^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s+(\d{1,2}):(\d{2}))?\s*$/.exec(text || "");
    if (!m) { return ""; }
    var day = m[3] + "-" + pad(+m[2]) + "-" + pad(+m[1]);
    if (!withTime) { return day; }
    return day + "T" + (m[4] ? pad(+m[4]) + ":" + m[5] : "09:00");
  }

  function fromIso(iso, withTime) {
    var m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(iso || "");
    if (!m) { return ""; }
    var text = m[3] + "." + m[2] + "." + m[1];
    return withTime && m[4] ? text + " " + m[4] + ":" + m[5] : text;
  }

  // A small calendar drawn as SVG (an emoji needs a font not every machine has).
  function calendarIcon() {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 16 16");
    svg.setAttribute("width", "18");
    svg.setAttribute("height", "18");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    [["rect", { x: "1.5", y: "3", width: "13", height: "11.5", rx: "1.5" }],
     ["line", { x1: "1.5", y1: "6.5", x2: "14.5", y2: "6.5" }],
     ["line", { x1: "5", y1: "1.5", x2: "5", y2: "4.5" }],
     ["line", { x1: "11", y1: "1.5", x2: "11", y2: "4.5" }]].forEach(function (part) {
      var shape = document.createElementNS(ns, part[0]);
      Object.keys(part[1]).forEach(function (key) { shape.setAttribute(key, part[1][key]); });
      shape.setAttribute("fill", "none");
      shape.setAttribute("stroke", "currentColor");
      shape.setAttribute("stroke-width", "1.5");
      svg.appendChild(shape);
    });
    return svg;
  }

  function addPicker(input) {
    var kind = input.getAttribute("data-picker");
    var withTime = kind === "datetime-local";
    var wrap = document.createElement("div");
    wrap.className = "with-picker";
    input.parentNode.insertBefore(wrap, input);
    wrap.appendChild(input);
    var proxy = document.createElement("input");
    proxy.type = kind;
    proxy.className = "picker-proxy";
    proxy.tabIndex = -1;
    proxy.setAttribute("aria-hidden", "true");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "picker-button";
    button.setAttribute("aria-label", input.getAttribute("data-picker-label") || "");
    button.title = input.getAttribute("data-picker-label") || "";
    button.appendChild(calendarIcon());
    wrap.appendChild(proxy);
    wrap.appendChild(button);
    button.addEventListener("click", function () {
      proxy.value = toIso(input.value, withTime);
      try { proxy.showPicker(); } catch (e) { proxy.focus(); proxy.click(); }
    });
    proxy.addEventListener("change", function () {
      if (!proxy.value) { return; }
      input.value = fromIso(proxy.value, withTime);
      input.dispatchEvent(new Event("input", { bubbles: true }));
      input.dispatchEvent(new Event("change", { bubbles: true }));
      input.focus();
    });
  }

  // A wrapper we made is a keyboard stop (to scroll with the arrow keys) only while its table
  // is wider than the page; a wrapper a template made keeps what the template says.
  function markScrolling(wrap) {
    var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
    wrap.classList.toggle("is-scrollable", scrolls);
    var hint = wrap.previousElementSibling;
    if (hint && hint.classList.contains("scroll-hint")) { hint.hidden = !scrolls; }
    if (!wrap.hasAttribute("data-managed")) { return; }
    if (scrolls) {
      wrap.tabIndex = 0;
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", wrap.getAttribute("data-managed"));
    } else {
      wrap.removeAttribute("tabindex");
      wrap.removeAttribute("role");
      wrap.removeAttribute("aria-label");
    }
  }

  function wrapTables(root) {
    var text = document.body.getAttribute("data-scroll-hint") || "";
    root.querySelectorAll("main table").forEach(function (table) {
      var wrap = table.parentElement;
      if (!wrap.classList.contains("table-wrap")) {
        wrap = document.createElement("div");
        wrap.className = "table-wrap";
        table.parentNode.insertBefore(wrap, table);
        wrap.appendChild(table);
      }
      if (!wrap.hasAttribute("tabindex") && !wrap.hasAttribute("data-managed")) {
        var caption = table.querySelector("caption");
        wrap.setAttribute("data-managed", caption ? caption.textContent.trim() : text);
      }
      var before = wrap.previousElementSibling;
      if (!before || !before.classList.contains("scroll-hint")) {
        var hint = document.createElement("p");
        hint.className = "scroll-hint";
        hint.textContent = text;
        hint.hidden = true;
        wrap.parentNode.insertBefore(hint, wrap);
      }
      markScrolling(wrap);
    });
  }

  function showSections(select) {
    var form = select.form;
    if (!form) { return; }
    form.querySelectorAll("[data-shown-for]").forEach(function (section) {
      var wanted = section.getAttribute("data-shown-for").split(" ");
      section.hidden = wanted.indexOf(select.value) < 0;
    });
    // A field required only for some choices carries its mark only for those.
    form.querySelectorAll("[data-required-for]").forEach(function (mark) {
      var needed = mark.getAttribute("data-required-for").split(" ").indexOf(select.value) >= 0;
      mark.hidden = !needed;
      var field = form.querySelector("#" + mark.getAttribute("data-field"));
      if (field) { field.setAttribute("aria-required", needed ? "true" : "false"); }
    });
  }

  function enhance(root) {
    root.querySelectorAll("input[data-picker]").forEach(function (input) {
      if (!input.closest(".with-picker")) { addPicker(input); }
    });
    root.querySelectorAll("select[data-sections]").forEach(function (select) {
      if (!select.hasAttribute("data-sections-ready")) {
        select.setAttribute("data-sections-ready", "");
        select.addEventListener("change", function () { showSections(select); });
      }
      showSections(select);
    });
    wrapTables(document);
  }

  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  document.addEventListener("htmx:afterSettle", function (event) { enhance(event.target); });
  window.addEventListener("resize", function () {
    document.querySelectorAll(".table-wrap").forEach(markScrolling);
  });
})();
