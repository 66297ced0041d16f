// The diary's forms: the check-in's time is set to this device's clock (the server may be elsewhere), and the
// ACR body map ticks an area's box when the area is tapped. Without JavaScript both forms work as they are.
"use strict";
(function () {
  const at = document.querySelector("input[data-now]");
  if (at) {
    const d = new Date();
    const pad = function (n) { return String(n).padStart(2, "0"); };
    at.value = d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + "T" + pad(d.getHours()) + ":" + pad(d.getMinutes());
  }
  document.querySelectorAll(".bodymap.live [data-area]").forEach(function (shape) {
    const box = document.getElementById("area-" + shape.getAttribute("data-area"));
    if (!box) { return; }
    const sync = function () { shape.classList.toggle("on", box.checked); };
    shape.addEventListener("click", function () { box.checked = !box.checked; sync(); });
    box.addEventListener("change", sync);
    sync();
  });
})();
