/**
 * The backend process the memory benchmark measures (bench/memory.bench.ts forks it): the same
 * backend as the footprint benchmark's, and its memory broken down on request (memoryProbe.ts).
 *
 *   argv: <dir> <port> <federation JSON file>
 */
import { answerMemoryQueries } from './memoryProbe';
import './footprintBackend';

answerMemoryQueries();
