// Refresh an import's progress every second until every file has a final status.
"use strict";
(function () {
  const box = document.getElementById("progress");
  if (!box || box.dataset.finished === "1") { return; }
  const person = box.dataset.person;
  function cell(text) { const td = document.createElement("td"); td.textContent = text; return td; }
  function update(state) {
    document.getElementById("done").textContent = state.done;
    document.getElementById("bar").value = state.done;
    const body = document.getElementById("items");
    body.replaceChildren();
    state.items.forEach(function (item) {
      const row = document.createElement("tr");
      row.appendChild(cell(item.name));
      const status = cell(item.status);
      status.className = "status-" + item.status;
      row.appendChild(status);
      const message = document.createElement("td");
      if (item.recording_id) {
        const link = document.createElement("a");
        link.href = "/p/" + person + "/recordings/" + item.recording_id;
        link.textContent = item.message;
        message.appendChild(link);
      } else { message.textContent = item.message; }
      row.appendChild(message);
      body.appendChild(row);
    });
    if (state.done === state.total) {
      box.dataset.finished = "1";
      const note = document.getElementById("live-note");
      if (note) { note.remove(); }
      return;
    }
    setTimeout(poll, 1000);
  }
  function poll() {
    fetch(box.dataset.progressUrl, { credentials: "same-origin" })
      .then(function (r) { return r.json(); }).then(update)
      .catch(function () { setTimeout(poll, 3000); });
  }
  setTimeout(poll, 500);
})();
