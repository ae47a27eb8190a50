// While work runs, ask /status every 700 ms and reload the page when it is done.
(function () {
  "use strict";
  var box = document.getElementById("running");
  if (!box) { return; }
  function poll() {
    fetch("/status", { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (s.running) {
          box.textContent = s.text;
          setTimeout(poll, 700);
        } else {
          window.location.replace(window.location.pathname);
        }
      })
      .catch(function () { setTimeout(poll, 2000); });
  }
  setTimeout(poll, 700);
})();
