/* www.clarity.ms/tag/<id>: queues the start command and loads the versioned recorder. */
var clarity = window.clarity = window.clarity || function () {
  (clarity.q = clarity.q || []).push(arguments);
};
clarity.v = __VERSION__;
clarity('start', {projectId: __PROJECT_ID__, upload: 'https://z.clarity.ms/collect', expire: 365});
var script = document.createElement('script');
script.async = true;
script.src = 'https://scripts.clarity.ms/' + __VERSION__ + '/clarity.js';
(document.head || document.documentElement).appendChild(script);
