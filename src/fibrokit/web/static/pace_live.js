// Live pacing on the pacing page: a heart-rate strap over Web Bluetooth (Heart Rate service 0x180D,
// measurement 0x2A37) through the same pipeline as the core (pace_monitor.js), alerts by vibration, sound and
// screen, the screen kept on, reconnection after a dropout, and the beats saved to this server at the end.
"use strict";
(function () {
  const box = document.getElementById("live");
  if (!box || !window.FibrokitPace) { return; }
  const Pace = window.FibrokitPace;
  const $ = function (id) { return document.getElementById(id); };
  const connectButton = $("live-connect"), stopButton = $("live-stop");
  const RETRY_MS = 2000;
  let run = null;

  function clock(seconds) {
    const whole = Math.max(0, Math.floor(seconds));
    const h = Math.floor(whole / 3600), m = Math.floor((whole % 3600) / 60), s = whole % 60;
    const mm = h ? String(m).padStart(2, "0") : String(m);
    return (h ? h + ":" : "") + mm + ":" + String(s).padStart(2, "0");
  }
  function stamp(date) {
    const two = function (n) { return String(n).padStart(2, "0"); };
    return "" + date.getFullYear() + two(date.getMonth() + 1) + two(date.getDate()) + "-" +
      two(date.getHours()) + two(date.getMinutes()) + two(date.getSeconds());
  }
  function say(id, text) { $(id).textContent = text; }

  if (!navigator.bluetooth) {
    const why = window.isSecureContext ? "This browser cannot talk to a Bluetooth heart-rate strap." :
      "Bluetooth works only on a secure (https) address, and this page was not opened on one.";
    const note = $("live-unsupported");
    note.textContent = why + " Live pacing works in Chrome and Edge on Android and on computers (Windows, " +
      "macOS, Linux, ChromeOS); not in Safari, Firefox, or any browser on an iPhone or iPad. You can record " +
      "with your strap's own app and import the file instead: ";
    const link = document.createElement("a");
    link.href = box.dataset.saveUrl.replace(/\/pacing\/live\/session$/, "/imports");
    link.textContent = "import a file";
    note.appendChild(link);
    note.hidden = false;
    connectButton.hidden = true;
    return;
  }

  function logEvent(kind, time, text, zone) {
    const item = document.createElement("li");
    item.dataset.kind = kind;
    item.dataset.time = String(time);
    if (zone !== undefined) { item.dataset.zone = String(zone); }
    item.textContent = clock(time) + "  " + text;
    $("live-events").prepend(item);
  }

  function beep(times, pitch) {
    if (!run || !run.audio) { return; }
    const audio = run.audio;
    for (let i = 0; i < times; i++) {
      const start = audio.currentTime + i * 0.35;
      const tone = audio.createOscillator(), gain = audio.createGain();
      tone.frequency.value = pitch;
      gain.gain.setValueAtTime(0.25, start);
      gain.gain.exponentialRampToValueAtTime(0.001, start + 0.25);
      tone.connect(gain).connect(audio.destination);
      tone.start(start);
      tone.stop(start + 0.26);
    }
    box.dataset.beeps = String(Number(box.dataset.beeps || 0) + times);
  }
  function buzz(pattern) {
    if (navigator.vibrate) { navigator.vibrate(pattern); }
  }
  function showAlert(text, strong) {
    const note = $("live-alert");
    note.textContent = text;
    note.className = strong ? "stop" : "caution";
    note.hidden = false;
  }

  function handle(events) {
    events.forEach(function (e) {
      logEvent(e.kind, e.time_s, e.kind === "zone" ? "zone: " + e.label : e.message, e.zone);
      if (e.kind === "warn") { buzz([200]); beep(1, 660); showAlert(e.message, false); }
      if (e.kind === "alert") { buzz([400, 200, 400, 200, 400]); beep(3, 880); showAlert(e.message, true); }
      if (e.kind === "alert_end") { $("live-alert").hidden = true; }
      if (e.kind === "budget") { buzz([600, 300, 600]); beep(2, 520); showAlert(e.message, true); }
    });
  }

  function render() {
    const s = run.monitor.status;
    say("live-hr", Number.isFinite(s.hr_bpm) ? s.hr_bpm.toFixed(0) : "–");
    const zone = $("live-zone");
    zone.textContent = run.monitor.labels[s.zone];
    zone.className = s.zone === Pace.OVER ? "over" : "";
    say("live-time", clock(s.time_s));
    say("live-load", s.points.toFixed(1) + " points" + (s.rate_per_min > 0 ? " (+" + s.rate_per_min.toFixed(1) + " a minute)" : ""));
    if (s.budget_left === null) { say("live-budget", "no budget set"); } else {
      say("live-budget", s.budget_left >= 0 ? s.budget_left.toFixed(0) + " points" +
        (s.minutes_left === null ? "" : ", about " + s.minutes_left.toFixed(0) + " min at this pace") :
        (-s.budget_left).toFixed(0) + " points over");
    }
  }

  function now() { return (performance.now() - run.t0) / 1000; }

  function onValue(event) {
    if (!run || run.stopping) { return; }
    let measurement;
    try { measurement = Pace.parseMeasurement(event.target.value); } catch (error) { return; }
    if (measurement.contact === false && !run.noContact) {
      say("live-link", "The strap reports no skin contact: moisten its electrodes and tighten the strap.");
    } else if (measurement.contact !== false && run.noContact) {
      say("live-link", "The strap has skin contact again.");
    }
    run.noContact = measurement.contact === false;
    const samples = run.clock.samples(now(), measurement);
    samples.forEach(function (sample) {
      // A heart rate stamped on arrival can fall before beats already timed: it is shown, not fed out of order.
      if (run.monitor.lastTime !== null && sample.time_s < run.monitor.lastTime) { return; }
      if (sample.rr_ms !== undefined) {
        run.beats.push([sample.time_s, sample.rr_ms]);
        handle(run.monitor.addBeat(sample.time_s, sample.rr_ms));
      } else {
        run.heartRates += 1;
        handle(run.monitor.addHr(sample.time_s, sample.hr_bpm));
      }
    });
    render();
  }

  // A dropout is said on screen and in the event log, and retried until the strap is back or the run stops.
  function strapHooks(mine) {
    return {
      running: function () { return run === mine && !mine.stopping; },
      now: now,
      dropped: function (at) {
        box.dataset.link = "lost";
        say("live-link", "The strap dropped out at " + clock(at) + "; reconnecting…");
        logEvent("dropout", at, "strap dropped out, reconnecting");
      },
      back: function (droppedAt, at) {
        const away = (at - droppedAt).toFixed(0);
        box.dataset.link = "connected";
        say("live-link", "Reconnected after " + away + " s without the strap; " +
          "the beats of that time are missing from the recording.");
        logEvent("reconnected", at, "strap reconnected after " + away + " s");
      },
    };
  }

  async function keepScreenOn() {
    if (!navigator.wakeLock) { say("live-screen", "this browser cannot keep it on: keep it awake yourself"); return; }
    try {
      run.wakeLock = await navigator.wakeLock.request("screen");
      say("live-screen", "kept on while this runs");
    } catch (error) {
      say("live-screen", "could not be kept on (" + error.name + "): keep it awake yourself");
    }
  }
  document.addEventListener("visibilitychange", function () {
    if (run && !run.stopping && document.visibilityState === "visible") { keepScreenOn(); }
  });

  async function start() {
    say("live-saved", "");
    let setup;
    try {
      const response = await fetch(box.dataset.specUrl, { credentials: "same-origin" });
      setup = await response.json();
    } catch (error) {
      say("live-link", "Could not reach this server for your lines; check the connection and try again.");
      return;
    }
    if (!setup.spec) { say("live-link", setup.problem); return; }
    let device;
    try {
      device = await navigator.bluetooth.requestDevice({ filters: [{ services: [0x180d] }] });
    } catch (error) {
      say("live-link", "No strap chosen. Wear the strap (most wake on skin contact), then connect again.");
      return;
    }
    const Audio = window.AudioContext || window.webkitAudioContext;
    run = { device: device, monitor: new Pace.Monitor(setup.spec), clock: new Pace.BeatClock(), beats: [],
      heartRates: 0, stopping: false, started: stamp(new Date()), startedAt: Pace.localIso(new Date()),
      t0: performance.now(),
      audio: Audio ? new Audio() : null, wakeLock: null, noContact: false };
    try {
      await Pace.keepStrap(device, onValue, strapHooks(run), RETRY_MS);
    } catch (error) {
      say("live-link", "Could not connect to " + (device.name || "the strap") + ": " + error.message);
      run = null;
      return;
    }
    box.dataset.link = "connected";
    say("live-link", "Connected to " + (device.name || "the strap") + ".");
    $("live-panel").hidden = false;
    connectButton.hidden = true;
    stopButton.hidden = false;
    keepScreenOn();
    render();
  }

  async function stop() {
    if (!run) { return; }
    const finished = run;
    finished.stopping = true;
    stopButton.hidden = true;
    connectButton.hidden = false;
    try { if (finished.device.gatt.connected) { finished.device.gatt.disconnect(); } } catch (error) { /* gone */ }
    if (finished.wakeLock) { finished.wakeLock.release().catch(function () { return null; }); }
    box.dataset.link = "stopped";
    say("live-link", "Stopped after " + clock(finished.monitor.status.time_s) + ".");
    run = null;
    if (finished.beats.length < 10) {
      say("live-saved", finished.heartRates ?
        "This strap sent heart rate without beat-to-beat intervals, so there are no beats to save as a recording." :
        "Fewer than 10 beats were received: nothing was saved.");
      return;
    }
    save(finished);
  }

  // Send the beats to this server; on failure keep them and offer to try again (they are in this page only).
  async function save(finished) {
    const saved = $("live-saved");
    saved.textContent = "Saving " + finished.beats.length + " beats…";
    const body = { started: finished.started, started_at: finished.startedAt, beats: finished.beats };
    const answer = await Pace.postBeats(box.dataset.saveUrl, box.dataset.csrf, body, "session", saved, function () {
      save(finished);
    });
    if (!answer) { return; }
    saved.textContent = "Saved " + finished.beats.length + " beats as " + answer.name + ": ";
    const link = document.createElement("a");
    link.href = answer.job_url;
    link.textContent = "see it imported";
    saved.appendChild(link);
  }

  window.addEventListener("beforeunload", function (event) {
    if (run) { event.preventDefault(); }  // a session is running: leaving would lose its beats
  });
  connectButton.addEventListener("click", start);
  stopButton.addEventListener("click", stop);
})();
