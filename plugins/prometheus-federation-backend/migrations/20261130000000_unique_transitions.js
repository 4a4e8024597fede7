// @ts-check

/**
 * Replicas may record the same transition: a unique key makes the insert idempotent.
 * `seen_at` lets clusters that disappeared from ops Prometheus and the config be pruned.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  // Rows recorded twice before the key existed: keep the first of each.
  const keep = knex('state_transitions')
    .min('id')
    .groupBy('cluster', 'at', 'to_state');
  await knex('state_transitions').whereNotIn('id', keep).delete();
  await knex.schema.alterTable('state_transitions', table => {
    table.unique(['cluster', 'at', 'to_state'], {
      indexName: 'state_transitions_once_idx',
    });
    table.index(['cluster', 'at'], 'state_transitions_cluster_at_idx');
  });
  await knex.schema.alterTable('cluster_states', table => {
    table
      .string('seen_at')
      .nullable()
      .comment('ISO 8601 time of the last snapshot that listed the cluster');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('cluster_states', table => {
    table.dropColumn('seen_at');
  });
  await knex.schema.alterTable('state_transitions', table => {
    table.dropUnique(
      ['cluster', 'at', 'to_state'],
      'state_transitions_once_idx',
    );
    table.dropIndex(['cluster', 'at'], 'state_transitions_cluster_at_idx');
  });
};
