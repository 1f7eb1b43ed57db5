// Progressive enhancement of the survey form (served at /static/app.js; the pages work without
// it, and the Content-Security-Policy allows no inline script): a draft is saved on its own a
// moment after the last change, through the JSON API with the draft's version (optimistic
// versioning: a conflict stops autosaving and says so), and the live score box shows the index
// the saved draft would get.
(function () {
  "use strict";
  var form = document.querySelector("form.survey[data-autosave='on']");
  var box = document.getElementById("live-score");
  if (!form || !box || !window.fetch || !window.JSON) return;

  var vi = document.documentElement.lang !== "en";
  var unit = form.getAttribute("data-unit");
  var period = form.getAttribute("data-period");
  var csrf = form.querySelector("input[name='csrf']").value;
  var version = form.querySelector("input[name='version']");
  var api = "/api/v1/seasons/" + encodeURIComponent(period) + "/units/" + encodeURIComponent(unit);
  var timer = null;
  var busy = false;
  var again = false;
  var stopped = false;

  function say(v, e) { return vi ? v : e; }

  function show(text, kind) {
    box.textContent = "";
    var span = document.createElement("span");
    span.className = kind || "";
    span.textContent = text;
    box.appendChild(span);
  }

  // The answers and evidence notes as the form would post them (a.* and e.* fields).
  function collect() {
    var answers = {};
    var notes = {};
    Array.prototype.forEach.call(form.elements, function (element) {
      if (!element.name || element.disabled) return;
      if (element.name.indexOf("a.") === 0) answers[element.name.slice(2)] = element.value;
      if (element.name.indexOf("e.") === 0) notes[element.name.slice(2)] = element.value;
    });
    return { answers: answers, notes: notes, version: parseInt(version.value, 10) || 0 };
  }

  function headers() {
    return { "Content-Type": "application/json", "Accept": "application/json", "X-CSRF-Token": csrf };
  }

  function score() {
    // whatIf=0: the score only — the what-if search is for the self-assessment page.
    fetch(api + "/self-assessment?whatIf=0", { headers: headers(), credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (body) {
        var assessment = body && body.assessment;
        if (!assessment || typeof assessment.value !== "number") return;
        var value = assessment.value.toFixed(4);
        if (vi) value = value.replace(".", ",");
        var rank = typeof assessment.rank === "number" ? " · " + say("hạng", "rank") + " " + assessment.rank : "";
        show(say("Đã lưu tự động (phiên bản ", "Saved automatically (version ") + version.value + ") · " +
             say("chỉ số dự kiến ", "expected index ") + value + rank, "ok");
      })
      .catch(function () { /* the score is a convenience: the page stays as it is */ });
  }

  function save() {
    if (stopped) return;
    if (busy) { again = true; return; }
    busy = true;
    show(say("Đang lưu…", "Saving…"));
    fetch(api + "/draft", { method: "PUT", headers: headers(), credentials: "same-origin", body: JSON.stringify(collect()) })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (body) { return { status: response.status, body: body }; });
      })
      .then(function (result) {
        busy = false;
        if (result.status === 200 && result.body && result.body.draft) {
          version.value = String(result.body.draft.version);
          var problems = (result.body.problems || []).length;
          show(say("Đã lưu tự động (phiên bản ", "Saved automatically (version ") + version.value + ")" +
               (problems ? say(" · còn " + problems + " lỗi: bấm “Lưu nháp” để xem", " · " + problems + " problem(s): press “Save draft” to see them") : ""),
               problems ? "warn" : "ok");
          if (!problems) score();
        } else if (result.status === 409) {
          stopped = true;
          show(say("Người khác vừa lưu bản nháp này: bấm “Lưu nháp” để xem thay đổi của họ.",
                   "Someone else just saved this draft: press “Save draft” to see their changes."), "error");
        } else {
          show(say("Chưa lưu tự động được; bấm “Lưu nháp”.", "Could not save automatically; press “Save draft”."), "warn");
        }
        if (again) { again = false; schedule(); }
      })
      .catch(function () {
        busy = false;
        show(say("Mất kết nối; bấm “Lưu nháp” khi có mạng.", "Offline; press “Save draft” when connected."), "warn");
      });
  }

  function schedule() {
    if (stopped) return;
    window.clearTimeout(timer);
    timer = window.setTimeout(save, 1500);
  }

  form.addEventListener("input", function (event) {
    if (event.target && event.target.name && /^[ae]\./.test(event.target.name)) schedule();
  });
  form.addEventListener("change", function (event) {
    if (event.target && event.target.tagName === "SELECT") schedule();
  });
  // A manual save or submit posts the form as usual, with the version of the last autosave: if
  // one is on its way, the post waits for it (else it would carry a stale version).
  var waiting = null;
  form.addEventListener("submit", function (event) {
    stopped = true;
    window.clearTimeout(timer);
    if (!busy) return;
    event.preventDefault();
    var submitter = event.submitter || null;
    if (waiting) return;
    waiting = window.setInterval(function () {
      if (busy) return;
      window.clearInterval(waiting);
      if (form.requestSubmit) form.requestSubmit(submitter); else form.submit();
    }, 50);
  });
})();
