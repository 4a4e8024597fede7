import { parse } from '@cdktf/hcl2json';
import { addSecurityRule, parseResourceBlocks } from './terraform';
import { removeSecurityRule } from './removeSecurityRule';

const sibling = (body: string) =>
  `resource "aws_security_group_rule" "federation_blue" {\n${body}\n}\n`;

describe('addSecurityRule', () => {
  it("writes the set-up's rule into an empty file", async () => {
    const result = addSecurityRule('', { cluster: 'new-leaf' });
    const hcl = await parse('x.tf', result.content);
    expect(
      hcl.resource.aws_security_group_rule.ops_to_new_leaf_prometheus[0],
    ).toMatchObject({
      type: 'ingress',
      protocol: 'tcp',
      from_port: 443,
      security_group_id:
        '${module.eks_cluster["new-leaf"].node_security_group_id}',
    });
  });

  it("copies the sibling's references, order, tags and wording, right after it", async () => {
    const file = `locals {\n  ops_sg = module.eks["ops"].cluster_security_group_id\n}\n\n${sibling(
      '  security_group_id        = module.eks["blue"].node_security_group_id\n  source_security_group_id = local.ops_sg\n  type                     = "ingress"\n  protocol                 = "tcp"\n  from_port                = 443\n  to_port                  = 443\n  description              = "federation: ops -> blue"\n\n  tags = {\n    Cluster = "blue"\n  }',
    )}# end\n`;
    const result = addSecurityRule(file, { cluster: 'new-leaf' });
    expect(result.content).toBe(
      file.replace(
        '}\n# end',
        `}\n\n${sibling(
          '  security_group_id        = module.eks["new-leaf"].node_security_group_id\n  source_security_group_id = local.ops_sg\n  type                     = "ingress"\n  protocol                 = "tcp"\n  from_port                = 443\n  to_port                  = 443\n  description              = "federation: ops -> new-leaf"\n\n  tags = {\n    Cluster = "new-leaf"\n  }',
        )
          .replace('federation_blue', 'federation_new_leaf')
          .replace(/\n$/, '')}\n# end`,
      ),
    );
    await parse('x.tf', result.content);
    expect(removeSecurityRule(result.content, 'new-leaf').content).toBe(file);
  });

  it('counts a rule naming the same groups through a local as present', () => {
    const file = `locals {\n  ops_sg = module.eks["ops"].cluster_security_group_id\n}\n${sibling(
      '  type = "ingress"\n  from_port = 443\n  to_port = 443\n  protocol = "tcp"\n  source_security_group_id = local.ops_sg\n  security_group_id = module.eks["blue"].node_security_group_id',
    )}resource "aws_security_group_rule" "by_hand" {\n  type = "ingress"\n  from_port = "443"\n  to_port = 443\n  protocol = "tcp"\n  source_security_group_id = "\${module.eks["ops"].cluster_security_group_id}"\n  security_group_id = module.eks["purple"].node_security_group_id\n}\n`;
    expect(addSecurityRule(file, { cluster: 'purple' }).status).toBe(
      'unchanged',
    );
  });

  it('asks for the target id when siblings name their groups by id', () => {
    const file = sibling(
      '  from_port = 443\n  security_group_id = "sg-0123abcd"\n  description = "blue"',
    ).replace('federation_blue', 'ops_to_blue_prometheus');
    expect(() => addSecurityRule(file, { cluster: 'purple' })).toThrow(
      'give targetSecurityGroupId',
    );
  });

  it('notes a per-cluster reference that must exist', () => {
    const file = `resource "aws_security_group_rule" "ops_to_blue_prometheus" {\n  from_port = 443\n  security_group_id = module.eks_blue.node_security_group_id\n}\n`;
    const result = addSecurityRule(file, { cluster: 'purple' });
    expect(result.content).toContain(
      'module.eks_purple.node_security_group_id',
    );
    expect(result.notes![0]).toContain('must exist');
  });

  it('refuses to mix with inline rules', () => {
    const file =
      'resource "aws_security_group" "nodes" {\n  ingress {\n    from_port = 443\n  }\n}\n';
    expect(() => addSecurityRule(file, { cluster: 'purple' })).toThrow(
      'inline ingress rules',
    );
  });

  it('counts the same rule under another name as present', () => {
    const first = addSecurityRule('', { cluster: 'purple' }).content;
    const renamed = first.replace('ops_to_purple_prometheus', 'hand_written');
    expect(addSecurityRule(renamed, { cluster: 'purple' })).toEqual({
      content: renamed,
      status: 'unchanged',
    });
  });

  it('skips braces inside strings and comments', () => {
    const file =
      'resource "x" "a" {\n  d = "}" # }\n  /* { */\n}\nresource "x" "b" {\n}\n';
    expect(parseResourceBlocks(file).map(b => b.name)).toEqual(['a', 'b']);
  });
});

describe('removeSecurityRule', () => {
  it('removes the rule with its comment, keeping the rest', () => {
    const file = `# header\n\n// blue\n${sibling(
      '  from_port = 443\n  security_group_id = module.eks["blue"].node_security_group_id',
    )}\n# green\nresource "aws_security_group_rule" "g" {\n  from_port = 443\n  security_group_id = module.eks["green"].node_security_group_id\n}\n`;
    const result = removeSecurityRule(file, 'blue');
    expect(result.content).toBe(
      '# header\n\n# green\nresource "aws_security_group_rule" "g" {\n  from_port = 443\n  security_group_id = module.eks["green"].node_security_group_id\n}\n',
    );
    expect(removeSecurityRule(result.content, 'blue').status).toBe('unchanged');
  });
});
