/* Universal Analytics analytics.js emulation: drains and replaces the ga() queue. */
var queueName = window.GoogleAnalyticsObject || 'ga';
var previous = window[queueName];
if (previous && previous.loaded) {
  return;
}
var queued = (previous && previous.q) || [];
var trackers = {};

function readClientId() {
  var value = getCookie('_ga');
  return value ? value.split('.').slice(-2).join('.') : null;
}

function Tracker(name, trackingId) {
  var clientId = readClientId() || randomId() + '.' + nowSeconds();
  setCookie('_ga', 'GA1.' + domainDepth() + '.' + clientId, 2 * YEAR);
  var gid = getCookie('_gid') || 'GA1.' + domainDepth() + '.' + randomId() + '.' + nowSeconds();
  setCookie('_gid', gid, DAY);
  this.fields = {name: name, trackingId: trackingId, clientId: clientId, gid: gid};
  this.hits = 0;
}
Tracker.prototype.get = function (field) {
  return this.fields[field];
};
Tracker.prototype.set = function (field, value) {
  if (typeof field === 'object') {
    Object.assign(this.fields, field);
  } else {
    this.fields[field] = value;
  }
};
Tracker.prototype.send = function (hitType, fields) {
  var f = this.fields;
  var params = {
    v: 1, _v: 'j101', a: randomId(), t: hitType, _s: ++this.hits,
    dl: f.location || location.href, dr: document.referrer || undefined,
    ul: (navigator.language || '').toLowerCase(), de: document.characterSet,
    dt: f.title || document.title, sd: screen.colorDepth + '-bit',
    sr: screen.width + 'x' + screen.height, vp: window.innerWidth + 'x' + window.innerHeight,
    je: 0, _gid: f.gid.split('.').slice(-2).join('.'), tid: f.trackingId, cid: f.clientId,
    ec: fields.eventCategory, ea: fields.eventAction, el: fields.eventLabel,
    ev: fields.eventValue
  };
  if (f.anonymizeIp) {
    params.aip = 1;
  }
  params.z = randomId();
  sendPixel('https://www.google-analytics.com/collect?' + query(params));
};

function sendArguments(args) {
  var first = args[1];
  if (typeof first === 'object') {
    return [first.hitType || 'pageview', first];
  }
  if (first === 'event') {
    return ['event', {eventCategory: args[2], eventAction: args[3], eventLabel: args[4], eventValue: args[5]}];
  }
  return [first || 'pageview', typeof args[2] === 'object' ? args[2] : {}];
}

function run(args) {
  var command = args[0];
  if (typeof command === 'function') {
    command(trackers.t0);
    return;
  }
  var dot = String(command).lastIndexOf('.');
  var trackerName = dot > 0 ? command.slice(0, dot) : 't0';
  var method = String(command).slice(dot + 1);
  if (method === 'create') {
    var options = [args[2], args[3]].filter(function (a) { return typeof a === 'object'; })[0] || {};
    var name = typeof args[3] === 'string' ? args[3] : options.name || 't0';
    trackers[name] = new Tracker(name, args[1] || options.trackingId);
    return;
  }
  var tracker = trackers[trackerName];
  if (!tracker) {
    return;
  }
  if (method === 'set') {
    tracker.set(args[1], args[2]);
  } else if (method === 'send') {
    var hit = sendArguments(args);
    tracker.send(hit[0], hit[1]);
  }
}

function ga() {
  run(Array.prototype.slice.call(arguments));
}
ga.l = (previous && previous.l) || Date.now();
ga.loaded = true;
ga.getByName = function (name) { return trackers[name] || null; };
ga.getAll = function () { return Object.keys(trackers).map(function (k) { return trackers[k]; }); };
window[queueName] = ga;
queued.forEach(function (args) {
  run(Array.prototype.slice.call(args));
});
