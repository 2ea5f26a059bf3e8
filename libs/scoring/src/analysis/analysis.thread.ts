import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { type ModeModel, readModeModelFile } from '@muvo/classification';
import { analyseTrip, type AnalysisCity, decodeChunks, type TripAnalysis } from './trip-analysis';

/** A request to an analysis thread: the trip's stored chunks and its city (sent once per city key). */
export interface AnalysisRequest {
  id: number;
  chunks: Uint8Array[];
  cityKey: string | null;
  city?: AnalysisCity;
}

export type AnalysisReply = { id: number; analysis: TripAnalysis } | { id: number; error: string };

export interface AnalysisThreadData {
  kind: 'muvo-analysis';
  modelPath: string | null;
}

/** Decodes and analyses one trip; the same code inline (no threads) and on a thread. */
export function analyseChunks(
  chunks: readonly Uint8Array[],
  model: ModeModel | null,
  city: AnalysisCity | null,
): TripAnalysis {
  return analyseTrip(decodeChunks(chunks), { model, city });
}

function runThread(data: AnalysisThreadData): void {
  const model = data.modelPath ? readModeModelFile(data.modelPath) : null;
  const cities = new Map<string, AnalysisCity>();
  parentPort!.on('message', (request: AnalysisRequest) => {
    let reply: AnalysisReply;
    const transfer: ArrayBuffer[] = [];
    try {
      if (request.city) cities.set(request.city.key, request.city);
      const city = request.cityKey ? cities.get(request.cityKey) : null;
      if (request.cityKey && !city) throw new Error(`analysis thread has no city ${request.cityKey}`);
      const analysis = analyseChunks(request.chunks, model, city ?? null);
      transfer.push(analysis.fingerprint.samples.buffer as ArrayBuffer);
      reply = { id: request.id, analysis };
    } catch (error) {
      reply = { id: request.id, error: (error as Error).stack ?? String(error) };
    }
    parentPort!.postMessage(reply, transfer);
  });
}

if (!isMainThread && (workerData as AnalysisThreadData | undefined)?.kind === 'muvo-analysis') {
  runThread(workerData as AnalysisThreadData);
}
