// studykit workspace: saves every change at once, keyboard shortcuts. Plain JavaScript, no library.
// A JSON POST with the page's CSRF token: the answer, or an Error with the server's reason.
function postJSON(url, body) {
  "use strict";
  var csrf = document.querySelector('meta[name="csrf-token"]').content;
  return fetch(url, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
    body: JSON.stringify(body)
  }).then(function (response) {
    return response.json().then(function (answer) {
      if (!response.ok) throw new Error(answer.error || response.statusText);
      return answer;
    });
  });
}

(function () {
  "use strict";
  var help = document.getElementById("help");
  var page = document.body.dataset;
  var position = page.position ? parseInt(page.position, 10) : null;
  var count = page.count ? parseInt(page.count, 10) : null;
  var statusLine = document.getElementById("status");
  var pending = Promise.resolve();
  var failed = false;

  function setStatus(text, bad) {
    if (!statusLine) return;
    statusLine.textContent = text;
    statusLine.className = "status" + (bad ? " bad" : " good");
  }

  // Writes run one after the other, in the order made, so the last change is the one kept.
  function post(url, body, mark) {
    setStatus("saving…", false);
    pending = pending.then(function () {
      return postJSON(url, body).then(function (answer) {
        if (mark) mark.textContent = "✓ saved";
        if (!failed) setStatus("✓ saved", false);
        return answer;
      }).catch(function (error) {
        failed = true;
        if (mark) mark.textContent = "✗ not saved";
        setStatus("✗ not saved: " + error.message, true);
      });
    });
    return pending;
  }

  function toggleHelp() { if (help) help.hidden = !help.hidden; }

  // ---- the coding screen ----
  var dimensions = Array.prototype.slice.call(document.querySelectorAll("fieldset.dimension"));
  var note = document.getElementById("note");
  var unsure = document.getElementById("unsure");
  var active = 0;
  var digits = "";
  var digitTimer = null;

  // Scroll the coding panel (not the page) so that the active dimension shows.
  function reveal(fieldset) {
    var panel = document.getElementById("coding");
    var top = fieldset.offsetTop;
    if (top < panel.scrollTop || top + fieldset.offsetHeight > panel.scrollTop + panel.clientHeight) {
      panel.scrollTop = top - 8;
    }
  }

  function activate(index) {
    if (!dimensions.length) return;
    active = (index + dimensions.length) % dimensions.length;
    dimensions.forEach(function (d, i) { d.classList.toggle("active", i === active); });
    reveal(dimensions[active]);
  }

  // A dimension's suggested codes, asked for only once the rater's own codes are saved (the
  // server refuses before); every later save says the suggestion was in view.
  function showSuggestion(fieldset) {
    if (fieldset.dataset.suggests !== "true" || !fieldset.querySelector("input:checked")) return;
    var box = fieldset.querySelector(".suggestion");
    fetch("/api/items/" + position + "/suggestions/" + encodeURIComponent(fieldset.dataset.dimension),
      { credentials: "same-origin" }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (answer) {
      if (!answer) return;
      if (!answer.suggestions.length) {
        box.textContent = "No suggestion for this item (it has a consensus label).";
      } else {
        box.textContent = "Suggested (after your choice): " + answer.suggestions.map(function (s) {
          return s.label + " (" + Math.round(s.probability * 100) + "%)";
        }).join("; ");
        fieldset.dataset.suggestionShown = "true";
      }
      box.hidden = false;
    });
  }

  function saveDimension(fieldset) {
    var codes = Array.prototype.slice.call(fieldset.querySelectorAll("input:checked"))
      .map(function (input) { return input.value; });
    return post("/api/items/" + position + "/codes",
      { dimension: fieldset.dataset.dimension, codes: codes,
        suggestion_visible: fieldset.dataset.suggestionShown === "true" },
      fieldset.querySelector(".saved-mark")).then(function (answer) {
      if (answer && fieldset.dataset.suggestionShown !== "true") showSuggestion(fieldset);
    });
  }

  function pick(number) {
    var fieldset = dimensions[active];
    var inputs = fieldset.querySelectorAll("input");
    if (number < 1 || number > inputs.length) {
      setStatus("no code " + number + " in " + fieldset.dataset.dimension, true);
      return;
    }
    var input = inputs[number - 1];
    if (input.disabled) return;
    input.checked = input.type === "checkbox" ? !input.checked : true;
    saveDimension(fieldset);
    if (fieldset.dataset.multi !== "true" && active < dimensions.length - 1) activate(active + 1);
  }

  function commitDigits() {
    clearTimeout(digitTimer);
    if (digits) pick(parseInt(digits, 10));
    digits = "";
  }

  function typeDigit(digit) {
    var many = dimensions[active].querySelectorAll("input").length;
    digits += digit;
    clearTimeout(digitTimer);
    if (parseInt(digits, 10) * 10 > many) commitDigits();
    else digitTimer = setTimeout(commitDigits, 800);
  }

  function go(to) {
    if (position === null || to < 1 || to > count) return;
    commitDigits();
    pending.then(function () { if (!failed) window.location.href = "/items/" + to; });
  }

  dimensions.forEach(showSuggestion);
  dimensions.forEach(function (fieldset, index) {
    fieldset.addEventListener("change", function () { activate(index); saveDimension(fieldset); });
    fieldset.addEventListener("click", function () { activate(index); });
  });
  var noteTimer = null;
  if (note) {
    var noteMark = note.parentNode.querySelector(".saved-mark");
    var saveNote = function () {
      clearTimeout(noteTimer);
      post("/api/items/" + position + "/mark", { note: note.value }, noteMark);
    };
    note.addEventListener("input", function () {
      clearTimeout(noteTimer);
      noteTimer = setTimeout(saveNote, 400);
    });
    note.addEventListener("blur", function () { if (noteTimer) saveNote(); noteTimer = null; });
  }
  if (unsure) {
    unsure.addEventListener("change", function () {
      post("/api/items/" + position + "/mark", { unsure: unsure.checked }, null);
    });
  }

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (target && (target.tagName === "TEXTAREA" || (target.tagName === "INPUT" && target.type === "text"))) {
      if (event.key === "Escape") target.blur();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "?") { toggleHelp(); event.preventDefault(); return; }
    if (event.key === "Escape" && help && !help.hidden) { help.hidden = true; return; }
    if (position === null) return;
    if (/^[0-9]$/.test(event.key) && dimensions.length) {
      typeDigit(event.key); event.preventDefault();
    } else if (event.key === "Enter") {
      if (digits) commitDigits(); else activate(active + 1);
      event.preventDefault();
    } else if (event.key === "Tab") {
      commitDigits(); activate(active + (event.shiftKey ? -1 : 1)); event.preventDefault();
    } else if (event.key === "j") {
      go(position + 1);
    } else if (event.key === "k") {
      go(position - 1);
    } else if (event.key === "n" && note && !note.disabled) {
      note.focus(); event.preventDefault();
    } else if (event.key === "u" && unsure && !unsure.disabled) {
      unsure.checked = !unsure.checked;
      unsure.dispatchEvent(new Event("change"));
    } else if (event.key === "i" && dimensions.length) {
      dimensions[active].classList.toggle("explained");
    }
  });
})();

