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

/** The browse URL of a branch's file (`blob`) or tree (`tree`), as the URL readers take it. */
function browseUrl(repoUrl: string, kind: 'blob' | 'tree', rest: string) {
  const [host, query = ''] = repoUrl.split('?');
  const params = new URLSearchParams(query);
  const owner = params.get('owner');
  const repo = params.get('repo');
  if (!host || !owner || !repo) {
    throw new InputError(
      `Invalid repoUrl "${repoUrl}": expected host?owner=...&repo=...`,
    );
  }
  const segment = host.includes('gitlab') ? `-/${kind}` : kind;
  return `https://${host}/${owner}/${repo}/${segment}/${rest}`;
}

/** The browse URL of a file (`fetch:plain:file` builds the same). */
export function fileUrl(repoUrl: string, branch: string, file: string) {
  return browseUrl(repoUrl, 'blob', `${branch}/${file}`);
}

/** The browse URL of a branch's whole tree: `readTree` reads it as one archive. */
export function treeUrl(repoUrl: string, branch: string) {
  return browseUrl(repoUrl, 'tree', branch);
}

/** Whether a repository path (a file, or a folder the archive lists) is in one of `folders`. */
export function inFolders(folders: string[], repoPath: string) {
  const p = repoPath.replace(/\/+$/, '');
  return folders.some(
    f =>
      f === '.' ||
      p === f ||
      p.startsWith(`${f}/`) ||
      // The folders above a wanted one, so that the archive can hold it.
      f.startsWith(`${p}/`),
  );
}

/**
 * Creates `prometheus-federation:fetch:files`: fetches the files an edit may touch into the
 * workspace, the optional ones only when they exist. `fetch:plain:file` fails on a missing
 * file, so a template could not fetch the new cluster's own Ingress or catalog file; without
 * them, the edit would write a fresh file over a hand-made one in the pull request.
 * `folders` fetches whole folders (`.`: the repository) from one archive of the branch
 * (`readTree`), so that the inventory sees every place a cluster is federated, in any layout.
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
        folders: z =>
          z
            .array(z.string())
            .optional()
            .describe(
              'Folders fetched whole, from one archive of the branch ("." for the repository)',
            ),
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
      const folders = ctx.input.folders ?? [];
      for (const folder of folders) {
        if (folder !== '.') validateRepoPath(folder, 'folders');
      }
      if (folders.length > 0) {
        const tree = await options.reader.readTree(treeUrl(repoUrl, branch), {
          token: token || undefined,
          filter: p => inFolders(folders, p),
        });
        await fs.mkdir(target, { recursive: true });
        await tree.dir({ targetDir: target });
        ctx.logger.info(`${folders.join(', ')}: fetched from ${branch}`);
      }
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
