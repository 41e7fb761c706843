// gitauthd: the device flow on /external-auth/{id}. Starts the flow through
// the API (the session cookie authenticates), shows the code, and polls at
// the provider's interval until the link is stored.
(function () {
  "use strict";
  var section = document.getElementById("status");
  var id = section.getAttribute("data-provider");
  var base = "/api/v2/external-auth/" + encodeURIComponent(id) + "/device";
  var start = document.getElementById("device-start");
  var box = document.getElementById("device-box");
  var state = document.getElementById("device-state");

  function show(text) { state.textContent = text; }

  start.addEventListener("click", function () {
    start.disabled = true;
    fetch(base, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.json().then(function (b) { return { ok: r.ok, body: b }; }); })
      .then(function (res) {
        if (!res.ok) { show(res.body.message + (res.body.detail ? " " + res.body.detail : "")); start.disabled = false; return; }
        var d = res.body;
        document.getElementById("device-code").textContent = d.user_code;
        var a = document.getElementById("device-uri");
        a.href = d.verification_uri; a.textContent = d.verification_uri;
        box.hidden = false;
        show("Waiting for you to enter the code…");
        poll(d.device_code, Math.max(1, d.interval || 5));
      })
      .catch(function () { show("Could not start the device flow."); start.disabled = false; });
  });

  function poll(code, interval) {
    setTimeout(function () {
      fetch(base, {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ device_code: code })
      }).then(function (r) {
        if (r.status === 204) { window.location.assign(window.location.pathname + "?redirected=true"); return; }
        return r.json().then(function (b) {
          if (b.detail === "authorization_pending") { poll(code, interval); return; }
          if (b.detail === "slow_down") { poll(code, interval + 5); return; }
          show((b.message || "The device flow failed.") + (b.detail ? " (" + b.detail + ")" : ""));
          start.disabled = false;
        });
      }).catch(function () { poll(code, interval); });
    }, interval * 1000);
  }
})();
