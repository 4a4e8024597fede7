import { isMap, YAMLMap, YAMLSeq } from 'yaml';
import { InputError } from '@backstage/errors';
import type { EditResult } from './editResult';
import {
  editScrapeConfigs,
  ScrapeConfigsHost,
  scrapeConfigList,
} from './helmValues';

/**
 * Removes the scrape job `jobName` wherever the file keeps its scrape configs
 * (locateScrapeConfigs): only the lines of that job go, so a job addScrapeJob appended comes
 * out leaving the file byte for byte as it was.
 */
export function removeScrapeJob(content: string, jobName: string): EditResult {
  return editScrapeConfigs(content, host =>
    host.root
      ? removeFrom(host.text, host, jobName)
      : { content: host.text, status: 'unchanged' },
  );
}

function removeFrom(
  content: string,
  host: ScrapeConfigsHost,
  jobName: string,
): EditResult {
  const seq = scrapeConfigList(host);
  if (!seq) return { content, status: 'unchanged' };
  const index = seq.items.findIndex(
    (item: unknown) => isMap(item) && item.get('job_name') === jobName,
  );
  if (index === -1) return { content, status: 'unchanged' };
  if (seq.flow || seq.items.length === 1) {
    throw new InputError(
      `Job ${jobName} is ${
        seq.flow ? 'in a flow list' : 'the only scrape config'
      }: remove it by hand`,
    );
  }
  const item = (seq as YAMLSeq).items[index] as YAMLMap;
  // From the start of the line holding its dash to the end of its last line.
  const dash = content.lastIndexOf('-', item.range![0]);
  const start = content.lastIndexOf('\n', dash) + 1;
  let end = item.range![1];
  if (content[end - 1] !== '\n') {
    const eol = content.indexOf('\n', end);
    end = eol === -1 ? content.length : eol + 1;
  }
  return {
    content: content.slice(0, start) + content.slice(end),
    status: 'removed',
  };
}
