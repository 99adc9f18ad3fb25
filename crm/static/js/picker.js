// A search box for long selects (countries, languages): typing narrows the options, ignoring
// case and accents (æ as ae, ø as o, å as a). The select works as before without this script.
// Options already chosen stay listed, so that narrowing never drops a choice from the form.
(function () {
  "use strict";

  function fold(text) {
    return text
      .toLowerCase()
      .replace(/æ/g, "ae")
      .replace(/ø/g, "o")
      .replace(/ß/g, "ss")
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "");
  }

  function entry(option) {
    return { option: option, text: fold(option.textContent), placeholder: option.value === "" };
  }

  function setUp(select, number) {
    // The select's children in their order: options, and groups with their options.
    var parts = Array.prototype.map.call(select.children, function (child) {
      if (child.tagName === "OPTGROUP") {
        return { group: child, items: Array.prototype.map.call(child.children, entry) };
      }
      return { item: entry(child) };
    });
    var all = [];
    parts.forEach(function (part) {
      all = all.concat(part.group ? part.items : [part.item]);
    });
    var total = all.filter(function (item) { return !item.placeholder; }).length;

    var input = document.createElement("input");
    input.type = "search";
    input.id = (select.id || "picker-" + number) + "-search";
    input.className = "picker-search";
    input.autocomplete = "off";
    input.setAttribute("aria-controls", select.id);
    var label = document.createElement("label");
    label.htmlFor = input.id;
    label.className = "picker-label";
    label.textContent = select.getAttribute("data-search-label");
    var count = document.createElement("p");
    count.id = input.id + "-count";
    count.className = "help picker-count";
    count.setAttribute("aria-live", "polite");
    input.setAttribute("aria-describedby", count.id);
    var box = document.createElement("div");
    box.className = "picker";
    box.appendChild(label);
    box.appendChild(input);
    box.appendChild(count);
    select.parentNode.insertBefore(box, select);

    function narrow() {
      var query = fold(input.value.trim());
      // Decide before touching the list: removing options makes the browser select others.
      all.forEach(function (item) {
        item.chosen = item.option.selected;
        item.keep = item.placeholder || query === "" || item.chosen ||
          item.text.indexOf(query) !== -1;
      });
      var shown = 0;
      while (select.firstChild) {
        select.removeChild(select.firstChild);
      }
      parts.forEach(function (part) {
        if (!part.group) {
          if (part.item.keep) {
            select.appendChild(part.item.option);
            shown += part.item.placeholder ? 0 : 1;
          }
          return;
        }
        while (part.group.firstChild) {
          part.group.removeChild(part.group.firstChild);
        }
        part.items.forEach(function (item) {
          if (item.keep) {
            part.group.appendChild(item.option);
            shown += 1;
          }
        });
        if (part.group.firstChild) {
          select.appendChild(part.group);
        }
      });
      all.forEach(function (item) { item.option.selected = item.chosen; });
      count.textContent = query === "" ? "" : select.getAttribute("data-search-count")
        .replace("{shown}", shown).replace("{total}", total);
    }

    function first() {
      return Array.prototype.find.call(select.options, function (option) {
        return option.value !== "";
      });
    }

    input.addEventListener("input", narrow);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault(); // Enter here picks, it does not send the form
        var option = first();
        if (option && !select.multiple && input.value.trim() !== "") {
          select.value = option.value;
          select.dispatchEvent(new Event("change", { bubbles: true }));
        }
        select.focus();
      } else if (event.key === "ArrowDown") {
        event.preventDefault();
        select.focus();
      } else if (event.key === "Escape" && input.value !== "") {
        event.preventDefault();
        input.value = "";
        narrow();
      }
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("select[data-searchable]"), setUp);
})();
