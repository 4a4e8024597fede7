import fs from 'node:fs/promises';
import path from 'node:path';
import {
  resolveSafeChildPath,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { InputError, isError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { validateRepoPath } from '../validation/inputs';
import { examples } from './fetchFiles.examples';

export const FETCH_ACTION_ID = 'prometheus-federation:fetch:files';

/** The browse URL of a file, as the URL readers take it (`fetch:plain:file` builds the same). */
export function fileUrl(repoUrl: string, branch: string, file: string) {
  const [host, query = ''] = repoUrl.split('?');
  const params = new URLSearchParams(query);
  const owner = params.get('owner');
  const repo = params.get('repo');
  if (!host || !owner || !repo) {
    throw new InputError(
      `Invalid repoUrl "${repoUrl}": expected host?owner=...&repo=...`,
    );
  }
  const blob = host.includes('gitlab') ? '-/blob' : 'blob';
  return `https://${host}/${owner}/${repo}/${blob}/${branch}/${file}`;
}

/**
 * Creates `prometheus-federation:fetch:files`: fetches the files an edit may touch into the
 * workspace, the optional ones only when they exist. `fetch:plain:file` fails on a missing
 * file, so a template could not fetch the new cluster's own Ingress or catalog file; without
 * them, the edit would write a fresh file over a hand-made one in the pull request.
 */
export function createFetchFilesAction(options: { reader: UrlReaderService }) {
  return createTemplateAction({
    id: FETCH_ACTION_ID,
    description:
      'Fetches repository files into the workspace: the required ones, and the optional ones when they exist',
    examples,
    // Read-only on the repository: a dry run fetches too, so the edit step has its files.
    supportsDryRun: true,
    schema: {
      input: {
        repoUrl: z =>
          z.string().describe('The repository, as RepoUrlPicker gives it'),
        branch: z => z.string().describe('The branch to read'),
        targetPath: z =>
          z.string().optional().describe('Workspace folder (default ".")'),
        files: z =>
          z.array(z.string()).describe('Paths that must exist').optional(),
        optionalFiles: z =>
          z
            .array(z.string())
            .optional()
            .describe('Paths fetched only when they exist'),
        token: z =>
          z
            .string()
            .optional()
            .describe("The user's token; default the integration's"),
      },
      output: {
        found: z => z.array(z.string()).describe('Optional files fetched'),
        missing: z =>
          z.array(z.string()).describe('Optional files that do not exist'),
      },
    },
    async handler(ctx) {
      const { repoUrl, branch, token } = ctx.input;
      if (!/^[A-Za-z0-9._/-]+$/.test(branch)) {
        throw new InputError(`Invalid branch "${branch}"`);
      }
      const target = resolveSafeChildPath(
        ctx.workspacePath,
        ctx.input.targetPath ?? '.',
      );
      const all = [
        ...(ctx.input.files ?? []).map(f => [f, true] as const),
        ...(ctx.input.optionalFiles ?? []).map(f => [f, false] as const),
      ];
      const found: string[] = [];
      const missing: string[] = [];
      for (const [file, required] of all) {
        validateRepoPath(file, 'file');
        const url = fileUrl(repoUrl, branch, file);
        let content: Buffer;
        try {
          content = await (
            await options.reader.readUrl(url, { token: token || undefined })
          ).buffer();
        } catch (error) {
          if (!required && isError(error) && error.name === 'NotFoundError') {
            ctx.logger.info(`${file}: not in ${branch}, not fetched`);
            missing.push(file);
            continue;
          }
          throw error;
        }
        const out = resolveSafeChildPath(target, file);
        await fs.mkdir(path.dirname(out), { recursive: true });
        await fs.writeFile(out, content);
        ctx.logger.info(`${file}: fetched`);
        if (!required) found.push(file);
      }
      ctx.output('found', found);
      ctx.output('missing', missing);
    },
  });
}
