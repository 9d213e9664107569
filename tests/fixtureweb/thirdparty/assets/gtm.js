/* Google Tag Manager container emulation; the container comes from the server's
   Python table (null for unknown ids, which then only emit the lifecycle events). */
var container = __CONTAINER__;
var containerId = __CONTAINER_ID__;
var dataLayer = window.dataLayer = window.dataLayer || [];
var started = dataLayer.some(function (e) { return e && e.event === 'gtm.js'; });
if (!started) {
  dataLayer.push({'gtm.start': Date.now(), event: 'gtm.js'});
}

if (container && container.ga4) {
  dataLayer.push(['js', new Date()]);
  dataLayer.push(['config', container.ga4]);
  var script = document.createElement('script');
  script.async = true;
  script.src = 'https://www.googletagmanager.com/gtag/js?id=' + encodeURIComponent(container.ga4) +
    '&l=dataLayer&cx=c&gtm=' + encodeURIComponent(containerId);
  (document.head || document.documentElement).appendChild(script);
}

function lifecycle(name) {
  dataLayer.push({event: name, 'gtm.uniqueEventId': dataLayer.length});
}
if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', function () { lifecycle('gtm.dom'); });
} else {
  lifecycle('gtm.dom');
}
if (document.readyState === 'complete') {
  lifecycle('gtm.load');
} else {
  window.addEventListener('load', function () { lifecycle('gtm.load'); });
}
