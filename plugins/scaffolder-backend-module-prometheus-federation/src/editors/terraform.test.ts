import { parse } from '@cdktf/hcl2json';
import { addSecurityRule, parseResourceBlocks } from './terraform';

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

  it('follows the module name the file uses', () => {
    const file =
      'resource "aws_security_group_rule" "a" {\n  security_group_id = module.eks["blue"].node_security_group_id\n}\n';
    expect(addSecurityRule(file, { cluster: 'purple' }).content).toContain(
      'module.eks["purple"].node_security_group_id',
    );
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
