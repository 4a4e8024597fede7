// @ts-check

/**
 * A copy of the latest snapshot in the database, read when the shared cache fails: replicas keep
 * serving one snapshot while Redis is away (or while Backstage's Redis client has not reconnected).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('shared_snapshots', table => {
    table.comment('The latest federation snapshot (full and list view), shared by replicas');
    table.string('key').primary().notNullable();
    table.string('generated_at').notNullable().comment('ISO 8601 time of the snapshot');
    table.text('body').notNullable().comment('JSON');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('shared_snapshots');
};
