/* Pinterest tag (core.js) emulation: drains the pintrk() queue. */
var previous = window.pintrk;
if (previous && previous.fixtureLoaded) {
  return;
}
var queued = (previous && previous.queue) || [];
var tagIds = [];

/* _pin_unauth: base64 of "uid=<uuid>", Pinterest's first-party browser id. */
function unauthId() {
  var value = getCookie('_pin_unauth') || btoa('uid=' + uuid()).replace(/=+$/, '');
  setCookie('_pin_unauth', value, YEAR);
  return value;
}

function send(event, tagId, data) {
  var params = {
    event: event, tid: tagId, cb: Date.now(),
    pd: JSON.stringify({np: 'gtm'}),
    ad: JSON.stringify({loc: location.href, ref: document.referrer, if: window.top !== window,
      sh: screen.height, sw: screen.width, is_js: true, pin_unauth: unauthId()}),
    ed: JSON.stringify(data || {})
  };
  sendPixel('https://ct.pinterest.com/v3/?' + query(params));
}

function pintrk(command) {
  var args = Array.prototype.slice.call(arguments, 1);
  if (command === 'load') {
    tagIds.push(String(args[0]));
    send('init', String(args[0]), {});
  } else if (command === 'page') {
    tagIds.forEach(function (id) { send('pagevisit', id, args[0]); });
  } else if (command === 'track') {
    tagIds.forEach(function (id) { send(String(args[0]), id, args[1]); });
  }
}
pintrk.fixtureLoaded = true;
pintrk.version = '3.0';
pintrk.queue = [];
window.pintrk = pintrk;
queued.forEach(function (args) {
  pintrk.apply(null, Array.prototype.slice.call(args));
});
