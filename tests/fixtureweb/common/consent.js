/* Fixture consent banner: a minimal but typical CMP.
 *
 * Usage: <script src="/__fixture/consent.js" data-text="..." data-accept="Alles accepteren"
 *                data-reject="Weigeren"></script>
 * Stores fixture_consent=accepted|rejected (1 year) and, only when accepted, activates
 * blocked elements: <script type="text/plain" data-consent="marketing" [data-src="..."]>.
 */
(function () {
  'use strict';
  var COOKIE = 'fixture_consent';
  var script = document.currentScript;
  var texts = {
    text: 'We use cookies for statistics and marketing. You can accept or reject them.',
    accept: 'Accept all',
    reject: 'Reject all'
  };
  if (script) {
    Object.keys(texts).forEach(function (key) {
      texts[key] = script.getAttribute('data-' + key) || texts[key];
    });
  }

  function storedChoice() {
    var match = document.cookie.match(/(?:^|; )fixture_consent=(accepted|rejected)/);
    return match ? match[1] : null;
  }

  function store(choice) {
    var secure = location.protocol === 'https:' ? '; Secure' : '';
    document.cookie = COOKIE + '=' + choice + '; Max-Age=31536000; Path=/; SameSite=Lax' + secure;
  }

  /* Replace each blocked element by a live <script>, as CMPs do after consent. */
  function activate() {
    if (storedChoice() !== 'accepted') {
      return;
    }
    document.querySelectorAll('script[type="text/plain"][data-consent]').forEach(function (blocked) {
      var live = document.createElement('script');
      Array.prototype.forEach.call(blocked.attributes, function (attr) {
        if (attr.name !== 'type' && attr.name !== 'data-src') {
          live.setAttribute(attr.name, attr.value);
        }
      });
      if (blocked.getAttribute('data-src')) {
        live.src = blocked.getAttribute('data-src');
      } else {
        live.text = blocked.text;
      }
      blocked.parentNode.replaceChild(live, blocked);
    });
  }

  function button(label, choice) {
    var element = document.createElement('button');
    element.type = 'button';
    element.textContent = label;
    element.setAttribute('data-choice', choice);
    element.addEventListener('click', function () {
      store(choice);
      var banner = document.getElementById('fixture-banner');
      if (banner) {
        banner.remove();
      }
      activate();
    });
    return element;
  }

  function showBanner() {
    var banner = document.createElement('div');
    banner.id = 'fixture-banner';
    banner.setAttribute('role', 'dialog');
    banner.setAttribute('aria-label', 'Cookie consent');
    banner.style.cssText = 'position:fixed;left:0;right:0;bottom:0;z-index:2147483647;' +
      'padding:16px;background:#1f2933;color:#fff;font:15px/1.4 sans-serif;' +
      'display:flex;gap:12px;align-items:center;flex-wrap:wrap';
    var message = document.createElement('p');
    message.style.margin = '0';
    message.style.flex = '1 1 20em';
    message.textContent = texts.text;
    banner.appendChild(message);
    banner.appendChild(button(texts.accept, 'accepted'));
    banner.appendChild(button(texts.reject, 'rejected'));
    document.body.appendChild(banner);
  }

  function start() {
    if (storedChoice()) {
      activate();
    } else {
      showBanner();
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
