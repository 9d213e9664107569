/* YouTube IFrame Player API emulation: YT.Player swaps an element for an embed iframe. */
if (window.YT && window.YT.loaded) {
  return;
}

function Player(elementOrId, options) {
  var target = typeof elementOrId === 'string' ? document.getElementById(elementOrId) : elementOrId;
  var settings = options || {};
  var iframe = document.createElement('iframe');
  var host = settings.host || 'https://www.youtube.com';
  iframe.src = host + '/embed/' + encodeURIComponent(settings.videoId || '') +
    '?enablejsapi=1&origin=' + encodeURIComponent(location.origin);
  iframe.width = settings.width || 640;
  iframe.height = settings.height || 360;
  iframe.title = 'YouTube video player';
  iframe.setAttribute('frameborder', '0');
  iframe.setAttribute('allow', 'accelerometer; autoplay; encrypted-media; picture-in-picture');
  if (target) {
    iframe.id = target.id;
    target.parentNode.replaceChild(iframe, target);
  }
  var player = this;
  this.getIframe = function () { return iframe; };
  this.playVideo = this.pauseVideo = this.stopVideo = function () {};
  if (settings.events && typeof settings.events.onReady === 'function') {
    setTimeout(function () { settings.events.onReady({target: player}); }, 0);
  }
}

window.YT = {
  loaded: 1,
  Player: Player,
  PlayerState: {UNSTARTED: -1, ENDED: 0, PLAYING: 1, PAUSED: 2, BUFFERING: 3, CUED: 5},
  ready: function (callback) { callback(); }
};
if (typeof window.onYouTubeIframeAPIReady === 'function') {
  window.onYouTubeIframeAPIReady();
}
