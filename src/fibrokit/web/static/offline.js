// On every page: register the service worker (the installable app), and keep a check-in made while the server
// cannot be reached in this browser until it can, then send it. Without JavaScript the check-in form works as is.
"use strict";
(function () {
  const QUEUE = "fibrokit-pending-checkins";
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {});
  }

  function pending() {
    try { return JSON.parse(localStorage.getItem(QUEUE) || "[]"); } catch (error) { return []; }
  }

  function keep(list) {
    if (list.length) { localStorage.setItem(QUEUE, JSON.stringify(list)); } else { localStorage.removeItem(QUEUE); }
  }

  function tell(text) {
    let box = document.getElementById("offline-note");
    if (!box) {
      box = document.createElement("p");
      box.id = "offline-note";
      box.className = "notice";
      box.setAttribute("role", "status");
      const main = document.getElementById("main");
      if (main) { main.prepend(box); }
    }
    box.textContent = text;
  }

  function post(item) {
    return fetch(item.url, {
      method: "POST", credentials: "same-origin", body: item.body,
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
  }

  let sending = false;
  function flush() {
    const list = pending();
    if (!list.length || sending) { return; }
    sending = true;
    let sent = 0;
    const step = function () {
      const current = pending();
      if (!current.length) {
        sending = false;
        tell(sent + " check-in" + (sent === 1 ? "" : "s") + " kept in this browser " + (sent === 1 ? "was" : "were") +
          " sent to the server.");
        return;
      }
      post(current[0]).then(function (response) {
        if (!response.ok && !response.redirected) { throw new Error("refused " + response.status); }
        keep(current.slice(1));
        sent += 1;
        step();
      }).catch(function () {
        sending = false;
        tell(current.length + " check-in" + (current.length === 1 ? " is" : "s are") +
          " kept in this browser and will be sent when the server can be reached.");
        setTimeout(flush, 15000);
      });
    };
    step();
  }

  const form = document.getElementById("checkin");
  if (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      const item = { url: form.action, body: new URLSearchParams(new FormData(form)).toString() };
      post(item).then(function (response) {
        if (response.redirected) { window.location.assign(response.url); } else { form.submit(); }
      }).catch(function () {
        keep(pending().concat([item]));
        tell("The server cannot be reached: this check-in is kept in this browser and will be sent when it can.");
        setTimeout(flush, 15000);
      });
    });
  }
  window.addEventListener("online", flush);
  flush();
})();
