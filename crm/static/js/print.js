// A "Print" button (data-print) on the page of everything held about a volunteer. Without this
// script the button does nothing and the browser's own print command still works.
(function () {
  "use strict";
  document.querySelectorAll("button[data-print]").forEach(function (button) {
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
