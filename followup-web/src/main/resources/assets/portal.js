// Progressive enhancement only: every form works without this file.
(function () {
  "use strict";
  var csrf = document.querySelector('meta[name="csrf-token"]');

  // Live note checking (R14 to R17) while a thank-you is written; the "Check the note" button does the same
  // without JavaScript.
  document.querySelectorAll("[data-note-form]").forEach(function (form) {
    var text = form.querySelector("[data-note-text]");
    var recipient = form.querySelector("[data-note-recipient]");
    var out = form.querySelector("[data-note-feedback]");
    if (!text || !recipient || !out || !csrf) { return; }
    var timer = null;
    var sequence = 0;
    function item(list, className, words) {
      var li = document.createElement("li");
      if (className) { li.className = className; }
      li.textContent = words;
      list.appendChild(li);
    }
    function show(result) {
      out.textContent = "";
      var heading = document.createElement("h3");
      heading.textContent = "Note check";
      out.appendChild(heading);
      var checks = document.createElement("ul");
      checks.className = "checks";
      item(checks, result.thanksPresent ? "ok" : "bad", "Thanks: " + (result.thanksPresent ? "present" : "missing"));
      item(checks, result.interestPresent ? "ok" : "bad", "Interest in the role: " + (result.interestPresent ? "present" : "missing"));
      item(checks, result.specificPresent ? "ok" : "bad", "Something specific: " + (result.specificPresent ? "present" : "missing"));
      item(checks, "", result.wordCount + " words");
      // R16: a note that shares nothing (0 %) is not "most alike" (issue 16).
      if (result.mostSimilarNote && Math.round(result.mostSimilarNote.similarity * 100) > 0) {
        item(checks, "", "Most alike: " + result.mostSimilarNote.recipient + " (" + Math.round(result.mostSimilarNote.similarity * 100) + "% alike)");
      }
      out.appendChild(checks);
      if (result.findings.length === 0) {
        var fine = document.createElement("p");
        fine.className = "ok";
        fine.textContent = "No findings: the note reads well.";
        out.appendChild(fine);
        return;
      }
      var findings = document.createElement("ul");
      findings.className = "findings";
      result.findings.forEach(function (finding) {
        item(findings, "", finding.rule + " (" + finding.severity.toLowerCase() + "): " + finding.message);
      });
      out.appendChild(findings);
    }
    function check() {
      if (!text.value.trim() || !recipient.value) { out.textContent = ""; return; }
      var mine = ++sequence;
      fetch("/api/interviews/" + form.getAttribute("data-interview") + "/note-check", {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf.getAttribute("content") },
        body: JSON.stringify({ recipientId: Number(recipient.value), text: text.value })
      }).then(function (response) {
        return response.ok ? response.json() : null;
      }).then(function (result) {
        if (result && mine === sequence) { show(result); }
      }).catch(function () { /* the Check button still works */ });
    }
    function later() {
      clearTimeout(timer);
      timer = setTimeout(check, 400);
    }
    text.addEventListener("input", later);
    recipient.addEventListener("change", later);
  });

  // A touch is judged before it is saved: while the form is filled in, the API's dry-run of the touch says which
  // breaches it would cause, in the viewer's zone, and the confirmation box appears. Without this file the server asks
  // for the same confirmation when the form is sent.
  function offsetOf(zone, utcMillis) {
    var parts = {};
    new Intl.DateTimeFormat("en-US", {
      timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", second: "2-digit"
    }).formatToParts(new Date(utcMillis)).forEach(function (part) { parts[part.type] = part.value; });
    var asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day),
      Number(parts.hour) % 24, Number(parts.minute), Number(parts.second));
    return asUtc - Math.floor(utcMillis / 1000) * 1000;
  }
  // "2026-12-07T09:00" in the zone → "2026-12-07T08:00:00Z" (the zone's offset at that moment, twice to settle DST).
  function instantOf(local, zone) {
    var match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local || "");
    if (!match) { return null; }
    var wall = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), Number(match[4]), Number(match[5]));
    var guess = wall - offsetOf(zone, wall);
    guess = wall - offsetOf(zone, guess);
    return new Date(guess).toISOString();
  }
  document.querySelectorAll("[data-touch-check]").forEach(function (form) {
    var out = form.querySelector("[data-touch-warnings]");
    var confirm = form.querySelector("[data-touch-confirm]");
    var zone = form.getAttribute("data-zone");
    if (!out || !confirm || !csrf || !zone || !window.fetch) { return; }
    var timer = null;
    var sequence = 0;
    function value(name) {
      var field = form.querySelector('[name="' + name + '"]');
      return field ? field.value : "";
    }
    function show(result) {
      out.textContent = "";
      if (!result.breaches.length) {
        confirm.hidden = true;
        return;
      }
      var lead = document.createElement("p");
      lead.textContent = "Logging this breaks a rule:";
      out.appendChild(lead);
      var list = document.createElement("ul");
      result.breaches.forEach(function (breach) {
        var li = document.createElement("li");
        li.textContent = breach.warning;
        list.appendChild(li);
      });
      out.appendChild(list);
      confirm.hidden = false;
    }
    function check() {
      var sentAt = instantOf(value("sentAt"), zone);
      var kind = form.getAttribute("data-touch-check") || value("kind");
      if (!sentAt || !kind || !value("channel") || !value("recipientId")) { out.textContent = ""; return; }
      var mine = ++sequence;
      fetch("/api/interviews/" + form.getAttribute("data-interview") + "/touches/check?zone=" + encodeURIComponent(zone), {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf.getAttribute("content") },
        body: JSON.stringify({
          kind: kind, channel: value("channel"), recipientId: Number(value("recipientId")), sentAt: sentAt,
          subject: value("subject") || null, text: value("text") || null
        })
      }).then(function (response) {
        return response.ok ? response.json() : null;
      }).then(function (result) {
        if (mine !== sequence) { return; }
        if (result) { show(result); } else { out.textContent = ""; }
      }).catch(function () { /* the server still asks before it saves */ });
    }
    function later() {
      clearTimeout(timer);
      timer = setTimeout(check, 300);
    }
    form.querySelectorAll("select, input, textarea").forEach(function (field) {
      field.addEventListener("change", later);
      if (field.tagName === "TEXTAREA") { field.addEventListener("input", later); }
    });
    check();
  });

  // Beside the thank-you, the concerns each interviewer raised in the debrief: only the chosen recipient's.
  document.querySelectorAll("[data-note-form]").forEach(function (form) {
    var recipient = form.querySelector("[data-note-recipient]");
    var concerns = form.querySelectorAll("[data-concern-for]");
    var box = form.querySelector("[data-concerns]");
    if (!recipient || !concerns.length || !box) { return; }
    function update() {
      var any = false;
      concerns.forEach(function (concern) {
        var mine = concern.getAttribute("data-concern-for") === recipient.value;
        concern.hidden = !mine;
        any = any || mine;
      });
      box.hidden = !any;
    }
    recipient.addEventListener("change", update);
    update();
  });

  // A forbidden kind or channel (R12, R13) is explained as soon as it is chosen, before anything is saved.
  var forbidden = {
    GIFT: "No gifts of any kind: flowers, plants, anything of value (R13).",
    FACEBOOK_FRIEND_REQUEST: "A Facebook friend request is personal; connect on LinkedIn instead (R13).",
    FACEBOOK: "Facebook is a personal network, not a business channel (R12).",
    PARCEL: "A parcel is how gifts arrive; write by email instead (R13)."
  };
  document.querySelectorAll("form").forEach(function (form) {
    var selects = form.querySelectorAll("[data-forbidden-select]");
    var warning = form.querySelector("[data-forbidden-warning]");
    if (!selects.length || !warning) { return; }
    function update() {
      var words = [];
      selects.forEach(function (select) { if (forbidden[select.value]) { words.push(forbidden[select.value]); } });
      warning.textContent = words.length ? words.join(" ") + " Saving it records a breach." : "";
    }
    selects.forEach(function (select) { select.addEventListener("change", update); });
    update();
  });

  // A copy button for a secret shown once (an API token on the admin page, issue 15/16; the calendar feed's address
  // on the settings page, issue 17). Hidden without JavaScript; where the clipboard is refused, the text is selected
  // for the keyboard instead. The button's data-copied names what was copied.
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    var status = button.parentNode.querySelector("[data-copy-status]") || document.querySelector("[data-copy-status]");
    if (!source) { return; }
    var isField = source.tagName === "INPUT" || source.tagName === "TEXTAREA";
    button.hidden = false;
    function say(words) { if (status) { status.textContent = words; } }
    function text() { return isField ? source.value : source.textContent.trim(); }
    function select() {
      if (isField) {
        source.focus();
        source.select();
      } else {
        var range = document.createRange();
        range.selectNodeContents(source);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
      }
    }
    function copied() { say(button.getAttribute("data-copied") || "Copied."); }
    function byHand() {
      select();
      if (document.execCommand && document.execCommand("copy")) { copied(); return; }
      say("Selected: press Ctrl+C (Cmd+C) to copy.");
    }
    button.addEventListener("click", function () {
      select();
      if (navigator.clipboard && navigator.clipboard.writeText && window.isSecureContext) {
        navigator.clipboard.writeText(text()).then(copied, byHand);
      } else {
        byHand();
      }
    });
  });

  // Weekly reports (issue 17): producing a report takes a few seconds; say so, and send the form only once.
  document.querySelectorAll("[data-busy-form]").forEach(function (form) {
    var button = form.querySelector("button[data-busy-text]");
    var status = form.querySelector("[data-busy-status]");
    form.addEventListener("submit", function (event) {
      if (form.getAttribute("data-busy") === "yes") { event.preventDefault(); return; }
      form.setAttribute("data-busy", "yes");
      if (button) { button.setAttribute("aria-disabled", "true"); button.textContent = button.getAttribute("data-busy-text"); }
      if (status) { status.textContent = "Producing the report: the page reloads when it is archived."; }
    });
  });
})();
