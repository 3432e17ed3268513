// The report page's message view: a canvas Lamport diagram of one time window of the journal,
// filtered by column and message type; a click shows a message; a client op shows its messages.
// Times are µs since the first op. A link "#op-N" (the explanations' "op N") selects that op.
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('run-data').textContent);
  var O = D.ops, M = D.m, N = M.send.length, cols = D.columns, memberCol = D.memberCol, types = D.types;
  var canvas = document.getElementById('mv-canvas'), ctx = canvas.getContext('2d');
  var detail = document.getElementById('mv-detail'), countEl = document.getElementById('mv-count');
  var fromIn = document.getElementById('mv-from'), lenIn = document.getElementById('mv-len');
  var state = { from: 0, len: 1e6, cols: [], types: [], hl: null, sel: -1, op: -1 };
  var drawn = [];
  var TOP = 28, LEFT = 64;
  cols.forEach(function () { state.cols.push(true); });
  types.forEach(function () { state.types.push(true); });

  function lowerBound(t) {
    var lo = 0, hi = N;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (M.send[mid] < t) lo = mid + 1; else hi = mid; }
    return lo;
  }
  function nice(us) {
    var steps = [1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5, 2e5, 5e5, 1e6, 2e6, 5e6, 1e7, 2e7, 5e7, 1e8, 3e8, 6e8, 1.2e9];
    for (var i = 0; i < steps.length; i++) if (steps[i] >= us) return steps[i];
    return us;
  }
  var hues = {};
  function color(t) {
    if (!(t in hues)) { var h = 0, s = types[t]; for (var i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) >>> 0; hues[t] = 'hsl(' + (h % 360) + ',65%,40%)'; }
    return hues[t];
  }
  function sec(us) { return (us / 1e6).toFixed(3); }
  function esc(s) { return String(s).replace(/[&<>"]/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]; }); }

  // Default window (unless an op is selected below): from the first client op, not from init, and
  // short enough that its arrows keep their labels (at most 300 messages).
  function niceBelow(us) {
    var steps = [1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5, 2e5, 5e5, 1e6, 2e6, 5e6, 1e7, 2e7, 5e7, 1e8, 3e8, 6e8, 1.2e9], best = steps[0];
    for (var i = 0; i < steps.length; i++) if (steps[i] <= us) best = steps[i];
    return best;
  }
  (function () {
    if (N === 0) { state.from = 0; state.len = 1e6; return; }
    var start = (D.ops.s.length > 0 ? D.ops.s[0] : M.send[0]) - 1000;
    var at = lowerBound(start);
    if (N - at <= 300) {
      var last = M.send[N - 1];
      for (var i = at; i < N; i++) if (M.recv[i] !== null && M.recv[i] > last) last = M.recv[i];
      state.from = start; state.len = nice(Math.max(1000, last - start + 1)); return;
    }
    state.from = start; state.len = niceBelow(Math.max(1000, M.send[at + 300] - start));
  })();

  function xs() {
    var vis = [], x = [];
    for (var c = 0; c < cols.length; c++) if (state.cols[c]) vis.push(c);
    var w = canvas.width - LEFT - 10, step = w / Math.max(1, vis.length);
    for (c = 0; c < cols.length; c++) x.push(-1);
    vis.forEach(function (c, k) { x[c] = LEFT + step * (k + 0.5); });
    return x;
  }

  var hatch = (function () {
    var tile = document.createElement('canvas'); tile.width = tile.height = 6;
    var g = tile.getContext('2d');
    g.fillStyle = 'rgba(70,70,70,0.08)'; g.fillRect(0, 0, 6, 6);
    g.strokeStyle = 'rgba(70,70,70,0.3)'; g.lineWidth = 2;
    g.beginPath(); g.moveTo(-1, 7); g.lineTo(7, -1); g.moveTo(-1, 1); g.lineTo(1, -1); g.moveTo(5, 7); g.lineTo(7, 5); g.stroke();
    return ctx.createPattern(tile, 'repeat');
  })();

  function draw() {
    var W = Math.max(300, canvas.clientWidth), H = Math.max(200, canvas.clientHeight);
    if (canvas.width !== W) canvas.width = W;
    if (canvas.height !== H) canvas.height = H;
    ctx.clearRect(0, 0, W, H);
    ctx.font = '11px sans-serif';
    var from = state.from, to = state.from + state.len, x = xs();
    var y = function (t) { return TOP + (t - from) / state.len * (H - TOP - 6); };
    // nemesis periods
    ctx.fillStyle = 'rgba(255,80,80,0.10)';
    D.nemesis.forEach(function (p) { if (p[1] > from && p[0] < to) { var a = Math.max(TOP, y(p[0])), b = Math.min(H, y(p[1])); ctx.fillRect(LEFT, a, W - LEFT, b - a); } });
    // a killed node's column hatched grey, a paused one's blue; the whole width when the nodes are unknown
    var shown = x.filter(function (v) { return v >= 0; }).length, half = (W - LEFT - 10) / Math.max(1, shown) / 2;
    (D.faults || []).forEach(function (f) {
      if (f[2] <= from || f[1] >= to) return;
      var a = Math.max(TOP, y(f[1])), b = Math.min(H, Math.max(y(f[2]), a + 1));
      ctx.fillStyle = f[0] === 'kill' ? hatch : 'rgba(0,114,178,0.15)';
      if (f[3].length === 0) { ctx.fillRect(LEFT, a, W - LEFT, b - a); return; }
      f[3].forEach(function (node) { var c = cols.indexOf(node); if (c >= 0 && x[c] >= 0) ctx.fillRect(x[c] - half, a, 2 * half, b - a); });
    });
    // the selected op, from its invocation to its completion
    if (state.op >= 0) {
      var os = O.s[state.op], oe = O.e[state.op] === null ? os + 1e6 : O.e[state.op];
      if (oe > from && os < to) { var ya = Math.max(TOP, y(os)), yb = Math.min(H, Math.max(y(oe), ya + 2)); ctx.fillStyle = 'rgba(255,205,0,0.28)'; ctx.fillRect(LEFT, ya, W - LEFT, yb - ya); }
    }
    // columns
    ctx.textAlign = 'center';
    for (var c = 0; c < cols.length; c++) {
      if (x[c] < 0) continue;
      ctx.strokeStyle = '#ddd'; ctx.beginPath(); ctx.moveTo(x[c], TOP); ctx.lineTo(x[c], H); ctx.stroke();
      ctx.fillStyle = '#222'; ctx.fillText(cols[c], x[c], 16);
    }
    // time ticks
    ctx.textAlign = 'left'; ctx.fillStyle = '#777';
    var digits = Math.min(6, Math.max(3, Math.ceil(-Math.log10(state.len / 1e7))));
    for (var k = 0; k <= 10; k++) { var t = from + state.len * k / 10; ctx.fillText((t / 1e6).toFixed(digits) + ' s', 2, y(t) + 4); }
    // messages sent in the window that pass the filters
    var list = [];
    for (var i = lowerBound(from); i < N && M.send[i] < to; i++) {
      var sc = memberCol[M.src[i]], dc = memberCol[M.dest[i]];
      if (x[sc] < 0 || x[dc] < 0 || !state.types[M.type[i]]) continue;
      list.push(i);
    }
    drawn = [];
    var labels = list.length <= 300;
    ctx.lineWidth = 1;
    for (var j = 0; j < list.length; j++) {
      i = list[j];
      var x1 = x[memberCol[M.src[i]]], x2 = x[memberCol[M.dest[i]]], y1 = y(M.send[i]), y2, dropped = M.recv[i] === null;
      // A dropped message has no receive time: its arrow still ends at its destination, in a cross.
      if (dropped) { y2 = y1 + 12; } else { y2 = y(M.recv[i]); }
      var faint = state.hl && !state.hl.has(i);
      var col = faint ? '#ddd' : (dropped ? '#c53030' : color(M.type[i]));
      ctx.strokeStyle = col; ctx.fillStyle = col;
      if (i === state.sel) { ctx.lineWidth = 3; }
      ctx.setLineDash(dropped ? [4, 3] : []);
      ctx.beginPath(); ctx.moveTo(x1, y1); ctx.lineTo(x2, y2); ctx.stroke();
      ctx.setLineDash([]);
      if (dropped) {
        ctx.lineWidth = 2; ctx.beginPath();
        ctx.moveTo(x2 - 5, y2 - 5); ctx.lineTo(x2 + 5, y2 + 5); ctx.moveTo(x2 + 5, y2 - 5); ctx.lineTo(x2 - 5, y2 + 5); ctx.stroke();
      } else {
        var a = Math.atan2(y2 - y1, x2 - x1);
        ctx.beginPath(); ctx.moveTo(x2, y2);
        ctx.lineTo(x2 - 7 * Math.cos(a - 0.4), y2 - 7 * Math.sin(a - 0.4));
        ctx.lineTo(x2 - 7 * Math.cos(a + 0.4), y2 - 7 * Math.sin(a + 0.4)); ctx.fill();
      }
      ctx.lineWidth = 1;
      if (labels || (state.hl && !faint)) { ctx.textAlign = 'center'; ctx.fillText(types[M.type[i]], (x1 + x2) / 2, (y1 + y2) / 2 - 3); }
      drawn.push(i, x1, y1, x2, y2);
    }
    countEl.textContent = list.length + ' messages sent between ' + sec(from) + ' s and ' + sec(to) + ' s after the first op' + (labels ? '' : ' (labels hidden above 300; zoom in)');
    countEl.setAttribute('data-count', String(list.length));
    fromIn.value = (from / 1e6).toFixed(3); lenIn.value = (state.len / 1e6).toFixed(3);
    window.reportView.drawn = list.length;
  }

  function showMessage(i) {
    state.sel = i;
    var body = D.bodies[i];
    detail.classList.remove('muted');
    detail.innerHTML = '<b>message #' + M.id[i] + '</b> ' + esc(D.members[M.src[i]]) + ' → ' + esc(D.members[M.dest[i]]) +
      '<br>sent ' + sec(M.send[i]) + ' s, ' + (M.recv[i] === null ? '<span class="miss">dropped</span>' : 'received ' + sec(M.recv[i]) + ' s (' + ((M.recv[i] - M.send[i]) / 1e3).toFixed(1) + ' ms)') +
      '<pre id="mv-body">' + esc(JSON.stringify(body, null, 2)) + '</pre>' + (state.op >= 0 ? opMessages(state.op) : '');
    bindLinks();
    draw();
  }

  canvas.addEventListener('click', function (ev) {
    var r = canvas.getBoundingClientRect(), px = ev.clientX - r.left, py = ev.clientY - r.top, best = -1, bd = 36;
    for (var k = 0; k < drawn.length; k += 5) {
      var x1 = drawn[k + 1], y1 = drawn[k + 2], x2 = drawn[k + 3], y2 = drawn[k + 4];
      var dx = x2 - x1, dy = y2 - y1, l = dx * dx + dy * dy, t = l ? Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / l)) : 0;
      var ex = x1 + t * dx - px, ey = y1 + t * dy - py, d = ex * ex + ey * ey;
      if (d < bd) { bd = d; best = drawn[k]; }
    }
    if (best >= 0) showMessage(best);
  });

  // filters
  function checkboxes(el, names, arr) {
    el.innerHTML = names.map(function (n, i) { return '<label><input type="checkbox" data-i="' + i + '" checked> ' + esc(n) + '</label>'; }).join('');
    el.addEventListener('change', function (ev) { arr[+ev.target.getAttribute('data-i')] = ev.target.checked; draw(); });
  }
  checkboxes(document.getElementById('mv-cols'), cols, state.cols);
  checkboxes(document.getElementById('mv-types'), types, state.types);
  function setAll(el, arr, v) { arr.forEach(function (_, i) { arr[i] = v; }); el.querySelectorAll('input').forEach(function (b) { b.checked = v; }); draw(); }
  document.querySelectorAll('[data-all]').forEach(function (b) {
    b.addEventListener('click', function () {
      var which = b.getAttribute('data-all'), v = b.getAttribute('data-v') === '1';
      if (which === 'cols') setAll(document.getElementById('mv-cols'), state.cols, v); else setAll(document.getElementById('mv-types'), state.types, v);
    });
  });
  function setWindow(from, len) { state.from = from; state.len = Math.max(100, len); draw(); }
  fromIn.addEventListener('change', function () { setWindow(parseFloat(fromIn.value) * 1e6, state.len); });
  lenIn.addEventListener('change', function () { setWindow(state.from, parseFloat(lenIn.value) * 1e6); });
  document.getElementById('mv-prev').onclick = function () { setWindow(state.from - state.len, state.len); };
  document.getElementById('mv-next').onclick = function () { setWindow(state.from + state.len, state.len); };
  document.getElementById('mv-in').onclick = function () { setWindow(state.from + state.len / 4, state.len / 2); };
  document.getElementById('mv-out').onclick = function () { setWindow(state.from - state.len / 2, state.len * 2); };
  document.getElementById('mv-all').onclick = function () {
    if (!N) return; var last = M.send[N - 1]; setWindow(M.send[0], last - M.send[0] + 1000);
  };
  document.getElementById('mv-clear').onclick = function () { state.hl = null; state.op = -1; state.sel = -1; detail.classList.add('muted'); detail.textContent = 'Click an arrow to see its message.'; markOp(); markLinks(); draw();
    if (location.hash) history.replaceState(null, '', location.pathname + location.search); };

  // client ops -> their messages
  function opMessages(k) {
    var ids = Array.from(state.hl || []).sort(function (a, b) { return a - b; });
    var s = '<b>op ' + O.i[k] + '</b>: process ' + O.p[k] + ' ' + esc(O.f[k]) + ' <span class="val">' + esc(O.v[k]) + '</span> → <span class="o-' + O.o[k] + '">' + O.o[k] + '</span> on ' + esc(O.n[k] || '?') +
      ', invoked ' + sec(O.s[k]) + ' s' + (O.e[k] === null ? ', never completed' : ', ' + ((O.e[k] - O.s[k]) / 1e3).toFixed(1) + ' ms') +
      ' <a id="mv-timeline" href="timeline.html#op-' + O.i[k] + '">on the timeline</a>' +
      '<br>' + ids.length + ' messages: the request, the reply, and what ' + esc(O.n[k] || '?') + ' sent meanwhile<br>';
    return s + ids.slice(0, 200).map(function (i) {
      var role = i === O.rq[k] ? ' (request)' : i === O.rp[k] ? ' (reply)' : '';
      return '<span class="msglink" data-m="' + i + '">#' + M.id[i] + '</span> ' + sec(M.send[i]) + ' s ' + esc(D.members[M.src[i]]) + '→' + esc(D.members[M.dest[i]]) + ' ' + esc(types[M.type[i]]) + role;
    }).join('<br>') + (ids.length > 200 ? '<br>…' : '');
  }
  function bindLinks() {
    detail.querySelectorAll('.msglink').forEach(function (a) { a.onclick = function () { showMessage(+a.getAttribute('data-m')); }; });
  }
  function markOp() {
    document.querySelectorAll('#ops tr.sel').forEach(function (r) { r.classList.remove('sel'); });
    if (state.op >= 0) {
      var r = document.querySelector('#ops tr[data-k="' + state.op + '"]'), wrap = document.getElementById('ops-wrap');
      if (r) {
        r.classList.add('sel');
        // Scroll the table, not the page, to the row.
        if (r.offsetTop < wrap.scrollTop + 24 || r.offsetTop > wrap.scrollTop + wrap.clientHeight - 24) wrap.scrollTop = Math.max(0, r.offsetTop - wrap.clientHeight / 3);
      }
    }
  }
  function markLinks() {
    var op = state.op >= 0 ? String(O.i[state.op]) : null;
    document.querySelectorAll('a.op-link').forEach(function (a) { a.classList.toggle('sel', a.getAttribute('data-op') === op); });
  }
  function selectOp(k) {
    var start = O.s[k], end = O.e[k] === null ? start + 1e6 : O.e[k], node = O.n[k], hl = new Set();
    if (O.rq[k] >= 0) hl.add(O.rq[k]);
    if (O.rp[k] >= 0) hl.add(O.rp[k]);
    var nodeMember = D.members.indexOf(node);
    for (var i = lowerBound(start); i < N && M.send[i] <= end; i++) if (M.src[i] === nodeMember) hl.add(i);
    state.hl = hl; state.op = k; state.sel = -1;
    var pad = Math.max(2000, (end - start) * 0.25);
    state.from = start - pad; state.len = end - start + 2 * pad;
    detail.classList.remove('muted');
    detail.innerHTML = opMessages(k); bindLinks(); markOp(); markLinks(); draw();
  }
  // History index (completion or invocation) -> row
  var byIndex = {};
  for (var k = 0; k < O.p.length; k++) { byIndex[O.ii[k]] = k; }
  for (k = 0; k < O.p.length; k++) { byIndex[O.i[k]] = k; }
  function selectIndex(n) {
    var k = byIndex[n];
    if (k === undefined) return false;
    selectOp(k);
    return true;
  }
  window.reportView = { drawn: 0, arrows: function () { return drawn.slice(); }, draw: draw, setWindow: setWindow, selectOp: selectOp,
    selectIndex: selectIndex, showMessage: showMessage, state: state, columnX: function (name) { return xs()[cols.indexOf(name)]; },
    messageAt: function (id) { return M.id.indexOf(id); } };
  var named = {};
  (D.named || []).forEach(function (n) { named[n] = true; });
  var rows = [];
  for (k = 0; k < O.p.length; k++) {
    rows.push('<tr data-k="' + k + '" data-op="' + O.i[k] + '"' + (named[O.i[k]] || named[O.ii[k]] ? ' class="named"' : '') + '><td>' + O.i[k] + '</td><td>' + O.p[k] + '</td><td>' + esc(O.f[k]) +
      '</td><td class="val" title="' + esc(O.v[k]) + '">' + esc(O.v[k]) + '</td><td class="o-' + O.o[k] + '">' + O.o[k] +
      '</td><td>' + sec(O.s[k]) + '</td><td>' + (O.e[k] === null ? '' : ((O.e[k] - O.s[k]) / 1e3).toFixed(1)) + '</td><td>' + esc(O.n[k] || '') + '</td></tr>');
  }
  document.getElementById('ops-body').innerHTML = rows.join('');
  document.getElementById('ops').addEventListener('click', function (ev) {
    var tr = ev.target.closest('tr[data-k]'); if (tr) selectOp(+tr.getAttribute('data-k'));
  });
  // "op N" links in the explanations: select the op and bring the message view into sight.
  function followHash(scroll) {
    var m = /^#op-(\d+)$/.exec(location.hash);
    if (m && selectIndex(+m[1]) && scroll) document.getElementById('messages').scrollIntoView();
  }
  document.addEventListener('click', function (ev) {
    var a = ev.target.closest ? ev.target.closest('a.op-link') : null;
    if (!a) return;
    ev.preventDefault();
    history.replaceState(null, '', '#op-' + a.getAttribute('data-op'));
    followHash(true);
  });
  window.addEventListener('hashchange', function () { followHash(true); });
  window.addEventListener('resize', draw);
  // Open on the failure: the op named in the address, else the first op the explanations name.
  if (/^#op-\d+$/.test(location.hash)) followHash(true);
  else if (D.focus >= 0) selectIndex(D.focus);
  draw();
  window.reportReadyMs = performance.now();
  document.body.setAttribute('data-ready', '1');
})();
