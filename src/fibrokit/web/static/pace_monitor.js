// The live pacing pipeline of fibrokit.pacing.PaceMonitor, in the browser: zones with hysteresis and dwell,
// exertion load, the budget and the events to show. Every number comes from the spec the server sends
// (PaceMonitor.spec(), built from the evidence registry); tests/app/test_live_pacing.py feeds this file and the
// Python core the same beats and requires the same events. Also: the 0x2A37 parser and the beat clock.
// Runs in a page (window.FibrokitPace) and in node (module.exports), with no dependencies.
"use strict";
(function (root) {
  const REST = 0, ACTIVE = 1, OVER = 2;

  // Whole numbers as Python's format(x, ".0f") writes them: an exact half goes to the even neighbour.
  function whole(x) {
    const floor = Math.floor(x);
    if (x - floor === 0.5) { return String(floor % 2 === 0 ? floor : floor + 1); }
    return x.toFixed(0);
  }

  function zoneOf(hr, threshold, ceiling) {
    if (hr >= ceiling) { return OVER; }
    return hr >= threshold ? ACTIVE : REST;
  }

  function ZoneTracker(spec) {
    this.threshold = spec.threshold_bpm;
    this.ceiling = spec.ceiling_bpm;
    this.dwell = spec.dwell_s;
    this.hysteresis = spec.hysteresis_bpm;
    this.zone = null;
    this.candidate = null;
    this.pendingSince = null;
  }
  ZoneTracker.prototype.updateCandidate = function (hr) {
    const raw = zoneOf(hr, this.threshold, this.ceiling);
    if (this.candidate === null || raw >= this.candidate) {
      if (this.candidate !== null && raw !== this.candidate) { this.pendingSince = null; }
      this.candidate = raw;
      return;
    }
    const lowered = zoneOf(hr, this.threshold - this.hysteresis, this.ceiling - this.hysteresis);
    if (lowered < this.candidate) {
      this.pendingSince = null;
      this.candidate = lowered;
    }
  };
  ZoneTracker.prototype.update = function (time, hr) {
    this.updateCandidate(hr);
    if (this.zone === null) { this.zone = this.candidate; return this.zone; }
    if (this.candidate === this.zone) { this.pendingSince = null; return null; }
    if (this.pendingSince === null) { this.pendingSince = time; }
    if (time - this.pendingSince >= this.dwell) {
      this.zone = this.candidate;
      this.pendingSince = null;
      return this.zone;
    }
    return null;
  };

  function LoadMeter(spec) {
    this.threshold = spec.threshold_bpm;
    this.span = Math.max(spec.ceiling_bpm - spec.threshold_bpm, 1.0);
    this.basePerS = spec.load.points_per_min / 60.0;
    this.logRatio = Math.log(spec.load.ceiling_ratio);
    this.doubling = spec.load.doubling_s;
    this.cap = spec.load.duration_cap;
    this.maxStep = spec.max_step_s;
    this.points = 0.0;
    this.above = 0.0;
    this.ratePerMin = 0.0;
  }
  LoadMeter.prototype.rate = function (hr) {
    if (hr < this.threshold) { return 0.0; }
    const intensity = Math.exp(this.logRatio * (hr - this.threshold) / this.span);
    const duration = Math.min(this.cap, Math.pow(2.0, this.above / this.doubling));
    return this.basePerS * intensity * duration;
  };
  LoadMeter.prototype.update = function (step, hr) {
    if (step <= 0 || step > this.maxStep) { return 0.0; }
    const added = this.rate(hr) * step;
    this.ratePerMin = this.rate(hr) * 60.0;
    this.above = hr >= this.threshold ? this.above + step : Math.max(0.0, this.above - step);
    this.points += added;
    return added;
  };

  function Monitor(spec) {
    this.spec = spec;
    this.labels = spec.zone_labels;
    this.zones = new ZoneTracker(spec);
    this.load = new LoadMeter(spec);
    this.load.points = spec.used_points;
    this.budget = spec.budget_points;
    this.lastTime = null;
    this.lastRr = null;
    this.rejected = 0;
    this.overSince = null;
    this.warned = false;
    this.budgetTold = this.budget !== null && spec.used_points >= this.budget;
    this.beatsUsed = 0;
    this.beatsRejected = 0;
    this.status = { time_s: 0, hr_bpm: NaN, zone: REST, points: spec.used_points, rate_per_min: 0,
      budget_left: null, minutes_left: null, over_s: 0 };
  }
  Monitor.prototype.addBeat = function (time, rr) {
    const low = this.spec.plausible_bpm[0], high = this.spec.plausible_bpm[1];
    const hr = rr > 0 ? 60000.0 / rr : 0.0;
    const jump = this.lastRr !== null && Math.abs(rr - this.lastRr) > this.spec.change_ratio * this.lastRr;
    if (!(low <= hr && hr <= high) || (jump && this.rejected < this.spec.resync_beats)) {
      this.rejected += 1;
      this.beatsRejected += 1;
      return [];
    }
    this.lastRr = rr;
    this.rejected = 0;
    this.beatsUsed += 1;
    return this.addHr(time, hr);
  };
  Monitor.prototype.addHr = function (time, hr) {
    const step = this.lastTime === null ? 0.0 : time - this.lastTime;
    if (step < 0) { throw new Error("samples must come in time order"); }
    this.lastTime = time;
    this.load.update(step, hr);
    let events = [];
    const changed = this.zones.update(time, hr);
    const zone = this.zones.zone === null ? REST : this.zones.zone;
    if (changed !== null) { events = events.concat(this.zoneEvents(time, changed)); }
    events = events.concat(this.warnEvent(time, zone), this.budgetEvent(time, zone));
    const overS = this.overSince === null ? 0.0 : time - this.overSince;
    const left = this.budget === null ? null : this.budget - this.load.points;
    const rate = this.load.ratePerMin;
    const minutes = left === null || rate <= 0 ? null : Math.max(left, 0.0) / rate;
    this.status = { time_s: time, hr_bpm: hr, zone: zone, points: this.load.points, rate_per_min: rate,
      budget_left: left, minutes_left: minutes, over_s: overS };
    return events;
  };
  Monitor.prototype.event = function (time, kind, zone, message) {
    return { time_s: time, kind: kind, zone: zone, label: this.labels[zone], message: message };
  };
  Monitor.prototype.zoneEvents = function (time, zone) {
    const events = [this.event(time, "zone", zone, "zone: " + this.labels[zone])];
    const ceiling = whole(this.spec.ceiling_bpm);
    if (zone === OVER) {
      this.overSince = time - this.spec.dwell_s;
      events.push(this.event(time, "alert", zone, "above your ceiling of " + ceiling + " bpm for " +
        whole(this.spec.dwell_s) + " s: slow down or rest"));
    } else if (this.overSince !== null) {
      events.push(this.event(time, "alert_end", zone, "back below the ceiling after " +
        whole((time - this.overSince)) + " s"));
      this.overSince = null;
    }
    return events;
  };
  Monitor.prototype.warnEvent = function (time, zone) {
    const reached = this.zones.candidate === OVER;
    if (!reached || zone === OVER) { this.warned = this.warned && reached; return []; }
    if (this.warned) { return []; }
    this.warned = true;
    return [this.event(time, "warn", zone, "at your ceiling of " + whole(this.spec.ceiling_bpm) +
      " bpm: ease off now (an alert follows after " + whole(this.spec.dwell_s) + " s)")];
  };
  Monitor.prototype.budgetEvent = function (time, zone) {
    if (this.budget === null || this.budgetTold || this.load.points < this.budget) { return []; }
    this.budgetTold = true;
    return [this.event(time, "budget", zone, "today's budget of " + whole(this.budget) +
      " points is used up: time to rest")];
  };

  // Heart Rate Measurement (0x2A37): flags, HR uint8/uint16, optional energy, RR in 1/1024 s (little-endian).
  function parseMeasurement(view) {
    if (view.byteLength < 1) { throw new Error("a heart-rate measurement needs at least a flags byte"); }
    const flags = view.getUint8(0);
    let position = 1;
    const wide = (flags & 0x01) !== 0;
    if (view.byteLength < position + (wide ? 2 : 1)) { throw new Error("heart-rate measurement too short"); }
    const hr = wide ? view.getUint16(position, true) : view.getUint8(position);
    position += wide ? 2 : 1;
    if (flags & 0x08) { position += 2; }
    const rr = [];
    if (flags & 0x10) {
      if ((view.byteLength - position) % 2) { throw new Error("the RR field has an odd number of bytes"); }
      for (; position + 1 < view.byteLength; position += 2) { rr.push(view.getUint16(position, true)); }
    }
    const contact = (flags & 0x04) ? (flags & 0x02) !== 0 : null;
    return { hr_bpm: hr, contact: contact, rr_1024: rr, rr_ms: rr.map(function (v) { return v * 1000.0 / 1024; }) };
  }

  // Beat times from notifications, as fibrokit.live.ble.BeatClock: RR intervals are contiguous, so beats are
  // their running sum; a running sum more than resyncS behind the arrival time has missed packets and jumps.
  function BeatClock(resyncS) {
    this.resync = resyncS === undefined ? 2.0 : resyncS;
    this.beatTime = null;
  }
  BeatClock.prototype.samples = function (arrived, measurement) {
    const rr = measurement.rr_ms;
    if (!rr.length) { return measurement.hr_bpm ? [{ time_s: arrived, hr_bpm: measurement.hr_bpm }] : []; }
    let rest = 0.0;
    for (let i = 1; i < rr.length; i++) { rest += rr[i]; }
    const firstEnd = arrived - rest / 1000.0;
    let resynced = false;
    if (this.beatTime === null || firstEnd - (this.beatTime + rr[0] / 1000.0) > this.resync) {
      resynced = this.beatTime !== null;
      this.beatTime = firstEnd - rr[0] / 1000.0;
    }
    const out = [];
    for (let i = 0; i < rr.length; i++) {
      this.beatTime += rr[i] / 1000.0;
      out.push({ time_s: this.beatTime, rr_ms: rr[i], after_gap: resynced && i === 0 });
    }
    return out;
  };

  // The local date and time of `date` in ISO 8601 with the phone's offset from UTC (2026-03-01T07:15:00.250+01:00):
  // the real start of a session, dated and timed where it happened.
  function localIso(date) {
    const two = function (n) { return String(n).padStart(2, "0"); };
    const offset = -date.getTimezoneOffset();
    const sign = offset >= 0 ? "+" : "-";
    const whole = Math.abs(offset);
    return date.getFullYear() + "-" + two(date.getMonth() + 1) + "-" + two(date.getDate()) + "T" +
      two(date.getHours()) + ":" + two(date.getMinutes()) + ":" + two(date.getSeconds()) + "." +
      String(date.getMilliseconds()).padStart(3, "0") + sign + two(Math.floor(whole / 60)) + ":" + two(whole % 60);
  }

  // Posts the beats recorded in a page to the person's own server and returns its answer. When it fails, the
  // sentence saying why goes into `shown` with a "Try saving again" button that calls `retry`, and null is
  // returned: the beats stay in the page until the person leaves it.
  async function postBeats(url, csrf, body, what, shown, retry) {
    let answer = null, problem = null;
    try {
      const response = await fetch(url, {
        method: "POST", credentials: "same-origin",
        headers: { "content-type": "application/json", "x-csrf-token": csrf },
        body: JSON.stringify(body),
      });
      answer = await response.json();
      if (!response.ok) { problem = answer.error || "The server refused the " + what + "."; }
    } catch (error) {
      problem = "Could not reach this server to save the " + what + ".";
    }
    if (!problem) { return answer; }
    shown.textContent = problem + " The beats are kept in this page until you leave it. ";
    const again = document.createElement("button");
    again.type = "button";
    again.textContent = "Try saving again";
    again.addEventListener("click", retry);
    shown.appendChild(again);
    return null;
  }

  // Connect to a strap's Heart Rate service (0x180D) and have each measurement (0x2A37) handed to onValue;
  // the live and guided pages both subscribe this way, again after each dropout. Returns the characteristic.
  async function subscribeHeartRate(device, onValue) {
    const server = await device.gatt.connect();
    const service = await server.getPrimaryService(0x180d);
    const characteristic = await service.getCharacteristic(0x2a37);
    characteristic.addEventListener("characteristicvaluechanged", onValue);
    await characteristic.startNotifications();
    return characteristic;
  }

  // Keep a strap's heart rate coming for as long as a run lasts, as the live and guided pages both do:
  // subscribe now (the promise fails when this first connection does); after each dropout tell the page, retry
  // every retryMs until the strap is back, and tell the page again. hooks.running() is false once the run has
  // ended (a dropout then, such as the page's own disconnect, is ignored and the listener removed);
  // hooks.now() is the time into the run in seconds; hooks.dropped(at) and hooks.back(droppedAt, at) speak.
  function keepStrap(device, onValue, hooks, retryMs) {
    async function retry(droppedAt) {
      if (!hooks.running()) { return; }
      try {
        await subscribeHeartRate(device, onValue);
      } catch (error) {
        setTimeout(retry, retryMs, droppedAt);
        return;
      }
      if (hooks.running()) { hooks.back(droppedAt, hooks.now()); }
    }
    function onDrop() {
      if (!hooks.running()) { device.removeEventListener("gattserverdisconnected", onDrop); return; }
      const at = hooks.now();
      hooks.dropped(at);
      setTimeout(retry, retryMs, at);
    }
    device.addEventListener("gattserverdisconnected", onDrop);
    return subscribeHeartRate(device, onValue);
  }

  const api = { REST: REST, ACTIVE: ACTIVE, OVER: OVER, Monitor: Monitor, BeatClock: BeatClock,
    parseMeasurement: parseMeasurement, zoneOf: zoneOf, postBeats: postBeats, localIso: localIso,
    subscribeHeartRate: subscribeHeartRate, keepStrap: keepStrap };
  if (typeof module !== "undefined" && module.exports) { module.exports = api; } else { root.FibrokitPace = api; }
})(this);
