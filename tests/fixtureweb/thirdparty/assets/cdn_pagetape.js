// "pagetape": a made-up open-source session recorder as a site would load it from a public
// CDN. It snapshots the DOM, listens to pointer, click, scroll and typing (typed values are
// recorded as they are, passwords excepted), and posts the events in batches to the endpoint
// the site configures. Written for the fixture web; modelled on no real library's code.
var FLUSH_MS = 500;
var MAX_BATCH = 200;

function now() {
  return Math.round(performance.now());
}

function pathOf(node) {
  var parts = [];
  while (node && node.nodeType === 1 && parts.length < 8) {
    var index = 1;
    for (var sibling = node.previousElementSibling; sibling; sibling = sibling.previousElementSibling) {
      if (sibling.tagName === node.tagName) index++;
    }
    parts.unshift(node.tagName.toLowerCase() + ":" + index);
    node = node.parentElement;
  }
  return parts.join(">");
}

function record(options) {
  var queue = [];
  var session = Math.random().toString(36).slice(2, 12);
  var push = function (type, data) {
    queue.push({ t: now(), type: type, data: data });
    if (queue.length >= MAX_BATCH) flush();
  };
  var flush = function () {
    if (!queue.length) return;
    var batch = queue.splice(0, queue.length);
    fetch(options.endpoint, {
      method: "POST",
      mode: "cors",
      keepalive: true,
      headers: { "Content-Type": "text/plain" },
      body: JSON.stringify({ site: options.site, session: session, events: batch }),
    });
  };
  push("snapshot", { html: document.documentElement.outerHTML.length, url: location.href });
  new MutationObserver(function (changes) {
    push("mutation", { count: changes.length });
  }).observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
  var capture = { capture: true, passive: true };
  document.addEventListener("pointermove", function (e) {
    push("move", { x: e.clientX, y: e.clientY });
  }, capture);
  document.addEventListener("click", function (e) {
    push("click", { target: pathOf(e.target), x: e.clientX, y: e.clientY });
  }, capture);
  window.addEventListener("scroll", function () {
    push("scroll", { y: window.scrollY });
  }, capture);
  document.addEventListener("input", function (e) {
    var field = e.target;
    var secret = field && field.type === "password";
    push("input", { target: pathOf(field), value: secret ? "***" : field.value });
  }, capture);
  setInterval(flush, FLUSH_MS);
  document.addEventListener("visibilitychange", flush);
  return { flush: flush };
}

window.pagetape = { record: record, version: "2.1.0" };
