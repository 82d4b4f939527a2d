// supercluster side of bench_cluster: reads the same binary point and
// viewport files, builds `reps` times, times every viewport query and prints
// "key value" lines in the same vocabulary as the C++ child.
//
// usage: node bench.mjs POINTS VIEWPORTS REPS plain|plain-build-only|agg
//   plain: points only (supercluster's own cost), builds and queries
//   plain-build-only: the same without the queries
//   agg:   builds that also sum RSVPs and per-state counts through
//          map/reduce, which is what oc::ClusterIndex computes on every build
import fs from 'node:fs';
import Supercluster from 'supercluster';

const [pointsPath, viewportsPath, repsArg, mode] = process.argv.slice(2);
const reps = Number(repsArg);

function arrayBufferOf(path) {
    const buf = fs.readFileSync(path);
    // A private copy: typed arrays over it then start at aligned offsets.
    const ab = new ArrayBuffer(buf.length);
    new Uint8Array(ab).set(buf);
    return ab;
}

function readPoints(path) {
    const ab = arrayBufferOf(path);
    const header = new Uint32Array(ab, 0, 4);
    if (header[0] !== 0x5450434f || header[1] !== 1) throw new Error(`not a point file: ${path}`);
    const n = header[2];
    let off = 16;
    const lng = new Float64Array(ab, off, n); off += 8 * n;
    const lat = new Float64Array(ab, off, n); off += 8 * n;
    const id = new Uint32Array(ab, off, n); off += 4 * n;
    const rsvps = new Uint32Array(ab, off, n); off += 4 * n;
    const state = new Uint8Array(ab, off, n);
    const features = new Array(n);
    for (let i = 0; i < n; i++) {
        features[i] = {
            type: 'Feature',
            properties: {id: id[i], rsvps: rsvps[i], state: state[i]},
            geometry: {type: 'Point', coordinates: [lng[i], lat[i]]}
        };
    }
    return features;
}

function readViewports(path) {
    const ab = arrayBufferOf(path);
    const header = new Uint32Array(ab, 0, 4);
    if (header[0] !== 0x5056434f || header[1] !== 1) throw new Error(`not a viewport file: ${path}`);
    const rows = new Float64Array(ab, 16, header[2] * 5);
    const out = [];
    for (let i = 0; i < header[2]; i++) {
        const r = rows.subarray(i * 5, i * 5 + 5);
        out.push({bbox: [r[0], r[1], r[2], r[3]], zoom: r[4]});
    }
    return out;
}

function percentile(values, p) {
    const v = [...values].sort((a, b) => a - b);
    const rank = Math.min(Math.max(Math.ceil(p * v.length), 1), v.length);
    return v[rank - 1];
}

function peakRssMb() {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
}

const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

const features = readPoints(pointsPath);
const viewports = readViewports(viewportsPath);
const options = {minZoom: 0, maxZoom: 16, radius: 40, extent: 512, minPoints: 2};
if (mode === 'agg') {
    options.map = p => ({
        rsvps: p.rsvps,
        s0: p.state === 0 ? 1 : 0, s1: p.state === 1 ? 1 : 0, s2: p.state === 2 ? 1 : 0, s3: p.state >= 3 ? 1 : 0
    });
    options.reduce = (acc, p) => {
        acc.rsvps += p.rsvps; acc.s0 += p.s0; acc.s1 += p.s1; acc.s2 += p.s2; acc.s3 += p.s3;
    };
}

// Warm the JIT on a subset first, so the timed build measures compiled code
// as it would in a long-running page.
for (let w = 0; w < 2; w++)
    new Supercluster(options).load(features.slice(0, Math.min(features.length, 20000)));

const builds = [];
const cpu = [];
let index = null;
for (let r = 0; r < reps; r++) {
    index = null; // one index alive at a time, as in the C++ child
    const c0 = process.cpuUsage();
    const t0 = nowMs();
    index = new Supercluster(options).load(features);
    builds.push(nowMs() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
}
console.log(`build_ms ${percentile(builds, 0.5).toFixed(3)}`);
console.log(`build_cpu_ms ${percentile(cpu, 0.5).toFixed(3)}`);

if (mode === 'plain') {
    for (const z of [4, 7, 11]) {
        const mine = viewports.filter(v => v.zoom === z);
        for (const v of mine) index.getClusters(v.bbox, v.zoom); // warm-up for the JIT
        const us = [];
        let items = 0;
        for (const v of mine) {
            // Median of five runs per viewport, like the C++ child.
            const runs = [];
            let result = null;
            for (let r = 0; r < 5; r++) {
                const t0 = process.hrtime.bigint();
                result = index.getClusters(v.bbox, v.zoom);
                runs.push(Number(process.hrtime.bigint() - t0) / 1e3);
            }
            us.push(percentile(runs, 0.5));
            items += result.length;
        }
        console.log(`z${z}_p50_us ${percentile(us, 0.5).toFixed(3)}`);
        console.log(`z${z}_p99_us ${percentile(us, 0.99).toFixed(3)}`);
        console.log(`z${z}_items ${(items / mine.length).toFixed(2)}`);
        console.log(`z${z}_n ${mine.length}`);
    }
}
console.log(`rss_mb ${peakRssMb().toFixed(1)}`);
