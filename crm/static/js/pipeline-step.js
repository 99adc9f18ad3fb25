// The contact form's "move the match on" list offers only the moves the chosen match allows,
// and suggests one from the outcome typed ("Takker nej" -> declined; "Interesseret" ->
// interested when that is the next step) until the consultant picks a move themselves. Without this script every move is
// listed, nothing is suggested, and the server refuses a move that does not apply.
(function () {
  "use strict";

  function setUp(form) {
    var match = form.querySelector("select[name='match_id']");
    var move = form.querySelector("select[name='move_to']");
    var outcome = form.querySelector("input[name='outcome']");
    if (!match || !move) {
      return;
    }
    var touched = false;
    // The reason list is only asked for by the moves that take one (declined, not suitable).
    var reasonField = form.querySelector(".reason-code");

    function showReason() {
      if (reasonField) {
        reasonField.hidden = ["declined", "not_suitable"].indexOf(move.value) === -1 &&
          !reasonField.classList.contains("has-error");
      }
    }
    move.addEventListener("change", function () {
      touched = true;
      showReason();
    });

    function chosen(attribute) {
      var option = match.options[match.selectedIndex];
      return option ? option.getAttribute(attribute) || "" : "";
    }

    function state() {
      return chosen("data-state");
    }

    function allowed(value) {
      var option = move.querySelector("option[value='" + value + "']");
      return option !== null && !option.disabled;
    }

    function hinted() {
      var text = outcome ? outcome.value.toLowerCase() : "";
      var found = "";
      ["declined", "interested"].some(function (target) {
        var words = (move.getAttribute("data-hint-" + target) || "").split("|");
        var hit = text !== "" && words.some(function (word) {
          return word !== "" && text.indexOf(word) !== -1;
        });
        if (hit) {
          found = target;
        }
        return hit;
      });
      return found;
    }

    function suggest() {
      if (touched) {
        return;
      }
      var hint = hinted();
      // "interested" only as the next step; a no wherever the pipeline takes it.
      if (hint && allowed(hint) && (hint === "declined" || hint === chosen("data-next"))) {
        move.value = hint;
      } else {
        move.value = chosen("data-default");
      }
      showReason();
    }

    function refresh() {
      var current = state();
      Array.prototype.forEach.call(move.options, function (option) {
        var from = option.getAttribute("data-from");
        if (from === null) {
          return; // "no change" is always offered
        }
        var ok = current !== "" && from.split(" ").indexOf(current) !== -1;
        option.hidden = !ok;
        option.disabled = !ok;
      });
      if (touched && move.options[move.selectedIndex].disabled) {
        move.value = "";
      }
      suggest();
    }

    var initial = move.value;
    match.addEventListener("change", refresh);
    if (outcome) {
      outcome.addEventListener("input", suggest);
    }
    refresh();
    if (initial && allowed(initial)) {
      move.value = initial; // keep what the server sent back (a refused or invalid form)
      touched = initial !== chosen("data-default");
    }
    showReason();
  }

  document.querySelectorAll("form[data-pipeline-step]").forEach(setUp);
})();
