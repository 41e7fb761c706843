// gitauthd: the device flow. Every .device[data-device] element
// (templates/parts.html, "device") gets its own flow: the start button (or,
// with data-device-auto, the page load) asks the API for a code, the page
// shows it with the provider's verification link and a live countdown, then
// polls at the provider's interval; once the provider approves, the page
// moves on to the nearest [data-next].
// Linking an account (the session cookie authenticates) polls with POST
// /api/v2/external-auth/{id}/device, 204 once linked. GitHub sign-in
// (data-device-api, data-device-poll) polls the sign-in callback, whose URL
// carries the state, with the device code added: it signs in by answering
// a redirect to / with the session cookie. The device code stays in the
// script: it is never shown nor put in the page's address.
(function () {
  "use strict";

  function setup(el) {
    var id = el.getAttribute("data-device");
    var base = el.getAttribute("data-device-api") || "/api/v2/external-auth/" + encodeURIComponent(id) + "/device";
    var signIn = el.getAttribute("data-device-poll");
    var start = el.querySelector(".device-start");
    var box = el.querySelector(".device-box");
    var code = el.querySelector(".device-code");
    var uri = el.querySelector(".device-uri");
    var expiry = el.querySelector(".device-expiry");
    var state = el.querySelector(".device-state");
    var next = el.closest("[data-next]");
    var timer = null;
    var deadline = 0;
    var done = false;

    function show(text) { state.textContent = text; }

    function stop(text) {
      done = true;
      if (timer) { clearInterval(timer); timer = null; }
      show(text);
      start.disabled = false;
    }

    function tick() {
      var left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
      var m = Math.floor(left / 60), s = left % 60;
      expiry.textContent = "The code expires in " + m + ":" + (s < 10 ? "0" : "") + s + ".";
      if (left === 0) {
        box.hidden = true;
        stop("The code expired before it was entered. Start again for a new one.");
      }
    }

    start.addEventListener("click", function () {
      start.disabled = true;
      done = false;
      show("Asking for a code…");
      fetch(base, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { return r.json().then(function (b) { return { ok: r.ok, body: b }; }); })
        .then(function (res) {
          if (!res.ok) { stop(res.body.message + (res.body.detail ? " " + res.body.detail : "")); return; }
          var d = res.body;
          code.textContent = d.user_code;
          uri.href = d.verification_uri;
          uri.textContent = d.verification_uri;
          box.hidden = false;
          deadline = Date.now() + (d.expires_in || 900) * 1000;
          tick();
          timer = setInterval(tick, 1000);
          show("Waiting for you to enter the code…");
          poll(d.device_code, Math.max(1, d.interval || 5));
        })
        .catch(function () { stop("Could not start the device flow."); });
    });

    function poll(deviceCode, interval) {
      setTimeout(function () {
        if (done) { return; }
        check(deviceCode).then(function (r) {
          if (signIn ? r.ok && r.redirected : r.status === 204) {
            stop(signIn ? "Approved. Signed in." : "Approved. Connected.");
            start.disabled = true;
            window.location.assign(next ? next.getAttribute("data-next") : window.location.pathname);
            return;
          }
          return r.json().then(function (b) {
            if (b.detail === "authorization_pending") { poll(deviceCode, interval); return; }
            if (b.detail === "slow_down") { poll(deviceCode, interval + 5); return; }
            box.hidden = true;
            stop((b.message || "The device flow failed.") + (b.detail ? " (" + b.detail + ")" : ""));
          });
        }).catch(function () { poll(deviceCode, interval); });
      }, interval * 1000);
    }

    // check asks once whether the provider approved the code.
    function check(deviceCode) {
      if (signIn) {
        return fetch(signIn + "&code=" + encodeURIComponent(deviceCode),
          { credentials: "same-origin", headers: { Accept: "application/json" } });
      }
      return fetch(base, {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ device_code: deviceCode })
      });
    }

    if (el.hasAttribute("data-device-auto")) { start.click(); }
  }

  document.querySelectorAll(".device[data-device]").forEach(setup);
})();
