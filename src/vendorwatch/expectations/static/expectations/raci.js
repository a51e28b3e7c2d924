/* The responsibility grid saves each cell on change (htmx). The server answers with the cell:
   saved, or refused with the reason. This script covers what the server cannot answer: the
   request failed (no connection, server error). The cell then says it was not saved. */
(function () {
  "use strict";

  function cellOf(event) {
    var select = event.detail && event.detail.elt;
    if (!select || !select.matches || !select.matches("table.raci select")) { return null; }
    return select.closest("td");
  }

  function clearState(cell) {
    cell.querySelectorAll(".cell-saved, .cell-error").forEach(function (node) { node.remove(); });
    cell.classList.remove("is-saved", "has-error");
    var select = cell.querySelector("select");
    select.removeAttribute("aria-invalid");
    select.removeAttribute("aria-describedby");
  }

  function showFailure(event) {
    var cell = cellOf(event);
    if (!cell) { return; }
    clearState(cell);
    var select = cell.querySelector("select");
    var message = document.createElement("small");
    message.className = "cell-error";
    message.id = "error-" + cell.id.replace(/^cell-/, "");
    message.setAttribute("role", "alert");
    message.textContent = cell.closest("table").getAttribute("data-save-failed") || "";
    cell.classList.add("has-error");
    select.setAttribute("aria-invalid", "true");
    select.setAttribute("aria-describedby", message.id);
    cell.appendChild(message);
  }

  // While a cell is being saved, its earlier "saved" or error no longer holds; and only the
  // cell saved last says "saved", so that the grid does not fill up with them.
  document.addEventListener("htmx:beforeRequest", function (event) {
    var cell = cellOf(event);
    if (!cell) { return; }
    cell.closest("table").querySelectorAll(".cell-saved").forEach(function (node) {
      clearState(node.closest("td"));
    });
    clearState(cell);
  });
  document.addEventListener("htmx:responseError", showFailure);
  document.addEventListener("htmx:sendError", showFailure);
  document.addEventListener("htmx:timeout", showFailure);
})();
