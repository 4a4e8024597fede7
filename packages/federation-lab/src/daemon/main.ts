import { runDaemon } from './labDaemon';

// Started detached by startLab(); the resolved options come as one JSON argument.
runDaemon(JSON.parse(process.argv[2]));
