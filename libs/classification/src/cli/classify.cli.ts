import { existsSync } from 'node:fs';
import { classifyTrace } from '../classify-trace';
import type { ModeModel } from '../model/mode-model';
import { DEFAULT_MODE_MODEL_PATH, readModeModelFile } from '../model-file';
import { parseArgs, runCli, stringFlag } from './cli-support';
import { readTraceInputs } from './trace-inputs';

const USAGE = `usage: npm run --silent classify -- [--model FILE] [--features] FILE...
  Classifies GPS traces offline and prints one JSON line per trace on stdout:
    {"id", "legs": [{"mode", "startedAt", "endedAt", "distanceM", "confidence"}]}
  FILE: .gpx, .kml, .tcx, .geojson, a JSON {id, points} object, or JSON lines of them (.jsonl, .jsonl.br).
  --model FILE  mode model (default: $MODE_MODEL_PATH, else the committed default model)
  --features    add each leg's reason, probabilities and features`;

function loadModel(path: string | undefined): ModeModel | undefined {
  const chosen = path ?? process.env.MODE_MODEL_PATH ?? DEFAULT_MODE_MODEL_PATH;
  if (!path && !process.env.MODE_MODEL_PATH && !existsSync(chosen)) {
    process.stderr.write(`no default model at ${chosen}: classifying with rules\n`);
    return undefined;
  }
  return readModeModelFile(chosen);
}

runCli(() => {
  const args = parseArgs(process.argv.slice(2), ['features', 'help']);
  if (args.flags.has('help') || args.positional.length === 0) throw new Error(USAGE);
  const model = loadModel(stringFlag(args, 'model'));
  const detailed = args.flags.has('features');
  let failures = 0;
  let buffer = '';
  const flush = () => {
    process.stdout.write(buffer);
    buffer = '';
  };
  for (const file of args.positional) {
    if (!existsSync(file)) {
      process.stderr.write(`${file}: no such file\n`);
      failures++;
      continue;
    }
    for (const input of readTraceInputs(file)) {
      if ('error' in input) {
        process.stderr.write(`${input.id}: ${input.error}\n`);
        buffer += `${JSON.stringify({ id: input.id, legs: [], error: input.error })}\n`;
        failures++;
        continue;
      }
      const result = classifyTrace(input.trace, { model, includeFeatures: detailed });
      const legs = result.legs.map((leg) => ({
        mode: leg.mode,
        startedAt: new Date(leg.startedAt).toISOString(),
        endedAt: new Date(leg.endedAt).toISOString(),
        distanceM: Math.round(leg.distanceM),
        confidence: leg.confidence,
        ...(detailed ? { reason: leg.reason, durationS: leg.durationS, probabilities: leg.probabilities, features: leg.features } : {}),
      }));
      buffer += `${JSON.stringify({ id: input.id, legs })}\n`;
      if (buffer.length > 1 << 16) flush();
    }
  }
  flush();
  if (failures > 0) process.exitCode = 1;
}, USAGE);

