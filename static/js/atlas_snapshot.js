// The 截图 (snapshot) control: saves the Leaflet map as the user sees it as a PNG, in the browser.
// Inlined by layers/snapshot.py (SnapshotControl) into the app's map and the offline HTML.
window.atlasSnapshot = function (map, opts) {
  var FONT = '"Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif';
  function rectOf(el, origin) {
    var r = el.getBoundingClientRect();
    return [r.left - origin.left, r.top - origin.top, r.width, r.height];
  }
  function load(src, cors) {
    return new Promise(function (resolve) {
      var im = new Image();
      if (cors) { im.crossOrigin = 'anonymous'; }
      im.onload = function () { resolve(im); };
      im.onerror = function () { resolve(null); };
      im.src = src;
    });
  }
  function svgImage(svg, w, h) {
    var clone = svg.cloneNode(true);
    clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
    clone.setAttribute('width', w);
    clone.setAttribute('height', h);
    clone.style.transform = '';
    var xml = new XMLSerializer().serializeToString(clone);
    return load('data:image/svg+xml;charset=utf-8,' + encodeURIComponent(xml), false);
  }
  function swatchColor(span) {
    var st = getComputedStyle(span);
    if (st.borderTopStyle !== 'none' && parseFloat(st.height) === 0) { return [st.borderTopColor, 'line']; }
    if (st.borderRadius && st.borderRadius !== '0px') { return [st.backgroundColor, 'point']; }
    return [st.backgroundColor, 'fill'];
  }
  function drawLegend(ctx, box, W, H) {
    var legend = box.querySelector('.atlas-legend');
    if (!legend) { return; }
    var rows = [];
    legend.querySelectorAll(':scope > div').forEach(function (div) {
      var span = div.querySelector('span[style*="display:inline-block"]');
      rows.push({text: div.innerText.trim(), swatch: span ? swatchColor(span) : null, bold: !span});
    });
    var lh = 17, width = 0;
    ctx.font = '12px ' + FONT;
    rows.forEach(function (r) { width = Math.max(width, ctx.measureText(r.text).width + (r.swatch ? 26 : 0)); });
    var bw = Math.min(width + 16, W * 0.6), bh = rows.length * lh + 10, x = 10, y = H - bh - 12;
    ctx.fillStyle = 'rgba(255,255,255,0.92)';
    ctx.fillRect(x, y, bw, bh);
    ctx.strokeStyle = '#999';
    ctx.strokeRect(x, y, bw, bh);
    rows.forEach(function (r, i) {
      var ty = y + 8 + i * lh + 12, tx = x + 8;
      if (r.swatch) {
        ctx.fillStyle = r.swatch[0];
        ctx.strokeStyle = r.swatch[0];
        if (r.swatch[1] === 'line') { ctx.lineWidth = 3; ctx.beginPath(); ctx.moveTo(tx, ty - 4); ctx.lineTo(tx + 18, ty - 4); ctx.stroke(); }
        else if (r.swatch[1] === 'point') { ctx.beginPath(); ctx.arc(tx + 9, ty - 4, 4.5, 0, 2 * Math.PI); ctx.fill(); }
        else { ctx.globalAlpha = 0.5; ctx.fillRect(tx, ty - 10, 18, 11); ctx.globalAlpha = 1; ctx.lineWidth = 1.5; ctx.strokeRect(tx, ty - 10, 18, 11); }
        tx += 26;
      }
      ctx.fillStyle = '#111';
      ctx.font = (r.bold ? '600 ' : '') + '12px ' + FONT;
      ctx.fillText(r.text, tx, ty);
    });
  }
  function drawScale(ctx, box, W, H) {
    var line = box.querySelector('.leaflet-control-scale-line');
    if (!line) { return; }
    var w = line.getBoundingClientRect().width, x = W - w - 14, y = H - 16;
    ctx.fillStyle = 'rgba(255,255,255,0.8)';
    ctx.fillRect(x - 4, y - 16, w + 8, 20);
    ctx.strokeStyle = '#222';
    ctx.lineWidth = 2;
    ctx.beginPath(); ctx.moveTo(x, y - 6); ctx.lineTo(x, y); ctx.lineTo(x + w, y); ctx.lineTo(x + w, y - 6); ctx.stroke();
    ctx.fillStyle = '#222';
    ctx.font = '11px ' + FONT;
    ctx.fillText(line.innerText.trim(), x + 4, y - 4);
  }
  function drawNorth(ctx, W) {
    var cx = W - 26, ty = 14;
    ctx.fillStyle = '#111';
    ctx.beginPath(); ctx.moveTo(cx, ty + 8); ctx.lineTo(cx - 8, ty + 34); ctx.lineTo(cx, ty + 28); ctx.closePath(); ctx.fill();
    ctx.fillStyle = '#fff';
    ctx.strokeStyle = '#111';
    ctx.beginPath(); ctx.moveTo(cx, ty + 8); ctx.lineTo(cx + 8, ty + 34); ctx.lineTo(cx, ty + 28); ctx.closePath(); ctx.fill(); ctx.stroke();
    ctx.fillStyle = '#111';
    ctx.font = '600 12px ' + FONT;
    ctx.textAlign = 'center';
    ctx.fillText(opts.north, cx, ty + 4);
    ctx.textAlign = 'left';
  }
  async function snapshot() {
    var box = map.getContainer(), origin = box.getBoundingClientRect();
    var W = Math.round(origin.width), H = Math.round(origin.height), TOP = 40, BOTTOM = 30, K = 2;
    var canvas = document.createElement('canvas');
    canvas.width = W * K;
    canvas.height = (H + TOP + BOTTOM) * K;
    var ctx = canvas.getContext('2d');
    ctx.scale(K, K);
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, W, H + TOP + BOTTOM);
    ctx.save();
    ctx.translate(0, TOP);
    ctx.beginPath(); ctx.rect(0, 0, W, H); ctx.clip();
    var missing = 0;
    var tiles = Array.from(box.querySelectorAll('img.leaflet-tile'));
    for (const img of tiles) {
      if (!img.complete || !img.naturalWidth) { continue; }
      const im = await load(img.src, true);
      if (!im) { missing += 1; continue; }
      const r = rectOf(img, origin);
      ctx.drawImage(im, r[0], r[1], r[2], r[3]);
    }
    var overlays = box.querySelectorAll('.leaflet-overlay-pane canvas, .leaflet-overlay-pane svg, .leaflet-marker-pane img, .leaflet-pane > canvas, .leaflet-pane > svg');
    for (const el of Array.from(new Set(overlays))) {
      const r = rectOf(el, origin), tag = el.tagName.toLowerCase();
      if (r[2] === 0 || r[3] === 0) { continue; }
      if (tag === 'canvas') { ctx.drawImage(el, r[0], r[1], r[2], r[3]); }
      else if (tag === 'svg') { const im = await svgImage(el, r[2], r[3]); if (im) { ctx.drawImage(im, r[0], r[1], r[2], r[3]); } }
      else { const im = await load(el.src, true); if (im) { ctx.drawImage(im, r[0], r[1], r[2], r[3]); } }
    }
    drawLegend(ctx, box, W, H);
    drawScale(ctx, box, W, H);
    drawNorth(ctx, W);
    ctx.restore();
    ctx.strokeStyle = '#888';
    ctx.strokeRect(0.5, TOP + 0.5, W - 1, H - 1);
    ctx.fillStyle = '#111';
    ctx.font = '600 18px ' + FONT;
    ctx.fillText(opts.title, 10, 27);
    ctx.font = '12px ' + FONT;
    ctx.fillStyle = '#b00020';
    ctx.textAlign = 'right';
    ctx.fillText(opts.disclaimer, W - 10, 26);
    ctx.textAlign = 'left';
    ctx.fillStyle = '#333';
    var foot = opts.date + (missing ? ' · ' + opts.tiles_missing : '');
    ctx.fillText(foot, 10, TOP + H + 20);
    canvas.toBlob(function (blob) {
      var a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = opts.filename;
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 5000);
    }, 'image/png');
  }
  var Control = L.Control.extend({
    options: {position: 'topleft'},
    onAdd: function () {
      var div = L.DomUtil.create('div', 'leaflet-bar atlas-snapshot');
      var a = L.DomUtil.create('a', '', div);
      a.href = '#';
      a.title = opts.button;
      a.setAttribute('role', 'button');
      a.setAttribute('aria-label', opts.button);
      a.innerHTML = '<svg viewBox="0 0 24 24" width="18" height="18" style="vertical-align:middle" aria-hidden="true">' +
        '<path fill="#333" d="M9 3 7.2 5H4a2 2 0 0 0-2 2v11a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V7a2 2 0 0 0-2-2h-3.2L15 3H9zm3 5a4.5 4.5 0 1 1 0 9 4.5 4.5 0 0 1 0-9zm0 2a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5z"/></svg>';
      L.DomEvent.on(a, 'click', function (e) { L.DomEvent.stop(e); snapshot(); });
      return div;
    }
  });
  new Control().addTo(map);
};
