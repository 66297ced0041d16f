// The camera reading: each video frame is reduced here to its mean red and green level and its time; only that
// series is sent to the server, which finds the pulses, judges the quality and stores the morning reading.
// A reading that cannot be sent (server unreachable) waits in this browser and is sent when it is back.
"use strict";
(function () {
  const box = document.getElementById("camera");
  if (!box) { return; }
  const seconds = Number(box.dataset.seconds);
  const PENDING = "fibrokit-pending-camera:" + box.dataset.postUrl;
  const video = document.getElementById("preview");
  const sample = document.getElementById("sample");
  const pen = sample.getContext("2d", { willReadFrequently: true });
  const trace = document.getElementById("trace");
  const startButton = document.getElementById("start");
  const stopButton = document.getElementById("stop");
  let stream = null;
  let running = false;
  let series = null;
  let lastTime = null;

  function say(id, text) { document.getElementById(id).textContent = text; }

  function torch(track) {
    const can = track.getCapabilities ? track.getCapabilities() : {};
    if (can.torch) {
      track.applyConstraints({ advanced: [{ torch: true }] }).catch(function () {
        say("q-light", "the flash could not be switched on: a bright room light behind the finger also works");
      });
    }
  }

  async function start() {
    say("result", "");
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      say("status", "This browser cannot use the camera on this page (it needs HTTPS, or this server on localhost).");
      return;
    }
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        audio: false,
        video: { facingMode: { ideal: "environment" }, width: { ideal: 320 }, height: { ideal: 240 },
                 frameRate: { ideal: 30 } },
      });
    } catch (error) {
      say("status", "The camera could not be opened: allow this site to use the camera, then start again.");
      return;
    }
    torch(stream.getVideoTracks()[0]);
    video.srcObject = stream;
    await video.play();
    series = { t: [], r: [], g: [], started: new Date().toISOString(),
               tz_offset_min: -new Date().getTimezoneOffset() };
    lastTime = null;
    running = true;
    startButton.hidden = true;
    stopButton.hidden = false;
    say("status", "Reading: keep still and breathe normally.");
    next();
  }

  function next() {
    if (!running) { return; }
    if (video.requestVideoFrameCallback) {
      video.requestVideoFrameCallback(function (now, meta) { frame(meta.captureTime || meta.mediaTime * 1000 || now); });
    } else {
      requestAnimationFrame(function (now) { frame(now); });
    }
  }

  function frame(whenMs) {
    if (!running) { return; }
    if (whenMs !== lastTime && video.videoWidth > 0) {
      lastTime = whenMs;
      pen.drawImage(video, 0, 0, sample.width, sample.height);
      const pixels = pen.getImageData(0, 0, sample.width, sample.height).data;
      let red = 0;
      let green = 0;
      for (let i = 0; i < pixels.length; i += 4) { red += pixels[i]; green += pixels[i + 1]; }
      const count = pixels.length / 4;
      if (series.t.length === 0) { series.t0 = whenMs; }
      series.t.push(Math.round(whenMs - series.t0) / 1000);
      series.r.push(Math.round(1000 * red / count) / 1000);
      series.g.push(Math.round(1000 * green / count) / 1000);
      feedback();
      const elapsed = series.t[series.t.length - 1];
      say("q-left", Math.max(0, Math.ceil(seconds - elapsed)) + " s");
      if (elapsed >= seconds) { finish(); return; }
    }
    next();
  }

  function recent(values, n) { return values.slice(Math.max(0, values.length - n)); }

  function feedback() {
    const red = series.r[series.r.length - 1];
    const green = series.g[series.g.length - 1];
    const covered = red >= 30 && red / Math.max(red + green, 1e-9) >= 0.6;
    say("q-finger", covered ? "covering the lens" : "not seen: cover the lens and the flash with a fingertip");
    say("q-light", red >= 250 ? "too bright: cover the flash completely, pressing lightly"
      : red < 30 ? "too dark: switch on the flash or face a lamp" : "good");
    const wave = recent(series.r, 150);
    if (wave.length < 60) { say("q-pulse", "waiting for the picture to settle"); return; }
    const smooth = wave.map(function (_, i) {
      const part = wave.slice(Math.max(0, i - 15), i + 16);
      return part.reduce(function (a, b) { return a + b; }, 0) / part.length;
    });
    const pulse = wave.map(function (v, i) { return smooth[i] - v; });
    draw(pulse);
    const spread = function (xs) { return Math.max.apply(null, xs) - Math.min.apply(null, xs); };
    const late = spread(recent(pulse, 30));
    const early = spread(pulse.slice(0, pulse.length - 30));
    say("q-pulse", late > 3 * early ? "unsteady: keep the finger and the phone still" : "steady");
  }

  function draw(pulse) {
    const ink = trace.getContext("2d");
    ink.clearRect(0, 0, trace.width, trace.height);
    const low = Math.min.apply(null, pulse);
    const high = Math.max.apply(null, pulse);
    const span = high - low || 1;
    ink.beginPath();
    pulse.forEach(function (v, i) {
      const x = i * trace.width / (pulse.length - 1);
      const y = trace.height - 8 - (v - low) / span * (trace.height - 16);
      if (i === 0) { ink.moveTo(x, y); } else { ink.lineTo(x, y); }
    });
    ink.strokeStyle = "#b3261e";
    ink.lineWidth = 2;
    ink.stroke();
  }

  function stopCamera() {
    running = false;
    if (stream) { stream.getTracks().forEach(function (track) { track.stop(); }); }
    stream = null;
    startButton.hidden = false;
    stopButton.hidden = true;
  }

  function finish() {
    stopCamera();
    const body = JSON.stringify({ t: series.t, r: series.r, g: series.g, started: series.started,
                                  tz_offset_min: series.tz_offset_min });
    say("status", "Scoring the reading…");
    send(body);
  }

  function send(body) {
    fetch(box.dataset.postUrl, {
      method: "POST", credentials: "same-origin", body: body,
      headers: { "content-type": "application/json", "x-csrf-token": box.dataset.csrf },
    }).then(function (response) {
      return response.json().then(function (answer) { return { ok: response.ok, answer: answer }; });
    }).then(function (reply) {
      localStorage.removeItem(PENDING);
      shown(reply.answer);
    }).catch(function () {
      localStorage.setItem(PENDING, body);
      say("status", "The server could not be reached: the reading is kept in this browser and will be sent " +
        "when the server is back.");
    });
  }

  function shown(answer) {
    const result = document.getElementById("result");
    result.replaceChildren();
    if (answer.stored) {
      say("status", "Reading stored.");
      const link = document.createElement("a");
      link.href = answer.url;
      link.textContent = "See the reading";
      result.appendChild(link);
    } else {
      say("status", "The reading was not stored.");
      result.textContent = answer.message;
    }
  }

  function retry() {
    const waiting = localStorage.getItem(PENDING);
    if (waiting) { say("status", "Sending the reading kept in this browser…"); send(waiting); }
  }

  startButton.addEventListener("click", start);
  stopButton.addEventListener("click", function () {
    stopCamera();
    say("status", "Stopped; nothing was sent. Start again when ready.");
  });
  window.addEventListener("online", retry);
  retry();
})();
