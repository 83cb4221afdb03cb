import { UsageError } from '../args';
import { type CommandIo, processIo } from '../sweep/io';
import { factorCmd, xsCmd } from './research-factor';
import { RESEARCH_USAGE } from './research-format';
import { exportQlibCmd, topkCmd } from './research-qlib';

export { RESEARCH_USAGE } from './research-format';

export async function runResearchCmd(argv: string[], io: CommandIo = processIo): Promise<number> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'export-qlib':
      return exportQlibCmd(rest, io);
    case 'factor':
      return factorCmd(rest, io);
    case 'topk':
      return topkCmd(rest, io);
    case 'xs':
      return xsCmd(rest, io);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.out(RESEARCH_USAGE);
      return 0;
    default:
      throw new UsageError(`unknown research command "${sub}"\n\n${RESEARCH_USAGE}`);
  }
}
