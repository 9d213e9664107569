// privacyscan page instrumentation: runs in every frame before any page script.
//
// Why: cookies and storage keys written from JavaScript carry no trace of the script that wrote
// them, and a page's late timers (a tracker fired 3 s after load) are invisible to the network
// until they fire. This script records the writer of every document.cookie / Storage write from
// the call stack, and counts pending one-shot timers so the scanner can wait for them instead of
// sleeping a fixed time on every page. It reports through a binding the scanner exposes; values
// are never sent, only names, lengths and the writing script's URL.
(() => {
  const BINDING = "__PRIVACYSCAN_BINDING__";
  const TIMER_HORIZON_MS = __PRIVACYSCAN_TIMER_HORIZON_MS__;
  const MAX_TIMER_DEPTH = 3;
  if (window.__privacyscanInstalled) return;
  Object.defineProperty(window, "__privacyscanInstalled", { value: true });

  const report = (event) => {
    const send = window[BINDING];
    if (typeof send === "function") {
      try { send(event); } catch (e) { /* the page may have replaced the binding */ }
    }
  };

  // The first script URL on the stack that is not this instrumentation: the writer.
  const callerScript = () => {
    const stack = (new Error().stack || "").split("\n").slice(2);
    for (const line of stack) {
      const match = line.match(/(https?:\/\/[^\s)]+?):\d+:\d+\)?\s*$/);
      if (match) return match[1];
    }
    return null;
  };

  const cookieDescriptor = Object.getOwnPropertyDescriptor(Document.prototype, "cookie");
  if (cookieDescriptor && cookieDescriptor.set) {
    Object.defineProperty(Document.prototype, "cookie", {
      configurable: true,
      enumerable: cookieDescriptor.enumerable,
      get() { return cookieDescriptor.get.call(this); },
      set(value) {
        const text = String(value);
        const pair = text.split(";", 1)[0];
        const eq = pair.indexOf("=");
        const domainMatch = text.match(/;\s*domain\s*=\s*([^;]+)/i);
        report({
          kind: "cookie",
          name: (eq >= 0 ? pair.slice(0, eq) : pair).trim(),
          domain: domainMatch ? domainMatch[1].trim() : null,
          origin: location.origin,
          script: callerScript() || location.href,
          time: Date.now(),
        });
        return cookieDescriptor.set.call(this, value);
      },
    });
  }

  const originalSetItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    let kind = null;
    try {
      kind = this === window.localStorage ? "localStorage"
        : this === window.sessionStorage ? "sessionStorage" : null;
    } catch (e) { /* storage access can throw in sandboxed frames */ }
    if (kind) {
      report({
        kind: "storage", storage: kind, key: String(key), origin: location.origin,
        length: String(value).length, script: callerScript() || location.href, time: Date.now(),
      });
    }
    return originalSetItem.call(this, key, value);
  };

  // Fingerprinting surfaces. Each is reported once per script and surface, with the script
  // that used it: canvas read back after text was drawn on it, WebGL's unmasked vendor or
  // renderer, an OfflineAudioContext rendered or a live oscillator read through an analyser,
  // WebRTC candidates gathered for local addresses, text measured in many fonts, many navigator
  // and screen properties read. A chart drawn on a canvas and never read back is none of these.
  const seen = new Set();
  const fingerprint = (api) => {
    const script = callerScript() || location.href;
    if (seen.has(api + " " + script)) return;
    seen.add(api + " " + script);
    report({ kind: "behaviour", behaviour: "fingerprinting", api, script, origin: location.origin });
  };
  const textCanvases = new WeakSet();
  const markText = (proto) => {
    for (const name of ["fillText", "strokeText"]) {
      const original = proto[name];
      proto[name] = function (...args) { textCanvases.add(this.canvas); return original.apply(this, args); };
    }
  };
  markText(CanvasRenderingContext2D.prototype);
  const readBack = (proto, name, canvasOf) => {
    const original = proto[name];
    proto[name] = function (...args) {
      if (textCanvases.has(canvasOf(this))) fingerprint("canvas");
      return original.apply(this, args);
    };
  };
  readBack(HTMLCanvasElement.prototype, "toDataURL", (c) => c);
  readBack(HTMLCanvasElement.prototype, "toBlob", (c) => c);
  readBack(CanvasRenderingContext2D.prototype, "getImageData", (ctx) => ctx.canvas);
  for (const gl of [window.WebGLRenderingContext, window.WebGL2RenderingContext]) {
    if (!gl) continue;
    const original = gl.prototype.getParameter;
    gl.prototype.getParameter = function (parameter) {
      if (parameter === 0x9245 || parameter === 0x9246) fingerprint("webgl");
      return original.call(this, parameter);
    };
  }
  if (window.OfflineAudioContext) {
    const original = OfflineAudioContext.prototype.startRendering;
    OfflineAudioContext.prototype.startRendering = function (...args) {
      fingerprint("audio");
      return original.apply(this, args);
    };
  }
  // A live AudioContext does the same through an analyser: an oscillator's signal read back as
  // floating-point frequency data. A music visualiser reads the analyser of a media element, not
  // of an oscillator, so only contexts that made an oscillator count.
  const Base = window.BaseAudioContext || window.AudioContext;
  if (Base && window.AnalyserNode) {
    const oscillating = new WeakSet();
    const createOscillator = Base.prototype.createOscillator;
    Base.prototype.createOscillator = function (...args) {
      oscillating.add(this);
      return createOscillator.apply(this, args);
    };
    for (const name of ["getFloatFrequencyData", "getFloatTimeDomainData"]) {
      const original = AnalyserNode.prototype[name];
      if (!original) continue;
      AnalyserNode.prototype[name] = function (...args) {
        if (oscillating.has(this.context)) fingerprint("AudioContext");
        return original.apply(this, args);
      };
    }
  }
  // WebRTC local-address discovery: a peer connection with only a data channel, an offer made
  // and its ICE candidates listened to, with no remote side ever set. A call or chat sets one.
  let candidatesListened = null;  // set below when WebRTC exists; used by addEventListener
  if (window.RTCPeerConnection) {
    const PC = RTCPeerConnection.prototype;
    const probes = new WeakMap();
    const state = (pc) => {
      if (!probes.has(pc)) probes.set(pc, { channel: false, offer: false, listens: false });
      return probes.get(pc);
    };
    const check = (pc) => {
      const s = state(pc);
      if (s.channel && s.offer && s.listens && !pc.remoteDescription) fingerprint("WebRTC");
    };
    const mark = (name, flag) => {
      const original = PC[name];
      PC[name] = function (...args) { state(this)[flag] = true; check(this); return original.apply(this, args); };
    };
    mark("createDataChannel", "channel");
    mark("createOffer", "offer");
    const handler = Object.getOwnPropertyDescriptor(PC, "onicecandidate");
    if (handler && handler.set) {
      Object.defineProperty(PC, "onicecandidate", { ...handler, set(value) {
        if (typeof value === "function") { state(this).listens = true; check(this); }
        return handler.set.call(this, value);
      } });
    }
    candidatesListened = (pc) => { state(pc).listens = true; check(pc); };
  }
  const fontsMeasured = new Map();
  const measureText = CanvasRenderingContext2D.prototype.measureText;
  CanvasRenderingContext2D.prototype.measureText = function (text) {
    const script = callerScript() || location.href;
    const fonts = fontsMeasured.get(script) || new Set();
    fonts.add(this.font);
    fontsMeasured.set(script, fonts);
    if (fonts.size >= 10) fingerprint("fonts");
    return measureText.call(this, text);
  };
  // Font probing through the DOM: a span measured in many inline font families. Only elements
  // with an inline font-family pay for the stack capture, so ordinary layout reads stay cheap.
  for (const name of ["offsetWidth", "offsetHeight"]) {
    const descriptor = Object.getOwnPropertyDescriptor(HTMLElement.prototype, name);
    if (!descriptor || !descriptor.get) continue;
    Object.defineProperty(HTMLElement.prototype, name, { ...descriptor, get() {
      const family = this.style && this.style.fontFamily;
      if (family) {
        const script = callerScript() || location.href;
        const fonts = fontsMeasured.get(script) || new Set();
        fonts.add(family);
        fontsMeasured.set(script, fonts);
        if (fonts.size >= 10) fingerprint("fonts");
      }
      return descriptor.get.call(this);
    } });
  }
  const propertiesRead = new Map();
  const probe = (proto, names) => {
    for (const name of names) {
      const descriptor = Object.getOwnPropertyDescriptor(proto, name);
      if (!descriptor || !descriptor.get || !descriptor.configurable) continue;
      Object.defineProperty(proto, name, { ...descriptor, get() {
        const script = callerScript();
        if (script) {
          const read = propertiesRead.get(script) || new Set();
          read.add(name);
          propertiesRead.set(script, read);
          if (read.size >= 10) fingerprint("navigator");
        }
        return descriptor.get.call(this);
      } });
    }
  };
  probe(Navigator.prototype, ["userAgent", "platform", "language", "languages", "hardwareConcurrency",
    "deviceMemory", "plugins", "mimeTypes", "doNotTrack", "cookieEnabled", "maxTouchPoints", "vendor"]);
  probe(Screen.prototype, ["width", "height", "colorDepth", "pixelDepth", "availWidth", "availHeight"]);

  // A page closing its own window. Chromium refuses it for a tab the scanner opened (its
  // history starts at about:blank), so the page stays and is recorded; the attempt is reported.
  if (window === window.top) {
    const close = window.close;
    window.close = function () {
      report({ kind: "behaviour", behaviour: "window-close", api: "window.close",
               script: callerScript() || location.href, origin: location.origin });
      return close.call(this);
    };
  }

  // Automation probes: properties that tell a headless or automated browser from a visitor's
  // (the webdriver flag; brands, plugins and mime types that headless builds leave empty or
  // name "HeadlessChrome"; window.chrome; notification permission). Each read is reported once
  // per script and property; the scanner reports a script as probing when it read the webdriver
  // flag, the one property that has no use but telling automation apart.
  const tell = (target, name) => {
    const descriptor = Object.getOwnPropertyDescriptor(target, name);
    if (!descriptor || !descriptor.configurable) return;
    const read = descriptor.get ? function () { return descriptor.get.call(this); } : () => descriptor.value;
    Object.defineProperty(target, name, { configurable: true, enumerable: descriptor.enumerable, get() {
      const script = callerScript() || location.href;
      if (!seen.has("tell " + name + " " + script)) {
        seen.add("tell " + name + " " + script);
        report({ kind: "behaviour", behaviour: "automation-probe", api: name, script, origin: location.origin });
      }
      return read.call(this);
    }, ...(descriptor.get ? {} : { set(value) { Object.defineProperty(target, name, { value, writable: true, configurable: true }); } }) });
  };
  for (const name of ["webdriver", "userAgentData", "plugins", "mimeTypes"]) tell(Navigator.prototype, name);
  if (window.Notification) tell(Notification, "permission");
  tell(window, "chrome");

  // Session recording by behaviour: one script listening to pointer movement and to typing, and
  // where such a script sends what it collected (fetch, XHR or beacon), once per host.
  const recorders = new Set();
  const sentBy = (url) => {
    const script = callerScript();
    if (!script || !recorders.has(script)) return;
    let host = null;
    try { host = new URL(String(url), location.href).hostname; } catch (e) { return; }
    if (seen.has("sends " + script + " " + host)) return;
    seen.add("sends " + script + " " + host);
    report({ kind: "behaviour", behaviour: "session-recording", api: "sends events to " + host,
             script, origin: location.origin });
  };
  const sendBeacon = Navigator.prototype.sendBeacon;
  if (sendBeacon) {
    Navigator.prototype.sendBeacon = function (url, data) { sentBy(url); return sendBeacon.call(this, url, data); };
  }
  const fetch = window.fetch;
  if (fetch) {
    window.fetch = function (input, init) {
      sentBy(input instanceof Request ? input.url : input);
      return fetch.call(this, input, init);
    };
  }
  const open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) { sentBy(url); return open.call(this, method, url, ...rest); };
  const listened = new Map();
  const addEventListener = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (type, listener, options) {
    if (type === "icecandidate" && candidatesListened && this instanceof RTCPeerConnection) {
      candidatesListened(this);
    }
    if (["mousemove", "pointermove", "keydown", "keyup", "input"].includes(type)) {
      const script = callerScript();
      if (script) {
        const types = listened.get(script) || new Set();
        types.add(type === "pointermove" ? "mousemove" : type === "mousemove" ? type : "typing");
        listened.set(script, types);
        if (types.has("mousemove") && types.has("typing") && !seen.has("recording " + script)) {
          seen.add("recording " + script);
          recorders.add(script);
          report({ kind: "behaviour", behaviour: "session-recording", api: "mouse+keyboard listeners",
                   script, origin: location.origin });
        }
      }
    }
    return addEventListener.call(this, type, listener, options);
  };

  // Pending one-shot timers due within the horizon, counted up to a nesting depth so that a
  // self-rescheduling animation loop does not keep the page "busy" forever.
  let pending = 0;
  let depth = 0;
  const live = new Map();
  const originalSetTimeout = window.setTimeout;
  const originalClearTimeout = window.clearTimeout;
  window.setTimeout = function (callback, delay, ...args) {
    const wait = Number(delay) || 0;
    const counted = typeof callback === "function" && depth < MAX_TIMER_DEPTH
      && performance.now() + wait <= TIMER_HORIZON_MS;
    const myDepth = depth + 1;
    let id;
    const wrapped = typeof callback === "function" ? function () {
      if (live.delete(id)) pending--;
      const saved = depth;
      depth = myDepth;
      try { return callback.apply(this, args); } finally { depth = saved; }
    } : callback;
    id = originalSetTimeout.call(window, wrapped, delay);
    if (counted) { live.set(id, true); pending++; }
    return id;
  };
  window.clearTimeout = function (id) {
    if (live.delete(id)) pending--;
    return originalClearTimeout.call(window, id);
  };
  Object.defineProperty(window, "__privacyscanPendingTimers", { value: () => pending });
})();
