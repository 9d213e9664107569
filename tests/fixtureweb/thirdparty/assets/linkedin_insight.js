/* LinkedIn Insight Tag emulation: one collect call per partner id, plus lintrk(). */
if (window.lintrk && window.lintrk.fixtureLoaded) {
  return;
}
var partnerIds = (window._linkedin_data_partner_ids || []).map(String);
if (window._linkedin_partner_id && partnerIds.indexOf(String(window._linkedin_partner_id)) < 0) {
  partnerIds.push(String(window._linkedin_partner_id));
}
var queued = (window.lintrk && window.lintrk.q) || [];

function collect(partnerId, extra) {
  var params = Object.assign({v: 2, fmt: 'js', pid: partnerId, time: Date.now(), url: location.href}, extra);
  sendGet('https://px.ads.linkedin.com/collect/?' + query(params));
}

function lintrk(action, data) {
  if (action === 'track') {
    partnerIds.forEach(function (pid) {
      collect(pid, {conversionId: data && data.conversion_id});
    });
  }
}
lintrk.fixtureLoaded = true;
window.lintrk = lintrk;
partnerIds.forEach(function (pid) { collect(pid, {}); });
queued.forEach(function (item) { lintrk(item[0], item[1]); });
