// A guided test: steps from the server (data-guide, built from the protocol and evidence registries), said on
// screen and aloud, with a timer and, for deep breathing, a breathing pacer. Beats come from a Bluetooth
// heart-rate strap (0x180D / 0x2A37, parsed and timed by pace_monitor.js); each phase is marked when it starts
// and ends. A step without a length (exercising to one's own chosen limit) ends when the person presses its
// button. A test with safety notes starts only once "I have read this" is ticked. At the end, or at Stop, the
// beats, phases, dropouts and the real start time go to this server, which imports and scores them.
"use strict";
(function () {
  const box = document.getElementById("guided");
  if (!box || !window.FibrokitPace) { return; }
  const Pace = window.FibrokitPace;
  const guide = JSON.parse(box.dataset.guide);
  const $ = function (id) { return document.getElementById(id); };
  const startButton = $("guided-start"), stopButton = $("guided-stop"), untilButton = $("guided-until");
  const readBox = $("guided-read");
  const RETRY_MS = 2000, TICK_MS = 200;
  let run = null;

  function clock(seconds) {
    const whole = Math.max(0, Math.ceil(seconds));
    return Math.floor(whole / 60) + ":" + String(whole % 60).padStart(2, "0");
  }
  function stamp(date) {
    const two = function (n) { return String(n).padStart(2, "0"); };
    return "" + date.getFullYear() + two(date.getMonth() + 1) + two(date.getDate()) + "-" +
      two(date.getHours()) + two(date.getMinutes()) + two(date.getSeconds());
  }
  function say(id, text) { $(id).textContent = text; }
  function speak(text) {
    if (!window.speechSynthesis || !window.SpeechSynthesisUtterance) { return; }
    try {
      window.speechSynthesis.cancel();
      window.speechSynthesis.speak(new SpeechSynthesisUtterance(text));
    } catch (error) { /* speech is a help, the screen says the same */ }
  }

  if (!navigator.bluetooth) {
    const note = $("guided-unsupported");
    note.textContent = (window.isSecureContext ? "This browser cannot talk to a Bluetooth heart-rate strap." :
      "Bluetooth works only on a secure (https) address, and this page was not opened on one.") +
      " Guided tests work in Chrome and Edge on Android and on computers; not in Safari, Firefox, or any " +
      "browser on an iPhone or iPad. Instead you can ";
    const camera = document.createElement("a");
    camera.href = box.dataset.cameraUrl;
    camera.textContent = "take a morning reading with the phone's camera";
    const files = document.createElement("a");
    files.href = box.dataset.importUrl;
    files.textContent = "import a file";
    note.append(camera, ", or record with your strap's own app and ", files, " and mark it as a test.");
    note.hidden = false;
    startButton.hidden = true;
    return;
  }

  if (readBox) {
    readBox.addEventListener("change", function () { startButton.disabled = !readBox.checked; });
    startButton.disabled = !readBox.checked;
  }

  function now() { return (performance.now() - run.t0) / 1000; }

  function mark(text, time) {
    const item = document.createElement("li");
    item.dataset.time = String(time);
    item.textContent = clock(time) + "  " + text;
    $("guided-marks").append(item);
  }

  function enterStep(index, at) {
    const step = guide.steps[index];
    run.step = index;
    run.stepStart = at;
    run.stepEnd = step.seconds === null ? Infinity : at + step.seconds;
    say("guided-step", step.say);
    speak(step.say);
    if (navigator.vibrate && index > 0) { navigator.vibrate([300]); }  // felt when the eyes are closed
    mark(step.phase + " starts", at);
    $("guided-pacer").hidden = !step.pacer_s;
    untilButton.hidden = !step.until;
    untilButton.textContent = step.until || "";
    if (step.ask_why) { $("guided-why").hidden = false; }
  }

  // A step ends at its planned time, when its instruction to move on is given, or when its button is pressed.
  function endStep(at) {
    const step = guide.steps[run.step];
    if (guide.phases.indexOf(step.phase) >= 0) { run.phases[step.phase] = [run.stepStart, at]; }
    mark(step.phase + " ends", at);
    if (run.step + 1 >= guide.steps.length) { finish(null); return false; }
    enterStep(run.step + 1, at);
    return true;
  }

  function advance() {
    if (!run || run.stopping) { return; }
    const time = now();
    while (time >= run.stepEnd) {
      if (!endStep(run.stepEnd)) { return; }
    }
    const step = guide.steps[run.step];
    say("guided-timer", step.seconds === null ? clock(time - run.stepStart) + " so far" :
      clock(run.stepEnd - time) + " left");
    if (step.pacer_s) {
      const into = (time - run.stepStart) % (2 * step.pacer_s);
      const breathingIn = into < step.pacer_s;
      const fraction = breathingIn ? into / step.pacer_s : 1 - (into - step.pacer_s) / step.pacer_s;
      $("guided-circle").style.transform = "scale(" + (0.4 + 0.6 * fraction).toFixed(3) + ")";
      const word = breathingIn ? "Breathe in" : "Breathe out";
      if ($("guided-breath").textContent !== word) { say("guided-breath", word); }
    }
  }

  function onValue(event) {
    if (!run || run.stopping) { return; }
    let measurement;
    try { measurement = Pace.parseMeasurement(event.target.value); } catch (error) { return; }
    run.clock.samples(now(), measurement).forEach(function (sample) {
      if (sample.rr_ms !== undefined) { run.beats.push([sample.time_s, sample.rr_ms]); }
    });
    if (measurement.hr_bpm) { say("guided-hr", String(measurement.hr_bpm)); }
    advance();
  }

  // A dropout is said on screen and in the marks, retried until the strap is back or the test ends, and sent
  // with the beats: the stored test holds only the beats that arrived, and says how long the strap was away.
  function strapHooks(mine) {
    return {
      running: function () { return run === mine && !mine.stopping; },
      now: now,
      dropped: function (at) {
        run.droppedAt = at;
        mark("strap dropped out", at);
        say("guided-link", "The strap dropped out at " + clock(at) + "; reconnecting… The test goes on, " +
          "and you can press Stop if it does not come back.");
      },
      back: function (droppedAt, at) {
        run.dropouts.push([droppedAt, at]);
        mark("strap back", at);
        say("guided-link", "Reconnected after " + (at - droppedAt).toFixed(0) + " s without the strap; " +
          "the beats of that time are missing.");
        run.droppedAt = null;
      },
    };
  }

  async function start() {
    say("guided-saved", "");
    let device;
    try {
      device = await navigator.bluetooth.requestDevice({ filters: [{ services: [0x180d] }] });
    } catch (error) {
      say("guided-link", "No strap chosen. Wear the strap (most wake on skin contact), then start again.");
      return;
    }
    const begun = new Date();
    run = { device: device, clock: new Pace.BeatClock(), beats: [], phases: {}, step: 0, stepStart: 0,
      stepEnd: Infinity, stopping: false, started: stamp(begun), startedAt: Pace.localIso(begun),
      t0: performance.now(), droppedAt: null, dropouts: [], wakeLock: null, timer: null };
    try {
      await Pace.keepStrap(device, onValue, strapHooks(run), RETRY_MS);
    } catch (error) {
      say("guided-link", "Could not connect to " + (device.name || "the strap") + ": " + error.message);
      run = null;
      return;
    }
    say("guided-link", "Connected to " + (device.name || "the strap") + ".");
    $("guided-panel").hidden = false;
    startButton.hidden = true;
    stopButton.hidden = false;
    if (navigator.wakeLock) {
      navigator.wakeLock.request("screen").then(function (lock) { if (run) { run.wakeLock = lock; } })
        .catch(function () { return null; });
    }
    enterStep(0, 0);
    run.timer = setInterval(advance, TICK_MS);
  }

  // End the test: at its planned end (stoppedAt null) or at Stop (the phase under way ends there).
  function finish(stoppedAt) {
    const finished = run;
    finished.stopping = true;
    clearInterval(finished.timer);
    stopButton.hidden = true;
    untilButton.hidden = true;
    $("guided-pacer").hidden = true;
    try { if (finished.device.gatt.connected) { finished.device.gatt.disconnect(); } } catch (error) { /* gone */ }
    if (finished.wakeLock) { finished.wakeLock.release().catch(function () { return null; }); }
    run = null;
    if (stoppedAt !== null) {
      const step = guide.steps[finished.step];
      if (stoppedAt > finished.stepStart && guide.phases.indexOf(step.phase) >= 0) {
        finished.phases[step.phase] = [finished.stepStart, stoppedAt];
      }
      mark("stopped during " + step.phase, stoppedAt);
    }
    if (finished.droppedAt !== null) { finished.dropouts.push([finished.droppedAt, stoppedAt === null ?
      finished.stepEnd : stoppedAt]); }
    const text = stoppedAt === null ? "The test is over. Well done." : "Stopped at " + clock(stoppedAt) + ".";
    say("guided-step", text);
    say("guided-timer", "0:00");
    speak(text);
    if (finished.beats.length < 10) {
      say("guided-saved", "Fewer than 10 beats were received, so there is nothing to keep. Check that the " +
        "strap sends beat-to-beat intervals (most chest straps do) and has skin contact.");
      startButton.hidden = false;
      return;
    }
    const why = document.querySelector("#guided-why input:checked");
    save({ started: finished.started, started_at: finished.startedAt, beats: finished.beats,
      phases: finished.phases, stopped_at_s: stoppedAt, dropouts: finished.dropouts,
      read_safety: readBox ? readBox.checked : false, options: guide.options,
      stopped_because: why ? why.value : "" });
  }

  async function save(body) {
    const saved = $("guided-saved");
    saved.textContent = "Saving " + body.beats.length + " beats…";
    const answer = await Pace.postBeats(box.dataset.postUrl, box.dataset.csrf, body, "test", saved, function () {
      save(body);
    });
    if (!answer) { return; }
    saved.textContent = (answer.problem ? answer.problem + " " : "Saved and scored. ");
    const link = document.createElement("a");
    link.href = answer.url;
    link.textContent = "See the result";
    saved.append(link);
    if (!answer.problem) { window.location.assign(answer.url); }
  }

  window.addEventListener("beforeunload", function (event) {
    if (run) { event.preventDefault(); }  // a test is running: leaving would lose its beats
  });
  startButton.addEventListener("click", start);
  stopButton.addEventListener("click", function () { if (run && !run.stopping) { finish(now()); } });
  untilButton.addEventListener("click", function () {
    if (run && !run.stopping && guide.steps[run.step].seconds === null) { endStep(now()); }
  });
})();
