// The contact form's "move the match on" list offers only the moves the chosen match allows.
// Without this script every move is listed and the server refuses one that does not apply.
(function () {
  "use strict";

  function setUp(form) {
    var match = form.querySelector("select[name='match_id']");
    var move = form.querySelector("select[name='move_to']");
    if (!match || !move) {
      return;
    }
    var touched = false;
    move.addEventListener("change", function () {
      touched = true;
    });

    function refresh() {
      var chosen = match.options[match.selectedIndex];
      var state = chosen ? chosen.getAttribute("data-state") || "" : "";
      Array.prototype.forEach.call(move.options, function (option) {
        var from = option.getAttribute("data-from");
        if (from === null) {
          return; // "no change" is always offered
        }
        var allowed = state !== "" && from.split(" ").indexOf(state) !== -1;
        option.hidden = !allowed;
        option.disabled = !allowed;
      });
      var current = move.options[move.selectedIndex];
      if (!touched) {
        move.value = state === "shortlisted" ? "contacted" : "";
      } else if (current && current.disabled) {
        move.value = "";
      }
    }

    match.addEventListener("change", refresh);
    var initial = move.value;
    refresh();
    if (initial && !move.options[move.selectedIndex].disabled) {
      move.value = initial; // keep what the server sent back (a refused or invalid form)
    }
  }

  document.querySelectorAll("form[data-pipeline-step]").forEach(setUp);
})();
