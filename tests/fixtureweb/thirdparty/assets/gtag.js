/* gtag.js emulation: GA4 (and Google Ads remarketing) driven by window.dataLayer,
   honouring Consent Mode v2 the way real gtag does: with analytics_storage denied it
   writes no cookies and sends cookieless pings (no cid, gcs=G1x0). */
var dataLayer = window.dataLayer = window.dataLayer || [];
if (dataLayer.fixtureGtagLoaded) {
  return;
}
dataLayer.fixtureGtagLoaded = true;
var consent = {analytics_storage: 'granted', ad_storage: 'granted'};
var measurementIds = [];
var hitCount = 0;

function granted(kind) {
  return consent[kind] === 'granted';
}

/* gcs = "G1" + ad_storage bit + analytics_storage bit, as in real Consent Mode pings. */
function gcs() {
  return 'G1' + (granted('ad_storage') ? '1' : '0') + (granted('analytics_storage') ? '1' : '0');
}

function clientId() {
  var existing = getCookie('_ga');
  var cid = existing ? existing.split('.').slice(-2).join('.') : randomId() + '.' + nowSeconds();
  setCookie('_ga', 'GA1.' + domainDepth() + '.' + cid, 2 * YEAR);
  return cid;
}

function session(measurementId) {
  var name = '_ga_' + measurementId.replace(/^G-/, '');
  var existing = getCookie(name);
  var parts = existing ? existing.split('.') : null;
  var sessionId = parts ? parts[2] : String(nowSeconds());
  var count = parts ? Number(parts[3]) || 1 : 1;
  setCookie(name, ['GS1', 1, sessionId, count, 1, nowSeconds(), 0, 0, 0].join('.'), 2 * YEAR);
  return {id: sessionId, count: count, fresh: !existing};
}

function sendEvent(measurementId, eventName, eventParams) {
  var params = {v: 2, tid: measurementId, gtm: '45je4a20v9', _p: randomId(), gcs: gcs()};
  if (granted('analytics_storage')) {
    var s = session(measurementId);
    params.cid = clientId();
    params.sid = s.id;
    params.sct = s.count;
    params.seg = 0;
    if (s.fresh) {
      params._fv = 1;
      params._ss = 1;
    }
  }
  Object.assign(params, {
    ul: (navigator.language || '').toLowerCase(), sr: screen.width + 'x' + screen.height,
    _s: ++hitCount, dl: location.href, dr: document.referrer || undefined,
    dt: document.title, en: eventName
  });
  Object.keys(eventParams || {}).forEach(function (key) {
    var value = eventParams[key];
    params[(typeof value === 'number' ? 'epn.' : 'ep.') + key] = value;
  });
  sendBeacon('https://region1.google-analytics.com/g/collect?' + query(params));
}

function remarketing(adsId) {
  if (!granted('ad_storage')) {
    return;
  }
  var conversionId = adsId.replace(/^AW-/, '');
  sendPixel('https://googleads.g.doubleclick.net/pagead/viewthroughconversion/' + conversionId +
    '/?' + query({random: randomId(), cv: 11, fst: Date.now(), url: location.href, gcs: gcs()}));
}

function config(id, options) {
  if (/^AW-/.test(id)) {
    remarketing(id);
    return;
  }
  if (!/^G-/.test(id)) {
    return;
  }
  if (measurementIds.indexOf(id) < 0) {
    measurementIds.push(id);
  }
  if (!options || options.send_page_view !== false) {
    sendEvent(id, 'page_view', {});
  }
}

function updateConsent(mode, settings) {
  var analyticsBefore = granted('analytics_storage');
  Object.assign(consent, settings || {});
  if (mode === 'update' && !analyticsBefore && granted('analytics_storage')) {
    /* Like gtag after a CMP grant: the pending page_view goes out again with cookies. */
    measurementIds.forEach(function (id) { sendEvent(id, 'page_view', {}); });
  }
}

/* dataLayer entries from gtag() are Arguments objects; GTM pushes plain arrays. */
function handle(entry) {
  if (!entry || typeof entry !== 'object' || typeof entry.length !== 'number') {
    return;
  }
  var command = entry[0];
  if (command === 'consent') {
    updateConsent(entry[1], entry[2]);
  } else if (command === 'config') {
    config(String(entry[1]), entry[2]);
  } else if (command === 'event') {
    measurementIds.forEach(function (id) { sendEvent(id, String(entry[1]), entry[2]); });
  } else if (command === 'get' && typeof entry[3] === 'function') {
    entry[3](granted('analytics_storage') ? clientId() : undefined);
  }
}

var previousPush = dataLayer.push;
dataLayer.push = function () {
  var result = previousPush.apply(dataLayer, arguments);
  Array.prototype.forEach.call(arguments, handle);
  return result;
};
dataLayer.slice().forEach(handle);
