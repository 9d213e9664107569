/* First-party bar chart: draws on a canvas but never reads pixels back. */
(function () {
  'use strict';
  var data = [['jan', 120], ['feb', 150], ['mrt', 90], ['apr', 180], ['mei', 210], ['jun', 160]];
  var canvas = document.getElementById('chart');
  var ctx = canvas.getContext('2d');
  var max = Math.max.apply(null, data.map(function (d) { return d[1]; }));
  var barWidth = canvas.width / data.length;
  ctx.font = '14px sans-serif';
  data.forEach(function (entry, i) {
    var height = (entry[1] / max) * (canvas.height - 40);
    ctx.fillStyle = '#2f6f9f';
    ctx.fillRect(i * barWidth + 10, canvas.height - 20 - height, barWidth - 20, height);
    ctx.fillStyle = '#222';
    ctx.fillText(entry[0], i * barWidth + barWidth / 2 - 12, canvas.height - 4);
  });
})();
