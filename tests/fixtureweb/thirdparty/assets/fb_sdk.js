/* Facebook JS SDK (sdk.js) emulation: renders XFBML social plugins as iframes. */
if (window.FB && window.FB.fixtureLoaded) {
  return;
}
var locale = __LOCALE__;
var appId = '';
var script = document.currentScript;
var plugins = {'fb-like': 'like', 'fb-page': 'page', 'fb-share-button': 'share_button'};

function render(el, plugin) {
  var params = {
    app_id: appId, href: el.getAttribute('data-href') || location.href,
    layout: el.getAttribute('data-layout') || 'standard', locale: locale, sdk: 'joey',
    show_faces: el.getAttribute('data-show-faces') || 'false',
    width: el.getAttribute('data-width') || 450
  };
  var iframe = document.createElement('iframe');
  iframe.src = 'https://www.facebook.com/plugins/' + plugin + '.php?' + query(params);
  iframe.title = 'fb:' + plugin + ' Facebook Social Plugin';
  iframe.width = params.width;
  iframe.height = plugin === 'page' ? 300 : 28;
  iframe.style.border = 'none';
  iframe.setAttribute('scrolling', 'no');
  iframe.setAttribute('allow', 'encrypted-media');
  el.appendChild(iframe);
  el.setAttribute('fb-xfbml-state', 'rendered');
}

function parse(root) {
  Object.keys(plugins).forEach(function (cls) {
    (root || document).querySelectorAll('.' + cls).forEach(function (el) {
      if (el.getAttribute('fb-xfbml-state') !== 'rendered') {
        render(el, plugins[cls]);
      }
    });
  });
}

window.FB = {
  fixtureLoaded: true,
  init: function (options) {
    appId = (options && options.appId) || '';
    if (options && options.xfbml) {
      parse();
    }
  },
  XFBML: {parse: parse},
  getLoginStatus: function (callback) {
    if (callback) {
      callback({status: 'unknown'});
    }
  },
  AppEvents: {logPageView: function () {}}
};

if (typeof window.fbAsyncInit === 'function') {
  window.fbAsyncInit();
}
if (!script || /xfbml=1/.test(script.src)) {
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', function () { parse(); });
  } else {
    parse();
  }
}
