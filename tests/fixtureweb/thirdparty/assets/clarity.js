/* Microsoft Clarity recorder emulation: _clck/_clsk cookies, an MUID sync pixel and
   batched uploads to z.clarity.ms/collect. Like real Clarity's default "balanced"
   masking it uploads typed text only as asterisks. */
if (window.clarity && window.clarity.fixtureLoaded) {
  return;
}
var queued = (window.clarity && window.clarity.q) || [];
var record = null;
var sequence = 0;

function start(config) {
  if (record || !config || !config.projectId) {
    return;
  }
  var upload = config.upload || 'https://z.clarity.ms/collect';
  var userId = (getCookie('_clck') || '').split('%7C')[0] || uuid().slice(0, 8);
  var sessionId = (getCookie('_clsk') || '').split('%7C')[0] || uuid().slice(0, 8);
  setCookie('_clck', [userId, 2, 'fq' + nowSeconds(), 0, 1].join('%7C'), YEAR);
  setCookie('_clsk', [sessionId, Date.now(), 1, 1, upload.replace(/^https:\/\//, '')].join('%7C'), DAY);
  sendPixel('https://c.clarity.ms/c.gif?ctsa=mr&CtsSyncId=' + uuid().replace(/-/g, ''));
  record = batcher(1000, function (events) {
    var envelope = {version: window.clarity.v, sequence: ++sequence, project: config.projectId,
      user: userId, session: sessionId, url: location.href};
    sendBeacon(upload, JSON.stringify({e: envelope, a: events}));
  });
  record(pageEvent());
  recordInteractions(record, true);
}

function clarity(command) {
  var args = Array.prototype.slice.call(arguments, 1);
  if (command === 'start') {
    start(args[0]);
  } else if (record && (command === 'event' || command === 'set' || command === 'identify')) {
    record({type: command, name: args[0], value: args[1]});
  }
}
clarity.fixtureLoaded = true;
clarity.v = window.clarity && window.clarity.v;
window.clarity = clarity;
queued.forEach(function (args) {
  clarity.apply(null, Array.prototype.slice.call(args));
});
