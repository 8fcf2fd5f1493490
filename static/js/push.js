/* Turn on order notifications on this phone (web push). The page works without it. */
(function () {
  "use strict";
  var panel = document.getElementById("push-panel");
  if (!panel || !("serviceWorker" in navigator) || !("PushManager" in window)) { return; }
  var status = document.getElementById("push-status");

  function keyBytes(base64url) {
    var padded = (base64url + "===".slice((base64url.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
    var raw = atob(padded), out = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) { out[i] = raw.charCodeAt(i); }
    return out;
  }

  function turnOn() {
    navigator.serviceWorker.register(panel.dataset.worker).then(function (reg) {
      return reg.pushManager.subscribe({userVisibleOnly: true, applicationServerKey: keyBytes(panel.dataset.key)});
    }).then(function (sub) {
      return fetch(panel.dataset.on, {method: "POST", credentials: "same-origin",
        headers: {"Content-Type": "application/json", "X-CSRFToken": panel.dataset.csrf},
        body: JSON.stringify(sub)});
    }).then(function (response) {
      if (!response.ok) { throw new Error("refused"); }
      status.textContent = panel.dataset.done;
    }).catch(function () { status.textContent = panel.dataset.refused; });
  }

  panel.hidden = false;
  document.getElementById("push-on").addEventListener("click", turnOn);
})();
