/* Kit: the ways tags ship hits to their collectors. */
function query(params) {
  return Object.keys(params)
    .filter(function (key) {
      return params[key] !== undefined && params[key] !== null;
    })
    .map(function (key) {
      return encodeURIComponent(key) + '=' + encodeURIComponent(params[key]);
    })
    .join('&');
}

/* Image beacon: works everywhere, carries third-party cookies where allowed. */
function sendPixel(url) {
  var img = new Image(1, 1);
  img.src = url;
  return img;
}

/* sendBeacon POST (survives page unload), falling back to a keepalive fetch. */
function sendBeacon(url, body) {
  try {
    if (navigator.sendBeacon && navigator.sendBeacon(url, body)) {
      return;
    }
  } catch (e) {
    /* Fall through to fetch. */
  }
  fetch(url, {method: 'POST', body: body, keepalive: true, mode: 'no-cors', credentials: 'include'})
    .catch(function () {});
}

/* Credentialed GET whose answer the tag does not need to read. */
function sendGet(url) {
  fetch(url, {mode: 'no-cors', credentials: 'include', keepalive: true}).catch(function () {});
}

/* JSON POST with credentials (triggers a CORS preflight, as real recorders do). */
function postJson(url, data) {
  return fetch(url, {
    method: 'POST',
    body: JSON.stringify(data),
    headers: {'Content-Type': 'application/json'},
    credentials: 'include'
  }).catch(function () {});
}
