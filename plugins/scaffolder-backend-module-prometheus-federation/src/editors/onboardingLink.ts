import { InputError } from '@backstage/errors';
import {
  CLUSTER_ANNOTATION,
  ONBOARDING_PR_ANNOTATION,
} from '@promfed/plugin-prometheus-federation-common';
import { isMap, isScalar, Node, Pair, parseDocument, YAMLMap } from 'yaml';
import type { EditResult } from './editResult';
import { parsedBack } from './parsedBack';
import { columnOf, parseYaml } from './yamlText';

/** A URL as a YAML scalar: plain when that reads back the same as a mapping value, else double-quoted. */
function scalarText(value: string): string {
  const plain =
    /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[A-Za-z0-9._~:/?#[\]@!$&'()*+,;=%-]+$/.test(
      value,
    ) && !/(: | #|:$)/.test(value);
  if (plain) {
    const doc = parseDocument(`key: ${value}\n`);
    if (doc.errors.length === 0 && doc.toJS()?.key === value) return value;
  }
  return JSON.stringify(value);
}

/** The offset just after the line on which `offset - 1` lies (or the end, with a newline added). */
function lineEnd(text: string, offset: number): { at: number; prefix: string } {
  if (text[offset - 1] === '\n') return { at: offset, prefix: '' };
  const nl = text.indexOf('\n', offset);
  return nl < 0
    ? { at: text.length, prefix: '\n' }
    : { at: nl + 1, prefix: '' };
}

const insert = (text: string, at: number, piece: string) =>
  text.slice(0, at) + piece + text.slice(at);

/**
 * Sets `prometheus-federation.io/onboarding-pr: <url>` on a cluster's catalog entity, changing
 * only that key's line (inserted after the last annotation, or its value replaced): comments,
 * order and indentation elsewhere stay byte for byte. `unchanged` when it already has the link.
 * Throws InputError naming the field when the file is not the cluster's Resource.
 */
export function setOnboardingLink(
  content: string,
  options: { cluster: string; pullRequestUrl: string },
): EditResult {
  const doc = parseYaml(content, 'The catalog entity');
  const entity = doc.toJS() ?? {};
  const annotated = entity.metadata?.annotations?.[CLUSTER_ANNOTATION];
  if (entity.kind !== 'Resource' || annotated !== options.cluster)
    throw new InputError(
      `The catalog entity is not cluster ${
        options.cluster
      }'s Resource: kind is ${JSON.stringify(
        entity.kind,
      )} and metadata.annotations["${CLUSTER_ANNOTATION}"] is ${JSON.stringify(
        annotated,
      )}`,
    );
  // What the file must read as once written: the same entity with the link set.
  const expected = structuredClone(entity);
  expected.metadata.annotations[ONBOARDING_PR_ANNOTATION] =
    options.pullRequestUrl;
  const readsBack = (edited: string) => {
    parsedBack(edited, expected, 'The catalog entity');
    return edited;
  };
  const metadata = doc.get('metadata', true) as Node;
  const annotations = (metadata as YAMLMap).get('annotations', true) as Node;
  if (
    !isMap(metadata) ||
    metadata.flow ||
    !isMap(annotations) ||
    annotations.flow
  )
    throw new InputError(
      'metadata.annotations of the catalog entity is a flow mapping ({...}); write it as a block mapping to add the pull request link',
    );
  const line = `${ONBOARDING_PR_ANNOTATION}: ${scalarText(
    options.pullRequestUrl,
  )}`;
  const pairs = annotations.items as Array<Pair<Node, Node>>;
  const existing = pairs.find(
    p => isScalar(p.key) && p.key.value === ONBOARDING_PR_ANNOTATION,
  );
  if (existing) {
    const value = existing.value;
    if (isScalar(value) && value.value === options.pullRequestUrl)
      return { content, status: 'unchanged' };
    if (!value?.range || !isScalar(value))
      throw new InputError(
        `metadata.annotations["${ONBOARDING_PR_ANNOTATION}"] of the catalog entity is not a string`,
      );
    const [start, end] = value.range;
    return {
      content: readsBack(
        content.slice(0, start) +
          scalarText(options.pullRequestUrl) +
          content.slice(end),
      ),
      status: 'added',
      notes: [`replaced the earlier link ${String(value.value)}`],
    };
  }
  // After the last annotation (there is one: the cluster's), at the annotations' indentation.
  const first = pairs[0].key;
  const last = pairs[pairs.length - 1];
  const lastEnd = (last.value ?? last.key)!.range![1];
  const { at, prefix } = lineEnd(content, lastEnd);
  const indent = ' '.repeat(columnOf(content, first.range![0]));
  return {
    content: readsBack(insert(content, at, `${prefix}${indent}${line}\n`)),
    status: 'added',
  };
}
