// While work runs, ask /status every 700 ms (the bytes read so far fill the bar) and
// reload the page when it is done.
(function () {
  "use strict";
  var box = document.getElementById("running");
  var bar = document.getElementById("progress");
  if (!box) { return; }
  function poll() {
    fetch("/status", { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (s.running) {
          box.textContent = s.text;
          if (bar && s.total > 0) {
            bar.max = s.total;
            bar.value = s.done;
            bar.hidden = false;
          }
          setTimeout(poll, 700);
        } else {
          window.location.replace(window.location.pathname);
        }
      })
      .catch(function () { setTimeout(poll, 2000); });
  }
  setTimeout(poll, 700);
})();
