/* Kit: first-party cookie helpers, as every tag library carries its own copy of. */
var MINUTE = 60;
var DAY = 86400;
var YEAR = 365 * DAY;

/* Registrable domain ("site") of the page: what tags use as the cookie Domain. */
function siteDomain() {
  var host = location.hostname;
  var labels = host.split('.');
  if (labels.length < 2 || /^[\d.]+$/.test(host) || host.indexOf(':') >= 0) {
    return null;
  }
  var tld = labels[labels.length - 1];
  var second = labels[labels.length - 2];
  var keep = tld.length === 2 && /^(co|com|org|net|ac|gov|or|ne)$/.test(second) ? 3 : 2;
  return labels.slice(-keep).join('.');
}

/* Domain depth used in _ga-style values ("GA1.2."): labels of the cookie domain. */
function domainDepth() {
  var domain = siteDomain();
  return domain ? domain.split('.').length : 1;
}

function setCookie(name, value, maxAgeSeconds) {
  var parts = [name + '=' + value, 'path=/', 'SameSite=Lax'];
  var domain = siteDomain();
  if (domain) {
    parts.push('domain=.' + domain);
  }
  if (maxAgeSeconds !== null) {
    parts.push('max-age=' + maxAgeSeconds);
  }
  if (location.protocol === 'https:') {
    parts.push('Secure');
  }
  document.cookie = parts.join('; ');
}

function getCookie(name) {
  var pairs = document.cookie ? document.cookie.split('; ') : [];
  for (var i = 0; i < pairs.length; i++) {
    var eq = pairs[i].indexOf('=');
    if (pairs[i].slice(0, eq) === name) {
      return pairs[i].slice(eq + 1);
    }
  }
  return null;
}

function randomId() {
  return Math.floor(Math.random() * 2147483647);
}

function nowSeconds() {
  return Math.floor(Date.now() / 1000);
}

/* crypto.randomUUID only exists in secure contexts; plain-http fixture pages lack it. */
function uuid() {
  if (window.crypto && typeof window.crypto.randomUUID === 'function') {
    return window.crypto.randomUUID();
  }
  return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, function (c) {
    var r = Math.floor(Math.random() * 16);
    return (c === 'x' ? r : (r & 3) | 8).toString(16);
  });
}
