/* Meta Pixel fbevents.js emulation: drains the fbq() queue of the standard snippet. */
var fbq = window.fbq;
if (fbq && fbq.fixtureLoaded) {
  return;
}
if (!fbq) {
  fbq = function () {
    fbq.callMethod.apply(fbq, arguments);
  };
  fbq.queue = [];
  window.fbq = fbq;
}
if (!window._fbq) {
  window._fbq = fbq;
}
fbq.fixtureLoaded = true;
fbq.loaded = true;
fbq.version = '2.0';
var pixels = [];
var revoked = false;
var eventCount = 0;
var initTime = Date.now();

/* _fbp = fb.<subdomain index>.<creation ms>.<random>, refreshed to 90 days on use. */
function browserId() {
  var value = getCookie('_fbp') || 'fb.1.' + Date.now() + '.' + randomId();
  setCookie('_fbp', value, 90 * DAY);
  return value;
}

function track(pixelId, eventName, data) {
  if (revoked) {
    return;
  }
  var params = {
    id: pixelId, ev: eventName, dl: location.href, rl: document.referrer,
    if: window.top !== window, ts: Date.now(), sw: screen.width, sh: screen.height,
    v: '2.9.156', r: 'stable', ec: eventCount++, o: 4126, fbp: browserId(),
    it: initTime, coo: false, rqm: 'GET'
  };
  Object.keys(data || {}).forEach(function (key) {
    var value = data[key];
    params['cd[' + key + ']'] = typeof value === 'object' ? JSON.stringify(value) : value;
  });
  sendPixel('https://www.facebook.com/tr/?' + query(params));
}

fbq.callMethod = function (command) {
  var args = Array.prototype.slice.call(arguments, 1);
  if (command === 'init') {
    if (pixels.indexOf(String(args[0])) < 0) {
      pixels.push(String(args[0]));
    }
  } else if (command === 'track' || command === 'trackCustom') {
    pixels.forEach(function (id) { track(id, args[0], args[1]); });
  } else if (command === 'trackSingle' || command === 'trackSingleCustom') {
    track(String(args[0]), args[1], args[2]);
  } else if (command === 'consent') {
    revoked = args[0] === 'revoke';
  }
};

var pending = fbq.queue || [];
fbq.queue = [];
pending.forEach(function (args) {
  fbq.callMethod.apply(fbq, args);
});
