// gitauthd: what every page's forms and buttons share.
// - A button[data-copy] copies the text of the element whose id it names,
//   and says so in its own label for a moment.
// - A form[data-confirm] asks its question before it is sent (deletions).
(function () {
  "use strict";

  function fallback(text) {
    var ta = document.createElement("textarea");
    ta.value = text;
    ta.setAttribute("readonly", "");
    ta.style.position = "fixed";
    ta.style.opacity = "0";
    document.body.appendChild(ta);
    ta.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(ta);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return fallback(text); });
    }
    return fallback(text);
  }

  document.addEventListener("click", function (ev) {
    var btn = ev.target.closest("button[data-copy]");
    if (!btn) { return; }
    var src = document.getElementById(btn.getAttribute("data-copy"));
    if (!src) { return; }
    var label = btn.getAttribute("data-label") || btn.textContent;
    btn.setAttribute("data-label", label);
    copy(src.textContent.trim()).then(
      function () { btn.textContent = "Copied"; },
      function () { btn.textContent = "Select and copy by hand"; }
    ).then(function () { setTimeout(function () { btn.textContent = label; }, 2000); });
  });

  document.addEventListener("submit", function (ev) {
    var question = ev.target.getAttribute && ev.target.getAttribute("data-confirm");
    if (question && !window.confirm(question)) { ev.preventDefault(); }
  });
})();
