// Linkage quality and the keying kit's speed (docs/keying.md, "Measured quality"). Generates synthetic agency
// extracts (docs/synthetic-data.md: census-ranked names, errors of data entry at the default rates, the truth of
// who is who), runs the bundled kit on each (police incident-persons, arrests, DA decisions) as an agency would,
// then links every arrest and every DA decision to every police row by the contract's rule (the exact keys equal,
// or at least one tolerant key of the same kind shared) and scores the links against the truth:
//   precision = true links / links made; recall = true links / same-person pairs there are.
// Speed: the kit's rows a minute on each extract, against plainly reading the same file (a child process streaming
// it and counting lines), measured in the same run. Figures are printed, never asserted (shared, noisy machines).
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const SIZES = {
  persons: Number(process.env.BENCH_LINKAGE_PERSONS || 100_000),
  police: Number(process.env.BENCH_LINKAGE_POLICE || 200_000),
  arrests: Number(process.env.BENCH_LINKAGE_ARRESTS || 50_000),
  da: Number(process.env.BENCH_LINKAGE_DA || 30_000),
};
const SEED = process.env.BENCH_LINKAGE_SEED || 'bench';
const GOALS = { precision: 0.999, recall: 0.99, rowsPerMinute: 1_000_000 };
const FILES = ['police-incident-persons', 'arrests', 'da-decisions'];
const SECRET = 'bench-linkage-secret-0123456789abcdef-0123456789';

const fmt = (n) => Math.round(n).toLocaleString('en-US');
const pct = (x) => `${(100 * x).toFixed(3)}%`;

/** Preloaded into the kit: its CPU time (user + system) on stderr at exit, a figure the machine's other load barely moves. */
const CPU_REPORT = `process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write('cpu-seconds ' + ((u.userCPUTime + u.systemCPUTime) / 1e6) + '\\n'); });`;

function timed(args, env = {}) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 24 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`${path.basename(args[0] || 'node')} failed: ${result.stderr}`);
  return { seconds, stdout: result.stdout, stderr: result.stderr };
}

/** The baseline: a child process that streams the file and counts its lines, as plain as reading gets. */
const READ_ONLY = `
const fs = require('node:fs');
let lines = 0;
fs.createReadStream(process.argv[1], { highWaterMark: 1 << 20 })
  .on('data', (b) => { let i = -1; while ((i = b.indexOf(10, i + 1)) !== -1) lines++; })
  .on('end', () => process.stdout.write(String(lines)));
`;

/** id → [exact, tolerant keys] of a kit output: the id is the first column (Incident Number, arrest_id, decision_id). */
async function readKeys(file) {
  const readline = require('node:readline');
  const rows = [];
  let exactAt = -1;
  let linkAt = -1;
  for await (const line of readline.createInterface({ input: fs.createReadStream(file, { highWaterMark: 1 << 20 }), crlfDelay: Infinity })) {
    if (line === '') continue;
    const cells = line.split(','); // the generated extracts' copied cells hold no commas
    if (exactAt < 0) {
      exactAt = cells.findIndex((h) => h === 'Person Key' || h === 'person_key');
      linkAt = cells.findIndex((h) => h === 'Person Link Keys' || h === 'person_link_keys');
      continue;
    }
    rows.push({ id: cells[0], exact: cells[exactAt], tolerant: cells[linkAt] === '' ? [] : cells[linkAt].split(';') });
  }
  return rows;
}

function readTruth(file) {
  const truth = new Map();
  for (const line of fs.readFileSync(file, 'utf8').split('\n').slice(1)) {
    if (line === '') continue;
    const comma = line.indexOf(',');
    truth.set(line.slice(0, comma), Number(line.slice(comma + 1)));
  }
  return truth;
}

function index(rows) {
  const byExact = new Map();
  const byTolerant = new Map();
  const add = (map, key, i) => {
    const list = map.get(key);
    if (list) list.push(i);
    else map.set(key, [i]);
  };
  rows.forEach((r, i) => {
    add(byExact, r.exact, i);
    for (const k of r.tolerant) add(byTolerant, k, i);
  });
  return { byExact, byTolerant };
}

/** Scores the links between police rows and one action file's rows. */
function score(police, policeTruth, policeIndex, actions, actionTruth) {
  const policeCount = new Map();
  for (const r of police) {
    const p = policeTruth.get(r.id);
    policeCount.set(p, (policeCount.get(p) || 0) + 1);
  }
  const s = { pairs: 0, links: 0, trueLinks: 0, exactLinks: 0, exactTrue: 0, approxLinks: 0, approxTrue: 0, byKind: {} };
  for (const a of actions) {
    const person = actionTruth.get(a.id);
    s.pairs += policeCount.get(person) || 0;
    const exact = new Set(policeIndex.byExact.get(a.exact) || []);
    const approx = new Map();
    for (const k of a.tolerant) {
      for (const i of policeIndex.byTolerant.get(k) || []) {
        if (exact.has(i)) continue;
        const kinds = approx.get(i) || new Set();
        kinds.add(k.slice(0, k.indexOf(':')));
        approx.set(i, kinds);
      }
    }
    for (const i of exact) {
      const same = policeTruth.get(police[i].id) === person;
      s.links++;
      s.exactLinks++;
      if (same) (s.trueLinks++, s.exactTrue++);
    }
    for (const [i, kinds] of approx) {
      const same = policeTruth.get(police[i].id) === person;
      s.links++;
      s.approxLinks++;
      if (same) (s.trueLinks++, s.approxTrue++);
      const label = [...kinds].sort().join('+');
      const k = (s.byKind[label] ||= { links: 0, true: 0 });
      k.links++;
      if (same) k.true++;
    }
  }
  return s;
}

