// @ts-check

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('cluster_states', table => {
    table.comment('The current state of each federated cluster, to answer "down since"');
    table.string('cluster').primary().notNullable();
    table.string('state').notNullable();
    table.string('since').notNullable().comment('ISO 8601 time the cluster entered the state');
    table.string('headline').nullable();
  });
  await knex.schema.createTable('state_transitions', table => {
    table.comment('State changes of each cluster: a short history');
    table.increments('id');
    table.string('cluster').notNullable();
    table.string('at').notNullable();
    table.string('from_state').nullable();
    table.string('to_state').notNullable();
    table.string('headline').nullable();
    table.text('summary').nullable();
    table.index(['cluster', 'id'], 'state_transitions_cluster_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('state_transitions');
  await knex.schema.dropTable('cluster_states');
};
