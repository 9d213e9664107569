CookiesEuBanner.createCookiesBanner({
  onAccept: function () {
    ['/__fixture/ga4.js', '/__fixture/meta-pixel.js'].forEach(function (src) {
      var tag = document.createElement('script');
      tag.src = src;
      document.head.appendChild(tag);
    });
  }
});