exports.run = async ({ root }) => {
  const build = spawnSync(process.execPath, [path.join(root, 'tools/build-keying.cjs')], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('building the keying kit failed');
  const kit = path.join(root, 'dist/keying/keying-kit.cjs');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sra-bench-linkage-'));
  try {
    process.stdout.write(
      `population ${fmt(SIZES.persons)} people; extracts: police incident-persons ${fmt(SIZES.police)}, arrests ${fmt(SIZES.arrests)}, DA decisions ${fmt(SIZES.da)} rows (seed "${SEED}", default error rates)\n`,
    );
    timed([path.join(root, 'dist/keying/keying-extracts.cjs'), '--out', dir, '--seed', SEED, ...Object.entries(SIZES).flatMap(([k, v]) => [`--${k}`, String(v)])]);

    const outputs = {};
    for (const file of FILES) {
      const input = path.join(dir, `${file}.csv`);
      const output = path.join(dir, `${file}.keyed.csv`);
      const rows = SIZES[{ 'police-incident-persons': 'police', arrests: 'arrests', 'da-decisions': 'da' }[file]];
      const cpuReport = path.join(dir, 'cpu-report.cjs');
      fs.writeFileSync(cpuReport, CPU_REPORT);
      const run = timed(['-r', cpuReport, kit, '--config', path.join(dir, `${file}.config.json`), '--in', input, '--out', output], { KEYING_SECRET: SECRET });
      const read = timed(['-e', READ_ONLY, input]);
      const mb = fs.statSync(input).size / 1e6;
      const peak = /peak memory (\d+) MB/.exec(run.stderr);
      const cpu = Number(/cpu-seconds ([\d.]+)/.exec(run.stderr)?.[1]);
      process.stdout.write(
        `${file}: kit ${run.seconds.toFixed(2)} s = ${fmt((rows / run.seconds) * 60)} rows/minute (goal ${fmt(GOALS.rowsPerMinute)}), ${fmt((rows / cpu) * 60)} rows a minute of its CPU time, peak memory ${peak ? peak[1] : '?'} MB, output ${(fs.statSync(output).size / 1e6).toFixed(1)} MB; ` +
          `plain reading of the same ${mb.toFixed(1)} MB ${read.seconds.toFixed(2)} s = ${fmt((rows / read.seconds) * 60)} rows/minute; kit / reading = ${(run.seconds / read.seconds).toFixed(2)}x\n`,
      );
      outputs[file] = await readKeys(output);
      fs.rmSync(output);
      fs.rmSync(input); // the names are not kept longer than needed, even synthetic ones
    }

    const police = outputs['police-incident-persons'];
    const policeTruth = readTruth(path.join(dir, 'police-incident-persons.truth.csv'));
    const policeIndex = index(police);
    const total = { pairs: 0, links: 0, trueLinks: 0, exactTrue: 0 };
    for (const file of ['arrests', 'da-decisions']) {
      const s = score(police, policeTruth, policeIndex, outputs[file], readTruth(path.join(dir, `${file}.truth.csv`)));
      for (const k of Object.keys(total)) total[k] += s[k];
      process.stdout.write(
        `police × ${file}: ${fmt(s.pairs)} same-person pairs; ${fmt(s.links)} links (${fmt(s.exactLinks)} exact, ${fmt(s.approxLinks)} approximate); ` +
          `precision ${pct(s.trueLinks / s.links)}, recall ${pct(s.trueLinks / s.pairs)} (exact key alone: ${pct(s.exactTrue / s.pairs)})\n`,
      );
      for (const [kinds, k] of Object.entries(s.byKind).sort()) process.stdout.write(`  approximate by ${kinds}: ${fmt(k.links)} links, ${fmt(k.links - k.true)} false\n`);
    }
    const precision = total.trueLinks / total.links;
    const recall = total.trueLinks / total.pairs;
    process.stdout.write(
      `all links: precision ${pct(precision)} (goal ≥ ${pct(GOALS.precision)}), recall ${pct(recall)} (goal ≥ ${pct(GOALS.recall)}); ` +
        `${fmt(total.links - total.trueLinks)} false links, ${fmt(total.pairs - total.trueLinks)} pairs missed; exact key alone: recall ${pct(total.exactTrue / total.pairs)}\n`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
};
