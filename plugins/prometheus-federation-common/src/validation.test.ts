import {
  CLUSTER_NAME_RULE,
  DOMAIN_RULE,
  HOST_NAME_RULE,
  JOB_NAME_RULE,
  REGION_RULE,
  SECURITY_GROUP_ID_RULE,
  ValidationRule,
  validationProblem,
} from './validation';

const cases: Array<[ValidationRule, string[], string[]]> = [
  [
    CLUSTER_NAME_RULE,
    ['blue', 'prod-eu-1', '0a', 'a'.repeat(52)],
    ['', 'Blue', '-blue', 'blue-', 'blue_1', 'a'.repeat(53), 'blue.green'],
  ],
  [
    DOMAIN_RULE,
    ['talentos.darey.io', 'example.com', 'a-b.c-d.example'],
    ['', 'localhost', 'Example.com', '-x.example.com', 'x..com', 'x.com.'],
  ],
  [
    HOST_NAME_RULE,
    ['prometheus-blue.example.com', 'localhost', 'Leaf.Example.COM'],
    ['', 'a b', 'x..com', '-x.com', `${'a'.repeat(64)}.com`],
  ],
  [
    SECURITY_GROUP_ID_RULE,
    ['sg-0123456789abcdef0', 'sg-12345678'],
    ['', 'sg-123', 'sg-0123456789ABCDEF0', 'sg-0123456789abcdef', 'g-12345678'],
  ],
  [
    REGION_RULE,
    [
      'eu-west-1',
      'us-gov-west-1',
      'ap-southeast-7',
      'cn-north-1',
      'mx-central-1',
      'eusc-de-east-1',
    ],
    ['', 'eu-west', 'EU-WEST-1', 'euwest1', 'eu-west-1a', 'mars-1'],
  ],
  [
    JOB_NAME_RULE,
    ['federate-blue', 'federate_blue', '_x'],
    ['', 'federate blue', 'federate-.*', '1job', 'job"}'],
  ],
];

describe.each(cases)('%o', (rule, valid, invalid) => {
  it.each(valid)(`${rule.name} accepts %p`, value => {
    expect(validationProblem(rule, value)).toBeUndefined();
  });
  it.each(invalid)(`${rule.name} rejects %p with the fix`, value => {
    expect(validationProblem(rule, value)).toBe(rule.fix);
    expect(rule.fix).toMatch(/^use /);
  });
});
