/* Twitter/X widgets.js emulation: tweet embeds and share buttons become iframes. */
var twttr = window.twttr || {};
if (twttr.fixtureLoaded) {
  return;
}
twttr.fixtureLoaded = true;
var readyQueue = twttr._e || [];
var widgetCount = 0;

function frame(src, width, height, title) {
  var iframe = document.createElement('iframe');
  iframe.src = src;
  iframe.width = width;
  iframe.height = height;
  iframe.title = title;
  iframe.style.border = 'none';
  iframe.setAttribute('scrolling', 'no');
  iframe.setAttribute('allowtransparency', 'true');
  return iframe;
}

function embedTweets(root) {
  root.querySelectorAll('blockquote.twitter-tweet').forEach(function (quote) {
    var links = quote.querySelectorAll('a[href*="/status"]');
    var match = links.length ? links[links.length - 1].href.match(/\/status(?:es)?\/(\d+)/) : null;
    if (!match) {
      return;
    }
    var params = {
      dnt: quote.getAttribute('data-dnt') === 'true', embedId: 'twitter-widget-' + widgetCount++,
      frame: false, hideCard: false, hideThread: false, id: match[1],
      lang: quote.getAttribute('data-lang') || 'en', origin: location.href,
      theme: quote.getAttribute('data-theme') || 'light', widgetsVersion: '2615f7e52b7e0:1702314776716'
    };
    var wrapper = document.createElement('div');
    wrapper.className = 'twitter-tweet twitter-tweet-rendered';
    wrapper.appendChild(frame('https://platform.twitter.com/embed/Tweet.html?' + query(params), 550, 400, 'X Post'));
    quote.parentNode.replaceChild(wrapper, quote);
  });
}

function shareButtons(root) {
  root.querySelectorAll('a.twitter-share-button').forEach(function (link) {
    var params = {
      url: link.getAttribute('data-url') || location.href,
      text: link.getAttribute('data-text') || document.title,
      size: 'm', lang: link.getAttribute('data-lang') || 'en', type: 'share',
      original_referer: location.href, dnt: link.getAttribute('data-dnt') === 'true'
    };
    var iframe = frame('https://platform.twitter.com/widgets/tweet_button.html?' + query(params), 73, 20, 'X Post Button');
    iframe.className = 'twitter-share-button twitter-share-button-rendered';
    link.parentNode.replaceChild(iframe, link);
  });
}

function load(root) {
  embedTweets(root || document);
  shareButtons(root || document);
}

twttr.widgets = {load: load};
twttr.events = {bind: function () {}};
twttr.ready = function (callback) { callback(twttr); };
window.twttr = twttr;

function start() {
  load(document);
  readyQueue.forEach(function (callback) { callback(twttr); });
}
if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', start);
} else {
  start();
}
