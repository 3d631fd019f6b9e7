/* standoff workspace: charts, drag-and-drop upload, as-of picker. No inline script and
   no eval anywhere (the Content-Security-Policy forbids both). Every string that came
   from an article is escaped before it reaches the tooltip's HTML. */
(function () {
  "use strict";

  function esc(text) {
    return String(text == null ? "" : text)
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#39;");
  }

  // A data point carries its tooltip: tip (lines of text) and ev (evidence sentences).
  function tooltip(params) {
    var data = params.data || {};
    var lines = (data.tip || []).map(function (line) { return "<div>" + esc(line) + "</div>"; });
    (data.ev || []).forEach(function (e) {
      lines.push('<div class="tip-ev"><b>' + esc(e.t) + "</b> " + esc(e.d) + " " + esc(e.o) +
                 "<br>\u201c" + esc(e.s) + "\u201d</div>");
    });
    if (!lines.length) { lines.push(esc(params.seriesName) + ": " + esc(params.value)); }
    return lines.join("");
  }

  function initChart(el) {
    if (el.dataset.ready || typeof echarts === "undefined") { return; }
    var source = document.getElementById(el.dataset.chart);
    if (!source) { return; }
    var option = JSON.parse(source.textContent);
    option.tooltip = Object.assign({}, option.tooltip || {}, {
      formatter: tooltip, extraCssText: "max-width: 22rem; white-space: normal;"
    });
    var chart = echarts.init(el, null, { renderer: "canvas" });
    chart.setOption(option);
    chart.on("click", function (params) {
      var ev = params.data && params.data.ev;
      var href = ev && ev.length && ev[0].h;
      if (href && href.charAt(0) === "/" && href.charAt(1) !== "/") { window.location.href = href; }
    });
    el.dataset.ready = "yes";
  }

  function initAll(root) {
    var scope = root && root.querySelectorAll ? root : document;
    scope.querySelectorAll(".chart[data-chart]").forEach(initChart);
    if (scope.matches && scope.matches(".chart[data-chart]")) { initChart(scope); }
  }

  window.addEventListener("resize", function () {
    document.querySelectorAll(".chart[data-chart]").forEach(function (el) {
      var chart = typeof echarts !== "undefined" && echarts.getInstanceByDom(el);
      if (chart) { chart.resize(); }
    });
  });

  // The as-of picker rewinds the app as soon as a date is picked.
  function initAsOf() {
    var input = document.getElementById("as-of");
    if (input) {
      input.addEventListener("change", function () { if (input.form) { input.form.requestSubmit(); } });
    }
  }

  // Files dropped on the drop zone are uploaded at once; chosen files are listed.
  function initUpload() {
    var zone = document.getElementById("dropzone");
    var input = document.getElementById("upload-files");
    var shown = document.getElementById("chosen-files");
    if (!zone || !input) { return; }
    function list() {
      var names = Array.prototype.map.call(input.files, function (f) { return f.name; });
      if (shown) { shown.textContent = names.length ? "Chosen: " + names.join(", ") : ""; }
    }
    input.addEventListener("change", list);
    ["dragenter", "dragover"].forEach(function (type) {
      zone.addEventListener(type, function (event) { event.preventDefault(); zone.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (type) {
      zone.addEventListener(type, function () { zone.classList.remove("over"); });
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      if (!event.dataTransfer || !event.dataTransfer.files.length) { return; }
      input.files = event.dataTransfer.files;
      list();
      input.form.requestSubmit();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    initAll(document);
    initAsOf();
    initUpload();
    if (typeof htmx !== "undefined") { htmx.onLoad(initAll); }
  });
})();
