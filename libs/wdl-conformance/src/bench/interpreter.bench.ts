/**
 * `npm run bench:interpreter [-- --rounds R]`: drives runs of a few workflow shapes through `start`/`step`
 * with an instant connector and prints interpreter steps per second, in memory and with the state going
 * through JSON after every step (what the orchestrator does with Postgres), plus the stored state size of
 * the Request -> Http -> Response sample. Each figure is the median of R rounds (the machine is shared).
 */
import { driveRun, type DriveOptions } from './interpreter-driver.js';
import {
  INTERPRETER_BENCH_SHAPES,
  SAMPLE_SHAPE,
  type InterpreterBenchShape,
} from './interpreter-bench-shapes.js';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  const value = index === -1 ? undefined : Number(process.argv[index + 1]);
  return value !== undefined && Number.isInteger(value) && value > 0 ? value : fallback;
}

const rounds = option('--rounds', 3);

/** Definition supplied by the caller on every step; the state keeps only its hash. */
const external = (shape: InterpreterBenchShape): DriveOptions => ({
  storage: true,
  start: { storeDefinition: false },
  step: { definition: shape.definition },
});

interface Mode {
  readonly name: string;
  readonly options: (shape: InterpreterBenchShape) => DriveOptions;
}

const MODES: readonly Mode[] = [
  { name: 'in memory', options: () => ({ storage: false }) },
  { name: 'JSON each step', options: () => ({ storage: true }) },
  { name: 'JSON, def. outside', options: external },
  {
    name: '+ compactLoops',
    options: (shape) => ({ ...external(shape), start: { storeDefinition: false, compactLoops: true } }),
  },
];

function stepsPerSecond(shape: InterpreterBenchShape, mode: Mode): { rate: number; steps: number } {
  const options = mode.options(shape);
  driveRun(shape, 'warm-up', options);
  const rates: number[] = [];
  let steps = 0;
  for (let round = 0; round < rounds; round++) {
    steps = 0;
    const begin = process.hrtime.bigint();
    for (let run = 0; run < shape.runs; run++) {
      const result = driveRun(shape, `run-${run}`, options);
      if (result.status !== 'Succeeded') throw new Error(`${shape.name} ended ${result.status}`);
      steps += result.steps;
    }
    rates.push(steps / (Number(process.hrtime.bigint() - begin) / 1e9));
  }
  rates.sort((a, b) => a - b);
  return { rate: rates[Math.floor(rates.length / 2)] as number, steps: steps / shape.runs };
}

console.log(
  `interpreter benchmark: steps (start + one step per connector completion) per second, median of ${rounds} rounds`,
);
console.log(
  ['shape'.padEnd(24), 'steps/run'.padStart(10), ...MODES.map((m) => m.name.padStart(20))].join(' '),
);
for (const shape of INTERPRETER_BENCH_SHAPES) {
  const cells = [shape.name.padEnd(24)];
  let stepsPerRun = 0;
  const rates = MODES.map((mode) => {
    const { rate, steps } = stepsPerSecond(shape, mode);
    stepsPerRun = steps;
    return Math.round(rate).toLocaleString('en-US').padStart(20);
  });
  cells.push(String(stepsPerRun).padStart(10), ...rates);
  console.log(cells.join(' '));
}

for (const mode of MODES.slice(1)) {
  const sizes = driveRun(SAMPLE_SHAPE, 'size', mode.options(SAMPLE_SHAPE)).stateBytes;
  console.log(`${SAMPLE_SHAPE.name} stored state bytes after each call (${mode.name}): ${sizes.join(', ')}`);
}
