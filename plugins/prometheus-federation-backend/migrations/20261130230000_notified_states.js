// @ts-check

/**
 * What owners were last told about each cluster: replicas claim a notification by moving the
 * row from the state they read (compare and set), so each transition is sent once.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('notified_states', table => {
    table.comment('The state owners were last notified of, per cluster');
    table.string('cluster').primary().notNullable();
    table.string('state').notNullable().comment("'' until the first decision");
    table.string('since').notNullable().comment('When the cluster entered it');
    table
      .text('applications')
      .nullable()
      .comment('JSON: applications last seen federated from the cluster');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('notified_states');
};
