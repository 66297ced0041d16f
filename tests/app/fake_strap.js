// A heart-rate strap for the browser tests: replaces navigator.bluetooth with one device whose Heart Rate
// Measurement characteristic (0x2A37) plays the packets of window.__strapPlan, and gives the page a clock that
// reads the playback's own time, so beat times and zone timing do not depend on how busy the machine is.
// Plan: {speed, packets: [[time_s, [bytes]]], dropout: [from_s, to_s] or null}. The plan is prepended by the test.
(function () {
  const plan = window.__strapPlan;
  let virtualMs = 0;
  performance.now = function () { return virtualMs; };
  window.__played = [];
  window.__vibrations = [];
  window.__wake = [];
  navigator.vibrate = function (pattern) { window.__vibrations.push(pattern); return true; };
  Object.defineProperty(Navigator.prototype, "wakeLock", { configurable: true, value: {
    request: async function () {
      window.__wake.push("on");
      return { release: async function () { window.__wake.push("off"); } };
    },
  } });

  const characteristic = new EventTarget();
  characteristic.value = null;
  let notifying = false, started = false, index = 0;
  characteristic.startNotifications = async function () {
    notifying = true;
    if (!started) { started = true; setTimeout(tick, 0); }
    return characteristic;
  };
  characteristic.stopNotifications = async function () { notifying = false; return characteristic; };

  const device = new EventTarget();
  device.name = "Fake strap";
  device.id = "fake-strap";
  device.gatt = {
    connected: false,
    connect: async function () {
      const now = virtualMs / 1000;
      if (plan.dropout && now >= plan.dropout[0] && now < plan.dropout[1]) {
        throw new DOMException("the strap is out of range", "NetworkError");
      }
      device.gatt.connected = true;
      return { getPrimaryService: async function () {
        return { getCharacteristic: async function () { return characteristic; } };
      } };
    },
    disconnect: function () { device.gatt.connected = false; notifying = false; index = plan.packets.length; },
  };

  let dropped = false;
  function tick() {
    if (index >= plan.packets.length) { window.__playbackDone = true; return; }
    const [time, bytes] = plan.packets[index];
    index += 1;
    virtualMs = time * 1000;
    if (plan.dropout && !dropped && time >= plan.dropout[0]) {
      dropped = true;
      device.gatt.connected = false;
      notifying = false;
      device.dispatchEvent(new Event("gattserverdisconnected"));
    }
    if (device.gatt.connected && notifying) {
      characteristic.value = new DataView(Uint8Array.from(bytes).buffer);
      window.__played.push(index - 1);
      characteristic.dispatchEvent(new Event("characteristicvaluechanged"));
    }
    const next = index < plan.packets.length ? plan.packets[index][0] : time;
    setTimeout(tick, Math.max(0, (next - time) * 1000 / plan.speed));
  }

  const bluetooth = { requestDevice: async function () { return device; } };
  Object.defineProperty(Navigator.prototype, "bluetooth", { configurable: true, value: bluetooth });
})();
