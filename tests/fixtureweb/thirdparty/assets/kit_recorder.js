/* Kit: session-replay capture used by the Hotjar and Clarity emulations. */
function describe(el) {
  if (!el || !el.tagName) {
    return '';
  }
  var label = el.tagName.toLowerCase();
  if (el.id) {
    return label + '#' + el.id;
  }
  return el.name ? label + '[name=' + el.name + ']' : label;
}

function recordInteractions(onEvent, maskInputs) {
  var lastMove = 0;
  var lastScroll = 0;
  function stamp(event) {
    event.t = Math.round(performance.now());
    onEvent(event);
  }
  document.addEventListener('mousemove', function (e) {
    if (Date.now() - lastMove < 100) {
      return;
    }
    lastMove = Date.now();
    stamp({type: 'mousemove', x: e.clientX, y: e.clientY});
  }, true);
  document.addEventListener('click', function (e) {
    stamp({type: 'click', x: e.clientX, y: e.clientY, target: describe(e.target)});
  }, true);
  window.addEventListener('scroll', function () {
    if (Date.now() - lastScroll < 100) {
      return;
    }
    lastScroll = Date.now();
    stamp({type: 'scroll', x: window.scrollX, y: window.scrollY});
  }, {passive: true});
  document.addEventListener('input', function (e) {
    var el = e.target;
    if (!el || typeof el.value !== 'string') {
      return;
    }
    var secret = maskInputs || el.type === 'password';
    stamp({type: 'input', target: describe(el), value: secret ? el.value.replace(/./g, '*') : el.value});
  }, true);
}

/* Queue events and flush them every intervalMs, plus once when the page is hidden. */
function batcher(intervalMs, flush) {
  var queue = [];
  function drain() {
    if (queue.length) {
      var batch = queue;
      queue = [];
      flush(batch);
    }
  }
  setInterval(drain, intervalMs);
  window.addEventListener('pagehide', drain);
  return function (event) {
    queue.push(event);
  };
}

function pageEvent() {
  return {
    type: 'page',
    url: location.href,
    title: document.title,
    referrer: document.referrer,
    viewport: window.innerWidth + 'x' + window.innerHeight,
    screen: screen.width + 'x' + screen.height,
    userAgent: navigator.userAgent
  };
}
