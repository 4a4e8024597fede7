import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';

/** Runs an action's handler on a workspace with a mock logger; returns the outputs by name. */
export async function runAction(
  action: { handler: (ctx: any) => Promise<void> },
  workspacePath: string,
  input: Record<string, unknown>,
  isDryRun = false,
) {
  const logger: any = {
    info: jest.fn(),
    warn: jest.fn(),
    error: jest.fn(),
    debug: jest.fn(),
  };
  logger.child = () => logger;
  const ctx = createMockActionContext({
    workspacePath,
    logger,
    input: { cluster: 'purple', domain: 'talentos.darey.io', ...input } as any,
  });
  // createMockActionContext does not pass isDryRun through.
  (ctx as any).isDryRun = isDryRun;
  await action.handler(ctx as any);
  const outputs: Record<string, any> = Object.fromEntries(
    (ctx.output as jest.Mock).mock.calls,
  );
  return { ctx, outputs };
}
