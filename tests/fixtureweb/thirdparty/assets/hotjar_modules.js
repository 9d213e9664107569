/* Hotjar recording modules: session cookies, interaction capture (including what is
   typed into form fields) and batched uploads to in.hotjar.com every second. */
var settings = window._hjSettings || {};
var siteId = (window.hjSiteSettings && window.hjSiteSettings.site_id) || settings.hjid;
if (!siteId || (window.hj && window.hj.fixtureLoaded)) {
  return;
}
var version = settings.hjsv || 6;

/* Hotjar stores base64-encoded JSON in its cookies. */
function readState(name) {
  try {
    return JSON.parse(atob(decodeURIComponent(getCookie(name) || '')));
  } catch (e) {
    return null;
  }
}
function writeState(name, value, maxAge) {
  setCookie(name, encodeURIComponent(btoa(JSON.stringify(value))), maxAge);
}

var userCookie = '_hjSessionUser_' + siteId;
var sessionCookie = '_hjSession_' + siteId;
var user = readState(userCookie);
user = user ? Object.assign(user, {existing: true}) : {id: uuid(), created: Date.now(), existing: false};
writeState(userCookie, user, YEAR);
var session = readState(sessionCookie) ||
  {id: uuid(), c: Date.now(), s: 0, r: 0, sb: 0, sr: 0, se: 0, fs: 1, sp: 0};
writeState(sessionCookie, session, 30 * MINUTE);

var endpoint = 'https://in.hotjar.com/api/v2/client/sites/' + siteId + '/visit-data?sv=' + version;
var record = batcher(1000, function (events) {
  writeState(sessionCookie, session, 30 * MINUTE);
  postJson(endpoint, {user_id: user.id, session_id: session.id, page_url: location.href, events: events});
});
record(pageEvent());
recordInteractions(record, false);

var queued = (window.hj && window.hj.q) || [];
function hj(command) {
  var args = Array.prototype.slice.call(arguments, 1);
  if (command === 'identify') {
    record({type: 'identify', user_id: args[0], attributes: args[1] || {}});
  } else if (command === 'event') {
    record({type: 'event', name: args[0]});
  } else if (command === 'stateChange') {
    record(pageEvent());
  }
}
hj.fixtureLoaded = true;
window.hj = hj;
queued.forEach(function (args) {
  hj.apply(null, Array.prototype.slice.call(args));
});
