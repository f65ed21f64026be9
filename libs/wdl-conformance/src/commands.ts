/** Dispatches conformance sub-commands. Each command lives in its own file under `commands/`. */
export const USAGE = `Usage: npm run conformance -- <command> [options]

Commands:
  expressions <vectors.json> [--json <out>]          evaluate expression test vectors
  workflows <dir> [--target local|<baseUrl>]         run WDL acceptance cases
  validate <dir>                                     validate every workflow definition in a folder
  connectors <dir> [--verbose]                       import custom connector definitions, round-trip every operation
`;

export type ConformanceCommand = (args: string[]) => Promise<number>;

const commands = new Map<string, () => Promise<ConformanceCommand>>([
  ['expressions', async () => (await import('./commands/expressions.command.js')).expressionsCommand],
  ['workflows', async () => (await import('./commands/workflows.command.js')).workflowsCommand],
  ['validate', async () => (await import('./commands/validate.command.js')).validateCommand],
  ['connectors', async () => (await import('./commands/connectors.command.js')).connectorsCommand],
]);

export async function runCommand(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    process.stdout.write(USAGE);
    return name === undefined ? 2 : 0;
  }
  const load = commands.get(name);
  if (load === undefined) {
    process.stderr.write(`Unknown command '${name}'.\n\n${USAGE}`);
    return 2;
  }
  const command = await load();
  return command(rest);
}