// studykit workspace: the coordinator's overview and disagreements view.
(function () {
  "use strict";
  var post = postJSON;

  var closeButton = document.getElementById("close-round");
  if (closeButton) {
    closeButton.addEventListener("click", function () {
      post("/api/round/close", {}).then(function () { window.location.reload(); },
        function (error) { closeButton.textContent = "not closed: " + error.message; });
    });
  }

  var agreement = document.getElementById("agreement");
  if (agreement && document.body.dataset.coordinator) {
    setInterval(function () {
      fetch("/coordinator/agreement", { credentials: "same-origin" }).then(function (response) {
        if (response.ok) return response.text().then(function (html) { agreement.outerHTML = html; agreement = document.getElementById("agreement"); });
      });
    }, 15000);
  }

  Array.prototype.forEach.call(document.querySelectorAll("tr.disagreement"), function (row) {
    var button = row.querySelector("button.record");
    if (!button) return;
    button.addEventListener("click", function () {
      var codes = Array.prototype.map.call(row.querySelector("select").selectedOptions,
        function (option) { return option.value; });
      var mark = row.querySelector(".saved-mark");
      post("/api/consensus", {
        item: row.dataset.item, dimension: row.dataset.dimension, codes: codes,
        rationale: row.querySelector("input.rationale").value
      }).then(function () { mark.textContent = "✓ recorded"; },
        function (error) { mark.textContent = "✗ " + error.message; });
    });
  });
})();
